// Segments at 10k and 100k clients through the built add-on: "Rebuild segments and funnel" (Spreadsheet calls,
// modelled Apps Script time, host CPU), the segment formulas' count, the TypeScript selection mailings use
// (segmentMembers), and what the emulated sheet spends recalculating the segment tabs after one person's edit of a
// stage and of a purchase count; then each default segment's formula alone on a bare sheet. Sizes: BENCH_SEGMENTS
// (default 10000,100000; --quick 1000). BENCH_RUNS edits (default 3).
// `npx tsx tests/bench/sections/segments.ts [--quick]` runs it alone (dist/ must be built).
import { pathToFileURL } from 'node:url';
import type { Workbook } from '../../../local/index';
import { CLIENT_FIELDS } from '../../../src/domain/fields';
import {
  boundValues,
  defaultSegments,
  FIRST_MEMBER_ROW,
  readSegments,
  segmentGrid,
} from '../../../src/domain/segments';
import { defaultSettings } from '../../../src/domain/settings';
import { variedCards } from '../../domain/segments/cards';
import { sheetEnv } from '../../domain/segments/sheetEnv';
import { collectGarbage, cpuTime, median, progress, round } from '../lib/measure';
import { renderBudget, renderTable } from '../lib/render';
import { benchWorkbook, clientId, modelledMs, spreadsheetCalls } from '../lib/workbook';
import type { BenchBudget, BenchSection, BenchTable } from '../types';

const TODAY = '2026-03-15';
const CLIENTS = 'Клиенты';
const SEGMENTS = 'Сегменты';
const STAGE_SEGMENT = 'Дошли до визита';
const settings = defaultSettings('ru', 'ru_RU');
const STAGES = settings.lists.stages.map((s) => s.label);

const fmt = (x: number) => round(x).toLocaleString('en-US');
const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

function sizesFor(quick: boolean): number[] {
  return (process.env.BENCH_SEGMENTS ?? (quick ? '1000' : '10000,100000')).split(',').filter(Boolean).map(Number);
}

/** n varied cards (the same generator the agreement tests use), with IDs. */
function cards(n: number): Array<Record<string, unknown>> {
  return variedCards(n, n, 'ru', TODAY, settings.lists.services).map((c, i) => ({ ...c, id: clientId(i + 1) }));
}

/** Cards written under the headers setup made, through the model (not the add-on), dates as Dates. */
function fill(wb: Workbook, list: Array<Record<string, unknown>>): void {
  const ss = wb.model.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  const clients = ss.getSheetByName(CLIENTS)!;
  const header = clients.getRange(1, 1, 1, clients.getLastColumn()).getValues()[0].map(String);
  const at = new Map(CLIENT_FIELDS.map((f) => [f.key, header.indexOf(f.header.ru)]));
  const dates = new Set(CLIENT_FIELDS.filter((f) => /date/.test(f.type)).map((f) => f.key));
  if (clients.getMaxRows() < list.length + 1)
    clients.insertRowsAfter(clients.getMaxRows(), list.length + 1 - clients.getMaxRows());
  const block = 20_000;
  for (let start = 0; start < list.length; start += block) {
    const rows = list.slice(start, start + block).map((card) => {
      const row = new Array(header.length).fill('');
      for (const [key, value] of Object.entries(card)) {
        const iso = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value);
        row[at.get(key)!] = dates.has(key) && iso ? new Date(`${value.slice(0, 10)}T12:00:00+03:00`) : value;
      }
      return row;
    });
    clients.getRange(2 + start, 1, rows.length, header.length).setValues(rows);
  }
}

/** Formulas on the segment tabs and the overview (every tab the Segments tab's rows build). */
function segmentFormulas(wb: Workbook, tabs: string[]): number {
  return tabs
    .map((t) => (wb.formulas(t) as unknown[][]).flat().filter((x) => typeof x === 'string' && x.startsWith('=')).length)
    .reduce((a, b) => a + b, 0);
}

interface AddonResult {
  n: number;
  rebuild: { calls: number; modelled: number; cpu: number; error?: string };
  tabs: number;
  formulas: number;
  firstRead: number;
  members: { calls: number; modelled: number; cpu: number; count: number };
  stageEdit: number[];
  purchaseEdit: number[];
}

