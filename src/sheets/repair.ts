// Repairs setup makes from the last known good layout: a header row deleted by hand is put back above the data, and
// a required column deleted by hand is put back where it stood (next to the same neighbour), tagged and titled.
// Protections for the owner-only tabs (real locks, editable by the owner and the admins only).
import type { TabDef } from '../domain/fields';
import { asSheetText } from '../domain/normalize/text';
import { SETTINGS_TAB, TAB_REGISTRY } from '../domain/tabs';
import type { Lang } from '../i18n';
import { goodLayout, type Layout, rememberGood } from './layout';
import { findTabOf, PROTECTION_PREFIX } from './tabs';

/** Row 1 holds data (the header row was deleted): a row is inserted above it and the headers written back. */
export function restoreHeaderRow(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  def: TabDef,
  layout: Layout,
  lang: Lang,
): boolean {
  if (!layout.problems?.headerMissing) return false;
  const good = goodLayout(def.key);
  sheet.insertRowBefore(1);
  const width = Math.max(layout.lastColumn, ...Object.values(layout.columns));
  const row: string[] = new Array(width).fill('');
  for (const f of def.fields) {
    const column = layout.columns[f.key];
    if (column) row[column - 1] = good?.headers[f.key] || f.header[lang];
  }
  sheet.getRange(1, 1, 1, width).setValues([row.map(asSheetText)]);
  layout.headers = {};
  row.forEach((text, i) => {
    layout.headers[String(i + 1)] = text;
  });
  layout.problems = { ...layout.problems, headerMissing: false };
  return true;
}

/**
 * Required columns missing from the tab, put back where the last good layout had them: right of the field that was
 * their left neighbour then (or at their old position). Returns the headers put back; the rest is left to setup,
 * which adds any still-missing field at the end.
 */
export function restoreMissingColumns(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  def: TabDef,
  layout: Layout,
  lang: Lang,
): string[] {
  const good = goodLayout(def.key);
  if (!good) return [];
  const missing = def.fields
    .filter((f) => !layout.columns[f.key] && good.columns[f.key])
    .sort((a, b) => good.columns[a.key] - good.columns[b.key]);
  const restored: string[] = [];
  for (const f of missing) {
    const was = good.columns[f.key];
    // The field that stood just left of it then, if it is still here.
    const neighbour = Object.entries(good.columns)
      .filter(([k, c]) => c < was && layout.columns[k])
      .sort((a, b) => b[1] - a[1])[0];
    const at = neighbour ? layout.columns[neighbour[0]] + 1 : Math.min(was, layout.lastColumn + 1);
    if (at > layout.lastColumn) continue;
    sheet.insertColumnBefore(at);
    for (const [k, c] of Object.entries(layout.columns)) if (c >= at) layout.columns[k] = c + 1;
    const headers: Record<string, string> = {};
    for (const [c, text] of Object.entries(layout.headers)) headers[String(Number(c) >= at ? Number(c) + 1 : c)] = text;
    const header = good.headers[f.key] || f.header[lang];
    headers[String(at)] = header;
    layout.headers = headers;
    layout.columns[f.key] = at;
    layout.lastColumn += 1;
    // The header now; the column's tag is added by setup with every other untagged field.
    sheet.getRange(1, at).setValue(asSheetText(header));
    if (f.width) sheet.setColumnWidth(at, f.width);
    restored.push(`${sheet.getName()}: ${header}`);
  }
  if (layout.problems) {
    const still = layout.problems.missing.filter((k) => !layout.columns[k]);
    layout.problems = { ...layout.problems, missing: still };
  }
  return restored;
}

/** After repairs: a layout without problems becomes the last known good one. */
export function settleLayout(layout: Layout): void {
  if (layout.problems) {
    const missing = layout.problems.missing.filter((k) => !layout.columns[k]);
    if (!missing.length && !layout.problems.headerMissing) delete layout.problems;
    else layout.problems = { ...layout.problems, missing };
  }
  rememberGood(layout);
}

/**
 * A real lock on the whole tab: only `editors` (the owner, the admins and the person running setup) may edit it;
 * Sheets refuses everyone else's edits. Replaces the add-on's earlier protection of the tab.
 */
export function protectForOwners(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  key: string,
  description: string,
  editors: readonly string[],
): void {
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) {
    if (p.getDescription().startsWith(PROTECTION_PREFIX)) p.remove();
  }
  const p = sheet.protect().setDescription(`${PROTECTION_PREFIX}${key} ${description}`).setWarningOnly(false);
  const keep = editors.map((e) => e.toLowerCase()).filter(Boolean);
  const others = p.getEditors().filter((u) => !keep.includes(u.getEmail().toLowerCase()));
  if (keep.length) p.addEditors(keep);
  if (others.length) p.removeEditors(others);
  if (p.canDomainEdit()) p.setDomainEdit(false);
}

/** The owner-only tabs (Settings, Audit, snapshot) locked again for a new list of editors (the admins changed). */
export function reprotectOwnerTabs(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  editors: readonly string[],
  description: string,
): void {
  for (const spec of TAB_REGISTRY) {
    const ownerOnly =
      spec.kind === 'settings' ? spec.key === SETTINGS_TAB.key : spec.kind === 'records' && spec.ownerOnly;
    if (!ownerOnly) continue;
    const sheet = findTabOf(ss, spec);
    if (sheet) protectForOwners(sheet, spec.key, description, editors);
  }
}
