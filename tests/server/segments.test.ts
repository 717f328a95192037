// Segments in the built add-on (dist/Code.js) on the emulated spreadsheet: setup writes the default definitions and
// builds a live tab per ticked segment; each tab lists exactly the clients the TypeScript selection (what mailings
// use) picks; people's edits reach the tabs with the add-on's triggers gone; Settings changes are followed with no
// rebuild; a rebuild finds renamed tabs again and never takes over or loses a person's tab.
import { CLIENT_FIELDS } from '../../src/domain/fields';
import { computeFunnel } from '../../src/domain/funnelReport/compute';
import { monthKey } from '../../src/domain/funnelReport/model';
import { costPerMember } from '../../src/domain/funnelReport/segmentCost';
import { defaultSettings } from '../../src/domain/settings';
import { variedCards } from '../domain/segments/cards';
import { col, type Lang, setUpWorkbook, TAB } from './helpers';

type Wb = ReturnType<typeof setUpWorkbook>['wb'];
type Addon = ReturnType<typeof setUpWorkbook>['addon'];
type Card = Record<string, string | number>;

const SEGMENTS = { ru: 'Сегменты', en: 'Segments' };
const OVERVIEW = { ru: 'Сегменты: сводка', en: 'Segment summary' };
const TODAY = '2026-03-15';

function sheet(wb: Wb, name: string): GoogleAppsScript.Spreadsheet.Sheet {
  const found = (wb.model.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet).getSheetByName(name);
  if (!found) throw new Error(`no tab ${name}`);
  return found;
}

/** Cards written under their headers from row 2, as a script or a paste would (no trigger runs). */
function writeCards(wb: Wb, lang: Lang, cards: Card[]): void {
  const clients = sheet(wb, TAB[lang].clients);
  const header = wb.values(TAB[lang].clients)[0];
  const at = new Map(CLIENT_FIELDS.map((f) => [f.key, col([header], f.header[lang])]));
  const zone = lang === 'ru' ? '+03:00' : '-05:00';
  const dates = new Set(CLIENT_FIELDS.filter((f) => /date/.test(f.type)).map((f) => f.key));
  const rows = cards.map((card) => {
    const row = new Array(header.length).fill('');
    for (const [key, value] of Object.entries(card)) {
      const iso = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value);
      row[at.get(key)!] =
        dates.has(key) && iso ? new Date(`${value.length === 10 ? `${value}T00:00` : value}:00${zone}`) : value;
    }
    return row;
  });
  if (clients.getMaxRows() < rows.length + 1) clients.insertRowsAfter(clients.getMaxRows(), rows.length);
  clients.getRange(2, 1, rows.length, header.length).setValues(rows);
}

/** Removes every installable trigger of the add-on, as a person can in Extensions → Apps Script → Triggers. */
function removeTriggers(wb: Wb): void {
  wb.loadAddon({
    code: 'function removeAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }',
  }).call('removeAll');
  expect(wb.triggers).toEqual([]);
}

/** IDs a segment tab lists (its ID column, under the head rows). */
function listed(wb: Wb, tab: string): string[] {
  const values = wb.values(tab);
  const id = values[3].indexOf('ID');
  return values
    .slice(4)
    .map((r: unknown[]) => String(r[id] ?? ''))
    .filter(Boolean);
}

function members(addon: Addon, name: string): string[] {
  const r = addon.call('segmentMembers', name) as { ok: boolean; members: Array<{ id: string }> };
  expect(r.ok).toBe(true);
  return r.members.map((m) => String(m.id));
}

/** Segments tab rows as name → row (1-based), and a way to tick or write cells of a row. */
function segmentsTab(wb: Wb, lang: Lang) {
  const values = wb.values(SEGMENTS[lang]);
  const rowOf = (name: string) => values.findIndex((r: unknown[]) => r[0] === name) + 1;
  return { values, rowOf, tab: sheet(wb, SEGMENTS[lang]) };
}

function tickAll(wb: Wb, lang: Lang): void {
  const { values, tab } = segmentsTab(wb, lang);
  tab.getRange(2, 2, values.length - 1, 1).setValues(values.slice(1).map(() => [true]));
}

const sorted = (ids: string[]) => [...ids].sort();

