// Mailings to a segment and holiday greetings: preview, test letter, send now or at a time, cancel. Every letter is
// a Sent log row first (waiting, keyed per letter and client) and goes through the morning run's send under the
// document lock (pending → sent), so a re-sent or overlapping mailing sends nothing twice; the caps and the window
// hold letters back to their next slot, and a one-off trigger continues at that slot, after the quota or the time.
import { journalEntry } from '../domain/journal';
import {
  capHistory,
  chooseVariant,
  contentHash,
  type Holiday,
  holidayKey,
  holidaysOn,
  isAllSegment,
  type MailingTemplate,
  mailingKey,
  mailText,
  minutesBetween,
  nextSlot,
  nextWindowSlot,
  type PlannedRecipient,
  parseMarketingKey,
  planAudience,
  readButton,
  readHolidays,
  renderMarketing,
  templateNames,
  variantsOf,
} from '../domain/mailings';
import { formatWeekdays, isoWeekday } from '../domain/mailings/schedule';
import {
  DEFAULT_RUN_LIMITS,
  emailEligibility,
  formatSheetDate,
  MAX_ATTEMPTS,
  mergeLog,
  nextRunStep,
  type SentLogEntry,
} from '../domain/reminders';
import { isLeapYear, plusDays } from '../domain/reminders/dates';
import { SUBJECT_MAX } from '../domain/reminders/templates';
import { LockBusyError, readJsonProp, wallClock, wallToDate, withDocumentLock, writeJsonProp } from '../services/env';
import { remainingQuota, sendMail } from '../services/mail';
import { removeTriggers, scheduleContinuation } from '../services/triggers';
import type {
  InlineTemplate,
  MailingExcluded,
  MailingPreview,
  MailingRequest,
  MailingsView,
  ScheduledMailing,
  SendResult,
  TestResult,
} from '../shared/mailings';
import { readHolidayRows } from '../sheets/holidays';
import { journalTab } from '../sheets/journal';
import { appendRecord, type RecordsTab, type Row, type RowAt } from '../sheets/records';
import { appendLog, type LogFields, type LogRecord, patchLog, readSentLog, sentLogTab } from '../sheets/sentLog';
import { type Ctx, UserError } from './context';
import { type MailingData, readMailingData, segmentLabel } from './mailingsData';
import { type LogSender, reread, sendUnderLock } from './remindersRun';

/** The one-off trigger that sends letters whose slot has come (and continues a long mailing). */
export const MAILINGS_CONTINUATION = 'continueMailings';
const MAILINGS_PROP = 'mailings';
/** The day whose holiday greetings the morning run has queued. */
const HOLIDAYS_DAY_PROP = 'mailings.holidaysDay';
/** Mailings kept in the list (newest first). */
const MAILINGS_KEPT = 30;
/** A holiday greeting the quota held back may still go this many days after the holiday; later it is dropped. */
const HOLIDAY_LATE_DAYS = 2;
const QUOTA_RETRY_MS = 60 * 60_000;
const BUSY_RETRY_MS = 60_000;
const LOCK_MS = 10_000;
/** The mailings' sent counts are brought up to date every this many letters. */
const PROGRESS_EVERY = 25;

interface MailingRecord {
  id: string;
  segment: string;
  template: string | InlineTemplate;
  /** The letter's content hash: its Sent log keys are mail:<hash>:<client>. */
  hash: string;
  at: string;
  state: ScheduledMailing['state'];
  queued: number;
  sent: number;
  by: string;
}

const wall = (ctx: Ctx) => wallClock(ctx.timeZone).now;
const fail = (errors: Record<string, string>): never => {
  throw new UserError(errors);
};

function readMailings(): MailingRecord[] {
  return readJsonProp<MailingRecord[]>(MAILINGS_PROP) ?? [];
}

function writeMailings(list: MailingRecord[]): void {
  writeJsonProp(MAILINGS_PROP, list.slice(0, MAILINGS_KEPT));
}

const templateLabel = (t: string | InlineTemplate) => (typeof t === 'string' ? t.trim() : t.subject.trim());

// ---- the request --------------------------------------------------------------------------------------------------

interface Resolved {
  segment: string;
  /** The template's rows (plain and variants), or the inline letter as one row. */
  variants: MailingTemplate[];
  label: string;
  hash: string;
  /** The earliest the letters may go (wall time): now, or the time asked for. */
  at: string;
}

const REQUEST_KEYS = ['segment', 'template', 'at'];

type InlineTemplateInput = { subject?: unknown; body?: unknown; button?: { text?: unknown; url?: unknown } };

