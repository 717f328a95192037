// Validates and normalises API payloads (client fields, contacts) with one schema shared by server and sidebars.
import * as v from 'valibot';
import { type Lang, t } from '../i18n';
import { CLIENT_INPUT_FIELDS, type FieldDef, JOURNAL_FIELDS } from './fields';
import { parseAmount } from './normalize/amount';
import { parseDateInput } from './normalize/date';
import { dateExample } from './normalize/dateOrder';
import { normalizeEmail } from './normalize/email';
import { normalizeMessage, phoneMessage } from './normalize/messages';
import { normalizeName } from './normalize/name';
import { type CountryCode, normalizePhone, storedPhone } from './normalize/phone';
import type { NormalizeCode } from './normalize/result';
import { cleanText } from './normalize/text';
import { type ContactKind, kindOfContactType, type SettingsData } from './settings';
import { trustText } from './trustMessages';

const text = v.optional(v.union([v.string(), v.number(), v.null()]));

/** Shape of a client payload: strings (numbers tolerated) per field, optional allowDuplicate. */
export const ClientPayloadSchema = v.object({
  ...Object.fromEntries(CLIENT_INPUT_FIELDS.map((f) => [f.key, text])),
  allowDuplicate: v.optional(v.boolean()),
  ifUnchanged: v.optional(v.record(v.string(), text)),
} as unknown as Record<string, typeof text>);

export const ContactPayloadSchema = v.object({
  clientId: v.string(),
  type: v.string(),
  summary: text,
  item: text,
  amount: text,
  source: text,
  nextStep: text,
  nextStepOn: text,
  at: text,
});

export interface ValidationEnv {
  lang: Lang;
  settings: SettingsData;
  timeZone: string;
  locale: string;
  today: string;
}

export type Errors = Record<string, string>;

/**
 * Sets an error as an own property even for keys like "__proto__" (a plain assignment would change the object's
 * prototype and the error would vanish from the answer).
 */
export function setError(errors: Errors, key: string, message: string): void {
  Object.defineProperty(errors, key, { value: message, enumerable: true, writable: true, configurable: true });
}

/** Longest text each kind of field takes; a longer one is an error, never silently cut. */
export const TEXT_LIMITS = { longtext: 50000, text: 2000, choice: 500 } as const;

/**
 * Plausible dates per field: nothing before 1900 anywhere; a birth date, a first contact, a consent… cannot be in
 * the future; appointments, steps and subscriptions may be, up to 50 years ahead.
 */
const PAST_DATES = new Set([
  'birthDate',
  'firstContactOn',
  'visitOn',
  'firstPurchaseOn',
  'congratulatedOn',
  'emailConsentOn',
  'unsubscribedOn',
  'createdOn',
]);
const MIN_DATE = '1900-01-01';
const FUTURE_YEARS = 50;

