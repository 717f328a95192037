// What a column holds, judged from its values: phones, emails, dates, money, marks, names, channels or row numbers.
import { parseAmount } from '../normalize/amount';
import { parseDateInput } from '../normalize/date';
import { normalizeEmail } from '../normalize/email';
import { isCompanyLike } from '../normalize/name';
import { type CountryCode, normalizePhone } from '../normalize/phone';
import type { ImportEnv, SourceCell } from './types';
import { channelKey, markValue, settingsChannel } from './vocabulary';

export type ValueKind =
  | 'email'
  | 'phone'
  | 'date'
  | 'serial'
  | 'number'
  | 'money'
  | 'mark'
  | 'name'
  | 'channel'
  | 'text';

export interface ColumnProfile {
  /** Non-empty values looked at. */
  values: number;
  /** Share (0–1) of the values of each kind; a value may be of several kinds ('1' is a number and a mark). */
  share: Record<ValueKind, number>;
  /** Integers counting up by one: a "№" column. */
  rowNumber: boolean;
  /** Order of day and month in the column's dates, from unambiguous values (15.03 / 03/15) or the locale. */
  dateOrder: 'dmy' | 'mdy';
  /** Among the dates: the share at least 12 years back (birth dates) and the share after today. */
  oldDates: number;
  futureDates: number;
}

/** How many non-empty values of a column the profile reads: enough to judge, cheap on 100,000 rows. */
export const PROFILE_SAMPLE = 300;

// Separators and digits of a date: '15.03.2026', '3/15/26', '2026-03-15', '2026-03-15T10:30'.
const NUMERIC_DATE = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?:[\sT,]+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const WORD_DATE = /^\d{1,2}[\s.-]*\p{L}{3,}\.?[\s.-]*\d{2,4}$|^\p{L}{3,}\.?\s+\d{1,2},?\s+\d{2,4}$/u;
const PHONE_CHARS = /^[\d\s()+\-.–,;/]+(?:\s*(?:доб|ext|x|вн)\.?\s*\d+)?$/iu;
const NAME_WORD = /^(?:\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*|\p{Lu}{2,}(?:-\p{Lu}{2,})?|\p{Lu}\.|(?:\p{Lu}\.){2})$/u;

/** Text of a cell as a person reads it (numbers without exponent, booleans as TRUE/FALSE). */
export function cellText(cell: SourceCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return String(cell).trim();
}

/** True for a person's name: two to four capitalised words or initials, not an organisation. */
export function looksLikeName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 4) return false;
  return words.every((w) => NAME_WORD.test(w)) && !isCompanyLike(text);
}

/** The order of day and month a date text shows when unambiguous ('15.03' day first, '03/15' month first). */
export function dateOrderOf(text: string): 'dmy' | 'mdy' | undefined {
  const m = NUMERIC_DATE.exec(text);
  if (!m || m[1].length > 2) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  return undefined;
}

/** 'en_US' and the other month-first regions read 03/04 as 4 March; everyone else as 3 April. */
export function localeDateOrder(locale: string): 'dmy' | 'mdy' {
  const r = parseDateInput('01/02/2000', { timeZone: 'UTC', locale, today: '2000-01-01' });
  return r.ok && r.value === '2000-01-02' ? 'mdy' : 'dmy';
}

/** The locale parseDateInput needs to read a column in the given order. */
export function localeFor(order: 'dmy' | 'mdy'): string {
  return order === 'mdy' ? 'en_US' : 'ru_RU';
}

/** Date of a text in a column of the given order, or '' when it is not a date. */
export function textDate(text: string, order: 'dmy' | 'mdy', env: ImportEnv): string {
  if (!/\d/.test(text) || text.length > 40) return '';
  if (!NUMERIC_DATE.test(text) && !WORD_DATE.test(text) && !/^\d{8}$/.test(text)) return '';
  const r = parseDateInput(text, { timeZone: env.timeZone, locale: localeFor(order), today: env.today });
  return r.ok ? r.value : '';
}

