// A records tab (clients, journal; next: ad spend, sent log, audit, import report) as typed records, in bulk:
// read every record in one call per column run, append a block in one call, update a rectangle in one call.
import type { FieldDef, TabDef } from '../domain/fields';
import { hasProblems, requiredKeys } from '../domain/integrity';
import { fromCell, toCell } from './cells';
import { columnsOf, headersMatch, type Layout, type Located, locate, mergeRuns, relocate, runs } from './layout';
import { noteAppend, noteUpdate } from './writeLog';

/** A record as plain values keyed by field ('yyyy-mm-dd' dates, numbers, text). */
export type Row = Record<string, string | number>;
/** A record and the sheet row it was read from. */
export type RowAt = Row & { row: number };

export interface RecordsTab extends Located {
  def: TabDef;
}

/** The tab has not been created yet: setup (Set up / repair database) creates it. */
export class NotSetUpError extends Error {
  constructor() {
    super('not set up');
    this.name = 'NotSetUpError';
  }
}

/**
 * A required column of the tab is gone, or its header row is: nothing may be written (or counted) until it is
 * repaired. `missing` are field keys.
 */
export class LayoutBrokenError extends Error {
  constructor(
    public def: TabDef,
    public sheetName: string,
    public missing: string[],
    public headerMissing: boolean,
  ) {
    super(`layout of ${def.key} broken`);
    this.name = 'LayoutBrokenError';
  }
}

function intact(loc: Located, def: TabDef): RecordsTab {
  const p = loc.layout.problems;
  if (hasProblems(p)) throw new LayoutBrokenError(def, loc.layout.sheetName, p!.missing, p!.headerMissing);
  return { ...loc, def };
}

/** The tab by its tag (then its name in either language), with its cached layout; NotSetUpError when absent. */
export function openTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: TabDef): RecordsTab {
  const loc = locate(ss, def);
  if (!loc) throw new NotSetUpError();
  return intact(loc, def);
}

/** The tab with its layout read again from the sheet (after a stale cache was noticed). */
export function reopenTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: TabDef): RecordsTab {
  const loc = relocate(ss, def);
  if (!loc) throw new NotSetUpError();
  return intact(loc, def);
}

/** Before any write: the columns the tab cannot do without are all known (else LayoutBrokenError, nothing written). */
export function assertWritable(tab: RecordsTab): void {
  const missing = requiredKeys(tab.def).filter((k) => !tab.layout.columns[k]);
  if (missing.length || tab.layout.problems?.headerMissing)
    throw new LayoutBrokenError(tab.def, tab.layout.sheetName, missing, Boolean(tab.layout.problems?.headerMissing));
}

const fieldMaps = new WeakMap<TabDef, Map<string, FieldDef>>();

/** A field of the tab by key. */
export function fieldOf(def: TabDef, key: string): FieldDef {
  let map = fieldMaps.get(def);
  if (!map) {
    map = new Map(def.fields.map((f) => [f.key, f]));
    fieldMaps.set(def, map);
  }
  const field = map.get(key);
  if (!field) throw new Error(`no field ${key} in tab ${def.key}`);
  return field;
}

/** The last column holding a field: a row of records is this wide. */
export function layoutWidth(layout: Layout): number {
  return Math.max(...Object.values(layout.columns));
}

/**
 * Column runs to read for these columns over `rows` rows: neighbours joined, and runs a few foreign columns apart
 * joined too while reading the gap costs less than another call (a call ≈ 250 cells; see local/README.md).
 */
export function readRuns(columns: number[], rows: number): Array<[number, number]> {
  const maxGap = Math.min(3, Math.floor(250 / Math.max(rows, 1)));
  return mergeRuns(runs(columns), maxGap);
}

/** A record → the cells of one sheet row (width cells; unmapped columns empty). */
export function recordCells(tab: RecordsTab, record: Row, tz: string, width = layoutWidth(tab.layout)): unknown[] {
  const cells: unknown[] = new Array(width).fill('');
  for (const [key, column] of Object.entries(tab.layout.columns)) {
    if (column <= width && key in record) cells[column - 1] = toCell(fieldOf(tab.def, key), record[key], tz);
  }
  return cells;
}

/** Sheet cells of one row (starting at column `first`) → a record of the given fields. */
function recordOf(tab: RecordsTab, keys: readonly string[], cells: unknown[], first: number, tz: string): Row {
  const rec: Row = {};
  for (const key of keys) {
    const column = tab.layout.columns[key];
    rec[key] = column ? fromCell(fieldOf(tab.def, key), cells[column - first], tz) : '';
  }
  return rec;
}

/**
 * Every record of the tab with the given fields (all by default), in as few rectangles as the layout allows.
 * Row 1 is read too and checked against the cached headers: a renamed or moved column re-reads the layout once.
 */
