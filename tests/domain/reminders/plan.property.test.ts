// Properties of the sending plan over many seeded scenarios: re-runs, overlapping runs, crashes at any point, a
// short quota, changing client data and failing sends never send a key twice and never lose one silently.

import { addDays } from '../../../src/domain/normalize/date';
import {
  beginSend,
  digestKey,
  finishSend,
  PENDING_STALE_MINUTES,
  planSends,
  type SendPlan,
  type SentLogEntry,
  settleLogUpdates,
} from '../../../src/domain/reminders/plan';
import {
  type ClientOccasion,
  type ClientRecord,
  clientOccasions,
  collectOccasions,
} from '../../../src/domain/reminders/rules';
import {
  defaultReminderSettings,
  digestQuotaNeed,
  type ReminderSettings,
} from '../../../src/domain/reminders/settings';
import { forSeeds, type Random } from './random';

const PRIORITY: Record<string, number> = { appointment: 0, renewal: 1, birthday: 2 };

/** The Sent log as a tab: one row per key, updated in place under the lock. */
class Log {
  private byKey = new Map<string, SentLogEntry>();
  get rows(): SentLogEntry[] {
    return [...this.byKey.values()];
  }
  get(key: string): SentLogEntry | undefined {
    return this.byKey.get(key);
  }
  upsert(entry: SentLogEntry): void {
    this.byKey.set(entry.key, entry);
  }
}

interface Outbox {
  sent: Array<{ key: string; day: string }>;
  digests: string[];
  /** Keys the digest reported as dropped or as stale pending. */
  reported: Set<string>;
  droppedKeys: Set<string>;
}

type Crash = { afterSends: number; at: 'between' | 'afterPending' | 'afterSend' } | undefined;

interface RunResult {
  plan: SendPlan;
  sentNow: string[];
}

/** One run: plan, settle the plan's log rows under the lock, then one locked step per send; the digest last. */
function* runSteps(
  due: readonly ClientOccasion[],
  log: Log,
  box: Outbox,
  day: { today: string; now: string; quota: { left: number } },
  settings: ReminderSettings,
  opts: { crash?: Crash; failRate?: number; r?: Random; snapshot?: SentLogEntry[] } = {},
): Generator<void, RunResult> {
  const seen = opts.snapshot ?? [...log.rows];
  const plan = planSends({
    due,
    log: seen,
    today: day.today,
    now: day.now,
    quota: day.quota.left,
    settings,
  });
  const settled = settleLogUpdates(plan, seen, log.rows);
  for (const e of settled.writes) log.upsert(e);
  for (const d of settled.drop) {
    box.reported.add(d.key);
    box.droppedKeys.add(d.key);
  }
  for (const s of plan.stalePending) box.reported.add(s.key);
  const sentNow: string[] = [];
  let done = 0;
  for (const occasion of plan.sendNow) {
    yield;
    if (opts.crash?.at === 'between' && done === opts.crash.afterSends) return { plan, sentNow };
    const pending = beginSend(log.get(occasion.key), occasion.key, day.today, day.now);
    if (!pending) continue;
    log.upsert(pending);
    if (opts.crash?.at === 'afterPending' && done === opts.crash.afterSends) return { plan, sentNow };
    const refused = day.quota.left <= 0 || (opts.r?.chance(opts.failRate ?? 0) ?? false);
    if (!refused) {
      box.sent.push({ key: occasion.key, day: day.today });
      sentNow.push(occasion.key);
      day.quota.left--;
    }
    if (opts.crash?.at === 'afterSend' && done === opts.crash.afterSends) return { plan, sentNow };
    log.upsert(finishSend(pending, day.now, refused ? { ok: false, error: 'Service refused' } : { ok: true }));
    done++;
  }
  if (plan.digestDue && !opts.crash) {
    const pending = beginSend(log.get(digestKey(day.today)), digestKey(day.today), day.today, day.now);
    if (pending) {
      log.upsert(pending);
      const need = digestQuotaNeed(settings);
      const ok = day.quota.left >= need;
      if (ok) {
        box.digests.push(day.today);
        day.quota.left -= need;
      }
      log.upsert(finishSend(pending, day.now, ok ? { ok: true } : { ok: false, error: 'quota' }));
    }
  }
  return { plan, sentNow };
}

