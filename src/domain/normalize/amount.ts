// Money amounts as people type them ('1 500,50 ₽', '$1,500.50', '1.500,50') → a number rounded to kopecks/cents.
import type { AmountCode, Failure } from './result';

/** value is null for an empty field (no amount, not zero); currency is set when a symbol or word named one. */
export type AmountResult = { ok: true; value: number | null; currency?: string } | Failure<AmountCode>;

const MAX_AMOUNT = 1e12;

// Longer spellings first so 'руб.' is not read as 'р' + garbage.
const CURRENCIES: Array<[RegExp, string]> = [
  [/рублей|рубля|рубль|руб\.?|р\.|р(?![\p{L}])|₽|rub\b|rur\b/iu, 'RUB'],
  [/тенге|тг\.?|₸|kzt\b/iu, 'KZT'],
  [/гривн[аыя]?|грн\.?|₴|uah\b/iu, 'UAH'],
  [/долл(?:ар(?:ов|а)?)?\.?|usd\b|us\$|\$/iu, 'USD'],
  [/евро|eur\b|€/iu, 'EUR'],
  [/gbp\b|£/iu, 'GBP'],
];

/**
 * Rounds half away from zero to 2 decimals without binary artefacts (1.005 → 1.01). The number is written out in
 * fixed notation first: String(1e-7) is '1e-7', and '1e-7e2' would be NaN.
 */
export function roundMoney(n: number): number {
  if (!Number.isFinite(n)) return Number.NaN;
  const sign = n < 0 ? -1 : 1;
  const fixed = Math.abs(n).toFixed(10);
  const rounded = Number(Math.round(Number(`${fixed}e2`)) + 'e-2') * sign;
  return rounded === 0 ? 0 : rounded;
}

function result(value: number, currency: string | undefined, opts: { allowNegative?: boolean }): AmountResult {
  if (!Number.isFinite(value)) return { ok: false, code: 'amount.invalid' };
  if (value < 0 && !opts.allowNegative) return { ok: false, code: 'amount.negative' };
  if (Math.abs(value) >= MAX_AMOUNT) return { ok: false, code: 'amount.tooLarge' };
  const rounded = roundMoney(value);
  // 0.0000001 is not money: rounding it to 0 would log a purchase of nothing.
  if (rounded === 0 && value !== 0) return { ok: false, code: 'amount.tooSmall' };
  return currency ? { ok: true, value: rounded, currency } : { ok: true, value: rounded };
}

/**
 * Reads an amount. Separators: with both ',' and '.', the last one is the decimal point ('1.500,50', '1,500.50');
 * with one kind repeated it groups thousands ('1,500,000'); a single ',' or '.' followed by exactly three digits
 * after 1–3 leading digits groups thousands ('1,500' → 1500, '1.500' → 1500), otherwise it is the decimal point
 * ('1,5' → 1.5, '1500,000' → 1500, '0,500' → 0.5). Spaces and apostrophes group thousands ('1 500', "1'500").
 */
export function parseAmount(input: unknown, opts: { allowNegative?: boolean } = {}): AmountResult {
  if (input === null || input === undefined) return { ok: true, value: null };
  if (typeof input === 'number') return result(input, undefined, opts);
  if (typeof input !== 'string') return { ok: false, code: 'amount.invalid' };
  let text = input
    .replace(/[\u00a0\u2007\u202f\u2009\u200b]/g, ' ')
    .replace(/[\u2212\u2013\u2014]/g, '-')
    .trim();
  if (text === '') return { ok: true, value: null };

  let currency: string | undefined;
  for (const [pattern, code] of CURRENCIES) {
    if (pattern.test(text)) {
      if (currency) return { ok: false, code: 'amount.invalid' };
      currency = code;
      text = text.replace(pattern, ' ');
    }
  }
  text = text.replace(/\s+/g, ' ').trim();

  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(text);
  if (parenthesised) {
    negative = true;
    text = parenthesised[1].trim();
  }
  if (/^-/.test(text)) {
    negative = !negative;
    text = text.slice(1).trim();
  } else if (/^\+/.test(text)) {
    text = text.slice(1).trim();
  }
  if (/-$/.test(text)) {
    // '1500,-' is how some write a round sum.
    text = text.slice(0, -1).replace(/[.,]$/, '');
  }

  const value = parseUnsigned(text);
  if (value === null) return { ok: false, code: 'amount.invalid' };
  return result(negative ? -value : value, currency, opts);
}

function parseUnsigned(text: string): number | null {
  if (!/^\d[\d '.,]*$/.test(text) || /[ '.,]$/.test(text)) return null;
  // Spaces and apostrophes group thousands only: '1 500' yes, '15 00' no.
  let body = text;
  if (/[ ']/.test(body)) {
    const [integer, ...rest] = body.split(/(?=[.,]\d+$)/);
    if (!/^\d{1,3}(?:[ ']\d{3})+$/.test(integer)) return null;
    body = integer.replace(/[ ']/g, '') + rest.join('');
  }
  const commas = (body.match(/,/g) ?? []).length;
  const dots = (body.match(/\./g) ?? []).length;
  if (commas === 0 && dots === 0) return Number(body);
  if (commas > 0 && dots > 0) {
    const decimal = body.lastIndexOf(',') > body.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const at = body.lastIndexOf(decimal);
    const integer = body.slice(0, at);
    const fraction = body.slice(at + 1);
    if (integer.includes(decimal) || !groupedThousands(integer, group) || !/^\d+$/.test(fraction)) return null;
    return Number(integer.split(group).join('') + '.' + fraction);
  }
  const separator = commas > 0 ? ',' : '.';
  const pieces = body.split(separator);
  if (pieces.length > 2) return groupedThousands(body, separator) ? Number(pieces.join('')) : null;
  const [integer, fraction] = pieces;
  if (fraction.length === 3 && /^[1-9]\d{0,2}$/.test(integer)) return Number(integer + fraction);
  return Number(integer + '.' + fraction);
}

function groupedThousands(integer: string, group: string): boolean {
  if (!integer.includes(group)) return /^\d+$/.test(integer);
  const parts = integer.split(group);
  return /^\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}
