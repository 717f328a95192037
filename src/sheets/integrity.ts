// Duplicate client IDs: every full read of the ID column (and every hand edit of it) records which IDs stand in more
// than one row; a write to such an ID counts its rows again (Sheets' TextFinder) and stops while it is not unique.
import { duplicateIds } from '../domain/integrity';
import { readJsonProp, writeJsonProp } from '../services/env';
import type { RecordsTab } from './records';

const DUPLICATES = 'integrity.duplicateIds';

/** Two or more rows hold this ID: nothing may be written for it (the rows are 1-based sheet rows). */
export class DuplicateIdError extends Error {
  constructor(
    public id: string,
    public rows: number[],
    public sheetName: string,
  ) {
    super(`duplicate id ${id}`);
    this.name = 'DuplicateIdError';
  }
}

/** IDs known to be duplicated, with their rows when last seen. */
export function knownDuplicates(): Record<string, number[]> {
  return readJsonProp<Record<string, number[]>>(DUPLICATES) ?? {};
}

/** Records the duplicates among every ID of the tab (a whole column was read). */
export function noteIdScan(rows: Array<{ row: number; id: unknown }>): Map<string, number[]> {
  const found = duplicateIds(rows);
  const next = Object.fromEntries(found);
  const before = knownDuplicates();
  if (JSON.stringify(before) !== JSON.stringify(next)) writeJsonProp(DUPLICATES, next);
  return found;
}

/** Rows whose ID cell is exactly `id` (found by Sheets, nothing read). */
export function rowsWithId(tab: RecordsTab, id: string, key = 'id'): number[] {
  const column = tab.layout.columns[key];
  const last = tab.sheet.getLastRow();
  if (!column || last < 2) return [];
  return tab.sheet
    .getRange(2, column, last - 1, 1)
    .createTextFinder(id)
    .matchEntireCell(true)
    .findAll()
    .map((r) => r.getRow())
    .sort((a, b) => a - b);
}

/**
 * Proves an ID is in one row before a write: an ID recorded as duplicated is counted again; still more than one
 * row → DuplicateIdError (nothing is written); fixed meanwhile → forgotten.
 */
export function assertUniqueId(tabOf: RecordsTab | (() => RecordsTab), id: string): void {
  const known = knownDuplicates();
  if (!Object.hasOwn(known, id)) return;
  const tab = typeof tabOf === 'function' ? tabOf() : tabOf;
  const rows = rowsWithId(tab, id);
  if (rows.length > 1) {
    if (JSON.stringify(rows) !== JSON.stringify(known[id])) writeJsonProp(DUPLICATES, { ...known, [id]: rows });
    throw new DuplicateIdError(id, rows, tab.layout.sheetName);
  }
  const { [id]: _gone, ...rest } = known;
  writeJsonProp(DUPLICATES, rest);
}

/** Removes the rows whose ID cell is exactly `id` (bottom up, so the rows above keep their numbers). */
export function deleteRowsWithId(tab: RecordsTab, id: string): number {
  const rows = rowsWithId(tab, id);
  for (const row of [...rows].reverse()) tab.sheet.deleteRow(row);
  return rows.length;
}
