// Finding and creating the add-on's tabs: by their developer-metadata tag, else by name; new ones tagged at once.
import type { Lang } from '../i18n';
import { t } from '../i18n';
import { findTabByTag, TAB_KEY, taggedSheet } from './layout';

/** Descriptions of the add-on's own protections start with this, so setup replaces them and leaves people's. */
export const PROTECTION_PREFIX = 'kartoteka:';

interface NamedTab {
  key: string;
  name: Record<Lang, string>;
}

/** The tab by its tag, else by its name in either language; null when it does not exist yet. */
export function findTabOf(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: NamedTab,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  return findTabByTag(ss, spec.key, spec.name);
}

/** The spreadsheet's only tab when it is a blank default one (reused instead of leaving an empty Sheet1 behind). */
function blankDefaultSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet | null {
  const sheets = ss.getSheets();
  if (sheets.length !== 1) return null;
  const only = sheets[0];
  return only.getLastRow() === 0 && only.getLastColumn() === 0 && !taggedSheet(ss, null) ? only : null;
}

/**
 * The tab, created at `index` when missing (a blank default first tab is reused; a same-named tab that is not ours
 * is kept and ours gets a distinct name), and tagged so it is found after a rename.
 */
export function ensureTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: NamedTab,
  lang: Lang,
  index: number,
  onCreate?: (name: string) => void,
): { sheet: GoogleAppsScript.Spreadsheet.Sheet; created: boolean } {
  const tagged = taggedSheet(ss, spec.key);
  const found = tagged ?? ss.getSheetByName(spec.name.ru) ?? ss.getSheetByName(spec.name.en);
  if (found) {
    if (!tagged) found.addDeveloperMetadata(TAB_KEY, spec.key);
    return { sheet: found, created: false };
  }
  const name = spec.name[lang];
  onCreate?.(name);
  let sheet = index === 0 ? blankDefaultSheet(ss) : null;
  if (sheet) sheet.setName(name);
  else {
    const finalName = ss.getSheetByName(name) ? `${name} (${t(lang, 'app.name')})` : name;
    sheet = ss.insertSheet(finalName, Math.min(index, ss.getSheets().length));
  }
  sheet.addDeveloperMetadata(TAB_KEY, spec.key);
  return { sheet, created: true };
}

/** Grows the grid to at least this many rows and columns (one call each, only when short). */
export function ensureSize(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}
