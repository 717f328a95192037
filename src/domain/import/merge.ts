// Filling a card from an imported row by the merge policy of the card merge: empty fields only, conflicts in notes.
import type { Lang } from '../../i18n';
import { applyFact, type Derived } from '../derived';
import { CLIENT_FIELDS } from '../fields';
import { effectiveMilestone } from '../funnel';
import { nameTokens } from '../normalize/name';
import { FREQUENCY_LABELS, type Frequency, type Milestone, type SettingsData } from '../settings';
import type { HistorySeed } from './card';
import { namesCompatible } from './dedupe';
import type { CellValue, ExtraValue } from './types';

// As when two cards are merged: these fields take both values, the milestone dates the earlier one.
export const APPEND_FIELDS = new Set(['notes', 'tags', 'interests', 'familyDates', 'address', 'company']);
const EARLIER_WINS = new Set(['createdOn', 'firstContactOn', 'visitOn', 'firstPurchaseOn']);
const RANK: Record<Milestone, number> = { lead: 0, contact: 1, visit: 2, client: 3, lost: -1 };
const MERGEABLE = CLIENT_FIELDS.filter((f) => !f.computed);

export interface MergeSide {
  values: Record<string, CellValue>;
  extra?: Record<string, ExtraValue>;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/**
 * What an incoming row adds to a card: a field the card has empty takes the row's value; notes, tags, interests,
 * family dates, address and company keep both; the milestone dates keep the earlier; the stage moves forward
 * (never out of "lost"), as logging the imported contacts would move it; a name that only lacks words of the card's
 * is no conflict. Any other differing value is a conflict
 * and goes to the notes after `noteHead`, so nothing of the row is lost and nothing of the card is overwritten.
 */
export function mergePatch(
  card: MergeSide,
  row: MergeSide & { explicitStage?: boolean },
  opts: { settings: SettingsData; lang: Lang; noteHead: string },
): { patch: Record<string, CellValue>; extraPatch: Record<string, ExtraValue> } {
  const patch: Record<string, CellValue> = {};
  const extraPatch: Record<string, ExtraValue> = {};
  const conflicts: string[] = [];
  for (const field of MERGEABLE) {
    const key = field.key;
    const mine = text(card.values[key]);
    const theirs = text(row.values[key]);
    if (!theirs || mine === theirs) continue;
    if (!mine) patch[key] = row.values[key];
    else if (APPEND_FIELDS.has(key)) {
      if (!mine.includes(theirs)) patch[key] = `${mine}\n${theirs}`;
    } else if (EARLIER_WINS.has(key)) {
      if (theirs < mine) patch[key] = theirs;
    } else if (key === 'fullName' && namesCompatible(nameTokens(mine), nameTokens(theirs))) {
      // 'Emily Johnson' adds nothing to 'Emily Rose Johnson'; a longer spelling of the same name does.
      if (nameTokens(theirs).length > nameTokens(mine).length) conflicts.push(`${field.header[opts.lang]}: ${theirs}`);
    } else if (key === 'stage') {
      const a = effectiveMilestone(opts.settings, mine);
      const b = effectiveMilestone(opts.settings, theirs);
      if (a !== 'lost' && b && b !== 'lost' && (!a || RANK[b] > RANK[a])) patch[key] = theirs;
      else if (row.explicitStage) conflicts.push(`${field.header[opts.lang]}: ${theirs}`);
    } else conflicts.push(`${field.header[opts.lang]}: ${theirs}`);
  }
  for (const [header, value] of Object.entries(row.extra ?? {})) {
    const mine = text(card.extra?.[header]);
    const theirs = text(value);
    if (!theirs || mine === theirs) continue;
    if (!mine) extraPatch[header] = value;
    else conflicts.push(`${header}: ${theirs}`);
  }
  if (conflicts.length) {
    const base = text(patch.notes ?? card.values.notes);
    patch.notes = `${base ? `${base}\n` : ''}${opts.noteHead} ${conflicts.join('; ')}`;
  }
  return { patch, extraPatch };
}

/** A card's totals as its cells hold them. */
export function derivedOfValues(values: Record<string, CellValue>): Derived {
  return {
    purchases: Number(values.purchases) || 0,
    totalSpent: Number(values.totalSpent) || 0,
    lastContactOn: text(values.lastContactOn).slice(0, 10),
    lastPurchaseOn: text(values.lastPurchaseOn).slice(0, 10),
    frequency: '',
    loyaltyPoints: Number(values.loyaltyPoints) || 0,
    servicesBought: text(values.servicesBought),
  };
}

/** The totals after the imported contacts, as cell values (frequency as its label), by the journal's own rule. */
export function totalsAfter(
  current: Derived,
  history: readonly HistorySeed[],
  settings: SettingsData,
  lang: Lang,
): Record<string, CellValue> {
  let d = current;
  for (const s of history)
    d = applyFact(d, { at: s.at, kind: s.kind, amount: s.amount === '' ? 0 : s.amount, item: s.item }, settings);
  const frequency: Frequency = d.frequency;
  return {
    purchases: d.purchases,
    totalSpent: d.totalSpent,
    lastContactOn: d.lastContactOn,
    lastPurchaseOn: d.lastPurchaseOn,
    frequency: frequency ? FREQUENCY_LABELS[lang][frequency] : '',
    loyaltyPoints: d.loyaltyPoints,
    servicesBought: d.servicesBought,
  };
}
