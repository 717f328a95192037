// The sending plan with the Sent log as data: which client letters go now, which wait for the next run, which are
// dropped and why — exactly once per key across re-runs, overlapping runs and crashes — and the log's transitions.
import { daysFrom, wallMinutes } from './dates';
import { type ClientOccasion, clientWindow, type OccasionFacts, parseOccasionKey } from './rules';
import { CLIENT_RULES, type ClientRule, digestQuotaNeed, type ReminderSettings } from './settings';

/**
 * deferred: waits its turn (planned for this run or a later one); pending: a send started; sent; failed: the mail
 * service refused it (retried); dropped: will never go (the note says why).
 */
export type SendState = 'pending' | 'sent' | 'failed' | 'deferred' | 'dropped';

/** One Sent log row as the domain needs it (the tab may show more columns for people). */
export interface SentLogEntry {
  key: string;
  state: SendState;
  /** Sending attempts started (each pending write counts one). */
  attempts: number;
  /** The first day the letter was due (kept across deferrals). */
  firstDueOn: string;
  /** Wall time of the last change in the sheet's zone, 'yyyy-mm-ddTHH:mm'. */
  updatedAt: string;
  /** Why it failed or was dropped. */
  note?: string;
}

export type DropReason = 'tooLate' | 'noLongerDue' | 'failedTooOften' | 'quotaExhausted';

/** A client letter named by its key, with the client's name and row when known (for the digest). */
export interface LetterRef {
  key: string;
  clientId: string;
  rule: string;
  occasionDate: string;
  facts?: OccasionFacts;
  row?: number;
}

export interface DropItem extends LetterRef {
  reason: DropReason;
}

export interface StalePending extends LetterRef {
  /** When the send started. */
  updatedAt: string;
}

/** Names and rows by client ID (clientIndex gives one), to name letters whose occasion is not among today's. */
export type ClientNames = ReadonlyMap<string, { row: number; fullName?: unknown; company?: unknown }>;

export interface SendPlan {
  /** Letters to send in this run, in priority order (appointment, renewal, birthday; then the nearest deadline). */
  sendNow: ClientOccasion[];
  /** Letters that did not fit the quota and wait for the next run (their window is still open tomorrow). */
  defer: ClientOccasion[];
  /** Letters that will never go, each with its reason (reported in the digest). */
  drop: DropItem[];
  /** Due letters already sent (by an earlier run today, or on an earlier day of their window). */
  alreadySent: number;
  /** Letters another run is sending right now (a fresh pending entry): neither sent nor reported. */
  inFlight: number;
  /** Pending entries left by a run that stopped mid-send: reported, never resent without a person. */
  stalePending: StalePending[];
  /** Keys in sendNow that are retries of failed attempts. */
  failedRetry: string[];
  /** The team digest still has to go today. */
  digestDue: boolean;
  /** Quota units kept back for the digest. */
  quotaReserved: number;
  /**
   * Log rows to write before sending (one bulk write): every letter taken on without a row yet (deferred, so a
   * run that dies leaves nothing unaccounted: the next run sends it or reports it too late), the new deferred
   * and the dropped states.
   */
  logUpdates: SentLogEntry[];
}

export interface PlanInput {
  /** Client letters that may go today (eligible ones from collectOccasions). */
  due: readonly ClientOccasion[];
  log: readonly SentLogEntry[];
  today: string;
  /** Wall time now in the sheet's zone, 'yyyy-mm-ddTHH:mm'. */
  now: string;
  /** MailApp's remaining daily quota at planning time. */
  quota: number;
  settings: ReminderSettings;
  /** Names and rows by client ID, to name dropped and stale letters whose occasion is gone. */
  clients?: ClientNames;
}

/** A sending attempt is retried this many times in all; then the letter is dropped. */
export const MAX_ATTEMPTS = 3;
/** A pending entry older than this (minutes) was left by a run that stopped; younger ones are in flight. */
export const PENDING_STALE_MINUTES = 15;
/** Stale pending entries are reported in the digest for this many days. */
export const STALE_REPORT_DAYS = 7;

const PRIORITY: Record<string, number> = { appointment: 0, renewal: 1, birthday: 2 };
// When several rows share a key (two runs appended), the strongest state counts.
const STRENGTH: Record<SendState, number> = { sent: 4, pending: 3, dropped: 2, failed: 1, deferred: 0 };

/** The team digest's own Sent log key for a day (exactly one digest per day). */
export function digestKey(today: string): string {
  return `*|digest|${today}`;
}

/** One entry per key: the strongest state wins (sent > pending > dropped > failed > deferred). */
export function mergeLog(log: readonly SentLogEntry[]): Map<string, SentLogEntry> {
  const byKey = new Map<string, SentLogEntry>();
  for (const entry of log) {
    const seen = byKey.get(entry.key);
    if (
      !seen ||
      STRENGTH[entry.state] > STRENGTH[seen.state] ||
      (entry.state === seen.state && entry.attempts > seen.attempts)
    )
      byKey.set(entry.key, entry);
  }
  return byKey;
}

