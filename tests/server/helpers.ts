// Shared set-up for tests that run the built add-on (dist/Code.js) in the local runtime.
import path from 'node:path';
import { createWorkbook } from '../../local/index';

export const CODE = path.join(__dirname, '../../dist/Code.js');

export type Lang = 'ru' | 'en';

export function openWorkbook(lang: Lang = 'ru', opts: Record<string, unknown> = {}) {
  const wb = createWorkbook({
    timeZone: lang === 'ru' ? 'Europe/Moscow' : 'America/New_York',
    locale: lang === 'ru' ? 'ru_RU' : 'en_US',
    now: '2026-03-15T09:00:00',
    user: 'anna@clinic.test',
    scriptTimeZone: lang === 'ru' ? 'Europe/Moscow' : 'America/New_York',
    mailQuota: 100,
    ...opts,
  });
  const addon = wb.loadAddon(CODE);
  return { wb, addon };
}

/** A workbook with the database set up, as a user would have it after the first menu click. */
export function setUpWorkbook(lang: Lang = 'ru', opts: Record<string, unknown> = {}) {
  const { wb, addon } = openWorkbook(lang, opts);
  const result = addon.call('setupDatabase') as { ok: boolean };
  if (!result.ok) throw new Error(`setup failed: ${JSON.stringify(result)}`);
  return { wb, addon };
}

export { dropFormulaTabs } from './formulaTabs';

export const TAB = {
  ru: { clients: 'Клиенты', journal: 'Журнал', settings: 'Настройки' },
  en: { clients: 'Clients', journal: 'Journal', settings: 'Settings' },
};

/** Column index (0-based) of a header in a tab's first row. */
export function col(values: unknown[][], header: string): number {
  const i = values[0].indexOf(header);
  if (i < 0) throw new Error(`no column "${header}" in ${JSON.stringify(values[0])}`);
  return i;
}

/** The row of a tab whose column `header` equals `value`, as header → value. */
export function rowWhere(values: unknown[][], header: string, value: unknown): Record<string, unknown> | undefined {
  const c = col(values, header);
  const row = values.slice(1).find((r) => r[c] === value);
  if (!row) return undefined;
  return Object.fromEntries(values[0].map((h, i) => [String(h), row[i]]));
}

/** Spreadsheet-service calls (SpreadsheetApp, Spreadsheet, Sheet, Range…) counted since the last reset. */
export function spreadsheetCalls(calls: Record<string, number>): number {
  const families =
    /^(SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList|DeveloperMetadata\w*|DataValidation\w*|Protection|NamedRange|TextFinder)\./;
  return Object.entries(calls)
    .filter(([name]) => families.test(name))
    .reduce((sum, [, n]) => sum + n, 0);
}
