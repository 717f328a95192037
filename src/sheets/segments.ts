// The Segments tab (definitions people edit) and the segment tabs the add-on builds from them. Segment tabs are
// found by their tag only, so a tab renamed or decorated by a person is found again and a person's own tab with the
// same name is never taken over; only the columns the add-on writes are cleared on a rebuild.
import { SEGMENT_TAG_PREFIX, SEGMENTS_TAB, type SegmentRow } from '../domain/segments/definitions';
import type { ColumnFormat } from '../domain/segments/plan';
import type { GeneratedTabSpec } from '../domain/tabs';
import type { Lang } from '../i18n';
import { rebuildGenerated } from './generated';
import { TAB_KEY, taggedSheet } from './layout';
import { openTab, type RecordsTab, readRecords, writePatches } from './records';
import { dateFormat, moneyFormat } from './setup';
import { PROTECTION_PREFIX } from './tabs';

const SEEDED_KEY = 'kartoteka.seeded';
const GIVEN_NAME_KEY = 'kartoteka.givenName';
const WIDTH_KEY = 'kartoteka.ownWidth';
/** Sheets' automatic number format (what a new cell has). */
const AUTOMATIC_FORMAT = '0.###############';

export function segmentsTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): RecordsTab {
  return openTab(ss, SEGMENTS_TAB);
}

/** Every row of the Segments tab that holds something, with the formulas of its name and conditions cells. */
export function readSegmentRows(tab: RecordsTab, tz: string): SegmentRow[] {
  const { rows, lastRow, tab: current } = readRecords(tab, tz, undefined, tab.sheet.getParent());
  const formulas = new Map<string, string[]>();
  if (lastRow >= 2) {
    for (const key of ['name', 'conditions']) {
      const column = current.layout.columns[key];
      if (column)
        formulas.set(
          key,
          current.sheet
            .getRange(2, column, lastRow - 1, 1)
            .getFormulas()
            .map((r) => r[0]),
        );
    }
  }
  return rows
    .filter((r) => ['name', 'conditions', 'key'].some((k) => String(r[k] ?? '') !== ''))
    .map((r) => ({
      row: r.row,
      key: String(r.key ?? ''),
      name: String(r.name ?? ''),
      active: r.active,
      conditions: String(r.conditions ?? ''),
      status: String(r.status ?? ''),
      nameFormula: formulas.get('name')?.[r.row - 2] || undefined,
      conditionsFormula: formulas.get('conditions')?.[r.row - 2] || undefined,
    }));
}

/**
 * What was seeded into the Segments tab: null before the first time; then the services (lower case) whose rows were
 * written, so a person who deletes rows does not get them back while a service added to Settings later gets its own.
 */
export function seededServices(tab: RecordsTab): string[] | null {
  const mark = tab.sheet.createDeveloperMetadataFinder().withKey(SEEDED_KEY).find()[0];
  if (!mark) return null;
  try {
    const list = JSON.parse(mark.getValue() ?? '[]');
    // A mark without its list (an older tab): every service counts as seeded.
    return Array.isArray(list) ? list.map(String) : ['*'];
  } catch {
    return ['*'];
  }
}

/**
 * Writes segment rows below the last row in one write (formulas among them stay formulas) and records the services
 * seeded so far.
 */
export function seedSegmentRows(
  tab: RecordsTab,
  rows: Array<{ key: string; name: string; active: boolean; conditions: string }>,
  services: string[],
  afterRow = 1,
): void {
  const { sheet, layout } = tab;
  if (rows.length) {
    const keys = ['name', 'active', 'conditions', 'key'] as const;
    const columns = keys.map((k) => layout.columns[k]);
    const first = Math.min(...columns);
    const width = Math.max(...columns) - first + 1;
    const need = afterRow + rows.length;
    if (sheet.getMaxRows() < need) sheet.insertRowsAfter(sheet.getMaxRows(), need - sheet.getMaxRows());
    const grid = rows.map((r) => {
      const cells: unknown[] = new Array(width).fill('');
      keys.forEach((k, i) => {
        cells[columns[i] - first] = r[k];
      });
      return cells;
    });
    // The rows come from the add-on: formulas among them read Settings cells, so their cells take formulas (the
    // column's plain-text format would keep them as text).
    for (const k of ['name', 'conditions'] as const)
      sheet.getRange(afterRow + 1, layout.columns[k], rows.length, 1).setNumberFormat(AUTOMATIC_FORMAT);
    sheet.getRange(afterRow + 1, first, rows.length, width).setValues(grid);
  }
  const value = JSON.stringify(services);
  const mark = sheet.createDeveloperMetadataFinder().withKey(SEEDED_KEY).find()[0];
  if (mark) mark.setValue(value);
  else sheet.addDeveloperMetadata(SEEDED_KEY, value);
}

