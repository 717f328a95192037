// The emulated spreadsheet's formula engine at 10k client rows under a funnel of ~100 COUNTIFS/SUMIFS/FILTER cells:
// median time of one cell edit, appendRow, insertRowsAfter, a 500-row setValues and Range.sort.
// `npx tsx tests/bench/sections/emulator.ts [--quick]` runs it alone and prints the table.

import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createSpreadsheetModel } from '../../../local/spreadsheet/index';
import type { BenchBudget, BenchSection, BenchTable } from '../types';

const STAGES = ['Lead', 'Contacted', 'Visit booked', 'Visited', 'Client', 'Lost'];
const SOURCES = ['Instagram', 'Google', 'Referral', 'Walk-in', 'Website'];
const STAFF = ['Anna', 'Boris', 'Vera', 'Gleb'];
const HEADER = ['ID', 'Name', 'Stage', 'Source', 'Responsible', 'Created', 'Spent', 'Purchases', 'Email', 'Notes'];

function clientRow(i: number): unknown[] {
  return [
    `C-${String(i).padStart(6, '0')}`,
    `Client ${i}`,
    STAGES[i % STAGES.length],
    SOURCES[(i * 7) % SOURCES.length],
    STAFF[i % STAFF.length],
    new Date(Date.UTC(2025, 0, 1 + (i % 400), 9)),
    (i % 13) * 1000,
    i % 5,
    `client${i}@mail.test`,
    i % 11 === 0 ? 'allergy' : '',
  ];
}

/** ~100 aggregate formulas reading whole Clients columns: the funnel tab of the add-on, written by hand. */
function funnelFormulas(): string[][] {
  const rows: string[][] = [];
  for (const stage of STAGES) {
    const line = [`=COUNTIFS(Clients!C:C,"${stage}")`, `=SUMIFS(Clients!G:G,Clients!C:C,"${stage}")`];
    for (const source of SOURCES) line.push(`=COUNTIFS(Clients!C:C,"${stage}",Clients!D:D,"${source}")`);
    for (const who of STAFF) line.push(`=SUMIFS(Clients!G:G,Clients!C:C,"${stage}",Clients!E:E,"${who}")`);
    line.push(`=COUNTIFS(Clients!C:C,"${stage}",Clients!F:F,">="&DATE(2025,6,1))`);
    line.push(`=SUMIFS(Clients!H:H,Clients!C:C,"${stage}",Clients!F:F,"<"&DATE(2025,6,1))`);
    rows.push(line);
  }
  return rows; // 6 stages × 13 = 78 formulas
}

