// The built add-on (dist/Code.js) as a black box through its global entries, on emulated sheets of 1k, 10k and 100k
// clients and 100k clients with 1,000,000 journal rows: Spreadsheet calls, modelled Apps Script time, host CPU and
// memory per operation; the naive hand-written contact logger on the same data; the call and time budgets.
// Sizes: BENCH_CLIENTS (default 1000,10000,100000; journal rows = clients × BENCH_JOURNAL_PER_CLIENT, default 3),
// BENCH_LARGE_JOURNAL (clients:journal rows, default 100000:1000000; '' for none), BENCH_RUNS (default 5),
// BENCH_OP_SECONDS (after 3 runs, stop repeating an operation that has taken this long; default 30).
// `npx tsx tests/bench/sections/addon.ts [--quick]` runs it alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Addon, Workbook } from '../../../local/index';
import { collectGarbage, cpuTime, MB, median, progress, RssSampler, round } from '../lib/measure';
import { renderBudget, renderTable } from '../lib/render';
import { benchWorkbook, clientId, fillClients, modelledMs, otherCalls, spreadsheetCalls } from '../lib/workbook';
import type { BenchBudget, BenchSection, BenchTable } from '../types';

const here = path.dirname(fileURLToPath(import.meta.url));
const NAIVE = readFileSync(path.join(here, '../naive/log-contact.gs'), 'utf8');
const SIX_MINUTES = 6 * 60_000;
// Unlike each other and every filled client, so addClient never stops at a likely duplicate.
const NEW_NAMES = [
  'Смирнова Алла Игоревна',
  'Кузнецов Борис Петрович',
  'Попова Вера Сергеевна',
  'Волков Глеб Андреевич',
  'Соколова Дарья Олеговна',
  'Лебедев Егор Ильич',
  'Козлова Жанна Юрьевна',
  'Новиков Захар Маркович',
  'Морозова Ирина Львовна',
  'Орлов Кирилл Денисович',
];

interface Size {
  clients: number;
  journal: number;
}

interface Row {
  op: string;
  calls: number[];
  other: number[];
  modelled: number[];
  cpu: number[];
  peakRss: number;
  /** Most executions one run made (a trigger run fires every due trigger). */
  executions: number;
  error?: string;
}

interface Ctx {
  wb: Workbook;
  addon: Addon;
  sampler: RssSampler;
  runs: number;
  opSeconds: number;
}

const fmt = (x: number) => round(x).toLocaleString('en-US');
const sizeLabel = (s: Size) =>
  `${s.clients.toLocaleString('en-US')} clients, ${s.journal.toLocaleString('en-US')} journal rows`;
const shortLabel = (s: Size) =>
  `${s.clients >= 1000 ? `${s.clients / 1000}k` : s.clients}${s.journal > s.clients * 5 ? ` + ${s.journal >= 1e6 ? `${s.journal / 1e6}M` : `${s.journal / 1000}k`} journal` : ''}`;

function sizesFor(quick: boolean): Size[] {
  const per = Number(process.env.BENCH_JOURNAL_PER_CLIENT ?? 3);
  const clients = (process.env.BENCH_CLIENTS ?? (quick ? '1000' : '1000,10000,100000')).split(',').filter(Boolean);
  const sizes = clients.map((c) => ({ clients: Number(c), journal: Number(c) * per }));
  for (const pair of (process.env.BENCH_LARGE_JOURNAL ?? (quick ? '' : '100000:1000000')).split(',').filter(Boolean)) {
    const [c, j] = pair.split(':').map(Number);
    sizes.push({ clients: c, journal: j });
  }
  return sizes;
}

function failureOf(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as { thrown?: unknown; ok?: unknown; errors?: unknown; duplicates?: unknown };
    if ('thrown' in v) return v.thrown instanceof Error ? v.thrown.message : String(v.thrown);
    if (v.ok === false) return JSON.stringify(v.errors ?? v.duplicates ?? v).slice(0, 200);
  }
  return undefined;
}

/**
 * Runs fn up to ctx.runs times (fewer for slow operations, never under 3 unless it fails): calls, modelled time of the
 * executions it ran, CPU, peak RSS. `before` runs outside the measurement (fresh state for the next run).
 */
