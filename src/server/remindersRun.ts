// The morning run: plan today's letters, log every one before sending, send each under the document lock (pending →
// sent / failed in the Sent log, a journal entry for the card), then the team digest; stop well before Apps Script's
// 6-minute limit and leave the rest to a one-off continuation, so nothing is sent twice and nothing is skipped.
import { journalEntry } from '../domain/journal';
import {
  beginSend,
  buildDigest,
  type ClientOccasion,
  composeLetter,
  DEFAULT_RUN_LIMITS,
  dayReport,
  digestKey,
  finishSend,
  journalSummary,
  mergeLog,
  nextRunStep,
  planSends,
  RULE_LABELS,
  type SendPlan,
  type SentLogEntry,
  TEMPLATE_RULE_LABELS,
} from '../domain/reminders';
import { DAILY_JOB_CONTINUATION } from '../domain/triggers';
import { installDailyTrigger } from '../services/dailyTrigger';
import {
  cacheGet,
  cachePut,
  LockBusyError,
  readJsonProp,
  wallClock,
  withDocumentLock,
  writeJsonProp,
} from '../services/env';
import { remainingQuota, sendMail } from '../services/mail';
import { removeTriggers, scheduleContinuation } from '../services/triggers';
import type { RunProgress, RunSummary } from '../shared/reminders';
import { journalTab } from '../sheets/journal';
import type { Layout } from '../sheets/layout';
import { appendRecord, NotSetUpError, type RecordsTab, type Row } from '../sheets/records';
import {
  appendLog,
  type LogFields,
  type LogRecord,
  type LogRowCursor,
  logRowAt,
  patchLog,
  readSentLog,
  sentLogTab,
} from '../sheets/sentLog';
import { cellsUsed, linkBase } from '../sheets/usage';
import { type Ctx, UserError } from './context';
import { integrityDigest } from './integrity';
import { morningMailings } from './mailingsRun';
import { type Morning, readMorning, readReminderSettings, readState, writeState } from './remindersData';
import { DAILY_JOB, LAST_RUN_PROP, me } from './remindersSettings';
import { rt } from './remindersText';

/** A run killed on the way (Apps Script stops it at 6 minutes) is picked up by this safety-net continuation. */
const WATCHDOG_MS = 7 * 60_000;
/** While mail quota holds letters (or the digest) back, look again this much later the same day. */
const QUOTA_RETRY_MS = 60 * 60_000;
/** After the mail service failed, try again this much later. */
const MAIL_RETRY_MS = 10 * 60_000;
/** The document lock is busy with a teammate's save: continue this much later. */
const BUSY_RETRY_MS = 60_000;
/** Runs a day at most (continuations included): a run that can never finish does not run all day. */
const MAX_RUNS_PER_DAY = 40;
const LOCK_MS = 10_000;
const PROGRESS_KEY = 'reminders.progress';
const RUNS_PROP = 'reminders.runs';

export type RunKind = 'daily' | 'manual' | 'continuation';
type Stop = 'time' | 'quota' | 'mail' | 'busy';
export type SendResult = 'sent' | 'skipped' | 'failed' | 'quota' | 'mail';

/** What sending keyed letters through the Sent log needs (the morning run's letters, mailings, holidays). */
export interface LogSender {
  ctx: Ctx;
  log: Map<string, LogRecord>;
  logLayout: Layout | null;
  /** The Sent log for writing, looked up on first use. */
  logTab: RecordsTab | null;
  quotaLeft: number;
  /** The display name letters go out with ('' → the account's own). */
  senderName: string;
  /** What a log row shows about a key besides its entry. */
  fields(key: string, subject?: string): LogFields;
}

interface Run extends LogSender {
  m: Morning;
  sender: string;
  emailType: string;
  journal: RecordsTab | null;
  occasions: Map<string, ClientOccasion>;
}

const wall = (ctx: Ctx) => wallClock(ctx.timeZone).now;

