// Client ID numbers reserved in blocks: one read and one write of the document counter, whatever the block size.
// Callers hold the document lock, so two saves never get the same number.
import { clientId } from '../domain/ids';
import { readJsonProp, writeJsonProp } from './env';

const COUNTER = 'nextId';

/**
 * `count` new IDs in a row. The counter lives in document properties; a copy of the spreadsheet has none, so the
 * first block continues after `largestInSheet()` (read only then).
 */
export function reserveIds(count: number, largestInSheet: () => number): string[] {
  if (count <= 0) return [];
  const first = readJsonProp<number>(COUNTER) || largestInSheet() + 1;
  writeJsonProp(COUNTER, first + count);
  return Array.from({ length: count }, (_, i) => clientId(first + i));
}

/** Moves the counter past the largest ID in the sheet when it is behind (a copied sheet, IDs typed by hand). */
export function healIdCounter(largestInSheet: number): void {
  if ((readJsonProp<number>(COUNTER) ?? 0) <= largestInSheet) writeJsonProp(COUNTER, largestInSheet + 1);
}

/** The number the next reserved ID gets (0 when the counter was never set). */
export function nextIdNumber(): number {
  return readJsonProp<number>(COUNTER) ?? 0;
}
