// Where each field lives: a tab's columns found by developer metadata (then header text), cached between executions.
import { fieldForHeader, type TabDef } from '../domain/fields';
import { columnLetter } from '../domain/formulas';
import { hasProblems, type LayoutProblems, layoutProblems } from '../domain/integrity';
import type { Lang } from '../i18n';
import { deleteProp, readJsonProp, writeJsonProp } from '../services/env';

export const TAB_KEY = 'kartoteka.tab';
export const FIELD_KEY = 'kartoteka.field';

export interface Layout {
  tab: string;
  sheetName: string;
  /** Field key → 1-based column. */
  columns: Record<string, number>;
  /** Header text per 1-based column when the layout was read, to notice renames and moves. */
  headers: Record<string, string>;
  lastColumn: number;
  /** The tab's id: found again after a rename, and never confused with another tab that took its name. */
  sheetId?: number;
  /** Set when required columns are gone or row 1 no longer holds the headers (such a layout is never cached). */
  problems?: LayoutProblems;
}

/** What a tab looked like the last time every required column and the header row were in place. */
export interface GoodLayout {
  sheetName: string;
  /** Field key → 1-based column. */
  columns: Record<string, number>;
  /** Field key → header text. */
  headers: Record<string, string>;
}

export interface Located {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  layout: Layout;
}

const propKey = (tab: string) => `layout.${tab}`;
const goodKey = (tab: string) => `layoutGood.${tab}`;

/** The last known good layout of a tab (kept in document properties; setup restores from it). */
export function goodLayout(tab: string): GoodLayout | undefined {
  return readJsonProp<GoodLayout>(goodKey(tab));
}

/** Keeps a layout as the last known good one (only when it is good, and only when it changed). */
export function rememberGood(layout: Layout): void {
  if (hasProblems(layout.problems)) return;
  const headers: Record<string, string> = {};
  for (const [key, column] of Object.entries(layout.columns)) headers[key] = layout.headers[String(column)] ?? '';
  const good: GoodLayout = { sheetName: layout.sheetName, columns: layout.columns, headers };
  const before = goodLayout(layout.tab);
  if (!before || JSON.stringify(before) !== JSON.stringify(good)) writeJsonProp(goodKey(layout.tab), good);
}

export function forgetLayout(tab: string): void {
  deleteProp(propKey(tab));
}

export function rememberLayout(layout: Layout): void {
  writeJsonProp(propKey(layout.tab), layout);
}

/** The cached layout without touching the sheet (for A1 access by name), or undefined. */
export function cachedLayout(tab: string): Layout | undefined {
  return readJsonProp<Layout>(propKey(tab));
}

/** The tab carrying a tab tag with this value (any tagged tab for null). */
export function taggedSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  value: string | null,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  let finder = ss.createDeveloperMetadataFinder().withKey(TAB_KEY);
  if (value) finder = finder.withValue(value);
  for (const md of finder.find()) {
    const sheet = md.getLocation().getSheet();
    if (sheet) return sheet;
  }
  return null;
}

/** A tab by its metadata tag, else by its name in either language. */
export function findTabByTag(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tag: string,
  names: Record<Lang, string>,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  return taggedSheet(ss, tag) ?? ss.getSheetByName(names.ru) ?? ss.getSheetByName(names.en);
}

export function findTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  def: TabDef,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  return findTabByTag(ss, def.key, def.name);
}

/**
 * Columns of a tab by their developer-metadata tag (metaKey = key), then by header text for what is untagged.
 * `tagged` tells which keys already carry their tag on the right column.
 */
export function tagColumns<K extends string>(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  metaKey: string,
  known: readonly K[],
  headerRow: unknown[],
  keyForHeader: (text: unknown) => K | undefined,
): { columns: Partial<Record<K, number>>; tagged: Set<K> } {
  const columns: Partial<Record<K, number>> = {};
  const claimed = new Set<number>();
  const tagged = new Set<K>();
  for (const md of sheet.createDeveloperMetadataFinder().withKey(metaKey).find()) {
    const key = md.getValue() as K;
    if (!key || columns[key] || !known.includes(key)) continue;
    const location = md.getLocation();
    if (String(location.getLocationType()) !== 'COLUMN') continue;
    const column = location.getColumn()?.getColumn();
    if (!column || claimed.has(column)) continue;
    columns[key] = column;
    claimed.add(column);
    tagged.add(key);
  }
  headerRow.forEach((text, i) => {
    if (claimed.has(i + 1)) return;
    const key = keyForHeader(text);
    if (key && !columns[key]) {
      columns[key] = i + 1;
      claimed.add(i + 1);
    }
  });
  return { columns, tagged };
}

