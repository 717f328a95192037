// Generated tabs (segments, funnel): rebuilt whole from the grid their domain `render` returns, in one write.
import type { DressedGrid } from '../domain/tabDress';
import type { GeneratedTabSpec } from '../domain/tabs';
import { type Lang, t } from '../i18n';
import { applyDress } from './dress';
import { ensureSize, ensureTab, PROTECTION_PREFIX } from './tabs';

/**
 * Writes `grid` (values; text starting with '=' is a formula) as the whole content of the tab: created when missing,
 * old content cleared, the grid written in one call, the header row bold, and the tab protected with a warning
 * (a person's edit would be overwritten by the next rebuild). A grid carrying a dress (src/domain/tabDress.ts) gets
 * its formats, dropdowns, colour scales and charts applied after.
 */
export function rebuildGenerated(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: GeneratedTabSpec,
  grid: DressedGrid,
  lang: Lang,
  index: number,
): { sheet: GoogleAppsScript.Spreadsheet.Sheet; created: boolean } {
  const { sheet, created } = ensureTab(ss, spec, lang, index);
  const width = Math.max(1, ...grid.map((r) => r.length));
  const rows = grid.map((r) => (r.length === width ? r : [...r, ...new Array(width - r.length).fill('')]));
  if (!created) sheet.clearContents();
  if (rows.length) {
    ensureSize(sheet, rows.length, width);
    sheet.getRange(1, 1, rows.length, width).setValues(rows);
    sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  }
  const description = `${PROTECTION_PREFIX}${spec.key} ${t(lang, 'protect.generated')}`;
  const protections = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  const protection =
    protections.find((p) => p.getDescription() === description) ??
    sheet.protect().setDescription(description).setWarningOnly(true);
  if (grid.dress) applyDress(sheet, grid.dress, protection);
  return { sheet, created };
}
