// Large imports through the built add-on: rows across continuations within Apps Script's 6 minutes each,
// and an execution killed between two writes of a chunk — continued by its safety net, the half-written chunk
// cleared and done again, no row imported twice.
import { readFileSync } from 'node:fs';
import { dropFormulaTabs } from './helpers';
import { bulkTab, CODE, finish, type ImportWorld, importWorld, wallDate } from './importWorld';

const SIX_MINUTES = 6 * 60_000;
const SOURCE = 'Пациенты';

/** n patients with distinct phones and emails, a first contact in January and a birth date, as date cells. */
function patients(w: ImportWorld, n: number): unknown[][] {
  const rows: unknown[][] = [['ФИО', 'Телефон', 'Email', 'Дата первого обращения', 'Дата рождения']];
  const january = Array.from({ length: 28 }, (_, d) => wallDate(w.tz, `2026-01-${String(d + 1).padStart(2, '0')}`));
  const births = Array.from({ length: 28 }, (_, d) => wallDate(w.tz, `1980-05-${String(d + 1).padStart(2, '0')}`));
  for (let i = 1; i <= n; i++) {
    rows.push([
      `Фамилия${i} Имя${i % 97} Отчество${i % 13}`,
      `+7900${String(i).padStart(7, '0')}`,
      `client${i}@mail.test`,
      january[i % 28],
      births[(i * 7) % 28],
    ]);
  }
  return rows;
}

/** Clients and journal as the import left them: IDs, phones, and the client ID of each journal row. */
function result(w: ImportWorld) {
  const clients = w.wb.values('Клиенты');
  const journal = w.wb.values('Журнал');
  const id = clients[0].indexOf('ID');
  const phone = clients[0].indexOf('Телефон');
  const jId = journal[0].indexOf('ID клиента');
  return {
    ids: clients.slice(1).map((r) => String(r[id])),
    phones: clients.slice(1).map((r) => String(r[phone])),
    journalIds: journal.slice(1).map((r) => String(r[jId])),
  };
}

function importRuns(w: ImportWorld) {
  return w.wb.executions.filter((e) => e.functionName === 'importClients' || e.functionName === 'continueImport');
}

function expectEachRowOnce(w: ImportWorld, n: number) {
  const { ids, phones, journalIds } = result(w);
  expect(ids).toHaveLength(n);
  expect(new Set(ids).size).toBe(n);
  expect(new Set(phones).size).toBe(n);
  // One first-contact entry per card, each pointing at a card that exists.
  expect(journalIds).toHaveLength(n);
  expect(new Set(journalIds)).toEqual(new Set(ids));
}

describe('an import longer than one execution', () => {
  // 100,000 rows across continuations at Sheets' usual speed are in the bench (section "Import"); here a sheet that
  // answers slowly (each write of cards takes 30 s) makes 30,000 rows need more than the sidebar's minute.
  it('30,000 rows on a slow sheet finish across continuations, each execution within 6 minutes, each row once', () => {
    const w = importWorld('ru', { code: slowCardWrites(30_000) });
    dropFormulaTabs(w.wb);
    bulkTab(w, SOURCE, patients(w, 30_000));
    w.call('slowDown');
    const first = w.call('importClients', SOURCE, {});
    expect(first).toMatchObject({ ok: true, done: false });
    expect(first.message).toMatch(/продолжится само/);
    finish(w);
    const status = w.call('importStatus').status;
    expect(status).toMatchObject({ state: 'done', done: 30_000, total: 30_000 });
    expect(status.counts).toMatchObject({ rows: 30_000, newClients: 30_000, journalEntries: 30_000 });
    const runs = importRuns(w);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.slice(1).every((e) => e.functionName === 'continueImport')).toBe(true);
    for (const e of runs) {
      expect(e.error).toBeUndefined();
      expect(e.end.getTime() - e.start.getTime()).toBeLessThan(SIX_MINUTES);
    }
    expectEachRowOnce(w, 30_000);
    // No continuation is left behind.
    expect(w.wb.triggers.map((t) => t.handler)).not.toContain('continueImport');
  }, 900_000);
});

