// Import clients through the built add-on at 1k, 10k and 100k source rows: Spreadsheet calls, modelled Apps Script
// time per execution and in all (the first execution from the sidebar, then the continuations), beside the naive
// row-by-row import (appendRow per row, the ID from a property read and write per row) on the same data.
// Sizes: BENCH_IMPORT (rows, default 1000,10000,100000; --quick 1000).
// `npx tsx tests/bench/sections/import.ts [--quick]` runs it alone (dist/ must be built).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createWorkbook, type ExecutionRecord, type Workbook } from '../../../local/index';
import { dropFormulaTabs } from '../../server/formulaTabs';
import { collectGarbage, cpuTime, progress, round } from '../lib/measure';
import { renderBudget, renderTable } from '../lib/render';
import { CODE, modelledMs, spreadsheetCalls } from '../lib/workbook';
import type { BenchBudget, BenchSection, BenchTable } from '../types';

const here = path.dirname(fileURLToPath(import.meta.url));
const NAIVE = readFileSync(path.join(here, '../naive/import-rows.gs'), 'utf8');
const SIX_MINUTES = 6 * 60_000;
const SOURCE = 'Пациенты';
const CALL_BUDGET = 10;

interface Measured {
  calls: number;
  /** Spreadsheet calls of the first execution (the sidebar's importClients). */
  firstCalls: number;
  modelledMs: number;
  longestMs: number;
  executions: number;
  cpuMs: number;
  error?: string;
}

interface SizeResult {
  rows: number;
  kartoteka: Measured;
  cards: number;
  unique: boolean;
  naive: Measured;
  naiveRows: number;
}

const fmt = (x: number) => round(x).toLocaleString('en-US');
const label = (n: number) => (n >= 1000 ? `${n / 1000}k rows` : `${n} rows`);

function sizesFor(quick: boolean): number[] {
  const spec = process.env.BENCH_IMPORT ?? (quick ? '1000' : '1000,10000,100000');
  return spec.split(',').filter(Boolean).map(Number);
}

/** Midnight of a Moscow wall day (UTC+3 all year) as the Date a date cell holds. */
const moscowDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d, -3));

/**
 * A clinic's list of n patients as the tab holds it after File → Import: name, phone in mixed spellings, email,
 * first contact and birth date as date cells (one in 500 an impossible date typed as text), a comment column.
 */
function source(wb: Workbook, n: number): void {
  const rows: unknown[][] = [['ФИО', 'Телефон', 'Email', 'Дата первого обращения', 'Дата рождения', 'Комментарий']];
  for (let i = 1; i <= n; i++) {
    const digits = String(i).padStart(7, '0');
    rows.push([
      `Фамилия${i} Имя${i % 97} Отчество${i % 13}`,
      i % 3 === 0 ? `8 (900) ${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}` : `+7900${digits}`,
      `client${i}@mail.test`,
      moscowDay(2026, 1, 1 + (i % 28)),
      i % 500 === 0 ? '31.02.1990' : moscowDay(1970 + (i % 40), 1 + (i % 12), 1 + (i % 28)),
      i % 10 === 0 ? `позвонить после ${1 + (i % 28)}-го` : '',
    ]);
  }
  const ss = wb.model.spreadsheet as any;
  const sheet = ss.insertSheet(SOURCE);
  if (sheet.getMaxRows() < rows.length) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  sheet.getRange(1, 1, rows.length, rows[0].length).setValues(rows);
}

function workbook(n: number): { wb: Workbook; addon: ReturnType<Workbook['loadAddon']> } {
  const wb = createWorkbook({
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    now: '2026-03-10T10:00:00',
    user: 'anna@clinic.test',
  });
  const addon = wb.loadAddon(CODE);
  addon.call('setupDatabase');
  dropFormulaTabs(wb);
  source(wb, n);
  return { wb, addon };
}

function measured(wb: Workbook, executions: ExecutionRecord[], cpuMs: number, firstCalls: number, error?: string) {
  return {
    calls: spreadsheetCalls(wb.calls),
    firstCalls,
    modelledMs: modelledMs(executions),
    longestMs: Math.max(0, ...executions.map((e) => e.end.getTime() - e.start.getTime())),
    executions: executions.length,
    cpuMs,
    ...(error ? { error } : {}),
  };
}

