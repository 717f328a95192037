// The playground's sample clinic (local/playground/seed.ts through the built add-on) opens with a funnel: the clinic's
// own channels, spend for several months, its three charts, no error value, and every cell as computeFunnel has it
// from the Clients and Ad spend tabs as they are.
import path from 'node:path';
import { createWorkbook } from '../../local/index';
import { seedClinic } from '../../local/playground/seed';
import type { PlaygroundWorkbook } from '../../local/playground/workbook';
import { CLIENT_FIELDS } from '../../src/domain/fields';
import { computeFunnel } from '../../src/domain/funnelReport/compute';
import { monthKey } from '../../src/domain/funnelReport/model';
import type { SettingsData } from '../../src/domain/settings';
import { errorCells, readTable, reportFigures, rounded } from '../domain/funnelReport/read';

const code = path.join(__dirname, '../../dist/Code.js');
const ZONE = 'Europe/Moscow';
const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** A tab's rows as records keyed by the fields whose headers it has (dates as 'yyyy-mm-dd' in the sheet's zone). */
function records(values: unknown[][], fields: Array<{ key: string; header: string }>): Array<Record<string, unknown>> {
  const at = fields.map((f) => ({ key: f.key, index: values[0].indexOf(f.header) }));
  return values.slice(1).map((row) =>
    Object.fromEntries(
      at.map(({ key, index }) => {
        const v = row[index];
        return [key, v instanceof Date ? day.format(v) : typeof v === 'string' ? v.trim() : v];
      }),
    ),
  );
}

describe('the sample clinic in the playground', () => {
  it('opens with a funnel of its own channels, spend for several months, three charts, every cell right', () => {
    const wb = createWorkbook({
      timeZone: ZONE,
      locale: 'ru_RU',
      user: 'anna@clinic.test',
      now: '2026-03-15T09:30:00',
    });
    const addon = wb.loadAddon(code);
    const seeded = seedClinic(wb as unknown as PlaygroundWorkbook, { lang: 'ru', clients: 150, seed: 7 });
    expect(seeded.spendRows).toBeGreaterThan(30);
    const settings = (addon.call('getSettings') as { settings: SettingsData }).settings;
    expect(settings.lists.channels).toEqual(expect.arrayContaining(seeded.clinic.sources));
    const values = wb.values('Воронка');
    expect(errorCells(values)).toEqual([]);
    const cards = records(
      wb.values('Клиенты'),
      CLIENT_FIELDS.map((f) => ({ key: f.key, header: f.header.ru })),
    );
    const spend = records(wb.values('Расходы на рекламу'), [
      { key: 'month', header: 'Месяц' },
      { key: 'channel', header: 'Канал' },
      { key: 'amount', header: 'Сумма' },
    ]) as Array<{ month: unknown; channel: unknown; amount: unknown }>;
    const report = computeFunnel({ cards, spend, settings, endMonth: monthKey('2026-03-15') });
    const sheet = readTable(values, settings.lists.channels.length);
    expect(rounded(sheet)).toEqual(
      rounded({
        cells: report.cells.map((row) => row.map(reportFigures)),
        monthTotals: report.monthTotals.map(reportFigures),
        channelTotals: report.channelTotals.map(reportFigures),
        total: reportFigures(report.total),
      }),
    );
    // Spend in most months and buyers in several: the charts have something to draw.
    expect(report.monthTotals.filter((m) => m.spend > 0).length).toBeGreaterThanOrEqual(6);
    expect(report.monthTotals.filter((m) => m.buyers > 0).length).toBeGreaterThanOrEqual(3);
    const charts = wb.model.chartViews('Воронка');
    expect(charts.map((c) => c.title).sort()).toEqual([
      'Воронка выбранного месяца',
      'Лиды по месяцам и каналам',
      'Покупатели по месяцам и каналам',
    ]);
    const leads = charts.find((c) => c.title === 'Лиды по месяцам и каналам')!;
    expect(leads.series.map((s) => s.name)).toEqual([...settings.lists.channels, 'Другое / без канала']);
    expect(leads.series.flatMap((s) => s.values).reduce((a: number, v) => a + (v ?? 0), 0)).toBe(
      report.monthTotals.reduce((a, m) => a + m.leads, 0),
    );
    // Its segment tabs are there and live: each head count is the number of clients listed, the same as the
    // TypeScript selection mailings use, and the ordinary groups of a clinic are not empty.
    const segments = ['Потенциальные', 'Разовые', 'Постоянные', 'Под угрозой ухода', 'Именинники месяца'];
    for (const name of segments) {
      const tab = wb.values(name);
      const id = tab[3].indexOf('ID');
      const listed = tab.slice(4).filter((r) => r[id] !== '' && r[id] != null).length;
      const r = addon.call('segmentMembers', name) as { ok: boolean; members: unknown[] };
      expect([name, tab[1][1], r.ok && r.members.length]).toEqual([name, listed, listed]);
    }
    expect(segments.filter((name) => (wb.values(name)[1][1] as number) > 0)).toEqual(
      expect.arrayContaining(['Потенциальные', 'Разовые', 'Постоянные']),
    );
    expect(wb.values('Сегменты: сводка').length).toBeGreaterThan(segments.length);
  });
});
