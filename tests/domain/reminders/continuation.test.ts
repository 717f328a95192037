// When a run stops: sends and the digest only while they fit well before the 6-minute limit; the rest continues.

import { addDays } from '../../../src/domain/normalize/date';
import {
  DEFAULT_RUN_LIMITS,
  nextRunStep,
  sendEstimate,
  splitForTime,
} from '../../../src/domain/reminders/continuation';
import { beginSend, digestKey, finishSend, planSends, type SentLogEntry } from '../../../src/domain/reminders/plan';
import type { ClientOccasion } from '../../../src/domain/reminders/rules';
import { defaultReminderSettings } from '../../../src/domain/reminders/settings';
import { forSeeds } from './random';

const APPS_SCRIPT_LIMIT_MS = 6 * 60 * 1000;
const fresh = { elapsedMs: 0, sendsDone: 0, sendMsTotal: 0, remaining: 10, digestPending: true };

describe('nextRunStep', () => {
  it('sends while a send and the digest still fit before 4.5 minutes, assuming 2 s before any was measured', () => {
    expect(nextRunStep(fresh)).toEqual({ action: 'send', estimateMs: 2000, fits: 10 });
    expect(nextRunStep({ ...fresh, remaining: 1000 })).toEqual({ action: 'send', estimateMs: 2000, fits: 132 });
  });

  it('estimates from the measured mean with a safety margin, or the slowest send if that was slower', () => {
    const p = { ...fresh, sendsDone: 10, sendMsTotal: 8000 };
    expect(sendEstimate(p)).toBe(1200);
    expect(sendEstimate({ ...p, slowestSendMs: 3000 })).toBe(3000);
  });

  it('stops and hands the rest and the digest to a continuation in a minute when the next send would not fit', () => {
    const p = { ...fresh, elapsedMs: 265_000, sendsDone: 200, sendMsTotal: 200_000 };
    expect(nextRunStep(p)).toEqual({ action: 'continueLater', remaining: 10, digestPending: true, afterMs: 60_000 });
  });

  it('keeps time for the digest only while it still has to go', () => {
    const p = { ...fresh, elapsedMs: 265_000, sendsDone: 100, sendMsTotal: 100_000 };
    expect(nextRunStep(p).action).toBe('continueLater');
    expect(nextRunStep({ ...p, digestPending: false }).action).toBe('send');
  });

  it('sends the digest when all letters are out and it fits, else leaves it to the continuation', () => {
    expect(nextRunStep({ ...fresh, remaining: 0 })).toEqual({ action: 'digest', estimateMs: 6000 });
    expect(nextRunStep({ ...fresh, remaining: 0, elapsedMs: 266_000 }).action).toBe('continueLater');
  });

  it('is done when nothing is left', () => {
    expect(nextRunStep({ ...fresh, remaining: 0, digestPending: false })).toEqual({ action: 'done' });
  });
});

describe('splitForTime', () => {
  it('splits what this run can still send from what the continuation gets', () => {
    const items = Array.from({ length: 300 }, (_, i) => i);
    const { now, later } = splitForTime(items, { elapsedMs: 0, sendsDone: 0, sendMsTotal: 0, digestPending: true });
    expect(now).toHaveLength(132);
    expect([...now, ...later]).toEqual(items);
  });
});

describe('5,000 due letters at a realistic per-send cost', () => {
  it('finish across continuations with no gap and no repeat, each run ending well before the limit', () => {
    forSeeds(5, (r) => {
      const today = '2026-03-15';
      const settings = { ...defaultReminderSettings(), recipients: ['team@clinic.ru'] };
      const due: ClientOccasion[] = Array.from({ length: 5000 }, (_, i) => {
        const id = `C-${String(i + 1).padStart(6, '0')}`;
        const end = addDays(today, 1);
        return {
          key: `${id}|renewal|${end}`,
          clientId: id,
          row: i + 2,
          rule: 'renewal',
          occasionDate: end,
          audience: 'client',
          reason: { name: id, inDays: 1 },
          email: `${id}@example.com`,
          dueOn: today,
          lastOn: end,
        };
      });
      const log = new Map<string, SentLogEntry>();
      const outbox: string[] = [];
      let digests = 0;
      let runs = 0;
      let clock = 9 * 60; // minutes of the day
      for (;;) {
        runs++;
        const now = `${today}T${String(Math.floor(clock / 60)).padStart(2, '0')}:${String(clock % 60).padStart(2, '0')}`;
        const plan = planSends({ due, log: [...log.values()], today, now, quota: 20_000, settings });
        for (const e of plan.logUpdates) log.set(e.key, e);
        let elapsed = 1500 + r.int(0, 3000); // reading the tabs and planning
        let done = 0;
        let sendMs = 0;
        let slowest = 0;
        let i = 0;
        let stop = false;
        while (!stop) {
          const step = nextRunStep({
            elapsedMs: elapsed,
            sendsDone: done,
            sendMsTotal: sendMs,
            slowestSendMs: slowest,
            remaining: plan.sendNow.length - i,
            digestPending: plan.digestDue,
          });
          if (step.action === 'send') {
            const o = plan.sendNow[i++];
            // A MailApp call and two Sent-log writes: 0.4–1.4 s, now and then a slow one.
            const cost = r.chance(0.01) ? r.int(3000, 6000) : r.int(400, 1400);
            const pending = beginSend(log.get(o.key), o.key, today, now);
            if (pending) {
              log.set(o.key, pending);
              outbox.push(o.key);
              log.set(o.key, finishSend(pending, now, { ok: true }));
            }
            elapsed += cost;
            sendMs += cost;
            slowest = Math.max(slowest, cost);
            done++;
          } else if (step.action === 'digest') {
            const pending = beginSend(log.get(digestKey(today)), digestKey(today), today, now)!;
            log.set(pending.key, finishSend(pending, now, { ok: true }));
            digests++;
            elapsed += r.int(1000, 3000);
            stop = true;
          } else stop = true;
          expect(elapsed).toBeLessThan(APPS_SCRIPT_LIMIT_MS);
        }
        expect(elapsed).toBeLessThan(DEFAULT_RUN_LIMITS.stopAtMs + 10_000);
        if (plan.sendNow.length === 0 && !plan.digestDue) break;
        clock += Math.ceil(elapsed / 60_000) + 1;
        expect(runs).toBeLessThan(60);
      }
      expect(outbox).toHaveLength(5000);
      expect(new Set(outbox).size).toBe(5000);
      expect(digests).toBe(1);
      expect(runs).toBeGreaterThan(10);
    });
  });
});
