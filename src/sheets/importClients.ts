// The Clients tab as the import sees it: every card with all its fields and the extra columns people or earlier
// imports added (by header), read in one go; new cards appended in one write; extra columns added; merged cards
// patched cell by cell; and, for undo, rows and empty extra columns removed.

import { largestIdNumber } from '../domain/ids';
import type { CellValue, ExistingCard, ExtraValue } from '../domain/import/types';
import { asSheetText } from '../domain/normalize/text';
import { CLIENTS_TAB } from '../domain/tabs';
import { dateToWall, wallToDate } from '../services/env';
import { fromCell, toCell } from './cells';
import { rememberHints, rememberRowCount } from './clients';
import { deleteRowsOf, growBelow } from './importAppend';
import { columnLetter, headersMatch, runs } from './layout';
import { assertWritable, fieldOf, openTab, type RecordsTab, reopenTab, writePatches } from './records';
import { noteAppend } from './writeLog';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface GridCard extends ExistingCard {
  row: number;
  extra: Record<string, ExtraValue>;
}

export interface ClientsGrid {
  tab: RecordsTab;
  lastRow: number;
  lastColumn: number;
  /** Extra column header → 1-based column (columns that are no field of the card and have a header). */
  extra: Map<string, number>;
  /** Rows that hold an ID, top to bottom. */
  cards: GridCard[];
  /** Extra columns holding something in a row without an ID (a row typed by hand keeps its column). */
  looseExtra: Set<string>;
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** An extra column's cell as the import compares it: dates as wall time, numbers and checkboxes as they are. */
function extraValue(cell: unknown, tz: string): ExtraValue {
  if (cell === null || cell === undefined) return '';
  if (isDate(cell)) {
    const wall = dateToWall(cell, tz, true);
    return wall.endsWith('T00:00') ? wall.slice(0, 10) : wall;
  }
  if (typeof cell === 'number' || typeof cell === 'boolean') return cell;
  return String(cell);
}

/** What to write in an extra column: a date value as a date cell, text kept as text (never a formula or number). */
function extraCell(value: ExtraValue | undefined, tz: string): unknown {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value !== 'string') return value;
  return /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(value) ? wallToDate(value, tz) : asSheetText(value);
}

function gridOf(tab: RecordsTab, values: unknown[][], tz: string): ClientsGrid {
  const { layout } = tab;
  const header = (values[0] ?? []).map((v) => (v === null || v === undefined ? '' : String(v)));
  const fieldColumns = new Set(Object.values(layout.columns));
  const extra = new Map<string, number>();
  header.forEach((text, i) => {
    if (!fieldColumns.has(i + 1) && text.trim() && !extra.has(text)) extra.set(text, i + 1);
  });
  const fields = Object.entries(layout.columns).map(([key, column]) => ({ key, column, field: fieldOf(tab.def, key) }));
  const idColumn = layout.columns.id;
  const cards: GridCard[] = [];
  const looseExtra = new Set<string>();
  for (let r = 1; r < values.length; r++) {
    const cells = values[r];
    const id = idColumn ? String(cells[idColumn - 1] ?? '').trim() : '';
    if (!id) {
      for (const [h, c] of extra) if (extraValue(cells[c - 1], tz) !== '') looseExtra.add(h);
      continue;
    }
    const rec: Record<string, CellValue> = {};
    for (const f of fields) rec[f.key] = fromCell(f.field, cells[f.column - 1], tz);
    const ext: Record<string, ExtraValue> = {};
    for (const [h, c] of extra) ext[h] = extraValue(cells[c - 1], tz);
    cards.push({ id, row: r + 1, values: rec, extra: ext });
  }
  return { tab, lastRow: Math.max(values.length, 1), lastColumn: header.length, extra, cards, looseExtra };
}

/**
 * Every card of the Clients tab with every field and extra column: the tab found by its cached layout (one call)
 * and read whole (one call). Headers that moved since the layout was cached are found again before reading them.
 */
