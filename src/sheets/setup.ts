// Set up / repair: walks the tab registry (src/domain/tabs.ts) and creates missing tabs and columns, tags them, and
// (re)applies formats, validation and protection. Idempotent, and it never changes a data cell: only headers of new
// columns, the first rows of new tabs and whole generated tabs are written.
import type { FieldDef, TabDef } from '../domain/fields';
import type { SettingsRefs } from '../domain/formulas';
import { datePattern } from '../domain/normalize/dateOrder';
import { asSheetText } from '../domain/normalize/text';
import {
  CONTACT_KIND_LABELS,
  CONTACT_KINDS,
  defaultSettings,
  LIST_HEADERS,
  MILESTONE_LABELS,
  MILESTONES,
  type SettingsData,
  VALUE_DEFS,
  validateSettings,
} from '../domain/settings';
import {
  type GeneratedTabSpec,
  type RecordsTabSpec,
  type RenderEnv,
  type SettingsTabSpec,
  TAB_REGISTRY,
  type TabSpec,
} from '../domain/tabs';
import { trustText } from '../domain/trustMessages';
import { type Lang, type MessageKey, t } from '../i18n';
import { rebuildGenerated } from './generated';
import { columnLetter, FIELD_KEY, type Layout, readLayoutTagged, rememberLayout } from './layout';
import { type RecordsTab, updateRecords } from './records';
import { noSettingsRefs, settingsRefsOf } from './renderEnv';
import { protectForOwners, restoreHeaderRow, restoreMissingColumns, settleLayout } from './repair';
import {
  defByKey,
  isLegacyKeyHeader,
  LIST_COLUMNS,
  LIST_KEY,
  LISTS_FIRST_COLUMN,
  listColumnValues,
  readRawSettings,
  readSettingsLayout,
  SETTING_KEY,
  taggedValueRows,
  valueHeaders,
} from './settingsTab';
import { ensureSize, ensureTab, PROTECTION_PREFIX } from './tabs';

export { PROTECTION_PREFIX } from './tabs';

export interface SetupContext {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  lang: Lang;
  locale: string;
  timeZone: string;
  today: string;
  progress: (message: string) => void;
  /** Who may edit the owner-only tabs (owner, admins, the person running setup); none: no real locks are set. */
  editors?: string[];
}

export interface SetupResult {
  created: string[];
  columnsAdded: string[];
  validationsApplied: number;
  protections: number;
}

const HEADER_BG = '#e8eaed';
const COMPUTED_BG = '#f1f3f4';

/** Date cells in the locale's own pattern: the domain's datePattern, the same order the parser reads. */
export function dateFormat(locale: string): string {
  return datePattern(locale);
}

/** Money as the Settings currency shows it in Sheets (symbol where the currency has a common one). */
export function moneyFormat(currency: string): string {
  switch (currency) {
    case 'RUB':
      return '#,##0.00 [$₽-419]';
    case 'USD':
      return '[$$]#,##0.00';
    case 'EUR':
      return '#,##0.00 [$€]';
    case 'GBP':
      return '[$£]#,##0.00';
    case 'KZT':
      return '#,##0.00 [$₸]';
    case 'UAH':
      return '#,##0.00 [$₴]';
    default:
      return '#,##0.00';
  }
}

function numberFormatOf(field: FieldDef, locale: string, currency: string): string {
  switch (field.type) {
    case 'date':
      return dateFormat(locale);
    case 'datetime':
      return `${dateFormat(locale)} hh:mm`;
    case 'amount':
      return moneyFormat(currency);
    case 'count':
      return '0';
    default:
      return '@';
  }
}

function ensureColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet, needed: number): void {
  const max = sheet.getMaxColumns();
  if (needed > max) sheet.insertColumnsAfter(max, needed - max);
}

function styleHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet, columns: number): void {
  const header = sheet.getRange(1, 1, 1, columns);
  header.setFontWeight('bold').setBackground(HEADER_BG).setWrap(true).setVerticalAlignment('middle');
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
}

