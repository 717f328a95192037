// Java SimpleDateFormat patterns, as Utilities.formatDate / parseDate apply them (English names, real IANA zones).

import { EN_DAYS, EN_MONTHS } from '../shared/names';
import type { WallTime } from '../shared/tz';
import { instantOf, longZoneName, normalizeZone, offsetMinutes, shortZoneName, wallTime, weekDay } from './tz';

type Token = { letter: string; count: number } | { text: string };

/** Splits a SimpleDateFormat pattern into letter runs and literal text ('' is a quote, 'text' is literal). */
export function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let literal = '';
  const flush = () => {
    if (literal) tokens.push({ text: literal });
    literal = '';
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        literal += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new Error(`Unterminated quote in the pattern '${pattern}'`);
      // Inside quotes, '' is one quote.
      let j = i + 1;
      while (j < pattern.length) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          literal += "'";
          j += 2;
        } else if (pattern[j] === "'") break;
        else literal += pattern[j++];
      }
      if (j >= pattern.length) throw new Error(`Unterminated quote in the pattern '${pattern}'`);
      i = j + 1;
      continue;
    }
    if (/[a-zA-Z]/.test(c)) {
      if (!/[GyYMLwWDdFEuaHkKhmsSzZX]/.test(c)) throw new Error(`Illegal pattern character '${c}'`);
      flush();
      let n = 1;
      while (pattern[i + n] === c) n++;
      tokens.push({ letter: c, count: n });
      i += n;
      continue;
    }
    literal += c;
    i++;
  }
  flush();
  return tokens;
}

const pad = (n: number, width: number) => {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
};

function dayOfYear(w: WallTime): number {
  return Math.round((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86400000) + 1;
}

/** Week of year with Java's US rules: weeks start on Sunday, week 1 holds January 1st. */
function weekOfYear(w: WallTime): number {
  const jan1 = weekDay(w.year, 1, 1);
  const week = Math.floor((dayOfYear(w) - 1 + jan1) / 7) + 1;
  // The last days of December belong to week 1 of the next year when that week holds January 1st.
  const next1 = weekDay(w.year + 1, 1, 1);
  const daysLeft = Math.round((Date.UTC(w.year + 1, 0, 1) - Date.UTC(w.year, w.month - 1, w.day)) / 86400000);
  if (next1 !== 0 && daysLeft <= next1) return 1;
  return week;
}

function offsetText(minutes: number, style: 'Z' | 'X', count: number): string {
  if (style === 'X' && minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  const hh = pad(Math.floor(a / 60), 2);
  const mm = pad(a % 60, 2);
  if (style === 'Z') return `${sign}${hh}${mm}`;
  if (count === 1) return `${sign}${hh}${a % 60 ? mm : ''}`;
  if (count === 2) return `${sign}${hh}${mm}`;
  return `${sign}${hh}:${mm}`;
}

/** Utilities.formatDate(date, timeZone, format). */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error('Invalid argument: date');
  const tz = normalizeZone(timeZone);
  const w = wallTime(ms, tz);
  const dow = weekDay(w.year, w.month, w.day);
  let out = '';
  for (const t of tokenize(pattern)) {
    if ('text' in t) {
      out += t.text;
      continue;
    }
    const { letter, count } = t;
    switch (letter) {
      case 'G':
        out += w.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
        out += count === 2 ? pad(w.year % 100, 2) : pad(w.year, count);
        break;
      case 'M':
      case 'L':
        if (count >= 4) out += EN_MONTHS[w.month - 1];
        else if (count === 3) out += EN_MONTHS[w.month - 1].slice(0, 3);
        else out += pad(w.month, count);
        break;
      case 'd':
        out += pad(w.day, count);
        break;
      case 'D':
        out += pad(dayOfYear(w), count);
        break;
      case 'w':
        out += pad(weekOfYear(w), count);
        break;
      case 'W':
        out += pad(Math.floor((w.day - 1 + weekDay(w.year, w.month, 1)) / 7) + 1, count);
        break;
      case 'F':
        out += pad(Math.floor((w.day - 1) / 7) + 1, count);
        break;
      case 'E':
        out += count >= 4 ? EN_DAYS[dow] : EN_DAYS[dow].slice(0, 3);
        break;
      case 'u':
        out += pad(dow === 0 ? 7 : dow, count);
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(w.hour, count);
        break;
      case 'k':
        out += pad(w.hour === 0 ? 24 : w.hour, count);
        break;
      case 'K':
        out += pad(w.hour % 12, count);
        break;
      case 'h':
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, count);
        break;
      case 'm':
        out += pad(w.minute, count);
        break;
      case 's':
        out += pad(w.second, count);
        break;
      case 'S':
        out += pad(w.millisecond, count);
        break;
      case 'z':
        out += count >= 4 ? longZoneName(ms, tz) : shortZoneName(ms, tz);
        break;
      case 'Z':
        out += offsetText(offsetMinutes(ms, tz), 'Z', count);
        break;
      case 'X':
        out += offsetText(offsetMinutes(ms, tz), 'X', count);
        break;
    }
  }
  return out;
}

