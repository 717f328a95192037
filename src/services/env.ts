// Small wrappers over Apps Script services the server needs: user, time, document properties and cache, locks.

export class LockBusyError extends Error {
  constructor() {
    super('lock busy');
    this.name = 'LockBusyError';
  }
}

/** The signed-in user's email, or '' where Google hides it (consumer accounts, some triggers). */
export function userEmail(): string {
  try {
    return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || '';
  } catch (_e) {
    return '';
  }
}

/** Calendar date and wall time of an instant in the spreadsheet's time zone. */
export function wallClock(tz: string, at: Date = new Date()): { today: string; now: string } {
  const stamp = Utilities.formatDate(at, tz, "yyyy-MM-dd'T'HH:mm");
  return { today: stamp.slice(0, 10), now: stamp };
}

const toDateMemo = new Map<string, number>();
const toWallMemo = new Map<string, string>();

/** 'yyyy-mm-dd' or 'yyyy-mm-ddTHH:mm' wall time in tz → the Date a Sheets date cell holds (memoised: bulk writes). */
export function wallToDate(value: string, tz: string): Date {
  const key = `${tz}|${value}`;
  let ms = toDateMemo.get(key);
  if (ms === undefined) {
    const d =
      value.length > 10
        ? Utilities.parseDate(value.slice(0, 16).replace('T', ' '), tz, 'yyyy-MM-dd HH:mm')
        : Utilities.parseDate(value, tz, 'yyyy-MM-dd');
    ms = d.getTime();
    toDateMemo.set(key, ms);
  }
  return new Date(ms);
}

const DAY_MS = 86400000;
// Per zone and UTC day: the zone's offset (ms) when it holds all day, null on a day the offset changes.
const dayOffsets = new Map<string, number | null>();

/** The zone's offset at a whole second: its wall clock then, read as if it were UTC, minus the instant. */
function offsetAt(ms: number, tz: string): number {
  const w = Utilities.formatDate(new Date(ms), tz, 'yyyy-MM-dd HH:mm:ss');
  return (
    Date.UTC(
      +w.slice(0, 4),
      +w.slice(5, 7) - 1,
      +w.slice(8, 10),
      +w.slice(11, 13),
      +w.slice(14, 16),
      +w.slice(17, 19),
    ) - ms
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A Sheets date cell as wall time in tz ('yyyy-mm-dd', or 'yyyy-mm-ddTHH:mm' withTime). A journal of a million rows
 * holds a million instants but a few hundred days: the zone's offset is read twice per day (its start and end), and
 * only a day when the clocks change asks Utilities for each instant.
 */
export function dateToWall(d: Date, tz: string, withTime: boolean): string {
  const ms = d.getTime();
  const day = Math.floor(ms / DAY_MS);
  const dayKey = `${tz}|${day}`;
  let offset = dayOffsets.get(dayKey);
  if (offset === undefined) {
    const start = offsetAt(day * DAY_MS, tz);
    offset = start === offsetAt((day + 1) * DAY_MS - 1000, tz) ? start : null;
    dayOffsets.set(dayKey, offset);
  }
  if (offset === null) {
    const key = `${tz}|${withTime ? 1 : 0}|${ms}`;
    let wall = toWallMemo.get(key);
    if (wall === undefined) {
      wall = Utilities.formatDate(d, tz, withTime ? "yyyy-MM-dd'T'HH:mm" : 'yyyy-MM-dd');
      toWallMemo.set(key, wall);
    }
    return wall;
  }
  const w = new Date(ms + offset);
  const date = `${String(w.getUTCFullYear()).padStart(4, '0')}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
  return withTime ? `${date}T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}` : date;
}

/** Runs fn under the document lock; throws LockBusyError (nothing written) when the lock cannot be had in time. */
export function withDocumentLock<T>(timeoutMs: number, fn: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock?.tryLock(timeoutMs)) throw new LockBusyError();
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

const PREFIX = 'kartoteka.';

export function docProps(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

export function readJsonProp<T>(key: string): T | undefined {
  const raw = docProps().getProperty(PREFIX + key);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch (_e) {
    return undefined;
  }
}

export function writeJsonProp(key: string, value: unknown): void {
  docProps().setProperty(PREFIX + key, JSON.stringify(value));
}

export function deleteProp(key: string): void {
  docProps().deleteProperty(PREFIX + key);
}

function docCache(): GoogleAppsScript.Cache.Cache | null {
  try {
    return CacheService.getDocumentCache();
  } catch (_e) {
    return null;
  }
}

export function cacheGet<T>(key: string): T | undefined {
  const raw = docCache()?.get(PREFIX + key);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch (_e) {
    return undefined;
  }
}

export function cacheGetAll<T>(keys: string[]): Record<string, T> {
  const cache = docCache();
  const out: Record<string, T> = {};
  if (!cache || !keys.length) return out;
  const raw = cache.getAll(keys.map((k) => PREFIX + k));
  for (const k of keys) {
    const v = raw[PREFIX + k];
    if (!v) continue;
    try {
      out[k] = JSON.parse(v) as T;
    } catch (_e) {
      // a corrupt entry is a miss
    }
  }
  return out;
}

/** Stores JSON; values over the cache's 100 KB limit are skipped (a cache miss later is harmless). */
export function cachePut(key: string, value: unknown, seconds = 21600): void {
  const text = JSON.stringify(value);
  if (text.length > 95000) return;
  docCache()?.put(PREFIX + key, text, seconds);
}

export function cachePutAll(entries: Record<string, unknown>, seconds = 21600): void {
  const cache = docCache();
  if (!cache) return;
  const batch: Record<string, string> = {};
  for (const [k, v] of Object.entries(entries)) {
    const text = JSON.stringify(v);
    if (text.length <= 95000) batch[PREFIX + k] = text;
  }
  if (Object.keys(batch).length) cache.putAll(batch, seconds);
}

export function cacheRemove(keys: string[]): void {
  const cache = docCache();
  if (cache && keys.length) cache.removeAll(keys.map((k) => PREFIX + k));
}