function inlineTemplate(ctx: Ctx, t: InlineTemplateInput): MailingTemplate {
  const subject = String(t.subject ?? '').trim();
  const body = String(t.body ?? '').trim();
  if (!subject) fail({ subject: mailText(ctx.lang, 'template.noSubject') });
  if (subject.length > SUBJECT_MAX) fail({ subject: mailText(ctx.lang, 'template.subjectTooLong') });
  if (!body) fail({ body: mailText(ctx.lang, 'template.noBody') });
  const b = t.button ?? {};
  const button = readButton(b.text, b.url, ctx.lang);
  if (!button.ok) fail({ button: button.error });
  return {
    name: subject,
    segment: '',
    subject,
    body,
    ...(button.ok && button.button ? { button: button.button } : {}),
  };
}

/** The request checked and resolved against the sheet; a localized error per field otherwise. */
function resolve(ctx: Ctx, data: MailingData, request: unknown): Resolved {
  if (!request || typeof request !== 'object') fail({ segment: mailText(ctx.lang, 'request.noSegment') });
  const r = request as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !REQUEST_KEYS.includes(k));
  if (unknown.length) fail({ _: mailText(ctx.lang, 'request.unknownKeys', { keys: unknown.join(', ') }) });
  const segment = typeof r.segment === 'string' ? r.segment.trim() : '';
  if (!segment) fail({ segment: mailText(ctx.lang, 'request.noSegment') });
  if (!data.members(segment))
    fail({
      segment: mailText(ctx.lang, 'holiday.unknownSegment', { row: '', name: segment }).replace(/^[^:]*:\s*/, ''),
    });
  let variants: MailingTemplate[];
  if (typeof r.template === 'string' && r.template.trim()) {
    variants = variantsOf(data.templates, r.template);
    if (!variants.length) fail({ template: mailText(ctx.lang, 'template.unknown', { name: r.template.trim() }) });
  } else if (r.template && typeof r.template === 'object') {
    variants = [inlineTemplate(ctx, r.template as InlineTemplateInput)];
  } else return fail({ template: mailText(ctx.lang, 'request.noTemplate') });
  const now = wall(ctx);
  let at = now;
  if (r.at !== undefined && r.at !== null && r.at !== '') {
    const text = String(r.at).trim();
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) || !Number.isFinite(minutesBetween(now, text)))
      fail({ at: mailText(ctx.lang, 'request.badAt', { value: text }) });
    if (minutesBetween(now, text) < -1) fail({ at: mailText(ctx.lang, 'request.past', { value: text }) });
    if (text > now) at = text;
  }
  const label = typeof r.template === 'string' ? variants[0].name : variants[0].subject;
  const content = JSON.stringify(variants.map((v) => [v.segment, v.subject, v.body, v.button ?? null]));
  return { segment, variants, label, hash: contentHash(`${label}\n${content}`), at };
}

// ---- the audience ---------------------------------------------------------------------------------------------------

interface Audience {
  recipients: PlannedRecipient[];
  excluded: MailingExcluded[];
  log: LogRecord[];
}

function audience(ctx: Ctx, data: MailingData, req: Resolved): Audience {
  const { records } = readSentLog(ctx.ss, ctx.timeZone);
  const merged = mergeLog(records);
  const ids = data.members(req.segment) ?? new Set<string>();
  const members = [...ids].map((id) => ({ ...(data.byId.get(id) as RowAt), id }));
  const plan = planAudience({
    members,
    log: merged,
    history: capHistory(records, { includeWaiting: true }),
    keyOf: (id) => mailingKey(req.hash, id),
    at: req.at,
    window: data.window,
    caps: data.caps,
    reading: { today: ctx.today, locale: ctx.locale, timeZone: ctx.timeZone },
    lang: ctx.lang,
  });
  return { ...plan, log: records };
}

/** The template row a client gets: the variant of a segment they are in, else the plain one. */
function variantFor(data: MailingData, variants: MailingTemplate[], clientId: string, segment: string) {
  return chooseVariant(variants, (s) => data.members(s)?.has(clientId) ?? false, segment) ?? variants[0];
}

function letterFor(data: MailingData, variants: MailingTemplate[], client: RowAt, segment: string, link: string) {
  const id = String(client.id ?? '').trim();
  const template = variantFor(data, variants, id, segment);
  return { template, ...renderMarketing(template, client, data.render, link) };
}

/** 'пн 16.03.2026 10:00' / 'Mon 03/16/2026 10:00'. */
function whenText(ctx: Ctx, slot: string): string {
  const date = formatSheetDate(slot.slice(0, 10), ctx.lang === 'ru' ? 'dd.mm.yyyy' : 'mm/dd/yyyy', ctx.lang);
  return `${formatWeekdays([isoWeekday(slot.slice(0, 10))], ctx.lang)} ${date} ${slot.slice(11, 16)}`;
}

