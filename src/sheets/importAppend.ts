// Appending an import's blocks to the Journal and the Import report (its last row asked once, the grid grown once,
// one write), and finding and removing those blocks again for a stopped chunk or an undo.
import { fromCell } from './cells';
import { runs } from './layout';
import {
  assertWritable,
  fieldOf,
  layoutWidth,
  type RecordsTab,
  type Row,
  type RowAt,
  readRecordRange,
  recordCells,
} from './records';
import { noteAppend, noteEntry } from './writeLog';

/** The row a block appended to the tab now would start at (one call). */
export function nextRowOf(tab: RecordsTab): number {
  return Math.max(tab.sheet.getLastRow(), 1) + 1;
}

/**
 * Grows a records tab by `count` rows below `lastRow` (one call): the new rows copy the formats and dropdowns of the
 * blank row under the data, or of the last data row when the grid is full — never those of the header.
 */
export function growBelow(sheet: GoogleAppsScript.Spreadsheet.Sheet, lastRow: number, count: number): void {
  try {
    sheet.insertRowsAfter(lastRow + 1, count);
  } catch (_e) {
    // The grid ends at the last data row: there is no blank row to copy.
    sheet.insertRowsAfter(lastRow, count);
  }
}

/**
 * Appends records below the last row (asked unless the caller just did): three or four calls whatever their number.
 * Returns the row of the first.
 */
export function appendRows(tab: RecordsTab, records: Row[], tz: string, knownLastRow?: number): number {
  const lastRow = Math.max(knownLastRow ?? tab.sheet.getLastRow(), 1);
  if (!records.length) return lastRow + 1;
  assertWritable(tab);
  const width = layoutWidth(tab.layout);
  growBelow(tab.sheet, lastRow, records.length);
  tab.sheet
    .getRange(lastRow + 1, 1, records.length, width)
    .setValues(records.map((r) => recordCells(tab, r, tz, width)));
  noteAppend(tab.def, tab.layout.sheetName, lastRow + 1, records);
  return lastRow + 1;
}

/** Records of rows first…first+count-1 (the rows a stopped chunk meant to write): one read. */
export function readRows(tab: RecordsTab, first: number, count: number, tz: string): RowAt[] {
  const lastRow = tab.sheet.getLastRow();
  const n = Math.min(count, lastRow - first + 1);
  return n > 0 ? readRecordRange(tab, first, n, tz) : [];
}

/** One field of every row (from row 2), as the domain reads it: one call. */
export function readColumn(tab: RecordsTab, key: string, tz: string): Array<string | number> {
  const column = tab.layout.columns[key];
  const lastRow = tab.sheet.getLastRow();
  if (!column || lastRow < 2) return [];
  const field = fieldOf(tab.def, key);
  return tab.sheet.getSheetValues(2, column, lastRow - 1, 1).map((r) => fromCell(field, r[0], tz));
}

/**
 * Deletes sheet rows bottom-up, one call per run of neighbouring rows, noted for the audit log as one entry per
 * run; returns the rows ascending, without repeats.
 */
export function deleteRowsOf(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: readonly number[]): number[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const list = runs(sorted);
  const tab = list.length ? sheet.getName() : '';
  for (let i = list.length - 1; i >= 0; i--) {
    const [first, count] = list[i];
    sheet.deleteRows(first, count);
    noteEntry({ clientId: '', tab, sheetRow: first, field: '', before: `${count}`, after: '' });
  }
  return sorted;
}