export function readRecords(
  tab: RecordsTab,
  tz: string,
  keys: readonly string[] = tab.def.fields.map((f) => f.key),
  ss?: GoogleAppsScript.Spreadsheet.Spreadsheet,
): { rows: RowAt[]; lastRow: number; tab: RecordsTab } {
  let current = tab;
  for (let attempt = 0; ; attempt++) {
    const { sheet, layout } = current;
    const lastRow = sheet.getLastRow();
    const blocks = readRuns(columnsOf(layout, keys), lastRow);
    const grids: Array<{ first: number; count: number; values: unknown[][] }> = [];
    let stale = false;
    for (const [first, count] of blocks) {
      // getSheetValues: one call where getRange + getValues are two.
      const values = lastRow >= 1 ? sheet.getSheetValues(1, first, lastRow, count) : [];
      if (values.length && !headersMatch(layout, first, values[0])) stale = true;
      grids.push({ first, count, values });
    }
    if (stale && attempt === 0 && ss) {
      current = reopenTab(ss, current.def);
      continue;
    }
    const located = keys
      .map((key) => {
        const column = layout.columns[key];
        const grid = column ? grids.find((g) => column >= g.first && column < g.first + g.count) : undefined;
        return { key, field: fieldOf(current.def, key), grid, at: grid ? column - grid.first : -1 };
      })
      .filter((k) => k.grid);
    const missing = keys.filter((key) => !located.some((k) => k.key === key));
    const rows: RowAt[] = [];
    for (let r = 1; r < lastRow; r++) {
      const rec: RowAt = { row: r + 1 };
      for (const k of located) rec[k.key] = fromCell(k.field, k.grid!.values[r][k.at], tz);
      for (const key of missing) rec[key] = '';
      rows.push(rec);
    }
    return { rows, lastRow, tab: current };
  }
}

/** Records of rows first…first+count-1 (every field by default): one read of the rectangle. */
export function readRecordRange(
  tab: RecordsTab,
  first: number,
  count: number,
  tz: string,
  keys: readonly string[] = tab.def.fields.map((f) => f.key),
): RowAt[] {
  if (count <= 0) return [];
  const width = layoutWidth(tab.layout);
  const values = tab.sheet.getSheetValues(first, 1, count, width);
  return values.map((cells, i) => ({ ...recordOf(tab, keys, cells, 1, tz), row: first + i }));
}

/** Appends one record at the bottom (Sheets grows the grid): one call; the row is not reported. */
export function appendRecord(tab: RecordsTab, record: Row, tz: string): void {
  assertWritable(tab);
  tab.sheet.appendRow(recordCells(tab, record, tz));
  noteAppend(tab.def, tab.layout.sheetName, '', [record]);
}

/** The tab with its headers checked against the cached layout (one read of row 1); re-read when they moved. */
export function verifiedTab(tab: RecordsTab): RecordsTab {
  const width = Math.max(tab.layout.lastColumn, layoutWidth(tab.layout));
  const header = tab.sheet.getRange(1, 1, 1, width).getValues()[0];
  if (headersMatch(tab.layout, 1, header)) return tab;
  return reopenTab(tab.sheet.getParent(), tab.def);
}

/**
 * Appends records below the last row in one write (the grid grows by one insertRowsAfter when it is full), after
 * checking the headers, so a block never lands under columns people moved. Returns the row of the first record.
 */
export function appendRecords(tab: RecordsTab, records: Row[], tz: string): number {
  const { sheet } = tab;
  const lastRow = Math.max(sheet.getLastRow(), 1);
  if (!records.length) return lastRow + 1;
  const target = verifiedTab(tab);
  assertWritable(target);
  const width = layoutWidth(target.layout);
  const maxRows = sheet.getMaxRows();
  const needed = lastRow + records.length;
  if (needed > maxRows) sheet.insertRowsAfter(maxRows, needed - maxRows);
  sheet
    .getRange(lastRow + 1, 1, records.length, width)
    .setValues(records.map((r) => recordCells(target, r, tz, width)));
  noteAppend(target.def, target.layout.sheetName, lastRow + 1, records);
  return lastRow + 1;
}

/**
 * Writes the given fields of consecutive rows from `first` (records[i] goes to row first+i): one write per run of
 * neighbouring columns, so columns people inserted between fields are never touched.
 */