function windowText(ctx: Ctx, data: MailingData): string {
  const w = data.window;
  return `${formatWeekdays(w.days, ctx.lang)} ${w.from}:00–${w.to}:00`;
}

// ---- preview and test -----------------------------------------------------------------------------------------------

export function previewMailing(ctx: Ctx, request: MailingRequest, clientId?: string): { ok: true } & MailingPreview {
  const data = readMailingData(ctx);
  const req = resolve(ctx, data, request);
  const a = audience(ctx, data, req);
  const windowSlot = nextWindowSlot(req.at, data.window);
  const byReason: MailingPreview['counts']['byReason'] = {};
  for (const e of a.excluded) byReason[e.reason] = (byReason[e.reason] ?? 0) + 1;
  const sampleId = sampleClient(ctx, data, req, a, clientId);
  const client = data.byId.get(sampleId);
  const letter = client ? letterFor(data, req.variants, client, req.segment, data.link(sampleId)) : null;
  const capsHeld = a.recipients.filter((r) => r.slot > windowSlot);
  let when =
    windowSlot > wall(ctx) && req.at === wall(ctx)
      ? mailText(ctx.lang, 'when.held', { window: windowText(ctx, data), at: whenText(ctx, windowSlot) })
      : req.at > wall(ctx)
        ? mailText(ctx.lang, 'when.at', { at: whenText(ctx, windowSlot) })
        : mailText(ctx.lang, 'when.now');
  if (capsHeld.length) {
    const latest = capsHeld.map((r) => r.slot).sort()[capsHeld.length - 1];
    when += ` ${mailText(ctx.lang, 'when.caps', { n: capsHeld.length, at: whenText(ctx, latest) })}`;
  }
  return {
    ok: true,
    recipients: a.recipients.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      variant: variantFor(data, req.variants, r.id, req.segment).segment,
      ...(r.slot > windowSlot ? { heldUntil: r.slot } : {}),
    })),
    excluded: a.excluded,
    sample: {
      clientId: client ? sampleId : '',
      to: client ? String(client.email ?? '') : '',
      subject: letter?.subject ?? '',
      htmlBody: letter?.htmlBody ?? '',
      body: letter?.body ?? '',
    },
    ...(windowSlot > req.at || windowSlot > wall(ctx) ? { heldUntil: windowSlot } : {}),
    when,
    counts: {
      members: a.recipients.length + a.excluded.length,
      recipients: a.recipients.length,
      excluded: a.excluded.length,
      byReason,
    },
  };
}

function sampleClient(ctx: Ctx, data: MailingData, req: Resolved, a: Audience, clientId?: string): string {
  if (clientId) {
    const id = String(clientId).trim();
    if (!data.members(req.segment)?.has(id) || !data.byId.has(id))
      fail({ clientId: mailText(ctx.lang, 'request.unknownClient', { id }) });
    return id;
  }
  return a.recipients[0]?.id ?? a.excluded[0]?.id ?? '';
}

export function testMailing(ctx: Ctx, request: MailingRequest, clientId?: string): { ok: true } & TestResult {
  const data = readMailingData(ctx);
  const req = resolve(ctx, data, request);
  const a = audience(ctx, data, req);
  const id = sampleClient(ctx, data, req, a, clientId);
  const client = data.byId.get(id) ?? ({ row: 0, id: '', fullName: '' } as RowAt);
  const to = ctx.user;
  if (!to) fail({ _: mailText(ctx.lang, 'request.noUser') });
  // The footer's link is shown as the client gets it, but cannot unsubscribe them: a test is not their letter.
  const link = data.unsubscribeUrl ? `${data.unsubscribeUrl}?u=${encodeURIComponent(id)}&t=test` : '';
  const letter = letterFor(data, req.variants, client, req.segment, link);
  const subject = `${mailText(ctx.lang, 'test.prefix')} ${letter.subject}`;
  const out = sendMail({ to, subject, body: letter.body, htmlBody: letter.htmlBody, name: data.senderName });
  if (!out.ok) fail({ _: out.error });
  return { ok: true, to, subject, message: mailText(ctx.lang, 'test.sent', { to }) };
}

// ---- send -----------------------------------------------------------------------------------------------------------

/** M-<yyyymmdd-HHmm>-<hash>, with -2, -3… when the same letter was sent in the same minute before. */
function newMailingId(ctx: Ctx, hash: string, taken: readonly MailingRecord[]): string {
  const base = `M-${wall(ctx).replace(/[-:]/g, '').replace('T', '-')}-${hash.slice(0, 4)}`;
  let id = base;
  for (let n = 2; taken.some((m) => m.id === id); n++) id = `${base}-${n}`;
  return id;
}

