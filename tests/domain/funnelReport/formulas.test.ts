// The Funnel tab's formulas, computed by the emulated sheet, against the TypeScript reckoning of the same rows:
// every cell per month, per channel, the totals, conversions and costs, the picker block; no error value anywhere.
import { computeFunnel, type FunnelReport } from '../../../src/domain/funnelReport/compute';
import { monthKey } from '../../../src/domain/funnelReport/model';
import { funnelLayout, PICK } from '../../../src/domain/funnelReport/render';
import { seeded } from '../reminders/random';
import { funnelEnv } from './funnelEnv';
import { randomCards, randomSpend } from './generate';
import { errorCells, pickedOf, readPicked, readTable, reportFigures, rounded } from './read';

const TODAY = '2026-03-15';

/** The report as the table shows it: every cell per month and channel, the month and channel totals. */
function tableOf(report: FunnelReport) {
  return {
    cells: report.cells.map((row) => row.map(reportFigures)),
    monthTotals: report.monthTotals.map(reportFigures),
    channelTotals: report.channelTotals.map(reportFigures),
    total: reportFigures(report.total),
  };
}

describe('the Funnel tab computes what TypeScript computes (src/domain/funnelReport)', () => {
  it.each(['ru', 'en'] as const)(
    'every cell on 400 varied clients and 60 spend rows equals computeFunnel (%s)',
    (lang) => {
      const f = funnelEnv(lang, { today: TODAY, rows: 400 });
      const r = seeded(lang === 'ru' ? 11 : 12);
      const cards = randomCards(r, 400, f.env.settings);
      const spend = randomSpend(r, 60, f.env.settings);
      f.writeCards(cards);
      f.writeSpend(spend);
      f.build();
      const values = f.values();
      const report = computeFunnel({ cards, spend, settings: f.env.settings, endMonth: monthKey(TODAY) });
      expect(errorCells(values)).toEqual([]);
      expect(rounded(readTable(values, report.channels.length))).toEqual(rounded(tableOf(report)));
      // The picker starts on the last month; its block equals that month's totals.
      expect(rounded(readPicked(values))).toEqual(rounded(pickedOf(report.monthTotals[0])));
      // Some of everything was counted, so the comparison says something.
      expect(report.total.buyers).toBeGreaterThan(5);
      expect(report.channelTotals[report.channels.length].leads).toBeGreaterThan(5);
      expect(report.total.spend).toBeGreaterThan(0);
    },
  );

  it('a known small clinic: counts, conversions and costs by hand', () => {
    const f = funnelEnv('ru', { today: TODAY });
    const [yandex, instagram] = f.env.settings.lists.channels;
    // March: 4 leads from Яндекс (one bought, one visited, one contacted by stage only), 1 without a source.
    // February: 2 from Instagram, one a buyer without any milestone date (stage Клиент).
    f.writeCards([
      { fullName: 'А', stage: 'Клиент', source: yandex, createdOn: '2026-03-02', totalSpent: 12000 },
      { fullName: 'Б', stage: 'Визит', source: yandex, createdOn: '2026-03-05', visitOn: '2026-03-06' },
      { fullName: 'В', stage: 'Первый контакт', source: yandex, createdOn: '2026-03-09' },
      { fullName: 'Г', stage: 'Новый лид', source: yandex, createdOn: '2026-03-10' },
      { fullName: 'Д', stage: 'Новый лид', source: '', createdOn: '2026-03-11' },
      { fullName: 'Е', stage: 'Клиент', source: instagram, createdOn: '2026-02-01', totalSpent: 3000 },
      { fullName: 'Ж', stage: 'Отказ', source: instagram, createdOn: '', firstContactOn: '2026-02-20' },
    ]);
    f.writeSpend([
      { month: '2026-03-01', channel: yandex, amount: 8000 },
      { month: '2026-03-31', channel: yandex, amount: 2000 },
      { month: '2026-02-14', channel: instagram, amount: 6000 },
    ]);
    f.build();
    const values = f.values();
    const table = readTable(values, f.env.settings.lists.channels.length);
    expect(table.cells[0][0]).toMatchObject({
      leads: 4,
      contacts: 3,
      visits: 2,
      buyers: 1,
      leadToContact: 0.75,
      contactToVisit: 2 / 3,
      visitToBuyer: 0.5,
      leadToBuyer: 0.25,
      spend: 10000,
      costPerLead: 2500,
      costPerContact: 10000 / 3,
      costPerVisit: 5000,
      costPerBuyer: 10000,
      revenue: 12000,
      revenuePerLead: 3000,
    });
    const other = f.env.settings.lists.channels.length;
    // No spend on it: each of its leads cost 0; no contact: nothing to convert to a visit.
    expect(table.cells[0][other]).toMatchObject({ leads: 1, contacts: 0, costPerLead: 0, contactToVisit: null });
    expect(table.monthTotals[0]).toMatchObject({ leads: 5, buyers: 1, spend: 10000, costPerLead: 2000 });
    expect(table.cells[1][1]).toMatchObject({ leads: 2, contacts: 2, buyers: 1, spend: 6000, costPerBuyer: 6000 });
    // A month without leads and without spend: zeros and blanks, no error.
    expect(table.monthTotals[5]).toEqual({
      ...Object.fromEntries(Object.keys(table.monthTotals[5]).map((k) => [k, null])),
      leads: 0,
      contacts: 0,
      visits: 0,
      buyers: 0,
      spend: 0,
      revenue: 0,
    });
    expect(table.total).toMatchObject({ leads: 7, buyers: 2, spend: 16000, revenue: 15000 });
    expect(errorCells(values)).toEqual([]);
  });

  it('picking another month in the picker shows that month, and an empty month reads as zeros and blanks', () => {
    const f = funnelEnv('en', { today: TODAY });
    const [google] = f.env.settings.lists.channels;
    f.writeCards([{ fullName: 'Ann', stage: 'Client', source: google, createdOn: '2026-01-10', totalSpent: 500 }]);
    f.writeSpend([{ month: '2026-01-20', channel: google, amount: 250 }]);
    f.build();
    expect(readPicked(f.values())).toMatchObject({ leads: 0, spend: 0, costPerLead: null, leadToBuyer: null });
    f.funnel.getRange(PICK.picker, 2).setValue('2026-01-01');
    expect(readPicked(f.values())).toMatchObject({ leads: 1, buyers: 1, spend: 250, costPerBuyer: 250, revenue: 500 });
    expect(errorCells(f.values())).toEqual([]);
  });

  it('a channel renamed in Settings is followed with no rebuild; a card moved to a later stage counts at once', () => {
    const f = funnelEnv('ru', { today: TODAY });
    f.writeCards([{ fullName: 'А', stage: 'Новый лид', source: 'Телеграм', createdOn: '2026-03-02' }]);
    f.build();
    const channels = f.env.settings.lists.channels.length;
    expect(readTable(f.values(), channels).cells[0][channels]).toMatchObject({ leads: 1 });
    const item = f.env.settingsRefs.listItems.channels![0];
    f.settingsSheet.getRange(item.row, f.env.settingsRefs.listColumns.channels!).setValue('Телеграм');
    const values = f.values();
    expect(values[funnelLayout(channels).row(0, 0) - 1][1]).toBe('Телеграм');
    expect(readTable(values, channels).cells[0][0]).toMatchObject({ leads: 1, visits: 0 });
    f.clientsSheet.getRange(2, 4).setValue('Визит');
    expect(readTable(f.values(), channels).cells[0][0]).toMatchObject({ leads: 1, contacts: 1, visits: 1 });
  });
});
