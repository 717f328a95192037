// The adapters and registries as the next features use them (tests/server/adapters-entry.ts, bundled like Code.js),
// on the emulated spreadsheet: new tabs of each kind created and repaired by setup, records in and out in bulk,
// a block of IDs in one property write, and triggers installed idempotently by one owner.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { createWorkbook } from '../../local/index';
import { spreadsheetCalls } from './helpers';

const ENTRY = path.join(__dirname, 'adapters-entry.ts');
let code = '';

beforeAll(async () => {
  const out = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__Adapters',
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const names = [...readFileSync(ENTRY, 'utf8').matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
  const stubs = names.map((n) => `function ${n}() { return __Adapters.${n}.apply(this, arguments); }`).join('\n');
  code = `${out.outputFiles[0].text}\n${stubs}`;
});

function open() {
  const wb = createWorkbook({
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    now: '2026-03-15T09:00:00',
    user: 'anna@clinic.test',
  });
  const addon = wb.loadAddon({ code });
  addon.call('setupAll');
  return { wb, addon };
}

describe('a feature adds a tab by adding a registry entry', () => {
  it('setup creates a records tab, a generated tab and a seeded settings-like tab after the built-in ones', () => {
    const { wb } = open();
    // After every tab of the add-on's own registry (features add theirs there), in the order of the entries.
    expect(wb.sheetNames().slice(0, 3)).toEqual(['Клиенты', 'Журнал', 'Настройки']);
    expect(wb.sheetNames().slice(-3)).toEqual(['Расходы (пример)', 'Воронка (пример)', 'Шаблоны (пример)']);
    expect(wb.values('Расходы (пример)')[0]).toEqual(['Месяц', 'Канал', 'Сумма']);
    expect(wb.values('Шаблоны (пример)')).toEqual([
      ['Шаблон', 'Текст'],
      ['День рождения', 'С днём рождения, {имя}!'],
    ]);
    expect(wb.formulas('Воронка (пример)')[1][1]).toBe('=COUNTIF(\'Клиенты\'!D2:D, "Новый лид")');
    expect(wb.values('Воронка (пример)').slice(0, 2)).toEqual([
      ['Стадия', 'Клиентов'],
      ['Новый лид', 0],
    ]);
  });

  it('setup run again changes no cell, and never reseeds a settings-like tab people edited', () => {
    const { wb, addon } = open();
    wb.edit('Шаблоны (пример)', 'B2', 'Поздравляем!');
    const before = Object.fromEntries(wb.sheetNames().map((n) => [n, wb.values(n)]));
    addon.call('setupAll');
    expect(Object.fromEntries(wb.sheetNames().map((n) => [n, wb.values(n)]))).toEqual(before);
  });

  it('a generated tab follows the data it counts, and its formulas follow a renamed tab after the next rebuild', () => {
    const { wb, addon } = open();
    addon.call('importClients', ['Анна Петрова', 'Иван Сидоров']);
    expect(wb.values('Воронка (пример)')[1]).toEqual(['Новый лид', 2]);
    wb.renameSheet('Клиенты', 'База');
    addon.call('setupAll');
    expect(wb.formulas('Воронка (пример)')[1][1]).toBe('=COUNTIF(\'База\'!D2:D, "Новый лид")');
    expect(wb.sheetNames()).not.toContain('Клиенты');
  });
});

describe('a records tab', () => {
  it('appends a block in one write and reads every record back typed, in one read per column run', () => {
    const { wb, addon } = open();
    wb.resetCalls();
    const first = addon.call('appendSpend', [
      { month: '2026-01-01', channel: 'Instagram', amount: 12000 },
      { month: '2026-02-01', channel: '=hack()', amount: 9000.5 },
    ]);
    expect(first).toBe(2);
    expect(wb.calls['Range.setValues']).toBe(1);
    expect(wb.calls['Sheet.appendRow']).toBeUndefined();
    expect(
      wb
        .formulas('Расходы (пример)')
        .flat()
        .every((f) => f === ''),
    ).toBe(true);
    wb.resetCalls();
    const rows = addon.call('readSpend') as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      { row: 2, month: '2026-01-01', channel: 'Instagram', amount: 12000 },
      { row: 3, month: '2026-02-01', channel: '=hack()', amount: 9000.5 },
    ]);
    expect(spreadsheetCalls(wb.calls)).toBeLessThanOrEqual(4);
    expect(wb.calls['Sheet.getSheetValues']).toBe(1);
  });

  it('updates a rectangle in one write and finds its columns after people insert and move columns', () => {
    const { wb, addon } = open();
    addon.call('appendSpend', [
      { month: '2026-01-01', channel: 'Instagram', amount: 1 },
      { month: '2026-02-01', channel: 'Сайт', amount: 2 },
    ]);
    wb.resetCalls();
    addon.call('updateSpend', 2, [{ amount: 100 }, { amount: 200 }], ['amount']);
    expect(wb.calls['Range.setValues']).toBe(1);
    wb.insertColumns('Расходы (пример)', 2, 1);
    wb.edit('Расходы (пример)', 'B1', 'Моя заметка');
    wb.moveColumns('Расходы (пример)', 4, 1, 1); // Сумма first
    addon.call('appendSpend', [{ month: '2026-03-01', channel: 'Avito', amount: 300 }]);
    const rows = addon.call('readSpend') as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.amount)).toEqual([100, 200, 300]);
    expect(rows[2]).toMatchObject({ month: '2026-03-01', channel: 'Avito' });
    expect(
      wb.values('Расходы (пример)').map((r) => r[wb.values('Расходы (пример)')[0].indexOf('Моя заметка')]),
    ).toEqual(['Моя заметка', '', '', '']);
  });
});

