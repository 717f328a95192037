// Spreadsheet locales: separators, default date formats, and parsing of typed input the way Sheets does it.

import { EN_DAYS, EN_MONTHS } from '../shared/names';
import { partsToSerial } from './tz';

export interface LocaleInfo {
  /** Decimal separator shown and typed. */
  decimal: string;
  /** Thousands separator shown ('\u00a0' in ru). */
  group: string;
  /** Characters accepted as thousands separators when typed. */
  groupInput: string[];
  dateOrder: 'DMY' | 'MDY' | 'YMD';
  dateSeparator: string;
  dateFormat: string;
  dateTimeFormat: string;
  timeFormat: string;
  currencyFormat: string;
  monthNames: string[];
  monthNamesGenitive: string[];
  monthShort: string[];
  dayNames: string[];
  dayShort: string[];
}

const RU_MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];
const RU_MONTHS_GEN = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
const RU_MONTHS_SHORT = [
  'янв.',
  'февр.',
  'мар.',
  'апр.',
  'мая',
  'июн.',
  'июл.',
  'авг.',
  'сент.',
  'окт.',
  'нояб.',
  'дек.',
];
const RU_DAYS = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];
const RU_DAYS_SHORT = ['Вс', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'];

const EN_US: LocaleInfo = {
  decimal: '.',
  group: ',',
  groupInput: [','],
  dateOrder: 'MDY',
  dateSeparator: '/',
  dateFormat: 'M/d/yyyy',
  dateTimeFormat: 'M/d/yyyy H:mm:ss',
  timeFormat: 'h:mm:ss am/pm',
  currencyFormat: '"$"#,##0.00',
  monthNames: EN_MONTHS,
  monthNamesGenitive: EN_MONTHS,
  monthShort: EN_MONTHS.map((m) => m.slice(0, 3)),
  dayNames: EN_DAYS,
  dayShort: EN_DAYS.map((d) => d.slice(0, 3)),
};

const RU: LocaleInfo = {
  decimal: ',',
  group: '\u00a0',
  groupInput: [' ', '\u00a0', '\u202f'],
  dateOrder: 'DMY',
  dateSeparator: '.',
  dateFormat: 'dd.MM.yyyy',
  dateTimeFormat: 'dd.MM.yyyy H:mm:ss',
  timeFormat: 'H:mm:ss',
  currencyFormat: '#,##0.00 [$₽-419]',
  monthNames: RU_MONTHS,
  monthNamesGenitive: RU_MONTHS_GEN,
  monthShort: RU_MONTHS_SHORT,
  dayNames: RU_DAYS,
  dayShort: RU_DAYS_SHORT,
};

const EN_GB: LocaleInfo = {
  ...EN_US,
  dateOrder: 'DMY',
  dateFormat: 'dd/MM/yyyy',
  dateTimeFormat: 'dd/MM/yyyy HH:mm:ss',
  timeFormat: 'HH:mm:ss',
  currencyFormat: '[$£-809]#,##0.00',
};

const DE: LocaleInfo = {
  ...EN_US,
  decimal: ',',
  group: '.',
  groupInput: ['.'],
  dateOrder: 'DMY',
  dateSeparator: '.',
  dateFormat: 'dd.MM.yyyy',
  dateTimeFormat: 'dd.MM.yyyy HH:mm:ss',
  timeFormat: 'HH:mm:ss',
  currencyFormat: '#,##0.00 [$€-407]',
};

const localeCache = new Map<string, LocaleInfo>();

export function localeInfo(locale: string): LocaleInfo {
  let info = localeCache.get(locale);
  if (!info) {
    info = resolveLocale(locale);
    localeCache.set(locale, info);
  }
  return info;
}

function resolveLocale(locale: string): LocaleInfo {
  const l = locale.toLowerCase();
  if (l.startsWith('ru') || l.startsWith('uk') || l.startsWith('be') || l.startsWith('kk')) return RU;
  if (l.startsWith('de') || l.startsWith('fr') || l.startsWith('es') || l.startsWith('it') || l.startsWith('pl'))
    return DE;
  if (l === 'en_us' || l === 'en') return EN_US;
  if (l.startsWith('en_')) return EN_GB;
  return EN_US;
}

export function isRussian(locale: string): boolean {
  return localeInfo(locale) === RU;
}

/** What typed text becomes: a value plus the number format Sheets applies automatically, if any. */
export interface ParsedInput {
  value: number | string | boolean;
  format?: string;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length <= 2) return n < 30 ? 2000 + n : 1900 + n;
  return n;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999) return false;
  const dim = new Date(Date.UTC(2000, m, 0)).getUTCDate();
  if (m === 2) return d <= (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28);
  return d <= dim;
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?(?:\s*([aApP])\.?[mM]\.?)?$/;