function measure(
  ctx: Ctx,
  op: string,
  fn: (rep: number) => unknown,
  o: { runs?: number; before?: (rep: number) => void } = {},
): Row {
  const row: Row = { op, calls: [], other: [], modelled: [], cpu: [], peakRss: 0, executions: 0 };
  const runs = o.runs ?? ctx.runs;
  const t0 = Date.now();
  for (let rep = 0; rep < runs; rep++) {
    if (rep >= 3 && Date.now() - t0 > ctx.opSeconds * 1000) break;
    o.before?.(rep);
    collectGarbage();
    const { wb } = ctx;
    wb.resetCalls();
    const first = wb.executions.length;
    ctx.sampler.reset();
    const { ms, value } = cpuTime(() => {
      try {
        return fn(rep);
      } catch (e) {
        return { thrown: e };
      }
    });
    row.peakRss = Math.max(row.peakRss, ctx.sampler.peak());
    const executions = wb.executions.slice(first);
    row.calls.push(spreadsheetCalls(wb.calls));
    row.other.push(otherCalls(wb.calls));
    // The first execution: later ones fired at the same moment (duplicate triggers) wait for its lock.
    row.modelled.push(executions.length ? modelledMs(executions.slice(0, 1)) : 0);
    row.executions = Math.max(row.executions, executions.length);
    row.cpu.push(ms);
    const error = failureOf(value) ?? executions.find((e) => e.error)?.error;
    if (error) {
      row.error = error;
      break;
    }
  }
  progress(
    `  ${op}: ${row.calls[0]} calls, ${round(median(row.modelled))} ms modelled, ${round(median(row.cpu))} ms CPU` +
      `${row.error ? ` — FAILED: ${row.error}` : ''}`,
  );
  return row;
}

// The first run meets cold caches (settings, column map); later runs may be cheaper, and the cell says so.
const callsCell = (r: Row): string | number => {
  const later = r.calls.slice(1);
  if (later.every((c) => c === r.calls[0])) return r.calls[0];
  const lo = Math.min(...later);
  const hi = Math.max(...later);
  return `${r.calls[0]}, then ${lo === hi ? lo : `${lo}–${hi}`}`;
};

const modelledCell = (r: Row): string | number => {
  const m = median(r.modelled);
  const first = r.modelled[0];
  return Math.abs(first - m) > 0.1 * m ? `${fmt(m)} (first ${fmt(first)})` : round(m);
};

function sizeTable(size: Size, rows: Row[], notes: string[]): BenchTable {
  return {
    title: sizeLabel(size),
    columns: [
      'operation',
      'Spreadsheet calls',
      'other service calls',
      'modelled ms (median)',
      'host CPU ms (median)',
      'runs',
      'peak RSS MB',
    ],
    rows: rows.map((r) => [
      `${r.op}${r.executions > 1 ? ` (${r.executions} executions fired; the first)` : ''}${r.error ? ` — FAILED: ${r.error}` : ''}`,
      callsCell(r),
      Math.max(...r.other),
      modelledCell(r),
      round(median(r.cpu)),
      r.cpu.length,
      Math.round(r.peakRss / MB),
    ]),
    notes,
  };
}

/** The clients tab's values, to start each cold recompute from the same sheet. */
function snapshot(wb: Workbook): { restore: () => void } {
  const sheet = (wb.model.spreadsheet as any).getSheetByName('Клиенты');
  const range = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn());
  const values = range.getValues();
  return { restore: () => range.setValues(values) };
}

function nextNightly(wb: Workbook): void {
  const t = wb.triggers.find((x) => x.handler === 'nightly');
  if (!t?.nextDue) throw new Error('no nightly trigger installed by setupDatabase');
  if (t.nextDue.getTime() > wb.clock.millis()) wb.clock.set(t.nextDue);
}

interface NaiveRow {
  size: Size;
  who: string;
  kartoteka: Row;
  naive: Row;
}

