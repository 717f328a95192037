// The funnel in the built add-on (dist/Code.js) on the emulated spreadsheet: setup builds Ad spend and Funnel; every
// funnel cell read back through the sheet's own formulas equals the TypeScript reckoning of the same rows; people's
// edits reach it with the add-on's triggers gone; purchases reach it when totals are updated; a rebuild never stacks
// charts or colour scales; ABC classes and loyalty points are kept by the recompute.
import { CLIENT_FIELDS } from '../../src/domain/fields';
import { columnLetter } from '../../src/domain/formulas';
import { computeFunnel } from '../../src/domain/funnelReport/compute';
import { monthKey } from '../../src/domain/funnelReport/model';
import { COL, funnelLayout, PICK } from '../../src/domain/funnelReport/render';
import { defaultSettings } from '../../src/domain/settings';
import type { Card, SpendInput } from '../domain/funnelReport/funnelEnv';
import { randomCards, randomSpend } from '../domain/funnelReport/generate';
import { errorCells, pickedOf, readPicked, readTable, reportFigures, rounded } from '../domain/funnelReport/read';
import { seeded } from '../domain/reminders/random';
import { col, type Lang, setUpWorkbook, TAB } from './helpers';

const TODAY = '2026-03-15';
const FUNNEL = { ru: 'Воронка', en: 'Funnel' };
const AD_SPEND = { ru: 'Расходы на рекламу', en: 'Ad spend' };
const END = monthKey(TODAY);

type Wb = ReturnType<typeof setUpWorkbook>['wb'];

function sheet(wb: Wb, name: string): GoogleAppsScript.Spreadsheet.Sheet {
  return (wb.model.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet).getSheetByName(name)!;
}

/** Cards written under their headers (as a script or a paste would), from row 2. */
function writeCards(wb: Wb, lang: Lang, cards: Card[]): void {
  const clients = sheet(wb, TAB[lang].clients);
  const header = wb.values(TAB[lang].clients)[0];
  const at = new Map(CLIENT_FIELDS.map((f) => [f.key, col([header], f.header[lang])]));
  const rows = cards.map((card) => {
    const row = new Array(header.length).fill('');
    for (const [key, value] of Object.entries(card)) row[at.get(key)!] = value;
    return row;
  });
  if (clients.getMaxRows() < rows.length + 1) clients.insertRowsAfter(clients.getMaxRows(), rows.length);
  clients.getRange(2, 1, rows.length, header.length).setValues(rows);
}

function writeSpend(wb: Wb, lang: Lang, spend: SpendInput[]): void {
  const tab = sheet(wb, AD_SPEND[lang]);
  tab.getRange(2, 1, spend.length, 3).setValues(spend.map((s) => [s.month, s.channel, s.amount]));
}

function table(wb: Wb, lang: Lang) {
  return readTable(
    wb.values(FUNNEL[lang]),
    defaultSettings(lang, lang === 'ru' ? 'ru_RU' : 'en_US').lists.channels.length,
  );
}

const tableOf = (report: ReturnType<typeof computeFunnel>) => ({
  cells: report.cells.map((row) => row.map(reportFigures)),
  monthTotals: report.monthTotals.map(reportFigures),
  channelTotals: report.channelTotals.map(reportFigures),
  total: reportFigures(report.total),
});

/** Removes every installable trigger of the add-on, as a person can in Extensions → Apps Script → Triggers. */
function removeTriggers(wb: Wb): void {
  const remover = wb.loadAddon({
    code: 'function removeAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }',
  });
  remover.call('removeAll');
  expect(wb.triggers).toEqual([]);
}