function parseTime(text: string): number | null {
  if (!/^\d{1,2}:/.test(text)) return null;
  const m = TIME.exec(text);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const s = m[3] ? Number(m[3]) : 0;
  const frac = m[4] ? Number(`0.${m[4]}`) : 0;
  if (m[5]) {
    if (h < 1 || h > 12) return null;
    const pm = m[5].toLowerCase() === 'p';
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || min > 59 || s > 59) return null;
  return (h * 3600 + min * 60 + s + frac) / 86400;
}

function parseDate(text: string, info: LocaleInfo, currentYear: number): { serial: number; withTime: boolean } | null {
  if (!/^\d{1,4}[-/.]\d/.test(text)) return null;
  const [datePart, ...rest] = text.split(/\s+/);
  const timeText = rest.join(' ');
  let time = 0;
  if (timeText) {
    const t = parseTime(timeText);
    if (t === null) return null;
    time = t;
  }
  let y: number;
  let mo: number;
  let d: number;
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(datePart);
  if (iso) {
    y = Number(iso[1]);
    mo = Number(iso[2]);
    d = Number(iso[3]);
  } else {
    const sep = info.dateSeparator === '.' ? '[./]' : '[/.-]';
    const m = new RegExp(`^(\\d{1,2})${sep}(\\d{1,2})(?:${sep}(\\d{2}|\\d{4}))?$`).exec(datePart);
    if (!m) return null;
    // A bare 'd.m' in ru or 'm/d' in en is a date of the current year, as Sheets reads it.
    y = m[3] ? fullYear(m[3]) : currentYear;
    if (info.dateOrder === 'MDY') {
      mo = Number(m[1]);
      d = Number(m[2]);
    } else {
      d = Number(m[1]);
      mo = Number(m[2]);
    }
  }
  if (!validDate(y, mo, d)) return null;
  return { serial: partsToSerial(y, mo, d) + time, withTime: Boolean(timeText) };
}

const numberPatterns = new Map<LocaleInfo, RegExp>();

function numberPattern(info: LocaleInfo): RegExp {
  let re = numberPatterns.get(info);
  if (!re) {
    const group = info.groupInput.map((g) => g.replace(/[.]/, '\\.')).join('|');
    const dec = info.decimal === '.' ? '\\.' : info.decimal;
    re = new RegExp(`^(\\d{1,3}(?:(?:${group})\\d{3})+|\\d+)?(?:${dec}(\\d+))?(?:[eE]([-+]?\\d+))?$`);
    numberPatterns.set(info, re);
  }
  return re;
}

function parseNumber(text: string, info: LocaleInfo): ParsedInput | null {
  let s = text;
  let currency = false;
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  let negative = false;
  if (/^[-−]/.test(s)) {
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  if (info === EN_US && s.startsWith('$')) {
    currency = true;
    s = s.slice(1).trim();
  } else if (info === RU && /\s*(₽|р\.|руб\.?)$/.test(s)) {
    currency = true;
    s = s.replace(/\s*(₽|р\.|руб\.?)$/, '');
  }
  if (!negative && /^[-−]/.test(s)) {
    negative = true;
    s = s.slice(1);
  }
  const m = numberPattern(info).exec(s);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const grouped = m[1] !== undefined && !/^\d+$/.test(m[1]);
  const intDigits = (m[1] ?? '0').replace(/\D/g, '');
  let value = Number(`${intDigits}.${m[2] ?? '0'}${m[3] !== undefined ? `e${m[3]}` : ''}`);
  if (!Number.isFinite(value)) return null;
  if (negative) value = -value;
  const decimals = m[2]?.length ?? 0;
  if (percent) {
    value = value / 100;
    return { value, format: decimals > 0 ? '0.00%' : '0%' };
  }
  if (currency) return { value, format: info.currencyFormat };
  if (grouped) return { value, format: decimals > 0 ? '#,##0.00' : '#,##0' };
  if (m[3] !== undefined) return { value, format: '0.00E+00' };
  return { value };
}

/** Parses text as a person typing it into a cell of this locale would have it read (no formula handling here). */
export function parseTypedInput(raw: string, locale: string, currentYear: () => number): ParsedInput {
  const info = localeInfo(locale);
  const text = raw.trim();
  if (text === '') return { value: raw };
  // Fast path: text that starts like a word is text (bulk writes of names must stay cheap).
  if (/^[^\d+\-−$.,:(]/.test(text) && !/^(true|false|истина|ложь)$/i.test(text)) return { value: raw };
  if (/^true$/i.test(text)) return { value: true };
  if (/^false$/i.test(text)) return { value: false };
  if (info === RU && /^истина$/i.test(text)) return { value: true };
  if (info === RU && /^ложь$/i.test(text)) return { value: false };
  const num = parseNumber(text, info);
  if (num) return num;
  const time = parseTime(text);
  if (time !== null) return { value: time, format: info.timeFormat };
  const date = parseDate(text, info, currentYear());
  if (date) return { value: date.serial, format: date.withTime ? info.dateTimeFormat : info.dateFormat };
  return { value: raw };
}