function isStale(entry: SentLogEntry, now: string): boolean {
  const age = wallMinutes(now) - wallMinutes(entry.updatedAt);
  return !(age >= 0 && age < PENDING_STALE_MINUTES);
}

function byPriority(a: ClientOccasion, b: ClientOccasion): number {
  return (
    (PRIORITY[a.rule] ?? 9) - (PRIORITY[b.rule] ?? 9) ||
    (a.lastOn < b.lastOn ? -1 : a.lastOn > b.lastOn ? 1 : 0) ||
    (a.occasionDate < b.occasionDate ? -1 : a.occasionDate > b.occasionDate ? 1 : 0) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** A birthday is greeted once a year whatever its key (the 29 February policy or a corrected date may move it). */
function birthdayYear(clientId: string, occasionDate: string): string {
  return `${clientId}|${occasionDate.slice(0, 4)}`;
}

/** Decides the run: see SendPlan. Pure: the same input always gives the same plan. */
export function planSends(input: PlanInput): SendPlan {
  const { today, now, settings } = input;
  const log = mergeLog(input.log);
  const plan: SendPlan = {
    sendNow: [],
    defer: [],
    drop: [],
    alreadySent: 0,
    inFlight: 0,
    stalePending: [],
    failedRetry: [],
    digestDue: false,
    quotaReserved: 0,
    logUpdates: [],
  };
  const digest = log.get(digestKey(today));
  plan.digestDue =
    settings.recipients.length > 0 && (!digest || digest.state === 'failed' || digest.state === 'deferred');
  plan.quotaReserved = plan.digestDue ? digestQuotaNeed(settings) : 0;

  const greeted = new Set<string>();
  for (const entry of log.values()) {
    const k = parseOccasionKey(entry.key);
    if (k?.rule === 'birthday' && (entry.state === 'sent' || entry.state === 'pending'))
      greeted.add(birthdayYear(k.clientId, k.occasionDate));
  }

  const dueKeys = new Set<string>();
  const candidates: ClientOccasion[] = [];
  const drop = (ref: LetterRef, reason: DropReason) => {
    plan.drop.push({ ...ref, reason });
    const seen = log.get(ref.key);
    plan.logUpdates.push({
      key: ref.key,
      state: 'dropped',
      attempts: seen?.attempts ?? 0,
      firstDueOn: seen?.firstDueOn || today,
      updatedAt: now,
      note: reason,
    });
  };

  for (const occasion of input.due) {
    if (dueKeys.has(occasion.key)) continue;
    dueKeys.add(occasion.key);
    const entry = log.get(occasion.key);
    const state = entry?.state;
    if (state === 'sent') plan.alreadySent++;
    else if (state === 'dropped') continue;
    else if (state === 'pending') {
      if (isStale(entry!, now))
        plan.stalePending.push({ ...letterRef(occasion.key, today, occasion), updatedAt: entry!.updatedAt });
      else plan.inFlight++;
    } else if (state === 'failed' && entry!.attempts >= MAX_ATTEMPTS) {
      drop(letterRef(occasion.key, today, occasion), 'failedTooOften');
    } else if (occasion.rule === 'birthday' && greeted.has(birthdayYear(occasion.clientId, occasion.occasionDate))) {
      plan.alreadySent++;
    } else {
      candidates.push(occasion);
      if (state === 'failed') plan.failedRetry.push(occasion.key);
    }
  }

  // Log entries whose letter is no longer among today's: the window closed, or the data changed.
  for (const entry of log.values()) {
    if (dueKeys.has(entry.key)) continue;
    const k = parseOccasionKey(entry.key);
    if (!k || k.clientId === '*') continue;
    if (entry.state === 'pending') {
      if (isStale(entry, now) && daysFrom(entry.updatedAt.slice(0, 10), today) <= STALE_REPORT_DAYS)
        plan.stalePending.push({
          ...letterRef(entry.key, today, undefined, input.clients),
          updatedAt: entry.updatedAt,
        });
      continue;
    }
    if (entry.state !== 'deferred' && entry.state !== 'failed') continue;
    drop(
      letterRef(entry.key, today, undefined, input.clients),
      windowOpen(k, today, settings) ? 'noLongerDue' : 'tooLate',
    );
  }

  candidates.sort(byPriority);
  const budget = Math.max(0, Math.floor(input.quota) - plan.quotaReserved);
  plan.sendNow = candidates.slice(0, budget);
  for (const occasion of plan.sendNow) {
    if (!log.has(occasion.key))
      plan.logUpdates.push({ key: occasion.key, state: 'deferred', attempts: 0, firstDueOn: today, updatedAt: now });
  }
  for (const occasion of candidates.slice(budget)) {
    if (occasion.lastOn <= today) {
      drop(letterRef(occasion.key, today, occasion), 'quotaExhausted');
      continue;
    }
    plan.defer.push(occasion);
    const seen = log.get(occasion.key);
    plan.logUpdates.push({
      key: occasion.key,
      state: 'deferred',
      attempts: seen?.attempts ?? 0,
      firstDueOn: seen?.firstDueOn || today,
      updatedAt: now,
    });
  }
  return plan;
}

/** Whether a letter's window still includes today (rules that write no letters have none). */
function windowOpen(k: { rule: string; occasionDate: string }, today: string, settings: ReminderSettings): boolean {
  const rule = k.rule as ClientRule;
  return CLIENT_RULES.includes(rule) && clientWindow(rule, k.occasionDate, settings).lastOn >= today;
}

function letterRef(
  key: string,
  today: string,
  occasion?: { reason: OccasionFacts; row: number },
  clients?: ClientNames,
): LetterRef {
  const k = parseOccasionKey(key) ?? { clientId: '', rule: '', occasionDate: '' };
  if (occasion) return { key, ...k, facts: occasion.reason, row: occasion.row };
  const client = clients?.get(k.clientId);
  if (!client) return { key, ...k };
  const name = String(client.fullName ?? '').trim() || String(client.company ?? '').trim();
  return { key, ...k, facts: { name, inDays: daysFrom(today, k.occasionDate) }, row: client.row };
}

/**
 * Under the document lock, the plan's log rows checked against the log as it is now (compare-and-set): a row is
 * written only when its entry is still what the plan read — another run may have queued, started, sent or dropped
 * that letter since — and the plan's drops are reported only when written.
 */
export function settleLogUpdates(
  plan: Pick<SendPlan, 'logUpdates' | 'drop'>,
  seen: readonly SentLogEntry[],
  current: readonly SentLogEntry[],
): { writes: SentLogEntry[]; drop: DropItem[] } {
  const before = mergeLog(seen);
  const now = mergeLog(current);
  const writes = plan.logUpdates.filter((u) => sameEntry(before.get(u.key), now.get(u.key)));
  const written = new Set(writes.filter((w) => w.state === 'dropped').map((w) => w.key));
  return { writes, drop: plan.drop.filter((d) => written.has(d.key)) };
}

function sameEntry(a: SentLogEntry | undefined, b: SentLogEntry | undefined): boolean {
  if (!a || !b) return a === b;
  return a.state === b.state && a.attempts === b.attempts && a.updatedAt === b.updatedAt;
}

/**
 * Under the document lock, right before a send: the log entry to write as pending, or null when the letter must
 * not go (another run sent it, is sending it, or it was dropped or failed too often since the plan was made).
 */
export function beginSend(
  current: SentLogEntry | undefined,
  key: string,
  today: string,
  now: string,
): SentLogEntry | null {
  if (current) {
    if (current.state === 'sent' || current.state === 'pending' || current.state === 'dropped') return null;
    if (current.state === 'failed' && current.attempts >= MAX_ATTEMPTS) return null;
  }
  return {
    key,
    state: 'pending',
    attempts: (current?.attempts ?? 0) + 1,
    firstDueOn: current?.firstDueOn || today,
    updatedAt: now,
  };
}

/** After the send (still under the lock): the pending entry becomes sent, or failed with the error's text. */
export function finishSend(
  pending: SentLogEntry,
  now: string,
  outcome: { ok: true } | { ok: false; error: string },
): SentLogEntry {
  if (outcome.ok) return { ...pending, state: 'sent', updatedAt: now, note: undefined };
  return { ...pending, state: 'failed', updatedAt: now, note: outcome.error.slice(0, 500) };
}

/** What the digest says about letters to clients, from the Sent log (the truth across runs and continuations). */
export interface DayReport {
  /** Sent today, by any run. */
  sent: LetterRef[];
  /** Waiting for a later run, their window still open. */
  waiting: number;
  /** Refused by the mail service, to be retried while their window is open. */
  failed: number;
  /** Dropped today, with the reason. */
  dropped: DropItem[];
}

const DROP_REASONS: readonly DropReason[] = ['tooLate', 'noLongerDue', 'failedTooOften', 'quotaExhausted'];

/**
 * The day's letters as the log records them. Names and rows come from today's occasions (same keys) or, for a
 * letter whose occasion is gone, from clients.
 */
export function dayReport(input: {
  log: readonly SentLogEntry[];
  today: string;
  settings: ReminderSettings;
  occasions?: readonly { key: string; reason: OccasionFacts; row: number }[];
  clients?: ClientNames;
}): DayReport {
  const { today } = input;
  const known = new Map((input.occasions ?? []).map((o) => [o.key, o]));
  const report: DayReport = { sent: [], waiting: 0, failed: 0, dropped: [] };
  const ref = (key: string) => letterRef(key, today, known.get(key), input.clients);
  for (const entry of mergeLog(input.log).values()) {
    const k = parseOccasionKey(entry.key);
    if (!k || k.clientId === '*') continue;
    const onDay = entry.updatedAt.slice(0, 10) === today;
    if (entry.state === 'sent' && onDay) report.sent.push(ref(entry.key));
    else if (entry.state === 'dropped' && onDay) {
      const reason = DROP_REASONS.find((r) => r === entry.note) ?? 'noLongerDue';
      report.dropped.push({ ...ref(entry.key), reason });
    } else if (entry.state === 'deferred' && windowOpen(k, today, input.settings)) report.waiting++;
    else if (entry.state === 'failed' && entry.attempts < MAX_ATTEMPTS && windowOpen(k, today, input.settings))
      report.failed++;
  }
  return report;
}