export function sendMailing(ctx: Ctx, request: MailingRequest, startedMs: number): { ok: true } & SendResult {
  const data = readMailingData(ctx);
  const req = resolve(ctx, data, request);
  const a = audience(ctx, data, req);
  const id = newMailingId(ctx, req.hash, readMailings());
  const rule = mailText(ctx.lang, 'rule.mailing', { template: req.label, segment: segmentLabel(ctx, req.segment) });
  const now = wall(ctx);
  // Under the lock: the log as it is now; a letter another mailing queued or sent meanwhile is not queued again.
  const queued = withDocumentLock(30_000, () => {
    const { records, layout } = readSentLog(ctx.ss, ctx.timeZone);
    const merged = mergeLog(records) as Map<string, LogRecord>;
    const fresh: Array<SentLogEntry & LogFields> = [];
    const revived: Array<{ row: number; record: SentLogEntry & LogFields }> = [];
    for (const r of a.recipients) {
      const key = mailingKey(req.hash, r.id);
      const fields: LogFields = {
        clientId: r.id,
        clientName: r.name,
        rule,
        occasionDate: r.slot.slice(0, 10),
        to: r.email,
        subject: '',
      };
      const entry: SentLogEntry = {
        key,
        state: 'deferred',
        attempts: 0,
        firstDueOn: ctx.today,
        updatedAt: now,
        note: id,
      };
      const seen = merged.get(key);
      if (!seen) fresh.push({ ...entry, ...fields });
      else if (seen.state === 'dropped' || (seen.state === 'failed' && seen.attempts >= MAX_ATTEMPTS))
        revived.push({ row: seen.row, record: { ...entry, ...fields } });
    }
    const tab = sentLogTab(ctx.ss, layout);
    if (fresh.length) appendLog(tab, fresh, ctx.timeZone, ctx.lang);
    if (revived.length) patchLog(tab, revived, ctx.timeZone, ctx.lang);
    return fresh.length + revived.length;
  });
  const record: MailingRecord = {
    id,
    segment: req.segment,
    template: typeof request.template === 'string' ? request.template.trim() : (request.template as InlineTemplate),
    hash: req.hash,
    at: req.at,
    state: queued ? (req.at > now ? 'scheduled' : 'sending') : 'done',
    queued,
    sent: 0,
    by: ctx.user,
  };
  writeMailings([record, ...readMailings()]);
  const params = { template: req.label, segment: segmentLabel(ctx, req.segment) };
  if (!queued)
    return { ok: true, mailingId: id, queued: 0, sent: 0, message: mailText(ctx.lang, 'send.nothing', params) };
  const run = marketingRun(ctx, startedMs, { data });
  const sent = run.sentByHash.get(req.hash) ?? 0;
  const slot = nextWindowSlot(req.at, data.window);
  let message =
    sent > 0 || slot <= now
      ? mailText(ctx.lang, 'send.done', { ...params, sent, queued })
      : mailText(ctx.lang, 'send.queued', { ...params, queued, at: whenText(ctx, slot) });
  if (sent > 0 && sent < queued) message += ` ${mailText(ctx.lang, 'send.rest', { n: queued - sent })}`;
  return { ok: true, mailingId: id, queued, sent, message };
}

export function cancelMailing(ctx: Ctx, mailingId: string): { ok: true; message: string } {
  const list = readMailings();
  const m = list.find((x) => x.id === String(mailingId ?? '').trim());
  if (!m || m.state === 'done' || m.state === 'cancelled')
    fail({ _: mailText(ctx.lang, 'request.noMailing', { id: String(mailingId ?? '') }) });
  const target = m as MailingRecord;
  const n = withDocumentLock(30_000, () => {
    const { records, layout } = readSentLog(ctx.ss, ctx.timeZone);
    const now = wall(ctx);
    const updates = [...(mergeLog(records) as Map<string, LogRecord>).values()]
      .filter((e) => e.state === 'deferred' && e.key.startsWith(`mail:${target.hash}:`))
      .map((e) => ({
        row: e.row,
        record: { ...e, state: 'dropped' as const, updatedAt: now, note: mailText(ctx.lang, 'cancelled') },
      }));
    patchLog(sentLogTab(ctx.ss, layout), updates, ctx.timeZone, ctx.lang);
    return updates.length;
  });
  target.state = 'cancelled';
  writeMailings(list);
  return { ok: true, message: mailText(ctx.lang, 'cancel.done', { n }) };
}

// ---- the view -------------------------------------------------------------------------------------------------------

