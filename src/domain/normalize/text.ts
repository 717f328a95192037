// Free text for cells: strip what cannot be stored and keep Sheets from turning text into formulas, numbers or dates.

const FORMULA_START = /^[=+\-@\t\r]/;
// Only digits, spaces and the marks Sheets reads as numbers, dates, times, money or percent: '007', '1e5', '15.03'.
const NUMBER_LIKE = /^[\s\d.,:/\-+()%$€£¥₽e]*\d[\s\d.,:/\-+()%$€£¥₽e]*$/i;
// '15 марта', '15 Mar 2026', 'March 15', 'Mar-26': Sheets parses month names in many locales.
const MONTH =
  '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|янв|фев|мар|апр|ма[йяю]|июн|июл|авг|сен|окт|ноя|дек)\\p{L}*\\.?';
const DATE_WORDS = [
  new RegExp(`^\\d{1,2}[\\s.\\-/]*${MONTH}(?:[\\s.\\-/,]*\\d{2,4})?$`, 'iu'),
  new RegExp(`^${MONTH}[\\s.\\-/]*\\d{1,4}(?:,?\\s*\\d{2,4})?$`, 'iu'),
];
const LOGICAL = /^\s*(?:true|false|истина|ложь)\s*$/i;

/**
 * Text that must stay text when written with setValues: anything that would start a formula (= + - @ tab CR),
 * look like a number, date, time or TRUE/FALSE, or start with an apostrophe (which Sheets would swallow) gets
 * Sheets' text prefix "'", which is not part of the stored value.
 */
export function asSheetText(s: string): string {
  const text = String(s ?? '');
  if (text === '') return '';
  if (FORMULA_START.test(text) || text.startsWith("'")) return "'" + text;
  if (NUMBER_LIKE.test(text) || LOGICAL.test(text)) return "'" + text;
  if (text.length <= 20 && DATE_WORDS.some((re) => re.test(text.trim()))) return "'" + text;
  return text;
}

/**
 * Invisible characters that can make one text look like another: bidi embeddings, overrides and isolates
 * (U+202A–202E, U+2066–2069), direction marks (U+200E/F), zero-width space, word joiner, BOM and soft hyphen.
 */
export const INVISIBLE = /[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** Zero-width (non-)joiners: part of emoji and some scripts in free text, but never needed in a single-line field. */
export const JOINERS = /[\u200c\u200d]/g;

/**
 * Free text from a form or a paste: trimmed, line breaks unified to \n, control, bidi and zero-width characters
 * removed (tabs and line breaks inside are kept), cut to maxLength characters (a Sheets cell holds 50,000).
 * `singleLine` also drops zero-width joiners (a field of one line has no emoji sequences to keep).
 */
export function cleanText(input: unknown, maxLength = 50000, opts: { singleLine?: boolean } = {}): string {
  if (input === null || input === undefined) return '';
  if (typeof input !== 'string' && typeof input !== 'number' && typeof input !== 'boolean') return '';
  let text = String(input)
    .replace(/\r\n?/g, '\n')
    .replace(/(?![\t\n])\p{Cc}/gu, '')
    .replace(INVISIBLE, '')
    .replace(/[\u2028\u2029]/g, '\n');
  if (opts.singleLine) text = text.replace(JOINERS, '');
  text = text.trim();
  if (text.length <= maxLength) return text;
  // Never cut a surrogate pair (an emoji) in half.
  const cut = /[\ud800-\udbff]/.test(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
  return text.slice(0, cut).trimEnd();
}
