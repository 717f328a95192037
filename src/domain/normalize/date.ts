// Calendar dates ('yyyy-mm-dd' strings) from what people type, from Sheets date cells and serials, plus date arithmetic.
import { isMonthFirst } from './dateOrder';
import type { DateCode, Failure } from './result';

export type DateResult = { ok: true; value: string } | Failure<DateCode>;
export type DateOptions = {
  /** The spreadsheet's time zone: instants (Date objects, ISO with a zone) are read as calendar dates there. */
  timeZone: string;
  /** The spreadsheet locale: month or day first as datePattern (./dateOrder) decides for it. */
  locale?: string;
  /** Today in the sheet's zone; decides the century of two-digit years and the year of '15.03'. */
  today?: string;
};

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;
const MS_PER_DAY = 86400000;
// Sheets counts days from 1899-12-30; that day is 25569 days before 1970-01-01.
const SERIAL_EPOCH_OFFSET = 25569;

const formatters = new Map<string, Intl.DateTimeFormat>();

function isoInZone(date: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  let y = '';
  let m = '';
  let d = '';
  for (const part of formatter.formatToParts(date)) {
    if (part.type === 'year') y = part.value;
    else if (part.type === 'month') m = part.value;
    else if (part.type === 'day') d = part.value;
  }
  return `${y.padStart(4, '0')}-${m}-${d}`;
}

/** Today's calendar date in timeZone. */
export function todayIn(now: Date, timeZone: string): string {
  return isoInZone(now, timeZone);
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function toIso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`Not a yyyy-mm-dd date: ${iso}`);
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round(date.getTime() / MS_PER_DAY);
}