export function readClientsGrid(ss: Spreadsheet, tz: string): ClientsGrid {
  let tab = openTab(ss, CLIENTS_TAB);
  // -1: to the last row and column with data (one call; the tab always has its header row).
  const values = tab.sheet.getSheetValues(1, 1, -1, -1);
  if (!headersMatch(tab.layout, 1, values[0] ?? [])) tab = reopenTab(ss, CLIENTS_TAB);
  const grid = gridOf(tab, values, tz);
  rememberRowCount(grid.lastRow);
  return grid;
}

/** Whether the tab still ends where the grid read it (nobody added or removed rows since): one call. */
export function gridIsCurrent(grid: ClientsGrid): boolean {
  return grid.tab.sheet.getLastRow() === grid.lastRow;
}

/** The largest client number in the grid (the ID counter never goes below it). */
export function largestId(grid: ClientsGrid): number {
  return largestIdNumber(grid.cards.map((c) => c.id));
}

/**
 * Adds extra columns after the last one, headed with the given headers: plain columns (no dropdown or date format
 * copied from their neighbour). Five calls.
 */
export function addExtraColumns(grid: ClientsGrid, headers: string[]): void {
  if (!headers.length) return;
  assertWritable(grid.tab);
  const { sheet } = grid.tab;
  const first = grid.lastColumn + 1;
  const last = first + headers.length - 1;
  sheet.insertColumnsAfter(grid.lastColumn, headers.length);
  // Data rows only: the header cells keep the header look they took from their neighbour.
  sheet.getRange(`${columnLetter(first)}2:${columnLetter(last)}`).clear({ formatOnly: true, validationsOnly: true });
  sheet.getRange(1, first, 1, headers.length).setValues([headers.map(asSheetText)]);
  headers.forEach((h, i) => {
    grid.extra.set(h, first + i);
  });
  grid.lastColumn = last;
}

/** New cards (IDs set) appended below the last row in one write; returns the row of the first. */
export function appendCards(
  grid: ClientsGrid,
  cards: Array<{ values: Record<string, CellValue>; extra: Record<string, ExtraValue> }>,
  tz: string,
): number {
  const first = grid.lastRow + 1;
  if (!cards.length) return first;
  assertWritable(grid.tab);
  const { sheet, layout, def } = grid.tab;
  const width = grid.lastColumn;
  const fields = Object.entries(layout.columns).map(([key, column]) => ({ key, column, field: fieldOf(def, key) }));
  const rows = cards.map((c) => {
    const cells: unknown[] = new Array(width).fill('');
    for (const f of fields) if (f.key in c.values) cells[f.column - 1] = toCell(f.field, c.values[f.key], tz);
    for (const [h, value] of Object.entries(c.extra)) {
      const column = grid.extra.get(h);
      if (column) cells[column - 1] = extraCell(value, tz);
    }
    return cells;
  });
  growBelow(sheet, grid.lastRow, cards.length);
  sheet.getRange(first, 1, rows.length, width).setValues(rows);
  cards.forEach((c, i) => {
    const id = String(c.values.id ?? '');
    grid.cards.push({ id, row: first + i, values: { ...c.values }, extra: { ...c.extra } });
  });
  grid.lastRow = first + cards.length - 1;
  noteAppend(
    def,
    layout.sheetName,
    first,
    cards.map((c) => c.values),
  );
  rememberRowCount(grid.lastRow);
  rememberHints(cards.map((c, i) => [String(c.values.id ?? ''), first + i, String(c.values.fullName ?? '')]));
  return first;
}

/**
 * A note on each cell of newly appended cards whose value could not be read (field keys or extra headers per card,
 * cards from row `first` down): one write of the rectangle they span, the new rows holding no other notes.
 */
