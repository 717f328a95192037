// Time-zone arithmetic: Sheets stores date-times as serial days since 1899-12-30 in the spreadsheet's wall clock.

const DAY_MS = 86_400_000;
/** Serial of 1970-01-01 in the 1899-12-30 epoch. */
const UNIX_EPOCH_SERIAL = 25_569;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset (wall clock minus UTC, in ms) of the zone at a UTC instant; cached per quarter hour. */
export function zoneOffset(utcMs: number, timeZone: string): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  const bucket = Math.floor(utcMs / 900_000);
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  const parts = formatter(timeZone).formatToParts(new Date(bucket * 900_000));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const wall = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = wall - bucket * 900_000;
  if (cache.size > 200_000) cache.clear();
  cache.set(bucket, offset);
  return offset;
}

/** A JS instant → Sheets serial in the zone's wall clock. */
export function dateToSerial(utcMs: number, timeZone: string): number {
  const wall = utcMs + zoneOffset(utcMs, timeZone);
  return wall / DAY_MS + UNIX_EPOCH_SERIAL;
}

/** A Sheets serial (wall clock of the zone) → the JS instant it denotes. */
export function serialToDate(serial: number, timeZone: string): number {
  const wall = Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS);
  // Two passes settle the offset except inside a DST gap, where the later offset wins as in Sheets.
  let guess = wall - zoneOffset(wall, timeZone);
  guess = wall - zoneOffset(guess, timeZone);
  return guess;
}

/** Wall-clock parts of a serial (no zone involved). */
export function serialParts(serial: number): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number;
} {
  const wall = Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS);
  const d = new Date(wall);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

export function partsToSerial(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / DAY_MS + UNIX_EPOCH_SERIAL;
}
