// The Settings tab: business values (parameter | value, each row tagged with its key as developer metadata) and the
// editable lists, one column each. People see labels and values only; older tabs kept the keys in a column C.
import { SETTINGS_TAB_NAME } from '../domain/fields';
import { asSheetText } from '../domain/normalize/text';
import {
  CONTACT_KIND_LABELS,
  LIST_HEADERS,
  MILESTONE_LABELS,
  type SettingsData,
  type SettingsProblem,
  VALUE_DEFS,
  type ValueDef,
  validateSettings,
} from '../domain/settings';
import type { Lang } from '../i18n';
import { cacheGet, cachePut, cacheRemove } from '../services/env';
import { findTabByTag, tagColumns } from './layout';
import { noteEntry } from './writeLog';

export const LIST_KEY = 'kartoteka.list';
/** Developer metadata on a value row: which business value (currency, phoneRegion…) the row holds. */
export const SETTING_KEY = 'kartoteka.setting';
export const SETTINGS_TAB_KEY = 'settings';

export type ListColumnKey = keyof typeof LIST_HEADERS;
export const LIST_COLUMNS: ListColumnKey[] = [
  'services',
  'channels',
  'staff',
  'stages',
  'stageMilestones',
  'contactTypes',
  'contactKinds',
  'lostReasons',
  'preferredChannels',
  'paymentStatuses',
  'admins',
];

/** First column of the lists block in a new tab (D): A–B hold the values, C is a gap. */
export const LISTS_FIRST_COLUMN = 4;
const VALUE_HEADERS: Record<Lang, [string, string]> = {
  ru: ['Параметр', 'Значение'],
  en: ['Setting', 'Value'],
};
/** Header of the key column older tabs showed in C; read while it is there, emptied by setup. */
const LEGACY_KEY_HEADERS = ['ключ', 'key'];

export function isLegacyKeyHeader(text: unknown): boolean {
  return LEGACY_KEY_HEADERS.includes(
    String(text ?? '')
      .trim()
      .toLowerCase(),
  );
}

/** The value a label names, in either language. */
function defByLabel(label: unknown): ValueDef | undefined {
  const text = String(label ?? '').trim();
  return text ? VALUE_DEFS.find((d) => d.label.ru === text || d.label.en === text) : undefined;
}

export function defByKey(key: unknown): ValueDef | undefined {
  const text = String(key ?? '').trim();
  return text ? VALUE_DEFS.find((d) => d.key === text) : undefined;
}

/** Rows tagged with a value key (row → key); one metadata search. */
export function taggedValueRows(sheet: GoogleAppsScript.Spreadsheet.Sheet): Map<number, string> {
  const rows = new Map<number, string>();
  for (const md of sheet.createDeveloperMetadataFinder().withKey(SETTING_KEY).find()) {
    const location = md.getLocation();
    if (String(location.getLocationType()) !== 'ROW') continue;
    const row = location.getRow()?.getRow();
    if (row && !rows.has(row)) rows.set(row, String(md.getValue() ?? ''));
  }
  return rows;
}

export function findSettingsSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  return findTabByTag(ss, SETTINGS_TAB_KEY, SETTINGS_TAB_NAME);
}

export interface SettingsSheetLayout {
  /** list key → 1-based column */
  lists: Partial<Record<ListColumnKey, number>>;
  /** Lists whose column already carries its metadata tag. */
  tagged: Set<ListColumnKey>;
}

function headerMatches(text: unknown, key: ListColumnKey): boolean {
  const t = String(text ?? '')
    .trim()
    .toLowerCase();
  return t === LIST_HEADERS[key].ru.toLowerCase() || t === LIST_HEADERS[key].en.toLowerCase();
}

/** Columns of each list: metadata tags first, header text for untagged columns. */
export function readSettingsLayout(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  headerRow: unknown[],
): SettingsSheetLayout {
  const { columns, tagged } = tagColumns(sheet, LIST_KEY, LIST_COLUMNS, headerRow, (text) =>
    LIST_COLUMNS.find((k) => headerMatches(text, k)),
  );
  return { lists: columns, tagged };
}

export interface RawSettings {
  lists: Partial<Record<string, unknown[]>>;
  values: Partial<Record<string, unknown>>;
}

/** The Settings tab as read: what people typed, where each list lives, and the row of each business value. */
export interface SettingsRead {
  raw: RawSettings;
  layout: SettingsSheetLayout;
  /** Value key → 1-based row of its line in the values block (A: label, B: value). */
  valueRows: Partial<Record<string, number>>;
  grid: unknown[][];
}

const VALUE_COLUMN = 2;

