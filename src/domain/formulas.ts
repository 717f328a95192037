// Formula text for generated tabs: whole-column references to records fields and references to Settings cells.
// Formulas point at the cells people edit (a threshold, a stage label, a service name) instead of copying their text,
// so a renamed stage or a new threshold reaches every generated tab with no rebuild.
//
// Why A1 references found at render time (not named ranges, not a lookup by key): Sheets rewrites a reference when
// rows or columns are inserted, deleted or moved and when a tab is renamed, so a reference keeps pointing at the
// same cell through every structural edit; a named range would do the same with one more object to repair. What a
// reference cannot follow is a new item in a list (a stage added or reordered, a service added): the generated tabs
// are rebuilt for that (menu "Rebuild segments and funnel", setup, and a list change saved through the add-on).
import { type LIST_HEADERS, type SettingsData, type SettingsValues, VALUE_DEFS } from './settings';

/** A Settings list column: the lists, and the milestone and kind columns beside stages and contact types. */
export type ListColumnKey = keyof typeof LIST_HEADERS;

/** Where the Settings tab keeps each value and list, as read when a generated tab is rendered. */
export interface SettingsRefs {
  sheetName: string;
  /** Column of the values block's value cells (B). */
  valueColumn: number;
  /** Value key → 1-based row of its value cell. */
  valueRows: Partial<Record<keyof SettingsValues, number>>;
  /** List key → 1-based column (stageMilestones and contactKinds included). */
  listColumns: Partial<Record<ListColumnKey, number>>;
  /** Each list's items as read, top to bottom: blank and repeated labels left out as the settings reader does. */
  listItems: Partial<Record<ListColumnKey, Array<{ row: number; text: string }>>>;
}

/** A records tab as formulas see it: its current name and 1-based column of each field. */
export interface FormulaSource {
  sheetName: string;
  columns: Record<string, number>;
}

/** What formula helpers need: Settings (validated and where they live) and the records tabs. */
export interface FormulaEnv {
  settings: SettingsData;
  defaults: SettingsData;
  settingsRefs: SettingsRefs;
  sources: Record<string, FormulaSource>;
}

/** A field a generated formula needs is missing from its tab (setup adds it): a developer error, not user input. */
export class FormulaSourceError extends Error {
  constructor(tab: string, field: string) {
    super(`no column for ${tab}.${field}`);
    this.name = 'FormulaSourceError';
  }
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

/** A tab name as formulas write it: always quoted, quotes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A text constant: double quotes doubled. */
export function textLiteral(text: string): string {
  return `"${String(text).replace(/"/g, '""')}"`;
}

/** 'Tab'!$B$3 */
export function cellRef(sheetName: string, row: number, column: number): string {
  const letter = columnLetter(column);
  return `${quoteSheet(sheetName)}!$${letter}$${row}`;
}

/** 'Tab'!$D$2:$D — the column from `firstRow` down, open-ended so new rows are included. */
export function columnRef(sheetName: string, column: number, firstRow = 2): string {
  const letter = columnLetter(column);
  return `${quoteSheet(sheetName)}!$${letter}$${firstRow}:$${letter}`;
}

/** The whole column of a records field (rows 2…), e.g. 'Клиенты'!$D$2:$D. */
export function sourceColumn(env: Pick<FormulaEnv, 'sources'>, tab: string, field: string): string {
  const source = env.sources[tab];
  const column = source?.columns[field];
  if (!source || !column) throw new FormulaSourceError(tab, field);
  return columnRef(source.sheetName, column);
}

/** The whole column of a client field, e.g. 'Клиенты'!$D$2:$D. */
export function clientColumn(env: Pick<FormulaEnv, 'sources'>, field: string): string {
  return sourceColumn(env, 'clients', field);
}

/** The value cell of a Settings value, e.g. 'Настройки'!$B$4; undefined when the tab has no such row. */
export function settingCell(env: Pick<FormulaEnv, 'settingsRefs'>, key: keyof SettingsValues): string | undefined {
  const refs = env.settingsRefs;
  const row = refs.valueRows[key];
  return row ? cellRef(refs.sheetName, row, refs.valueColumn) : undefined;
}

/**
 * A numeric Settings value as a formula expression that reads its cell and, like the settings reader, falls back to
 * the default when the cell holds something invalid (text, out of range, a fraction where a whole number is
 * needed). Without a cell, the value as validated now.
 */
export function settingValue(env: FormulaEnv, key: keyof SettingsValues): string {
  const def = VALUE_DEFS.find((d) => d.key === key);
  const fallback = env.defaults.values[key];
  const cell = settingCell(env, key);
  if (!cell || !def || typeof fallback !== 'number') return String(env.settings.values[key]);
  const checks: string[] = [];
  if (def.min !== undefined) checks.push(`${cell}>=${def.min}`);
  if (def.max !== undefined) checks.push(`${cell}<=${def.max}`);
  if (def.kind !== 'percent') checks.push(`${cell}=INT(${cell})`);
  // AND would pass on the error INT gives for text: the number test comes first, on its own.
  const valid = checks.length ? `IF(AND(${checks.join(',')}),${cell},${fallback})` : cell;
  return `IF(ISNUMBER(${cell}),${valid},${fallback})`;
}

/** A Settings list's column from row 2 down, e.g. 'Настройки'!$E$2:$E. */
export function listRange(env: Pick<FormulaEnv, 'settingsRefs'>, key: ListColumnKey): string | undefined {
  const refs = env.settingsRefs;
  const column = refs.listColumns[key];
  return column ? columnRef(refs.sheetName, column) : undefined;
}

/** Row of a list item as read (compared trimmed, ignoring case), or undefined. */
function itemRow(env: Pick<FormulaEnv, 'settingsRefs'>, key: ListColumnKey, text: string): number | undefined {
  const wanted = text.trim().toLowerCase();
  return env.settingsRefs.listItems[key]?.find((i) => i.text.toLowerCase() === wanted)?.row;
}

/**
 * The cell holding a list item, e.g. 'Настройки'!$E$5 — or, with `beside`, the cell in that other list column on
 * the item's row (a stage's milestone). Undefined when the item or the column is absent.
 */
export function listItemCell(
  env: Pick<FormulaEnv, 'settingsRefs'>,
  key: ListColumnKey,
  text: string,
  beside: ListColumnKey = key,
): string | undefined {
  const refs = env.settingsRefs;
  const column = refs.listColumns[beside];
  const row = itemRow(env, key, text);
  return column && row ? cellRef(refs.sheetName, row, column) : undefined;
}

/** Text read from a cell as the records adapter reads it (trimmed; numbers as their digits): TRIM(x&""). */
export function asText(expr: string): string {
  return `TRIM(${expr}&"")`;
}
