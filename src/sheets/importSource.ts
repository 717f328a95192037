// The tab people import from: which tabs qualify (not Kartoteka's own), and their cells as the import domain reads
// them — dates as wall time in the spreadsheet's zone, numbers and checkboxes as they are — in one read per call.
import type { SourceCell } from '../domain/import/types';
import { TAB_REGISTRY } from '../domain/tabs';
import { dateToWall } from '../services/env';
import { cachedLayout, TAB_KEY } from './layout';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** One cell as the import reads it: a date cell as 'yyyy-mm-dd' ('yyyy-mm-ddTHH:mm' when it holds a time). */
export function sourceCell(cell: unknown, tz: string): SourceCell {
  if (cell === null || cell === undefined) return '';
  if (isDate(cell)) {
    if (Number.isNaN(cell.getTime())) return '';
    const wall = dateToWall(cell, tz, true);
    return wall.endsWith('T00:00') ? wall.slice(0, 10) : wall;
  }
  if (typeof cell === 'number' || typeof cell === 'boolean' || typeof cell === 'string') return cell;
  return String(cell);
}

function convert(values: unknown[][], tz: string): SourceCell[][] {
  return values.map((row) => row.map((c) => sourceCell(c, tz)));
}

/** The sheet IDs and names of Kartoteka's own tabs (by their tag, then by name in either language). */
function ownTabs(ss: Spreadsheet): { ids: Set<number>; names: Set<string> } {
  const ids = new Set<number>();
  for (const md of ss.createDeveloperMetadataFinder().withKey(TAB_KEY).find()) {
    const sheet = md.getLocation().getSheet();
    if (sheet) ids.add(sheet.getSheetId());
  }
  return { ids, names: ownNames() };
}

/** Names Kartoteka's tabs have: theirs in either language, and what they were renamed to (their cached layouts). */
function ownNames(): Set<string> {
  const names = new Set(TAB_REGISTRY.flatMap((t) => [t.name.ru, t.name.en]));
  for (const t of TAB_REGISTRY) {
    const renamed = cachedLayout(t.key)?.sheetName;
    if (renamed) names.add(renamed);
  }
  return names;
}

export interface SourceTab {
  name: string;
  sheetId: number;
  rows: number;
  columns: number;
}

/** Visible tabs that hold something and are not Kartoteka's, in tab order; and the active one's name. */
export function listSourceTabs(ss: Spreadsheet): { tabs: SourceTab[]; active: string } {
  const own = ownTabs(ss);
  const tabs: SourceTab[] = [];
  for (const sheet of ss.getSheets()) {
    const sheetId = sheet.getSheetId();
    const name = sheet.getName();
    if (own.ids.has(sheetId) || own.names.has(name) || sheet.isSheetHidden()) continue;
    const rows = sheet.getLastRow();
    if (!rows) continue;
    tabs.push({ name, sheetId, rows, columns: sheet.getLastColumn() });
  }
  const active = ss.getActiveSheet()?.getName() ?? '';
  return { tabs, active: tabs.some((t) => t.name === active) ? active : '' };
}

/** True when the tab named `name` is one of Kartoteka's own (never a source); no Spreadsheet call. */
export function isOwnTabName(name: string): boolean {
  return ownNames().has(name);
}

/** A source tab by name, or by ID when it was renamed since (continuations); null when it is gone. */
export function sourceSheet(ss: Spreadsheet, name: string, sheetId?: number): Sheet | null {
  if (sheetId !== undefined) {
    const byId = ss.getSheetById(sheetId);
    if (byId) return byId;
  }
  return ss.getSheetByName(name);
}

/** Every cell of the tab up to its last row and column: one call (-1: to the last row or column with data). */
export function readSourceGrid(sheet: Sheet, tz: string): SourceCell[][] {
  try {
    return convert(sheet.getSheetValues(1, 1, -1, -1), tz);
  } catch (e) {
    // An empty tab has no last row to read to.
    if (sheet.getLastRow() === 0) return [];
    throw e;
  }
}

/**
 * Rows first…first+count-1 of the tab, `width` columns wide, or fewer when rows were deleted from the tab since
 * (only what is left is read): two calls.
 */
export function readSourceRows(sheet: Sheet, first: number, count: number, width: number, tz: string): SourceCell[][] {
  const left = Math.min(count, sheet.getLastRow() - first + 1);
  if (left <= 0 || width <= 0) return [];
  return convert(sheet.getSheetValues(first, 1, left, width), tz);
}

/** The tab's ID, which finds it again after a rename. */
export function sourceSheetId(sheet: Sheet): number {
  return sheet.getSheetId();
}