export function mailingsView(ctx: Ctx): { ok: true; view: MailingsView } {
  const data = readMailingData(ctx);
  const segments = [...data.segments().values()].map((s) => ({
    key: s.key,
    name: s.name,
    size: data.members(s.name)?.size ?? 0,
  }));
  // "All with consent": the clients who may receive letters now.
  const reading = { today: ctx.today, locale: ctx.locale, timeZone: ctx.timeZone };
  const consenting = data.clients.filter((c) => emailEligibility(c, reading).ok).length;
  segments.unshift({ key: '', name: segmentLabel(ctx, ''), size: consenting });
  const templates = templateNames(data.templates).map((name) => {
    const rows = variantsOf(data.templates, name);
    return {
      name,
      variants: rows.map((r) => r.segment),
      subject: rows[0].subject,
      hasButton: rows.some((r) => Boolean(r.button)),
    };
  });
  const mailings: ScheduledMailing[] = readMailings().map((m) => ({
    mailingId: m.id,
    segment: segmentLabel(ctx, m.segment),
    template: templateLabel(m.template),
    at: m.at,
    state: m.state,
    queued: m.queued,
    sent: m.sent,
    by: m.by,
  }));
  return {
    ok: true,
    view: {
      lang: ctx.lang,
      timeZone: ctx.timeZone,
      now: wall(ctx),
      segments,
      templates,
      caps: { ...data.caps },
      window: { ...data.window },
      mailings,
      unsubscribeUrl: data.unsubscribeUrl,
      problems: data.problems,
    },
  };
}

// ---- holidays -------------------------------------------------------------------------------------------------------

/** Today's holidays: the Holidays tab read, problems reported, templates and segments checked. */
function holidaysToday(ctx: Ctx, data: MailingData): Holiday[] {
  const rows = readHolidayRows(ctx.ss, ctx.timeZone);
  if (!rows) return [];
  const { holidays, problems } = readHolidays(rows, ctx.lang);
  data.problems.push(...problems.map((p) => p.message));
  return holidaysOn(holidays, ctx.today).filter((h) => {
    if (!variantsOf(data.templates, h.template).length) {
      data.problems.push(mailText(ctx.lang, 'holiday.unknownTemplate', { row: h.row ?? '', name: h.template }));
      return false;
    }
    if (!data.members(h.segment)) {
      data.problems.push(mailText(ctx.lang, 'holiday.unknownSegment', { row: h.row ?? '', name: h.segment }));
      return false;
    }
    return true;
  });
}

/** The holiday a client's greeting is for: the first of the day's rows whose segment the client is in. */
function holidayOf(data: MailingData, holidays: Holiday[], monthDay: string, clientId: string): Holiday | undefined {
  return holidays.find((h) => h.monthDay === monthDay && data.members(h.segment)?.has(clientId));
}

/** Queues today's holiday greetings (once per client per holiday per year); returns how many were added. */
function queueHolidays(ctx: Ctx, data: MailingData, holidays: Holiday[]): number {
  if (!holidays.length) return 0;
  const now = wall(ctx);
  const year = ctx.today.slice(0, 4);
  return withDocumentLock(30_000, () => {
    const { records, layout } = readSentLog(ctx.ss, ctx.timeZone);
    const merged = mergeLog(records);
    const history = capHistory(records, { includeWaiting: true });
    const fresh: Array<SentLogEntry & LogFields> = [];
    const taken = new Set<string>();
    for (const h of holidays) {
      const ids = data.members(h.segment) ?? new Set<string>();
      const members = [...ids].filter((id) => !taken.has(id)).map((id) => ({ ...(data.byId.get(id) as RowAt), id }));
      const md = h.monthDay === '02-29' && ctx.today.slice(5) === '02-28' ? '02-29' : ctx.today.slice(5);
      const plan = planAudience({
        members,
        log: merged,
        history,
        keyOf: (id) => holidayKey(md, year, id),
        at: now,
        window: data.window,
        caps: data.caps,
        reading: { today: ctx.today, locale: ctx.locale, timeZone: ctx.timeZone },
        lang: ctx.lang,
        anyWeekday: true,
      });
      for (const r of plan.recipients) {
        taken.add(r.id);
        fresh.push({
          key: holidayKey(md, year, r.id),
          state: 'deferred',
          attempts: 0,
          firstDueOn: ctx.today,
          updatedAt: now,
          clientId: r.id,
          clientName: r.name,
          rule: mailText(ctx.lang, 'rule.holiday', { template: h.template }),
          occasionDate: ctx.today,
          to: r.email,
          subject: '',
        });
      }
    }
    if (fresh.length) appendLog(sentLogTab(ctx.ss, layout), fresh, ctx.timeZone, ctx.lang);
    return fresh.length;
  });
}

// ---- the run --------------------------------------------------------------------------------------------------------

interface Candidate {
  entry: LogRecord;
  clientId: string;
  /** The earliest the letter may go (before caps and the window). */
  notBefore: string;
  anyWeekday: boolean;
  variants: MailingTemplate[];
  segment: string;
  rule: string;
  occasionDate: string;
  hash?: string;
  /** The holiday's last day to go (a later one is dropped). */
  lastDay?: string;
}

