// A .csv or .xlsx file uploaded to the playground becomes a tab of the workbook, as File → Import → "Insert new
// sheet" makes one in Google Sheets: a CSV read as typed input in the sheet's locale (dates and numbers recognised),
// an .xlsx's first sheet with its values as they are (dates stay dates, text stays text).
import { loadWorkbook } from '../index';
import { BridgeError } from './bridge';
import { type PlaygroundWorkbook, timeZoneOf } from './workbook';

/** What the page shows when a file cannot become a tab, in the sheet's language. */
export const UPLOAD_ERRORS = {
  kind: {
    ru: 'Загрузить можно файл .csv или .xlsx.',
    en: 'Only .csv and .xlsx files can be uploaded.',
  },
  unreadable: {
    ru: 'Файл не читается как книга Excel (.xlsx).',
    en: 'The file is not a readable .xlsx workbook.',
  },
};

/** A tab name from the file name, distinct from the workbook's tabs ("clients (2)"). */
export function uploadTabName(fileName: string, taken: readonly string[]): string {
  const base =
    fileName
      .replace(/\.[^.]*$/, '')
      .replace(/[[\]*?:/\\']/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 90) || 'Import';
  let name = base;
  for (let n = 2; taken.includes(name); n++) name = `${base} (${n})`;
  return name;
}

/** CSV bytes as text: UTF-8 (with or without a BOM), else Windows-1251 as Russian Excel saves it. */
export function csvText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/** The first sheet's values of an .xlsx file, read by the emulator in the playground's zone and locale. */
async function xlsxValues(wb: PlaygroundWorkbook, bytes: Buffer): Promise<unknown[][]> {
  const file = await loadWorkbook(bytes, { timeZone: timeZoneOf(wb), locale: wb.locale ?? 'ru_RU' });
  const first = file.sheetNames()[0];
  return first ? file.values(first) : [];
}

/** Creates a tab from the uploaded file; returns its name. */
export async function tabFromUpload(wb: PlaygroundWorkbook, fileName: string, base64: string): Promise<string> {
  const kind = /\.xlsx$/i.test(fileName) ? 'xlsx' : /\.csv$/i.test(fileName) ? 'csv' : '';
  const ru = (wb.locale ?? 'ru_RU').startsWith('ru');
  if (!kind) throw new BridgeError(400, ru ? UPLOAD_ERRORS.kind.ru : UPLOAD_ERRORS.kind.en);
  const bytes = Buffer.from(base64, 'base64');
  const name = uploadTabName(fileName, wb.sheetNames());
  if (kind === 'csv') {
    wb.loadCsv(name, csvText(bytes));
    return name;
  }
  let rows: unknown[][];
  try {
    rows = await xlsxValues(wb, bytes);
  } catch {
    throw new BridgeError(400, ru ? UPLOAD_ERRORS.unreadable.ru : UPLOAD_ERRORS.unreadable.en);
  }
  wb.loadCsv(name, '');
  if (!rows.length) return name;
  const width = Math.max(...rows.map((r) => r.length));
  // Text is written as text (never read again as a number, date or formula), the rest as the file holds it.
  const cells = rows.map((r) =>
    Array.from({ length: width }, (_, i) => (typeof r[i] === 'string' && r[i] !== '' ? `'${r[i]}` : (r[i] ?? ''))),
  );
  const sheet = wb.model.spreadsheet.getSheetByName(name)!;
  if (sheet.getMaxRows() < cells.length) sheet.insertRowsAfter(sheet.getMaxRows(), cells.length - sheet.getMaxRows());
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  sheet.getRange(1, 1, cells.length, width).setValues(cells);
  return name;
}