/** Ensures a tab of records (or a table-like settings tab) has every field as a tagged column. */
function ensureRecordTab(
  ctx: SetupContext,
  def: TabDef,
  index: number,
  result: SetupResult,
): RecordsTab & { created: boolean } {
  const { lang } = ctx;
  const { sheet, created: isNew } = ensureTab(ctx.ss, def, lang, index, (name) =>
    ctx.progress(t(lang, 'setup.creatingTab', { tab: name })),
  );
  if (isNew) result.created.push(sheet.getName());

  const { layout, tagged } = readLayoutTagged(sheet, def);
  if (!isNew) {
    // A header row or a required column deleted by hand comes back from the last known good layout.
    if (restoreHeaderRow(sheet, def, layout, lang)) result.columnsAdded.push(`${sheet.getName()}: 1`);
    result.columnsAdded.push(...restoreMissingColumns(sheet, def, layout, lang));
  }
  const missing = def.fields.filter((f) => !layout.columns[f.key]);
  if (missing.length) {
    const start = isNew ? 1 : Math.max(sheet.getLastColumn(), 0) + 1;
    ensureColumns(sheet, start + missing.length - 1);
    const headers = missing.map((f) => f.header[lang]);
    sheet.getRange(1, start, 1, missing.length).setValues([headers.map(asSheetText)]);
    missing.forEach((f, i) => {
      layout.columns[f.key] = start + i;
      layout.headers[String(start + i)] = headers[i];
      if (f.width) sheet.setColumnWidth(start + i, f.width);
    });
    layout.lastColumn = Math.max(layout.lastColumn, start + missing.length - 1);
    if (!isNew) result.columnsAdded.push(...missing.map((f) => `${sheet.getName()}: ${f.header[lang]}`));
  }
  // Tag every field column, so it is found after inserts, moves and header renames.
  for (const field of def.fields) {
    if (tagged.has(field.key)) continue;
    const letter = columnLetter(layout.columns[field.key]);
    sheet.getRange(`${letter}:${letter}`).addDeveloperMetadata(FIELD_KEY, field.key);
  }
  styleHeader(sheet, Math.max(layout.lastColumn, ...Object.values(layout.columns)));
  return { sheet, layout, def, created: isNew };
}

function validationFor(
  field: FieldDef,
  lang: Lang,
  locale: string,
  listRange: (key: string) => GoogleAppsScript.Spreadsheet.Range | null,
): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const b = SpreadsheetApp.newDataValidation();
  switch (field.type) {
    case 'date':
    case 'datetime':
      return b
        .requireDate()
        .setAllowInvalid(false)
        .setHelpText(t(lang, 'validation.date', { example: dateFormat(locale) }))
        .build();
    case 'amount':
    case 'count':
      return b
        .requireNumberGreaterThanOrEqualTo(0)
        .setAllowInvalid(false)
        .setHelpText(t(lang, 'validation.nonNegative'))
        .build();
    case 'email':
      return b.requireTextIsEmail().setAllowInvalid(false).setHelpText(t(lang, 'validation.email')).build();
    case 'choice': {
      // A computed column (frequency) gets no dropdown: a ▾ on every row invites edits its protection warns against.
      if (field.computed) return null;
      const range = field.list ? listRange(field.list) : null;
      if (!range) return null;
      const strict = field.key === 'stage' || field.key === 'type';
      return b
        .requireValueInRange(range, true)
        .setAllowInvalid(!strict)
        .setHelpText(t(lang, strict ? 'validation.listStrict' : 'validation.list'))
        .build();
    }
    default:
      return null;
  }
}