export function flagCells(grid: ClientsGrid, first: number, flagged: readonly string[][], note: string): void {
  const cells: Array<[number, number]> = [];
  flagged.forEach((keys, i) => {
    for (const key of keys) {
      const column = grid.tab.layout.columns[key] ?? grid.extra.get(key);
      if (column) cells.push([first + i, column]);
    }
  });
  if (!cells.length) return;
  const rows = cells.map(([r]) => r);
  const columns = cells.map(([, c]) => c);
  const top = Math.min(...rows);
  const left = Math.min(...columns);
  const notes = Array.from({ length: Math.max(...rows) - top + 1 }, () =>
    new Array<string>(Math.max(...columns) - left + 1).fill(''),
  );
  for (const [r, c] of cells) notes[r - top][c - left] = note;
  grid.tab.sheet.getRange(top, left, notes.length, notes[0].length).setNotes(notes);
}

/**
 * Changes cells of existing cards: fields in as few rectangles as cost less (writePatches), extra columns one run
 * of rows at a time. The grid's copy of each card follows.
 */
export function patchCards(
  grid: ClientsGrid,
  patches: Array<{ id: string; values: Record<string, CellValue>; extra: Record<string, ExtraValue> }>,
  tz: string,
): void {
  const byId = new Map(grid.cards.map((c) => [c.id, c]));
  const updates: Array<{ row: number; patch: Record<string, CellValue> }> = [];
  const extras = new Map<number, Map<number, ExtraValue>>();
  for (const p of patches) {
    const card = byId.get(p.id);
    if (!card) continue;
    if (Object.keys(p.values).length) updates.push({ row: card.row, patch: p.values });
    Object.assign(card.values, p.values);
    for (const [h, value] of Object.entries(p.extra)) {
      const column = grid.extra.get(h);
      if (!column) continue;
      if (!extras.has(column)) extras.set(column, new Map());
      extras.get(column)!.set(card.row, value);
      card.extra[h] = value;
    }
  }
  if (updates.length) writePatches(grid.tab, updates, tz);
  for (const [column, byRow] of extras) {
    const rows = [...byRow.keys()].sort((a, b) => a - b);
    for (const [first, count] of runs(rows)) {
      const cells = Array.from({ length: count }, (_, i) => [extraCell(byRow.get(first + i), tz)]);
      grid.tab.sheet.getRange(first, column, count, 1).setValues(cells);
    }
  }
}

/** Deletes sheet rows (bottom-up, one call per run of neighbouring rows); the grid forgets those cards. */
export function deleteGridRows(grid: ClientsGrid, rows: number[]): void {
  const sorted = deleteRowsOf(grid.tab.sheet, rows);
  const gone = new Set(sorted);
  // Cards are top to bottom: walk the deleted rows once to know how many lie above each card.
  let above = 0;
  grid.cards = grid.cards
    .filter((c) => !gone.has(c.row))
    .map((c) => {
      while (above < sorted.length && sorted[above] < c.row) above++;
      return { ...c, row: c.row - above };
    });
  grid.lastRow -= sorted.length;
  rememberRowCount(grid.lastRow);
  rememberHints(
    grid.cards.map((c) => [c.id, c.row, String(c.values.fullName ?? '')]),
    true,
  );
}

/** Extra columns (by header) that hold nothing below their header, in any row left. */
export function emptyExtraColumns(grid: ClientsGrid, headers: readonly string[]): string[] {
  return headers.filter(
    (h) =>
      grid.extra.has(h) &&
      !grid.looseExtra.has(h) &&
      grid.cards.every((c) => c.extra[h] === '' || c.extra[h] === undefined),
  );
}

/**
 * Deletes extra columns by header (right to left, one call each). Field columns right of them move left, so the
 * layout is read again from the column tags.
 */
export function deleteExtraColumns(grid: ClientsGrid, headers: readonly string[]): void {
  const columns = headers
    .map((h) => grid.extra.get(h))
    .filter((c): c is number => typeof c === 'number')
    .sort((a, b) => b - a);
  if (!columns.length) return;
  for (const c of columns) grid.tab.sheet.deleteColumn(c);
  for (const h of headers) grid.extra.delete(h);
  for (const [h, c] of grid.extra) grid.extra.set(h, c - columns.filter((d) => d < c).length);
  grid.lastColumn -= columns.length;
  grid.tab = reopenTab(grid.tab.sheet.getParent(), CLIENTS_TAB);
}
