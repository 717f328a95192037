// The sample clinic seeded through the built add-on (dist/Code.js): deterministic, consistent, and it survives a restart.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorkbook } from '../../../local/index';
import { seedClinic } from '../../../local/playground/seed';
import { parseArgs, startPlayground } from '../../../local/playground/server';
import type { PlaygroundWorkbook } from '../../../local/playground/workbook';

const root = path.join(__dirname, '../../..');
const code = path.join(root, 'dist/Code.js');

function seeded(seed: number, clients = 40): PlaygroundWorkbook {
  const wb = createWorkbook({
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    user: 'anna@clinic.test',
    now: '2026-03-15T09:30:00',
  }) as unknown as PlaygroundWorkbook;
  wb.loadAddon(code);
  seedClinic(wb, { lang: 'ru', clients, seed });
  return wb;
}

const values = (wb: PlaygroundWorkbook, tab: string) =>
  (wb as unknown as { values(t: string): unknown[][] }).values(tab);

beforeAll(() => {
  if (!existsSync(code)) throw new Error('dist/Code.js is missing: run `npm run build` first');
});

describe('seedClinic', () => {
  it('gives the same sheet for the same seed and another sheet for another seed', () => {
    const a = seeded(11);
    const b = seeded(11);
    const c = seeded(12);
    for (const tab of ['Клиенты', 'Журнал']) expect(values(b, tab)).toEqual(values(a, tab));
    expect(values(c, 'Клиенты')).not.toEqual(values(a, 'Клиенты'));
  });

  it('fills the tabs setupDatabase made, with IDs, and totals that add up the journal', () => {
    const wb = seeded(5);
    const clients = values(wb, 'Клиенты');
    const journal = values(wb, 'Журнал');
    const head = clients[0] as string[];
    const col = (name: string) => head.indexOf(name);
    expect(clients).toHaveLength(41);
    const ids = clients.slice(1).map((r) => r[col('ID')]);
    expect(ids.every((id) => /^C-\d{6}$/.test(String(id)))).toBe(true);
    expect(new Set(ids).size).toBe(40);
    const jhead = journal[0] as string[];
    const jcol = (name: string) => jhead.indexOf(name);
    expect(journal.length).toBeGreaterThan(100);
    for (const row of clients.slice(1)) {
      const mine = journal.filter(
        (j) => j[jcol('ID клиента')] === row[col('ID')] && typeof j[jcol('Сумма')] === 'number',
      );
      const total = mine.reduce((s, j) => s + (j[jcol('Сумма')] as number), 0);
      expect(row[col('Сумма покупок')]).toBe(total);
      expect(row[col('Покупок')]).toBe(mine.length);
      if (mine.length) expect(row[col('Стадия')]).toBe('Клиент');
      if (row[col('Стадия')] === 'Отказ') expect(row[col('Причина отказа')]).toMatch(/\S/);
    }
    expect(clients.some((r) => r[col('Стадия')] === 'Отказ')).toBe(true);
    expect(wb.model.spreadsheet.getActiveSheet().getName()).toBe('Клиенты');
  });
});

describe('the seeded history', () => {
  const setups = [
    { lang: 'ru', timeZone: 'Europe/Moscow', locale: 'ru_RU', tab: 'Журнал', when: 'Когда' },
    { lang: 'en', timeZone: 'America/New_York', locale: 'en_US', tab: 'Journal', when: 'When' },
  ] as const;

  for (const setup of setups) {
    it(`ends before the virtual now in the ${setup.lang} clinic, with today's calls only up to the clock`, () => {
      for (const [now, today] of [
        ['2026-03-15T09:30:00', 1],
        ['2026-03-15T14:10:00', 1],
        ['2026-03-15T08:00:00', 0],
      ] as const) {
        const wb = createWorkbook({
          timeZone: setup.timeZone,
          locale: setup.locale,
          user: 'anna@clinic.test',
          now,
        }) as unknown as PlaygroundWorkbook;
        wb.loadAddon(code);
        const start = wb.clock.now().getTime();
        seedClinic(wb, { lang: setup.lang, clients: 80, seed: 4 });
        const journal = values(wb, setup.tab);
        const column = (journal[0] as string[]).indexOf(setup.when);
        const times = journal.slice(1).map((r) => (r[column] as Date).getTime());
        expect(times.length).toBeGreaterThan(150);
        expect(times.filter((x) => x >= start)).toEqual([]);
        // The morning before the clock is not empty: calls stop at the clock, not at midnight (before 9:00, none).
        const day = new Intl.DateTimeFormat('en-CA', { timeZone: setup.timeZone });
        const todays = times.filter((x) => day.format(x) === '2026-03-15');
        expect(todays.length > 0).toBe(today === 1);
      }
    });
  }
});

