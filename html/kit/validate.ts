// Client-side checks with the server's rules (the domain normalisers), turning form text into API values or errors.
import type { FieldType } from '../../src/domain/fields';
import { parseAmount } from '../../src/domain/normalize/amount';
import { dateExample as exampleDate } from '../../src/domain/normalize/dateOrder';
import { normalizeEmail } from '../../src/domain/normalize/email';
import { normalizeMessage } from '../../src/domain/normalize/messages';
import { normalizeName } from '../../src/domain/normalize/name';
import type { NormalizeCode, PhoneCode } from '../../src/domain/normalize/result';
import { type DateStyle, parseDay } from './dates';
import { tr } from './i18n';

export type CheckKind = 'name' | 'text' | 'phone' | 'email' | 'date' | 'datetime' | 'amount';

export type Checked = { ok: true; value: string | number } | { ok: false; code: NormalizeCode };

/** The form key holding the time part of a date-and-time field. */
export const timeKey = (key: string): string => `${key}__time`;

// Regions whose national numbers have ten digits after the trunk prefix.
const TEN_DIGIT_REGIONS = new Set(['RU', 'KZ', 'US', 'CA', 'UA', 'BY']);

/**
 * A structural phone check the browser can afford (the full libphonenumber metadata would not fit a sidebar):
 * one number, no stray letters, plausible digit count. The server's full check still runs on save.
 */
export function phoneProblem(text: string, region: string): PhoneCode | undefined {
  const value = text.trim();
  if (!value) return undefined;
  const parts = value.split(/[;\n/|]|,|\s(?:или|or|и|and)\s/i);
  if (parts.filter((p) => p.replace(/\D/g, '').length >= 7).length >= 2) return 'phone.multiple';
  const main = value.split(/\s*(?:доб|ext|внутр|вн|добавочный|x|#)\.?\s*:?\s*(?=\d)/i)[0];
  if (/[^\d\s()+\-.\u00a0]/.test(main)) return 'phone.invalid';
  const digits = main.replace(/\D/g, '');
  if (!digits) return 'phone.invalid';
  const international = main.trim().startsWith('+');
  const minimum = !international && TEN_DIGIT_REGIONS.has(region.toUpperCase()) ? 10 : 7;
  if (digits.length < minimum) return 'phone.tooShort';
  if (digits.length > 15) return 'phone.tooLong';
  return undefined;
}

export interface CheckContext extends DateStyle {
  phoneRegion: string;
}

/** One field's text → the value sent to the server ('' for empty) or a normalisation code. */
export function checkValue(kind: CheckKind, raw: string, ctx: CheckContext, time = ''): Checked {
  const text = String(raw ?? '').trim();
  switch (kind) {
    case 'name': {
      const r = normalizeName(text);
      return r.ok ? { ok: true, value: text } : r;
    }
    case 'phone': {
      const code = phoneProblem(text, ctx.phoneRegion);
      return code ? { ok: false, code } : { ok: true, value: text };
    }
    case 'email':
      return normalizeEmail(text);
    case 'date':
    case 'datetime': {
      if (!text) return { ok: true, value: '' };
      const r = parseDay(text, ctx);
      if (!r.ok) return r;
      const clock = time.trim();
      return { ok: true, value: kind === 'datetime' && clock ? `${r.value}T${clock}` : r.value };
    }
    case 'amount': {
      if (!text) return { ok: true, value: '' };
      const r = parseAmount(text);
      return r.ok ? { ok: true, value: r.value ?? '' } : r;
    }
    default:
      return { ok: true, value: text };
  }
}

/** How a schema field type is checked in a form. */
export function kindOfField(key: string, type: FieldType): CheckKind {
  if (key === 'fullName') return 'name';
  if (type === 'phone' || type === 'email' || type === 'date' || type === 'datetime' || type === 'amount') return type;
  return 'text';
}

export interface FieldSpec {
  key: string;
  kind: CheckKind;
  label: string;
  required?: boolean;
  /** A date that cannot be after today (a birth date, a first contact). */
  past?: boolean;
  /** An amount that must be above zero (the amount of a purchase). */
  positive?: boolean;
}

/** A date a person would type into this field, in the sheet's own pattern: a plausible birth date for a birth date. */
export function dateExample(key: string, style: Pick<DateStyle, 'locale' | 'today'>): string {
  return exampleDate(key, style.locale, style.today);
}

/** The sentence beside a field for a normalisation code, with a date example fitting the field. */
function messageOf(spec: FieldSpec, code: NormalizeCode, ctx: CheckContext): string {
  return normalizeMessage(ctx.lang, code, spec.label, { example: dateExample(spec.key, ctx) });
}

/**
 * Checks the listed fields of a form. Empty fields are left out of the values (nothing to write) unless
 * keepEmpty is set, which an edit needs to clear a cell.
 */
export function checkForm(
  specs: FieldSpec[],
  form: Record<string, string>,
  ctx: CheckContext,
  opts: { keepEmpty?: boolean } = {},
): { values: Record<string, string | number>; errors: Record<string, string> } {
  const values: Record<string, string | number> = {};
  const errors: Record<string, string> = {};
  for (const spec of specs) {
    const raw = form[spec.key] ?? '';
    const checked = checkValue(spec.kind, raw, ctx, form[timeKey(spec.key)] ?? '');
    if (!checked.ok) {
      errors[spec.key] = messageOf(spec, checked.code, ctx);
      continue;
    }
    if (spec.required && checked.value === '') {
      errors[spec.key] = tr(ctx.lang, 'required', { field: spec.label });
      continue;
    }
    if (spec.past && checked.value !== '' && String(checked.value).slice(0, 10) > ctx.today) {
      errors[spec.key] = tr(ctx.lang, 'futureDate', { field: spec.label, example: dateExample(spec.key, ctx) });
      continue;
    }
    if (spec.positive && !(Number(checked.value) > 0)) {
      errors[spec.key] = tr(ctx.lang, 'amountRequired', { field: spec.label });
      continue;
    }
    if (checked.value !== '' || opts.keepEmpty) values[spec.key] = checked.value;
  }
  return { values, errors };
}

/** Keys whose text differs from what the form started with (a time part counts for its date field). */
export function changedKeys(initial: Record<string, string>, current: Record<string, string>): string[] {
  const keys = new Set<string>();
  for (const key of new Set([...Object.keys(initial), ...Object.keys(current)])) {
    if ((initial[key] ?? '').trim() !== (current[key] ?? '').trim()) keys.add(key.replace(/__time$/, ''));
  }
  return [...keys];
}

/** The server's verdict on a field: its message, for the text it checked. */
export type Verdicts = Record<string, { value: string; message: string }>;

/** The verdicts that still apply: the field holds the very text the server refused. */
export function verdictErrors(verdicts: Verdicts, form: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [key, v] of Object.entries(verdicts)) {
    if ((form[key] ?? '').trim() === v.value.trim()) errors[key] = v.message;
  }
  return errors;
}