function addonRun(n: number, runs: number): AddonResult {
  progress(`segments: add-on at ${label(n)} clients`);
  const { wb, addon } = benchWorkbook();
  const setup = addon.call('setupDatabase') as { ok: boolean };
  if (!setup.ok) throw new Error(`setup failed: ${JSON.stringify(setup)}`);
  fill(wb, cards(n));
  // One segment of the owner's own that reads the stage (the defaults read purchases and dates).
  const ss = wb.model.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  const defs = ss.getSheetByName(SEGMENTS)!;
  defs.getRange(defs.getLastRow() + 1, 1, 1, 3).setValues([[STAGE_SEGMENT, true, 'Стадия достигла визит']]);
  wb.resetCalls();
  const before = wb.executions.length;
  const rebuilt = cpuTime(() => {
    try {
      return addon.call('rebuildSegments') as { ok: boolean };
    } catch (e) {
      return { ok: false, thrown: String(e) };
    }
  });
  const rebuild = {
    calls: spreadsheetCalls(wb.calls),
    modelled: modelledMs(wb.executions.slice(before)),
    cpu: rebuilt.ms,
    error: rebuilt.value.ok ? undefined : JSON.stringify(rebuilt.value).slice(0, 200),
  };
  const rows = (wb.values(SEGMENTS) as unknown[][]).slice(1).filter((r) => r[1] === true);
  const tabs = [...rows.map((r) => String(r[0])), 'Сегменты: сводка'];
  // The sheet evaluates lazily: the first read after the rebuild computes every segment formula.
  const firstRead = cpuTime(() => {
    for (const t of tabs) wb.values(t);
  }).ms;
  const formulas = segmentFormulas(wb, tabs);
  wb.resetCalls();
  const beforeMembers = wb.executions.length;
  const selected = cpuTime(() => addon.call('segmentMembers', 'Постоянные') as { members: unknown[] });
  const members = {
    calls: spreadsheetCalls(wb.calls),
    modelled: modelledMs(wb.executions.slice(beforeMembers)),
    cpu: selected.ms,
    count: selected.value.members?.length ?? 0,
  };
  const header = wb.values(CLIENTS)[0] as string[];
  const letter = (h: string) => String.fromCharCode(65 + header.indexOf(h));
  const stageEdit: number[] = [];
  const purchaseEdit: number[] = [];
  for (let k = 0; k < runs; k++) {
    const row = 2 + ((k * 7919) % n);
    stageEdit.push(
      cpuTime(() => {
        wb.edit(CLIENTS, `${letter('Стадия')}${row}`, STAGES[(k + 2) % 4]);
        wb.values(STAGE_SEGMENT);
      }).ms,
    );
    purchaseEdit.push(
      cpuTime(() => {
        wb.edit(CLIENTS, `${letter('Покупок')}${row}`, 3 + k);
        for (const t of tabs) wb.values(t);
      }).ms,
    );
  }
  collectGarbage();
  return { n, rebuild, tabs: tabs.length, formulas, firstRead, members, stageEdit, purchaseEdit };
}

interface AloneRow {
  name: string;
  first: number;
  edit: number;
}

/** Each default segment's formula alone on a bare emulated sheet of n clients: first evaluation, one edit + read. */
function aloneRun(n: number): AloneRow[] {
  progress(`segments: formulas alone at ${label(n)} clients`);
  const sheet = sheetEnv('ru', { today: TODAY, rows: n + 10 });
  sheet.writeCards(cards(n) as Array<Record<string, string | number>>);
  const seeds = defaultSegments('ru', sheet.env).filter((s) => !s.name.startsWith('=') || s.key === 'bought-1');
  const rows = seeds.map((s, i) => ({
    row: i + 2,
    key: s.key,
    name: s.name.startsWith('=') ? String(sheet.evaluate(s.name, 1)[0][0]) : s.name,
    active: true,
    conditions: s.conditions.startsWith('=') ? String(sheet.evaluate(s.conditions, 1)[0][0]) : s.conditions,
    conditionsFormula: s.conditions.startsWith('=') ? s.conditions : undefined,
  }));
  const out: AloneRow[] = [];
  const purchases = CLIENT_FIELDS.findIndex((f) => f.key === 'purchases') + 1;
  for (const reading of readSegments(rows, { ...sheet.env, timeZone: 'Europe/Moscow' })) {
    if (!reading.ok) continue;
    const seg = reading.segment;
    const grid = segmentGrid(
      sheet.env,
      seg.source,
      seg.conditions,
      seg.plan,
      boundValues(seg.source.conditionsFormula, sheet.env.settingsRefs),
    );
    const formula = String(grid[FIRST_MEMBER_ROW - 1][0]);
    const width = seg.plan.columns.length;
    const first = cpuTime(() => sheet.evaluate(formula, 2, width)).ms;
    const edit = cpuTime(() => {
      sheet.clientsSheet.getRange(2 + (n >> 1), purchases).setValue(5);
      sheet.evaluate(formula, 2, width);
    }).ms;
    out.push({ name: seg.name, first, edit });
  }
  collectGarbage();
  return out;
}

