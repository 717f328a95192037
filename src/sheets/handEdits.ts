// What a person's edit touched, read from the event's range for the audit log, and the marks Kartoteka leaves on
// pasted cells: a note saying what is wrong, and the email rule a paste wiped, put back on those cells.
import { CLIENTS_TAB } from '../domain/tabs';
import { cachedLayout, columnLetter, relocate } from './layout';

/** Most cells of one paste noted one by one (the rest is summed up). */
export const MAX_EDIT_CELLS = 500;

export interface EditedCells {
  sheetName: string;
  /** The Clients tab (its layout known): fields by column, IDs by row. */
  clients: boolean;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  /** Values now, at most MAX_EDIT_CELLS of them, row by row. */
  values: unknown[][];
  /** Field key (Clients) or header text per edited column. */
  fields: string[];
  /** Client ID per edited row ('' where none or not the Clients tab). */
  ids: string[];
  /** Field key → 1-based column on the Clients tab. */
  columns: Record<string, number>;
}

/** True for a real Range (an event passed from a sidebar or the console carries a plain object). */
export function isRange(range: unknown): range is GoogleAppsScript.Spreadsheet.Range {
  const r = range as { getSheet?: unknown; getRow?: unknown; getNumRows?: unknown } | null;
  return Boolean(r && typeof r.getSheet === 'function' && typeof r.getRow === 'function');
}

/** The edited rectangle, its header texts or field keys, and (on Clients) the IDs of its rows. */
export function readEdit(range: GoogleAppsScript.Spreadsheet.Range): EditedCells {
  const sheet = range.getSheet();
  const row = range.getRow();
  const column = range.getColumn();
  const numRows = range.getNumRows();
  const numColumns = range.getNumColumns();
  const ss = sheet.getParent();
  const sheetName = sheet.getName();
  const layout = cachedLayout(CLIENTS_TAB.key) ?? relocate(ss, CLIENTS_TAB)?.layout;
  const clients = Boolean(layout && layout.sheetName === sheetName);
  const rowsRead = Math.max(1, Math.min(numRows, Math.ceil(MAX_EDIT_CELLS / numColumns)));
  const values = numColumns <= MAX_EDIT_CELLS ? sheet.getRange(row, column, rowsRead, numColumns).getValues() : [];
  const byColumn = new Map<number, string>();
  if (clients && layout) for (const [k, c] of Object.entries(layout.columns)) byColumn.set(c, k);
  const header = sheet.getRange(1, column, 1, numColumns).getDisplayValues()[0];
  const fields = header.map((text, i) => byColumn.get(column + i) ?? (String(text) || columnLetter(column + i)));
  let ids: string[] = new Array(numRows).fill('');
  const idColumn = clients && layout ? layout.columns.id : 0;
  if (idColumn && row >= 2)
    ids = sheet
      .getRange(row, idColumn, numRows, 1)
      .getDisplayValues()
      .map((r) => String(r[0]).trim());
  return {
    sheetName,
    clients,
    row,
    column,
    numRows,
    numColumns,
    values,
    fields,
    ids,
    columns: clients && layout ? layout.columns : {},
  };
}

/** Every value of one Clients column, as rows (for the duplicate-phone check of a paste). */
export function readClientColumn(
  range: GoogleAppsScript.Spreadsheet.Range,
  column: number,
): Array<{ row: number; value: string }> {
  const sheet = range.getSheet();
  const last = sheet.getLastRow();
  if (last < 2) return [];
  return sheet
    .getRange(2, column, last - 1, 1)
    .getDisplayValues()
    .map((r, i) => ({ row: i + 2, value: String(r[0]).trim() }));
}

/** Leaves a note on each given cell (its text replaces an earlier Kartoteka note). */
export function noteCells(
  range: GoogleAppsScript.Spreadsheet.Range,
  notes: Array<{ row: number; column: number; text: string }>,
): void {
  const sheet = range.getSheet();
  for (const n of notes.slice(0, 100)) sheet.getRange(n.row, n.column).setNote(n.text);
}

/** Puts the email rule back on cells of the email column a paste overwrote (the rule goes with a pasted cell). */
export function restoreEmailRule(
  range: GoogleAppsScript.Spreadsheet.Range,
  column: number,
  firstRow: number,
  numRows: number,
  helpText: string,
): void {
  const rule = SpreadsheetApp.newDataValidation()
    .requireTextIsEmail()
    .setAllowInvalid(false)
    .setHelpText(helpText)
    .build();
  range.getSheet().getRange(firstRow, column, numRows, 1).setDataValidation(rule);
}

/** The name of the tab a structural change happened on (the active tab of the person who made it). */
export function changedSheetName(source: unknown): string {
  try {
    return (source as GoogleAppsScript.Spreadsheet.Spreadsheet).getActiveSheet().getName();
  } catch (_e) {
    return '';
  }
}
