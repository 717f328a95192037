// "What will be sent today": the same reading and planning as the morning run, nothing written and nothing sent —
// every letter that would go (or waits, or went already) with why and its exact text, and the digest as it would go.
import {
  buildDigest,
  type ClientOccasion,
  composeLetter,
  DROP_LABELS,
  dayReport,
  EXCLUSION_LABELS,
  formatSheetDate,
  mergeLog,
  planSends,
  RULE_LABELS,
  type SentLogEntry,
} from '../domain/reminders';
import { wallClock } from '../services/env';
import { remainingQuota } from '../services/mail';
import type { LetterStatus, PreviewLetter, PreviewView } from '../shared/reminders';
import { NotSetUpError } from '../sheets/records';
import { readSentLog } from '../sheets/sentLog';
import { cellsUsed, linkBase } from '../sheets/usage';
import type { Ctx } from './context';
import { readMorning, readState } from './remindersData';

/** Letters listed with their full text; the rest are counted. */
const LISTED = 200;

function statusOf(entry: SentLogEntry | undefined, planned: 'send' | 'wait' | ''): LetterStatus {
  if (entry?.state === 'sent') return 'sent';
  if (entry?.state === 'pending') return planned === '' ? 'unconfirmed' : 'sending';
  if (entry?.state === 'failed' && planned === 'send') return 'retry';
  return planned === 'wait' ? 'wait' : 'send';
}

export function previewToday(ctx: Ctx) {
  const m = readMorning(ctx);
  let log: SentLogEntry[] = [];
  try {
    log = readSentLog(ctx.ss, ctx.timeZone).records;
  } catch (e) {
    if (!(e instanceof NotSetUpError)) throw e;
  }
  const now = wallClock(ctx.timeZone).now;
  const quota = remainingQuota();
  const plan = planSends({
    due: m.due,
    log,
    today: ctx.today,
    now,
    quota,
    settings: m.settings,
    clients: m.byId,
  });
  const merged = mergeLog(log);
  const planned = new Map<string, 'send' | 'wait'>();
  for (const o of plan.sendNow) planned.set(o.key, 'send');
  for (const o of plan.defer) planned.set(o.key, 'wait');
  const dropped = new Set(plan.drop.map((d) => d.key));
  const shown = m.due.filter((o) => !dropped.has(o.key) && merged.get(o.key)?.state !== 'dropped');
  const order = (o: ClientOccasion) => (planned.get(o.key) === 'send' ? 0 : planned.has(o.key) ? 1 : 2);
  shown.sort((a, b) => order(a) - order(b));
  const letters: PreviewLetter[] = shown.slice(0, LISTED).map((o) => {
    const letter = composeLetter(o, m.byId.get(o.clientId) ?? { row: o.row }, m.templates, m.render);
    return {
      key: o.key,
      clientId: o.clientId,
      name: o.reason.name,
      row: o.row,
      rule: o.rule,
      to: o.email,
      date: formatSheetDate(o.occasionDate, m.render.dateFormat, ctx.lang),
      inDays: o.reason.inDays,
      ...(o.reason.age !== undefined ? { age: o.reason.age } : {}),
      ...(o.reason.time ? { time: o.reason.time } : {}),
      status: statusOf(merged.get(o.key), planned.get(o.key) ?? ''),
      subject: letter.subject,
      body: letter.body,
      missing: letter.missing,
    };
  });

  // The digest as this run would send it: today's log with this run's letters counted as sent.
  let digest: PreviewView['digest'] = null;
  if (plan.digestDue) {
    const after: SentLogEntry[] = [...log, ...plan.logUpdates];
    for (const o of plan.sendNow)
      after.push({ key: o.key, state: 'sent', attempts: 1, firstDueOn: ctx.today, updatedAt: now });
    const link = linkBase(ctx.ss, m.clientsTab.sheet);
    const built = buildDigest({
      lang: ctx.lang,
      today: ctx.today,
      dateFormat: m.render.dateFormat,
      occasions: m.collected.occasions,
      birthdayDaysAhead: m.settings.birthdayDaysAhead,
      ...dayReport({
        log: after,
        today: ctx.today,
        settings: m.settings,
        occasions: m.collected.occasions,
        clients: m.byId,
      }),
      excluded: m.collected.excluded.length,
      stalePending: plan.stalePending,
      problems: m.collected.problems,
      cellsUsed: cellsUsed(ctx.ss),
      spreadsheetUrl: link.url,
      clientsGid: link.gid,
      template: m.templates.digest,
      senderName: m.settings.senderName,
    });
    digest = { to: m.settings.recipients.join(', '), subject: built.subject, body: built.body };
  }
  const lang = ctx.lang;
  const preview: PreviewView = {
    today: ctx.today,
    sender: m.settings.enabled ? (readState().sender ?? '') : '',
    quota,
    letters,
    more: Math.max(0, shown.length - LISTED),
    excluded: m.collected.excluded.slice(0, LISTED).map((x) => ({
      name: x.occasion.reason.name,
      row: x.occasion.row,
      rule: x.occasion.rule,
      reason: EXCLUSION_LABELS[lang][x.reason],
    })),
    dropped: plan.drop.map((d) => ({
      name: d.facts?.name || d.clientId,
      ...(d.row ? { row: d.row } : {}),
      rule: (RULE_LABELS[lang] as Record<string, string>)[d.rule] ?? d.rule,
      reason: DROP_LABELS[lang][d.reason],
    })),
    digest,
    rowProblems: m.collected.problems.length,
    problems: [...m.settingsProblems.map((p) => p.message), ...m.templateProblems.map((p) => p.message)],
  };
  return { ok: true as const, preview };
}
