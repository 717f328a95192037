// The sending plan over the Sent log: priority, quota with the digest's reserve, deferral, drops, stale sends, retries.
import {
  beginSend,
  dayReport,
  digestKey,
  finishSend,
  MAX_ATTEMPTS,
  mergeLog,
  type PlanInput,
  planSends,
  type SentLogEntry,
} from '../../../src/domain/reminders/plan';
import type { ClientOccasion } from '../../../src/domain/reminders/rules';
import { defaultReminderSettings } from '../../../src/domain/reminders/settings';

const today = '2026-03-15';
const now = '2026-03-15T09:00';
const settings = { ...defaultReminderSettings(), recipients: ['team@clinic.ru'] };

function occ(
  id: string,
  rule: ClientOccasion['rule'],
  occasionDate: string,
  dueOn: string,
  lastOn: string,
): ClientOccasion {
  return {
    key: `${id}|${rule}|${occasionDate}`,
    clientId: id,
    row: Number(id.replace(/\D/g, '')) + 1,
    rule,
    occasionDate,
    audience: 'client',
    reason: { name: `Client ${id}`, inDays: 0 },
    email: `${id.toLowerCase()}@example.com`,
    dueOn,
    lastOn,
  };
}

const birthday = (id: string) => occ(id, 'birthday', today, today, '2026-03-17');
const appointment = (id: string) => occ(id, 'appointment', '2026-03-16', today, today);
const renewal = (id: string, end = '2026-03-16') => occ(id, 'renewal', end, today, end);

function plan(over: Partial<PlanInput>) {
  return planSends({ due: [], log: [], today, now, quota: 100, settings, ...over });
}

function entry(key: string, state: SentLogEntry['state'], extra: Partial<SentLogEntry> = {}): SentLogEntry {
  return { key, state, attempts: state === 'deferred' ? 0 : 1, firstDueOn: today, updatedAt: now, ...extra };
}

const keys = (list: Array<{ key: string }>) => list.map((x) => x.key);

