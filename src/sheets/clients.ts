// The Clients tab as records: bulk reads of chosen columns, row lookup by ID with cached hints, minimal writes.
import { CLIENT_FIELDS, type FieldDef, TABS } from '../domain/fields';
import { cacheGet, cacheGetAll, cachePut, cachePutAll } from '../services/env';
import { fromCell, toCell } from './cells';
import { a1, columnsOf, headersMatch, type Layout, type Located, locate, mergeRuns, relocate, runs } from './layout';

export type Row = Record<string, string | number>;

const FIELD = new Map(CLIENT_FIELDS.map((f) => [f.key, f]));
export const clientField = (key: string): FieldDef => FIELD.get(key)!;

export class NotSetUpError extends Error {
  constructor() {
    super('not set up');
    this.name = 'NotSetUpError';
  }
}

export function clientsTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Located {
  const loc = locate(ss, TABS.clients);
  if (!loc) throw new NotSetUpError();
  return loc;
}

export function journalTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Located {
  const loc = locate(ss, TABS.journal);
  if (!loc) throw new NotSetUpError();
  return loc;
}

/**
 * Reads the given fields for every client row in as few rectangles as possible (one per contiguous run of
 * columns; a gap of up to 3 foreign columns is read through rather than split). Row 1 is read too and checked
 * against the cached headers; a mismatch re-reads the layout once.
 */
export function readColumns(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  keys: readonly string[],
  tz: string,
  loc?: Located,
): { rows: Array<Row & { row: number }>; lastRow: number; loc: Located } {
  let located = loc ?? clientsTab(ss);
  for (let attempt = 0; ; attempt++) {
    const { sheet, layout } = located;
    const lastRow = sheet.getLastRow();
    const cols = columnsOf(layout, keys);
    const blocks = mergeRuns(runs(cols), 3);
    const grids: Array<{ first: number; values: unknown[][] }> = [];
    let stale = false;
    for (const [first, count] of blocks) {
      const values = lastRow >= 1 ? sheet.getRange(1, first, lastRow, count).getValues() : [];
      if (values.length && !headersMatch(layout, first, values[0])) stale = true;
      grids.push({ first, values });
    }
    if (stale && attempt === 0) {
      located = relocate(ss, TABS.clients) ?? located;
      continue;
    }
    const rows: Array<Row & { row: number }> = [];
    for (let r = 1; r < lastRow; r++) {
      const rec: Row & { row: number } = { row: r + 1 };
      for (const key of keys) {
        const column = layout.columns[key];
        if (!column) continue;
        const grid = grids.find((g) => column >= g.first && column < g.first + (g.values[0]?.length ?? 0));
        rec[key] = grid ? fromCell(clientField(key), grid.values[r][column - grid.first], tz) : '';
      }
      rows.push(rec);
    }
    return { rows, lastRow, loc: located };
  }
}

/** A domain row → the cells of one sheet row, per layout (unmapped columns empty). */
export function rowCells(layout: Layout, values: Row, tz: string, width: number): unknown[] {
  const cells: unknown[] = new Array(width).fill('');
  for (const [key, column] of Object.entries(layout.columns)) {
    if (column <= width && key in values) cells[column - 1] = toCell(clientField(key), values[key], tz);
  }
  return cells;
}

export function layoutWidth(layout: Layout): number {
  return Math.max(...Object.values(layout.columns));
}

/** Reads one whole client row (all fields) as a record. */
export function readRow(sheet: GoogleAppsScript.Spreadsheet.Sheet, layout: Layout, row: number, tz: string): Row {
  const width = layoutWidth(layout);
  const cells = sheet.getRange(row, 1, 1, width).getValues()[0];
  const rec: Row = {};
  for (const field of CLIENT_FIELDS) {
    const column = layout.columns[field.key];
    rec[field.key] = column ? fromCell(field, cells[column - 1], tz) : '';
  }
  return rec;
}

/** Writes only the changed fields of a row: one rectangle per contiguous run of changed columns. */
export function writeFields(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  layout: Layout,
  row: number,
  patch: Row,
  tz: string,
): void {
  const keys = Object.keys(patch).filter((k) => layout.columns[k]);
  const byColumn = new Map(keys.map((k) => [layout.columns[k], k]));
  for (const [first, count] of runs(columnsOf(layout, keys))) {
    const cells: unknown[] = [];
    for (let c = first; c < first + count; c++) {
      const key = byColumn.get(c)!;
      cells.push(toCell(clientField(key), patch[key], tz));
    }
    sheet.getRange(row, first, 1, count).setValues([cells]);
  }
}

// Row hints: ID → [row, name], cached in chunks of 500 IDs so logging a contact needs no scan of the ID column.
type Hint = [number, string];
const chunkOf = (id: string) => `hints.${Math.floor(Number(id.slice(2)) / 500)}`;

export function hintFor(id: string): Hint | undefined {
  return cacheGet<Record<string, Hint>>(chunkOf(id))?.[id];
}

export function rememberHints(entries: Array<[string, number, string]>, replaceAll = false): void {
  const chunks: Record<string, Record<string, Hint>> = {};
  for (const [id, row, name] of entries) {
    if (!/^C-\d+$/.test(id)) continue;
    const key = chunkOf(id);
    chunks[key] ??= {};
    chunks[key][id] = [row, name];
  }
  if (!replaceAll) {
    const existing = cacheGetAll<Record<string, Hint>>(Object.keys(chunks));
    for (const [key, old] of Object.entries(existing)) chunks[key] = { ...old, ...chunks[key] };
  }
  cachePutAll(chunks);
  if (replaceAll) cachePut('hints.fresh', 1, 300);
}

export function hintsFresh(): boolean {
  return Boolean(cacheGet('hints.fresh'));
}

/** Scans IDs and names once, refreshes every hint, and returns the row of `id` (0 when absent). */
export function scanForRow(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  id: string,
  tz: string,
): { row: number; name: string; loc: Located } {
  const { rows, loc } = readColumns(ss, ['id', 'fullName'], tz);
  rememberHints(
    rows.map((r) => [String(r.id), r.row, String(r.fullName)]),
    true,
  );
  const hit = rows.find((r) => r.id === id);
  return { row: hit?.row ?? 0, name: hit ? String(hit.fullName) : '', loc };
}

/** A1 of a row's span between two fields, for Spreadsheet.getRange without looking the tab up first. */
export function spanA1(layout: Layout, row: number, first: number, last: number): string {
  return a1(layout.sheetName, row, first, row, last);
}