function logTab(run: LogSender): RecordsTab {
  run.logTab ??= sentLogTab(run.ctx.ss, run.logLayout ?? undefined);
  return run.logTab;
}

/** The log as read now (merged: one entry per key), replacing what the run knew. */
export function reread(run: LogSender): LogRecord[] {
  const read = readSentLog(run.ctx.ss, run.ctx.timeZone);
  if (run.logLayout?.sheetName !== read.layout.sheetName) run.logTab = null;
  run.logLayout = read.layout;
  run.log = mergeLog(read.records) as Map<string, LogRecord>;
  return read.records;
}

function progress(ctx: Ctx, p: Omit<RunProgress, 'at'>): void {
  cachePut(PROGRESS_KEY, { ...p, at: wall(ctx) }, 600);
}

export function readProgress(): RunProgress | null {
  return cacheGet<RunProgress>(PROGRESS_KEY) ?? null;
}

/** What a log row shows about a client letter besides its entry. */
function fieldsOf(run: Run, key: string, subject = ''): LogFields {
  const lang = run.ctx.lang;
  const o = run.occasions.get(key);
  if (!o) {
    return {
      clientId: '',
      clientName: '',
      rule: TEMPLATE_RULE_LABELS[lang].digest,
      occasionDate: run.ctx.today,
      to: run.m.settings.recipients.join(', '),
      subject,
    };
  }
  return {
    clientId: o.clientId,
    clientName: o.reason.name,
    rule: RULE_LABELS[lang][o.rule],
    occasionDate: o.occasionDate,
    to: o.email,
    subject,
  };
}

/**
 * Letters the quota would drop today are kept waiting instead: a run later today may still send them (Google renews
 * the quota 24 hours after the first send, often in the morning); one whose window closes meanwhile is dropped as too
 * late by the next morning's plan, and that morning's digest reports it.
 */
function holdForQuota(plan: SendPlan): number {
  const held = new Set(plan.drop.filter((d) => d.reason === 'quotaExhausted').map((d) => d.key));
  if (!held.size) return 0;
  plan.drop = plan.drop.filter((d) => !held.has(d.key));
  plan.logUpdates = plan.logUpdates.map((u) => (held.has(u.key) ? { ...u, state: 'deferred', note: undefined } : u));
  return held.size;
}

/**
 * Under the document lock: the log as it is now, the plan made against it, and every row the plan takes on written
 * before any send (new ones appended in one block), so a run that dies leaves each letter accounted for.
 */
function settle(run: Run, quota: number): { plan: SendPlan; held: number } {
  const { ctx } = run;
  return withDocumentLock(30000, () => {
    const records = reread(run);
    const now = wall(ctx);
    const plan = planSends({
      due: run.m.due,
      log: records,
      today: ctx.today,
      now,
      quota,
      settings: run.m.settings,
      clients: run.m.byId,
    });
    const held = holdForQuota(plan);
    const writes: SentLogEntry[] = [...plan.logUpdates];
    const digest = digestKey(ctx.today);
    if (plan.digestDue && !run.log.has(digest))
      writes.push({ key: digest, state: 'deferred', attempts: 0, firstDueOn: ctx.today, updatedAt: now });
    const existing = writes.filter((w) => run.log.has(w.key));
    const fresh = writes.filter((w) => !run.log.has(w.key));
    if (existing.length)
      patchLog(
        logTab(run),
        existing.map((w) => ({ row: run.log.get(w.key)!.row, record: w })),
        ctx.timeZone,
        ctx.lang,
      );
    for (const w of existing) run.log.set(w.key, { ...run.log.get(w.key)!, ...w });
    if (fresh.length) {
      const records = fresh.map((w) => ({ ...w, ...fieldsOf(run, w.key) }));
      const first = appendLog(logTab(run), records, ctx.timeZone, ctx.lang);
      records.forEach((r, i) => {
        run.log.set(r.key, { ...r, row: first + i });
      });
    }
    return { plan, held };
  });
}

