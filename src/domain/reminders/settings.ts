// Reminder settings as data: defaults, strict validation of a saved object or a partial patch (unknown keys are
// errors, nothing changes on error), and a lenient read of what was stored earlier.
import type { Lang } from '../../i18n';
import { normalizeEmail } from '../normalize/email';
import { cleanText } from '../normalize/text';
import type { Feb29Policy } from './dates';
import { type ReminderMessageKey, reminderMessage } from './messages';

/** Rules that may write to clients themselves; the others only appear in the team digest. */
export type ClientRule = 'birthday' | 'appointment' | 'renewal';
export const CLIENT_RULES: readonly ClientRule[] = ['birthday', 'appointment', 'renewal'];

export interface ReminderSettings {
  enabled: boolean;
  /** Hour of the morning run in the spreadsheet's time zone (0–23). */
  hour: number;
  /** Who gets the team digest (normalised addresses). */
  recipients: string[];
  /** The digest lists birthdays from today up to this many days ahead. */
  birthdayDaysAhead: number;
  /** The digest lists subscriptions and contracts ending from today up to this many days ahead. */
  renewalDaysAhead: number;
  /** Rules whose letters go to clients (those with consent). */
  clientRules: ClientRule[];
  /** Where a 29 February birthday is greeted in common years. */
  feb29: Feb29Policy;
  /** The renewal offer goes this many days before the end date. */
  renewalOfferDaysBefore: number;
  /** A birthday greeting that could not go on the day may still go this many days later; then it is dropped. */
  maxGreetingDelayDays: number;
  /** Mail quota kept for the digest (at least the number of its recipients is always kept). */
  digestQuotaReserve: number;
  /** The name letters are signed with and sent from ('' → a neutral sign-off). */
  senderName: string;
}

export const DEFAULT_REMINDER_SETTINGS: Readonly<ReminderSettings> = Object.freeze({
  enabled: false,
  hour: 9,
  recipients: [],
  birthdayDaysAhead: 7,
  renewalDaysAhead: 14,
  clientRules: [...CLIENT_RULES],
  feb29: 'feb28',
  renewalOfferDaysBefore: 1,
  maxGreetingDelayDays: 2,
  digestQuotaReserve: 1,
  senderName: '',
});

export const MAX_RECIPIENTS = 50;
const MAX_SENDER_NAME = 100;

type Key = keyof ReminderSettings;
const INT_RANGES: Partial<Record<Key, [number, number]>> = {
  hour: [0, 23],
  birthdayDaysAhead: [0, 60],
  renewalDaysAhead: [0, 90],
  renewalOfferDaysBefore: [0, 60],
  maxGreetingDelayDays: [0, 14],
  digestQuotaReserve: [1, 50],
};
const KEYS = Object.keys(DEFAULT_REMINDER_SETTINGS) as Key[];

export interface SettingsError {
  /** The setting concerned ('' for the object as a whole). */
  key: string;
  code: ReminderMessageKey;
  message: string;
}

export type SettingsResult = { ok: true; value: ReminderSettings } | { ok: false; errors: SettingsError[] };

function error(lang: Lang, key: string, code: ReminderMessageKey, params: Record<string, string | number> = {}) {
  return { key, code, message: reminderMessage(lang, code, { key, ...params }) };
}

