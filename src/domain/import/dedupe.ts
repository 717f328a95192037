// Duplicate search for an import in linear time: keyed indexes by phone, email and name words feed findDuplicates.
import { type DuplicateReason, findDuplicates, withinOneEdit } from '../duplicates';
import { isPatronymic, nameKey, nameTokens } from '../normalize/name';
import { phoneMatchKey } from '../normalize/phone';
import { isoDay } from './card';
import type { CellValue, ClientRef } from './types';

/** same: the same person (the policy decides); possible: a similar name only; otherPerson: a shared contact only. */
export type DuplicateVerdict = 'same' | 'possible' | 'otherPerson';

export interface DuplicateHit {
  ref: ClientRef;
  fullName: string;
  reasons: DuplicateReason[];
  verdict: DuplicateVerdict;
}

interface Entry {
  ref: ClientRef;
  fullName: string;
  phone: string;
  email: string;
  birthDate: string;
}

// Fewer digits than this is a fragment, not a number two cards could share by accident (as findDuplicates has it).
const MIN_PHONE_DIGITS = 7;

function emailKey(value: unknown): string {
  const text = String(value ?? '')
    .trim()
    .toLowerCase();
  return text.includes('@') ? text : '';
}

/** A word and every form of it one letter shorter: two words one edit apart share at least one of them. */
function deletionKeys(word: string): string[] {
  const keys = [word];
  for (let i = 0; i < word.length; i++) keys.push(word.slice(0, i) + word.slice(i + 1));
  return keys;
}

function indexedWords(fullName: string): string[] {
  return nameTokens(fullName).filter((w) => w.length >= 2 && !isPatronymic(w));
}

/** Every word of the shorter name has its own word in the longer one (one typo allowed from four letters). */
export function namesCompatible(a: string[], b: string[]): boolean {
  const [few, many] = a.length <= b.length ? [a, b] : [b, a];
  const used = many.map(() => false);
  return few.every((w) => {
    const j = many.findIndex(
      (x, k) => !used[k] && (x === w || (Math.max(x.length, w.length) >= 4 && withinOneEdit(x, w))),
    );
    if (j < 0) return false;
    used[j] = true;
    return true;
  });
}

/**
 * Cards (existing and new) by phone, email and name words. A lookup reads only the buckets of the candidate's
 * phone, email and rarest name word, then lets findDuplicates judge those few: linear in the number of rows.
 */
export class DuplicateIndex {
  private entries: Entry[] = [];
  private byPhone = new Map<string, number[]>();
  private byEmail = new Map<string, number[]>();
  private byWord = new Map<string, number[]>();

  constructor(private region: string) {}

  private phoneKey(value: unknown): string {
    const key = phoneMatchKey(value, this.region);
    return key.replace(/\D/g, '').length >= MIN_PHONE_DIGITS ? key : '';
  }

  private put(map: Map<string, number[]>, key: string, at: number): void {
    if (!key) return;
    const list = map.get(key);
    if (!list) map.set(key, [at]);
    else if (list[list.length - 1] !== at) list.push(at);
  }

  /** Adds a card; returns its position for update(). */
  add(ref: ClientRef, values: Record<string, CellValue>): number {
    const at = this.entries.length;
    this.entries.push({ ref, fullName: '', phone: '', email: '', birthDate: '' });
    this.update(at, values);
    return at;
  }

  /** Indexes what a card gained (a phone, an email, a name filled by a merge); old keys stay, as values never leave. */
  update(at: number, values: Record<string, CellValue>): void {
    const e = this.entries[at];
    const phone = this.phoneKey(values.phone);
    const email = emailKey(values.email);
    const fullName = String(values.fullName ?? '');
    if (phone && !e.phone) e.phone = phone;
    if (email && !e.email) e.email = email;
    if (!e.birthDate) e.birthDate = isoDay(values.birthDate);
    this.put(this.byPhone, phone, at);
    this.put(this.byEmail, email, at);
    if (fullName && !e.fullName) {
      e.fullName = fullName;
      for (const w of indexedWords(fullName)) for (const k of deletionKeys(w)) this.put(this.byWord, k, at);
    }
  }

  /** The best match for a candidate card, with a verdict; undefined when nothing looks alike. */
  find(values: Record<string, CellValue>): DuplicateHit | undefined {
    const phone = this.phoneKey(values.phone);
    const email = emailKey(values.email);
    const fullName = String(values.fullName ?? '');
    const seen = new Set<number>();
    for (const at of (phone && this.byPhone.get(phone)) || []) seen.add(at);
    for (const at of (email && this.byEmail.get(email)) || []) seen.add(at);
    const words = nameTokens(fullName);
    if (words.length >= 2) {
      // Every word of a similar name that is not a patronymic pairs with a word of the other: the rarest will do.
      let best: number[][] | undefined;
      let size = Number.POSITIVE_INFINITY;
      for (const w of indexedWords(fullName)) {
        const buckets = deletionKeys(w)
          .map((k) => this.byWord.get(k))
          .filter((b): b is number[] => !!b);
        const total = buckets.reduce((n, b) => n + b.length, 0);
        if (total < size) {
          size = total;
          best = buckets;
        }
      }
      for (const bucket of best ?? []) for (const at of bucket) seen.add(at);
    }
    if (seen.size === 0) return undefined;
    const pool = [...seen].sort((a, b) => a - b);
    const list = pool.map((at) => {
      const e = this.entries[at];
      return { id: String(at), fullName: e.fullName, phone: e.phone, email: e.email };
    });
    const found = findDuplicates({ fullName, phone, email }, list, { limit: 5 });
    let fallback: DuplicateHit | undefined;
    for (const f of found) {
      const e = this.entries[Number(f.id)];
      const verdict = judge(e, f.reasons, { fullName, phone, email, birthDate: isoDay(values.birthDate) });
      const hit = { ref: e.ref, fullName: e.fullName, reasons: f.reasons, verdict };
      if (verdict === 'same') return hit;
      fallback ??= hit;
    }
    return fallback;
  }
}

/**
 * Same person: a shared phone or email with a compatible name (or none to compare) and no other birth date; or
 * the same name with the same birth date, or the same full three-word name with no contact or birth date against
 * it. A shared phone under another name is a relative (a parent's phone on a child's card): kept apart.
 */
function judge(
  e: Entry,
  reasons: DuplicateReason[],
  c: { fullName: string; phone: string; email: string; birthDate: string },
): DuplicateVerdict {
  const birthConflict = !!(e.birthDate && c.birthDate && e.birthDate !== c.birthDate);
  const mine = nameTokens(c.fullName);
  const theirs = nameTokens(e.fullName);
  if (reasons.includes('phone') || reasons.includes('email')) {
    if (birthConflict) return 'otherPerson';
    if (reasons.includes('name') || !mine.length || !theirs.length || namesCompatible(mine, theirs)) return 'same';
    return 'otherPerson';
  }
  const contactConflict = !!(
    (e.phone && c.phone && e.phone !== c.phone) ||
    (e.email && c.email && e.email !== c.email)
  );
  if (birthConflict || contactConflict) return 'possible';
  const sameBirth = !!(e.birthDate && c.birthDate && e.birthDate === c.birthDate);
  const sameFullName = mine.length >= 3 && nameKey(c.fullName) === nameKey(e.fullName);
  return sameBirth || sameFullName ? 'same' : 'possible';
}
