// The Journal tab: entries appended (one call each, or a block in one call), a client's entries found by Sheets'
// TextFinder, the columns totals need read in a few rectangles, and entries moved from one client to another.
import type { JournalEntryValues } from '../domain/journal';
import { JOURNAL_TAB } from '../domain/tabs';
import { toCell } from './cells';
import { mergeRuns, runs } from './layout';
import {
  appendRecord,
  appendRecords,
  fieldOf,
  openTab,
  type RecordsTab,
  type Row,
  type RowAt,
  readRecordRange,
  readRecords,
} from './records';

export function journalTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): RecordsTab {
  return openTab(ss, JOURNAL_TAB);
}

const asRow = (entry: JournalEntryValues): Row => entry as unknown as Row;

/** Appends one entry: one call. */
export function appendEntry(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, entry: JournalEntryValues, tz: string): void {
  appendRecord(journalTab(ss), asRow(entry), tz);
}

/** Appends one entry to a journal tab already opened (and proved) by the caller: one call. */
export function appendEntryTo(tab: RecordsTab, entry: JournalEntryValues, tz: string): void {
  appendRecord(tab, asRow(entry), tz);
}

/** Appends entries in one write; returns the row of the first. */
export function appendEntries(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  entries: JournalEntryValues[],
  tz: string,
): number {
  return appendRecords(journalTab(ss), entries.map(asRow), tz);
}

/** Rows whose client ID cell is exactly `clientId`, ascending, found by Sheets (no column is read). */
function rowsOfClient(tab: RecordsTab, clientId: string): number[] {
  const lastRow = tab.sheet.getLastRow();
  if (lastRow < 2) return [];
  return tab.sheet
    .getRange(2, tab.layout.columns.clientId, lastRow - 1, 1)
    .createTextFinder(clientId)
    .matchEntireCell(true)
    .findAll()
    .map((r) => r.getRow())
    .sort((a, b) => a - b);
}

/**
 * The newest `limit` entries of a client, oldest first. Entries are appended, so the last rows are the newest:
 * only those are read, rows close together in one rectangle.
 */
export function entriesOf(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clientId: string,
  tz: string,
  limit = 200,
): RowAt[] {
  const tab = journalTab(ss);
  const rows = rowsOfClient(tab, clientId).slice(-limit);
  const out: RowAt[] = [];
  for (const [first, count] of mergeRuns(runs(rows), 50)) {
    for (const rec of readRecordRange(tab, first, count, tz)) if (rec.clientId === clientId) out.push(rec);
  }
  return out;
}

/** The journal columns the totals need, for every row: at, clientId, type, amount (one rectangle per column run). */
export function readFacts(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tz: string,
  keys: readonly string[] = ['at', 'clientId', 'type', 'amount', 'item'],
): { rows: RowAt[]; count: number } {
  const { rows, lastRow } = readRecords(journalTab(ss), tz, keys, ss);
  return { rows, count: Math.max(lastRow - 1, 0) };
}

/** Moves every entry of one client to another (ID and name cells), one write per run of rows; returns how many. */
export function moveEntries(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  fromId: string,
  toId: string,
  toName: string,
  tz: string,
): number {
  const tab = journalTab(ss);
  const idCol = tab.layout.columns.clientId;
  const nameCol = tab.layout.columns.clientName;
  const name = toCell(fieldOf(tab.def, 'clientName'), toName, tz);
  let moved = 0;
  for (const [first, count] of runs(rowsOfClient(tab, fromId))) {
    tab.sheet.getRange(first, idCol, count, 1).setValues(Array.from({ length: count }, () => [toId]));
    if (nameCol) tab.sheet.getRange(first, nameCol, count, 1).setValues(Array.from({ length: count }, () => [name]));
    moved += count;
  }
  return moved;
}
