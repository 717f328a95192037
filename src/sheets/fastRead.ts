// Reads for a run that must stay within a few Spreadsheet calls at 100,000 rows: a records tab's chosen columns in at
// most N rectangles (one Sheet.getSheetValues each), and a small or append-only tab read whole by its cached name.
import type { TabDef } from '../domain/fields';
import { fromCell } from './cells';
import { a1, cachedLayout, columnsOf, headersMatch, type Layout, runs } from './layout';
import { fieldOf, layoutWidth, openTab, type RecordsTab, type RowAt, reopenTab } from './records';

// What a call and a cell cost (local/README.md): a gap of columns is read through when that costs less than a call.
const CALL_COST = 5;
const CELL_COST = 0.02;

/**
 * Column runs covering `columns` for `rows` rows: neighbours joined, then the narrowest gaps read through — while a
 * gap costs less than the call it saves, and until at most maxRects rectangles remain.
 */
export function cappedRuns(columns: number[], rows: number, maxRects: number): Array<[number, number]> {
  const out = runs(columns).map(([first, count]) => [first, count] as [number, number]);
  while (out.length > 1) {
    let best = 1;
    for (let i = 2; i < out.length; i++) {
      const gap = (j: number) => out[j][0] - (out[j - 1][0] + out[j - 1][1]);
      if (gap(i) < gap(best)) best = i;
    }
    const gap = out[best][0] - (out[best - 1][0] + out[best - 1][1]);
    if (out.length <= maxRects && gap * rows * CELL_COST >= CALL_COST) break;
    const [first] = out[best - 1];
    out[best - 1] = [first, out[best][0] + out[best][1] - first];
    out.splice(best, 1);
  }
  return out;
}

/** Grids read from row 1 → records of `keys` (row 1 is the header; rows below become records). */
function recordsOf(
  tab: { def: TabDef; layout: Layout },
  keys: readonly string[],
  grids: Array<{ first: number; values: unknown[][] }>,
  lastRow: number,
  tz: string,
): RowAt[] {
  const located = keys.map((key) => {
    const column = tab.layout.columns[key];
    const grid = column
      ? grids.find((g) => column >= g.first && column < g.first + (g.values[0]?.length ?? 0))
      : undefined;
    return { key, field: fieldOf(tab.def, key), grid, at: grid ? column - grid.first : -1 };
  });
  const rows: RowAt[] = [];
  for (let r = 1; r < lastRow; r++) {
    const rec: RowAt = { row: r + 1 };
    for (const k of located) rec[k.key] = k.grid ? fromCell(k.field, k.grid.values[r]?.[k.at], tz) : '';
    rows.push(rec);
  }
  return rows;
}

/**
 * The given fields of every record of a records tab in at most maxRects rectangles (plus the tab lookup and its
 * last row): one Sheet.getSheetValues per rectangle. Row 1 is read too and checked against the cached headers: a
 * renamed or moved column re-reads the layout once.
 */
export function readColumnsCapped(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  def: TabDef,
  keys: readonly string[],
  tz: string,
  maxRects: number,
): { rows: RowAt[]; lastRow: number; tab: RecordsTab } {
  let tab = openTab(ss, def);
  for (let attempt = 0; ; attempt++) {
    const lastRow = tab.sheet.getLastRow();
    const grids = cappedRuns(columnsOf(tab.layout, keys), lastRow, maxRects).map(([first, count]) => ({
      first,
      values: lastRow >= 1 ? tab.sheet.getSheetValues(1, first, lastRow, count) : [],
    }));
    const stale = grids.some((g) => g.values.length && !headersMatch(tab.layout, g.first, g.values[0]));
    if (stale && attempt === 0) {
      tab = reopenTab(ss, tab.def);
      continue;
    }
    return { rows: recordsOf(tab, keys, grids, lastRow, tz), lastRow, tab };
  }
}

/**
 * Every record of a small or append-only tab (templates, the Sent log) in one rectangle addressed by the tab's
 * cached name down to the end of its grid: two calls, no tab lookup. Rows with no value in any field are left out.
 * Falls back to looking the tab up when the name or the headers changed. NotSetUpError when the tab is missing.
 */
export function readTabByName(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  def: TabDef,
  tz: string,
): { rows: RowAt[]; layout: Layout } {
  const keys = def.fields.map((f) => f.key);
  const cached = cachedLayout(def.key);
  if (cached) {
    const width = Math.max(cached.lastColumn, layoutWidth(cached));
    let values: unknown[][] | null = null;
    try {
      values = ss.getRange(a1(cached.sheetName, 1, 1, null, width)).getValues();
    } catch (_e) {
      // The tab was renamed or removed: found again below.
    }
    if (values?.length && headersMatch(cached, 1, values[0])) {
      const rows = recordsOf({ def, layout: cached }, keys, [{ first: 1, values }], values.length, tz);
      return { rows: rows.filter((r) => keys.some((k) => r[k] !== '')), layout: cached };
    }
  }
  const tab = reopenTab(ss, def);
  const lastRow = tab.sheet.getLastRow();
  const width = Math.max(tab.layout.lastColumn, layoutWidth(tab.layout));
  const values = lastRow >= 1 ? tab.sheet.getSheetValues(1, 1, lastRow, width) : [];
  const rows = recordsOf(tab, keys, [{ first: 1, values }], lastRow, tz);
  return { rows: rows.filter((r) => keys.some((k) => r[k] !== '')), layout: tab.layout };
}

/** The tab for writing, by its layout's name (looked up again when it was renamed). */
export function tabFor(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: TabDef, layout: Layout): RecordsTab {
  const sheet = ss.getSheetByName(layout.sheetName);
  return sheet ? { sheet, layout, def } : openTab(ss, def);
}