function runSize(n: number): SizeResult {
  progress(`import: ${label(n)}`);
  const k = workbook(n);
  collectGarbage();
  const from = k.wb.executions.length;
  let calls = 0;
  let firstCalls = 0;
  // Calls of the import's own executions only (not of the status look between continuations).
  const counted = (fn: () => unknown) => {
    k.wb.resetCalls();
    fn();
    const n = spreadsheetCalls(k.wb.calls);
    calls += n;
    return n;
  };
  const { ms } = cpuTime(() => {
    firstCalls = counted(() => k.addon.call('importClients', SOURCE, {}));
    for (let step = 0; step < 100; step++) {
      const status = (k.addon.call('importStatus') as { status: { state: string } }).status;
      if (status.state !== 'running') break;
      k.wb.clock.advance(60_000);
      counted(() => k.wb.runDueTriggers());
    }
  });
  const runs = k.wb.executions
    .slice(from)
    .filter((e) => e.functionName === 'importClients' || e.functionName === 'continueImport');
  const failed = runs.find((e) => e.error)?.error;
  const kartoteka = { ...measured(k.wb, runs, ms, firstCalls, failed), calls };
  const clients = k.wb.values('Клиенты');
  const ids = clients.slice(1).map((r) => String(r[clients[0].indexOf('ID')]));
  progress(
    `  Kartoteka: ${kartoteka.calls} calls (${firstCalls} in the first execution), ${fmt(kartoteka.modelledMs / 1000)} s modelled in ${runs.length} executions`,
  );

  const naiveBook = workbook(n);
  const naiveAddon = naiveBook.wb.loadAddon({ code: NAIVE, filename: 'Code.gs' });
  naiveBook.wb.resetCalls();
  const before = naiveBook.wb.executions.length;
  let error: string | undefined;
  const naiveCpu = cpuTime(() => {
    try {
      naiveAddon.call('importNaive', SOURCE);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  });
  const naive = measured(naiveBook.wb, naiveBook.wb.executions.slice(before), naiveCpu.ms, 0, error);
  const naiveRows = naiveBook.wb.values('Клиенты').length - 1;
  progress(`  naive: ${naive.calls} calls, ${fmt(naive.modelledMs / 1000)} s modelled${error ? ` — ${error}` : ''}`);
  return { rows: n, kartoteka, cards: ids.length, unique: new Set(ids).size === ids.length, naive, naiveRows };
}

function tables(results: SizeResult[]): BenchTable[] {
  return [
    {
      title: 'Import clients (importClients and its continuations) vs the naive row-by-row import',
      columns: [
        'size',
        'cards',
        'calls, first execution',
        'calls in all',
        'executions',
        'longest execution s',
        'modelled s in all',
        'host CPU s',
        'naive calls',
        'naive modelled s',
        'calls ratio',
        'time ratio',
      ],
      rows: results.map((r) => {
        const k = r.kartoteka;
        const killed = r.naive.error?.includes('Exceeded maximum execution time') ?? false;
        const ge = killed ? '≥ ' : '';
        return [
          label(r.rows),
          r.cards,
          k.error ? `failed: ${k.error}` : k.firstCalls,
          k.calls,
          k.executions,
          round(k.longestMs / 1000),
          round(k.modelledMs / 1000),
          round(k.cpuMs / 1000),
          killed ? `${fmt(r.naive.calls)} (killed at 6 min after ${fmt(r.naiveRows)} rows)` : r.naive.calls,
          killed ? `${round(r.naive.modelledMs / 1000)} (limit 360)` : round(r.naive.modelledMs / 1000),
          `${ge}${fmt(r.naive.calls / k.calls)}×`,
          `${ge}${fmt(r.naive.modelledMs / k.modelledMs)}×`,
        ];
      }),
      notes: [
        'Kartoteka: `importClients` as the sidebar calls it (it works up to a minute, then hands the rest to a' +
          ' continuation a minute later), then every `continueImport` fired by `wb.runDueTriggers()` as the clock' +
          ' moves a minute at a time; calls and modelled time summed over those executions. Per chunk of 10,000' +
          ' rows: the Clients tab located and read whole once per execution, the chunk planned, a block of IDs' +
          ' reserved with one property write, then the Import report, the cards (the grid grown once, one write),' +
          ' the cells of merged cards and the journal history appended — each tab located, its last row asked, the' +
          " grid grown and written: four or five Spreadsheet calls a tab; the notes on the new cards' unreadable" +
          ' cells (here one birth date in 500) in one write, two calls. New extra columns (here "Комментарий") cost' +
          ' five more once.',
        'Naive: tests/bench/naive/import-rows.gs on the same data in a fresh sheet: the source read once, then per' +
          ' row a property read and write for the next ID and one `appendRow` (no normalising, no duplicate check,' +
          ' no journal, no report, no undo). "≥" marks a run Apps Script kills at 6 minutes: the rows after it are' +
          ' not imported. The formula tabs setup creates are removed first in both (the emulator recalculates them' +
          ' after every write: host time only).',
      ],
    },
  ];
}

function budgets(results: SizeResult[]): BenchBudget[] {
  const at10k = results.find((r) => r.rows === 10_000) ?? results[results.length - 1];
  return [
    {
      label: `import: 10,000 rows in at most ${CALL_BUDGET} Spreadsheet calls`,
      met: at10k.rows === 10_000 && at10k.kartoteka.calls <= CALL_BUDGET,
      detail:
        `${at10k.kartoteka.calls} calls at ${label(at10k.rows)} in ${at10k.kartoteka.executions} execution(s): ` +
        'one bulk read of the source and of Clients, one ID block, one append each to the Import report, Clients' +
        ' and Journal — but Apps Script counts a tab lookup, its last row, growing its grid and the range before' +
        ' setValues as calls of their own (4–5 a tab), the notes on unreadable cells 2 more, new extra columns 5 more',
    },
    {
      label: 'import: every execution ends before the 6-minute limit, every row imported once',
      met: results.every(
        (r) => !r.kartoteka.error && r.kartoteka.longestMs < SIX_MINUTES && r.cards === r.rows && r.unique,
      ),
      detail: results
        .map(
          (r) =>
            `${label(r.rows)}: ${r.cards} cards, longest execution ${fmt(r.kartoteka.longestMs / 1000)} s of ${r.kartoteka.executions}`,
        )
        .join('; '),
    },
  ];
}

export default async function run(opts: { quick: boolean }): Promise<BenchSection> {
  const results: SizeResult[] = [];
  for (const n of sizesFor(opts.quick)) {
    results.push(runSize(n));
    collectGarbage();
  }
  return { title: 'Import clients', tables: tables(results), budgets: budgets(results) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  run({ quick }).then((s) => {
    for (const t of s.tables) console.log(`${renderTable(t)}\n`);
    for (const b of s.budgets) console.log(renderBudget(b));
  });
}
