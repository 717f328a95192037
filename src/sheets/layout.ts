// Where each field lives: a tab's columns found by developer metadata (then header text), cached between executions.
import { fieldForHeader, type TabDef } from '../domain/fields';
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
}

export interface Located {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  layout: Layout;
}

const propKey = (tab: string) => `layout.${tab}`;

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

/** Finds a tab by its metadata tag, else by its name in either language. */
export function findTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  def: TabDef,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  const tagged = ss.createDeveloperMetadataFinder().withKey(TAB_KEY).withValue(def.key).find();
  for (const md of tagged) {
    const sheet = md.getLocation().getSheet();
    if (sheet) return sheet;
  }
  for (const lang of ['ru', 'en'] as Lang[]) {
    const sheet = ss.getSheetByName(def.name[lang]);
    if (sheet) return sheet;
  }
  return null;
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
  const headerRow = sheet.getRange(1, 1, 1, lastColumn).getDisplayValues()[0];
  const columns: Record<string, number> = {};
  const claimed = new Set<number>();
  const tagged = new Set<string>();
  for (const md of sheet.createDeveloperMetadataFinder().withKey(FIELD_KEY).find()) {
    const key = md.getValue();
    if (!key || columns[key] || !def.fields.some((f) => f.key === key)) continue;
    const location = md.getLocation();
    if (String(location.getLocationType()) !== 'COLUMN') continue;
    const column = location.getColumn()?.getColumn();
    if (!column) continue;
    if (claimed.has(column)) continue;
    columns[key] = column;
    claimed.add(column);
    tagged.add(key);
  }
  headerRow.forEach((text, i) => {
    const column = i + 1;
    if (claimed.has(column)) return;
    const field = fieldForHeader(def, text);
    if (field && !columns[field.key]) {
      columns[field.key] = column;
      claimed.add(column);
    }
  });
  const headers: Record<string, string> = {};
  headerRow.forEach((text, i) => {
    headers[String(i + 1)] = String(text);
  });
  return { layout: { tab: def.key, sheetName: sheet.getName(), columns, headers, lastColumn }, tagged };
}

/**
 * The tab and its layout. Steady state costs one call (getSheetByName with the cached name); a renamed tab or an
 * unknown layout falls back to metadata and header reads, and the result is cached again.
 */
export function locate(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: TabDef): Located | null {
  const cached = cachedLayout(def.key);
  if (cached) {
    const sheet = ss.getSheetByName(cached.sheetName);
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
  rememberLayout(layout);
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

/** A1 column letters for a 1-based column. */
export function columnLetter(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

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