/** Lists and values as typed in the tab (one bulk read). */
export function readRawSettings(sheet: GoogleAppsScript.Spreadsheet.Sheet): SettingsRead {
  const grid = sheet.getDataRange().getValues();
  const layout = readSettingsLayout(sheet, grid[0] ?? []);
  const lists: RawSettings['lists'] = {};
  for (const key of LIST_COLUMNS) {
    const column = layout.lists[key];
    if (!column) continue;
    const items: unknown[] = [];
    for (let r = 1; r < grid.length; r++) items.push(grid[r][column - 1] ?? '');
    while (items.length && (items[items.length - 1] === '' || items[items.length - 1] === null)) items.pop();
    lists[key] = items;
  }
  const values: RawSettings['values'] = {};
  const valueRows: SettingsRead['valueRows'] = {};
  const place = (def: ValueDef | undefined, r: number): boolean => {
    if (!def || def.key in values) return false;
    values[def.key] = grid[r][1];
    valueRows[def.key] = r + 1;
    return true;
  };
  // A row is found by its label (either language), in a tab not yet repaired by the old key column.
  const legacy = isLegacyKeyHeader(grid[0]?.[2]);
  const unknown: number[] = [];
  for (let r = 1; r < grid.length; r++) {
    if (place(defByLabel(grid[r][0]) ?? (legacy ? defByKey(grid[r][2]) : undefined), r)) continue;
    if (String(grid[r][0] ?? '').trim() !== '') unknown.push(r);
  }
  // A renamed label: the row's tag still says which value it holds (searched for only then).
  if (unknown.length && VALUE_DEFS.some((d) => !(d.key in values))) {
    const tags = taggedValueRows(sheet);
    for (const r of unknown) place(defByKey(tags.get(r + 1)), r);
  }
  return { raw: { lists, values }, layout, valueRows, grid };
}

/**
 * Writes new settings over what was read: each changed list column once, and every changed business value in one
 * write of the value cells between the first and the last change (the cells between keep what they hold).
 */
export function writeSettings(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  before: SettingsRead,
  settings: SettingsData,
  lang: Lang,
  valueKeys: readonly string[],
): void {
  for (const key of LIST_COLUMNS) {
    const column = before.layout.lists[key];
    if (!column) continue;
    const items = listColumnValues(settings, key, lang);
    const old = (before.raw.lists[key] ?? []).map((x) => String(x));
    if (items.length === old.length && items.every((x, i) => x === old[i])) continue;
    writeListColumn(sheet, column, items, old.length);
    // Who changed a list is on record like any other write.
    noteEntry({
      clientId: '',
      tab: sheet.getName(),
      sheetRow: '',
      field: key,
      before: old.join('; '),
      after: items.join('; '),
    });
  }
  const changes = new Map<number, unknown>();
  for (const key of valueKeys) {
    const row = before.valueRows[key];
    const value = settings.values[key as keyof SettingsData['values']];
    if (row && before.raw.values[key] !== value) {
      changes.set(row, value);
      noteEntry({
        clientId: '',
        tab: sheet.getName(),
        sheetRow: row,
        field: key,
        before: String(before.raw.values[key] ?? ''),
        after: String(value ?? ''),
      });
    }
  }
  if (!changes.size) return;
  const rows = [...changes.keys()];
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  const cells: unknown[][] = [];
  for (let r = top; r <= bottom; r++) {
    const value = changes.has(r) ? changes.get(r) : before.grid[r - 1][VALUE_COLUMN - 1];
    cells.push([typeof value === 'string' ? asSheetText(value) : value]);
  }
  sheet.getRange(top, VALUE_COLUMN, cells.length, 1).setValues(cells);
}

const SETTINGS_CACHE = 'settings';

export interface LoadedSettings {
  settings: SettingsData;
  problems: SettingsProblem[];
}

/** Settings from the cache (10 minutes, dropped on every edit of the tab), else from the tab. */
export function loadSettings(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  defaults: SettingsData,
  opts: { fresh?: boolean } = {},
): LoadedSettings {
  if (!opts.fresh) {
    const cached = cacheGet<LoadedSettings>(SETTINGS_CACHE);
    if (cached) return cached;
  }
  const sheet = findSettingsSheet(ss);
  const loaded = sheet ? validateSettings(readRawSettings(sheet).raw, defaults) : { settings: defaults, problems: [] };
  cachePut(SETTINGS_CACHE, loaded, 600);
  return loaded;
}

export function forgetSettings(): void {
  cacheRemove([SETTINGS_CACHE]);
}

/** Column of values for one list, as written to the tab. */
export function listColumnValues(settings: SettingsData, key: ListColumnKey, lang: Lang): string[] {
  const { lists } = settings;
  switch (key) {
    case 'stages':
      return lists.stages.map((s) => s.label);
    case 'stageMilestones':
      return lists.stages.map((s) => (s.milestone ? MILESTONE_LABELS[lang][s.milestone] : ''));
    case 'contactTypes':
      return lists.contactTypes.map((t) => t.label);
    case 'contactKinds':
      return lists.contactTypes.map((t) => CONTACT_KIND_LABELS[lang][t.kind]);
    default:
      return lists[key];
  }
}

/** Rewrites one list column below its header: new items, then blanks where old items were (one write). */
export function writeListColumn(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  column: number,
  items: string[],
  previousLength: number,
): void {
  const height = Math.max(items.length, previousLength);
  if (height === 0) return;
  const rows = [];
  for (let i = 0; i < height; i++) rows.push([i < items.length ? asSheetText(items[i]) : '']);
  sheet.getRange(2, column, height, 1).setValues(rows);
}

export function valueHeaders(lang: Lang): [string, string] {
  return VALUE_HEADERS[lang];
}
