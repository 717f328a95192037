// Number formats: how a value is displayed under a Sheets format pattern in a locale (cell display values and
// TEXT). The pattern engine is the numfmt package; Sheets' locale data (month and day names, separators) and its
// automatic format are ours.

import { addLocale, format, isDateFormat as numfmtIsDate } from 'numfmt';
import { type LocaleInfo, localeInfo } from './locale';

/** What getNumberFormat returns for a cell with the automatic format. */
export const AUTOMATIC_FORMAT = '0.###############';

/** numfmt locale tags for our LocaleInfo records: plain names, and full month names in the genitive (ru). */
const tags = new Map<LocaleInfo, { plain: string; genitive: string }>();

function localeTags(info: LocaleInfo): { plain: string; genitive: string } {
  let t = tags.get(info);
  if (t) return t;
  const id = `kt${tags.size}`;
  const base = {
    decimal: info.decimal,
    group: info.group,
    mmm: info.monthShort,
    ddd: info.dayShort,
    dddd: info.dayNames,
    bool: ['TRUE', 'FALSE'] as [string, string],
    ampm: ['AM', 'PM'] as [string, string],
  };
  addLocale({ ...base, mmmm: info.monthNames } as Parameters<typeof addLocale>[0], `${id}-plain`);
  addLocale({ ...base, mmmm: info.monthNamesGenitive } as Parameters<typeof addLocale>[0], `${id}-gen`);
  t = { plain: `${id}-plain`, genitive: `${id}-gen` };
  tags.set(info, t);
  return t;
}

const bareCache = new Map<string, string>();

/** Pattern text with quoted literals, escapes and bracketed parts removed (elapsed [h] [m] [s] kept as letters). */
function bare(pattern: string): string {
  let hit = bareCache.get(pattern);
  if (hit === undefined) {
    hit = pattern
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, '')
      .replace(/\[[^\]]*\]/g, (m) => (/^\[(h+|m+|s+)\]$/i.test(m) ? m.slice(1, -1) : ''));
    if (bareCache.size > 10_000) bareCache.clear();
    bareCache.set(pattern, hit);
  }
  return hit;
}

const dateFormatCache = new Map<string, boolean>();

export function isDateFormat(pattern: string | undefined): boolean {
  if (!pattern || pattern === '@' || pattern === AUTOMATIC_FORMAT) return false;
  let hit = dateFormatCache.get(pattern);
  if (hit === undefined) {
    try {
      hit = numfmtIsDate(pattern);
    } catch {
      hit = false;
    }
    if (dateFormatCache.size > 10_000) dateFormatCache.clear();
    dateFormatCache.set(pattern, hit);
  }
  return hit;
}

export function isTextFormat(pattern: string | undefined): boolean {
  return pattern === '@';
}

/** Sheets' automatic display of a number. */
export function generalNumber(n: number, info: LocaleInfo): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : n < 0 ? '-∞' : 'NaN';
  let s: string;
  const abs = Math.abs(n);
  if (Number.isInteger(n) && abs < 1e15) s = String(n);
  else if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) {
    const [m, e] = n.toExponential(9).split('e');
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const exp = Number(e);
    s = `${mant}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else {
    s = String(Number(n.toPrecision(11)));
    if (s.includes('e')) s = n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
    // Sheets shows at most ten decimals in the automatic format.
    const dot = s.indexOf('.');
    if (dot >= 0 && s.length - dot - 1 > 10) s = String(Number(n.toFixed(10)));
  }
  return info.decimal === '.' ? s : s.replace('.', info.decimal);
}

/** The section of a pattern a value is shown with (sections split at unquoted, unbracketed ';'). */
function sectionFor(pattern: string, value: number): string {
  const sections: string[] = [];
  let cur = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && !quoted) {
      cur += ch + (pattern[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '[') bracket = true;
    else if (!quoted && ch === ']') bracket = false;
    if (ch === ';' && !quoted && !bracket) {
      sections.push(cur);
      cur = '';
    } else cur += ch;
  }
  sections.push(cur);
  if (value < 0 && sections.length >= 2) return sections[1];
  if (value === 0 && sections.length >= 3) return sections[2];
  return sections[0];
}

/**
 * Formats with numfmt in the locale; full month names are genitive when the shown section also has a day
 * ("5 марта 2026", but "март 2026"). Throws numfmt's error for a pattern it cannot read.
 */
function formatWithPattern(value: unknown, rawPattern: string, info: LocaleInfo): string {
  const t = localeTags(info);
  // Separators and names follow the spreadsheet locale, whatever locale code a currency marker names.
  const pattern = rawPattern.includes('[$')
    ? rawPattern.replace(/\[\$([^\]-]*)-[0-9A-Fa-f]+\]/g, (_m, sym: string) => (sym ? `[$${sym}]` : ''))
    : rawPattern;
  let locale = t.plain;
  if (typeof value === 'number' && info.monthNamesGenitive !== info.monthNames) {
    const b = bare(sectionFor(pattern, value));
    if (/mmmm/i.test(b) && /d/i.test(b)) locale = t.genitive;
  }
  return format(pattern, value, { locale, leap1900: false, nbsp: false, throws: true });
}

/** Displays a stored value under a pattern (undefined = automatic). `kind` says how automatic shows numbers. */
export function formatValue(
  value: unknown,
  pattern: string | undefined,
  locale: string,
  kind: 'number' | 'date' | 'datetime' | 'time' = 'number',
): string {
  const info = localeInfo(locale);
  if (value === '' || value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const automatic = !pattern || pattern === AUTOMATIC_FORMAT || pattern.toLowerCase() === 'general' || pattern === '@';
  if (typeof value === 'string') {
    if (automatic) return value;
    try {
      return formatWithPattern(value, pattern, info);
    } catch {
      return value;
    }
  }
  if (typeof value !== 'number') return String(value);
  if (automatic) {
    if (kind === 'date') return formatWithPattern(value, info.dateFormat, info);
    if (kind === 'datetime') return formatWithPattern(value, info.dateTimeFormat, info);
    if (kind === 'time') return formatWithPattern(value, info.timeFormat, info);
    return generalNumber(value, info);
  }
  try {
    return formatWithPattern(value, pattern, info);
  } catch {
    // A pattern numfmt cannot read: Sheets would not have stored it; show the number as automatic does.
    return generalNumber(value, info);
  }
}

/**
 * TEXT(value, format) in a locale. The pattern is read in Sheets' en-US pattern syntax (',' groups, '.' is the
 * decimal point) and shown with the locale's separators and names. Returns `undefined` for what the emulator
 * does not reproduce: patterns Google documents as unsupported in TEXT (`*`, `?`, fractions) or numfmt cannot read.
 */
export function formatText(value: number | string, pattern: string, locale: string): string | undefined {
  const b = bare(pattern);
  if (/[*?]/.test(b) || /[#0]\s*\/\s*[#0\d]/.test(b)) return undefined;
  try {
    return formatWithPattern(value, pattern, localeInfo(locale));
  } catch {
    return undefined;
  }
}
