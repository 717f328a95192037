// The public entry (local/index.ts): the built add-on against the emulated spreadsheet, as scenario scripts use it.
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorkbook, loadWorkbook } from '../../local/index';

const root = path.join(__dirname, '../..');
const codeJs = path.join(root, 'dist/Code.js');

beforeAll(() => {
  if (!existsSync(codeJs)) execSync('npm run build', { cwd: root, stdio: 'ignore' });
});

const fresh = (opts = {}) =>
  createWorkbook({
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    now: '2026-03-15T09:00:00',
    user: 'anna@clinic.test',
    ...opts,
  });

const SHEET_ADDON = `
function setup() {
  var ss = SpreadsheetApp.getActive();
  var sh = ss.getActiveSheet().setName('Clients');
  sh.getRange('A1:C2').setValues([['Имя', 'Телефон', 'Отметка'], ['Анна', '+7 912 345-67-89', '']]);
  ScriptApp.newTrigger('audit').forSpreadsheet(ss).onEdit().create();
  ScriptApp.newTrigger('changed').forSpreadsheet(ss).onChange().create();
  ss.toast('База готова', 'Картотека', 3);
  return sh.getRange('A1:C2').getValues();
}
function onEdit(e) {
  if (e.range.getColumn() !== 1) return;
  e.range.offset(0, 2).setValue(e.user.getEmail() + ':' + e.value + ':' + (e.authMode === ScriptApp.AuthMode.LIMITED));
}
function audit(e) {
  var p = PropertiesService.getDocumentProperties();
  p.setProperty('audit', (p.getProperty('audit') || '') + e.range.getA1Notation() + '/' + Session.getEffectiveUser().getEmail() + '/' + String(e.authMode) + '/' + ('value' in e) + ';');
}
function changed(e) { var p = PropertiesService.getDocumentProperties(); p.setProperty('changes', (p.getProperty('changes') || '') + e.changeType + ';'); }
function firstDate() { return SpreadsheetApp.getActive().getSheetByName('Clients').getRange('B2').getValue(); }
`;

describe('the Foundation bundle in a local workbook', () => {
  it("builds the 'Картотека' menu for a ru_RU sheet, with an item calling showAbout", () => {
    const wb = fresh();
    const addon = wb.loadAddon(codeJs);
    addon.call('onOpen', { authMode: 'FULL' });
    expect(wb.ui.menus).toHaveLength(1);
    expect(wb.ui.menus[0].title).toBe('Картотека');
    expect(wb.ui.menus[0].items).toContainEqual({ caption: 'О Картотеке', functionName: 'showAbout' });
    expect(wb.calls['Ui.createMenu']).toBe(1);
  });

  it('builds the menu in English for an en_US sheet even in AuthMode.NONE', () => {
    const wb = fresh({ locale: 'en_US' });
    const addon = wb.loadAddon(codeJs);
    addon.call('onOpen', { authMode: 'NONE' });
    expect(wb.ui.menus[0].title).toBe('Kartoteka');
    for (const item of wb.ui.menus[0].items) {
      if ('functionName' in item) expect(addon.has(item.functionName)).toBe(true);
    }
  });

  it('shows the About dialog from the menu item, rendered from dist/about.html', () => {
    const wb = fresh();
    const addon = wb.loadAddon(codeJs);
    addon.call('showAbout');
    expect(wb.ui.dialogs).toHaveLength(1);
    expect(wb.ui.dialogs[0]).toMatchObject({ title: 'О Картотеке', kind: 'modal', width: 420 });
    expect(wb.ui.dialogs[0].content).toContain('<h1>Картотека</h1>');
    expect(wb.ui.dialogs[0].content).not.toContain('<?');
  });
});

