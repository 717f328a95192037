// One execution's view of the database: spreadsheet, language, time zone, today, user and validated settings.
import { defaultSettings, type SettingsData, type SettingsProblem } from '../domain/settings';
import type { ValidationEnv } from '../domain/validate';
import { type Lang, langFromLocale, t } from '../i18n';
import { userEmail, wallClock } from '../services/env';
import { type LoadedSettings, loadSettings } from '../sheets/settingsTab';
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

export interface ContextOptions {
  fresh?: boolean;
  /** Settings are read on first use (a run that may never need them does not pay for reading the tab). */
  lazySettings?: boolean;
}

export function openContext(opts: ContextOptions = {}): Ctx {
  const ss = activeSpreadsheet();
  const { tz, locale } = spreadsheetEnv(ss, Boolean(opts.fresh));
  const lang: Lang = langFromLocale(locale);
  const clock = wallClock(tz);
  const defaults: SettingsData = defaultSettings(lang, locale);
  let loaded: LoadedSettings | undefined;
  const load = () => {
    loaded ??= loadSettings(ss, defaults, { fresh: opts.fresh });
    return loaded;
  };
  const base = { ss, lang, timeZone: tz, locale, today: clock.today, now: clock.now, user: userEmail() };
  if (!opts.lazySettings) return { ...base, ...load() };
  return Object.defineProperties(base, {
    settings: { get: () => load().settings, enumerable: true },
    problems: { get: () => load().problems, enumerable: true },
  }) as Ctx;
}

export function problemText(ctx: Ctx, p: SettingsProblem): string {
  return t(ctx.lang, p.code as 'settings.valueInvalid', { path: p.path, value: p.value ?? '' });
}
