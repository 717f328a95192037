// The add-on's vm: only what Apps Script offers, virtual time, realm-correct values, errors, counting and budgets.
import { workbookWith } from './helpers';

const CODE = `
function globals() {
  return ['require', 'module', 'process', 'setTimeout', 'setInterval', 'fetch', 'URL', 'URLSearchParams', 'TextEncoder',
    'TextDecoder', 'atob', 'btoa', 'queueMicrotask', 'structuredClone', 'Buffer', 'global']
    .filter(function (n) { return typeof globalThis[n] !== 'undefined'; });
}
function now() { return [new Date().toISOString(), Date.now(), new Date(2026, 0, 1) instanceof Date]; }
function echo(x) { return { isDate: x.when instanceof Date, isArray: Array.isArray(x.rows), ctorOk: x.rows.constructor === Array, back: x }; }
function fail() { throw new Error('Клиент не найден'); }
function failType() { null.x; }
function missingMethod() { return MailApp.sendEmailLater(); }
function catchMissing() { try { MailApp.sendEmailLater(); } catch (e) { return e instanceof Error ? e.message : 'not an Error'; } }
function props() { return PropertiesService.getScriptProperties().getProperty('x'); }
function loopSpreadsheetish(n) { for (var i = 0; i < n; i++) PropertiesService.getScriptProperties().getProperty('k'); }
function sleepLong() { for (var i = 0; i < 10; i++) Utilities.sleep(60000); return 'finished'; }
function enumIdentity() { return [ScriptApp.AuthMode.FULL === ScriptApp.AuthMode.FULL, String(ScriptApp.AuthMode.FULL), JSON.stringify({ m: ScriptApp.AuthMode.LIMITED })]; }
function random() { return [Math.random(), Math.random()]; }
function log() { console.log('Клиентов: %d', 3); console.error('плохо'); Logger.log('done'); }
function noneMode(e) { return SpreadsheetApp.getUi() ? PropertiesService.getUserProperties().getProperty('x') : null; }
function onOpen(e) { SpreadsheetApp.getUi().createMenu('M').addItem('x', 'now').addToUi(); return String(e.authMode); }
`;

describe('the add-on context', () => {
  it('has none of the Node or browser globals Apps Script lacks', () => {
    expect(workbookWith(CODE).addon.call('globals')).toEqual([]);
  });

  it('reads the virtual clock through Date', () => {
    const { wb, addon } = workbookWith(CODE, { now: '2026-03-15T09:00:00' });
    const [iso, ms, isDate] = addon.call('now') as [string, number, boolean];
    expect(iso).toBe('2026-03-15T06:00:00.000Z');
    expect(ms).toBe(Date.parse('2026-03-15T06:00:00Z'));
    expect(isDate).toBe(true);
    wb.clock.advance(3600_000);
    expect((addon.call('now') as [string])[0]).toBe('2026-03-15T07:00:00.000Z');
  });

  it('reads local-time Date fields in the script time zone, as Apps Script does', () => {
    const code = `function local() {
      var d = new Date(2026, 2, 15);
      var now = new Date();
      var midnight = new Date(now.getTime()); midnight.setHours(0, 0, 0, 0);
      return [d.toISOString(), now.getHours(), now.getDate(), String(now), midnight.toISOString(), new Date('2026-03-15T10:00:00').toISOString()];
    }`;
    const { addon } = workbookWith(code, { now: '2026-03-15T20:00:00+03:00', scriptTimeZone: 'Asia/Vladivostok' });
    expect(addon.call('local')).toEqual([
      '2026-03-14T14:00:00.000Z',
      3,
      16,
      'Mon Mar 16 2026 03:00:00 GMT+1000 (Vladivostok Standard Time)',
      '2026-03-15T14:00:00.000Z',
      '2026-03-15T00:00:00.000Z',
    ]);
  });

  it('hands the add-on Dates and arrays of its own realm and gives host values back', () => {
    const when = new Date('2026-03-15T00:00:00Z');
    const out = workbookWith(CODE).addon.call('echo', { when, rows: [[1, 'a']] }) as Record<string, any>;
    expect(out.isDate).toBe(true);
    expect(out.isArray).toBe(true);
    expect(out.ctorOk).toBe(true);
    expect(out.back.when).toBeInstanceOf(Date);
    expect(out.back.when.getTime()).toBe(when.getTime());
    expect(out.back.rows).toEqual([[1, 'a']]);
  });

  it("propagates the add-on's errors as Errors with its message", () => {
    const { addon } = workbookWith(CODE);
    expect(() => addon.call('fail')).toThrow(new Error('Клиент не найден'));
    let caught: unknown;
    try {
      addon.call('failType');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('TypeError');
  });

  it("says 'Script function not found' for a name the add-on does not declare", () => {
    expect(() => workbookWith(CODE).addon.call('nothing')).toThrow('Script function not found: nothing');
  });

  it('throws "not emulated" for a service member the runtime does not have, as a catchable Error', () => {
    const { addon } = workbookWith(CODE);
    expect(() => addon.call('missingMethod')).toThrow('not emulated: MailApp.sendEmailLater');
    expect(addon.call('catchMissing')).toBe('not emulated: MailApp.sendEmailLater');
  });

  it('keeps enum values identical and printable', () => {
    expect(workbookWith(CODE).addon.call('enumIdentity')).toEqual([true, 'FULL', '{"m":"LIMITED"}']);
  });

  it('seeds Math.random so runs repeat', () => {
    const a = workbookWith(CODE, { seed: 7 }).addon.call('random');
    expect(workbookWith(CODE, { seed: 7 }).addon.call('random')).toEqual(a);
    expect(workbookWith(CODE, { seed: 8 }).addon.call('random')).not.toEqual(a);
  });

  it('captures console and Logger lines with user and time', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('log');
    expect(wb.logs.map((l) => [l.level, l.message, l.user, l.functionName])).toEqual([
      ['log', 'Клиентов: 3', 'anna@clinic.test', 'log'],
      ['error', 'плохо', 'anna@clinic.test', 'log'],
      ['log', 'done', 'anna@clinic.test', 'log'],
    ]);
    expect(wb.calls['Logger.log']).toBe(1);
    expect(wb.calls['console.log']).toBeUndefined();
  });
});

