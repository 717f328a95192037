// Client rows found by Sheets itself: TextFinder runs a pattern over the searched columns server-side (no cell moves),
// then only the rows holding hits are read, a block at a time from the next unread hit.
import type { FindPattern } from '../domain/findPattern';
import { formatIsoDate } from '../domain/normalize/dateOrder';
import { fromCell } from './cells';
import { clientField, rememberedRowCount } from './clients';
import { a1, columnsOf, type Layout } from './layout';
import type { RowAt } from './records';

// A block is sized to the hits still unread (ten rows per hit, at least 200: another round costs three calls,
// as much as 750 cells) and never taller than this.
const MIN_BLOCK_ROWS = 200;
const MAX_BLOCK_ROWS = 3000;
// Each further block or skipped hit costs calls: stop after this many and rank what was found.
const MAX_ROUNDS = 8;

export interface FoundRows {
  rows: RowAt[];
  /** Cells TextFinder matched. */
  hits: number;
  /** False when the search stopped early (more matches than `limit` rows, or too many rounds). */
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
 * Client rows with a cell of `find.fields` matching `find.pattern`, each read with `keys`. Calls: 4 for the search
 * (range, finder, regex option, findAll), the hits' sheet once, then per block one getRow of its first hit and one
 * read; the block end is the remembered row count (else the last hit's row, one more call).
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
  let bound = rememberedRowCount();
  let sheet: GoogleAppsScript.Spreadsheet.Sheet | undefined;
  const rows: RowAt[] = [];
  let k = 0;
  let readTo = 0;
  for (let round = 0; k < hits.length && rows.length < opts.limit && round < MAX_ROUNDS; round++) {
    const start = hits[k].getRow();
    if (start <= readTo) {
      // A hit this block's check did not see (a cell shown unlike its value): its row was read already.
      k++;
      continue;
    }
    if (bound < start) bound = hits[hits.length - 1].getRow();
    const end = Math.min(start + Math.min(Math.max((hits.length - k) * 10, MIN_BLOCK_ROWS), MAX_BLOCK_ROWS) - 1, bound);
    let grid: unknown[][];
    try {
      sheet ??= hits[0].getSheet();
      grid = sheet.getSheetValues(start, r0, end - start + 1, r1 - r0 + 1);
    } catch (_e) {
      // The remembered row count is past the grid (rows were deleted): bound the block by the last hit instead.
      bound = hits[hits.length - 1].getRow();
      continue;
    }
    let seen = 0;
    grid.forEach((cells, i) => {
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
      if (matched || i === 0) rows.push(rec);
      seen += matched;
    });
    readTo = end;
    k += Math.max(seen, 1);
  }
  return { rows: rows.slice(0, opts.limit), hits: hits.length, complete: k >= hits.length };
}
