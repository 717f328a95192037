// Zone offsets through Intl, shared by the runtime, the spreadsheet and the playground: how far a zone's wall clock
// stands from UTC at an instant, and the instant a wall time denotes.

/** A wall-clock reading: what a clock on the wall shows, no zone attached. */
export interface WallTime {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A fixed offset written as Java accepts it ('GMT+3', 'GMT+03:00', 'UTC', 'GMT'), in minutes; else undefined. */
export function fixedOffsetMinutes(tz: string): number | undefined {
  if (tz === 'UTC' || tz === 'GMT' || tz === 'Z' || tz === 'Etc/UTC' || tz === 'Etc/GMT') return 0;
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(tz);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Wall clock minus UTC at the instant, in ms, to the second (Moscow → 10_800_000). */
export function zoneOffsetMs(utcMs: number, tz: string): number {
  const fixed = fixedOffsetMinutes(tz);
  if (fixed !== undefined) return fixed * 60_000;
  const parts = formatter(tz).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const wall = Date.UTC(year, get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant whose wall clock in the zone reads `wallMs` (a wall time written as if it were UTC). Two passes settle
 * the offset next to a DST change; inside a gap the later offset wins, as in Sheets.
 */
export function wallToUtc(
  wallMs: number,
  tz: string,
  offset: (utcMs: number, tz: string) => number = zoneOffsetMs,
): number {
  const guess = wallMs - offset(wallMs, tz);
  return wallMs - offset(guess, tz);
}
