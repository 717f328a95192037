// The Clients tab: bulk reads of chosen columns, a client's row by ID (cached hints, then a scan), the contact block
// logContact reads and writes in one call each way, and search done by Sheets itself (TextFinder).
import { CONTACT_BLOCK_KEYS, type FieldDef } from '../domain/fields';
import { CLIENTS_TAB } from '../domain/tabs';
import { cacheGet, cacheGetAll, cachePut, cachePutAll, cacheRemove } from '../services/env';
import { fromCell, toCell } from './cells';
import { noteIdScan } from './integrity';
import { a1, cachedLayout, columnsOf, headersMatch, type Layout } from './layout';
import {
  fieldOf,
  layoutWidth,
  openTab,
  type RecordsTab,
  type Row,
  type RowAt,
  readRecordRange,
  readRecords,
  reopenTab,
  writeFields,
} from './records';
import { noteUpdate, rememberBefore } from './writeLog';

export { NotSetUpError, type Row, type RowAt } from './records';

export const clientField = (key: string): FieldDef => fieldOf(CLIENTS_TAB, key);

export function clientsTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): RecordsTab {
  return openTab(ss, CLIENTS_TAB);
}

/** The Clients layout from the cache, without touching the sheet (A1 access by name); else located once. */
export function clientsLayout(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Layout {
  return cachedLayout(CLIENTS_TAB.key) ?? clientsTab(ss).layout;
}

/** The given fields of every client row (see readRecords); remembers how many rows the tab has. */
export function readColumns(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  keys: readonly string[],
  tz: string,
  tab: RecordsTab = clientsTab(ss),
): { rows: RowAt[]; lastRow: number; tab: RecordsTab } {
  const read = readRecords(tab, tz, keys, ss);
  rememberRowCount(read.lastRow);
  // Every read of the whole ID column refreshes what is known about duplicated IDs.
  if (keys.includes('id')) noteIdScan(read.rows.map((r) => ({ row: r.row, id: r.id })));
  return read;
}

/** One whole client row (every field) as a record. */
export function readClient(tab: RecordsTab, row: number, tz: string): Row {
  const [rec] = readRecordRange(tab, row, 1, tz);
  const { row: _row, ...values } = rec;
  rememberBefore(tab.def.key, row, values);
  return values;
}

export { writeFields as writeClientFields };

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

/** Every remembered hint of IDs up to number `max` (a handful of cache reads, one per 500 IDs). */
export function hintsUpTo(max: number): Array<[string, number, string]> {
  const keys: string[] = [];
  for (let n = 0; n <= Math.floor(max / 500); n++) keys.push(`hints.${n}`);
  const out: Array<[string, number, string]> = [];
  for (const chunk of Object.values(cacheGetAll<Record<string, Hint>>(keys)))
    for (const [id, [row, name]] of Object.entries(chunk)) out.push([id, row, name]);
  return out;
}

export function hintsFresh(): boolean {
  return Boolean(cacheGet('hints.fresh'));
}

// How many rows the Clients tab had when last read: block reads of search hits stay inside the grid without asking.
const ROWS_KEY = 'clients.rows';

export function rememberRowCount(lastRow: number): void {
  cachePut(ROWS_KEY, lastRow);
}

/** The Clients tab's last row when last read (0 when unknown). */
export function rememberedRowCount(): number {
  return cacheGet<number>(ROWS_KEY) ?? 0;
}

/** Rows were inserted or removed by a person: the remembered count may be wrong. */
export function forgetRowCount(): void {
  cacheRemove([ROWS_KEY]);
}

/** Scans IDs and names once, refreshes every hint, and returns the row of `id` (0 when absent). */
export function scanForRow(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  id: string,
  tz: string,
): { row: number; name: string; tab: RecordsTab } {
  const { rows, tab } = readColumns(ss, ['id', 'fullName'], tz);
  rememberHints(
    rows.map((r) => [String(r.id), r.row, String(r.fullName)]),
    true,
  );
  const hit = rows.find((r) => r.id === id);
  return { row: hit?.row ?? 0, name: hit ? String(hit.fullName) : '', tab };
}

/** Every ID cell of the tab, top to bottom. */
export function readAllIds(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tz: string): string[] {
  return readColumns(ss, ['id'], tz).rows.map((r) => String(r.id));
}

/**
 * The contact block of one client row (stage, totals, milestones, ID, next step: CONTACT_BLOCK_KEYS), read in one
 * call by A1 without looking the tab up. Null when the row no longer holds this client (rows moved or deleted).
 */
export interface ContactBlock {
  values: Row;
  /** Writes the block's new values: one call when its columns are neighbours, else one per run of changes. */
  write(next: Row, changed: readonly string[]): void;
}

/**
 * `check` (a layout taken from the cache): the block's cells must look like what they hold (numbers under counts,
 * dates under dates), and when fields right of the ID will be written their header cells are read and compared, so
 * a column inserted or moved inside the block while the change trigger was missing is noticed (null: look again).
 */
export function readContactBlock(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  layout: Layout,
  row: number,
  clientId: string,
  tz: string,
  check: { cells?: boolean; rightOfId?: boolean } = {},
): ContactBlock | null {
  const cols = columnsOf(layout, CONTACT_BLOCK_KEYS);
  const first = cols[0];
  const last = cols[cols.length - 1];
  const contiguous = cols.length === CONTACT_BLOCK_KEYS.length && last - first + 1 === cols.length;
  let range: GoogleAppsScript.Spreadsheet.Range;
  let cells: unknown[];
  try {
    range = ss.getRange(a1(layout.sheetName, row, first, row, last));
    cells = range.getValues()[0];
  } catch (_e) {
    // The row (or the tab under its cached name) is gone.
    return null;
  }
  if (String(cells[layout.columns.id - first]) !== clientId) return null;
  if (check.cells && !plausible(layout, cells, first)) return null;
  if (check.rightOfId && !headersRightOfId(ss, layout)) return null;
  const values: Row = {};
  for (const key of CONTACT_BLOCK_KEYS)
    values[key] = fromCell(clientField(key), cells[layout.columns[key] - first], tz);
  rememberBefore(CLIENTS_TAB.key, row, values);
  return {
    values,
    write(next, changed) {
      if (!changed.length) return;
      if (contiguous) {
        // By column, not by key order: people may have reordered columns inside the block.
        const out: unknown[] = new Array(last - first + 1);
        for (const k of CONTACT_BLOCK_KEYS) out[layout.columns[k] - first] = toCell(clientField(k), next[k], tz);
        // The audit log hears of it as of any write (writeFields notes its own).
        noteUpdate(CLIENTS_TAB, layout.sheetName, [
          { row, patch: Object.fromEntries(changed.map((k) => [k, next[k]])) },
        ]);
        range.setValues([out]);
      } else {
        const patch: Row = {};
        for (const k of changed) patch[k] = next[k];
        writeFields({ sheet: range.getSheet(), layout, def: CLIENTS_TAB }, row, patch, tz);
      }
    },
  };
}

const isDateCell = (v: unknown) => Object.prototype.toString.call(v) === '[object Date]';

/** Numbers under count and amount columns, dates under date columns: else the columns moved under the cache. */
function plausible(layout: Layout, cells: unknown[], first: number): boolean {
  for (const key of CONTACT_BLOCK_KEYS) {
    const field = clientField(key);
    const cell = cells[layout.columns[key] - first];
    if (cell === '' || cell === null || cell === undefined) continue;
    if ((field.type === 'count' || field.type === 'amount') && typeof cell !== 'number') return false;
    if ((field.type === 'date' || field.type === 'datetime') && !isDateCell(cell) && typeof cell !== 'number')
      return false;
  }
  return true;
}

/** The header cells right of the ID column inside the block still read as when the layout was cached. */
function headersRightOfId(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, layout: Layout): boolean {
  const id = layout.columns.id;
  const last = Math.max(...columnsOf(layout, CONTACT_BLOCK_KEYS));
  if (!id || last <= id) return true;
  try {
    const header = ss.getRange(a1(layout.sheetName, 1, id + 1, 1, last)).getValues()[0];
    return headersMatch(layout, id + 1, header);
  } catch (_e) {
    return false;
  }
}

/** IDs of some rows (as shown), read in one rectangle of the ID column from the first to the last of them. */
export function readIdsAt(tab: RecordsTab, rows: number[]): Map<number, string> {
  const out = new Map<number, string>();
  const column = tab.layout.columns.id;
  if (!rows.length || !column) return out;
  const top = Math.min(...rows);
  const cells = tab.sheet.getRange(top, column, Math.max(...rows) - top + 1, 1).getDisplayValues();
  for (const row of rows) out.set(row, String(cells[row - top][0]));
  return out;
}

/** Removes a client's row (the rows below move up by one). */
export function deleteClientRow(tab: RecordsTab, row: number): void {
  tab.sheet.deleteRow(row);
}

/** The ID in the selected row of the Clients tab ('' when the selection is elsewhere or holds no ID). */
export function selectedClientId(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const layout = clientsLayout(ss);
  const active = ss.getActiveSheet();
  const range = ss.getActiveRange();
  if (!active || !range || active.getName() !== layout.sheetName || range.getRow() < 2 || !layout.columns.id) return '';
  return String(active.getRange(range.getRow(), layout.columns.id).getDisplayValue()).trim();
}

/** The Clients tab with its layout read again (the cached one proved stale). */
export function reopenClients(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): RecordsTab {
  return reopenTab(ss, CLIENTS_TAB);
}

export { layoutWidth };