describe('startPlayground', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kartoteka-playground-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Seeding runs the add-on's setup and segment rebuild: minutes on a busy machine, not the default 30 s.
  it('seeds on the first start, then keeps edits, the clock and the triggers across a restart', async () => {
    const args = parseArgs(
      ['--data', path.join(dir, 'clinic.xlsx'), '--port', '0', '--no-open', '--clients', '25'],
      {},
    );
    const first = await startPlayground(args, root, () => undefined);
    const wb = first.wb as PlaygroundWorkbook & {
      edit(t: string, a1: string, v: string): unknown;
      triggers: unknown[];
    };
    wb.edit('Клиенты', 'A2', 'Новикова Ольга Петровна');
    wb.clock.advance(3600 * 1000);
    const now = wb.clock.now().getTime();
    const triggers = wb.triggers.length;
    expect(triggers).toBeGreaterThan(0);
    await first.close();
    expect(existsSync(path.join(dir, 'clinic.xlsx'))).toBe(true);

    const second = await startPlayground({ ...args, clients: 3 }, root, () => undefined);
    const again = second.wb as PlaygroundWorkbook & { triggers: unknown[] };
    try {
      expect(values(again, 'Клиенты')[1][0]).toBe('Новикова Ольга Петровна');
      expect(values(again, 'Клиенты')).toHaveLength(26);
      // The clock goes on from where it stood (onOpen on the restart costs it a few virtual milliseconds).
      expect(again.clock.now().getTime() - now).toBeGreaterThanOrEqual(0);
      expect(again.clock.now().getTime() - now).toBeLessThan(60 * 1000);
      expect(again.triggers.length).toBe(triggers);
      expect(again.model.spreadsheet.getName()).toBe('Клиника «Улыбка»');
    } finally {
      await second.close();
    }
  }, 300_000);
});

describe('a workbook that cannot be saved', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kartoteka-unsaved-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is reported to the page until a save succeeds again', async () => {
    const data = path.join(dir, 'clinic.xlsx');
    // The file is written through `<data>.tmp`: a folder of that name makes every save fail.
    mkdirSync(`${data}.tmp`);
    const args = parseArgs(['--data', data, '--empty', '--fresh', '--port', '0', '--no-open'], {});
    const started = await startPlayground(args, root, () => undefined);
    const state = async () =>
      (await (await fetch(`${started.url}api/state`)).json()) as { saveError: string | null; tabs: { name: string }[] };
    try {
      expect((await state()).saveError).toMatch(/EISDIR|directory/i);
      expect(existsSync(data)).toBe(false);

      rmSync(`${data}.tmp`, { recursive: true });
      const tab = (await state()).tabs[0].name;
      const edited = await fetch(`${started.url}api/edit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ tab, row: 1, column: 1, value: 'Новикова Ольга' }),
      });
      expect(edited.status).toBe(200);
      const end = Date.now() + 20_000;
      while ((await state()).saveError !== null && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
      expect((await state()).saveError).toBeNull();
      expect(existsSync(data)).toBe(true);
    } finally {
      await started.close();
    }
  }, 120_000);
});

describe('parseArgs', () => {
  it('reads the documented flags and refuses unknown ones', () => {
    expect(parseArgs(['--data', 'x.xlsx', '--lang', 'en', '--fresh', '--no-open'], { PORT: '6000' })).toMatchObject({
      data: 'x.xlsx',
      lang: 'en',
      fresh: true,
      open: false,
      port: 6000,
    });
    expect(parseArgs([], {})).toMatchObject({
      data: 'playground-data/clinic.xlsx',
      lang: 'ru',
      fresh: false,
      port: 5173,
    });
    expect(() => parseArgs(['--lang', 'de'], {})).toThrow('--lang must be ru or en');
    expect(parseArgs(['--now=2026-03-16T10:00', '--empty'], {})).toMatchObject({
      now: '2026-03-16T10:00',
      empty: true,
    });
    expect(() => parseArgs(['--now', 'tomorrow'], {})).toThrow('--now must look like');
    expect(() => parseArgs(['--verbose'], {})).toThrow('unknown option --verbose');
  });
});
