// Client rows found by Sheets itself: TextFinder runs a pattern over the searched columns server-side (no cell moves),
// then only the rows holding hits are read, a block at a time from the next unread hit.
import type { FindPattern } from '../domain/findPattern';
import { formatIsoDate } from '../domain/normalize/dateOrder';
import { fromCell } from './cells';
import { clientField, rememberedRowCount } from './clients';
import { a1, columnsOf, type Layout, mergeRuns, runs } from './layout';
import type { RowAt } from './records';

// The first block is sized to the hits (ten rows per hit wanted, at least 200: following a hit costs two calls, as
// much as 500 cells) and never taller than this.
const MIN_BLOCK_ROWS = 200;
const MAX_BLOCK_ROWS = 2000;
// Scattered hits cost a call each (their row) and rows close together share a read: they are followed when no more
// than this many are left, and rows this close are read through.
const MAX_SCATTERED = 60;
const SCATTER_GAP = 20;

export interface FoundRows {
  rows: RowAt[];
  /** Cells TextFinder matched. */
  hits: number;
  /** False when the search stopped early (more matches than `limit` rows or MAX_SCATTERED scattered hits). */
  complete: boolean;
}

/** What a cell shows, near enough to what TextFinder matched: dates in the locale's pattern. */
function shown(value: unknown, wall: string | number, locale: string): string {
  if (typeof wall === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(wall) && typeof value !== 'string') {
    const day = formatIsoDate(wall.slice(0, 10), locale);
    return wall.length > 10 ? `${day} ${wall.slice(11)}` : day;
  }
  return String(value ?? '');
}

/**
 * Client rows with a cell of `find.fields` matching `find.pattern`, each read with `keys`. Sheets searches (4 calls:
 * range, finder, regex option, findAll); then the first block is read from the first hit down, sized to the hits
 * (clustered hits — a phone fragment, a mistyped name — come in one read: 8 calls in all); hits left beyond it are
 * scattered, so each one's row is asked for and rows close together are read in one go — when at most MAX_SCATTERED
 * are left; more make a broad query, ranked from the block (complete: false).
 */
export function findClientRows(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  layout: Layout,
  find: FindPattern,
  keys: readonly string[],
  opts: { timeZone: string; locale: string; limit: number },
): FoundRows {
  const searchCols = columnsOf(layout, find.fields);
  if (!searchCols.length) return { rows: [], hits: 0, complete: true };
  const c0 = searchCols[0];
  const c1 = searchCols[searchCols.length - 1];
  const hits = ss
    .getRange(a1(layout.sheetName, 2, c0, null, c1))
    .createTextFinder(find.pattern)
    .useRegularExpression(true)
    .findAll();
  if (!hits.length) return { rows: [], hits: 0, complete: true };

  const readCols = columnsOf(layout, [...keys, ...find.fields]);
  const r0 = Math.min(readCols[0], c0);
  const r1 = Math.max(readCols[readCols.length - 1], c1);
  const keyAt = new Map(Object.entries(layout.columns).map(([k, c]) => [c, k]));
  const re = new RegExp(find.pattern, 'i');
  const sheet = hits[0].getSheet();
  /** Rows start…end read in one call: each as a record, with how many of its searched cells match. */
  const readBlock = (start: number, end: number) =>
    sheet.getSheetValues(start, r0, end - start + 1, r1 - r0 + 1).map((cells, i) => {
      const rec: RowAt = { row: start + i };
      for (const key of keys) {
        const column = layout.columns[key];
        rec[key] = column ? fromCell(clientField(key), cells[column - r0], opts.timeZone) : '';
      }
      let matched = 0;
      for (let c = c0; c <= c1; c++) {
        const key = keyAt.get(c);
        const wall = key ? fromCell(clientField(key), cells[c - r0], opts.timeZone) : '';
        const text = shown(cells[c - r0], wall, opts.locale);
        if (text !== '' && re.test(text)) matched++;
      }
      return { rec, matched };
    });

  const rows: RowAt[] = [];
  // The first block, ended by the remembered row count (or the last hit's row: a call more when it is unknown).
  const start = hits[0].getRow();
  const height = Math.min(Math.max(Math.min(hits.length, opts.limit) * 10, MIN_BLOCK_ROWS), MAX_BLOCK_ROWS);
  let bound = rememberedRowCount();
  if (bound < start) bound = hits[hits.length - 1].getRow();
  let block: Array<{ rec: RowAt; matched: number }>;
  try {
    block = readBlock(start, Math.min(start + height - 1, bound));
  } catch (_e) {
    // The remembered row count is past the grid (rows were deleted): end the block at the last hit instead.
    bound = hits[hits.length - 1].getRow();
    block = readBlock(start, Math.min(start + height - 1, bound));
  }
  let seen = 0;
  block.forEach(({ rec, matched }, i) => {
    if (matched || i === 0) rows.push(rec);
    seen += matched;
  });
  const readTo = start + block.length - 1;
  // The rest: each hit's row (a cell the check above did not see may lie inside the block: skipped). More than
  // MAX_SCATTERED left is a broad query: what the block holds is ranked, and the caller may look for the best kinds.
  let k = Math.max(seen, 1);
  if (hits.length - k > MAX_SCATTERED) return { rows: rows.slice(0, opts.limit), hits: hits.length, complete: false };
  const rest = new Set<number>();
  for (; k < hits.length && rows.length + rest.size < opts.limit; k++) {
    const row = hits[k].getRow();
    if (row > readTo) rest.add(row);
  }
  const wanted = [...rest].sort((a, b) => a - b);
  for (const [first, count] of mergeRuns(runs(wanted), SCATTER_GAP)) {
    for (const { rec } of readBlock(first, first + count - 1)) if (rest.has(rec.row)) rows.push(rec);
  }
  return { rows: rows.slice(0, opts.limit), hits: hits.length, complete: k >= hits.length };
}