export interface MarketingOutcome {
  sent: number;
  sentByHash: Map<string, number>;
  /** When the next run is due (ms from now), or null when nothing waits. */
  continueInMs: number | null;
}

function candidatesOf(
  ctx: Ctx,
  data: MailingData,
  log: LogRecord[],
  holidays: () => Holiday[],
  drops: Array<{ entry: LogRecord; note: string }>,
): Candidate[] {
  const mailings = new Map<string, MailingRecord>();
  for (const m of readMailings()) if (m.state !== 'cancelled' && !mailings.has(m.hash)) mailings.set(m.hash, m);
  const out: Candidate[] = [];
  for (const entry of (mergeLog(log) as Map<string, LogRecord>).values()) {
    const waiting = entry.state === 'deferred' || (entry.state === 'failed' && entry.attempts < MAX_ATTEMPTS);
    if (!waiting) continue;
    const k = parseMarketingKey(entry.key);
    if (!k) continue;
    if (k.kind === 'mail') {
      const m = mailings.get(k.hash);
      if (!m) continue;
      const variants =
        typeof m.template === 'string' ? variantsOf(data.templates, m.template) : [inlineTemplate(ctx, m.template)];
      if (!variants.length) continue;
      const label = typeof m.template === 'string' ? variants[0].name : variants[0].subject;
      out.push({
        entry,
        clientId: k.clientId,
        notBefore: m.at,
        anyWeekday: false,
        variants,
        segment: m.segment,
        rule: mailText(ctx.lang, 'rule.mailing', { template: label, segment: segmentLabel(ctx, m.segment) }),
        occasionDate: m.at.slice(0, 10),
        hash: k.hash,
      });
    } else {
      const day = `${k.year}-${k.monthDay === '02-29' && !isLeapYear(Number(k.year)) ? '02-28' : k.monthDay}`;
      const lastDay = plusDays(day, HOLIDAY_LATE_DAYS);
      if (ctx.today > lastDay) {
        drops.push({ entry, note: 'tooLate' });
        continue;
      }
      const h =
        holidayOf(data, holidays(), k.monthDay, k.clientId) ?? holidays().find((x) => x.monthDay === k.monthDay);
      if (!h) continue;
      out.push({
        entry,
        clientId: k.clientId,
        notBefore: `${day}T00:00`,
        anyWeekday: true,
        variants: variantsOf(data.templates, h.template),
        segment: h.segment,
        rule: mailText(ctx.lang, 'rule.holiday', { template: h.template }),
        occasionDate: day,
        lastDay,
      });
    }
  }
  return out;
}

/**
 * Sends the marketing letters whose slot has come (all, or those of one letter), within the caps, the window, the
 * quota and the time left; then arms the one-off trigger for the next slot, or removes it when nothing waits.
 */