describe('segments in the built add-on', () => {
  it.each(['ru', 'en'] as const)(
    'setup writes the default segments in the sheet language and builds a live tab for each ticked one (%s)',
    (lang) => {
      const { wb, addon } = setUpWorkbook(lang);
      const { values } = segmentsTab(wb, lang);
      expect(values[0]).toEqual(
        lang === 'ru'
          ? ['Сегмент', 'Активен', 'Условия', 'Состояние', 'Ключ']
          : ['Segment', 'Active', 'Conditions', 'Status', 'Key'],
      );
      const services = defaultSettings(lang, lang === 'ru' ? 'ru_RU' : 'en_US').lists.services;
      expect(values.length - 1).toBe(7 + 2 * services.length);
      const ticked = values.slice(1).filter((r: unknown[]) => r[1] === true);
      expect(ticked.map((r: unknown[]) => r[0])).toEqual(
        lang === 'ru'
          ? [
              'Потенциальные',
              'Разовые',
              'Постоянные',
              'Под угрозой ухода',
              'Именинники месяца',
              'Записаны на этой неделе',
              'Абонемент заканчивается',
            ]
          : [
              'Potential',
              'One-time',
              'Regular',
              'At risk',
              'Birthdays this month',
              'Appointments this week',
              'Subscriptions ending',
            ],
      );
      // Per service, "bought" and "asked, never bought" are there, named after the service's Settings cell.
      expect(values.map((r: unknown[]) => r[0])).toContain(
        lang === 'ru' ? `Купили: ${services[3]}` : `Bought: ${services[3]}`,
      );
      for (const row of ticked) {
        expect(wb.sheetNames()).toContain(row[0]);
        expect(row[3]).toBe(lang === 'ru' ? `Вкладка «${row[0]}»` : `Tab "${row[0]}"`);
        const tab = wb.values(String(row[0]));
        expect(tab[1].slice(0, 4)).toEqual(
          lang === 'ru' ? ['Клиентов', 0, 'Сумма покупок', 0] : ['Clients', 0, 'Total spent', 0],
        );
        expect(tab[3].slice(0, 3)).toEqual(
          lang === 'ru' ? ['ФИО', 'Телефон', 'Email'] : ['Full name', 'Phone', 'Email'],
        );
      }
      const overview = wb.values(OVERVIEW[lang]);
      expect(overview.slice(1).map((r: unknown[]) => r[0])).toEqual(ticked.map((r: unknown[]) => r[0]));
      addon.call('onOpen', { authMode: 'LIMITED' });
      expect(wb.ui.menus[0].items).toContainEqual({
        caption: lang === 'ru' ? 'Пересобрать сегменты и воронку' : 'Rebuild segments and funnel',
        functionName: 'rebuildSegments',
      });
    },
  );

  it('on generated rows with known answers every tab lists exactly the clients the TypeScript selection picks', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const settings = defaultSettings('ru', 'ru_RU');
    const cards: Card[] = variedCards(11, 180, 'ru', TODAY, settings.lists.services).map((c, i) => ({
      ...(c as Card),
      id: `C-${String(i + 1).padStart(6, '0')}`,
    }));
    // Known answers beside the random rows.
    // Leads of this month and the last from two channels, so a cost per member can be attributed.
    cards.forEach((c, i) => {
      if (i % 3 === 0) Object.assign(c, { createdOn: i % 2 ? '2026-03-02' : '2026-02-10', source: 'Instagram' });
      if (i % 3 === 1) Object.assign(c, { createdOn: '2026-02-20', source: 'Сайт' });
    });
    cards.push(
      { id: 'C-900001', fullName: 'Постоянная Ирина', purchases: 5, totalSpent: 9000, lastPurchaseOn: '2026-03-01' },
      { id: 'C-900002', fullName: 'Ушедший Олег', purchases: 2, totalSpent: 3000, lastPurchaseOn: '2025-06-01' },
      { id: 'C-900003', fullName: 'Именинница Вера', purchases: 0, totalSpent: 0, birthDate: '1990-03-29' },
    );
    writeCards(wb, 'ru', cards);
    const spend = [
      { month: '2026-03-01', channel: 'Instagram', amount: 12000 },
      { month: '2026-02-01', channel: 'Instagram', amount: 8000 },
      { month: '2026-02-15', channel: 'Сайт', amount: 5000 },
    ];
    sheet(wb, 'Расходы на рекламу')
      .getRange(2, 1, spend.length, 3)
      .setValues(spend.map((s) => [new Date(`${s.month}T12:00:00+03:00`), s.channel, s.amount]));
    tickAll(wb, 'ru');
    const result = addon.call('rebuildSegments') as { ok: boolean; message: string };
    expect(result.ok).toBe(true);
    expect(result.message).toContain('Сегментов: 17, с ошибкой: 0, выключено: 0.');
    const { values } = segmentsTab(wb, 'ru');
    let nonEmpty = 0;
    for (const row of values.slice(1)) {
      const name = String(row[0]);
      const ids = listed(wb, name);
      expect({ name, ids: sorted(ids) }).toEqual({ name, ids: sorted(members(addon, name)) });
      expect(wb.values(name)[1][1]).toBe(ids.length);
      if (ids.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(12);
    expect(listed(wb, 'Постоянные')).toContain('C-900001');
    expect(listed(wb, 'Разовые')).not.toContain('C-900001');
    expect(listed(wb, 'Под угрозой ухода')).toContain('C-900002');
    expect(listed(wb, 'Под угрозой ухода')).not.toContain('C-900001');
    expect(listed(wb, 'Именинники месяца')).toContain('C-900003');
    expect(listed(wb, 'Потенциальные')).toContain('C-900003');
    // Birthdays by day of month, at risk by the last purchase (oldest first).
    const birthdays = wb.values('Именинники месяца');
    const day = birthdays[3].indexOf('День');
    const days = birthdays
      .slice(4)
      .map((r: unknown[]) => r[day])
      .filter((d: unknown) => d !== '');
    expect(days).toEqual([...days].sort((a, b) => Number(a) - Number(b)));
    // The overview reads each tab's head count and total spent.
    const overview = wb.values(OVERVIEW.ru);
    const regular = overview.find((r: unknown[]) => r[0] === 'Постоянные')!;
    expect(regular[1]).toBe(listed(wb, 'Постоянные').length);
    expect(regular[2]).toBe(wb.values('Постоянные')[1][3]);
    // What one member cost to acquire, from the Ad spend of their cohort month and channel (the funnel's rule).
    const report = computeFunnel({ cards, spend, settings, endMonth: monthKey(TODAY) });
    const byId = new Map(cards.map((c) => [String(c.id), c]));
    let costs = 0;
    for (const row of overview.slice(1)) {
      const name = String(row[0]);
      const expected = costPerMember(
        report,
        settings,
        listed(wb, name).map((id) => byId.get(id)!),
      );
      if (expected === null) expect({ name, cost: row[5] }).toEqual({ name, cost: '' });
      else {
        costs++;
        expect({ name, cost: Math.round(Number(row[5]) * 100) }).toEqual({ name, cost: Math.round(expected * 100) });
      }
      expect(row[5]).toEqual(wb.values(name)[1][5]);
    }
    expect(costs).toBeGreaterThan(8);
  });

  it('with the triggers removed, a person editing stage, dates or purchases still updates the tabs', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { rowOf, tab } = segmentsTab(wb, 'ru');
    // A segment of the person's own: reached a visit and bought nothing.
    const free = wb.values(SEGMENTS.ru).length + 1;
    tab.getRange(free, 1, 1, 3).setValues([['Были на визите, не купили', true, 'Стадия достигла визит и Покупок = 0']]);
    writeCards(wb, 'ru', [
      { id: 'C-000001', fullName: 'Анна', stage: 'Новый лид', purchases: 0, totalSpent: 0 },
      { id: 'C-000002', fullName: 'Борис', stage: 'Новый лид', purchases: 0, totalSpent: 0 },
    ]);
    expect((addon.call('rebuildSegments') as { ok: boolean }).ok).toBe(true);
    expect(rowOf('Потенциальные')).toBeGreaterThan(1);
    removeTriggers(wb);
    const header = wb.values(TAB.ru.clients)[0];
    const cell = (key: string, row: number) => {
      const field = CLIENT_FIELDS.find((f) => f.key === key)!;
      return `${String.fromCharCode(65 + col([header], field.header.ru))}${row}`;
    };
    expect(listed(wb, 'Были на визите, не купили')).toEqual([]);
    wb.edit(TAB.ru.clients, cell('stage', 2), 'Визит');
    expect(listed(wb, 'Были на визите, не купили')).toEqual(['C-000001']);
    // A later stage counts as having reached the visit, with or without its date.
    wb.edit(TAB.ru.clients, cell('stage', 3), 'Клиент');
    expect(sorted(listed(wb, 'Были на визите, не купили'))).toEqual(['C-000001', 'C-000002']);
    wb.edit(TAB.ru.clients, cell('subscriptionEndsOn', 3), '20.03.2026');
    expect(listed(wb, 'Абонемент заканчивается')).toEqual(['C-000002']);
    wb.edit(TAB.ru.clients, cell('birthDate', 2), '02.03.1985');
    expect(listed(wb, 'Именинники месяца')).toEqual(['C-000001']);
    wb.edit(TAB.ru.clients, cell('purchases', 3), 4);
    expect(listed(wb, 'Постоянные')).toEqual(['C-000002']);
    expect(listed(wb, 'Были на визите, не купили')).toEqual(['C-000001']);
    expect(sorted(members(addon, 'Были на визите, не купили'))).toEqual(['C-000001']);
  });

  it('renaming a stage or a service, or changing a threshold in Settings keeps the tabs right with no rebuild', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { tab, rowOf } = segmentsTab(wb, 'ru');
    const free = wb.values(SEGMENTS.ru).length + 1;
    tab.getRange(free, 1, 1, 3).setValues([['Дошли до визита', true, 'Стадия достигла визит']]);
    tab.getRange(rowOf('Купили: Имплантация'), 2).setValue(true);
    writeCards(wb, 'ru', [
      { id: 'C-000001', fullName: 'Анна', stage: 'Новый лид', purchases: 2, totalSpent: 100 },
      { id: 'C-000002', fullName: 'Борис', stage: 'Визит', purchases: 1, servicesBought: 'Имплантация' },
    ]);
    addon.call('rebuildSegments');
    expect(listed(wb, 'Постоянные')).toEqual([]);
    const settings = wb.values(TAB.ru.settings);
    const valueRow = settings.findIndex((r: unknown[]) => r[0] === 'Постоянный клиент: покупок не меньше') + 1;
    wb.edit(TAB.ru.settings, `B${valueRow}`, 2);
    expect(listed(wb, 'Постоянные')).toEqual(['C-000001']);
    expect(members(addon, 'Постоянные')).toEqual(['C-000001']);
    // The stage "Визит" renamed in Settings, and a client moved to it under its new name.
    const stagesCol = settings[0].indexOf('Стадии воронки');
    const visitRow = settings.findIndex((r: unknown[]) => r[stagesCol] === 'Визит') + 1;
    const letter = String.fromCharCode(65 + stagesCol);
    wb.edit(TAB.ru.settings, `${letter}${visitRow}`, 'Приём');
    expect(listed(wb, 'Дошли до визита')).toEqual([]);
    const header = wb.values(TAB.ru.clients)[0];
    const stage = String.fromCharCode(65 + col([header], 'Стадия'));
    wb.edit(TAB.ru.clients, `${stage}2`, 'Приём');
    expect(listed(wb, 'Дошли до визита')).toEqual(['C-000001']);
    // A service renamed in Settings: its segment's name and list follow the cell.
    const servicesCol = settings[0].indexOf('Услуги');
    const serviceRow = settings.findIndex((r: unknown[]) => r[servicesCol] === 'Имплантация') + 1;
    expect(listed(wb, 'Купили: Имплантация')).toEqual(['C-000002']);
    wb.edit(TAB.ru.settings, `${String.fromCharCode(65 + servicesCol)}${serviceRow}`, 'Импланты');
    expect(wb.values('Купили: Имплантация')[0][0]).toBe('Купили: Импланты');
    expect(listed(wb, 'Купили: Имплантация')).toEqual([]);
    const bought = String.fromCharCode(65 + col([header], 'Купленные услуги'));
    sheet(wb, TAB.ru.clients).getRange(`${bought}2`).setValue('Импланты');
    expect(listed(wb, 'Купили: Имплантация')).toEqual(['C-000001']);
    expect(members(addon, 'Купили: Импланты')).toEqual(['C-000001']);
  });

  it('a purchase logged or typed into the journal reaches "bought this service" once the totals are updated', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { tab, rowOf } = segmentsTab(wb, 'ru');
    tab.getRange(rowOf('Купили: Отбеливание'), 2).setValue(true);
    addon.call('rebuildSegments');
    const anna = addon.call('addClient', { fullName: 'Анна Петрова' }) as { id: string };
    const boris = addon.call('addClient', { fullName: 'Борис Сидоров' }) as { id: string };
    expect(listed(wb, 'Купили: Отбеливание')).toEqual([]);
    addon.call('logContact', { clientId: anna.id, type: 'Покупка', item: 'Отбеливание', amount: 7000 });
    expect(listed(wb, 'Купили: Отбеливание')).toEqual([anna.id]);
    // A purchase typed into the journal by hand counts after the recompute (the nightly run does the same).
    const journal = wb.values(TAB.ru.journal)[0];
    const row = new Array(journal.length).fill('');
    row[col([journal], 'Когда')] = new Date('2026-03-14T12:00:00+03:00');
    row[col([journal], 'ID клиента')] = boris.id;
    row[col([journal], 'Тип')] = 'Покупка';
    row[col([journal], 'Услуга или товар')] = 'отбеливание';
    row[col([journal], 'Сумма')] = 5000;
    sheet(wb, TAB.ru.journal).getRange(3, 1, 1, row.length).setValues([row]);
    expect(listed(wb, 'Купили: Отбеливание')).toEqual([anna.id]);
    addon.call('recomputeClients');
    expect(sorted(listed(wb, 'Купили: Отбеливание'))).toEqual(sorted([anna.id, boris.id]));
    expect(wb.values('Купили: Отбеливание')[1][3]).toBe(12000);
  });

  it('a purchase a person pastes into the journal reaches the segment tabs with the nightly totals, with no rebuild', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { tab, rowOf } = segmentsTab(wb, 'ru');
    tab.getRange(rowOf('Купили: Отбеливание'), 2).setValue(true);
    addon.call('rebuildSegments');
    const anna = addon.call('addClient', { fullName: 'Анна Петрова' }) as { id: string };
    expect(listed(wb, 'Потенциальные')).toEqual([anna.id]);
    const J = TAB.ru.journal;
    const journal = wb.values(J)[0];
    const row = new Array(journal.length).fill('');
    row[col([journal], 'Когда')] = '14.03.2026';
    row[col([journal], 'ID клиента')] = anna.id;
    row[col([journal], 'Тип')] = 'Покупка';
    row[col([journal], 'Услуга или товар')] = 'Отбеливание';
    row[col([journal], 'Сумма')] = 5000;
    wb.paste(J, `A2:${String.fromCharCode(64 + row.length)}2`, [row]);
    expect(listed(wb, 'Купили: Отбеливание')).toEqual([]);
    wb.clock.set('2026-03-16T03:30:00');
    wb.runDueTriggers();
    expect(listed(wb, 'Купили: Отбеливание')).toEqual([anna.id]);
    expect(listed(wb, 'Разовые')).toEqual([anna.id]);
    expect(listed(wb, 'Потенциальные')).toEqual([]);
    expect(members(addon, 'Купили: Отбеливание')).toEqual([anna.id]);
  });

  it('a rebuild finds renamed tabs again, removes turned-off ones, and never loses or takes over a person’s tab', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const before = wb.sheetNames().length;
    wb.renameSheet('Разовые', 'Разовые (наш отдел)');
    sheet(wb, 'Постоянные').getRange('A1').setBackground('#ffe599');
    addon.call('rebuildSegments');
    expect(wb.sheetNames().length).toBe(before);
    expect(wb.sheetNames()).toContain('Разовые (наш отдел)');
    expect(wb.sheetNames()).not.toContain('Разовые');
    expect(sheet(wb, 'Постоянные').getRange('A1').getBackground()).toBe('#ffe599');
    // A person's note beside one tab; two segments turned off.
    const regular = sheet(wb, 'Постоянные');
    regular.insertColumnsAfter(regular.getMaxColumns(), 2);
    regular.getRange(6, regular.getMaxColumns()).setValue('позвонить до пятницы');
    const { tab, rowOf } = segmentsTab(wb, 'ru');
    tab.getRange(rowOf('Постоянные'), 2).setValue(false);
    tab.getRange(rowOf('Разовые'), 2).setValue(false);
    // A person's own tab named like a segment is kept as it is; the segment's tab gets another name.
    const own = (wb.model.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet).insertSheet('Мои VIP');
    own.getRange('A1').setValue('мой список');
    tab.getRange(wb.values(SEGMENTS.ru).length + 1, 1, 1, 3).setValues([['Мои VIP', true, 'Покупок >= 10']]);
    const result = addon.call('rebuildSegments') as { message: string };
    expect(result.message).toContain('Убраны вкладки выключенных сегментов: Разовые (наш отдел).');
    expect(result.message).toContain('Вкладки выключенных сегментов с вашими данными скрыты: Постоянные.');
    expect(wb.sheetNames()).not.toContain('Разовые (наш отдел)');
    expect(sheet(wb, 'Постоянные').isSheetHidden()).toBe(true);
    expect(wb.values('Постоянные')[5]).toContain('позвонить до пятницы');
    expect(wb.values('Мои VIP')[0][0]).toBe('мой список');
    expect(wb.values('Мои VIP (2)')[0][0]).toBe('Мои VIP');
    // Turned on again: the same tab comes back.
    tab.getRange(rowOf('Постоянные'), 2).setValue(true);
    addon.call('rebuildSegments');
    expect(sheet(wb, 'Постоянные').isSheetHidden()).toBe(false);
    expect(wb.values('Постоянные')[3][0]).toBe('ФИО');
  });

  it('a service added to Settings gets its two rows at the next rebuild; rows a person deleted stay deleted', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { tab, rowOf } = segmentsTab(wb, 'ru');
    tab.deleteRows(rowOf('Купили: Отбеливание'), 2);
    const current = addon.call('getSettings') as { settings: { lists: { services: string[] } } };
    const services = [...current.settings.lists.services, 'Брекеты'];
    expect((addon.call('updateSettings', { lists: { services } }) as { ok: boolean }).ok).toBe(true);
    addon.call('rebuildSegments');
    const names = () => segmentsTab(wb, 'ru').values.map((r: unknown[]) => r[0]);
    expect(names()).toContain('Купили: Брекеты');
    expect(names()).toContain('Спрашивали, не купили: Брекеты');
    expect(names()).not.toContain('Купили: Отбеливание');
    const count = names().length;
    addon.call('rebuildSegments');
    expect(names().length).toBe(count);
    // Unticked, as the other service rows: no tab until someone ticks it.
    expect(wb.sheetNames()).not.toContain('Купили: Брекеты');
  });

  it('an unreadable row gets a localized sentence in its Status cell and on its tab; the others still build', () => {
    const { wb, addon } = setUpWorkbook('en');
    const { tab, rowOf } = segmentsTab(wb, 'en');
    tab.getRange(rowOf('Regular'), 3).setValue('Purchases at least three');
    const free = wb.values(SEGMENTS.en).length + 1;
    tab.getRange(free, 1, 1, 3).setValues([['VIP', true, 'Tags includes vip']]);
    const result = addon.call('rebuildSegments') as { ok: boolean; message: string };
    expect(result.ok).toBe(true);
    expect(result.message).toContain('Segments: 7, with errors: 1, off: 10.');
    const { values } = segmentsTab(wb, 'en');
    const status = values[rowOf('Regular') - 1][3];
    expect(status).toBe(
      'Cannot read the conditions: after "Purchases" a comparison is needed: =, ≠, >=, <=, >, <, is empty, is not empty',
    );
    expect(wb.values('Regular')[1][0]).toBe(`Segment not built: ${status}`);
    expect(values[free - 1][4]).toMatch(/^seg-\d+$/);
    expect(wb.sheetNames()).toContain('VIP');
  });
});