/** Formats, validation and protection of a record tab, rows 2…max. Re-applying restores what a paste wiped. */
function applyRules(
  ctx: SetupContext,
  { sheet, layout }: { sheet: GoogleAppsScript.Spreadsheet.Sheet; layout: Layout },
  def: TabDef,
  protect: { kind: 'computed' | 'history' | 'none'; note?: MessageKey },
  listRange: (key: string) => GoogleAppsScript.Spreadsheet.Range | null,
  currency: string,
  result: SetupResult,
): void {
  settleLayout(layout);
  rememberLayout(layout);
  const rows = Math.max(sheet.getMaxRows() - 1, 1);
  if (sheet.getMaxRows() < 2) sheet.insertRowsAfter(1, 1);
  const body = (run: ColumnRun) => sheet.getRange(2, run.first, rows, run.count);
  // Neighbouring columns that share a format or a rule get it in one call.
  for (const run of columnRuns(def, layout, (f) => numberFormatOf(f, ctx.locale, currency))) {
    body(run).setNumberFormat(run.key);
  }
  for (const run of columnRuns(def, layout, validationKey)) {
    const rule = validationFor(run.fields[0], ctx.lang, ctx.locale, listRange);
    if (rule) {
      body(run).setDataValidation(rule);
      result.validationsApplied += run.count;
    } else body(run).clearDataValidations();
  }
  for (const run of columnRuns(def, layout, (f) => (f.computed ? 'computed' : ''))) {
    if (run.key) body(run).setBackground(COMPUTED_BG);
  }
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (p.getDescription().startsWith(PROTECTION_PREFIX)) p.remove();
  }
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) {
    if (p.getDescription().startsWith(PROTECTION_PREFIX)) p.remove();
  }
  if (protect.kind === 'none') return;
  if (protect.kind === 'history') {
    // A history tab: people may add rows by hand, but Sheets warns before anyone edits it.
    sheet
      .protect()
      .setDescription(`${PROTECTION_PREFIX}${def.key} ${t(ctx.lang, protect.note ?? 'protect.history')}`)
      .setWarningOnly(true);
    result.protections++;
    return;
  }
  // Kartoteka writes ID and totals as the person who clicks, so they are warning-only: a person is warned, the add-on writes.
  for (const run of columnRuns(def, layout, (f) => (f.computed ? 'computed' : ''))) {
    if (!run.key) continue;
    body(run)
      .protect()
      .setDescription(
        `${PROTECTION_PREFIX}${run.fields.map((f) => f.key).join(',')} ${t(ctx.lang, 'protect.computed')}`,
      )
      .setWarningOnly(true);
    result.protections++;
  }
}

interface ColumnRun {
  first: number;
  count: number;
  key: string;
  fields: FieldDef[];
}

/** The tab's field columns in sheet order, neighbours with the same key joined into one run. */
function columnRuns(def: TabDef, layout: Layout, keyOf: (field: FieldDef) => string): ColumnRun[] {
  const placed = def.fields
    .filter((f) => layout.columns[f.key])
    .map((f) => ({ field: f, column: layout.columns[f.key] }))
    .sort((a, b) => a.column - b.column);
  const out: ColumnRun[] = [];
  for (const { field, column } of placed) {
    const key = keyOf(field);
    const last = out[out.length - 1];
    if (last && last.key === key && last.first + last.count === column) {
      last.count++;
      last.fields.push(field);
    } else out.push({ first: column, count: 1, key, fields: [field] });
  }
  return out;
}

/** Fields with the same key get the same validation rule. */
function validationKey(field: FieldDef): string {
  if (field.type === 'choice') return `choice:${field.list}:${field.key === 'stage' || field.key === 'type'}`;
  if (field.type === 'date' || field.type === 'datetime') return 'date';
  if (field.type === 'amount' || field.type === 'count') return 'amount';
  return field.type === 'email' ? 'email' : 'none';
}

/**
 * Settings tab: values block A:B (each row tagged with its key), lists from column D, each list column tagged. Never
 * overwrites an existing list or value. An older tab's key column C is emptied once its rows carry their tags.
 */