describe('call counting', () => {
  it('counts every service call as ClassName.method and resets', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('loopSpreadsheetish', 3);
    expect(wb.calls).toEqual({ 'PropertiesService.getScriptProperties': 3, 'Properties.getProperty': 3 });
    wb.resetCalls();
    expect(wb.calls).toEqual({});
  });
});

describe('execution budget', () => {
  it('stops an execution past 6 virtual minutes at its next service call', () => {
    const { wb, addon } = workbookWith(CODE);
    expect(() => addon.call('sleepLong')).toThrow('Exceeded maximum execution time');
    expect(wb.executions.at(-1)).toMatchObject({ functionName: 'sleepLong', error: 'Exceeded maximum execution time' });
  });

  it('moves the workbook clock by the time executions spent', () => {
    const { wb, addon } = workbookWith(CODE);
    const before = wb.clock.now().getTime();
    addon.call('loopSpreadsheetish', 100);
    expect(wb.clock.now().getTime()).toBeGreaterThan(before);
  });

  it('gives a simple trigger 30 seconds', () => {
    const { addon } = workbookWith(
      CODE + 'function onEdit(e) { Utilities.sleep(31000); PropertiesService.getScriptProperties(); }',
    );
    expect(() => addon.call('onEdit', { authMode: 'LIMITED' })).toThrow('Exceeded maximum execution time');
  });
});

describe('AuthMode', () => {
  it('passes the event authMode as the ScriptApp.AuthMode value', () => {
    const { wb, addon } = workbookWith(CODE);
    expect(addon.call('onOpen', { authMode: 'NONE' })).toBe('NONE');
    expect(wb.ui.menus).toEqual([{ title: 'M', items: [{ caption: 'x', functionName: 'now' }] }]);
    expect(wb.executions.at(-1)).toMatchObject({ authMode: 'NONE', kind: 'simple' });
  });

  it('refuses data services in AuthMode.NONE but still builds menus', () => {
    const { addon } = workbookWith(CODE + 'function onInstall(e) { return noneMode(e); }');
    expect(() => addon.call('onInstall', { authMode: 'NONE' })).toThrow(
      /You do not have permission to call PropertiesService.getUserProperties/,
    );
  });
});