/** Reads the tab's layout from the sheet itself: column metadata first, header text for untagged columns. */
export function readLayout(sheet: GoogleAppsScript.Spreadsheet.Sheet, def: TabDef): Layout {
  return readLayoutTagged(sheet, def).layout;
}

/** The layout, and which fields were found by their metadata tag (the rest by header text). */
export function readLayoutTagged(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  def: TabDef,
): { layout: Layout; tagged: Set<string> } {
  const lastColumn = Math.max(sheet.getLastColumn(), 1);
  // Values, not display text: the headers are compared with values later, and a date in row 1 tells data from headers.
  const row1 = sheet.getRange(1, 1, 1, lastColumn).getValues()[0];
  const headerRow = row1.map((v) => (v === null || v === undefined ? '' : String(v)));
  const keys = def.fields.map((f) => f.key);
  const { columns, tagged } = tagColumns(sheet, FIELD_KEY, keys, headerRow, (text) => fieldForHeader(def, text)?.key);
  const headers: Record<string, string> = {};
  headerRow.forEach((text, i) => {
    headers[String(i + 1)] = text;
  });
  const cols = columns as Record<string, number>;
  const problems = layoutProblems(def, cols, row1, goodLayout(def.key)?.headers);
  return {
    layout: {
      tab: def.key,
      sheetName: sheet.getName(),
      columns: cols,
      headers,
      lastColumn,
      sheetId: sheet.getSheetId(),
      ...(hasProblems(problems) ? { problems } : {}),
    },
    tagged,
  };
}

/**
 * The tab and its layout. Steady state costs one call (getSheetByName with the cached name); a renamed tab or an
 * unknown layout falls back to metadata and header reads, and the result is cached again.
 */
export function locate(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: TabDef): Located | null {
  const cached = cachedLayout(def.key);
  if (cached) {
    // By id: tabs renamed or swapped by name never send a write to the wrong tab.
    const sheet = cached.sheetId !== undefined ? ss.getSheetById(cached.sheetId) : ss.getSheetByName(cached.sheetName);
    if (sheet) return { sheet, layout: cached };
  }
  return relocate(ss, def);
}

export function relocate(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: TabDef): Located | null {
  const sheet = findTab(ss, def);
  if (!sheet) {
    forgetLayout(def.key);
    return null;
  }
  const layout = readLayout(sheet, def);
  if (hasProblems(layout.problems)) forgetLayout(def.key);
  else {
    rememberLayout(layout);
    rememberGood(layout);
  }
  return { sheet, layout };
}

/** True when header cells read from row 1, starting at firstColumn, still match the cached layout. */
export function headersMatch(layout: Layout, firstColumn: number, headerCells: unknown[]): boolean {
  for (let i = 0; i < headerCells.length; i++) {
    const expected = layout.headers[String(firstColumn + i)];
    if (expected === undefined) continue;
    if (String(headerCells[i] ?? '') !== expected) return false;
  }
  return true;
}

/** 1-based columns of these fields (those present), ascending. */
export function columnsOf(layout: Layout, keys: readonly string[]): number[] {
  return keys
    .map((k) => layout.columns[k])
    .filter((c): c is number => typeof c === 'number')
    .sort((a, b) => a - b);
}

/** Groups ascending columns into contiguous runs [first, count]: one read or write per run. */
export function runs(columns: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const c of columns) {
    const last = out[out.length - 1];
    if (last && c === last[0] + last[1]) last[1]++;
    else if (!last || c !== last[0] + last[1] - 1) out.push([c, 1]);
  }
  return out;
}

/** Joins runs separated by at most maxGap: reading a few cells too many beats another call. */
export function mergeRuns(list: Array<[number, number]>, maxGap: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [first, count] of list) {
    const last = out[out.length - 1];
    if (last && first - (last[0] + last[1]) <= maxGap) last[1] = first + count - last[0];
    else out.push([first, count]);
  }
  return out;
}

/** A1 column letters for a 1-based column (one definition, shared with formula text). */
export { columnLetter };

/** 'Sheet name'!A1 notation that Spreadsheet.getRange accepts for any tab name. */
export function a1(
  sheetName: string,
  row: number,
  column: number,
  lastRow?: number | null,
  lastColumn?: number,
): string {
  const quoted = `'${sheetName.replace(/'/g, "''")}'`;
  const start = `${columnLetter(column)}${row}`;
  const endColumn = columnLetter(lastColumn ?? column);
  if (lastRow === undefined && lastColumn === undefined) return `${quoted}!${start}`;
  return `${quoted}!${start}:${endColumn}${lastRow === null ? '' : (lastRow ?? row)}`;
}