function ensureSettingsTab(
  ctx: SetupContext,
  spec: SettingsTabSpec,
  index: number,
  result: SetupResult,
): GoogleAppsScript.Spreadsheet.Sheet {
  const { lang, locale } = ctx;
  const defaults: SettingsData = defaultSettings(lang, locale);
  const { sheet, created } = ensureTab(ctx.ss, spec, lang, index, (name) =>
    ctx.progress(t(lang, 'setup.creatingTab', { tab: name })),
  );
  if (created) {
    result.created.push(sheet.getName());
    const valueRows: unknown[][] = [valueHeaders(lang)];
    for (const def of VALUE_DEFS) valueRows.push([def.label[lang], defaults.values[def.key]]);
    sheet.getRange(1, 1, valueRows.length, 2).setValues(valueRows);
    sheet.setColumnWidth(1, 260);
    sheet.setColumnWidth(2, 90);
    sheet.setColumnWidth(3, 24);
  }
  const read = readRawSettings(sheet);
  const grid = read.grid;
  const tags = taggedValueRows(sheet);
  const tagRow = (row: number, key: string) => {
    if (tags.get(row) !== key) sheet.getRange(`${row}:${row}`).addDeveloperMetadata(SETTING_KEY, key);
  };
  for (const [key, row] of Object.entries(read.valueRows)) if (row) tagRow(row, key);
  // Value rows missing from an older tab are added below the last row (A and C free: C may hold an old key).
  const missingValues = VALUE_DEFS.filter((d) => !read.valueRows[d.key]);
  if (missingValues.length) {
    const free = (r: number) => r > grid.length || [0, 1, 2].every((c) => (grid[r - 1][c] ?? '') === '');
    let row = 2;
    for (const def of missingValues) {
      while (!free(row)) row++;
      sheet.getRange(row, 1, 1, 2).setValues([[def.label[lang], defaults.values[def.key]]]);
      tagRow(row, def.key);
      row++;
    }
  }
  // The key column older tabs showed people: its keys now live in the rows' tags, so the cells are emptied (one
  // write; anything else a person typed in C stays).
  if (isLegacyKeyHeader(grid[0]?.[2])) {
    const column = grid.map((r, i) => (i === 0 || defByKey(r[2]) ? '' : r[2]));
    sheet.getRange(1, 3, column.length, 1).setValues(column.map((v) => [v]));
    sheet.setColumnWidth(3, 24);
  }
  const layout = readSettingsLayout(sheet, grid[0] ?? []);
  let next = Math.max(sheet.getLastColumn() + 1, LISTS_FIRST_COLUMN);
  for (const key of LIST_COLUMNS) {
    let column = layout.lists[key];
    if (!column) {
      column = next++;
      ensureColumns(sheet, column);
      const items = listColumnValues(defaults, key, lang);
      const values = [[LIST_HEADERS[key][lang]], ...items.map((v) => [asSheetText(v)])];
      sheet.getRange(1, column, values.length, 1).setValues(values);
      sheet.setColumnWidth(column, 170);
      layout.lists[key] = column;
    }
  }
  for (const key of LIST_COLUMNS) {
    if (layout.tagged.has(key)) continue;
    const letter = columnLetter(layout.lists[key]!);
    sheet.getRange(`${letter}:${letter}`).addDeveloperMetadata(LIST_KEY, key);
  }
  const rows = Math.max(sheet.getMaxRows() - 1, 1);
  const strictList = (items: string[], help: MessageKey) =>
    SpreadsheetApp.newDataValidation()
      .requireValueInList(items, true)
      .setAllowInvalid(false)
      .setHelpText(t(lang, help))
      .build();
  sheet.getRange(2, layout.lists.stageMilestones!, rows, 1).setDataValidation(
    strictList(
      MILESTONES.map((m) => MILESTONE_LABELS[lang][m]),
      'validation.milestone',
    ),
  );
  sheet.getRange(2, layout.lists.contactKinds!, rows, 1).setDataValidation(
    strictList(
      CONTACT_KINDS.map((k) => CONTACT_KIND_LABELS[lang][k]),
      'validation.contactKind',
    ),
  );
  result.validationsApplied += 2;
  styleHeader(sheet, Math.max(sheet.getLastColumn(), 3));
  return sheet;
}