/** The row of a key, read under the lock; found again when people moved rows, added back when deleted. */
function openRow(run: LogSender, key: string): { cursor: LogRowCursor; current: LogRecord | undefined; row: number } {
  const { ctx } = run;
  const at = (row: number) => logRowAt(logTab(run), row, ctx.timeZone, ctx.lang);
  let rec = run.log.get(key);
  if (rec) {
    const cursor = at(rec.row);
    const current = cursor.read(key);
    if (current) return { cursor, current, row: rec.row };
  }
  reread(run);
  rec = run.log.get(key);
  if (rec) {
    const cursor = at(rec.row);
    const current = cursor.read(key);
    if (current) return { cursor, current, row: rec.row };
  }
  const placeholder = { ...run.fields(key), key, state: 'deferred' as const, attempts: 0 };
  const row = appendLog(
    logTab(run),
    [{ ...placeholder, firstDueOn: ctx.today, updatedAt: wall(ctx) }],
    ctx.timeZone,
    ctx.lang,
  );
  const cursor = at(row);
  cursor.read(key);
  return { cursor, current: undefined, row };
}

/**
 * One letter (or the digest) under the lock: pending written before the mail call, sent/failed after it. A letter
 * another run has sent, is sending or dropped meanwhile is skipped. A quota refusal puts the letter back to wait.
 */
export function sendUnderLock(
  run: LogSender,
  key: string,
  message: { to: string; subject: string; body: string; htmlBody: string },
  after?: () => void,
): SendResult {
  const { ctx } = run;
  return withDocumentLock(LOCK_MS, () => {
    const { cursor, current, row } = openRow(run, key);
    const pending = beginSend(current, key, ctx.today, wall(ctx));
    if (!pending) {
      if (current) run.log.set(key, current);
      return 'skipped';
    }
    const fields = run.fields(key, message.subject);
    cursor.write({ ...pending, ...fields });
    const out = sendMail({ ...message, name: run.senderName });
    if (!out.ok && out.kind === 'quota') {
      const back: SentLogEntry = {
        key,
        state: 'deferred',
        attempts: current?.attempts ?? 0,
        firstDueOn: pending.firstDueOn,
        updatedAt: wall(ctx),
      };
      cursor.write({ ...back, ...fields });
      run.log.set(key, { ...back, ...fields, row });
      run.quotaLeft = 0;
      return 'quota';
    }
    const done = finishSend(pending, wall(ctx), out.ok ? { ok: true } : { ok: false, error: out.error });
    cursor.write({ ...done, ...fields });
    run.log.set(key, { ...done, ...fields, row });
    if (!out.ok) return out.kind === 'service' ? 'mail' : 'failed';
    run.quotaLeft -= message.to.split(',').length;
    after?.();
    return 'sent';
  });
}

