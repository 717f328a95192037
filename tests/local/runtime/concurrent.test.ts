// `concurrently`: executions in worker threads interleaved at service calls, with real lock contention.
import { workbookWith } from './helpers';

const CODE = `
function save(hold, keep) {
  var lock = LockService.getScriptLock();
  lock.waitLock(hold);
  var p = PropertiesService.getScriptProperties();
  var n = Number(p.getProperty('n') || 0);
  Utilities.sleep(keep);
  p.setProperty('n', String(n + 1));
  lock.releaseLock();
  return n + 1;
}
function holdAndForget(keep) { LockService.getDocumentLock().waitLock(1000); Utilities.sleep(keep); return 'held'; }
function probe(wait) {
  Utilities.sleep(100);
  var lock = LockService.getDocumentLock();
  var got = lock.tryLock(wait);
  return [got, lock.hasLock(), new Date().getTime()];
}
function racy() { var p = PropertiesService.getScriptProperties(); var n = Number(p.getProperty('r') || 0); Utilities.sleep(50); p.setProperty('r', String(n + 1)); return n + 1; }
function guarded() { var l = LockService.getScriptLock(); l.waitLock(30000); try { return racy(); } finally { l.releaseLock(); } }
function who() { Logger.log(Session.getActiveUser().getEmail()); return Session.getEffectiveUser().getEmail(); }
function fail() { PropertiesService.getScriptProperties(); throw new Error('Сбой записи'); }
function page() { var t = HtmlService.createTemplate('<p><?= name ?></p>'); t.name = '<Анна>'; SpreadsheetApp.getUi().showSidebar(t.evaluate().setTitle('Клиент')); return t.evaluate().getContent(); }
`;

const T0 = Date.parse('2026-03-15T06:00:00Z');

describe('concurrently', () => {
  it('times a waitLock out when the holder keeps the lock past the timeout', async () => {
    const { wb } = workbookWith(CODE);
    const out = await wb.concurrently([
      { user: 'anna@clinic.test', fn: 'save', args: [1000, 5000] },
      { user: 'boris@clinic.test', fn: 'save', args: [1000, 5000] },
    ]);
    const failed = out.filter((o) => !o.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0].ok === false && failed[0].error.message).toBe(
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(out.filter((o) => o.ok).map((o) => o.ok && o.value)).toEqual([1]);
    expect(wb.properties.script()).toEqual({ n: '1' });
  });

  it('lets a waiter in when the holder releases within the timeout, so no update is lost', async () => {
    const { wb } = workbookWith(CODE);
    const out = await wb.concurrently([
      { user: 'anna@clinic.test', fn: 'save', args: [30000, 5000] },
      { user: 'boris@clinic.test', fn: 'save', args: [30000, 5000] },
    ]);
    expect(out.every((o) => o.ok)).toBe(true);
    expect(out.map((o) => o.ok && o.value).sort()).toEqual([1, 2]);
    // The second one could only finish after the first released: about 10 virtual seconds in total.
    const ends = wb.executions.slice(-2).map((e) => e.end.getTime() - T0);
    expect(Math.max(...ends)).toBeGreaterThanOrEqual(10_000);
  });

  it('tryLock answers false while another execution holds the lock, after waiting its timeout', async () => {
    const { wb } = workbookWith(CODE);
    const out = await wb.concurrently([
      { fn: 'holdAndForget', args: [10_000] },
      { user: 'boris@clinic.test', fn: 'probe', args: [2000] },
    ]);
    expect(out[0]).toMatchObject({ ok: true, value: 'held' });
    const [got, has, at] = (out[1] as { value: [boolean, boolean, number] }).value;
    expect([got, has]).toEqual([false, false]);
    expect(at - T0).toBeGreaterThanOrEqual(2000);
    expect(at - T0).toBeLessThan(10_000);
  });

  it('releases a lock when its execution ends, even without releaseLock', async () => {
    const { wb } = workbookWith(CODE);
    const out = await wb.concurrently([
      { fn: 'holdAndForget', args: [3000] },
      { user: 'boris@clinic.test', fn: 'probe', args: [20_000] },
    ]);
    const [got, has, at] = (out[1] as { value: [boolean, boolean, number] }).value;
    expect([got, has]).toEqual([true, true]);
    expect(at - T0).toBeGreaterThanOrEqual(3000);
  });

  it('loses updates without a lock and keeps them all with one', async () => {
    const racy = workbookWith(CODE).wb;
    await racy.concurrently([{ fn: 'racy' }, { fn: 'racy' }, { fn: 'racy' }]);
    expect(Number(racy.properties.script().r)).toBeLessThan(3);
    const safe = workbookWith(CODE).wb;
    await safe.concurrently([{ fn: 'guarded' }, { fn: 'guarded' }, { fn: 'guarded' }]);
    expect(safe.properties.script().r).toBe('3');
  });

  it('is deterministic for a seed', async () => {
    const run = async (seed: number) => {
      const { wb } = workbookWith(CODE);
      const tasks = ['a', 'b', 'c', 'd'].map((u) => ({ user: `${u}@clinic.test`, fn: 'who' }));
      await wb.concurrently(tasks, { seed });
      return wb.logs.map((l) => `${l.message}@${l.at.getTime()}`).join(',');
    };
    expect(await run(11)).toBe(await run(11));
  });

  it('runs each task as its user and counts calls like a direct call', async () => {
    const { wb, addon } = workbookWith(CODE);
    const out = await wb.concurrently([{ user: 'boris@clinic.test', fn: 'who' }]);
    expect(out[0]).toMatchObject({ ok: true, value: 'boris@clinic.test', user: 'boris@clinic.test' });
    const concurrentCalls = { ...wb.calls };
    wb.resetCalls();
    addon.call('who');
    expect(concurrentCalls).toEqual(wb.calls);
  });

  it("returns an execution's error as an Error with the add-on's message", async () => {
    const { wb } = workbookWith(CODE);
    const [out] = await wb.concurrently([{ fn: 'fail' }]);
    expect(out.ok).toBe(false);
    expect(out.ok === false && out.error).toBeInstanceOf(Error);
    expect(out.ok === false && out.error.message).toBe('Сбой записи');
    expect(wb.executions.at(-1)).toMatchObject({ functionName: 'fail', kind: 'concurrent', error: 'Сбой записи' });
  });

  it('evaluates templates inside the worker and shows the sidebar in the workbook', async () => {
    const { wb } = workbookWith(CODE);
    const [out] = await wb.concurrently([{ fn: 'page' }]);
    expect(out).toMatchObject({ ok: true, value: '<p>&lt;Анна&gt;</p>' });
    expect(wb.ui.sidebars[0]).toMatchObject({ title: 'Клиент', content: '<p>&lt;Анна&gt;</p>' });
    expect(wb.calls['HtmlTemplate.evaluate']).toBe(2);
  });

  it('loads extra code into the workers and reports what each function returned as result', async () => {
    const { wb } = workbookWith(CODE);
    const out = await wb.concurrently([{ fn: 'helper', args: [2] }], {
      extraCode: 'function helper(n) { return { ok: false, n: n * 2 }; }',
    });
    expect(out[0]).toMatchObject({ ok: true, result: { ok: false, n: 4 }, value: { ok: false, n: 4 } });
  });
});