function run(...args: Parameters<typeof runSteps>): RunResult {
  const it = runSteps(...args);
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
  }
}

/** Steps two runs in a random interleaving (each step is atomic, as under the lock); their results. */
function interleave(a: Generator<void, RunResult>, b: Generator<void, RunResult>, r: Random): RunResult[] {
  const results: RunResult[] = [];
  let aDone = false;
  let bDone = false;
  while (!aDone || !bDone) {
    const useA = !aDone && (bDone || r.chance(0.5));
    const step = (useA ? a : b).next();
    if (!step.done) continue;
    results.push(step.value);
    if (useA) aDone = true;
    else bDone = true;
  }
  return results;
}

function newBox(): Outbox {
  return { sent: [], digests: [], reported: new Set(), droppedKeys: new Set() };
}

function renewals(n: number, today: string, r: Random): ClientOccasion[] {
  return Array.from({ length: n }, (_, i) => {
    const end = addDays(today, r.int(3, 40));
    const id = `C-${String(i + 1).padStart(6, '0')}`;
    return {
      key: `${id}|renewal|${end}`,
      clientId: id,
      row: i + 2,
      rule: 'renewal' as const,
      occasionDate: end,
      audience: 'client' as const,
      reason: { name: id, inDays: 0 },
      email: `c${i}@example.com`,
      dueOn: today,
      lastOn: end,
    };
  });
}

const SETTINGS: ReminderSettings = { ...defaultReminderSettings(), recipients: ['team@clinic.ru'] };