/** Checkboxes in the Active column (setup's rules leave text columns without validation). */
export function activeCheckboxes(tab: RecordsTab): void {
  const column = tab.layout.columns.active;
  if (!column) return;
  const rows = Math.max(tab.sheet.getMaxRows() - 1, 1);
  tab.sheet
    .getRange(2, column, rows, 1)
    .setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
}

/** Keys and statuses written back to the Segments tab (only the cells that change). */
export function writeSegmentNotes(
  tab: RecordsTab,
  updates: Array<{ row: number; patch: { key?: string; status?: string } }>,
  tz: string,
): void {
  writePatches(
    tab,
    updates.filter((u) => Object.keys(u.patch).length),
    tz,
  );
}

/** Segment tabs (and other tabs tagged with the prefix) by tag value, in one metadata search. */
export function taggedTabs(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  prefix: string,
): Map<string, GoogleAppsScript.Spreadsheet.Sheet> {
  const out = new Map<string, GoogleAppsScript.Spreadsheet.Sheet>();
  for (const md of ss.createDeveloperMetadataFinder().withKey(TAB_KEY).find()) {
    const value = md.getValue() ?? '';
    if (!value.startsWith(prefix) || out.has(value)) continue;
    const sheet = md.getLocation().getSheet();
    if (sheet) out.set(value, sheet);
  }
  return out;
}

export function segmentTabs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {
  return taggedTabs(ss, SEGMENT_TAG_PREFIX);
}

/** A tab name not used by another tab: the wanted one, else with " (2)", " (3)"… (names are 100 characters at most). */
function freeName(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, wanted: string, self?: number): string {
  const taken = new Set(
    ss
      .getSheets()
      .filter((s) => s.getSheetId() !== self)
      .map((s) => s.getName().toLowerCase()),
  );
  const base = wanted.replace(/\s+/g, ' ').trim().slice(0, 90) || 'Segment';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
  return name;
}

/**
 * The tab tagged `tag`, created at the end when missing. An existing tab keeps the name a person gave it; a tab
 * still under the name the add-on gave it follows the segment's new name.
 */
export interface OwnTab {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  created: boolean;
  /** The tab's name and id now (for links and summaries). */
  name: string;
  id: number;
}

export function ownTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  known: Map<string, GoogleAppsScript.Spreadsheet.Sheet>,
  tag: string,
  name: string,
): OwnTab {
  const found = known.get(tag);
  if (found) {
    const given = found.createDeveloperMetadataFinder().withKey(GIVEN_NAME_KEY).find()[0];
    const current = found.getName();
    if (given && given.getValue() === current && current !== name) {
      const next = freeName(ss, name, found.getSheetId());
      if (next !== current) {
        found.setName(next);
        given.setValue(next);
      }
    }
    if (found.isSheetHidden()) found.showSheet();
    return { sheet: found, created: false, name: found.getName(), id: found.getSheetId() };
  }
  const sheet = ss.insertSheet(freeName(ss, name), ss.getSheets().length);
  sheet.addDeveloperMetadata(TAB_KEY, tag);
  sheet.addDeveloperMetadata(GIVEN_NAME_KEY, sheet.getName());
  known.set(tag, sheet);
  return { sheet, created: true, name: sheet.getName(), id: sheet.getSheetId() };
}

export interface GeneratedLook {
  lang: Lang;
  locale: string;
  currency: string;
  /** Number format of each column of the listed rows. */
  formats?: ColumnFormat[];
  /** Rows above the list: bold, frozen. */
  headRows: number;
  /** What the warning-only protection says. */
  note: string;
  /** Head cells shown as money (A1). */
  moneyCells?: string[];
  /** Columns (1-based, from `first`, `count` of them) the list needs but people need not see. */
  hidden?: { first: number; count: number };
}

