// Time-zone arithmetic: Sheets stores date-times as serial days since 1899-12-30 in the spreadsheet's wall clock.
import { type WallTime, wallToUtc, zoneOffsetMs } from '../shared/tz';

const DAY_MS = 86_400_000;
/** Serial of 1970-01-01 in the 1899-12-30 epoch. */
const UNIX_EPOCH_SERIAL = 25_569;

const offsetCache = new Map<string, Map<number, number>>();

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
  const offset = zoneOffsetMs(bucket * 900_000, timeZone);
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
  return wallToUtc(wall, timeZone, zoneOffset);
}

/** Wall-clock parts of a serial (no zone involved). */
export function serialParts(serial: number): WallTime & { weekday: number } {
  // Civil-from-days arithmetic (no Date allocation: display formatting calls this per cell).
  const totalMs = Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS);
  const days = Math.floor(totalMs / DAY_MS);
  let rest = totalMs - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millisecond = rest - second * 1000;
  const weekday = (((days + 4) % 7) + 7) % 7;
  return { year, month, day, hour, minute, second, millisecond, weekday };
}

export function partsToSerial(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / DAY_MS + UNIX_EPOCH_SERIAL;
}
