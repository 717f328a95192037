// ScriptApp triggers: schedules on the virtual clock, owners, deletion and Google's per-user limit.
import { workbookWith } from './helpers';

const CODE = `
function installDaily() {
  ScriptApp.getProjectTriggers().forEach(function (t) { if (t.getHandlerFunction() === 'morning') ScriptApp.deleteTrigger(t); });
  return ScriptApp.newTrigger('morning').timeBased().everyDays(1).atHour(9).create().getUniqueId();
}
function morning(e) {
  var p = PropertiesService.getScriptProperties();
  var runs = JSON.parse(p.getProperty('runs') || '[]');
  runs.push({ who: Session.getEffectiveUser().getEmail(), at: Utilities.formatDate(new Date(), 'Europe/Moscow', 'yyyy-MM-dd HH:mm'), mode: String(e.authMode), uid: e.triggerUid, full: e.authMode === ScriptApp.AuthMode.FULL });
  p.setProperty('runs', JSON.stringify(runs));
}
function once(ms) { return ScriptApp.newTrigger('morning').timeBased().after(ms).create().getUniqueId(); }
function mine() { return ScriptApp.getProjectTriggers().map(function (t) { return [t.getHandlerFunction(), String(t.getEventType()), String(t.getTriggerSource())]; }); }
function deleteAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
function many(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger('morning').timeBased().everyHours(1).create(); }
function tryMany(n) { try { many(n); return 'ok'; } catch (e) { return e.message; } }
function badMinutes() { ScriptApp.newTrigger('morning').timeBased().everyMinutes(7).create(); }
function ui() { SpreadsheetApp.getUi().alert('hi'); }
function installUiJob() { ScriptApp.newTrigger('ui').timeBased().after(1000).create(); }
`;

const runs = (wb: ReturnType<typeof workbookWith>['wb']) => JSON.parse(wb.properties.script().runs ?? '[]');

describe('time-driven triggers', () => {
  it('fires an everyDays(1).atHour(9) trigger once per virtual day, as its owner in AuthMode.FULL', () => {
    const { wb, addon } = workbookWith(CODE);
    const uid = addon.call('installDaily');
    wb.as('boris@clinic.test');
    wb.clock.set('2026-03-15T20:00:00');
    expect(wb.runDueTriggers()).toEqual([]);
    wb.clock.set('2026-03-18T12:00:00');
    const fired = wb.runDueTriggers();
    expect(fired.map((f) => f.at.toISOString())).toEqual([
      '2026-03-16T06:00:00.000Z',
      '2026-03-17T06:00:00.000Z',
      '2026-03-18T06:00:00.000Z',
    ]);
    expect(runs(wb)).toEqual([
      { who: 'anna@clinic.test', at: '2026-03-16 09:00', mode: 'FULL', uid, full: true },
      { who: 'anna@clinic.test', at: '2026-03-17 09:00', mode: 'FULL', uid, full: true },
      { who: 'anna@clinic.test', at: '2026-03-18 09:00', mode: 'FULL', uid, full: true },
    ]);
    // Running again at the same moment fires nothing more.
    expect(wb.runDueTriggers()).toEqual([]);
  });

  it('does not fire when the clock moves but nobody asks', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('installDaily');
    wb.clock.advance(3 * 24 * 3600 * 1000);
    expect(runs(wb)).toEqual([]);
  });

  it('fires an after(ms) trigger once and then removes it', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('once', 60_000);
    expect(wb.triggers).toHaveLength(1);
    wb.clock.advance(59_000);
    expect(wb.runDueTriggers()).toHaveLength(0);
    wb.clock.advance(10 * 60_000);
    expect(wb.runDueTriggers()).toHaveLength(1);
    expect(wb.triggers).toHaveLength(0);
  });

  it('lists only the current user triggers and deletes only those', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('installDaily');
    wb.as('boris@clinic.test');
    expect(addon.call('mine')).toEqual([]);
    addon.call('installDaily');
    expect(addon.call('mine')).toEqual([['morning', 'CLOCK', 'CLOCK']]);
    addon.call('deleteAll');
    expect(wb.triggers.map((t) => t.owner)).toEqual(['anna@clinic.test']);
  });

  it('re-installing after deleting same-handler triggers keeps one trigger', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('installDaily');
    addon.call('installDaily');
    expect(wb.triggers).toHaveLength(1);
  });

  it("refuses a 21st trigger for one user with Google's error, while another user may still add", () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('many', 20);
    expect(addon.call('tryMany', 1)).toBe(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    wb.as('boris@clinic.test');
    expect(addon.call('tryMany', 1)).toBe('ok');
    expect(wb.triggers).toHaveLength(21);
  });

  it('accepts only the minute intervals Google accepts', () => {
    const { addon } = workbookWith(CODE);
    expect(() => addon.call('badMinutes')).toThrow('Accepted values are 1, 5, 10, 15 and 30');
  });

  it('gives a time-driven run no Ui, and reports the failure', () => {
    const { wb, addon } = workbookWith(CODE, { throwTriggerErrors: false });
    addon.call('installUiJob');
    wb.clock.advance(5000);
    const [fired] = wb.runDueTriggers();
    expect(fired.error).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(wb.executions.at(-1)).toMatchObject({ functionName: 'ui', kind: 'clock', error: fired.error });
  });

  it('rethrows a trigger failure by default so tests notice it', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('installUiJob');
    wb.clock.advance(5000);
    expect(() => wb.runDueTriggers()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
  });
});