describe('the Funnel tab in the built add-on', () => {
  it.each(['ru', 'en'] as const)(
    'setup builds Ad spend and Funnel, and every funnel cell equals computeFunnel of the same rows (%s)',
    (lang) => {
      const { wb } = setUpWorkbook(lang);
      expect(wb.values(AD_SPEND[lang])[0]).toEqual(
        lang === 'ru'
          ? ['Месяц', 'Канал', 'Сумма', 'Кампания', 'Примечание']
          : ['Month', 'Channel', 'Amount', 'Campaign', 'Note'],
      );
      const settings = defaultSettings(lang, lang === 'ru' ? 'ru_RU' : 'en_US');
      const r = seeded(lang === 'ru' ? 21 : 22);
      const cards = randomCards(r, 300, settings);
      const spend = randomSpend(r, 40, settings);
      writeCards(wb, lang, cards);
      writeSpend(wb, lang, spend);
      const values = wb.values(FUNNEL[lang]);
      const report = computeFunnel({ cards, spend, settings, endMonth: END });
      expect(errorCells(values)).toEqual([]);
      expect(rounded(readTable(values, settings.lists.channels.length))).toEqual(rounded(tableOf(report)));
      expect(rounded(readPicked(values))).toEqual(rounded(pickedOf(report.monthTotals[0])));
      expect(report.total.buyers).toBeGreaterThan(3);
    },
  );

  it('Ad spend: the channel is a dropdown of Settings channels, a wrong date is refused, a typed row counts at once', () => {
    const { wb } = setUpWorkbook('ru');
    const view = wb.view(AD_SPEND.ru, { row: 1, column: 1, numRows: 2, numColumns: 3 });
    expect(view.cells[1][1].options).toEqual(defaultSettings('ru', 'ru_RU').lists.channels);
    expect(() => wb.edit(AD_SPEND.ru, 'A2', 'в марте')).toThrow();
    expect(() => wb.edit(AD_SPEND.ru, 'C2', '-5')).toThrow();
    wb.edit(AD_SPEND.ru, 'A2', '17.03.2026');
    wb.edit(AD_SPEND.ru, 'B2', 'Avito');
    wb.edit(AD_SPEND.ru, 'C2', '12 500');
    const channels = defaultSettings('ru', 'ru_RU').lists.channels;
    expect(table(wb, 'ru').cells[0][channels.indexOf('Avito')]).toMatchObject({ spend: 12500, costPerLead: null });
    expect(wb.displayValues(AD_SPEND.ru)[1][2].replace(/[\u00a0\u202f]/g, ' ')).toBe('12 500,00 ₽');
  });

  it('money in the Settings currency, conversions as percentages, months by name (ru)', () => {
    const { wb } = setUpWorkbook('ru');
    writeCards(wb, 'ru', [
      { fullName: 'Анна', stage: 'Клиент', source: 'Instagram', createdOn: '2026-03-02', totalSpent: 1500.5 },
      { fullName: 'Борис', stage: 'Новый лид', source: 'Instagram', createdOn: '2026-03-03' },
    ]);
    writeSpend(wb, 'ru', [{ month: '2026-03-10', channel: 'Instagram', amount: 3000 }]);
    // Sheets groups thousands with a no-break space in ru.
    const shown = wb
      .displayValues(FUNNEL.ru)
      .map((r: unknown[]) => r.map((v) => String(v).replace(/[\u00a0\u202f]/g, ' ')));
    const L = funnelLayout(defaultSettings('ru', 'ru_RU').lists.channels.length);
    const row = shown[L.row(0, 1) - 1];
    expect(row[COL.month - 1]).toBe('март 2026');
    expect(row[COL.channel - 1]).toBe('Instagram');
    expect(row[COL.leads - 1]).toBe('2');
    expect(row[COL.leadToBuyer - 1]).toBe('50,0%');
    expect(row[COL.costPerLead - 1]).toBe('1 500,00 ₽');
    expect(row[COL.revenue - 1]).toBe('1 500,50 ₽');
    expect(shown[PICK.spend - 1][1]).toBe('3 000,00 ₽');
  });

  it('with the triggers removed, a person changing stage, source and dates still updates the funnel', () => {
    const { wb } = setUpWorkbook('ru');
    writeCards(wb, 'ru', [
      { fullName: 'Анна', stage: 'Новый лид', source: 'Instagram', createdOn: '2026-03-02', id: 'C-000001' },
      { fullName: 'Борис', stage: 'Новый лид', source: '', createdOn: '2026-02-03', id: 'C-000002' },
    ]);
    removeTriggers(wb);
    const C = TAB.ru.clients;
    const header = wb.values(C)[0];
    const cell = (field: string, row: number) => {
      const header_ = CLIENT_FIELDS.find((f) => f.key === field)!.header.ru;
      const c = col([header], header_);
      return `${columnLetter(c + 1)}${row}`;
    };
    const channels = defaultSettings('ru', 'ru_RU').lists.channels;
    const instagram = channels.indexOf('Instagram');
    expect(table(wb, 'ru').cells[0][instagram]).toMatchObject({ leads: 1, contacts: 0, visits: 0 });
    // A later stage with no milestone date counts as having reached every step before it.
    wb.edit(C, cell('stage', 2), 'Визит');
    expect(wb.values(C)[1][col([header], 'Первый визит')]).toBe('');
    expect(table(wb, 'ru').cells[0][instagram]).toMatchObject({ leads: 1, contacts: 1, visits: 1, buyers: 0 });
    // Another source moves the lead to its channel.
    wb.edit(C, cell('source', 2), 'Сайт');
    const site = channels.indexOf('Сайт');
    expect(table(wb, 'ru').cells[0][instagram]).toMatchObject({ leads: 0 });
    expect(table(wb, 'ru').cells[0][site]).toMatchObject({ leads: 1, visits: 1 });
    // A purchase date alone makes a buyer; a created date moved to March moves the cohort.
    wb.edit(C, cell('firstPurchaseOn', 3), '05.03.2026');
    wb.edit(C, cell('createdOn', 3), '01.03.2026');
    const t = table(wb, 'ru');
    expect(t.cells[1][channels.length]).toMatchObject({ leads: 0 });
    expect(t.cells[0][channels.length]).toMatchObject({ leads: 1, contacts: 1, visits: 1, buyers: 1 });
    expect(t.monthTotals[0]).toMatchObject({ leads: 2, buyers: 1, leadToBuyer: 0.5 });
    expect(errorCells(wb.values(FUNNEL.ru))).toEqual([]);
  });

  it('a purchase reaches the revenue when the totals are updated: logged at once, typed into the journal at night', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const added = addon.call('addClient', { fullName: 'Петрова Анна', source: 'Instagram' }) as any;
    expect(added.ok).toBe(true);
    const channels = defaultSettings('ru', 'ru_RU').lists.channels;
    const ig = channels.indexOf('Instagram');
    expect(table(wb, 'ru').cells[0][ig]).toMatchObject({ leads: 1, buyers: 0, revenue: 0 });
    const logged = addon.call('logContact', { clientId: added.id, type: 'Покупка', amount: 4000 }) as any;
    expect(logged.ok).toBe(true);
    expect(table(wb, 'ru').cells[0][ig]).toMatchObject({ leads: 1, buyers: 1, revenue: 4000, revenuePerLead: 4000 });
    // Typed into the journal by hand: the nightly run updates the totals, the funnel follows with no rebuild.
    const J = TAB.ru.journal;
    const journal = wb.values(J);
    const row = new Array(journal[0].length).fill('');
    row[col(journal, 'Когда')] = '14.03.2026';
    row[col(journal, 'ID клиента')] = added.id;
    row[col(journal, 'Тип')] = 'Покупка';
    row[col(journal, 'Сумма')] = 2500;
    wb.paste(J, `A3:${columnLetter(row.length)}3`, [row]);
    expect(table(wb, 'ru').cells[0][ig]).toMatchObject({ revenue: 4000 });
    wb.clock.set('2026-03-16T03:30:00');
    wb.runDueTriggers();
    expect(table(wb, 'ru').cells[0][ig]).toMatchObject({ revenue: 6500, revenuePerLead: 6500 });
  });

  it('a month without leads or spend shows zeros and blanks, never an error', () => {
    const { wb } = setUpWorkbook('en');
    writeCards(wb, 'en', [{ fullName: 'Ann', stage: 'Lost', source: 'Yelp', createdOn: '2025-12-01' }]);
    const values = wb.values(FUNNEL.en);
    expect(errorCells(values)).toEqual([]);
    const t = table(wb, 'en');
    expect(t.monthTotals[0]).toMatchObject({ leads: 0, spend: 0, leadToContact: null, costPerBuyer: null });
    expect(t.monthTotals[3]).toMatchObject({ leads: 1, contacts: 0, leadToContact: 0 });
  });

  it('the month picker is a dropdown of the shown months people may change without a warning', () => {
    const { wb } = setUpWorkbook('en');
    writeCards(wb, 'en', [
      { fullName: 'Ann', stage: 'Client', source: 'Yelp', createdOn: '2026-01-05', totalSpent: 900 },
      { fullName: 'Bob', stage: 'Visit', source: 'Yelp', createdOn: '2026-01-06' },
    ]);
    writeSpend(wb, 'en', [{ month: '2026-01-31', channel: 'Yelp', amount: 600 }]);
    expect(readPicked(wb.values(FUNNEL.en))).toMatchObject({ leads: 0 });
    wb.edit(FUNNEL.en, `B${PICK.picker}`, '1/1/2026');
    expect(readPicked(wb.values(FUNNEL.en))).toMatchObject({
      leads: 2,
      contacts: 2,
      visits: 2,
      buyers: 1,
      visitToBuyer: 0.5,
      spend: 600,
      costPerLead: 300,
      costPerBuyer: 600,
      revenue: 900,
    });
    expect(() => wb.edit(FUNNEL.en, `B${PICK.picker}`, '7/1/2024')).toThrow();
  });

  it('charts and colour scales are built once; setup again and two rebuilds keep one of each and a moved chart where it is', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const funnel = sheet(wb, FUNNEL.ru);
    const titles = () =>
      funnel
        .getCharts()
        .map((c) => c.getOptions().get('title'))
        .sort();
    expect(titles()).toEqual([
      'Воронка выбранного месяца',
      'Лиды по месяцам и каналам',
      'Покупатели по месяцам и каналам',
    ]);
    const gradients = () => funnel.getConditionalFormatRules().filter((r) => r.getGradientCondition()).length;
    expect(gradients()).toBe(1);
    const moved = funnel.getCharts().find((c) => c.getOptions().get('title') === 'Лиды по месяцам и каналам')!;
    funnel.updateChart(moved.modify().setPosition(60, 2, 0, 0).build());
    addon.call('setupDatabase');
    expect(titles()).toHaveLength(3);
    expect(gradients()).toBe(1);
    // The menu's "Rebuild segments and funnel", twice: still one of each.
    for (let k = 0; k < 2; k++) expect(addon.call('rebuildSegments')).toMatchObject({ ok: true });
    expect(titles()).toHaveLength(3);
    expect(gradients()).toBe(1);
    const again = funnel.getCharts().find((c) => c.getOptions().get('title') === 'Лиды по месяцам и каналам')!;
    expect(again.getContainerInfo().getAnchorRow()).toBe(60);
    // The charts draw the tab's own cells: the stages of the chosen month, leads per month by channel.
    const views = wb.model.chartViews(FUNNEL.ru);
    const stages = views.find((v) => v.title === 'Воронка выбранного месяца')!;
    expect(stages.type).toBe('BAR');
    expect(stages.labels).toEqual(['Лиды', 'Первые контакты', 'Визиты', 'Покупатели']);
    const leads = views.find((v) => v.title === 'Лиды по месяцам и каналам')!;
    expect(leads.options.isStacked).toBe(true);
    expect(leads.labels).toHaveLength(12);
    expect(leads.series.map((x) => x.name)).toEqual([
      ...defaultSettings('ru', 'ru_RU').lists.channels,
      'Другое / без канала',
    ]);
  });
  it('on the first night of a month the table moves on to it; a month a person typed stays', () => {
    const { wb } = setUpWorkbook('ru');
    writeCards(wb, 'ru', [{ fullName: 'Анна', stage: 'Визит', source: 'Сайт', createdOn: '2026-04-02' }]);
    const funnel = sheet(wb, FUNNEL.ru);
    expect(funnel.getRange(PICK.lastMonth, 2).getDisplayValue()).toBe('март 2026');
    wb.clock.set('2026-04-01T03:30:00');
    wb.runDueTriggers();
    expect(funnel.getRange(PICK.lastMonth, 2).getDisplayValue()).toBe('апрель 2026');
    // The picker followed (nobody had picked a month), and April's lead is counted with no rebuild.
    expect(readPicked(wb.values(FUNNEL.ru))).toMatchObject({ leads: 1, contacts: 1, visits: 1 });
    wb.edit(FUNNEL.ru, `B${PICK.lastMonth}`, '01.01.2026');
    wb.clock.set('2026-05-01T03:30:00');
    wb.runDueTriggers();
    expect(funnel.getRange(PICK.lastMonth, 2).getDisplayValue()).toBe('январь 2026');
  });
});

