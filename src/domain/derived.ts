// Derived card fields (purchases, total, last dates, frequency, points, services bought) from journal entries, in
// full or one at a time.
import type { ContactKind, Frequency, SettingsData } from './settings';

export interface Derived {
  purchases: number;
  totalSpent: number;
  lastContactOn: string;
  lastPurchaseOn: string;
  frequency: Frequency;
  loyaltyPoints: number;
  /** Services and products bought, '; '-separated (Settings order, then others alphabetically): segments read it. */
  servicesBought: string;
}

export interface JournalFact {
  /** 'yyyy-mm-dd' or 'yyyy-mm-ddTHH:mm' */
  at: string;
  kind: ContactKind | undefined;
  amount: number;
  /** The service or product of the entry ('' or absent: none). */
  item?: string;
}

export const EMPTY_DERIVED: Derived = {
  purchases: 0,
  totalSpent: 0,
  lastContactOn: '',
  lastPurchaseOn: '',
  frequency: '',
  loyaltyPoints: 0,
  servicesBought: '',
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
    if (fact.item) next.servicesBought = addService(next.servicesBought, fact.item, settings);
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
export const FACT_KEYS = ['purchases', 'totalSpent', 'lastContactOn', 'lastPurchaseOn', 'servicesBought'] as const;

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

/** Between the items of a services-bought cell. */
export const SERVICES_SEPARATOR = '; ';

/** The items of a services-bought cell. */
export function splitServices(cell: string): string[] {
  return cell
    .split(';')
    .map((x) => x.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/**
 * A services-bought cell with one more item, the same whatever order the purchases come in: an item is kept once
 * (ignoring case), spelled as in Settings when it is a listed service (else its smallest spelling), in Settings
 * order, then the others alphabetically.
 */
export function addService(cell: string, item: string, settings: SettingsData): string {
  const services = settings.lists.services;
  const rank = new Map(services.map((s, i) => [s.toLowerCase(), i]));
  const byKey = new Map<string, string>();
  for (const raw of [...splitServices(cell), ...splitServices(item.replace(/;/g, ','))]) {
    const key = raw.toLowerCase();
    const listed = rank.has(key) ? services[rank.get(key)!] : undefined;
    const kept = byKey.get(key);
    byKey.set(key, listed ?? (kept !== undefined && kept < raw ? kept : raw));
  }
  const order = (k: string) => rank.get(k) ?? services.length;
  return [...byKey.entries()]
    .sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([, v]) => v)
    .join(SERVICES_SEPARATOR);
}
