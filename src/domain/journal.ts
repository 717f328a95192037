// Contact journal rules: what a journal row means (its fact), the one shape of a new entry, and first dates.
import type { JournalFact } from './derived';
import { isPurchase } from './derived';
import { parseAmount } from './normalize/amount';
import { type ContactKind, kindOfContactType, type SettingsData } from './settings';

/** A journal entry as stored: one value per journal field. */
export interface JournalEntryValues {
  at: string;
  clientId: string;
  clientName: string;
  type: string;
  summary: string;
  item: string;
  amount: number | '';
  source: string;
  by: string;
  nextStep: string;
  nextStepOn: string;
}

/** A new journal entry: the given values, every other field empty. Both logged contacts and merge notes use it. */
export function journalEntry(
  values: Partial<JournalEntryValues> & Pick<JournalEntryValues, 'at' | 'clientId' | 'type'>,
): JournalEntryValues {
  return {
    clientName: '',
    summary: '',
    item: '',
    amount: '',
    source: '',
    by: '',
    nextStep: '',
    nextStepOn: '',
    ...values,
  };
}

/**
 * The amount of a journal cell: numbers as they are, text read as a person typed it ('1 500,50 ₽' → 1500.5,
 * '1,500' → 1500, exactly as logging a contact reads it); unreadable text and blanks count as no amount (0).
 */
export function journalAmount(cell: unknown): number {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : 0;
  if (cell === null || cell === undefined || cell === '') return 0;
  const r = parseAmount(String(cell), { allowNegative: true });
  return r.ok && r.value !== null ? r.value : 0;
}

/** The contact kind of a type label, memoised per call site: a journal of a million rows has a handful of labels. */
export function kindReader(settings: SettingsData): (typeLabel: unknown) => ContactKind | undefined {
  const kinds = new Map<string, ContactKind | undefined>();
  return (typeLabel) => {
    const label = String(typeLabel ?? '');
    if (!kinds.has(label)) kinds.set(label, kindOfContactType(settings, label));
    return kinds.get(label);
  };
}

/** A journal row as the fact the totals count: when, which kind, how much. */
export function factOf(
  row: { at: string; type: unknown; amount: unknown; item?: unknown },
  kindOf: (typeLabel: unknown) => ContactKind | undefined,
): JournalFact {
  return { at: row.at, kind: kindOf(row.type), amount: journalAmount(row.amount), item: String(row.item ?? '') };
}

/** Earliest contact (any kind but a note) and earliest purchase of one client, 'yyyy-mm-dd' or ''. */
export interface FirstDates {
  contact: string;
  purchase: string;
}

/** Folds one fact into a client's first dates (facts may come in any order). */
export function addFirstDates(current: FirstDates | undefined, fact: JournalFact): FirstDates {
  const fd = current ?? { contact: '', purchase: '' };
  const day = fact.at.slice(0, 10);
  if (!day) return fd;
  const next = { ...fd };
  if (fact.kind !== 'note' && (!next.contact || day < next.contact)) next.contact = day;
  if (isPurchase(fact) && (!next.purchase || day < next.purchase)) next.purchase = day;
  return next;
}
