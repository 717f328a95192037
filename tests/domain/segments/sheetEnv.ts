// An emulated spreadsheet laid out as setup lays it out (Settings values A:C and lists from E, Clients by field),
// for tests that run generated formula text in the emulator and compare it with the TypeScript rule.
import { createWorkbook } from '../../../local/index';
import { CLIENT_FIELDS } from '../../../src/domain/fields';
import type { FormulaEnv } from '../../../src/domain/formulas';
import { defaultSettings, type SettingsData, VALUE_DEFS, validateSettings } from '../../../src/domain/settings';
import { settingsRefsOf } from '../../../src/sheets/renderEnv';
import { LIST_COLUMNS, listColumnValues, readRawSettings } from '../../../src/sheets/settingsTab';

export type Lang = 'ru' | 'en';
export type Card = Record<string, string | number>;

const zoneOf = (lang: Lang) => (lang === 'ru' ? 'Europe/Moscow' : 'America/New_York');

/** 'yyyy-mm-dd' or 'yyyy-mm-ddTHH:mm' as the Date a script writes for that wall time in the sheet's zone. */
function wallDate(text: string, lang: Lang): Date {
  const [day, time = '00:00'] = text.split('T');
  const guess = new Date(`${day}T${time}:00Z`);
  const shown = new Intl.DateTimeFormat('en-CA', {
    timeZone: zoneOf(lang),
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(guess);
  const asUtc = new Date(`${shown.replace(', ', 'T')}:00Z`);
  return new Date(guess.getTime() - (asUtc.getTime() - guess.getTime()));
}

export interface SheetEnv {
  wb: ReturnType<typeof createWorkbook>;
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  env: FormulaEnv & { lang: Lang; locale: string; today: string };
  settingsSheet: GoogleAppsScript.Spreadsheet.Sheet;
  clientsSheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** Writes cards into Clients from row 2 (dates as Dates, the rest as given). */
  writeCards(cards: Card[]): void;
  /** Writes a formula in a scratch tab's A1 and reads `rows` cells of column A (or a wider block). */
  evaluate(formula: string, rows: number, columns?: number): unknown[][];
  /** Settings as the add-on reads them from the tab now. */
  settingsNow(): SettingsData;
}

/** A spreadsheet with Settings (defaults, or changed by `edit`) and an empty Clients tab of every client field. */
export function sheetEnv(
  lang: Lang,
  opts: { today?: string; settings?: (s: SettingsData) => void; rows?: number } = {},
): SheetEnv {
  const locale = lang === 'ru' ? 'ru_RU' : 'en_US';
  const today = opts.today ?? '2026-03-15';
  const wb = createWorkbook({ locale, timeZone: zoneOf(lang), now: `${today}T09:00:00` });
  const ss = wb.model.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  const clientsSheet = ss.getSheets()[0];
  clientsSheet.setName(lang === 'ru' ? 'Клиенты' : 'Clients');
  const settingsSheet = ss.insertSheet(lang === 'ru' ? 'Настройки' : 'Settings');
  const defaults = defaultSettings(lang, locale);
  const wanted = structuredClone(defaults);
  opts.settings?.(wanted);
  settingsSheet
    .getRange(1, 1, VALUE_DEFS.length + 1, 3)
    .setValues([['Parameter', 'Value', 'Key'], ...VALUE_DEFS.map((d) => [d.label[lang], wanted.values[d.key], d.key])]);
  const lists = LIST_COLUMNS.map((key) => listColumnValues(wanted, key, lang));
  const height = Math.max(...lists.map((l) => l.length)) + 1;
  settingsSheet.insertColumnsAfter(settingsSheet.getMaxColumns(), 20);
  const grid = Array.from({ length: height }, (_, r) =>
    LIST_COLUMNS.map((key, c) => (r === 0 ? `${key}` : (lists[c][r - 1] ?? ''))),
  );
  settingsSheet.getRange(1, 5, height, LIST_COLUMNS.length).setValues(grid);
  LIST_COLUMNS.forEach((key, c) => {
    settingsSheet.getRange(1, 5 + c, settingsSheet.getMaxRows(), 1).addDeveloperMetadata('kartoteka.list', key);
  });
  const rows = opts.rows ?? 300;
  if (clientsSheet.getMaxRows() < rows + 1) clientsSheet.insertRowsAfter(clientsSheet.getMaxRows(), rows + 1);
  if (clientsSheet.getMaxColumns() < CLIENT_FIELDS.length)
    clientsSheet.insertColumnsAfter(clientsSheet.getMaxColumns(), CLIENT_FIELDS.length);
  clientsSheet.getRange(1, 1, 1, CLIENT_FIELDS.length).setValues([CLIENT_FIELDS.map((f) => f.header[lang])]);
  const columns = Object.fromEntries(CLIENT_FIELDS.map((f, i) => [f.key, i + 1]));
  const scratch = ss.insertSheet('Scratch');
  scratch.insertColumnsAfter(scratch.getMaxColumns(), 20);
  if (scratch.getMaxRows() < rows + 10) scratch.insertRowsAfter(scratch.getMaxRows(), rows + 10);
  const settingsNow = () =>
    validateSettings(readRawSettings(settingsSheet).raw, defaultSettings(lang, locale)).settings;
  const env = {
    lang,
    locale,
    today,
    settings: settingsNow(),
    defaults,
    settingsRefs: settingsRefsOf(settingsSheet.getName(), readRawSettings(settingsSheet)),
    sources: { clients: { sheetName: clientsSheet.getName(), columns } },
  };
  return {
    wb,
    ss,
    env,
    settingsSheet,
    clientsSheet,
    settingsNow,
    writeCards(cards) {
      const dateKeys = new Set(
        CLIENT_FIELDS.filter((f) => f.type === 'date' || f.type === 'datetime').map((f) => f.key),
      );
      const cells = cards.map((card) =>
        CLIENT_FIELDS.map((f) => {
          const v = card[f.key];
          if (v === undefined || v === '') return '';
          if (dateKeys.has(f.key) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return wallDate(v, lang);
          return v;
        }),
      );
      if (cells.length) clientsSheet.getRange(2, 1, cells.length, CLIENT_FIELDS.length).setValues(cells);
    },
    evaluate(formula, n, width = 1) {
      scratch.getRange(1, 1, scratch.getMaxRows(), width).clearContent();
      scratch.getRange(1, 1).setFormula(formula);
      return scratch.getRange(1, 1, n, width).getValues();
    },
  };
}
