// Calendar helpers of the morning run: reading date cells as records hold them, observed birthdays, wall-clock
// minutes, and formatting a date the way a Sheets number format ('dd.mm.yyyy', 'm/d/yyyy hh:mm') shows it.
import type { Lang } from '../../i18n';
import { parseDateInput } from '../normalize/date';

// Day numbers by integer arithmetic (days from civil, proleptic Gregorian): the rules run on every client row each
// morning, and building Date objects for each comparison costs more than the whole rule.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 of a 'yyyy-mm-dd' day (the first 10 characters of the text are read). */
export function dayNumber(day: string): number {
  return daysFromCivil(
    (day.charCodeAt(0) - 48) * 1000 +
      (day.charCodeAt(1) - 48) * 100 +
      (day.charCodeAt(2) - 48) * 10 +
      day.charCodeAt(3) -
      48,
    (day.charCodeAt(5) - 48) * 10 + day.charCodeAt(6) - 48,
    (day.charCodeAt(8) - 48) * 10 + day.charCodeAt(9) - 48,
  );
}

/** The 'yyyy-mm-dd' day of a day number. */
export function dayFromNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return iso(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/** The day n days after day (n may be negative). */
export function plusDays(day: string, n: number): string {
  return dayFromNumber(dayNumber(day) + n);
}

/** Whole days from a to b: positive when b is later. */
export function daysFrom(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

export type Feb29Policy = 'feb28' | 'mar1';

/** How the reader may interpret text that is not already 'yyyy-mm-dd'. */
export interface DateReading {
  today: string;
  /** The spreadsheet locale: decides day/month order of typed text like 03/04/2026. */
  locale?: string;
  /** The spreadsheet zone (only used for text carrying its own zone offset). */
  timeZone?: string;
}

export type DayResult = { ok: true; day: string; time: string } | { ok: false };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/;
const TIME = /(?:^|[\sT,])(\d{1,2}):(\d{2})(?::\d{2})?\s*$/;

/**
 * A date cell as records carry it ('yyyy-mm-dd', 'yyyy-mm-ddTHH:mm', or text typed where the format was lost,
 * like '15.03.2026 10:30') → the calendar day and 'HH:mm' ('' when there is none). Empty → ok with day ''.
 */
export function readDay(value: unknown, reading: DateReading): DayResult {
  if (value === null || value === undefined || value === '') return { ok: true, day: '', time: '' };
  const text = typeof value === 'string' ? value.trim() : value;
  if (text === '') return { ok: true, day: '', time: '' };
  if (typeof text === 'string') {
    const iso = ISO_DAY.exec(text);
    if (iso && validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]))) {
      return { ok: true, day: text.slice(0, 10), time: iso[4] ? `${iso[4]}:${iso[5]}` : '' };
    }
  }
  const parsed = parseDateInput(text, {
    timeZone: reading.timeZone ?? 'UTC',
    locale: reading.locale,
    today: reading.today,
  });
  if (!parsed.ok || parsed.value === '') return { ok: false };
  let time = '';
  if (typeof text === 'string') {
    const t = TIME.exec(text);
    if (t && Number(t[1]) < 24) time = `${t[1].padStart(2, '0')}:${t[2]}`;
  }
  return { ok: true, day: parsed.value, time };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function validDay(y: number, m: number, d: number): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The day a birthday is celebrated in year y: 29 February moves to 28 February or 1 March in common years. */
export function observedBirthday(birthDay: string, year: number, policy: Feb29Policy): string {
  const m = Number(birthDay.slice(5, 7));
  const d = Number(birthDay.slice(8, 10));
  if (m === 2 && d === 29 && !isLeapYear(year)) return policy === 'mar1' ? iso(year, 3, 1) : iso(year, 2, 28);
  return iso(year, m, d);
}

/** Observed birthdays in the year before, of and after today's (enough for any window under a year). */
export function birthdaysAround(birthDay: string, today: string, policy: Feb29Policy): string[] {
  const y = Number(today.slice(0, 4));
  return [y - 1, y, y + 1].map((year) => observedBirthday(birthDay, year, policy));
}

/** Minutes since 1970 of a wall time 'yyyy-mm-ddTHH:mm' (or a bare day at 00:00); NaN when unreadable. */
export function wallMinutes(wall: string): number {
  const m = ISO_DAY.exec(String(wall ?? '').slice(0, 16));
  if (!m || !validDay(Number(m[1]), Number(m[2]), Number(m[3]))) return Number.NaN;
  return dayNumber(wall) * 1440 + Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0);
}