describe('planSends', () => {
  it('sends appointment reminders first, then renewal offers, then birthday greetings', () => {
    const p = plan({ due: [birthday('C1'), renewal('C2'), appointment('C3'), birthday('C0')] });
    expect(keys(p.sendNow)).toEqual([
      'C3|appointment|2026-03-16',
      'C2|renewal|2026-03-16',
      'C0|birthday|2026-03-15',
      'C1|birthday|2026-03-15',
    ]);
  });

  it('within a rule, sends first what can wait the least', () => {
    const p = plan({ due: [renewal('C1', '2026-03-20'), renewal('C2', '2026-03-16')] });
    expect(keys(p.sendNow)).toEqual(['C2|renewal|2026-03-16', 'C1|renewal|2026-03-20']);
  });

  it('writes a waiting row for every letter it takes on before any send', () => {
    const p = plan({ due: [birthday('C1')] });
    expect(p.logUpdates).toEqual([entry('C1|birthday|2026-03-15', 'deferred')]);
  });

  describe('the mail quota', () => {
    const due = [birthday('C1'), birthday('C2'), renewal('C3', '2026-03-18'), appointment('C4')];

    it('keeps one unit for the digest and defers the rest in priority order', () => {
      const p = plan({ due, quota: 3 });
      expect(keys(p.sendNow)).toEqual(['C4|appointment|2026-03-16', 'C3|renewal|2026-03-18']);
      expect(keys(p.defer)).toEqual(['C1|birthday|2026-03-15', 'C2|birthday|2026-03-15']);
      expect(p.quotaReserved).toBe(1);
      expect(p.logUpdates.filter((e) => e.state === 'deferred').map((e) => e.key)).toEqual([
        'C4|appointment|2026-03-16',
        'C3|renewal|2026-03-18',
        'C1|birthday|2026-03-15',
        'C2|birthday|2026-03-15',
      ]);
    });

    it('keeps one unit per digest recipient', () => {
      const p = plan({ due, quota: 3, settings: { ...settings, recipients: ['a@x.ru', 'b@x.ru'] } });
      expect(p.sendNow).toHaveLength(1);
      expect(p.quotaReserved).toBe(2);
    });

    it('keeps nothing back once today’s digest has gone, or when nobody gets one', () => {
      expect(plan({ due, quota: 3, log: [entry(digestKey(today), 'sent')] }).sendNow).toHaveLength(3);
      expect(plan({ due, quota: 3, settings: { ...settings, recipients: [] } }).sendNow).toHaveLength(3);
    });

    it('drops, rather than defers, a letter whose last day is today (a reminder for tomorrow cannot wait)', () => {
      const p = plan({ due: [appointment('C1'), appointment('C2')], quota: 2 });
      expect(keys(p.sendNow)).toEqual(['C1|appointment|2026-03-16']);
      expect(p.defer).toEqual([]);
      expect(p.drop).toEqual([
        {
          key: 'C2|appointment|2026-03-16',
          clientId: 'C2',
          rule: 'appointment',
          occasionDate: '2026-03-16',
          reason: 'quotaExhausted',
          facts: { name: 'Client C2', inDays: 0 },
          row: 3,
        },
      ]);
    });

    it('sends nothing at all with no quota left, and no digest is lost for it', () => {
      const p = plan({ due, quota: 0 });
      expect(p.sendNow).toEqual([]);
      expect(p.digestDue).toBe(true);
    });
  });

  describe('re-runs and the Sent log', () => {
    it('sends nothing new on a re-run after everything went', () => {
      const due = [birthday('C1'), renewal('C2')];
      const log = [entry(due[0].key, 'sent'), entry(due[1].key, 'sent'), entry(digestKey(today), 'sent')];
      const p = plan({ due, log });
      expect(p).toMatchObject({ sendNow: [], defer: [], drop: [], alreadySent: 2, digestDue: false, logUpdates: [] });
    });

    it('sends a deferred letter on a later day of its window, keeping the day it was first due', () => {
      const due = [occ('C1', 'birthday', '2026-03-14', '2026-03-14', '2026-03-16')];
      const log = [entry(due[0].key, 'deferred', { firstDueOn: '2026-03-14', updatedAt: '2026-03-14T09:00' })];
      const p = plan({ due, log });
      expect(keys(p.sendNow)).toEqual([due[0].key]);
      expect(p.logUpdates).toEqual([]);
    });

    it('reports a pending entry left by a stopped run and never resends it', () => {
      const due = [birthday('C1')];
      const p = plan({ due, log: [entry(due[0].key, 'pending', { updatedAt: '2026-03-15T08:40' })] });
      expect(p.sendNow).toEqual([]);
      expect(p.stalePending).toEqual([
        {
          key: due[0].key,
          clientId: 'C1',
          rule: 'birthday',
          occasionDate: today,
          updatedAt: '2026-03-15T08:40',
          facts: { name: 'Client C1', inDays: 0 },
          row: 2,
        },
      ]);
    });

    it('leaves a fresh pending entry to the run that is sending it, without reporting it', () => {
      const due = [birthday('C1')];
      const p = plan({ due, log: [entry(due[0].key, 'pending', { updatedAt: '2026-03-15T08:55' })] });
      expect(p).toMatchObject({ sendNow: [], stalePending: [], inFlight: 1 });
    });

    it('retries a failed letter, and drops it after the last attempt', () => {
      const due = [birthday('C1'), birthday('C2')];
      const log = [
        entry(due[0].key, 'failed', { attempts: 1, note: 'Service error' }),
        entry(due[1].key, 'failed', { attempts: MAX_ATTEMPTS }),
      ];
      const p = plan({ due, log });
      expect(keys(p.sendNow)).toEqual([due[0].key]);
      expect(p.failedRetry).toEqual([due[0].key]);
      expect(p.drop.map((d) => [d.key, d.reason])).toEqual([[due[1].key, 'failedTooOften']]);
      expect(p.logUpdates.map((e) => [e.key, e.state, e.attempts])).toEqual([[due[1].key, 'dropped', MAX_ATTEMPTS]]);
    });

    it('drops a waiting letter whose window closed as too late, naming the client', () => {
      const log = [entry('C7|birthday|2026-03-10', 'deferred', { firstDueOn: '2026-03-10' })];
      const clients = new Map([['C7', { row: 8, fullName: 'Петрова Анна' }]]);
      const p = plan({ log, clients });
      expect(p.drop).toEqual([
        {
          key: 'C7|birthday|2026-03-10',
          clientId: 'C7',
          rule: 'birthday',
          occasionDate: '2026-03-10',
          reason: 'tooLate',
          facts: { name: 'Петрова Анна', inDays: -5 },
          row: 8,
        },
      ]);
      expect(p.logUpdates).toEqual([{ ...log[0], state: 'dropped', updatedAt: now, note: 'tooLate' }]);
    });

    it('drops a waiting letter that is no longer due while its window is open (moved, opted out)', () => {
      const log = [entry('C7|renewal|2026-03-20', 'deferred')];
      expect(plan({ log }).drop.map((d) => d.reason)).toEqual(['noLongerDue']);
    });

    it('reports a stale pending entry of an occasion no longer due for a week, then stops', () => {
      const old = entry('C7|birthday|2026-03-01', 'pending', { updatedAt: '2026-03-08T09:00' });
      expect(plan({ log: [old] }).stalePending).toHaveLength(1);
      expect(plan({ log: [{ ...old, updatedAt: '2026-03-07T09:00' }] }).stalePending).toHaveLength(0);
    });

    it('does not greet a birthday twice in a year when its key moved (29 February policy changed)', () => {
      const log = [entry('C1|birthday|2027-02-28', 'sent', { updatedAt: '2027-02-28T09:00' })];
      const due = [occ('C1', 'birthday', '2027-03-01', '2027-03-01', '2027-03-03')];
      const p = planSends({ due, log, today: '2027-03-01', now: '2027-03-01T09:00', quota: 10, settings });
      expect(p.sendNow).toEqual([]);
      expect(p.alreadySent).toBe(1);
    });

    it('takes the strongest state when the log holds a key twice', () => {
      const due = [birthday('C1')];
      const p = plan({
        due,
        log: [entry(due[0].key, 'deferred'), entry(due[0].key, 'sent'), entry(due[0].key, 'failed')],
      });
      expect(p.alreadySent).toBe(1);
      expect(
        mergeLog([entry('k', 'failed', { attempts: 1 }), entry('k', 'failed', { attempts: 2 })]).get('k')?.attempts,
      ).toBe(2);
    });

    it('sends the digest again after it failed, not after it went', () => {
      expect(plan({ log: [entry(digestKey(today), 'failed')] }).digestDue).toBe(true);
      expect(plan({ log: [entry(digestKey(today), 'sent')] }).digestDue).toBe(false);
      expect(plan({ log: [entry(digestKey('2026-03-14'), 'sent')] }).digestDue).toBe(true);
    });
  });
});

