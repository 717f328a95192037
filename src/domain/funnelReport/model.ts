// What the funnel report counts, written once for the TypeScript computation and the Funnel tab's formulas: the
// cohort month of a lead, the channel a source or a spend row belongs to, the months the table shows.
import type { SettingsData } from '../settings';

/** Months the Funnel tab shows, ending with its "last month" cell. */
export const FUNNEL_MONTHS = 12;

/** The four counted steps, in funnel order (milestones of src/domain/reached.ts). */
export const STEPS = ['lead', 'contact', 'visit', 'client'] as const;
export type Step = (typeof STEPS)[number];

const DAY = /^(\d{4})-(\d{2})-\d{2}/;

/** yyyy*100+mm of a 'yyyy-mm-dd' date (a time after it is ignored), or 0 when it is not a date. */
export function monthKey(date: unknown): number {
  const m = DAY.exec(String(date ?? ''));
  return m ? Number(m[1]) * 100 + Number(m[2]) : 0;
}

/** 'yyyy-mm-01' of a month key. */
export function monthStart(key: number): string {
  return `${Math.floor(key / 100)}-${String(key % 100).padStart(2, '0')}-01`;
}

/** The month key `delta` months after `key` (negative: before). */
export function addMonths(key: number, delta: number): number {
  const index = Math.floor(key / 100) * 12 + (key % 100) - 1 + delta;
  return Math.floor(index / 12) * 100 + (index % 12) + 1;
}

/** The shown months, newest first: `end` and the FUNNEL_MONTHS - 1 before it. */
export function windowMonths(end: number, count = FUNNEL_MONTHS): number[] {
  return Array.from({ length: count }, (_, i) => addMonths(end, -i));
}

/**
 * The month a lead came in (its cohort): the card's "Created on" date, or its first contact when that is empty
 * (a row typed by hand while no trigger ran has no creation date). 0 when it has neither.
 */
export function cohortKey(card: { createdOn?: unknown; firstContactOn?: unknown }): number {
  return monthKey(card.createdOn) || monthKey(card.firstContactOn);
}

/** Channel labels as Settings lists them; a source matches one when equal after trimming, ignoring case. */
export function channelsOf(settings: SettingsData): string[] {
  return settings.lists.channels;
}

/** 1-based position of the source's channel in Settings, 0 for an empty source or one not in the list ("other"). */
export function channelIndex(settings: SettingsData, source: unknown): number {
  const wanted = String(source ?? '')
    .trim()
    .toLowerCase();
  if (!wanted) return 0;
  return channelsOf(settings).findIndex((c) => c.trim().toLowerCase() === wanted) + 1;
}
