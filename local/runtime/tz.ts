// Time zones for the runtime: wall-clock fields of an instant in an IANA zone and the instant of a wall time, via Intl.
import { fixedOffsetMinutes, type WallTime, zoneOffsetMs } from '../shared/tz';

/** True when Intl knows the zone (or it is a fixed GMT offset). */
export function isKnownZone(tz: string): boolean {
  if (fixedOffsetMinutes(tz) !== undefined) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Java's TimeZone.getTimeZone falls back to GMT for an unknown id; Apps Script inherits that. */
export function normalizeZone(tz: string | undefined): string {
  if (!tz) return 'GMT';
  return isKnownZone(tz) ? tz : 'GMT';
}

/** Offset of the zone from UTC at the instant, in minutes (Moscow → 180). */
export function offsetMinutes(ms: number, tz: string): number {
  return Math.round(zoneOffsetMs(ms, tz) / 60000);
}

/** Wall-clock fields of an instant in the zone. */
export function wallTime(ms: number, tz: string): WallTime {
  const shifted = new Date(ms + offsetMinutes(ms, tz) * 60000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
  };
}

/** The instant whose wall time in the zone is the given one; a time skipped by DST moves forward like Java's. */
export function instantOf(w: Partial<WallTime> & { year: number }, tz: string): number {
  const asUtc = Date.UTC(
    w.year,
    (w.month ?? 1) - 1,
    w.day ?? 1,
    w.hour ?? 0,
    w.minute ?? 0,
    w.second ?? 0,
    w.millisecond ?? 0,
  );
  // Candidates from the offsets around that moment; a valid one reads back as the asked wall time.
  const offsets = [...new Set([-86400000, 0, 86400000].map((d) => offsetMinutes(asUtc + d, tz)))];
  const valid = offsets.map((o) => asUtc - o * 60000).filter((c) => asUtc - c === offsetMinutes(c, tz) * 60000);
  // Twice-lived wall times (autumn) take the earlier instant; skipped ones (spring) move forward like Java's lenient calendar.
  if (valid.length) return Math.min(...valid);
  return asUtc - Math.min(...offsets) * 60000;
}

/** Day of week of a wall date: 0 = Sunday. */
export function weekDay(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/**
 * Reads an ISO-like date-time. Without an offset it is wall time in `tz`
 * ('2026-03-15T09:00:00' in Europe/Moscow is 06:00 UTC); with 'Z' or '+03:00' it is absolute.
 */
export function parseInstant(value: string | number | Date, tz: string): number {
  if (typeof value === 'number') return value;
  if (Object.prototype.toString.call(value) === '[object Date]') return (value as Date).getTime();
  const text = String(value).trim();
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) throw new Error(`cannot read the time '${text}': use yyyy-mm-ddThh:mm[:ss] with an optional offset`);
  const fields = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: Number((m[7] ?? '0').padEnd(3, '0')),
  };
  if (!m[8]) return instantOf(fields, tz);
  const utc = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    fields.millisecond,
  );
  if (m[8] === 'Z') return utc;
  const off = /([+-])(\d{2}):?(\d{2})/.exec(m[8])!;
  const minutes = (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3]));
  return utc - minutes * 60000;
}

// Java's short zone names ('z') for zones our users live in; other zones fall back to 'GMT+hh:mm' like Java does.
const SHORT_NAMES: Record<string, [string, string]> = {
  'Europe/Moscow': ['MSK', 'MSK'],
  'Europe/Kaliningrad': ['EET', 'EET'],
  'Europe/Samara': ['SAMT', 'SAMT'],
  'Asia/Yekaterinburg': ['YEKT', 'YEKT'],
  'Asia/Omsk': ['OMST', 'OMST'],
  'Asia/Novosibirsk': ['NOVT', 'NOVT'],
  'Asia/Krasnoyarsk': ['KRAT', 'KRAT'],
  'Asia/Irkutsk': ['IRKT', 'IRKT'],
  'Asia/Yakutsk': ['YAKT', 'YAKT'],
  'Asia/Vladivostok': ['VLAT', 'VLAT'],
  'Asia/Magadan': ['MAGT', 'MAGT'],
  'Asia/Kamchatka': ['PETT', 'PETT'],
  'Europe/Minsk': ['MSK', 'MSK'],
  'Europe/Kiev': ['EET', 'EEST'],
  'Europe/Kyiv': ['EET', 'EEST'],
  'Europe/London': ['GMT', 'BST'],
  'Europe/Berlin': ['CET', 'CEST'],
  'Europe/Paris': ['CET', 'CEST'],
  'America/New_York': ['EST', 'EDT'],
  'America/Chicago': ['CST', 'CDT'],
  'America/Denver': ['MST', 'MDT'],
  'America/Los_Angeles': ['PST', 'PDT'],
  'Asia/Tokyo': ['JST', 'JST'],
  UTC: ['UTC', 'UTC'],
  'Etc/UTC': ['UTC', 'UTC'],
  GMT: ['GMT', 'GMT'],
};

function isDaylight(ms: number, tz: string): boolean {
  const year = new Date(ms).getUTCFullYear();
  const jan = offsetMinutes(Date.UTC(year, 0, 1), tz);
  const jul = offsetMinutes(Date.UTC(year, 6, 1), tz);
  return jan !== jul && offsetMinutes(ms, tz) === Math.max(jan, jul);
}

/** 'GMT+03:00' style, as Java prints an offset-only zone. */
export function gmtOffsetName(minutes: number): string {
  if (minutes === 0) return 'GMT';
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `GMT${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

export function shortZoneName(ms: number, tz: string): string {
  const names = SHORT_NAMES[tz];
  if (names) return names[isDaylight(ms, tz) ? 1 : 0];
  return gmtOffsetName(offsetMinutes(ms, tz));
}

export function longZoneName(ms: number, tz: string): string {
  if (fixedOffsetMinutes(tz) !== undefined)
    return tz === 'UTC' ? 'Coordinated Universal Time' : gmtOffsetName(offsetMinutes(ms, tz));
  const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? gmtOffsetName(offsetMinutes(ms, tz));
}
