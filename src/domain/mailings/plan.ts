// Who a mailing reaches and when: each member checked for an address, consent and opt-out, for the same letter
// already sent or waiting (Sent log keys per letter and client), and against the caps and the window.
import type { Lang } from '../../i18n';
import { type DateReading, emailEligibility, type SentLogEntry } from '../reminders';
import { mailText } from './messages';
import { type Caps, nextSlot, type SendWindow } from './schedule';

/** Why a member gets no letter (the contract's reasons). */
export type Exclusion = 'noConsent' | 'unsubscribed' | 'noEmail' | 'badEmail' | 'cap' | 'alreadySent';

/** A letter held back by the caps waits at most this many days; beyond that the member is left out. */
export const MAX_CAP_WAIT_DAYS = 7;

/** A short stable hash (FNV-1a, base 36) naming a letter's content in its Sent log keys. */
export function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

/** The Sent log key of a mailing letter: the same letter (same content) goes to a client once, whatever the run. */
export function mailingKey(hash: string, clientId: string): string {
  return `mail:${hash}:${clientId}`;
}

/** A holiday greeting's key: once per client per holiday per year. */
export function holidayKey(monthDay: string, year: string, clientId: string): string {
  return `holiday:${monthDay.replace('-', '')}:${year}:${clientId}`;
}

export type MarketingKey =
  | { kind: 'mail'; hash: string; clientId: string }
  | { kind: 'holiday'; monthDay: string; year: string; clientId: string };

export function parseMarketingKey(key: string): MarketingKey | undefined {
  let m = /^mail:([0-9a-z]+):(.+)$/.exec(key);
  if (m) return { kind: 'mail', hash: m[1], clientId: m[2] };
  m = /^holiday:(\d{2})(\d{2}):(\d{4}):(.+)$/.exec(key);
  if (m) return { kind: 'holiday', monthDay: `${m[1]}-${m[2]}`, year: m[3], clientId: m[4] };
  return undefined;
}

/**
 * Marketing letters per client that count against the caps: sent (their time), and those waiting or going now,
 * counted at `heldAt` (their expected slot) when known.
 */
export function capHistory(
  log: readonly (SentLogEntry & { clientId?: string })[],
  opts: { includeWaiting?: boolean; except?: ReadonlySet<string> } = {},
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of log) {
    const k = parseMarketingKey(e.key);
    if (!k || opts.except?.has(e.key)) continue;
    const counts = e.state === 'sent' || e.state === 'pending' || (opts.includeWaiting && e.state === 'deferred');
    if (!counts || !e.updatedAt) continue;
    const list = out.get(k.clientId) ?? [];
    list.push(e.updatedAt);
    out.set(k.clientId, list);
  }
  return out;
}

export interface Member {
  id: string;
  row?: number;
  fullName?: unknown;
  email?: unknown;
  emailConsentOn?: unknown;
  unsubscribedOn?: unknown;
}

export interface PlannedRecipient {
  id: string;
  email: string;
  name: string;
  /** When the caps or the window hold the letter back: its slot (wall time). */
  slot: string;
}

export interface PlannedExclusion {
  id: string;
  name: string;
  reason: Exclusion;
  reasonText: string;
}

export interface AudienceInput {
  members: readonly Member[];
  /** The Sent log as merged (one entry per key). */
  log: ReadonlyMap<string, SentLogEntry>;
  /** Marketing letters per client (capHistory). */
  history: ReadonlyMap<string, readonly string[]>;
  keyOf: (clientId: string) => string;
  /** The mailing's time: now, or when it is scheduled (wall time). */
  at: string;
  window: SendWindow;
  caps: Caps;
  reading: DateReading;
  lang: Lang;
  /** Letters tied to a day (holidays) go on any weekday. */
  anyWeekday?: boolean;
}

export function memberName(m: Member): string {
  return String(m.fullName ?? '').trim() || m.id;
}

/**
 * Splits a segment's members into recipients (with their slot) and the excluded with the reason, each member once:
 * a repeated ID (the same client twice in the segment) counts once.
 */
export function planAudience(input: AudienceInput): { recipients: PlannedRecipient[]; excluded: PlannedExclusion[] } {
  const recipients: PlannedRecipient[] = [];
  const excluded: PlannedExclusion[] = [];
  const seen = new Set<string>();
  const limit = input.at.slice(0, 10);
  for (const m of input.members) {
    const id = String(m.id ?? '').trim();
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const name = memberName(m);
    const out = (reason: Exclusion, params: Record<string, string> = {}) =>
      excluded.push({ id, name, reason, reasonText: mailText(input.lang, `reason.${reason}`, params) });
    const e = emailEligibility(m as unknown as Record<string, unknown>, input.reading);
    if (!e.ok) {
      out(e.reason === 'invalidEmail' ? 'badEmail' : e.reason);
      continue;
    }
    const entry = input.log.get(input.keyOf(id));
    // Sent, going or waiting already (an earlier or overlapping mailing of the same letter): never a second one.
    if (entry && entry.state !== 'dropped' && entry.state !== 'failed') {
      out('alreadySent');
      continue;
    }
    const slot = nextSlot(input.at, input.window, input.caps, input.history.get(id) ?? [], input.anyWeekday);
    const waitDays = (Date.parse(`${slot.slice(0, 10)}T00:00:00Z`) - Date.parse(`${limit}T00:00:00Z`)) / 86_400_000;
    const windowOnly = nextSlot(input.at, input.window, { per7: 0, per30: 0 }, [], input.anyWeekday);
    if (slot !== windowOnly && waitDays > MAX_CAP_WAIT_DAYS) {
      out('cap');
      continue;
    }
    recipients.push({ id, email: e.email, name, slot });
  }
  return { recipients, excluded };
}