/**
 * The add-on whose `slowDown()` (setup runs as it is) makes every Range.setValues into Clients take `ms` from then
 * on (Utilities.sleep counts as execution time).
 */
function slowCardWrites(ms: number): string {
  return `${readFileSync(CODE, 'utf8')}
var __app = SpreadsheetApp;
function slowDown() { SpreadsheetApp = __slow(__app); }
function __plain(x) { return x && typeof x === 'object' && !Array.isArray(x) && Object.prototype.toString.call(x) !== '[object Date]'; }
function __slow(x) {
  if (Array.isArray(x)) return x.length && __plain(x[0]) ? x.map(__slow) : x;
  if (!__plain(x)) return x;
  return new Proxy(x, { get: function (t, key) {
    var v = t[key];
    if (typeof v !== 'function') return v;
    return function () {
      if (key === 'setValues' && t.getSheet().getName() === 'Клиенты') Utilities.sleep(${ms});
      return __slow(v.apply(t, arguments));
    };
  } });
}`;
}

/**
 * The add-on whose SpreadsheetApp `armKill(tab, k)` wraps (setup runs as it is): from then on, just before the kth
 * Range.setValues into that tab the execution sleeps past the 6-minute limit, so that write and everything after it
 * never happen (Apps Script kills such a run).
 */
function killable(): string {
  return `${readFileSync(CODE, 'utf8')}
var __app = SpreadsheetApp;
var __tab = '';
var __k = 0;
var __writes = 0;
function armKill(tab, k) { __tab = tab; __k = k; __writes = 0; SpreadsheetApp = __wrap(__app); }
function __plain(x) { return x && typeof x === 'object' && !Array.isArray(x) && Object.prototype.toString.call(x) !== '[object Date]'; }
function __wrap(x) {
  if (Array.isArray(x)) return x.length && __plain(x[0]) ? x.map(__wrap) : x;
  if (!__plain(x)) return x;
  return new Proxy(x, { get: function (t, key) {
    var v = t[key];
    if (typeof v !== 'function') return v;
    return function () {
      if (key === 'setValues' && t.getSheet().getName() === __tab && ++__writes === __k) {
        Utilities.sleep(240000);
        Utilities.sleep(240000);
      }
      return __wrap(v.apply(t, arguments));
    };
  } });
}`;
}

describe('an execution killed in the middle of a chunk', () => {
  it('is continued by its safety net: the chunk whose cards landed without their journal is cleared and redone', () => {
    // Chunk 1 writes its cards and its journal rows; chunk 2 its cards, and dies before its journal rows.
    const w = importWorld('ru', { code: killable() });
    dropFormulaTabs(w.wb);
    bulkTab(w, SOURCE, patients(w, 25_000));
    w.call('armKill', 'Журнал', 2);
    // Apps Script ends such a run wherever it is; the emulator throws from the next service call after the limit,
    // whether the add-on's own error handling is running then or not.
    let stopped = '';
    try {
      const first = w.call('importClients', SOURCE, {});
      stopped = first.ok ? '' : Object.values(first.errors ?? {}).join('; ');
    } catch (e) {
      stopped = (e as Error).message;
    }
    expect(stopped).toMatch(/Exceeded maximum execution time/);
    // As the execution died: 20,000 cards on the sheet, only the first 10,000 with their journal rows.
    expect(result(w).ids).toHaveLength(20_000);
    expect(result(w).journalIds).toHaveLength(10_000);
    expect(w.call('importStatus').status).toMatchObject({ state: 'running', done: 10_000 });
    finish(w);
    expect(w.call('importStatus').status).toMatchObject({ state: 'done', done: 25_000 });
    expectEachRowOnce(w, 25_000);
    // The cleared chunk's IDs are never given again.
    const { ids } = result(w);
    expect(ids).not.toContain('C-010001');
    expect(ids.at(-1)).toBe('C-035000');
  }, 900_000);
});