function dateLimitError(key: string, iso: string, today: string): 'date.future' | 'date.tooEarly' | undefined {
  const day = iso.slice(0, 10);
  if (day < MIN_DATE) return 'date.tooEarly';
  if (PAST_DATES.has(key) && day > today) return 'date.future';
  const latest = `${Number(today.slice(0, 4)) + FUTURE_YEARS}${today.slice(4, 10)}`;
  if (day > latest) return 'date.future';
  return undefined;
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** An instant as wall time 'yyyy-mm-ddTHH:mm' in the sheet's zone. */
function wallTimeIn(instant: Date, timeZone: string): string {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wallFormatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(instant)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

// '2026-03-15T10:00Z', '2026-03-15 10:00:00+03:00', '2026-03-15T10:00:00.000Z': a date and time with seconds or a zone.
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const label = (field: FieldDef, lang: Lang) => field.header[lang];

/** Wrong types become field errors rather than one opaque failure (unknown keys are caught before). */
function shapeErrors(issues: v.BaseIssue<unknown>[], lang: Lang, fields: FieldDef[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const key = issue.path?.map((p) => String((p as { key: unknown }).key)).join('.') || '_';
    const field = fields.find((f) => f.key === key);
    setError(errors, key, t(lang, 'input.wrongType', { field: field ? label(field, lang) : key }));
  }
  return errors;
}

/** Fields the funnel and mailings count by: only values from their Settings list. Others also take new values. */
const STRICT_LISTS = new Set(['stage', 'type', 'source', 'lostReason', 'preferredChannel', 'paymentStatus']);

/** Every key that is not a field gets its own error (the schema alone stops at the first). */
function unknownKeys(payload: unknown, allowed: string[], lang: Lang): Errors | undefined {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const errors: Errors = {};
  for (const key of Object.keys(payload)) {
    if (!allowed.includes(key)) setError(errors, key, t(lang, 'input.unknownField', { field: key }));
  }
  return Object.keys(errors).length ? errors : undefined;
}

function listMatch(list: string[], value: string): string | undefined {
  const wanted = value.trim().toLowerCase();
  return list.find((item) => item.toLowerCase() === wanted);
}

function choiceList(field: FieldDef, settings: SettingsData): string[] | undefined {
  switch (field.list) {
    case 'stages':
      return settings.lists.stages.map((s) => s.label);
    case 'contactTypes':
      return settings.lists.contactTypes.map((c) => c.label);
    case 'frequencies':
    case undefined:
      return undefined;
    default:
      return settings.lists[field.list];
  }
}

/** One field's value, normalised; a string error message when it is not acceptable. */
export function normalizeField(
  field: FieldDef,
  raw: unknown,
  env: ValidationEnv,
): { ok: true; value: string | number } | { ok: false; error: string } {
  const { lang } = env;
  const name = label(field, lang);
  const input = raw === null || raw === undefined ? '' : raw;
  if (typeof input !== 'string' && typeof input !== 'number') {
    // An array or an object where text is expected: refused, never turned into "[object Object]".
    return { ok: false, error: t(lang, 'input.wrongType', { field: name }) };
  }
  if (typeof input === 'string' && input.trim() === '' && field.required) {
    return { ok: false, error: t(lang, 'input.required', { field: name }) };
  }
  switch (field.type) {
    case 'phone': {
      const r = normalizePhone(input, env.settings.values.phoneRegion as CountryCode);
      if (!r.ok) return { ok: false, error: phoneMessage(lang, r, name) };
      return { ok: true, value: storedPhone(r) };
    }
    case 'email': {
      const r = normalizeEmail(input);
      return r.ok ? { ok: true, value: r.value } : { ok: false, error: normalizeMessage(lang, r.code, name) };
    }
    case 'date':
    case 'datetime': {
      const s = String(input).trim();
      if (!s) return { ok: true, value: '' };
      // The example in a date error fits the field: a birth date's is a plausible birth date, in the sheet's order.
      const example = { example: dateExample(field.key, env.locale, env.today) };
      const dateError = (code: NormalizeCode) => ({
        ok: false as const,
        error: normalizeMessage(lang, code, name, example),
      });
      const limited = (value: string): { ok: true; value: string } | { ok: false; error: string } => {
        const code = value ? dateLimitError(field.key, value, env.today) : undefined;
        return code ? dateError(code) : { ok: true, value };
      };
      const iso = field.type === 'datetime' ? ISO_TIME.exec(s) : null;
      if (iso) {
        const [, day, h, m, sec, zone] = iso;
        if (Number(h) > 23 || Number(m) > 59 || Number(sec ?? 0) > 59)
          return { ok: false, error: t(lang, 'input.time', { field: name }) };
        const checked = parseDateInput(day, { timeZone: env.timeZone, locale: env.locale, today: env.today });
        if (!checked.ok) return dateError(checked.code);
        if (!zone) return limited(`${checked.value}T${h.padStart(2, '0')}:${m}`);
        // An instant with its zone: the wall time it was in the sheet's zone, time kept.
        const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
        const instant = new Date(`${day}T${h.padStart(2, '0')}:${m}:${sec ?? '00'}${offset}`);
        if (Number.isNaN(instant.getTime())) return dateError('date.invalid');
        return limited(wallTimeIn(instant, env.timeZone));
      }
      const time = field.type === 'datetime' ? /[T\s](\d{1,2}):(\d{2})$/.exec(s) : null;
      const datePart = time ? s.slice(0, time.index) : s;
      const r = parseDateInput(datePart, { timeZone: env.timeZone, locale: env.locale, today: env.today });
      if (!r.ok) return dateError(r.code);
      if (!time) return limited(field.type === 'datetime' && r.value ? `${r.value}T00:00` : r.value);
      const hh = Number(time[1]);
      const mm = Number(time[2]);
      if (hh > 23 || mm > 59) return { ok: false, error: t(lang, 'input.time', { field: name }) };
      return limited(`${r.value}T${String(hh).padStart(2, '0')}:${time[2]}`);
    }
    case 'amount':
    case 'count': {
      if (String(input).trim() === '') return { ok: true, value: '' };
      const r = parseAmount(input);
      if (!r.ok) return { ok: false, error: normalizeMessage(lang, r.code, name) };
      return { ok: true, value: r.value ?? '' };
    }
    case 'choice': {
      const s = cleanText(input, Number.POSITIVE_INFINITY, { singleLine: true });
      if (s.length > TEXT_LIMITS.choice) return tooLong(lang, name, s, TEXT_LIMITS.choice);
      if (!s) return { ok: true, value: '' };
      const list = choiceList(field, env.settings);
      if (!list) return { ok: true, value: s };
      const match = listMatch(list, s);
      if (match) return { ok: true, value: match };
      if (!STRICT_LISTS.has(field.key)) return { ok: true, value: s };
      return {
        ok: false,
        error: t(lang, 'input.notInList', { field: name, value: s, options: list.slice(0, 8).join(', ') }),
      };
    }
    default: {
      if (field.key === 'fullName' || field.key === 'clientName') {
        const r = normalizeName(input);
        return r.ok ? { ok: true, value: r.value } : { ok: false, error: normalizeMessage(lang, r.code, name) };
      }
      const long = field.type === 'longtext';
      const max = long ? TEXT_LIMITS.longtext : TEXT_LIMITS.text;
      const s = cleanText(input, Number.POSITIVE_INFINITY, { singleLine: !long });
      return s.length > max ? tooLong(lang, name, s, max) : { ok: true, value: s };
    }
  }
}

function tooLong(lang: Lang, field: string, s: string, max: number): { ok: false; error: string } {
  const fmt = (n: number) => n.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-US');
  return { ok: false, error: normalizeMessage(lang, 'text.tooLong', field, { max: fmt(max), length: fmt(s.length) }) };
}

export type ClientValues = Record<string, string | number>;

/**
 * A client payload checked and normalised. `partial` (updateClient) validates only the keys given; otherwise
 * fullName is required. Returns field → localized message on any error.
 */
export function validateClient(
  payload: unknown,
  env: ValidationEnv,
  opts: { partial: boolean },
):
  | { ok: true; values: ClientValues; allowDuplicate: boolean; ifUnchanged?: ClientValues }
  | { ok: false; errors: Errors } {
  const unknown = unknownKeys(
    payload,
    [...CLIENT_INPUT_FIELDS.map((f) => f.key), 'allowDuplicate', ...(opts.partial ? ['ifUnchanged'] : [])],
    env.lang,
  );
  if (unknown) return { ok: false, errors: unknown };
  const shape = v.safeParse(ClientPayloadSchema, payload ?? {});
  if (!shape.success) return { ok: false, errors: shapeErrors(shape.issues, env.lang, CLIENT_INPUT_FIELDS) };
  const input = shape.output as Record<string, unknown>;
  const values: ClientValues = {};
  const errors: Errors = {};
  for (const field of CLIENT_INPUT_FIELDS) {
    if (!Object.hasOwn(input, field.key)) {
      if (!opts.partial && field.required)
        errors[field.key] = t(env.lang, 'input.required', { field: label(field, env.lang) });
      continue;
    }
    const r = normalizeField(field, input[field.key], env);
    if (r.ok) values[field.key] = r.value;
    else errors[field.key] = r.error;
  }
  // The values the form started from: the card is saved only if it still holds them (a merge or a teammate may have
  // changed it meanwhile). Compared as stored, so each is normalised like the field itself.
  let ifUnchanged: ClientValues | undefined;
  const base = input.ifUnchanged as Record<string, unknown> | undefined;
  if (base) {
    ifUnchanged = {};
    for (const key of Object.keys(base)) {
      const field = CLIENT_INPUT_FIELDS.find((f) => f.key === key);
      if (!field) {
        setError(errors, `ifUnchanged.${key}`, t(env.lang, 'input.unknownField', { field: key }));
        continue;
      }
      const r = normalizeField({ ...field, required: false }, base[key], env);
      if (r.ok) ifUnchanged[key] = r.value;
      else ifUnchanged[key] = String(base[key] ?? '');
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, values, allowDuplicate: input.allowDuplicate === true, ...(ifUnchanged ? { ifUnchanged } : {}) };
}

export interface ContactValues {
  clientId: string;
  type: string;
  kind: ContactKind;
  summary: string;
  item: string;
  amount: number | '';
  source: string;
  nextStep: string;
  nextStepOn: string;
  at: string;
}

export const CLIENT_ID_PATTERN = /^C-\d{6,}$/;

/** A contact payload checked and normalised; `at` defaults to now (wall time in the sheet's zone). */
export function validateContact(
  payload: unknown,
  env: ValidationEnv & { now: string },
): { ok: true; values: ContactValues } | { ok: false; errors: Errors } {
  const unknown = unknownKeys(
    payload,
    ['clientId', 'type', 'summary', 'item', 'amount', 'source', 'nextStep', 'nextStepOn', 'at'],
    env.lang,
  );
  if (unknown) return { ok: false, errors: unknown };
  const shape = v.safeParse(ContactPayloadSchema, payload ?? {});
  if (!shape.success) return { ok: false, errors: shapeErrors(shape.issues, env.lang, JOURNAL_FIELDS) };
  const input = shape.output;
  const errors: Errors = {};
  const field = (key: string) => JOURNAL_FIELDS.find((f) => f.key === key)!;
  const clientId = input.clientId.trim().toUpperCase();
  if (input.type.length > TEXT_LIMITS.choice)
    return {
      ok: false,
      errors: { type: tooLong(env.lang, label(field('type'), env.lang), input.type, TEXT_LIMITS.choice).error },
    };
  if (!CLIENT_ID_PATTERN.test(clientId)) errors.clientId = t(env.lang, 'input.clientId');
  const typeLabel = cleanText(input.type, 200);
  const typeMatch =
    env.settings.lists.contactTypes.find((c) => c.label.toLowerCase() === typeLabel.toLowerCase()) ??
    env.settings.lists.contactTypes.find((c) => c.kind === kindOfContactType(env.settings, typeLabel));
  if (!typeMatch) {
    errors.type = t(env.lang, 'input.notInList', {
      field: label(field('type'), env.lang),
      value: typeLabel,
      options: env.settings.lists.contactTypes.map((c) => c.label).join(', '),
    });
  }
  const out: Record<string, string | number> = {};
  for (const key of ['summary', 'item', 'amount', 'source', 'nextStep', 'nextStepOn', 'at'] as const) {
    // `at` may be left out: the contact happened now.
    const def = key === 'at' ? { ...field(key), required: false } : field(key);
    const r = normalizeField(def, input[key], env);
    if (r.ok) out[key] = r.value;
    else errors[key] = r.error;
  }
  if (out.at && String(out.at) > `${env.today}T23:59`)
    errors.at = t(env.lang, 'input.future', { field: label(field('at'), env.lang) });
  // A purchase needs its amount: an empty one would count as a purchase of nothing and make the person a client.
  if (typeMatch?.kind === 'purchase' && out.amount === '' && !errors.amount)
    errors.amount = trustText(env.lang, 'purchase.amountRequired', { field: label(field('amount'), env.lang) });
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    values: {
      clientId,
      type: typeMatch!.label,
      kind: typeMatch!.kind,
      summary: String(out.summary ?? ''),
      item: String(out.item ?? ''),
      amount: out.amount === '' || out.amount === undefined ? '' : Number(out.amount),
      source: String(out.source ?? ''),
      nextStep: String(out.nextStep ?? ''),
      nextStepOn: String(out.nextStepOn ?? ''),
      at: out.at ? String(out.at) : env.now,
    },
  };
}

/** Most items a Settings list holds, and the longest item. */
export const LIST_LIMITS = { items: 500, itemLength: 200 } as const;

/**
 * The lists of a Settings change, checked before anything is written: each a list, at most LIST_LIMITS.items long,
 * each item text (or, for stages and contact types, an object whose label is text) no longer than itemLength.
 */
export function validateSettingsLists(lists: Record<string, unknown>, lang: Lang): Errors {
  const errors: Errors = {};
  for (const key of Object.keys(lists)) {
    const items = lists[key];
    if (!Array.isArray(items)) continue;
    if (items.length > LIST_LIMITS.items) {
      setError(
        errors,
        key,
        trustText(lang, 'settings.listTooLong', { field: key, max: LIST_LIMITS.items, count: items.length }),
      );
      continue;
    }
    items.some((item, i) => {
      const text =
        key === 'stages' || key === 'contactTypes'
          ? item && typeof item === 'object' && !Array.isArray(item)
            ? (item as { label?: unknown }).label
            : undefined
          : item;
      if (typeof text !== 'string' && typeof text !== 'number') {
        setError(errors, key, trustText(lang, 'settings.itemNotText', { field: key, n: i + 1 }));
        return true;
      }
      if (String(text).length > LIST_LIMITS.itemLength) {
        setError(
          errors,
          key,
          trustText(lang, 'settings.itemTooLong', { field: key, n: i + 1, max: LIST_LIMITS.itemLength }),
        );
        return true;
      }
      return false;
    });
  }
  return errors;
}