function kindsOf(cell: SourceCell, order: 'dmy' | 'mdy', env: ImportEnv): { kinds: ValueKind[]; date: string } {
  const kinds: ValueKind[] = [];
  let date = '';
  const region = env.settings.values.phoneRegion as CountryCode;
  if (typeof cell === 'boolean') return { kinds: ['mark'], date };
  if (typeof cell === 'number') {
    kinds.push('number');
    if (cell === 0 || cell === 1) kinds.push('mark');
    if (Number.isInteger(cell) && cell >= 1e9 && normalizePhone(cell, region).ok) kinds.push('phone');
    // A date cell that lost its format: serial days since 1899-12-30, 1930–2100.
    if (cell >= 10959 && cell <= 73051) kinds.push('serial');
    return { kinds, date };
  }
  const text = cellText(cell);
  if (markValue(text) !== undefined) kinds.push('mark');
  if (text.includes('@')) {
    const e = normalizeEmail(text);
    if (e.ok || e.code === 'email.multiple') kinds.push('email');
    return { kinds, date };
  }
  date = textDate(text, order, env);
  if (date) {
    kinds.push('date');
    return { kinds, date };
  }
  const digits = text.replace(/\D/g, '').length;
  if (digits >= 10 && PHONE_CHARS.test(text)) {
    const p = normalizePhone(text, region);
    if (p.ok || p.code === 'phone.multiple') kinds.push('phone');
  }
  if (digits > 0 && !kinds.includes('phone')) {
    const a = parseAmount(text);
    if (a.ok && a.value !== null) kinds.push(a.currency ? 'money' : 'number');
  }
  if (/\p{L}/u.test(text)) {
    if (channelKey(text) || settingsChannel(text, env.settings)) kinds.push('channel');
    if (looksLikeName(text)) kinds.push('name');
  }
  if (kinds.length === 0) kinds.push('text');
  return { kinds, date };
}

const EMPTY_SHARE = (): Record<ValueKind, number> => ({
  email: 0,
  phone: 0,
  date: 0,
  serial: 0,
  number: 0,
  money: 0,
  mark: 0,
  name: 0,
  channel: 0,
  text: 0,
});

/** True when a cell holds nothing: empty, null or only spaces. */
export function isBlank(cell: SourceCell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** The first non-empty values of a column as text. */
export function samplesOf(rows: readonly SourceCell[][], column: number, count = 3): string[] {
  const out: string[] = [];
  for (const row of rows) {
    if (out.length >= count) break;
    if (!isBlank(row[column])) out.push(cellText(row[column]));
  }
  return out;
}

/** Reads up to PROFILE_SAMPLE non-empty values of a column and says what kinds of values it holds. */
export function profileColumn(rows: readonly SourceCell[][], column: number, env: ImportEnv): ColumnProfile {
  const cells: SourceCell[] = [];
  for (const row of rows) {
    if (cells.length >= PROFILE_SAMPLE) break;
    if (!isBlank(row[column])) cells.push(row[column]);
  }
  let dmy = 0;
  let mdy = 0;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const o = dateOrderOf(cell.trim());
    if (o === 'dmy') dmy++;
    else if (o === 'mdy') mdy++;
  }
  const dateOrder = dmy > mdy ? 'dmy' : mdy > dmy ? 'mdy' : localeDateOrder(env.locale);
  const share = EMPTY_SHARE();
  const dates: string[] = [];
  for (const cell of cells) {
    const { kinds, date } = kindsOf(cell, dateOrder, env);
    for (const k of kinds) share[k] += 1;
    if (date) dates.push(date);
  }
  const n = cells.length;
  if (n) for (const k of Object.keys(share) as ValueKind[]) share[k] /= n;
  const oldLimit = `${Number(env.today.slice(0, 4)) - 12}${env.today.slice(4)}`;
  return {
    values: n,
    share,
    rowNumber: countsUp(cells),
    dateOrder,
    oldDates: dates.length ? dates.filter((d) => d <= oldLimit).length / dates.length : 0,
    futureDates: dates.length ? dates.filter((d) => d > env.today).length / dates.length : 0,
  };
}

function countsUp(cells: SourceCell[]): boolean {
  const numbers = cells.map((c) =>
    typeof c === 'number' ? c : /^\s*\d{1,7}\s*\.?\s*$/.test(String(c)) ? parseInt(String(c), 10) : NaN,
  );
  if (numbers.length < 3 || numbers.some((x) => !Number.isInteger(x) || x < 0)) return false;
  let steps = 0;
  for (let i = 1; i < numbers.length; i++) if (numbers[i] - numbers[i - 1] === 1) steps++;
  return steps >= 0.8 * (numbers.length - 1);
}
