// Client card rules: what a new card gets, totals as stored on the card, first-date backfill, and the card's facts.
import type { Lang } from '../i18n';
import { mayEmail } from './consent';
import type { Derived } from './derived';
import { effectiveMilestone, type MilestoneDates, milestoneStamps, stageLabel } from './funnel';
import type { FirstDates } from './journal';
import { addDays, daysBetween, nextAnniversary } from './normalize/date';
import { salutationName } from './normalize/name';
import { type CountryCode, normalizePhone } from './normalize/phone';
import { FREQUENCY_LABELS, type Frequency, type SettingsData } from './settings';

/** A card (or part of one) as plain values keyed by field. */
export type CardValues = Record<string, string | number>;

export function frequencyLabel(lang: Lang, f: Frequency): string {
  return f ? FREQUENCY_LABELS[lang][f] : '';
}

/** The frequency a stored label means, in either language ('' when unknown). */
export function frequencyKey(label: unknown): Frequency {
  const text = String(label ?? '');
  for (const lang of ['ru', 'en'] as const) {
    for (const [k, v] of Object.entries(FREQUENCY_LABELS[lang])) if (v === text) return k as Frequency;
  }
  return '';
}

/** Totals as read from a card's cells (frequency arrives as its localized label). */
export function derivedOf(rec: CardValues): Derived {
  return {
    purchases: Number(rec.purchases) || 0,
    totalSpent: Number(rec.totalSpent) || 0,
    lastContactOn: String(rec.lastContactOn ?? ''),
    lastPurchaseOn: String(rec.lastPurchaseOn ?? ''),
    frequency: frequencyKey(rec.frequency),
    loyaltyPoints: Number(rec.loyaltyPoints) || 0,
    servicesBought: String(rec.servicesBought ?? ''),
  };
}

/** Totals as written to a card's cells. */
export function derivedValues(lang: Lang, d: Derived): CardValues {
  return {
    purchases: d.purchases,
    totalSpent: d.totalSpent,
    lastContactOn: d.lastContactOn,
    lastPurchaseOn: d.lastPurchaseOn,
    frequency: frequencyLabel(lang, d.frequency),
    loyaltyPoints: d.loyaltyPoints,
    servicesBought: d.servicesBought,
  };
}

export function milestonesOf(rec: CardValues): MilestoneDates {
  return {
    firstContactOn: String(rec.firstContactOn ?? ''),
    visitOn: String(rec.visitOn ?? ''),
    firstPurchaseOn: String(rec.firstPurchaseOn ?? ''),
  };
}

/**
 * What a new card gets besides what was entered — by a sidebar, typed into the sheet or imported: createdOn
 * today, the first stage, zero totals, and the milestone dates its stage implies. Only empty fields are filled.
 */
export function newCardFields(settings: SettingsData, rec: CardValues, today: string): CardValues {
  const fill: CardValues = {};
  if (!rec.createdOn) fill.createdOn = today;
  if (!rec.stage) fill.stage = stageLabel(settings, 'lead');
  for (const key of ['purchases', 'totalSpent', 'loyaltyPoints'])
    if (rec[key] === '' || rec[key] === undefined) fill[key] = 0;
  const stage = String(fill.stage ?? rec.stage);
  return { ...fill, ...milestoneStamps(settings, stage, milestonesOf(rec), today) };
}

/**
 * Backfill from the journal: first contact and first purchase dates that are still empty, and the "client" stage
 * for anyone who bought but sits at an earlier (or lost) stage. Nothing already filled is changed.
 */
export function backfillFromJournal(
  settings: SettingsData,
  rec: CardValues,
  first: FirstDates | undefined,
  purchases: number,
): CardValues {
  const patch: CardValues = {};
  if (!first) return patch;
  if (first.contact && !rec.firstContactOn) patch.firstContactOn = first.contact;
  if (first.purchase && !rec.firstPurchaseOn) patch.firstPurchaseOn = first.purchase;
  if (purchases > 0 && effectiveMilestone(settings, String(rec.stage ?? '')) !== 'client') {
    const label = stageLabel(settings, 'client');
    if (label) patch.stage = label;
  }
  return patch;
}

/** A stored phone (E.164, maybe " ext. N", or as typed by hand) as people read it. */
export function displayPhone(stored: string, region: string): string {
  if (!stored) return '';
  const r = normalizePhone(stored, region as CountryCode);
  return r.ok ? r.display : stored;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The next birthday and the age then. Someone born today has the first one in a year (the day of birth is not a
 * birthday: no "turns 0"); a birth date after today (a typo) has none.
 */
export function nextBirthday(birth: string, today: string): { inDays: number; age: number } | null {
  if (!ISO_DAY.test(birth) || birth > today) return null;
  const next = nextAnniversary(birth, birth === today ? addDays(today, 1) : today);
  return { inDays: daysBetween(today, next.date), age: next.age };
}

/** What the card sidebar shows about a client beside the fields. */
export function cardFacts(settings: SettingsData, rec: CardValues, today: string) {
  const birth = String(rec.birthDate ?? '');
  const anniversary = nextBirthday(birth, today);
  const last = String(rec.lastContactOn ?? '');
  return {
    salutation: salutationName(String(rec.fullName ?? '')),
    phoneDisplay: displayPhone(String(rec.phone ?? ''), settings.values.phoneRegion),
    birthdayInDays: anniversary ? anniversary.inDays : null,
    turnsAge: anniversary ? anniversary.age : null,
    daysSinceLastContact: ISO_DAY.test(last) ? daysBetween(last, today) : null,
    emailConsent: mayEmail(rec),
    stageMilestone: effectiveMilestone(settings, String(rec.stage ?? '')),
  };
}