const FORMAT_OF = (f: ColumnFormat, look: GeneratedLook) =>
  f === 'date'
    ? dateFormat(look.locale)
    : f === 'datetime'
      ? `${dateFormat(look.locale)} hh:mm`
      : f === 'money'
        ? moneyFormat(look.currency)
        : f === 'count'
          ? '0'
          : '@';

/**
 * Gives a tab the rows and columns a grid needs, before any formula is written (an insert or delete rewrites the
 * references of every formula in the spreadsheet, so all of them are done first). A new tab's columns past the
 * grid are deleted: they only cost cells (10 million per spreadsheet).
 */
export function sizeOwnTab(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  width: number,
  rows: number,
  created: boolean,
): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (width > maxColumns) sheet.insertColumnsAfter(maxColumns, width - maxColumns);
  else if (created && maxColumns > width) sheet.deleteColumns(width + 1, maxColumns - width);
}

/** The width of a grid (its widest row, at least 2). */
export const gridWidth = (grid: unknown[][]) => Math.max(2, ...grid.map((r) => r.length));

/**
 * Writes a generated grid over the add-on's own columns of a tab (columns to the right, where a person may keep
 * notes, are left alone): old content cleared, the grid in one write, head rows bold and frozen, list formats, and
 * a warning-only protection on a new tab.
 */
export function writeOwnGrid(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  grid: unknown[][],
  look: GeneratedLook,
  created: boolean,
): void {
  const width = gridWidth(grid);
  const rows = grid.map((r) => (r.length === width ? r : [...r, ...new Array(width - r.length).fill('')]));
  const maxRows = sheet.getMaxRows();
  if (!created) sheet.getRange(1, 1, maxRows, width).clearContent();
  sheet.getRange(1, 1, rows.length, width).setValues(rows);
  sheet.getRange(1, 1, look.headRows, width).setFontWeight('bold');
  if (sheet.getFrozenRows() !== look.headRows) sheet.setFrozenRows(look.headRows);
  if (look.formats) {
    const body = Math.max(maxRows - look.headRows, 1);
    look.formats.forEach((f, i) => {
      if (f !== 'text') sheet.getRange(look.headRows + 1, i + 1, body, 1).setNumberFormat(FORMAT_OF(f, look));
    });
  }
  if (look.moneyCells?.length) sheet.getRangeList(look.moneyCells).setNumberFormat(moneyFormat(look.currency));
  if (!created) sheet.showColumns(1, width);
  if (look.hidden) sheet.hideColumns(look.hidden.first, look.hidden.count);
  const mark = sheet.createDeveloperMetadataFinder().withKey(WIDTH_KEY).find()[0];
  if (!mark) sheet.addDeveloperMetadata(WIDTH_KEY, String(width));
  else if (mark.getValue() !== String(width)) mark.setValue(String(width));
  if (created) {
    sheet.protect().setDescription(`${PROTECTION_PREFIX}${look.note}`).setWarningOnly(true);
  }
}

/**
 * A segment tab whose segment is off or gone: deleted when it holds only what the add-on wrote (nothing right of its
 * columns); kept, hidden and marked when a person added data beside it. Returns what was done.
 */
export function retireTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  notice: string,
): { done: 'removed' | 'kept'; name: string } {
  const name = sheet.getName();
  const mark = sheet.createDeveloperMetadataFinder().withKey(WIDTH_KEY).find()[0];
  const width = Math.max(Number(mark?.getValue()) || 2, 1);
  if (sheet.getLastColumn() <= width && ss.getSheets().length > 1) {
    ss.deleteSheet(sheet);
    return { done: 'removed', name };
  }
  sheet.getRange(1, 1, Math.max(sheet.getMaxRows(), 1), width).clearContent();
  sheet.getRange(1, 1).setValue(notice);
  if (!sheet.isSheetHidden()) sheet.hideSheet();
  return { done: 'kept', name };
}

/** A generated tab of the registry rebuilt from its grid (src/sheets/generated.ts); its name now. */
export function rebuildRegistryTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: GeneratedTabSpec,
  grid: unknown[][],
  lang: Lang,
  index: number,
): string {
  return rebuildGenerated(ss, spec, grid, lang, index).sheet.getName();
}

/** The name now of the tab carrying this tab tag (a registry tab such as the funnel), or undefined. */
export function tabNameByTag(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tag: string): string | undefined {
  return taggedSheet(ss, tag)?.getName();
}
