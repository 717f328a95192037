// When marketing letters may go: the sending window (weekdays and hours in the sheet's zone) and the frequency caps
// (letters per 7 and per 30 days per client). Wall times are 'yyyy-mm-ddTHH:mm' in the sheet's zone.
import { dayFromNumber, dayNumber, wallMinutes } from '../reminders/dates';

export interface SendWindow {
  /** ISO weekdays 1 (Monday) … 7 (Sunday). */
  days: number[];
  /** Hours [from, to): the first letter at from:00, none from to:00 on. */
  from: number;
  to: number;
}

export interface Caps {
  per7: number;
  per30: number;
}

export const DEFAULT_WINDOW: Readonly<SendWindow> = Object.freeze({ days: [1, 2, 3, 4, 5], from: 10, to: 19 });
export const DEFAULT_CAPS: Readonly<Caps> = Object.freeze({ per7: 2, per30: 6 });

const DAY_NAMES: Array<readonly string[]> = [
  [],
  ['пн', 'пон', 'понедельник', 'mon', 'monday', 'mo'],
  ['вт', 'вто', 'вторник', 'tue', 'tues', 'tuesday', 'tu'],
  ['ср', 'сре', 'среда', 'wed', 'wednesday', 'we'],
  ['чт', 'чет', 'четверг', 'thu', 'thur', 'thurs', 'thursday', 'th'],
  ['пт', 'пят', 'пятница', 'fri', 'friday', 'fr'],
  ['сб', 'суб', 'суббота', 'sat', 'saturday', 'sa'],
  ['вс', 'вос', 'воскресенье', 'sun', 'sunday', 'su'],
];
const SHORT = {
  ru: ['', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'],
  en: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

function dayOf(word: string): number | undefined {
  const w = word.trim().toLowerCase().replace(/\.$/, '');
  if (/^[1-7]$/.test(w)) return Number(w);
  const i = DAY_NAMES.findIndex((names) => names.includes(w));
  return i > 0 ? i : undefined;
}

/** 'пн-пт', 'Mon–Fri', 'пн, ср, пт', '1-5' → sorted ISO weekdays; undefined when a part cannot be read. */
export function parseWeekdays(text: unknown): number[] | undefined {
  const parts = String(text ?? '')
    .replace(/\s*([–—-])\s*/g, '$1')
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return undefined;
  const days = new Set<number>();
  for (const part of parts) {
    const range = part.split(/\s*[–—-]\s*/);
    if (range.length > 2) return undefined;
    const a = dayOf(range[0]);
    const b = range.length === 2 ? dayOf(range[1]) : a;
    if (a === undefined || b === undefined) return undefined;
    for (let d = a; ; d = (d % 7) + 1) {
      days.add(d);
      if (d === b) break;
    }
  }
  return [...days].sort((x, y) => x - y);
}

/** Weekdays as people write them: runs joined ('пн–пт', 'Mon–Fri, Sun'). */
export function formatWeekdays(days: readonly number[], lang: 'ru' | 'en'): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const [a, b] = [SHORT[lang][sorted[i]], SHORT[lang][sorted[j]]];
    runs.push(j === i ? a : j === i + 1 ? `${a}, ${b}` : `${a}–${b}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/** ISO weekday of a day 'yyyy-mm-dd' (1 Monday … 7 Sunday). */
export function isoWeekday(day: string): number {
  // Day number 0 is 1970-01-01, a Thursday.
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

export function minutesToWall(minutes: number): string {
  const day = dayFromNumber(Math.floor(minutes / 1440));
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${day}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Whether a letter may go at `wall` (weekdays ignored for letters tied to a day, like holiday greetings). */
export function inWindow(wall: string, window: SendWindow, anyWeekday = false): boolean {
  const hour = Number(wall.slice(11, 13));
  return (anyWeekday || window.days.includes(isoWeekday(wall.slice(0, 10)))) && hour >= window.from && hour < window.to;
}

/** The first moment at or after `wall` inside the window (a Saturday letter goes on Monday at the first hour). */
export function nextWindowSlot(wall: string, window: SendWindow, anyWeekday = false): string {
  if (inWindow(wall, window, anyWeekday)) return wall;
  if (!window.days.length || window.to <= window.from) return wall;
  let day = wall.slice(0, 10);
  const hour = Number(wall.slice(11, 13));
  const fits = (d: string) => anyWeekday || window.days.includes(isoWeekday(d));
  const start = (d: string) => `${d}T${String(window.from).padStart(2, '0')}:00`;
  if (fits(day) && hour < window.from) return start(day);
  for (let i = 0; i < 8; i++) {
    day = dayFromNumber(dayNumber(day) + 1);
    if (fits(day)) return start(day);
  }
  return wall;
}

/**
 * The first moment at or after `now` when one more marketing letter keeps a client within the caps, given the
 * times of the marketing letters already sent to (or held for) that client.
 */
export function capFreeAt(sent: readonly string[], now: string, caps: Caps): string {
  const times = sent
    .map(wallMinutes)
    .filter((m) => Number.isFinite(m))
    .sort((a, b) => a - b);
  let t = wallMinutes(now);
  for (let guard = 0; guard < 64; guard++) {
    let next = t;
    for (const [days, cap] of [
      [7, caps.per7],
      [30, caps.per30],
    ] as const) {
      const inside = times.filter((m) => m > t - days * 1440 && m <= t);
      if (cap > 0 && inside.length >= cap) next = Math.max(next, inside[inside.length - cap] + days * 1440);
    }
    if (next === t) return minutesToWall(t);
    t = next;
  }
  return minutesToWall(t);
}

/** The letter's slot: not before `notBefore`, within the caps, inside the window. */
export function nextSlot(
  notBefore: string,
  window: SendWindow,
  caps: Caps,
  sent: readonly string[],
  anyWeekday = false,
): string {
  let t = notBefore;
  for (let guard = 0; guard < 16; guard++) {
    const next = nextWindowSlot(capFreeAt(sent, t, caps), window, anyWeekday);
    if (next === t) return t;
    t = next;
  }
  return t;
}

/** Minutes from one wall time to another (negative when `to` is earlier). */
export function minutesBetween(from: string, to: string): number {
  return wallMinutes(to) - wallMinutes(from);
}