const MONTHS: Record<Lang, { full: string[]; alone: string[]; short: string[] }> = {
  ru: {
    // Genitive beside a day ('15 марта 2026'), nominative alone ('март 2026'), as Sheets shows them.
    alone: [
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
    ],
    full: [
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
    ],
    short: ['янв.', 'февр.', 'мар.', 'апр.', 'мая', 'июн.', 'июл.', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'],
  },
  en: {
    alone: [],
    full: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    short: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
};
const WEEKDAYS: Record<Lang, { full: string[]; short: string[] }> = {
  ru: {
    full: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
    short: ['Вс', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'],
  },
  en: {
    full: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    short: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  },
};

// Quoted text, backslash escapes, AM/PM markers and runs of one format letter.
const TOKEN = /"[^"]*"|\\.|am\/pm|a\/p|([dmyhs])\1*|./gi;

/**
 * Formats a day ('yyyy-mm-dd') and an optional 'HH:mm' with a Sheets date/time number format: d dd ddd dddd,
 * m mm mmm mmmm (minutes after h or before s), yy yyyy, h hh, ss, AM/PM, "quoted text". Time tokens with no time
 * given are dropped with the separators around them, so 'dd.mm.yyyy hh:mm' shows a bare date as '15.03.2026'.
 */
export function formatSheetDate(day: string, pattern: string, lang: Lang, time = ''): string {
  if (!day) return '';
  const y = Number(day.slice(0, 4));
  const mo = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  const [hh, mi] = time ? time.split(':').map(Number) : [0, 0];
  const tokens = pattern.match(TOKEN) ?? [];
  const twelve = tokens.some((t) => /^(am\/pm|a\/p)$/i.test(t));
  const isTime = (t: string) => /^[hs]/i.test(t) || /^(am\/pm|a\/p)$/i.test(t);
  // 'm' is minutes right after an hour token or right before a seconds token (as in Sheets).
  const kinds = tokens.map((t, i) => {
    if (!/^m+$/i.test(t) || t.length > 2) return isTime(t) ? 'time' : 'date';
    const prev = tokens
      .slice(0, i)
      .reverse()
      .find((x) => /^[a-z]/i.test(x) && !/^"/.test(x));
    const next = tokens.slice(i + 1).find((x) => /^[a-z]/i.test(x) && !/^"/.test(x));
    return (prev && /^h/i.test(prev)) || (next && /^s/i.test(next)) ? 'time' : 'date';
  });
  const weekday = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  const withDay = tokens.some((t) => /^d+$/i.test(t));
  const fullMonths = withDay || !MONTHS[lang].alone.length ? MONTHS[lang].full : MONTHS[lang].alone;
  let out = '';
  let lastDate = -1;
  const parts: Array<{ text: string; kind: 'date' | 'time' | 'lit' }> = [];
  tokens.forEach((t, i) => {
    const lower = t.toLowerCase();
    let text: string;
    let kind: 'date' | 'time' | 'lit' = kinds[i] === 'time' ? 'time' : 'date';
    if (t.startsWith('"')) {
      text = t.slice(1, -1);
      kind = 'lit';
    } else if (t.startsWith('\\')) {
      text = t.slice(1);
      kind = 'lit';
    } else if (lower === 'am/pm') text = hh < 12 ? 'AM' : 'PM';
    else if (lower === 'a/p') text = hh < 12 ? 'A' : 'P';
    else if (/^d+$/.test(lower)) {
      text =
        lower.length === 1
          ? String(d)
          : lower.length === 2
            ? pad(d)
            : lower.length === 3
              ? WEEKDAYS[lang].short[weekday]
              : WEEKDAYS[lang].full[weekday];
    } else if (/^y+$/.test(lower)) text = lower.length <= 2 ? pad(y % 100) : String(y);
    else if (/^h+$/.test(lower)) {
      const h = twelve ? ((hh + 11) % 12) + 1 : hh;
      text = lower.length === 1 ? String(h) : pad(h);
    } else if (/^s+$/.test(lower)) text = '00';
    else if (/^m+$/.test(lower)) {
      if (kinds[i] === 'time') text = lower.length === 1 ? String(mi) : pad(mi);
      else
        text =
          lower.length === 1
            ? String(mo)
            : lower.length === 2
              ? pad(mo)
              : lower.length === 3
                ? MONTHS[lang].short[mo - 1]
                : fullMonths[mo - 1];
    } else {
      text = t;
      kind = 'lit';
    }
    parts.push({ text, kind });
  });
  if (!time) {
    // A bare date: only what lies between the first and the last date token, time tokens left out.
    const first = parts.findIndex((p) => p.kind === 'date');
    for (let i = 0; i < parts.length; i++) if (parts[i].kind === 'date') lastDate = i;
    if (first < 0) return '';
    for (let i = first; i <= lastDate; i++) if (parts[i].kind !== 'time') out += parts[i].text;
    return out.trim();
  }
  return parts
    .map((p) => p.text)
    .join('')
    .trim();
}

function pad(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** 'HH:mm' shown with the time part of a Sheets format ('hh:mm' → 14:05, 'h:mm AM/PM' → 2:05 PM). */
export function formatSheetTime(time: string, pattern: string, lang: Lang): string {
  if (!time) return '';
  const timePart = /[h].*$/i.exec(pattern)?.[0] ?? 'hh:mm';
  return formatSheetDate('2000-01-01', timePart, lang, time);
}
