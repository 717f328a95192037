// Apps Script's 6-minute limit: a morning of 5,000 letters (250 ms of modelled mail time each) finishes across
// continuations with no gap and no repeat; a run killed on the way is continued by its safety net.
import { readFileSync } from 'node:fs';
import { CODE, dropFormulaTabs } from './helpers';
import { bulkClients, digests, lettersTo, sentLog, turnOn, until, world } from './remindersWorld';

const SIX_MINUTES = 6 * 60_000;
const runs = (w: ReturnType<typeof world>) =>
  w.wb.executions.filter((e) => e.functionName === 'runDailyJob' || e.functionName === 'continueDailyJob');

describe('a morning longer than one execution', () => {
  it('5,000 due emails finish across continuations, each execution within the limit, none twice, none missing', () => {
    const w = world('ru', { mailQuota: 6000 });
    dropFormulaTabs(w.wb);
    bulkClients(w, 5000, '03-15');
    turnOn(w);
    until(w, '2026-03-15T12:00');
    const to = lettersTo(w);
    expect(to).toHaveLength(5000);
    expect(new Set(to).size).toBe(5000);
    expect(digests(w)).toHaveLength(1);
    expect(digests(w)[0].body).toContain('Отправлено сегодня: 5000 писем');
    // The digest goes after the last letter.
    expect(w.wb.outbox.at(-1)?.to).toBe('team@clinic.test');
    const executions = runs(w);
    expect(executions.length).toBeGreaterThanOrEqual(5);
    for (const e of executions) {
      expect(e.error).toBeUndefined();
      expect(e.end.getTime() - e.start.getTime()).toBeLessThan(SIX_MINUTES);
    }
    expect(executions.map((e) => e.functionName)).toEqual([
      'runDailyJob',
      ...executions.slice(1).map(() => 'continueDailyJob'),
    ]);
    // No spent or pending continuation is left behind; the daily trigger is still the only one.
    expect(w.wb.triggers.map((t) => t.handler).sort()).toEqual(
      ['nightly', 'onChangeInstalled', 'onEditInstalled', 'runDailyJob'].sort(),
    );
    const log = sentLog(w);
    expect(log).toHaveLength(5001);
    expect(log.every((r) => r.Состояние === 'отправлено' && r.Попыток === 1)).toBe(true);
  }, 300_000);
});

/** The add-on with MailApp wrapped: after the kth send the execution sleeps past the 6-minute limit (killed). */
function killedAfter(k: number): string {
  return `${readFileSync(CODE, 'utf8')}
var __mail = MailApp;
var __sends = 0;
MailApp = {
  getRemainingDailyQuota: function () { return __mail.getRemainingDailyQuota(); },
  sendEmail: function (m) {
    __mail.sendEmail(m);
    __sends++;
    // Apps Script sleeps at most 5 minutes at a time.
    if (__sends === ${k}) { Utilities.sleep(240000); Utilities.sleep(240000); }
  },
};`;
}

describe('a run killed by the time limit after k of n letters', () => {
  it('is continued by its safety net, which sends exactly the other n − k; the letter in flight is not resent', () => {
    const n = 12;
    const k = 5;
    const w = world('ru', { code: killedAfter(k) });
    bulkClients(w, n, '03-15');
    turnOn(w);
    // Apps Script ends the execution there: the trigger's run fails with the time-limit error.
    expect(() => until(w, '2026-03-15T09:05')).toThrow('Exceeded maximum execution time');
    expect(lettersTo(w)).toHaveLength(k);
    const [killed] = runs(w);
    expect(killed.error).toMatch(/Exceeded maximum execution time/);
    // The kth letter went out but its run died before confirming it: pending, never sent again.
    expect(sentLog(w).filter((r) => r.Состояние === 'отправляется')).toHaveLength(1);
    until(w, '2026-03-15T12:00');
    const to = lettersTo(w);
    expect(to).toHaveLength(n);
    expect(new Set(to).size).toBe(n);
    // The safety net fired after the killed run (which held the document lock until it ended) and finished the day.
    const names = runs(w).map((e) => e.functionName);
    expect(names[0]).toBe('runDailyJob');
    expect(names.slice(1).length).toBeGreaterThan(0);
    expect(new Set(names.slice(1))).toEqual(new Set(['continueDailyJob']));
    expect(digests(w)).toHaveLength(1);
  });
});