describe('a workbook with the spreadsheet model', () => {
  it('starts with one sheet named by locale', () => {
    expect(fresh().sheetNames()).toEqual(['Лист1']);
    expect(fresh({ locale: 'en_US' }).sheetNames()).toEqual(['Sheet1']);
  });

  it('gives the add-on Dates of its realm from getValues, and back to the caller as Dates', () => {
    const wb = fresh();
    const addon = wb.loadAddon({ code: SHEET_ADDON });
    const rows = addon.call('setup') as unknown[][];
    expect(rows).toEqual([
      ['Имя', 'Телефон', 'Отметка'],
      ['Анна', '+7 912 345-67-89', ''],
    ]);
    expect(wb.toasts).toEqual([
      { message: 'База готова', title: 'Картотека', timeoutSeconds: 3, user: 'anna@clinic.test', at: expect.any(Date) },
    ]);
  });

  it('runs the simple onEdit as the editing user (LIMITED) and installable onEdit as its owner (FULL)', () => {
    const wb = fresh();
    wb.loadAddon({ code: SHEET_ADDON }).call('setup');
    wb.as('boris@clinic.test');
    const runs = wb.edit('Clients', 'A3', 'Борис');
    expect(runs.map((r) => [r.functionName, r.user, r.authMode])).toEqual([
      ['onEdit', 'boris@clinic.test', 'LIMITED'],
      ['audit', 'anna@clinic.test', 'FULL'],
      ['changed', 'anna@clinic.test', 'FULL'],
    ]);
    expect(wb.values('Clients')[2]).toEqual(['Борис', '', 'boris@clinic.test:Борис:true']);
    expect(wb.properties.document()).toEqual({ audit: 'A3/anna@clinic.test/FULL/true;', changes: 'EDIT;' });
  });

  it('gives a paste no value, and a structural change only onChange', () => {
    const wb = fresh();
    wb.loadAddon({ code: SHEET_ADDON }).call('setup');
    wb.paste('Clients', 'B3', [['x'], ['y']]);
    wb.insertRows('Clients', 2, 1);
    expect(wb.properties.document().audit).toBe('B3:B4/anna@clinic.test/FULL/false;');
    expect(wb.properties.document().changes).toBe('EDIT;INSERT_ROW;');
  });

  it('does not fire triggers for script writes', () => {
    const wb = fresh();
    wb.loadAddon({ code: SHEET_ADDON }).call('setup');
    expect(wb.properties.document()).toEqual({});
  });

  it('edits a sheet without an add-on loaded', () => {
    const wb = fresh();
    expect(wb.edit('Лист1', 'A1', 'Имя')).toEqual([]);
    expect(wb.values('Лист1')).toEqual([['Имя']]);
  });

  it('saves to .xlsx and loads it back', async () => {
    const wb = fresh();
    wb.loadAddon({ code: SHEET_ADDON }).call('setup');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kartoteka-')), 'clients.xlsx');
    await wb.saveXlsx(file);
    const again = await loadWorkbook(file, { timeZone: 'Europe/Moscow', locale: 'ru_RU' });
    expect(again.sheetNames()).toEqual(['Clients']);
    expect(again.values('Clients')[1][0]).toBe('Анна');
    const addon = again.loadAddon({ code: SHEET_ADDON });
    expect(addon.call('firstDate')).toBe('+7 912 345-67-89');
  });
});

describe('concurrent executions against the spreadsheet', () => {
  const APPEND = `
function addClient(name) {
  var lock = LockService.getDocumentLock();
  lock.waitLock(30000);
  var sh = SpreadsheetApp.getActive().getSheetByName('Clients');
  var last = sh.getLastRow();
  sh.getRange(last + 1, 1, 1, 2).setValues([[name, Session.getActiveUser().getEmail()]]);
  lock.releaseLock();
  return last + 1;
}
function setup() { SpreadsheetApp.getActive().getActiveSheet().setName('Clients').getRange('A1:B1').setValues([['Имя', 'Кто']]); }
`;

  it('two people saving at the same moment both keep their row when the add-on locks', async () => {
    const wb = fresh();
    wb.loadAddon({ code: APPEND }).call('setup');
    const out = await wb.concurrently([
      { user: 'anna@clinic.test', fn: 'addClient', args: ['Иванова Анна'] },
      { user: 'boris@clinic.test', fn: 'addClient', args: ['Петров Борис'] },
    ]);
    expect(out.map((o) => o.ok && o.value).sort()).toEqual([2, 3]);
    const rows = wb.values('Clients').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r[1]).sort()).toEqual(['anna@clinic.test', 'boris@clinic.test']);
    expect(wb.calls['Range.setValues']).toBe(3);
  });
});