interface Timing {
  label: string;
  target: number;
  /** Wall-clock ms per run. */
  samples: number[];
  /** CPU ms per run (this process): what the run costs when the machine's cores are shared. */
  cpu: number[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function build(n: number) {
  const hooks = {
    context: { now: () => new Date('2026-03-15T09:00:00Z'), user: () => 'owner@example.com', inScript: () => true },
    toast: () => undefined,
    ui: () => {
      throw new Error('no Ui in the bench');
    },
  };
  const model = createSpreadsheetModel({
    timeZone: 'Europe/Moscow',
    locale: 'en_US',
    owner: 'owner@example.com',
    hooks,
  });
  const ss = model.spreadsheet;
  const clients = ss.getActiveSheet().setName('Clients');
  clients.insertRowsAfter(clients.getMaxRows(), n + 1 - clients.getMaxRows() + 100);
  clients.getRange(1, 1, 1, HEADER.length).setValues([HEADER]);
  const rows: unknown[][] = [];
  for (let i = 1; i <= n; i++) rows.push(clientRow(i));
  clients.getRange(2, 1, n, HEADER.length).setValues(rows);
  const funnel = ss.insertSheet('Funnel');
  const f = funnelFormulas();
  funnel.getRange(1, 1, f.length, f[0].length).setFormulas(f);
  // Segment lists: FILTER results below the counts (22 more aggregates, each spilling).
  const seg = ss.insertSheet('Segments');
  const filters: string[] = [];
  for (const stage of STAGES) filters.push(`=FILTER(Clients!A2:A,Clients!C2:C="${stage}")`);
  for (const source of SOURCES) filters.push(`=FILTER(Clients!B2:B,Clients!D2:D="${source}",Clients!G2:G>5000)`);
  for (const who of STAFF) filters.push(`=FILTER(Clients!A2:A,Clients!E2:E="${who}",Clients!H2:H>=3)`);
  seg.getRange(1, 1, 1, filters.length).setFormulas([filters]);
  const total = f.length * f[0].length + filters.length;
  // The funnel has been read once (as a script would) before the measured edits.
  funnel.getDataRange().getValues();
  seg.getRange(1, 1, 10, filters.length).getValues();
  return { model, ss, clients, funnel, seg, total };
}

function time(t: Timing, fn: () => void): void {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  t.samples.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  t.cpu.push((c.user + c.system) / 1000);
}

export default async function run(opts: { quick: boolean }): Promise<BenchSection> {
  const n = opts.quick ? 2000 : 10_000;
  const reps = opts.quick ? 3 : 5;
  const t0 = performance.now();
  const { clients, funnel, seg, total } = build(n);
  const buildMs = performance.now() - t0;
  // Each action is followed by reading one funnel value, as a script checking the result would.
  const readBack = () => {
    funnel.getRange(1, 1).getValue();
    seg.getRange(1, 1).getValue();
  };
  const timings: Timing[] = [
    { label: 'one cell edit (setValue into Stage)', target: 100, samples: [], cpu: [] },
    { label: 'appendRow', target: 50, samples: [], cpu: [] },
    { label: 'insertRowsAfter (1 row mid-tab)', target: 200, samples: [], cpu: [] },
    { label: 'setValues of 500 rows', target: 500, samples: [], cpu: [] },
    { label: 'Range.sort of the client rows', target: 1000, samples: [], cpu: [] },
  ];
  for (let k = 0; k < reps; k++) {
    const row = 2 + ((k * 1777) % n);
    time(timings[0], () => {
      clients.getRange(row, 3).setValue(STAGES[(k + 2) % STAGES.length]);
      readBack();
    });
    time(timings[1], () => {
      clients.appendRow(clientRow(n + k + 1));
      readBack();
    });
    time(timings[2], () => {
      clients.insertRowsAfter(Math.floor(n / 2) + k, 1);
      readBack();
    });
    const block: unknown[][] = [];
    for (let i = 0; i < 500; i++) block.push(clientRow(3 * i + k));
    time(timings[3], () => {
      clients.getRange(100 + k * 7, 1, 500, HEADER.length).setValues(block);
      readBack();
    });
  }
  // Sorting is slower and reorders everything: fewer repetitions.
  for (let k = 0; k < Math.min(reps, 3); k++) {
    const key = k % 2 === 0 ? 7 : 2;
    time(timings[4], () => {
      clients.getRange(2, 1, clients.getLastRow() - 1, HEADER.length).sort({ column: key, ascending: k !== 1 });
      readBack();
    });
  }
  const table: BenchTable = {
    title: `Emulator: ${n.toLocaleString('en-US')} client rows, ${total} funnel formulas (median of ${reps})`,
    columns: ['action', 'median ms', 'median CPU ms', 'min ms', 'max ms', 'target ms'],
    rows: timings.map((t) => [
      t.label,
      Math.round(median(t.samples)),
      Math.round(median(t.cpu)),
      Math.round(Math.min(...t.samples)),
      Math.round(Math.max(...t.samples)),
      t.target,
    ]),
    notes: [
      `building the tab and the funnel: ${Math.round(buildMs)} ms`,
      'each action includes reading one funnel value and one segment value back',
      'budgets are judged on CPU time: wall time also counts waiting for cores other processes hold',
    ],
  };
  const budgets: BenchBudget[] = timings.map((t) => {
    const m = median(t.cpu);
    return {
      label: `${t.label} ≤ ${t.target} ms at ${n.toLocaleString('en-US')} rows`,
      met: m <= t.target,
      detail: `median ${Math.round(m)} ms CPU, ${Math.round(median(t.samples))} ms wall`,
    };
  });
  return { title: 'Emulator formula engine', tables: [table], budgets };
}

function print(section: BenchSection): void {
  console.log(`\n## ${section.title}`);
  for (const t of section.tables) {
    console.log(`\n${t.title}`);
    const widths = t.columns.map((c, i) => Math.max(c.length, ...t.rows.map((r) => String(r[i]).length)));
    const line = (cells: Array<string | number>) => cells.map((x, i) => String(x).padEnd(widths[i])).join('  ');
    console.log(line(t.columns));
    for (const r of t.rows) console.log(line(r));
    for (const note of t.notes ?? []) console.log(`  ${note}`);
  }
  for (const b of section.budgets) console.log(`${b.met ? 'met    ' : 'NOT met'}  ${b.label}: ${b.detail}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run({ quick: process.argv.includes('--quick') }).then(print);
}