describe('ABC classes and loyalty points', () => {
  it('the recompute gives A to the clients of the top 80% of revenue, B to the next 15%, C to the rest', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const amounts = [50000, 30000, 10000, 5000, 3000, 2000];
    const names = ['Анна Петрова', 'Борис Смирнов', 'Вера Кузнецова', 'Глеб Орлов', 'Дина Соколова', 'Егор Лебедев'];
    const ids = amounts.map((amount, i) => {
      const added = addon.call('addClient', { fullName: names[i] }) as any;
      const logged = addon.call('logContact', { clientId: added.id, type: 'Покупка', amount }) as any;
      expect({ added, logged }).toMatchObject({ added: { ok: true }, logged: { ok: true } });
      return added.id as string;
    });
    const none = addon.call('addClient', { fullName: 'Без Покупок' }) as any;
    const r = addon.call('recomputeClients') as any;
    expect(r.ok).toBe(true);
    const C = wb.values(TAB.ru.clients);
    const cls = (id: string) => C.find((row) => row[col(C, 'ID')] === id)![col(C, 'ABC-класс')];
    expect(ids.map(cls)).toEqual(['A', 'A', 'B', 'B', 'C', 'C']);
    expect(cls(none.id)).toBe('');
    // Loyalty points follow the Settings percent (5% by default).
    expect(C.find((row) => row[col(C, 'ID')] === ids[0])![col(C, 'Баллы')]).toBe(2500);
    // The classes move when revenue does: on demand ("Rebuild segments and funnel"), and at the nightly recompute.
    addon.call('logContact', { clientId: ids[5], type: 'Покупка', amount: 100000 });
    const classesNow = () => {
      const v = wb.values(TAB.ru.clients);
      return ids.map((id) => v.find((row) => row[col(v, 'ID')] === id)![col(v, 'ABC-класс')]);
    };
    expect(classesNow()).toEqual(['A', 'A', 'B', 'B', 'C', 'C']);
    const rebuilt = addon.call('rebuildSegments') as { ok: boolean; message: string };
    expect(rebuilt.message).toContain('ABC-классы: A — 3, B — 1, C — 2; изменено 2.');
    expect(classesNow()).toEqual(['A', 'A', 'B', 'C', 'C', 'A']);
    wb.clock.set('2026-03-16T03:30:00');
    wb.runDueTriggers();
    expect(classesNow()).toEqual(['A', 'A', 'B', 'C', 'C', 'A']);
  });
});
