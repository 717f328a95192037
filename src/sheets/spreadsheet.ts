// The spreadsheet itself: the active one, and its time zone and locale (cached: they change rarely, cost two calls).
import { cacheGet, cachePut } from '../services/env';

const ENV_CACHE = 'env';

export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** The sheet's time zone and locale, from the cache (ten minutes) unless `fresh`. */
export function spreadsheetEnv(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  fresh: boolean,
): { tz: string; locale: string } {
  if (!fresh) {
    const cached = cacheGet<{ tz: string; locale: string }>(ENV_CACHE);
    if (cached?.tz && cached.locale) return cached;
  }
  const env = { tz: ss.getSpreadsheetTimeZone(), locale: ss.getSpreadsheetLocale() };
  cachePut(ENV_CACHE, env, 600);
  return env;
}