function unparseable(text: string): Error {
  return new Error(`Unparseable date: "${text}"`);
}

/** Utilities.parseDate(date, timeZone, format): lenient like SimpleDateFormat (out-of-range fields roll over). */
export function parseDate(text: string, timeZone: string, pattern: string, nowMs = Date.now()): Date {
  const tz = normalizeZone(timeZone);
  const tokens = tokenize(pattern);
  const f: WallTime = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  let pm: boolean | undefined;
  let hour12: number | undefined;
  let offset: number | undefined;
  let pos = 0;
  const src = String(text);
  const readNumber = (maxDigits: number, allowSign = false): number => {
    const re = new RegExp(`^${allowSign ? '[+-]?' : ''}\\d{1,${maxDigits}}`);
    const m = re.exec(src.slice(pos));
    if (!m) throw unparseable(src);
    pos += m[0].length;
    return Number(m[0]);
  };
  const readName = (names: string[]): number => {
    const rest = src.slice(pos).toLowerCase();
    // Longest match first, full names before abbreviations.
    for (const full of [true, false]) {
      for (let i = 0; i < names.length; i++) {
        const name = (full ? names[i] : names[i].slice(0, 3)).toLowerCase();
        if (rest.startsWith(name)) {
          pos += name.length;
          return i;
        }
      }
    }
    throw unparseable(src);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if ('text' in t) {
      for (const ch of t.text) {
        if (ch === ' ') {
          while (src[pos] === ' ') pos++;
          continue;
        }
        if (src[pos] !== ch) throw unparseable(src);
        pos++;
      }
      continue;
    }
    // Adjacent numeric fields ('yyyyMMdd') take exactly their width.
    const next = tokens[i + 1];
    const abutting = next && 'letter' in next;
    const width = (n: number) => (abutting ? Math.max(t.count, 1) : n);
    switch (t.letter) {
      case 'y':
      case 'Y': {
        const start = pos;
        const y = readNumber(width(abutting ? t.count : 9), true);
        const digits = pos - start;
        if (t.count <= 2 && digits <= 2) {
          // Java's two-digit window: 80 years before now to 20 years after.
          const floor = new Date(nowMs).getUTCFullYear() - 80;
          let full = floor - (floor % 100) + y;
          if (full < floor) full += 100;
          f.year = full;
        } else f.year = y;
        break;
      }
      case 'M':
      case 'L':
        f.month = t.count >= 3 ? readName(EN_MONTHS) + 1 : readNumber(width(2));
        break;
      case 'd':
        f.day = readNumber(width(2));
        break;
      case 'E':
        readName(EN_DAYS);
        break;
      case 'u':
      case 'F':
      case 'w':
      case 'W':
      case 'D':
        readNumber(width(3));
        break;
      case 'a': {
        const rest = src.slice(pos).toUpperCase();
        if (rest.startsWith('AM')) pm = false;
        else if (rest.startsWith('PM')) pm = true;
        else throw unparseable(src);
        pos += 2;
        break;
      }
      case 'H':
        f.hour = readNumber(width(2));
        break;
      case 'k':
        f.hour = readNumber(width(2)) % 24;
        break;
      case 'h':
        hour12 = readNumber(width(2)) % 12;
        break;
      case 'K':
        hour12 = readNumber(width(2));
        break;
      case 'm':
        f.minute = readNumber(width(2));
        break;
      case 's':
        f.second = readNumber(width(2));
        break;
      case 'S':
        f.millisecond = readNumber(width(3));
        break;
      case 'G':
        readName(['AD', 'BC']);
        break;
      case 'z':
      case 'Z':
      case 'X': {
        const m = /^(?:Z|(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?|GMT|UTC)/.exec(src.slice(pos));
        if (!m) throw unparseable(src);
        pos += m[0].length;
        offset = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
        break;
      }
    }
  }
  if (hour12 !== undefined) f.hour = hour12 + (pm ? 12 : 0);
  else if (pm && f.hour < 12) f.hour += 12;
  // Leniency: let Date.UTC roll months, days and hours over, then read the wall time back.
  const rolled = new Date(Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond));
  if (f.year >= 0 && f.year < 100) rolled.setUTCFullYear(f.year);
  const wall: WallTime = {
    year: rolled.getUTCFullYear(),
    month: rolled.getUTCMonth() + 1,
    day: rolled.getUTCDate(),
    hour: rolled.getUTCHours(),
    minute: rolled.getUTCMinutes(),
    second: rolled.getUTCSeconds(),
    millisecond: rolled.getUTCMilliseconds(),
  };
  if (offset !== undefined) return new Date(rolled.getTime() - offset * 60000);
  return new Date(instantOf(wall, tz));
}