function fromDayNumber(n: number): string {
  const date = new Date(n * MS_PER_DAY);
  return toIso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The date n days after iso (n may be negative). */
export function addDays(iso: string, n: number): string {
  return fromDayNumber(dayNumber(iso) + n);
}

/** Whole days from a to b: positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** The Sheets serial number of a date (days since 1899-12-30). */
export function isoToSerial(iso: string): number {
  return dayNumber(iso) + SERIAL_EPOCH_OFFSET;
}

/** The calendar date of a Sheets serial; a fraction (time of day) is dropped. */
export function serialToIso(serial: number): string {
  return fromDayNumber(Math.floor(serial) - SERIAL_EPOCH_OFFSET);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** The next birthday (today counts) with days until it and the age then; 29 Feb is kept on 28 Feb in other years. */
export function nextAnniversary(birthIso: string, todayIso: string): { date: string; inDays: number; age: number } {
  const [by, bm, bd] = birthIso.split('-').map(Number);
  const thisYear = Number(todayIso.slice(0, 4));
  const on = (y: number) => toIso(y, bm, bm === 2 && bd === 29 && !isLeapYear(y) ? 28 : bd);
  let year = thisYear;
  if (on(year) < todayIso) year += 1;
  const date = on(year);
  return { date, inDays: daysBetween(todayIso, date), age: year - by };
}

const RU_MONTHS = [/^янв/, /^фев/, /^мар/, /^апр/, /^ма[йяю]/, /^июн/, /^июл/, /^авг/, /^сен/, /^окт/, /^ноя/, /^дек/];
const EN_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthFromWord(word: string): number {
  const ru = RU_MONTHS.findIndex((re) => re.test(word));
  if (ru >= 0) return ru + 1;
  if (word.length >= 3) {
    const en = EN_MONTHS.findIndex((name) => name.startsWith(word) || (word === 'sept' && name === 'september'));
    if (en >= 0) return en + 1;
  }
  return 0;
}

function fullYear(yearText: string, today: string): number {
  const y = Number(yearText);
  if (yearText.length !== 2) return y;
  const todayYear = Number(today.slice(0, 4));
  const century = Math.floor(todayYear / 100) * 100;
  return y <= (todayYear % 100) + 10 ? century + y : century - 100 + y;
}

function checked(y: number, m: number, d: number): DateResult {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) return { ok: false, code: 'date.outOfRange' };
  if (m < 1 || m > 12) return { ok: false, code: 'date.invalid' };
  if (d < 1 || d > daysInMonth(y, m)) return { ok: false, code: 'date.noSuchDay' };
  return { ok: true, value: toIso(y, m, d) };
}

function inRange(iso: string): DateResult {
  const y = Number(iso.slice(0, 4));
  return y < MIN_YEAR || y > MAX_YEAR ? { ok: false, code: 'date.outOfRange' } : { ok: true, value: iso };
}

// Day and month in the locale's order; when that order is impossible and the other is not (15/03 in en_US), swap.
function dayMonth(a: number, b: number, locale: string | undefined): [number, number] {
  const [day, month] = isMonthFirst(locale) ? [b, a] : [a, b];
  if (month > 12 && day <= 12) return [month, day];
  return [day, month];
}

/**
 * Reads a date typed in a cell or a form: '15.03.2026', '15.3.26', '3/15/2026' (en_US), '2026-03-15',
 * '2026-03-15T10:00:00Z', '15 марта 2026', 'March 15, 2026', '15032026', Date objects and Sheets serials.
 * '' is valid and stays ''.
 */
export function parseDateInput(input: unknown, opts: DateOptions): DateResult {
  if (input === null || input === undefined) return { ok: true, value: '' };
  // Not instanceof: a Date from another realm (the bundle run in a vm, a sidebar frame) must count too.
  if (Object.prototype.toString.call(input) === '[object Date]') {
    const date = input as Date;
    if (Number.isNaN(date.getTime())) return { ok: false, code: 'date.invalid' };
    return inRange(isoInZone(date, opts.timeZone));
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, code: 'date.invalid' };
    if (Math.abs(input) > 1e7) return { ok: false, code: 'date.outOfRange' };
    return inRange(serialToIso(input));
  }
  if (typeof input !== 'string') return { ok: false, code: 'date.invalid' };
  const text = input
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .trim()
    .replace(/\s*(?:г\.?|года)$/u, '')
    .trim();
  if (text === '') return { ok: true, value: '' };
  const today = () => opts.today ?? todayIn(new Date(), opts.timeZone);

  const iso =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (iso) {
    if (iso[5]) {
      // An instant with a zone: the calendar date it was in the sheet's zone.
      const instant = new Date(`${iso[1]}-${pad2(Number(iso[2]))}-${pad2(Number(iso[3]))}T${iso[4]}${iso[5]}`);
      if (Number.isNaN(instant.getTime())) return { ok: false, code: 'date.invalid' };
      const sameDay = checked(Number(iso[1]), Number(iso[2]), Number(iso[3]));
      return sameDay.ok ? inRange(isoInZone(instant, opts.timeZone)) : sameDay;
    }
    return checked(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  }

  const numeric = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?:[\sT,]+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (numeric) {
    const [, a, , b, c] = numeric;
    if (a.length === 4) return checked(Number(a), Number(b), Number(c));
    if (a.length > 2 || (c.length !== 2 && c.length !== 4)) return { ok: false, code: 'date.invalid' };
    const [day, month] = dayMonth(Number(a), Number(b), opts.locale);
    return checked(fullYear(c, today()), month, day);
  }

  const noYear = /^(\d{1,2})[./](\d{1,2})$/.exec(text);
  if (noYear) {
    const [day, month] = dayMonth(Number(noYear[1]), Number(noYear[2]), opts.locale);
    return checked(Number(today().slice(0, 4)), month, day);
  }

  const compact = /^(\d{2})(\d{2})(\d{2}|\d{4})$/.exec(text);
  if (compact) {
    // '15032026': the locale's order first, then yyyymmdd ('20260315').
    const [day, month] = dayMonth(Number(compact[1]), Number(compact[2]), opts.locale);
    const local = checked(fullYear(compact[3], today()), month, day);
    if (local.ok || text.length !== 8) return local;
    const ymd = checked(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
    return ymd.ok ? ymd : local;
  }

  return parseWordDate(text, today);
}

// '15 марта 2026', '15 мар. 2026', 'March 15, 2026', '15-Mar-2026', '1st of May 2026', 'March 15'.
function parseWordDate(text: string, today: () => string): DateResult {
  const tokens = text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[\s,./-]+/)
    .filter((t) => t !== '' && t !== 'of');
  let month = 0;
  const numbers: string[] = [];
  for (const token of tokens) {
    const num = /^(\d{1,4})(?:st|nd|rd|th|го|е)?$/.exec(token);
    if (num) {
      numbers.push(num[1]);
      continue;
    }
    const m = /^\p{L}+$/u.test(token) ? monthFromWord(token) : 0;
    if (!m || month) return { ok: false, code: 'date.invalid' };
    month = m;
  }
  if (!month || numbers.length === 0 || numbers.length > 2) return { ok: false, code: 'date.invalid' };
  if (numbers.length === 1) {
    if (numbers[0].length > 2) return { ok: false, code: 'date.invalid' };
    return checked(Number(today().slice(0, 4)), month, Number(numbers[0]));
  }
  const [dayText, yearText] = numbers[0].length > 2 ? [numbers[1], numbers[0]] : numbers;
  if (dayText.length > 2 || yearText.length === 1 || yearText.length === 3) return { ok: false, code: 'date.invalid' };
  return checked(fullYear(yearText, today()), month, Number(dayText));
}