/** Where generated formulas find each records tab (its current name and field columns) and the Settings cells. */
function renderEnv(
  ctx: SetupContext,
  settings: SettingsData,
  tabs: RecordsTab[],
  settingsRefs: SettingsRefs,
): RenderEnv {
  const sources: RenderEnv['sources'] = {};
  for (const tab of tabs) sources[tab.def.key] = { sheetName: tab.sheet.getName(), columns: tab.layout.columns };
  const defaults = defaultSettings(ctx.lang, ctx.locale);
  return { lang: ctx.lang, locale: ctx.locale, today: ctx.today, settings, defaults, settingsRefs, sources };
}

/**
 * Runs the whole setup; safe to run any number of times. Every tab of the registry, in its order: records and
 * table-like settings get their columns, the Settings tab its values and lists; then formats, validation and
 * protection; generated tabs last, rebuilt from the tabs they read.
 */
export function setupTabs(ctx: SetupContext, registry: readonly TabSpec[] = TAB_REGISTRY): SetupResult {
  const result: SetupResult = { created: [], columnsAdded: [], validationsApplied: 0, protections: 0 };
  const tables: Array<{ tab: RecordsTab & { created: boolean }; spec: RecordsTabSpec | SettingsTabSpec }> = [];
  const generated: Array<{ spec: GeneratedTabSpec; index: number }> = [];
  let settingsSheet: GoogleAppsScript.Spreadsheet.Sheet | null = null;
  registry.forEach((spec, index) => {
    if (spec.kind === 'generated') generated.push({ spec, index });
    else if (spec.kind === 'records' || spec.fields)
      tables.push({ tab: ensureRecordTab(ctx, spec as TabDef, index, result), spec });
    else {
      settingsSheet = ensureSettingsTab(ctx, spec, index, result);
      // Settings are the owner's and the admins': a real lock, not a warning.
      if (ctx.editors) protectForOwners(settingsSheet, spec.key, trustText(ctx.lang, 'protect.ownerOnly'), ctx.editors);
    }
  });
  const sheet = settingsSheet as GoogleAppsScript.Spreadsheet.Sheet | null;
  const read = sheet ? readRawSettings(sheet) : null;
  const defaults = defaultSettings(ctx.lang, ctx.locale);
  const settings = read ? validateSettings(read.raw, defaults).settings : defaults;
  const listRange = (key: string) => {
    const column = read?.layout.lists[key as keyof typeof read.layout.lists];
    return sheet && column ? sheet.getRange(2, column, Math.max(sheet.getMaxRows() - 1, 1), 1) : null;
  };
  ctx.progress(t(ctx.lang, 'setup.rules'));
  for (const { tab, spec } of tables) {
    if (tab.created && spec.kind === 'settings' && spec.seed) {
      const rows = spec.seed(ctx.lang, ctx.locale);
      if (rows.length) {
        ensureSize(tab.sheet, rows.length + 1, 1);
        updateRecords(
          tab,
          2,
          rows,
          spec.fields!.map((f) => f.key),
          ctx.timeZone,
        );
      }
    }
    const protect =
      spec.kind === 'records' ? { kind: spec.protect, note: spec.historyNote } : { kind: 'none' as const };
    applyRules(ctx, tab, tab.def, protect, listRange, settings.values.currency, result);
    if (spec.kind === 'records' && spec.ownerOnly && ctx.editors)
      protectForOwners(tab.sheet, spec.key, trustText(ctx.lang, 'protect.ownerOnly'), ctx.editors);
    if (spec.kind === 'records' && spec.hidden && !tab.sheet.isSheetHidden()) tab.sheet.hideSheet();
    const frozen = spec.kind === 'records' ? (spec.frozenColumns ?? 0) : 0;
    if (frozen && tab.sheet.getFrozenColumns() < frozen) tab.sheet.setFrozenColumns(frozen);
  }
  const env = renderEnv(
    ctx,
    settings,
    tables.map((x) => x.tab),
    sheet && read ? settingsRefsOf(sheet.getName(), read) : noSettingsRefs(),
  );
  for (const { spec, index } of generated) {
    const { sheet: built, created } = rebuildGenerated(ctx.ss, spec, spec.render(env), ctx.lang, index);
    if (created) result.created.push(built.getName());
  }
  return result;
}