function runSize(size: Size, sampler: RssSampler, quick: boolean): { rows: Row[]; naive: NaiveRow[]; notes: string[] } {
  const runs = Number(process.env.BENCH_RUNS ?? (quick ? 3 : 5));
  const opSeconds = Number(process.env.BENCH_OP_SECONDS ?? 30);
  const n = size.clients;
  progress(`addon: ${sizeLabel(size)}`);
  const first = benchWorkbook();
  const ctx: Ctx = { ...first, sampler, runs, opSeconds };
  const rows: Row[] = [];
  // Each run on a fresh empty book; the last one is kept and filled.
  rows.push(
    measure(ctx, 'setupDatabase (first run, empty sheet)', () => ctx.addon.call('setupDatabase'), {
      before: (rep) => {
        if (rep > 0) Object.assign(ctx, benchWorkbook());
      },
    }),
  );
  const { wb } = ctx;
  const addon = ctx.addon;
  const t0 = Date.now();
  fillClients(wb, n, size.journal);
  const fillSeconds = (Date.now() - t0) / 1000;
  collectGarbage();
  const heapMb = process.memoryUsage().heapUsed / MB;
  progress(`  filled in ${fillSeconds.toFixed(1)} s, heap ${heapMb.toFixed(0)} MB`);

  const clean = snapshot(wb);
  rows.push(
    measure(ctx, 'recomputeClients (cold: totals empty)', () => addon.call('recomputeClients'), {
      before: (rep) => {
        if (rep > 0) clean.restore();
      },
    }),
  );
  // Before the repair runs below, which may add triggers.
  rows.push(
    measure(ctx, 'nightly (03:00 trigger; totals already current)', () => wb.runDueTriggers(), {
      before: () => nextNightly(wb),
    }),
  );
  const nightlyTriggers = () => wb.triggers.filter((t) => t.handler === 'nightly').length;
  const triggersBefore = nightlyTriggers();
  const repair = measure(ctx, 'setupDatabase (repair run, data in place)', () => addon.call('setupDatabase'));
  rows.push(repair);
  const triggersAfter = nightlyTriggers();
  rows.push(measure(ctx, 'getFormContext', () => addon.call('getFormContext')));
  const added: string[] = [];
  rows.push(
    measure(ctx, 'addClient', (rep) => {
      const r = addon.call('addClient', {
        fullName: NEW_NAMES[rep % NEW_NAMES.length],
        phone: `+7 999 123-45-${String(10 + rep)}`,
      }) as { id?: string };
      if (r.id) added.push(r.id);
      return r;
    }),
  );
  const newest = added[added.length - 1] ?? clientId(n + 1);
  const middle = (rep: number) => clientId(Math.ceil(n / 2) + rep);
  const hinted = measure(ctx, 'logContact (hinted: the client just added)', () =>
    addon.call('logContact', { clientId: newest, type: 'Покупка', amount: 500 }),
  );
  const cold = measure(ctx, 'logContact (cold row: a client mid-sheet)', (rep) =>
    addon.call('logContact', { clientId: middle(rep), type: 'Покупка', amount: 700 }),
  );
  rows.push(hinted, cold);
  rows.push(
    measure(ctx, 'updateClient (stage and notes)', (rep) =>
      addon.call('updateClient', clientId(Math.ceil(n / 3) + rep), { stage: 'Первый контакт', notes: `bench ${rep}` }),
    ),
  );
  rows.push(measure(ctx, 'searchClients "900 000 12" (phone digits)', () => addon.call('searchClients', '900 000 12')));
  rows.push(
    measure(ctx, `searchClients "Фамилия${n - 7}" (name)`, () => addon.call('searchClients', `Фамилия${n - 7}`)),
  );
  rows.push(measure(ctx, 'getClientCard', () => addon.call('getClientCard', clientId(1))));
  rows.push(
    measure(ctx, 'checkDuplicates (name)', () =>
      addon.call('checkDuplicates', { fullName: 'Фамилия5 Имя5 Отчество5' }),
    ),
  );
  rows.push(
    measure(ctx, 'checkDuplicates (phone and email)', () =>
      addon.call('checkDuplicates', {
        fullName: 'Новый Человек',
        phone: '+7 900 000-00-05',
        email: `client${n - 3}@mail.test`,
      }),
    ),
  );
  rows.push(
    measure(ctx, 'mergeClients', (rep) => {
      const keep = Math.ceil(n / 4) + 2 * rep;
      return addon.call('mergeClients', clientId(keep), clientId(keep + 1));
    }),
  );

  const notes = [
    `Filled through the model in ${fillSeconds.toFixed(1)} s (not through the add-on); heap after the fill ${heapMb.toFixed(0)} MB.`,
  ];
  if (triggersAfter !== triggersBefore) {
    notes.push(
      `Triggers: ${triggersBefore} nightly trigger(s) before the ${repair.calls.length} repair runs of setupDatabase,` +
        ` ${triggersAfter} after — each run added one (setup looks for its own triggers with` +
        ' getUserTriggers(spreadsheet); in the emulator that list holds no time-driven trigger), so the nightly job' +
        ' would then run that many times each night.',
    );
  }

  // The naive script on the same workbook and data, last: loading it makes it the add-on triggers reach.
  const naiveAddon = wb.loadAddon({ code: NAIVE, filename: 'Code.gs' });
  const naiveRuns = n <= 10_000 ? runs : 1;
  const naive: NaiveRow[] = [
    {
      size,
      who: 'the newest client (bottom row)',
      kartoteka: hinted,
      naive: measure(
        ctx,
        'naive logContact, newest client',
        () => naiveAddon.call('logContactNaive', newest, 'Покупка', 500),
        { runs: naiveRuns },
      ),
    },
    {
      size,
      who: 'a client mid-sheet',
      kartoteka: cold,
      naive: measure(
        ctx,
        'naive logContact, mid-sheet client',
        (rep) => naiveAddon.call('logContactNaive', middle(rep), 'Покупка', 700),
        { runs: naiveRuns },
      ),
    },
  ];
  return { rows, naive, notes };
}