function readInt(input: unknown): number | undefined {
  const n = typeof input === 'number' ? input : typeof input === 'string' && input.trim() ? Number(input) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** One value for key, checked; returns the clean value or the error. */
function checkValue(key: Key, input: unknown, lang: Lang): { value: unknown } | { error: SettingsError } {
  const range = INT_RANGES[key];
  if (range) {
    const n = readInt(input);
    if (n === undefined || n < range[0] || n > range[1])
      return { error: error(lang, key, 'settings.outOfRange', { min: range[0], max: range[1] }) };
    return { value: n };
  }
  switch (key) {
    case 'enabled':
      return typeof input === 'boolean' ? { value: input } : { error: error(lang, key, 'settings.notBoolean') };
    case 'feb29':
      return input === 'feb28' || input === 'mar1' ? { value: input } : { error: error(lang, key, 'settings.feb29') };
    case 'senderName': {
      if (typeof input !== 'string') return { error: error(lang, key, 'settings.notText') };
      const name = cleanText(input).replace(/\s+/g, ' ');
      return name.length > MAX_SENDER_NAME
        ? { error: error(lang, key, 'settings.tooLong', { max: MAX_SENDER_NAME }) }
        : { value: name };
    }
    case 'recipients':
      return readRecipients(input, lang);
    case 'clientRules': {
      if (!Array.isArray(input)) return { error: error(lang, key, 'settings.notList') };
      const rules: ClientRule[] = [];
      for (const item of input) {
        if (!CLIENT_RULES.includes(item as ClientRule))
          return { error: error(lang, key, 'settings.unknownRule', { value: String(item) }) };
        if (!rules.includes(item as ClientRule)) rules.push(item as ClientRule);
      }
      return { value: CLIENT_RULES.filter((r) => rules.includes(r)) };
    }
    default:
      return { error: error(lang, key, 'settings.unknownKey') };
  }
}

/** Addresses as a list or as one text separated by commas, semicolons or line breaks; repeats dropped. */
function readRecipients(input: unknown, lang: Lang): { value: string[] } | { error: SettingsError } {
  const items = typeof input === 'string' ? input.split(/[,;\n]+/) : Array.isArray(input) ? input : undefined;
  if (!items) return { error: error(lang, 'recipients', 'settings.notList') };
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string')
      return { error: error(lang, 'recipients', 'settings.badEmail', { value: String(item) }) };
    if (item.trim() === '') continue;
    const email = normalizeEmail(item);
    if (!email.ok) return { error: error(lang, 'recipients', 'settings.badEmail', { value: item.trim() }) };
    if (!out.includes(email.value)) out.push(email.value);
  }
  if (out.length > MAX_RECIPIENTS)
    return { error: error(lang, 'recipients', 'settings.tooManyRecipients', { max: MAX_RECIPIENTS }) };
  return { value: out };
}

/** Checks that apply to the whole object: switched on, it must have someone to write to. */
function checkWhole(s: ReminderSettings, lang: Lang): SettingsError[] {
  if (s.enabled && s.recipients.length === 0 && s.clientRules.length === 0)
    return [error(lang, '', 'settings.nothingToSend')];
  return [];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Applies a partial object to current settings. Every unknown key and every bad value is reported (all of them,
 * not just the first); on any error the result carries only the errors and current is left as it was.
 */
export function patchReminderSettings(current: ReminderSettings, patch: unknown, lang: Lang): SettingsResult {
  if (!isPlainObject(patch)) return { ok: false, errors: [error(lang, '', 'settings.notObject')] };
  const errors: SettingsError[] = [];
  const next: Record<string, unknown> = { ...current, recipients: [...current.recipients] };
  next.clientRules = [...current.clientRules];
  for (const [key, input] of Object.entries(patch)) {
    if (!KEYS.includes(key as Key)) {
      errors.push(error(lang, key, 'settings.unknownKey'));
      continue;
    }
    const checked = checkValue(key as Key, input, lang);
    if ('error' in checked) errors.push(checked.error);
    else next[key] = checked.value;
  }
  if (errors.length) return { ok: false, errors };
  const whole = checkWhole(next as unknown as ReminderSettings, lang);
  return whole.length ? { ok: false, errors: whole } : { ok: true, value: next as unknown as ReminderSettings };
}

/** A complete settings object checked as strictly as a patch: every key must be known and valid. */
export function validateReminderSettings(input: unknown, lang: Lang): SettingsResult {
  return patchReminderSettings(defaultReminderSettings(), input, lang);
}

/** A fresh copy of the defaults (callers may change it freely). */
export function defaultReminderSettings(): ReminderSettings {
  return { ...DEFAULT_REMINDER_SETTINGS, recipients: [], clientRules: [...CLIENT_RULES] };
}

/**
 * Settings stored earlier (JSON from document properties), read leniently: a missing key takes its default, a
 * broken or unknown one is reported and skipped, so one bad value never stops the morning run.
 */
export function readStoredReminderSettings(
  stored: unknown,
  lang: Lang,
): { settings: ReminderSettings; problems: SettingsError[] } {
  const settings = defaultReminderSettings();
  const problems: SettingsError[] = [];
  if (stored === undefined || stored === null) return { settings, problems };
  if (!isPlainObject(stored)) return { settings, problems: [error(lang, '', 'settings.notObject')] };
  for (const [key, input] of Object.entries(stored)) {
    if (!KEYS.includes(key as Key)) {
      problems.push(error(lang, key, 'settings.unknownKey'));
      continue;
    }
    const checked = checkValue(key as Key, input, lang);
    if ('error' in checked) problems.push(checked.error);
    else (settings as unknown as Record<string, unknown>)[key] = checked.value;
  }
  return { settings, problems };
}

/** Mail quota the digest needs: the setting, but never fewer than its recipients (each one counts). */
export function digestQuotaNeed(settings: ReminderSettings): number {
  return settings.recipients.length === 0 ? 0 : Math.max(settings.digestQuotaReserve, settings.recipients.length);
}
