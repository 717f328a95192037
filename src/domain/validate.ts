// Validates and normalises API payloads (client fields, contacts) with one schema shared by server and sidebars.
import * as v from 'valibot';
import { type Lang, t } from '../i18n';
import { CLIENT_INPUT_FIELDS, type FieldDef, JOURNAL_FIELDS } from './fields';
import { parseAmount } from './normalize/amount';
import { parseDateInput } from './normalize/date';
import { normalizeEmail } from './normalize/email';
import { normalizeMessage } from './normalize/messages';
import { normalizeName } from './normalize/name';
import { type CountryCode, normalizePhone } from './normalize/phone';
import { cleanText } from './normalize/text';
import { type ContactKind, kindOfContactType, type SettingsData } from './settings';

const text = v.optional(v.union([v.string(), v.number(), v.null()]));

/** Shape of a client payload: strings (numbers tolerated) per field, optional allowDuplicate. */
export const ClientPayloadSchema = v.object({
  ...Object.fromEntries(CLIENT_INPUT_FIELDS.map((f) => [f.key, text])),
  allowDuplicate: v.optional(v.boolean()),
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

const label = (field: FieldDef, lang: Lang) => field.header[lang];

/** Wrong types become field errors rather than one opaque failure (unknown keys are caught before). */
function shapeErrors(issues: v.BaseIssue<unknown>[], lang: Lang, fields: FieldDef[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const key = issue.path?.map((p) => String((p as { key: unknown }).key)).join('.') || '_';
    const field = fields.find((f) => f.key === key);
    errors[key] = t(lang, 'input.wrongType', { field: field ? label(field, lang) : key });
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
    if (!allowed.includes(key)) errors[key] = t(lang, 'input.unknownField', { field: key });
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
  if (typeof input === 'string' && input.trim() === '' && field.required) {
    return { ok: false, error: t(lang, 'input.required', { field: name }) };
  }
  switch (field.type) {
    case 'phone': {
      const r = normalizePhone(input, env.settings.values.phoneRegion as CountryCode);
      if (!r.ok) return { ok: false, error: normalizeMessage(lang, r.code, name) };
      return { ok: true, value: r.ext ? `${r.e164} ext. ${r.ext}` : r.e164 };
    }
    case 'email': {
      const r = normalizeEmail(input);
      return r.ok ? { ok: true, value: r.value } : { ok: false, error: normalizeMessage(lang, r.code, name) };
    }
    case 'date':
    case 'datetime': {
      const s = String(input).trim();
      if (!s) return { ok: true, value: '' };
      const time = field.type === 'datetime' ? /[T\s](\d{1,2}):(\d{2})$/.exec(s) : null;
      const datePart = time ? s.slice(0, time.index) : s;
      const r = parseDateInput(datePart, { timeZone: env.timeZone, locale: env.locale, today: env.today });
      if (!r.ok) return { ok: false, error: normalizeMessage(lang, r.code, name) };
      if (!time) return { ok: true, value: field.type === 'datetime' && r.value ? `${r.value}T00:00` : r.value };
      const hh = Number(time[1]);
      const mm = Number(time[2]);
      if (hh > 23 || mm > 59) return { ok: false, error: t(lang, 'input.time', { field: name }) };
      return { ok: true, value: `${r.value}T${String(hh).padStart(2, '0')}:${time[2]}` };
    }
    case 'amount':
    case 'count': {
      if (String(input).trim() === '') return { ok: true, value: '' };
      const r = parseAmount(input);
      if (!r.ok) return { ok: false, error: normalizeMessage(lang, r.code, name) };
      return { ok: true, value: r.value ?? '' };
    }
    case 'choice': {
      const s = cleanText(input, 500);
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
      return { ok: true, value: cleanText(input, field.type === 'longtext' ? 50000 : 2000) };
    }
  }
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
): { ok: true; values: ClientValues; allowDuplicate: boolean } | { ok: false; errors: Errors } {
  const unknown = unknownKeys(payload, [...CLIENT_INPUT_FIELDS.map((f) => f.key), 'allowDuplicate'], env.lang);
  if (unknown) return { ok: false, errors: unknown };
  const shape = v.safeParse(ClientPayloadSchema, payload ?? {});
  if (!shape.success) return { ok: false, errors: shapeErrors(shape.issues, env.lang, CLIENT_INPUT_FIELDS) };
  const input = shape.output as Record<string, unknown>;
  const values: ClientValues = {};
  const errors: Errors = {};
  for (const field of CLIENT_INPUT_FIELDS) {
    if (!(field.key in input)) {
      if (!opts.partial && field.required)
        errors[field.key] = t(env.lang, 'input.required', { field: label(field, env.lang) });
      continue;
    }
    const r = normalizeField(field, input[field.key], env);
    if (r.ok) values[field.key] = r.value;
    else errors[field.key] = r.error;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, values, allowDuplicate: input.allowDuplicate === true };
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