describe('a bulk import', () => {
  it('appends 10,000 cards with IDs reserved in one property write: a handful of calls, not 30,000', () => {
    const { wb, addon } = open();
    const names = Array.from({ length: 10000 }, (_, i) => `Клиент Номер${i + 1}`);
    wb.resetCalls();
    const r = addon.call('importClients', names) as { firstRow: number; first: string; last: string };
    expect(r).toEqual({ firstRow: 2, first: 'C-000001', last: 'C-010000' });
    // The first import on a sheet reads the ID column once (no counter yet); later ones do not.
    expect(spreadsheetCalls(wb.calls)).toBeLessThanOrEqual(14);
    expect(wb.calls['Properties.setProperty']).toBe(1);
    const values = wb.values('Клиенты');
    expect(values.length).toBe(10001);
    expect(values[10000][values[0].indexOf('ID')]).toBe('C-010000');
    wb.resetCalls();
    const next = addon.call('importClients', ['Ещё Один', 'И Ещё']) as { first: string };
    expect(next.first).toBe('C-010001');
    expect(spreadsheetCalls(wb.calls)).toBeLessThanOrEqual(9);
    expect(wb.calls['Properties.setProperty']).toBe(1);
  });
});

describe('triggers from a feature', () => {
  it('a daily run at the hour read from Settings is installed once, by one owner, and can be taken over', () => {
    const { wb, addon } = open();
    expect(addon.call('turnOnMornings', 'anna@clinic.test', 9, false)).toEqual({
      installed: true,
      owner: 'anna@clinic.test',
    });
    addon.call('turnOnMornings', 'anna@clinic.test', 8, false);
    const mine = wb.triggers.filter((t: any) => t.handler === 'runDailyJob');
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(mine[0].schedule)).toMatch(/8/);
    wb.as('boris@clinic.test');
    expect(addon.call('turnOnMornings', 'boris@clinic.test', 9, false)).toEqual({
      installed: false,
      owner: 'anna@clinic.test',
    });
    expect(wb.triggers.filter((t: any) => t.handler === 'runDailyJob')).toHaveLength(1);
    expect(addon.call('turnOnMornings', 'boris@clinic.test', 9, true)).toEqual({
      installed: true,
      owner: 'boris@clinic.test',
    });
    expect(
      wb.triggers
        .filter((t: any) => t.handler === 'runDailyJob')
        .map((t: any) => t.owner)
        .sort(),
    ).toEqual(['anna@clinic.test', 'boris@clinic.test']);
  });

  it('a continuation runs once after the delay, and scheduling again replaces the pending one', () => {
    const { wb, addon } = open();
    addon.call('continueLater', 60000);
    addon.call('continueLater', 120000);
    expect(wb.triggers.filter((t: any) => t.handler === 'continueDailyJob')).toHaveLength(1);
    wb.clock.advance(121000);
    const fired = wb.runDueTriggers();
    expect(fired.map((f: any) => f.handler)).toEqual(['continueDailyJob']);
    expect(wb.triggers.filter((t: any) => t.handler === 'continueDailyJob')).toHaveLength(0);
  });
});

describe('date cells read in bulk', () => {
  it.each([
    ['America/New_York', '2026-03-08T00:00:00Z'],
    ['America/New_York', '2026-11-01T00:00:00Z'],
    ['Europe/Moscow', '2011-03-26T12:00:00Z'],
    ['Europe/Moscow', '2014-10-25T12:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T12:00:00Z'],
    ['Asia/Kolkata', '2026-03-15T00:00:00Z'],
    ['Europe/Amsterdam', '1937-06-30T12:00:00Z'],
    ['Asia/Vladivostok', '1969-12-31T00:00:00Z'],
  ])('read in %s around %s exactly as Utilities.formatDate reads them (offsets read per day)', (tz, from) => {
    const { addon } = open();
    const start = Date.parse(from);
    const instants = Array.from({ length: 48 * 7 }, (_, i) => start + i * 7 * 60000 + (i % 3) * 13000);
    for (const [fast, exact] of addon.call('wallPairs', instants, tz) as string[][]) expect(fast).toBe(exact);
  });
});
