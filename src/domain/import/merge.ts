// Filling a card from an imported row by the merge policy of the card merge: empty fields only, conflicts in notes.
import type { Lang } from '../../i18n';
import { derivedValues } from '../card';
import { applyFact, type Derived } from '../derived';
import { CLIENT_FIELDS } from '../fields';
import { effectiveMilestone } from '../funnel';
import { MERGE_APPEND_FIELDS, MERGE_EARLIEST_FIELDS } from '../merge';
import { nameTokens } from '../normalize/name';
import { phoneDigits } from '../normalize/phone';
import type { Milestone, SettingsData } from '../settings';
import type { HistorySeed } from './card';
import { namesCompatible } from './dedupe';
import type { CellValue, ExtraValue } from './types';

const RANK: Record<Milestone, number> = { lead: 0, contact: 1, visit: 2, client: 3, lost: -1 };
const MERGEABLE = CLIENT_FIELDS.filter((f) => !f.computed);

export interface MergeSide {
  values: Record<string, CellValue>;
  extra?: Record<string, ExtraValue>;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

// Stored phones in either form ('+79123456789' from older versions, '+7 912 345-67-89') are the same number.
const samePhone = (a: string, b: string) => a.startsWith('+') && b.startsWith('+') && phoneDigits(a) === phoneDigits(b);

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
    if (!theirs || mine === theirs || (field.type === 'phone' && samePhone(mine, theirs))) continue;
    if (!mine) patch[key] = row.values[key];
    else if (MERGE_APPEND_FIELDS.has(key)) {
      if (!mine.includes(theirs)) patch[key] = `${mine}\n${theirs}`;
    } else if (MERGE_EARLIEST_FIELDS.has(key)) {
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

/** The totals after the imported contacts, as cell values (frequency as its label), by the journal's own rule. */
export function totalsAfter(
  current: Derived,
  history: readonly HistorySeed[],
  settings: SettingsData,
  lang: Lang,
): Record<string, CellValue> {
  let d = current;
  for (const s of history) {
    d = applyFact(d, { at: s.at, kind: s.kind, amount: s.amount === '' ? 0 : s.amount, item: s.item }, settings);
  }
  return derivedValues(lang, d);
}