function naiveTable(rows: NaiveRow[]): BenchTable {
  const lines: string[] = [];
  const table: BenchTable = {
    title: 'Naive baseline: logContact as commonly hand-written (tests/bench/naive/log-contact.gs)',
    columns: [
      'size',
      'logContact of',
      'Kartoteka calls',
      'naive calls',
      'calls ratio',
      'Kartoteka modelled ms',
      'naive modelled ms',
      'time ratio',
      'naive host CPU ms',
    ],
    rows: rows.map((r) => {
      const k = r.kartoteka;
      const nv = r.naive;
      const timedOut = nv.error?.includes('Exceeded maximum execution time') ?? false;
      const kCalls = k.calls[0];
      const nCalls = nv.calls[0];
      const kMs = median(k.modelled);
      const nMs = median(nv.modelled);
      const ge = timedOut ? '≥ ' : '';
      const callsRatio = `${ge}${fmt(nCalls / kCalls)}×`;
      const timeRatio = `${ge}${fmt(nMs / kMs)}×`;
      lines.push(
        `- ${shortLabel(r.size)}, ${r.who}: ${kCalls} calls vs ${timedOut ? '≥ ' : ''}${nCalls.toLocaleString('en-US')} (${callsRatio})` +
          `, ${fmt(kMs)} ms vs ${fmt(nMs)} ms modelled (${timeRatio})${timedOut ? ' — the naive script times out at 6 minutes' : ''}`,
      );
      return [
        shortLabel(r.size),
        r.who,
        kCalls,
        timedOut ? `${nCalls.toLocaleString('en-US')} (killed at 6 min)` : nv.error ? `failed: ${nv.error}` : nCalls,
        callsRatio,
        round(kMs),
        timedOut ? `${fmt(nMs)} (limit ${fmt(SIX_MINUTES)})` : round(nMs),
        timeRatio,
        round(median(nv.cpu)),
      ];
    }),
  };
  table.notes = [
    'The naive script finds the row with `sheet.getRange(r, idCol).getValue()` per row (2 calls a row), appends with' +
      ' `appendRow`, then reads and writes each total with `getValue`/`setValue`. "≥" marks a script Apps Script kills at' +
      ' the 6-minute limit (the emulator throws `Exceeded maximum execution time` at the first call past it): the' +
      ' contact is never written.',
    ...lines,
  ];
  return table;
}

/** Calls and modelled seconds of each operation across sizes, on one screen. */
function overview(sizes: Size[], perSize: Row[][]): BenchTable {
  const ops = perSize[0].map((r) => r.op);
  return {
    title: 'Overview: Spreadsheet calls · modelled seconds',
    columns: ['operation', ...sizes.map(shortLabel)],
    rows: ops.map((op, i) => [
      op,
      ...perSize.map((rows) => {
        const r = rows[i];
        return r.error ? 'failed' : `${callsCell(r)} · ${fmt(median(r.modelled) / 1000)} s`;
      }),
    ]),
    notes: [
      "Spreadsheet calls and modelled time per run: the emulator's cost model (5 ms a call + 0.02 ms a cell moved)," +
        ' the time that meets the 6-minute limit. The tables per size below add other calls (Lock, Properties, Cache,' +
        ' Session…), host CPU (this machine running the emulator; median of the runs) and peak RSS (the whole bench' +
        ' process, sampled every 5 ms during the operation). Cold load of Code.js: see the bundle section.',
    ],
  };
}

