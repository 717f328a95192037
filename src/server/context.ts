// One execution's view of the database: spreadsheet, language, time zone, today, user and validated settings.
import { defaultSettings, type SettingsData, type SettingsProblem } from '../domain/settings';
import type { ValidationEnv } from '../domain/validate';
import { type Lang, langFromLocale, t } from '../i18n';
import { cacheGet, cachePut, userEmail, wallClock } from '../services/env';
import { loadSettings } from '../sheets/settingsTab';

export interface Ctx extends ValidationEnv {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  now: string;
  user: string;
  problems: SettingsProblem[];
}

/** An error whose messages are already localized, keyed by field ('_' for the whole request). */
export class UserError extends Error {
  constructor(
    public errors: Record<string, string>,
    public retryable = false,
  ) {
    super(Object.values(errors).join('; '));
    this.name = 'UserError';
  }
}

const ENV_CACHE = 'env';

/** Time zone and locale change rarely and cost two calls each time: cached for ten minutes. */
function sheetEnv(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, fresh: boolean): { tz: string; locale: string } {
  if (!fresh) {
    const cached = cacheGet<{ tz: string; locale: string }>(ENV_CACHE);
    if (cached?.tz && cached.locale) return cached;
  }
  const env = { tz: ss.getSpreadsheetTimeZone(), locale: ss.getSpreadsheetLocale() };
  cachePut(ENV_CACHE, env, 600);
  return env;
}

export function openContext(opts: { fresh?: boolean } = {}): Ctx {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { tz, locale } = sheetEnv(ss, Boolean(opts.fresh));
  const lang: Lang = langFromLocale(locale);
  const clock = wallClock(tz);
  const defaults: SettingsData = defaultSettings(lang, locale);
  const { settings, problems } = loadSettings(ss, defaults, { fresh: opts.fresh });
  return {
    ss,
    lang,
    timeZone: tz,
    locale,
    today: clock.today,
    now: clock.now,
    user: userEmail(),
    settings,
    problems,
  };
}

export function problemText(ctx: Ctx, p: SettingsProblem): string {
  return t(ctx.lang, p.code as 'settings.valueInvalid', { path: p.path, value: p.value ?? '' });
}