export function updateRecords(
  tab: RecordsTab,
  first: number,
  records: Row[],
  keys: readonly string[],
  tz: string,
): void {
  if (!records.length) return;
  assertWritable(tab);
  noteUpdate(
    tab.def,
    tab.layout.sheetName,
    records.map((rec, i) => ({ row: first + i, patch: pick(rec, keys) })),
  );
  const byColumn = new Map(keys.filter((k) => tab.layout.columns[k]).map((k) => [tab.layout.columns[k], k]));
  for (const [start, count] of runs(columnsOf(tab.layout, keys))) {
    const grid = records.map((rec) => {
      const cells: unknown[] = [];
      for (let c = start; c < start + count; c++) {
        const key = byColumn.get(c)!;
        cells.push(toCell(fieldOf(tab.def, key), rec[key], tz));
      }
      return cells;
    });
    tab.sheet.getRange(first, start, records.length, count).setValues(grid);
  }
}

function pick(rec: Row, keys: readonly string[]): Row {
  const out: Row = {};
  for (const k of keys) if (k in rec) out[k] = rec[k];
  return out;
}

/** Writes only the changed fields of one row: one rectangle per run of neighbouring changed columns. */
export function writeFields(tab: RecordsTab, row: number, patch: Row, tz: string): void {
  const keys = Object.keys(patch).filter((k) => tab.layout.columns[k]);
  updateRecords(tab, row, [patch], keys, tz);
}

// What a call and a cell cost (local/README.md): choosing between one tall write and several short ones.
const CALL_COST = 5;
const CELL_COST = 0.02;
// More runs of changed rows than this in one column: read the span back and write it once instead.
const MAX_RUNS = 100;

/** Cells of one column from row `first` down (a piece of a rectangle write). */
type Piece = { first: number; cells: unknown[] };

/**
 * Sparse updates (a patch per row, rows anywhere), written column by column in as few rectangles as cost less:
 * - each run of changed rows is written as it is, so no cell between changes is touched;
 * - for a column the add-on owns (computed) that the caller read (`current`: the rows as read), the rows from the
 *   first to the last change may be written in one go instead, unchanged rows from what was read, when one tall
 *   write costs less than many short ones;
 * - a column changed in very many scattered runs is read back over its span and written once.
 * Neighbouring columns changed in the same rows go out as one rectangle.
 */
export function writePatches(
  tab: RecordsTab,
  updates: Array<{ row: number; patch: Row }>,
  tz: string,
  current?: Map<number, Row>,
): void {
  if (!updates.length) return;
  assertWritable(tab);
  noteUpdate(tab.def, tab.layout.sheetName, updates, current);
  const changes = new Map<string, Map<number, unknown>>();
  for (const u of updates) {
    for (const [key, value] of Object.entries(u.patch)) {
      if (!tab.layout.columns[key]) continue;
      if (!changes.has(key)) changes.set(key, new Map());
      changes.get(key)!.set(u.row, value);
    }
  }
  const planned: Array<{ column: number; pieces: Piece[] }> = [];
  for (const [key, byRow] of changes) {
    const field = fieldOf(tab.def, key);
    const cell = (v: unknown) => toCell(field, v, tz);
    const rows = [...byRow.keys()].sort((a, b) => a - b);
    const column = tab.layout.columns[key];
    const pieces = runs(rows).map(
      ([first, count]): Piece => ({
        first,
        cells: Array.from({ length: count }, (_, i) => cell(byRow.get(first + i))),
      }),
    );
    const span = rows[rows.length - 1] - rows[0] + 1;
    const known = current && field.computed && rows.every((r) => current.has(r));
    if (known && CALL_COST + span * CELL_COST < pieces.length * CALL_COST + rows.length * CELL_COST) {
      const cells = Array.from({ length: span }, (_, i) => {
        const r = rows[0] + i;
        return byRow.has(r) ? cell(byRow.get(r)) : cell(current.get(r)?.[key] ?? '');
      });
      planned.push({ column, pieces: [{ first: rows[0], cells }] });
    } else if (pieces.length > MAX_RUNS) {
      const range = tab.sheet.getRange(rows[0], column, span, 1);
      const grid = range.getValues();
      for (const r of rows) grid[r - rows[0]][0] = cell(byRow.get(r));
      range.setValues(grid);
    } else planned.push({ column, pieces });
  }
  // Neighbouring columns whose pieces cover the same rows are written together.
  planned.sort((a, b) => a.column - b.column);
  const sameRows = (a: Piece[], b: Piece[]) =>
    a.length === b.length && a.every((p, i) => p.first === b[i].first && p.cells.length === b[i].cells.length);
  for (let i = 0; i < planned.length; ) {
    let j = i + 1;
    while (
      j < planned.length &&
      planned[j].column === planned[j - 1].column + 1 &&
      sameRows(planned[j].pieces, planned[i].pieces)
    )
      j++;
    planned[i].pieces.forEach((piece, p) => {
      const grid = piece.cells.map((_, r) => planned.slice(i, j).map((col) => col.pieces[p].cells[r]));
      tab.sheet.getRange(piece.first, planned[i].column, piece.cells.length, j - i).setValues(grid);
    });
    i = j;
  }
}
