// Cell notes of one field column over a run of rows: read once, written once (the notes Kartoteka leaves on cells).
import type { RecordsTab } from './records';

/** Notes of `key`'s cells in rows first…first+count-1 ('' where there is none); [] when the column is missing. */
export function readColumnNotes(tab: RecordsTab, key: string, first: number, count: number): string[] {
  const column = tab.layout.columns[key];
  if (!column || count <= 0) return [];
  return tab.sheet
    .getRange(first, column, count, 1)
    .getNotes()
    .map((r) => String(r[0] ?? ''));
}

/** Writes the notes of `key`'s cells from row `first` down, one call. */
export function writeColumnNotes(tab: RecordsTab, key: string, first: number, notes: string[]): void {
  const column = tab.layout.columns[key];
  if (!column || !notes.length) return;
  tab.sheet.getRange(first, column, notes.length, 1).setNotes(notes.map((n) => [n]));
}