describe('beginSend and finishSend', () => {
  const key = 'C1|birthday|2026-03-15';

  it('start a send from nothing, a waiting or a failed entry, counting the attempt', () => {
    expect(beginSend(undefined, key, today, now)).toEqual({
      key,
      state: 'pending',
      attempts: 1,
      firstDueOn: today,
      updatedAt: now,
    });
    expect(beginSend(entry(key, 'deferred', { firstDueOn: '2026-03-14' }), key, today, now)).toMatchObject({
      state: 'pending',
      attempts: 1,
      firstDueOn: '2026-03-14',
    });
    expect(beginSend(entry(key, 'failed', { attempts: 2 }), key, today, now)?.attempts).toBe(3);
  });

  it('refuse when the entry was sent, is being sent, was dropped or failed too often since the plan', () => {
    for (const state of ['sent', 'pending', 'dropped'] as const)
      expect(beginSend(entry(key, state), key, today, now)).toBeNull();
    expect(beginSend(entry(key, 'failed', { attempts: MAX_ATTEMPTS }), key, today, now)).toBeNull();
  });

  it('end a send as sent, or as failed with the error kept', () => {
    const pending = beginSend(undefined, key, today, now)!;
    expect(finishSend(pending, '2026-03-15T09:01', { ok: true })).toMatchObject({
      state: 'sent',
      updatedAt: '2026-03-15T09:01',
    });
    expect(finishSend(pending, now, { ok: false, error: 'Invalid email: x' })).toMatchObject({
      state: 'failed',
      note: 'Invalid email: x',
    });
  });
});

describe('dayReport', () => {
  it('tells from the log what went today (any run), what waits, what will be retried and what was dropped', () => {
    const log = [
      entry('C1|birthday|2026-03-15', 'sent', { updatedAt: '2026-03-15T09:01' }),
      entry('C2|renewal|2026-03-16', 'sent', { updatedAt: '2026-03-14T09:01' }),
      entry('C3|birthday|2026-03-15', 'deferred'),
      entry('C4|birthday|2026-03-01', 'deferred', { updatedAt: '2026-03-01T09:00' }),
      entry('C5|renewal|2026-03-20', 'failed', { attempts: 1 }),
      entry('C6|renewal|2026-03-20', 'failed', { attempts: MAX_ATTEMPTS }),
      entry('C7|appointment|2026-03-16', 'dropped', { note: 'quotaExhausted', updatedAt: '2026-03-15T09:00' }),
      entry('C8|appointment|2026-03-10', 'dropped', { note: 'quotaExhausted', updatedAt: '2026-03-09T09:00' }),
      entry(digestKey(today), 'sent'),
    ];
    const report = dayReport({
      log,
      today,
      settings,
      occasions: [birthday('C1')],
      clients: new Map([['C7', { row: 9, fullName: 'Орлов Илья' }]]),
    });
    expect(report).toEqual({
      sent: [
        {
          key: 'C1|birthday|2026-03-15',
          clientId: 'C1',
          rule: 'birthday',
          occasionDate: today,
          facts: { name: 'Client C1', inDays: 0 },
          row: 2,
        },
      ],
      waiting: 1,
      failed: 1,
      dropped: [
        {
          key: 'C7|appointment|2026-03-16',
          clientId: 'C7',
          rule: 'appointment',
          occasionDate: '2026-03-16',
          facts: { name: 'Орлов Илья', inDays: 1 },
          row: 9,
          reason: 'quotaExhausted',
        },
      ],
    });
  });
});