export default async function run(opts: { quick: boolean }): Promise<BenchSection> {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const sizes = sizesFor(opts.quick);
  const addon = sizes.map((n) => addonRun(n, runs));
  const alone = aloneRun(sizes[0]);
  const tables: BenchTable[] = [
    {
      title: 'Segments through the built add-on (7 default segments ticked + one reading the stage, and the overview)',
      columns: [
        'clients',
        'rebuild: Spreadsheet calls',
        'rebuild: modelled s',
        'rebuild: host CPU ms',
        'segment tabs',
        'segment formulas',
        'first read CPU ms',
        'segmentMembers: calls / modelled ms / CPU ms',
        'stage edit + read: CPU ms',
        'purchases edit + read all: CPU ms',
      ],
      rows: addon.map((r) => [
        label(r.n),
        r.rebuild.error ? `failed: ${r.rebuild.error}` : r.rebuild.calls,
        fmt(r.rebuild.modelled / 1000),
        fmt(r.rebuild.cpu),
        r.tabs,
        r.formulas,
        fmt(r.firstRead),
        `${r.members.calls} / ${fmt(r.members.modelled)} / ${fmt(r.members.cpu)} (${r.members.count} members)`,
        fmt(median(r.stageEdit)),
        fmt(median(r.purchaseEdit)),
      ]),
      notes: [
        'The rebuild is the menu’s "Rebuild segments and funnel" (the Funnel tab too). Each segment tab holds 4 formulas (head count, total spent, cost per member, the list) and the overview 4–5 per segment: the count grows with segments, never with clients.',
        'Edits are a person typing into Clients with the add-on’s edit trigger installed, then reading the segment tabs: the CPU is the emulated sheet recalculating every formula that reads the edited column (median of BENCH_RUNS). Google Sheets recalculates on its servers; this is the emulator’s cost, shown so a formula that scans the rows more than once is seen.',
      ],
    },
    {
      title: `Each default segment's formula alone at ${label(sizes[0])} clients (bare emulated sheet)`,
      columns: ['segment', 'first evaluation CPU ms', 'edit + read CPU ms'],
      rows: alone.map((r) => [r.name, fmt(r.first), fmt(r.edit)]),
      notes: [
        'One SORT(FILTER(…)) over the Clients columns: each condition is one array expression over the rows (a comparison, or day bounds computed once), so an edit costs one pass over the clients.',
      ],
    },
  ];
  const largest = addon[addon.length - 1];
  const budgets: BenchBudget[] = [
    {
      label: 'Segment formula count independent of clients',
      met: addon.every((r) => r.formulas === addon[0].formulas),
      detail: addon.map((r) => `${r.formulas} formulas on ${r.tabs} tabs at ${label(r.n)}`).join(', '),
    },
    {
      label: 'Rebuild segments and funnel within the 6-minute limit',
      met: !largest.rebuild.error && largest.rebuild.modelled < 6 * 60_000,
      detail: `${fmt(largest.rebuild.modelled / 1000)} s modelled, ${largest.rebuild.calls} calls at ${label(largest.n)}`,
    },
  ];
  return { title: 'Segments', tables, budgets };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  run({ quick }).then((s) => {
    for (const t of s.tables) console.log(`${renderTable(t)}\n`);
    for (const b of s.budgets) console.log(renderBudget(b));
  });
}
