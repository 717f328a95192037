// One execution's view of the database: spreadsheet, language, time zone, today, user and validated settings.
import { defaultSettings, type SettingsData, type SettingsProblem } from '../domain/settings';
import type { ValidationEnv } from '../domain/validate';
import { type Lang, langFromLocale, t } from '../i18n';
import { userEmail, wallClock } from '../services/env';
import { loadSettings } from '../sheets/settingsTab';
import { activeSpreadsheet, spreadsheetEnv } from '../sheets/spreadsheet';

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

export function openContext(opts: { fresh?: boolean } = {}): Ctx {
  const ss = activeSpreadsheet();
  const { tz, locale } = spreadsheetEnv(ss, Boolean(opts.fresh));
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