describe('the sending plan over many seeded scenarios', () => {
  it('sends nothing new when the same day is run again after a complete run', () => {
    forSeeds(200, (r) => {
      const today = '2026-03-15';
      const due = renewals(r.int(0, 30), today, r);
      const log = new Log();
      const box = newBox();
      const quota = { left: r.int(0, 40) };
      run(due, log, box, { today, now: `${today}T09:00`, quota }, SETTINGS);
      const first = box.sent.length;
      const again = run(due, log, box, { today, now: `${today}T11:00`, quota }, SETTINGS);
      expect(again.sentNow).toEqual([]);
      expect(box.sent).toHaveLength(first);
      expect(box.digests.length).toBeLessThanOrEqual(1);
    });
  });

  it('after a run stops between sends having sent k of n, the next run sends exactly the other n − k', () => {
    forSeeds(200, (r) => {
      const today = '2026-03-15';
      const n = r.int(1, 30);
      const due = renewals(n, today, r);
      const k = r.int(0, n - 1);
      const log = new Log();
      const box = newBox();
      const quota = { left: 1000 };
      run(due, log, box, { today, now: `${today}T09:00`, quota }, SETTINGS, {
        crash: { afterSends: k, at: 'between' },
      });
      expect(box.sent).toHaveLength(k);
      const next = run(due, log, box, { today, now: `${today}T09:0${r.int(1, 9)}`, quota }, SETTINGS);
      expect(next.sentNow).toHaveLength(n - k);
      expect(new Set(box.sent.map((s) => s.key))).toEqual(new Set(due.map((d) => d.key)));
      expect(box.digests).toEqual([today]);
    });
  });

  it('after a run dies in the middle of a send, the next run sends the rest and reports that one, never resending it', () => {
    forSeeds(200, (r) => {
      const today = '2026-03-15';
      const n = r.int(1, 30);
      const due = renewals(n, today, r);
      const k = r.int(0, n - 1);
      const at = r.pick(['afterPending', 'afterSend'] as const);
      const log = new Log();
      const box = newBox();
      const quota = { left: 1000 };
      run(due, log, box, { today, now: `${today}T09:00`, quota }, SETTINGS, { crash: { afterSends: k, at } });
      const inFlight = r.chance(0.5);
      const minutes = inFlight ? r.int(0, PENDING_STALE_MINUTES - 1) : r.int(PENDING_STALE_MINUTES, 300);
      const now = `${today}T${String(9 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const next = run(due, log, box, { today, now, quota }, SETTINGS);
      expect(next.sentNow).toHaveLength(n - k - 1);
      expect(next.plan.stalePending).toHaveLength(inFlight ? 0 : 1);
      expect(next.plan.inFlight).toBe(inFlight ? 1 : 0);
      const keys = box.sent.map((s) => s.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toHaveLength(at === 'afterSend' ? n : n - 1);
      // A later day still does not resend it.
      const later = run(
        due,
        log,
        box,
        { today: addDays(today, 1), now: `${addDays(today, 1)}T09:00`, quota },
        SETTINGS,
      );
      expect(later.sentNow).toEqual([]);
    });
  });

  it('with quota q < n sends q − 1 today (one kept for the digest) and the rest on the next days, in priority order', () => {
    forSeeds(150, (r) => {
      const start = '2026-12-28';
      const n = r.int(2, 40);
      // Enough quota that the birthday greetings (last in priority) still fit their 14-day window.
      const q = r.int(Math.max(2, Math.ceil(n / 14) + 1), Math.max(2, n));
      const settings = { ...SETTINGS, maxGreetingDelayDays: 14 };
      const due: ClientOccasion[] = renewals(n, start, r).map((o, i) => {
        if (r.chance(0.5)) return { ...o, lastOn: addDays(start, 60) };
        // Birthday greetings late by up to 14 days: their window is [birthday, birthday + 14].
        return {
          ...o,
          key: `${o.clientId}|birthday|${start}`,
          rule: 'birthday',
          occasionDate: start,
          lastOn: addDays(start, 14),
          row: i + 2,
        };
      });
      const order = [...due].sort(
        (a, b) =>
          PRIORITY[a.rule] - PRIORITY[b.rule] ||
          a.lastOn.localeCompare(b.lastOn) ||
          a.occasionDate.localeCompare(b.occasionDate) ||
          a.key.localeCompare(b.key),
      );
      const log = new Log();
      const box = newBox();
      const days = Math.ceil(n / (q - 1));
      for (let d = 0; d < days; d++) {
        const today = addDays(start, d);
        const stillDue = due.filter((o) => o.lastOn >= today);
        const res = run(stillDue, log, box, { today, now: `${today}T09:00`, quota: { left: q } }, settings);
        expect(res.sentNow).toHaveLength(Math.min(q - 1, n - d * (q - 1)));
      }
      expect(box.sent.map((s) => s.key)).toEqual(order.map((o) => o.key));
      expect(box.digests).toHaveLength(days);
      expect(box.reported.size).toBe(0);
    });
  });

  it('two runs planned from the same log and interleaved send every key exactly once', () => {
    forSeeds(200, (r) => {
      const today = '2026-03-15';
      const n = r.int(1, 25);
      const due = renewals(n, today, r);
      const log = new Log();
      const box = newBox();
      const quota = { left: 1000 };
      const snapshot = [...log.rows];
      const a = runSteps(due, log, box, { today, now: `${today}T09:00`, quota }, SETTINGS, { snapshot });
      const b = runSteps(due, log, box, { today, now: `${today}T09:00`, quota }, SETTINGS, { snapshot });
      interleave(a, b, r);
      const keys = box.sent.map((s) => s.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(keys)).toEqual(new Set(due.map((d) => d.key)));
      expect(box.digests).toEqual([today]);
    });
  });

  describe('a month of mornings with real rules, crashes, overlaps, short quota, failing sends and edited clients', () => {
    function world(r: Random, start: string): ClientRecord[] {
      const n = r.int(3, 30);
      return Array.from({ length: n }, (_, i) => {
        const near = (span: number) => addDays(start, r.int(-3, span));
        const birth = r.chance(0.1) ? '1988-02-29' : `${r.int(1950, 2005)}${near(25).slice(4)}`;
        const ok = birth.endsWith('02-29') || !Number.isNaN(Date.parse(birth));
        return {
          row: i + 2,
          id: `C-${String(i + 1).padStart(6, '0')}`,
          fullName: `Клиент ${i + 1}`,
          email: r.chance(0.9) ? `c${i}@example.com` : r.pick(['', 'broken@']),
          emailConsentOn: r.chance(0.85) ? '2024-01-01' : '',
          unsubscribedOn: r.chance(0.1) ? '2024-06-01' : '',
          birthDate: r.chance(0.7) && ok ? birth : '',
          nextAppointmentOn: r.chance(0.5) ? `${near(25)}T${String(r.int(8, 19)).padStart(2, '0')}:00` : '',
          subscriptionEndsOn: r.chance(0.4) ? near(30) : '',
        };
      });
    }

    it('never sends a key twice, sends only inside its window, keeps the quota, and accounts for every due letter', () => {
      forSeeds(120, (r) => {
        const start = r.pick(['2026-03-10', '2026-12-20', '2027-02-20', '2028-02-20']);
        const clients = world(r, start);
        const settings: ReminderSettings = {
          ...SETTINGS,
          recipients: r.chance(0.8) ? ['team@clinic.ru'] : [],
          maxGreetingDelayDays: r.int(0, 5),
          renewalOfferDaysBefore: r.int(0, 5),
          feb29: r.pick(['feb28', 'mar1'] as const),
        };
        const log = new Log();
        const box = newBox();
        const everDue = new Map<string, ClientOccasion>();
        const days = 30;
        for (let d = 0; d < days + 8; d++) {
          const quiet = d >= days;
          const today = addDays(start, d);
          // Someone edits a card now and then: moves an appointment, opts a client out.
          if (!quiet && r.chance(0.3)) {
            const c = r.pick(clients) as Record<string, unknown>;
            if (r.chance(0.5)) c.nextAppointmentOn = `${addDays(today, r.int(0, 3))}T10:00`;
            else c.unsubscribedOn = today;
          }
          const due = clientOccasions(collectOccasions(clients, { today }, settings).occasions);
          for (const o of due) if (!everDue.has(o.key)) everDue.set(o.key, o);
          const dayQuota = quiet ? 1000 : r.int(0, due.length + 3);
          const quota = { left: dayQuota };
          const runs = quiet ? 1 : r.int(1, 3);
          let minute = 0;
          for (let i = 0; i < runs; i++) {
            const now = `${today}T${String(9 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
            const crash: Crash =
              !quiet && r.chance(0.25)
                ? { afterSends: r.int(0, 5), at: r.pick(['between', 'afterPending', 'afterSend'] as const) }
                : undefined;
            const failRate = quiet ? 0 : 0.1;
            if (!quiet && r.chance(0.2)) {
              // Two overlapping runs from the same snapshot.
              const snapshot = [...log.rows];
              const a = runSteps(due, log, box, { today, now, quota }, settings, { crash, failRate, r, snapshot });
              const b = runSteps(due, log, box, { today, now, quota }, settings, { failRate, r, snapshot });
              for (const result of interleave(a, b, r)) checkPriority(result.plan);
            } else checkPriority(run(due, log, box, { today, now, quota }, settings, { crash, failRate, r }).plan);
            minute += r.pick([1, 5, 20, 90]);
          }
          const sentToday = box.sent.filter((s) => s.day === today).length;
          const digestCost = box.digests.filter((x) => x === today).length * digestQuotaNeed(settings);
          expect(sentToday + digestCost).toBeLessThanOrEqual(dayQuota);
        }
        const keys = box.sent.map((s) => s.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(box.digests).size).toBe(box.digests.length);
        for (const s of box.sent) {
          const o = everDue.get(s.key);
          expect(o).toBeDefined();
          expect(s.day >= o!.dueOn && s.day <= o!.lastOn).toBe(true);
        }
        const sentKeys = new Set(keys);
        const lost = [...everDue.keys()].filter((k) => !sentKeys.has(k) && !box.reported.has(k));
        expect(lost).toEqual([]);
        // Nothing dropped was ever sent.
        for (const k of box.droppedKeys) expect(sentKeys.has(k)).toBe(false);
      });
    });
  });
});

/** Nothing waits while a letter of lower priority goes in the same run. */
function checkPriority(plan: SendPlan): void {
  const worstSent = Math.max(-1, ...plan.sendNow.map((o) => PRIORITY[o.rule]));
  const bestDeferred = Math.min(9, ...plan.defer.map((o) => PRIORITY[o.rule]));
  expect(worstSent).toBeLessThanOrEqual(bestDeferred);
}