export function marketingRun(
  ctx: Ctx,
  startedMs: number,
  opts: { holidays?: boolean; data?: MailingData } = {},
): MarketingOutcome {
  const outcome: MarketingOutcome = { sent: 0, sentByHash: new Map(), continueInMs: null };
  const first = readSentLog(ctx.ss, ctx.timeZone);
  const hasWaiting = first.records.some(
    (e) => parseMarketingKey(e.key) && (e.state === 'deferred' || e.state === 'failed'),
  );
  if (!hasWaiting && !opts.holidays) {
    removeTriggers(MAILINGS_CONTINUATION);
    return outcome;
  }
  const data = opts.data ?? readMailingData(ctx);
  let dayHolidays: Holiday[] | undefined;
  const holidays = () => {
    dayHolidays ??= holidaysToday(ctx, data);
    return dayHolidays;
  };
  let log = first.records;
  if (opts.holidays && queueHolidays(ctx, data, holidays()) > 0) log = readSentLog(ctx.ss, ctx.timeZone).records;
  const drops: Array<{ entry: LogRecord; note: string }> = [];
  const now = wall(ctx);
  const candidates = candidatesOf(ctx, data, log, holidays, drops);
  const history = capHistory(log);
  const byKey = new Map(candidates.map((c) => [c.entry.key, c]));
  const sender: LogSender = {
    ctx,
    log: mergeLog(log) as Map<string, LogRecord>,
    logLayout: first.layout,
    logTab: null,
    quotaLeft: remainingQuota(),
    senderName: data.senderName,
    fields(key, subject = '') {
      const c = byKey.get(key);
      const client = c ? data.byId.get(c.clientId) : undefined;
      return {
        clientId: c?.clientId ?? '',
        clientName: String(client?.fullName ?? c?.entry.clientName ?? ''),
        rule: c?.rule ?? '',
        occasionDate: c?.occasionDate ?? ctx.today,
        to: String(c?.entry.to ?? ''),
        subject,
      };
    },
  };
  let wake = null as string | null;
  const later = (slot: string) => {
    if (!wake || slot < wake) wake = slot;
  };
  const due: Array<{ c: Candidate; email: string; client: RowAt }> = [];
  for (const c of candidates) {
    const client = data.byId.get(c.clientId);
    const e = client
      ? emailEligibility(client, { today: ctx.today, locale: ctx.locale, timeZone: ctx.timeZone })
      : null;
    if (!client || !e?.ok) {
      // Unsubscribed (or lost consent or address) since the letter was queued: it never goes.
      const reason = !e || e.ok ? 'noEmail' : e.reason === 'invalidEmail' ? 'badEmail' : e.reason;
      drops.push({
        entry: c.entry,
        note: mailText(ctx.lang, reason === 'unsubscribed' ? 'unsubscribedSince' : `reason.${reason}`),
      });
      continue;
    }
    const slot = nextSlot(
      [c.notBefore, now].sort()[1],
      data.window,
      data.caps,
      history.get(c.clientId) ?? [],
      c.anyWeekday,
    );
    if (slot > now) {
      // A holiday greeting the caps or the window would push past its last day does not go late.
      if (!c.lastDay || slot.slice(0, 10) <= c.lastDay) later(slot);
      else drops.push({ entry: c.entry, note: 'tooLate' });
      continue;
    }
    due.push({ c, email: e.email, client });
  }
  writeDrops(ctx, sender, drops);
  let stop: 'time' | 'quota' | 'busy' | 'mail' | null = null;
  const unreported = new Map<string, number>();
  const journal: JournalTarget = { tab: null, type: '' };
  let sendsDone = 0;
  let sendMsTotal = 0;
  let slowest = 0;
  let i = 0;
  for (; i < due.length; i++) {
    const step = nextRunStep({
      elapsedMs: Date.now() - startedMs,
      sendsDone,
      sendMsTotal,
      slowestSendMs: slowest,
      remaining: due.length - i,
      digestPending: false,
    });
    if (step.action !== 'send') {
      stop = 'time';
      break;
    }
    if (sender.quotaLeft - data.quotaReserve < 1) {
      stop = 'quota';
      break;
    }
    const { c, email, client } = due[i];
    // Caps again: letters sent earlier in this run count too.
    const slot = nextSlot(now, data.window, data.caps, history.get(c.clientId) ?? [], c.anyWeekday);
    if (slot > now) {
      later(slot);
      continue;
    }
    const letter = letterFor(data, c.variants, client, c.segment, data.link(c.clientId));
    const t0 = Date.now();
    let result: string;
    try {
      result = sendUnderLock(
        sender,
        c.entry.key,
        { to: email, subject: letter.subject, body: letter.body, htmlBody: letter.htmlBody },
        () => {
          journalLetter(ctx, journal, c, client, letter.subject);
          const list = history.get(c.clientId) ?? [];
          list.push(wall(ctx));
          history.set(c.clientId, list);
        },
      );
    } catch (e) {
      if (!(e instanceof LockBusyError)) throw e;
      stop = 'busy';
      break;
    }
    const ms = Date.now() - t0;
    sendsDone++;
    sendMsTotal += ms;
    slowest = Math.max(slowest, ms);
    if (result === 'sent') {
      outcome.sent++;
      if (c.hash) {
        outcome.sentByHash.set(c.hash, (outcome.sentByHash.get(c.hash) ?? 0) + 1);
        unreported.set(c.hash, (unreported.get(c.hash) ?? 0) + 1);
      }
      // The sidebar's progress line reads the mailings' counts.
      if (outcome.sent % PROGRESS_EVERY === 0) {
        const list = readMailings();
        addSent(list, unreported);
        writeMailings(list);
        unreported.clear();
      }
    } else if (result === 'quota') {
      stop = 'quota';
      break;
    } else if (result === 'mail') {
      stop = 'mail';
      break;
    }
  }
  updateMailings(ctx, unreported, sender.log.values());
  let ms: number | null = null;
  if (stop === 'time') ms = DEFAULT_RUN_LIMITS.continueAfterMs;
  else if (stop === 'busy') ms = BUSY_RETRY_MS;
  else if (stop === 'quota' || stop === 'mail') ms = QUOTA_RETRY_MS;
  if (wake !== null) {
    const atSlot = Math.max(60_000, wallToDate(wake, ctx.timeZone).getTime() - Date.now());
    ms = ms === null ? atSlot : Math.min(ms, atSlot);
  }
  outcome.continueInMs = ms;
  if (outcome.continueInMs !== null) scheduleContinuation(MAILINGS_CONTINUATION, outcome.continueInMs);
  else removeTriggers(MAILINGS_CONTINUATION);
  return outcome;
}