function budgets(sizes: Size[], perSize: Row[][]): BenchBudget[] {
  const out: BenchBudget[] = [];
  const find = (rows: Row[], prefix: string) => rows.filter((r) => r.op.startsWith(prefix));
  const scope = sizes.map(shortLabel).join(', ');
  const big = sizes.map((s, i) => ({ s, i })).filter(({ s }) => s.clients >= 100_000);
  const missing100k = big.length ? '' : ' (no 100k size in this run: measured at the largest size instead)';
  const at100k = big.length ? big : [{ s: sizes[sizes.length - 1], i: sizes.length - 1 }];

  for (const op of ['addClient', 'logContact']) {
    const per = perSize.map((rows) => find(rows, op));
    const all = per.flat();
    const max = Math.max(...all.flatMap((r) => r.calls));
    const firsts = per.map((rows) => rows.map((r) => r.calls[0]).join('/'));
    const flat = new Set(firsts).size === 1;
    const failed = all.some((r) => r.error);
    out.push({
      label: `${op} ≤ 6 Spreadsheet calls, flat from 1k to 100k`,
      met: max <= 6 && flat && !failed,
      detail: `${sizes.map((s, i) => `${firsts[i]} at ${shortLabel(s)}`).join(', ')}${failed ? ' (a run failed)' : ''}`,
    });
  }
  for (const op of ['searchClients', 'checkDuplicates']) {
    const rows = at100k.flatMap(({ i }) => find(perSize[i], op));
    const calls = Math.max(...rows.flatMap((r) => r.calls));
    const ms = Math.max(...rows.map((r) => median(r.modelled)));
    out.push({
      label: `${op} ≤ 8 Spreadsheet calls and ≤ 3 s modelled at 100k clients`,
      met: calls <= 8 && ms <= 3000 && !rows.some((r) => r.error),
      detail: `worst of ${rows.length} queries at ${at100k.map(({ s }) => shortLabel(s)).join(', ')}: ${calls} calls, ${fmt(ms / 1000)} s modelled${missing100k}`,
    });
  }
  const large = sizes.map((s, i) => ({ s, i })).filter(({ s }) => s.clients >= 100_000 && s.journal >= 1_000_000);
  if (large.length) {
    const rows = large.flatMap(({ i }) => find(perSize[i], 'recomputeClients'));
    const ms = Math.max(...rows.map((r) => median(r.modelled)));
    out.push({
      label: 'recomputeClients ≤ 120 s modelled at 100k clients + 1M journal rows',
      met: ms <= 120_000 && !rows.some((r) => r.error),
      detail: `${fmt(ms / 1000)} s modelled, ${rows[0].calls[0]} Spreadsheet calls${rows.some((r) => r.error) ? ` — failed: ${rows.find((r) => r.error)?.error}` : ''}`,
    });
  } else {
    out.push({
      label: 'recomputeClients ≤ 120 s modelled at 100k clients + 1M journal rows',
      met: false,
      detail: `not measured in this run (sizes: ${scope}; set BENCH_LARGE_JOURNAL=100000:1000000)`,
    });
  }
  return out;
}

export default async function run(opts: { quick: boolean }): Promise<BenchSection> {
  const sizes = sizesFor(opts.quick);
  const sampler = new RssSampler();
  const perSize: Row[][] = [];
  const naive: NaiveRow[] = [];
  const tables: BenchTable[] = [];
  try {
    for (const size of sizes) {
      const r = runSize(size, sampler, opts.quick);
      perSize.push(r.rows);
      naive.push(...r.naive);
      tables.push(sizeTable(size, r.rows, r.notes));
      collectGarbage();
    }
  } finally {
    await sampler.stop();
  }
  return {
    title: 'The add-on, operation by operation',
    tables: [overview(sizes, perSize), naiveTable(naive), ...tables],
    budgets: budgets(sizes, perSize),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  run({ quick }).then((s) => {
    for (const t of s.tables) console.log(`${renderTable(t)}\n`);
    for (const b of s.budgets) console.log(renderBudget(b));
  });
}
