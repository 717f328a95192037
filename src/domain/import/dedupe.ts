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

// Work per lookup by name is bounded, so a base full of namesakes stays linear: at most this many cards compared
// and this many bucket entries looked at (exact-name keys first). Beyond that, similar-name warnings may be missed.
const MAX_BY_NAME = 50;
const MAX_NAME_VISITS = 1000;
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

/**
 * Name keys of a card: all its words sorted ('n:'), its words other than patronymics sorted ('c:', so a card with
 * and one without the patronymic meet), and for each pair of those words one typo'd form of either beside the
 * other exact ('p:'), so a typo in one word ('Петрова Ана' ~ 'Анна Петрова') still shares a key.
 */
function nameKeys(fullName: string): string[] {
  const words = nameTokens(fullName).filter((w) => w.length >= 1);
  if (words.length < 2) return [];
  const keys = [`n:${words.slice().sort().join(' ')}`];
  const core = words.filter((w) => !isPatronymic(w));
  if (core.length >= 2) keys.push(`c:${core.slice().sort().join(' ')}`);
  for (let i = 0; i < core.length; i++) {
    for (let j = 0; j < core.length; j++) {
      if (i === j) continue;
      for (const variant of deletionKeys(core[i])) keys.push(`p:${variant}~${core[j]}`);
    }
  }
  return [...new Set(keys)];
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
 * Cards (existing and new) by phone, email and name keys. A lookup reads only the buckets of the candidate's keys
 * and lets findDuplicates judge those few cards: linear in the number of rows. It finds every card with the same
 * phone or email, the same name in any word order with or without the patronymic, or with a typo in one word;
 * names with typos in two words are left to the person reading the cards (they could only be "possible" matches).
 */
export class DuplicateIndex {
  private entries: Entry[] = [];
  private byPhone = new Map<string, number[]>();
  private byEmail = new Map<string, number[]>();
  private byName = new Map<string, number[]>();
  // Which lookup last saw each card (cheaper than a Set per lookup), and the name keys of the last name asked for.
  private seenBy: number[] = [];
  private lookup = 0;
  private lastName = '';
  private lastKeys: string[] = [];

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
      for (const k of this.keysOf(fullName)) this.put(this.byName, k, at);
    }
  }

  // A card is usually looked up and then added with the same name: its keys are made once.
  private keysOf(fullName: string): string[] {
    if (fullName !== this.lastName) {
      this.lastName = fullName;
      this.lastKeys = nameKeys(fullName);
    }
    return this.lastKeys;
  }

  /**
   * Positions of the cards a lookup compares: those sharing the phone or the email, and up to MAX_BY_NAME sharing
   * a name key whose phone, email and birth date do not already say they are someone else (exact names first).
   */
  pool(values: Record<string, CellValue>): number[] {
    const phone = this.phoneKey(values.phone);
    const email = emailKey(values.email);
    const birthDate = isoDay(values.birthDate);
    const fullName = String(values.fullName ?? '');
    const lookup = ++this.lookup;
    const out: number[] = [];
    const take = (list: number[] | undefined, byName: boolean) => {
      if (!list) return;
      for (const at of list) {
        if (byName && ++visited > MAX_NAME_VISITS) return;
        if (this.seenBy[at] === lookup) continue;
        this.seenBy[at] = lookup;
        if (byName && this.someoneElse(this.entries[at], phone, email, birthDate)) continue;
        out.push(at);
        if (byName && ++named >= MAX_BY_NAME) return;
      }
    };
    let named = 0;
    let visited = 0;
    if (phone) take(this.byPhone.get(phone), false);
    if (email) take(this.byEmail.get(email), false);
    if (fullName) {
      for (const k of this.keysOf(fullName)) {
        if (named >= MAX_BY_NAME || visited > MAX_NAME_VISITS) break;
        take(this.byName.get(k), true);
      }
    }
    return out.sort((a, b) => a - b);
  }

  // A namesake with another phone or email and no same birthday, or with another birthday (as judge() has it).
  private someoneElse(e: Entry, phone: string, email: string, birthDate: string): boolean {
    if (e.birthDate && birthDate) return e.birthDate !== birthDate;
    return !!((e.phone && phone && e.phone !== phone) || (e.email && email && e.email !== email));
  }

  /** The card at a position of pool(). */
  ref(at: number): ClientRef {
    return this.entries[at].ref;
  }

  /** The best match for a candidate card, with a verdict; undefined when nothing looks alike. */
  find(values: Record<string, CellValue>): DuplicateHit | undefined {
    const pool = this.pool(values);
    if (pool.length === 0) return undefined;
    const phone = this.phoneKey(values.phone);
    const email = emailKey(values.email);
    const fullName = String(values.fullName ?? '');
    const list = pool.map((at) => {
      const e = this.entries[at];
      return { id: String(at), fullName: e.fullName, phone: e.phone, email: e.email };
    });
    const found = findDuplicates({ fullName, phone, email }, list, { limit: 5 });
    let fallback: DuplicateHit | undefined;
    for (const f of found) {
      const e = this.entries[Number(f.id)];
      const verdict = judge(e, f.reasons, { fullName, phone, email, birthDate: isoDay(values.birthDate) });
      if (!verdict) continue;
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
 * it. A shared phone under another name is a relative (a parent's phone on a child's card): kept apart. A namesake
 * with another phone, email or birth date is someone else (undefined), unless the birthday is the same.
 */
function judge(
  e: Entry,
  reasons: DuplicateReason[],
  c: { fullName: string; phone: string; email: string; birthDate: string },
): DuplicateVerdict | undefined {
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
  const sameBirth = !!(e.birthDate && c.birthDate && e.birthDate === c.birthDate);
  // Namesakes with other phones or birth dates are other people; the same birthday makes a changed phone likely.
  if (birthConflict) return undefined;
  if (contactConflict) return sameBirth ? 'possible' : undefined;
  const sameFullName = mine.length >= 3 && nameKey(c.fullName) === nameKey(e.fullName);
  return sameBirth || sameFullName ? 'same' : 'possible';
}