function sendLetter(run: Run, o: ClientOccasion): SendResult {
  const client = run.m.byId.get(o.clientId) ?? { row: o.row };
  const letter = composeLetter(o, client, run.m.templates, run.m.render);
  return sendUnderLock(run, o.key, letter, () => {
    try {
      appendJournal(run, o, letter);
    } catch (e) {
      // The Sent log already says the letter went; a missing Journal tab must not stop the morning.
      if (e instanceof Error && /Exceeded maximum execution time/.test(e.message)) throw e;
      console.warn(`journal entry not written for ${o.key}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

/** The sent letter as an email on the client's card: one appended journal row. */
function appendJournal(run: Run, o: ClientOccasion, letter: { subject: string; rule: ClientOccasion['rule'] }): void {
  const { ctx } = run;
  run.journal ??= journalTab(ctx.ss);
  // The Settings label of the email contact type (the Settings tab is read here, once, if not cached).
  run.emailType ||= ctx.settings.lists.contactTypes.find((c) => c.kind === 'email')?.label ?? 'Email';
  const entry = journalEntry({
    at: wall(ctx),
    clientId: o.clientId,
    clientName: o.reason.name,
    type: run.emailType,
    summary: journalSummary(letter, ctx.lang),
    by: run.sender,
  });
  appendRecord(run.journal, entry as unknown as Row, ctx.timeZone);
}

function sendDigest(run: Run, stalePending: SendPlan['stalePending']): SendResult {
  const { ctx, m } = run;
  const recipients = m.settings.recipients;
  if (run.quotaLeft < recipients.length) return 'quota';
  const usage = cellsUsed(ctx.ss);
  const link = linkBase(ctx.ss, m.clientsTab.sheet);
  const report = dayReport({
    log: [...run.log.values()],
    today: ctx.today,
    settings: m.settings,
    occasions: m.collected.occasions,
    clients: m.byId,
  });
  const digest = buildDigest({
    lang: ctx.lang,
    today: ctx.today,
    dateFormat: m.render.dateFormat,
    occasions: m.collected.occasions,
    birthdayDaysAhead: m.settings.birthdayDaysAhead,
    ...report,
    excluded: m.collected.excluded.length,
    stalePending,
    problems: m.collected.problems,
    integrity: integrityDigest(ctx),
    cellsUsed: usage,
    spreadsheetUrl: link.url,
    clientsGid: link.gid,
    template: m.templates.digest,
    senderName: m.settings.senderName,
  });
  return sendUnderLock(run, digestKey(ctx.today), { to: recipients.join(','), ...digest });
}

interface Outcome {
  summary: RunSummary;
  recipients: string[];
  /** When to continue: null when the day's work is done. */
  continueInMs: number | null;
  error?: string;
}

/** Plans, logs and sends what fits; says whether and when to continue. */
function morning(ctx: Ctx, startedMs: number, sender: string): Outcome {
  progress(ctx, { phase: 'planning', sent: 0, total: 0 });
  const m = readMorning(ctx);
  const quota = remainingQuota();
  const retryToday = wallClock(ctx.timeZone, new Date(Date.now() + QUOTA_RETRY_MS)).today === ctx.today;
  const run: Run = {
    ctx,
    m,
    sender,
    emailType: '',
    log: new Map(),
    logLayout: null,
    logTab: null,
    journal: null,
    quotaLeft: quota,
    occasions: new Map(m.due.map((o) => [o.key, o])),
    senderName: m.settings.senderName,
    fields: (key, subject) => fieldsOf(run, key, subject),
  };
  const summary: RunSummary = {
    sent: 0,
    failed: 0,
    skipped: 0,
    waiting: 0,
    dropped: 0,
    excluded: m.collected.excluded.length,
    digest: 'none',
    continues: false,
  };
  let settled: { plan: SendPlan; held: number };
  try {
    settled = settle(run, quota);
  } catch (e) {
    if (e instanceof LockBusyError) return { summary, recipients: [], continueInMs: BUSY_RETRY_MS };
    throw e;
  }
  const { plan, held } = settled;
  summary.skipped = plan.alreadySent;
  summary.dropped = plan.drop.length;
  const reserve = plan.quotaReserved;
  let digestPending = plan.digestDue;
  if (!digestPending && m.settings.recipients.length) summary.digest = 'already';
  const letters = plan.sendNow;
  let i = 0;
  let sendsDone = 0;
  let sendMsTotal = 0;
  let slowestSendMs = 0;
  let stop: Stop | null = null;
  let error = '';
  progress(ctx, { phase: 'sending', sent: 0, total: letters.length });
  while (!stop) {
    const step = nextRunStep({
      elapsedMs: Date.now() - startedMs,
      sendsDone,
      sendMsTotal,
      slowestSendMs,
      remaining: letters.length - i,
      digestPending,
    });
    if (step.action === 'done') break;
    if (step.action === 'continueLater') {
      stop = 'time';
      break;
    }
    const t0 = Date.now();
    let result: SendResult;
    try {
      if (step.action === 'send') {
        if (run.quotaLeft - reserve < 1) {
          // Another script of this account used quota meanwhile: the rest waits, the digest still may go.
          summary.waiting += letters.length - i;
          i = letters.length;
          stop = digestPending ? null : 'quota';
          continue;
        }
        result = sendLetter(run, letters[i++]);
      } else {
        progress(ctx, { phase: 'digest', sent: summary.sent, total: letters.length });
        result = sendDigest(run, plan.stalePending);
        digestPending = false;
        if (result === 'sent') summary.digest = 'sent';
        else if (result === 'skipped') summary.digest = 'already';
        else summary.digest = 'waiting';
      }
    } catch (e) {
      if (!(e instanceof LockBusyError)) throw e;
      if (step.action === 'send') i--;
      stop = 'busy';
      break;
    }
    const ms = Date.now() - t0;
    sendsDone++;
    sendMsTotal += ms;
    slowestSendMs = Math.max(slowestSendMs, ms);
    if (step.action === 'send') {
      if (result === 'sent') summary.sent++;
      else if (result === 'skipped') summary.skipped++;
      else if (result === 'failed') summary.failed++;
      if (summary.sent % 10 === 0) progress(ctx, { phase: 'sending', sent: summary.sent, total: letters.length });
    }
    if (result === 'quota') {
      summary.waiting += letters.length - i + (step.action === 'send' ? 1 : 0);
      stop = 'quota';
    } else if (result === 'mail') {
      if (step.action === 'send') summary.failed++;
      error = run.log.get(step.action === 'send' ? letters[i - 1].key : digestKey(ctx.today))?.note ?? '';
      stop = 'mail';
    }
  }
  summary.waiting += plan.defer.length + held;
  if (digestPending && stop !== 'time' && stop !== 'busy') summary.digest = 'waiting';
  let continueInMs: number | null = null;
  if (stop === 'time') continueInMs = DEFAULT_RUN_LIMITS.continueAfterMs;
  else if (stop === 'busy') continueInMs = BUSY_RETRY_MS;
  else if (stop === 'mail') continueInMs = MAIL_RETRY_MS;
  else if ((stop === 'quota' || summary.waiting > 0 || summary.digest === 'waiting') && retryToday)
    continueInMs = QUOTA_RETRY_MS;
  summary.continues = continueInMs !== null;
  progress(ctx, { phase: 'done', sent: summary.sent, total: letters.length });
  return { summary, recipients: m.settings.recipients, continueInMs, ...(error ? { error } : {}) };
}

function summaryText(ctx: Ctx, s: RunSummary, o: Outcome): string {
  const lang = ctx.lang;
  const parts = [s.sent || s.failed || s.waiting ? rt(lang, 'sent', { n: s.sent }) : rt(lang, 'nothingDue')];
  if (s.skipped) parts.push(rt(lang, 'skipped', { n: s.skipped }));
  if (s.failed) parts.push(rt(lang, 'failed', { n: s.failed }));
  if (s.waiting) parts.push(rt(lang, 'waiting', { n: s.waiting }));
  if (s.dropped) parts.push(rt(lang, 'dropped', { n: s.dropped }));
  if (s.digest === 'sent') parts.push(rt(lang, 'digestSent', { to: o.recipients.join(', ') }));
  else if (s.digest === 'already') parts.push(rt(lang, 'digestAlready'));
  else if (s.digest === 'waiting') parts.push(rt(lang, 'digestWaiting'));
  if (o.error) parts.push(rt(lang, 'mailError', { error: o.error }));
  if (o.continueInMs !== null) {
    parts.push(
      o.continueInMs <= 60_000
        ? rt(lang, 'continues')
        : rt(lang, 'retryLater', { minutes: Math.round(o.continueInMs / 60_000) }),
    );
  }
  return parts.join(' ');
}

interface DayRuns {
  day: string;
  n: number;
  /** Today's runs were started by "Run now" (they go on even with reminders off). */
  manual?: boolean;
}

/** Counts this run among today's; false once the day has had MAX_RUNS_PER_DAY. */
function countRun(today: string, kind: RunKind): DayRuns & { allowed: boolean } {
  const runs = readJsonProp<DayRuns>(RUNS_PROP);
  const same = runs?.day === today;
  const next: DayRuns = {
    day: today,
    n: same ? runs!.n + 1 : 1,
    manual: kind === 'continuation' ? Boolean(same && runs?.manual) : kind === 'manual',
  };
  writeJsonProp(RUNS_PROP, next);
  return { ...next, allowed: next.n <= MAX_RUNS_PER_DAY };
}

/**
 * The daily trigger, "Run now" and continuations. The daily trigger of an account that is no longer the sender (or
 * of reminders switched off) removes itself and sends nothing. Every run first arms a safety-net continuation, so
 * a run Apps Script kills is continued too; a run that finishes replaces it with the continuation it needs, if any.
 */
export function dailyJob(ctx: Ctx, kind: RunKind, startedMs: number) {
  const user = me(ctx);
  const { settings } = readReminderSettings(ctx, { hour: false });
  const state = readState();
  if (kind === 'daily' && (!settings.enabled || (state.sender ?? '') !== user)) {
    removeTriggers(DAILY_JOB);
    const message = settings.enabled
      ? rt(ctx.lang, 'notSender', { owner: state.sender ?? '' })
      : rt(ctx.lang, 'disabled');
    console.warn(message);
    return { ok: true as const, summary: null, message };
  }
  const runs = countRun(ctx.today, kind);
  // A continuation of the daily run stops when reminders were switched off meanwhile (one of Run now goes on).
  if (kind === 'continuation' && !settings.enabled && !runs.manual) {
    removeTriggers(DAILY_JOB_CONTINUATION);
    return { ok: true as const, summary: null, message: rt(ctx.lang, 'disabled') };
  }
  const chained = runs.allowed;
  if (chained) scheduleContinuation(DAILY_JOB_CONTINUATION, WATCHDOG_MS);
  let outcome: Outcome;
  try {
    outcome = morning(ctx, startedMs, user);
  } catch (e) {
    // Nothing to retry when the tabs are missing or the request was refused; other failures keep the safety net.
    if (e instanceof NotSetUpError || e instanceof UserError) removeTriggers(DAILY_JOB_CONTINUATION);
    throw e;
  }
  if (outcome.continueInMs !== null && chained) scheduleContinuation(DAILY_JOB_CONTINUATION, outcome.continueInMs);
  else removeTriggers(DAILY_JOB_CONTINUATION);
  if (!chained) outcome.summary.continues = false;
  // The hour in Settings (or the sheet's zone) changed since the trigger was set: move it for tomorrow.
  if (kind === 'daily') {
    const hour = ctx.settings.values.reminderHour;
    if (state.hour !== hour || state.timeZone !== ctx.timeZone) {
      installDailyTrigger(DAILY_JOB, hour, ctx.timeZone);
      writeState({ ...readState(), hour, timeZone: ctx.timeZone });
    }
  }
  // Holiday greetings of the day and scheduled mailings that came due go through the same Sent log.
  if (outcome.continueInMs === null || outcome.continueInMs > DEFAULT_RUN_LIMITS.continueAfterMs)
    morningMailings(ctx, startedMs);
  let message = summaryText(ctx, outcome.summary, outcome);
  if (!chained) message += ` ${rt(ctx.lang, 'tooManyRuns', { n: MAX_RUNS_PER_DAY })}`;
  writeJsonProp(LAST_RUN_PROP, { at: wall(ctx), message });
  return { ok: true as const, summary: outcome.summary, message };
}
