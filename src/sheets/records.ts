// A records tab (clients, journal; next: ad spend, sent log, audit, import report) as typed records, in bulk:
// read every record in one call per column run, append a block in one call, update a rectangle in one call.
import type { FieldDef, TabDef } from '../domain/fields';
import { fromCell, toCell } from './cells';
import { columnsOf, headersMatch, type Layout, type Located, locate, mergeRuns, relocate, runs } from './layout';

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

/** The tab by its tag (then its name in either language), with its cached layout; NotSetUpError when absent. */
export function openTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: TabDef): RecordsTab {
  const loc = locate(ss, def);
  if (!loc) throw new NotSetUpError();
  return { ...loc, def };
}

/** The tab with its layout read again from the sheet (after a stale cache was noticed). */
export function reopenTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: TabDef): RecordsTab {
  const loc = relocate(ss, def);
  if (!loc) throw new NotSetUpError();
  return { ...loc, def };
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
      const values = lastRow >= 1 ? sheet.getRange(1, first, lastRow, count).getValues() : [];
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
  const values = tab.sheet.getRange(first, 1, count, width).getValues();
  return values.map((cells, i) => ({ ...recordOf(tab, keys, cells, 1, tz), row: first + i }));
}

/** Appends one record at the bottom (Sheets grows the grid): one call; the row is not reported. */
export function appendRecord(tab: RecordsTab, record: Row, tz: string): void {
  tab.sheet.appendRow(recordCells(tab, record, tz));
}

/**
 * Appends records below the last row in one write (the grid grows by one insertRowsAfter when it is full).
 * Returns the row of the first record.
 */
export function appendRecords(tab: RecordsTab, records: Row[], tz: string): number {
  const { sheet } = tab;
  const lastRow = Math.max(sheet.getLastRow(), 1);
  if (!records.length) return lastRow + 1;
  const width = layoutWidth(tab.layout);
  const maxRows = sheet.getMaxRows();
  const needed = lastRow + records.length;
  if (needed > maxRows) sheet.insertRowsAfter(maxRows, needed - maxRows);
  sheet.getRange(lastRow + 1, 1, records.length, width).setValues(records.map((r) => recordCells(tab, r, tz, width)));
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

/** Writes only the changed fields of one row: one rectangle per run of neighbouring changed columns. */
export function writeFields(tab: RecordsTab, row: number, patch: Row, tz: string): void {
  const keys = Object.keys(patch).filter((k) => tab.layout.columns[k]);
  updateRecords(tab, row, [patch], keys, tz);
}

/**
 * Sparse updates (a patch per row, rows anywhere): per changed column, the rows between the first and the last
 * change are read back and written in one go, so cells between the changes keep what they hold now.
 */
export function writePatches(tab: RecordsTab, updates: Array<{ row: number; patch: Row }>, tz: string): void {
  if (!updates.length) return;
  const keys = [...new Set(updates.flatMap((u) => Object.keys(u.patch)))];
  const minRow = Math.min(...updates.map((u) => u.row));
  const maxRow = Math.max(...updates.map((u) => u.row));
  const keyAt = new Map(Object.entries(tab.layout.columns).map(([k, c]) => [c, k]));
  for (const [first, count] of runs(columnsOf(tab.layout, keys))) {
    const range = tab.sheet.getRange(minRow, first, maxRow - minRow + 1, count);
    const grid = range.getValues();
    for (const u of updates) {
      for (let c = first; c < first + count; c++) {
        const key = keyAt.get(c);
        if (key && key in u.patch) grid[u.row - minRow][c - first] = toCell(fieldOf(tab.def, key), u.patch[key], tz);
      }
    }
    range.setValues(grid);
  }
}