/** Letters that can no longer go (the client unsubscribed meanwhile, a holiday long past) marked dropped. */
function writeDrops(ctx: Ctx, sender: LogSender, drops: Array<{ entry: LogRecord; note: string }>): void {
  if (!drops.length) return;
  withDocumentLock(LOCK_MS, () => {
    const current = mergeLog(reread(sender));
    const now = wall(ctx);
    const updates = drops
      .filter((d) => {
        const e = current.get(d.entry.key);
        return e && (e.state === 'deferred' || e.state === 'failed');
      })
      .map((d) => ({
        row: (sender.log.get(d.entry.key) as LogRecord).row,
        record: { ...d.entry, state: 'dropped' as const, updatedAt: now, note: d.note },
      }));
    if (updates.length)
      patchLog(sender.logTab ?? sentLogTab(ctx.ss, sender.logLayout ?? undefined), updates, ctx.timeZone, ctx.lang);
    for (const u of updates) sender.log.set(u.record.key, { ...u.record, row: u.row });
  });
}

/** The Journal tab and the email contact type's label, looked up on a run's first letter. */
interface JournalTarget {
  tab: RecordsTab | null;
  type: string;
}

/** The sent letter on the client's card: one journal row (template, segment or holiday, subject). */
function journalLetter(ctx: Ctx, target: JournalTarget, c: Candidate, client: RowAt, subject: string): void {
  try {
    target.tab ??= journalTab(ctx.ss);
    target.type ||= ctx.settings.lists.contactTypes.find((t) => t.kind === 'email')?.label ?? 'Email';
    const entry = journalEntry({
      at: wall(ctx),
      clientId: c.clientId,
      clientName: String(client.fullName ?? ''),
      type: target.type,
      summary: mailText(ctx.lang, 'journal.letter', { rule: c.rule, subject }),
      by: ctx.user,
    });
    appendRecord(target.tab, entry as unknown as Row, ctx.timeZone);
  } catch (e) {
    // The Sent log already says the letter went; a missing Journal tab must not stop the mailing.
    if (e instanceof Error && /Exceeded maximum execution time/.test(e.message)) throw e;
    target.tab = null;
    console.warn(`journal entry not written for ${c.entry.key}`);
  }
}

/** Adds letters sent (by letter content) to the mailing going out with that content. */
function addSent(list: MailingRecord[], sent: ReadonlyMap<string, number>): void {
  const counted = new Set<string>();
  for (const m of list) {
    if (m.state === 'cancelled' || m.state === 'done' || counted.has(m.hash)) continue;
    m.sent += sent.get(m.hash) ?? 0;
    counted.add(m.hash);
  }
}

/** Sent counts and states of the mailings from this run and the log as it knows it now. */
function updateMailings(ctx: Ctx, sent: ReadonlyMap<string, number>, log: Iterable<SentLogEntry>): void {
  const list = readMailings();
  if (!list.length) return;
  const waiting = new Set<string>();
  for (const e of log) {
    const k = parseMarketingKey(e.key);
    if (k?.kind === 'mail' && (e.state === 'deferred' || e.state === 'failed' || e.state === 'pending'))
      waiting.add(k.hash);
  }
  const now = wall(ctx);
  let changed = sent.size > 0;
  addSent(list, sent);
  for (const m of list) {
    if (m.state === 'cancelled' || m.state === 'done') continue;
    const state = waiting.has(m.hash) ? (m.at > now ? 'scheduled' : 'sending') : 'done';
    if (state !== m.state) changed = true;
    m.state = state;
  }
  if (changed) writeMailings(list);
}

/** The one-off trigger: letters whose slot has come, and the rest of a long mailing. */
export function continueMailings(ctx: Ctx, startedMs: number): { ok: true; sent: number; message: string } {
  const out = marketingRun(ctx, startedMs);
  return { ok: true, sent: out.sent, message: mailText(ctx.lang, 'run.sent', { n: out.sent }) };
}

/**
 * The morning run's part: on a holiday, its greetings queued and sent (the rest at their slot by the one-off
 * trigger). The Holidays tab is read once a day; the other runs of the day cost nothing. Never fails the morning.
 */
export function morningMailings(ctx: Ctx, startedMs: number): void {
  try {
    if (readJsonProp<string>(HOLIDAYS_DAY_PROP) === ctx.today) return;
    const rows = readHolidayRows(ctx.ss, ctx.timeZone);
    const today = rows ? holidaysOn(readHolidays(rows, ctx.lang).holidays, ctx.today) : [];
    if (today.length) marketingRun(ctx, startedMs, { holidays: true });
    writeJsonProp(HOLIDAYS_DAY_PROP, ctx.today);
  } catch (e) {
    console.warn(`mailings in the morning run: ${e instanceof Error ? e.name : 'error'}`);
  }
}

export { isAllSegment };
