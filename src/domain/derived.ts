// Derived card fields (purchases, total, last dates, frequency, points) from journal entries, in full or one at a time.
import type { ContactKind, Frequency, SettingsData } from './settings';

export interface Derived {
  purchases: number;
  totalSpent: number;
  lastContactOn: string;
  lastPurchaseOn: string;
  frequency: Frequency;
  loyaltyPoints: number;
}

export interface JournalFact {
  /** 'yyyy-mm-dd' or 'yyyy-mm-ddTHH:mm' */
  at: string;
  kind: ContactKind | undefined;
  amount: number;
}

export const EMPTY_DERIVED: Derived = {
  purchases: 0,
  totalSpent: 0,
  lastContactOn: '',
  lastPurchaseOn: '',
  frequency: '',
  loyaltyPoints: 0,
};

/** A purchase is a contact of kind purchase or any contact with a positive amount. */
export function isPurchase(fact: { kind: ContactKind | undefined; amount: number }): boolean {
  return fact.kind === 'purchase' || fact.amount > 0;
}

export function frequencyOf(purchases: number, settings: SettingsData): Frequency {
  if (purchases <= 0) return '';
  if (purchases === 1) return 'oneTime';
  return purchases >= settings.values.regularPurchases ? 'regular' : 'rare';
}

export function pointsOf(totalSpent: number, settings: SettingsData): number {
  return Math.floor((totalSpent * settings.values.loyaltyPercent) / 100);
}

const money = (n: number) => Math.round(n * 100) / 100;

/** Adds one journal fact to a client's derived fields (what logContact does). */
export function applyFact(current: Derived, fact: JournalFact, settings: SettingsData): Derived {
  const day = fact.at.slice(0, 10);
  const next = { ...current };
  if (fact.kind !== 'note' && day > next.lastContactOn) next.lastContactOn = day;
  if (isPurchase(fact)) {
    next.purchases += 1;
    next.totalSpent = money(next.totalSpent + Math.max(fact.amount, 0));
    if (day > next.lastPurchaseOn) next.lastPurchaseOn = day;
  }
  next.frequency = frequencyOf(next.purchases, settings);
  next.loyaltyPoints = pointsOf(next.totalSpent, settings);
  return next;
}

/** Derived fields of every client from the whole journal, in one pass (linear in journal rows). */
export function deriveAll(
  facts: Iterable<{ clientId: string } & JournalFact>,
  settings: SettingsData,
): Map<string, Derived> {
  const out = new Map<string, Derived>();
  for (const fact of facts) {
    if (!fact.clientId) continue;
    out.set(fact.clientId, applyFact(out.get(fact.clientId) ?? EMPTY_DERIVED, fact, settings));
  }
  return out;
}

/** The counted facts only (purchases, total, last dates): frequency and points follow from them and the rules. */
export const FACT_KEYS = ['purchases', 'totalSpent', 'lastContactOn', 'lastPurchaseOn'] as const;

export function sameFacts(a: Derived, b: Derived): boolean {
  return FACT_KEYS.every((k) => a[k] === b[k]);
}

/**
 * What frequency and points are computed with besides the facts: the Settings threshold and percent, and the
 * language of the frequency labels. Cards written under the same rules need no check of those two columns.
 */
export function derivedRules(settings: SettingsData, lang: string): string {
  return `${settings.values.regularPurchases}|${settings.values.loyaltyPercent}|${lang}`;
}
