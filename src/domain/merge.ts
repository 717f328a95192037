// Merging two cards of the same person: which value wins, which texts are joined, which dates keep the earliest.
import type { Lang } from '../i18n';
import type { CardValues } from './card';
import type { FieldDef } from './fields';

/** Texts where both cards' values are kept, one per line. */
export const MERGE_APPEND_FIELDS = new Set(['notes', 'tags', 'interests', 'familyDates', 'address', 'company']);
/** Dates where the earlier one is the truth (the client was created, first contacted… on the earlier day). */
export const MERGE_EARLIEST_FIELDS = new Set(['createdOn', 'firstContactOn', 'visitOn', 'firstPurchaseOn']);

export interface MergePlan {
  /** Fields of the kept card to change. */
  patch: CardValues;
  /** Values of the removed card that lost to the kept card's own, as "Header: value", for the notes. */
  overruled: string[];
}

/**
 * Field by field: a value only the removed card has moves over; joined texts are appended; the earliest of two
 * milestone dates wins; any other conflict keeps the kept card's value and lists the removed one in `overruled`.
 * Computed fields (ID, totals) are never merged: totals are recomputed from the joined journal.
 */
export function mergePlan(fields: FieldDef[], keep: CardValues, drop: CardValues, lang: Lang): MergePlan {
  const patch: CardValues = {};
  const overruled: string[] = [];
  for (const field of fields) {
    if (field.computed) continue;
    const mine = String(keep[field.key] ?? '');
    const theirs = String(drop[field.key] ?? '');
    if (!theirs || mine === theirs) continue;
    if (!mine) patch[field.key] = drop[field.key];
    else if (MERGE_APPEND_FIELDS.has(field.key)) patch[field.key] = `${mine}\n${theirs}`;
    else if (MERGE_EARLIEST_FIELDS.has(field.key)) {
      if (theirs < mine) patch[field.key] = theirs;
    } else overruled.push(`${field.header[lang]}: ${theirs}`);
  }
  return { patch, overruled };
}

/** Every filled field of a card as "Header: value; …", kept in the journal so no value of a removed card is lost. */
export function cardSnapshot(fields: FieldDef[], card: CardValues, lang: Lang): string {
  return fields
    .filter((f) => card[f.key] !== '' && card[f.key] !== undefined)
    .map((f) => `${f.header[lang]}: ${card[f.key]}`)
    .join('; ');
}
