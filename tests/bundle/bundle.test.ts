// dist/Code.js as Apps Script loads it: one script in a bare V8 context, entries found as top-level functions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import * as acorn from 'acorn';
import { TRIGGER_REGISTRY } from '../../src/domain/triggers';

const code = readFileSync(path.join(__dirname, '../../dist/Code.js'), 'utf8');
const EXPECTED_ENTRIES = [
  'onOpen',
  'onInstall',
  'showAbout',
  'showNewClient',
  'showLogContact',
  'showClientCard',
  'menuSetupDatabase',
  'menuRecomputeClients',
  'setupDatabase',
  'addClient',
  'updateClient',
  'logContact',
  'getClientCard',
  'searchClients',
  'checkDuplicates',
  'mergeClients',
  'recomputeClients',
  'getSettings',
  'updateSettings',
  'getFormContext',
  'onEditInstalled',
  'onChangeInstalled',
  'nightly',
];

type MenuRecord = { title: string; items: Array<[string, string] | 'separator'>; added: boolean };

function fakeUi(menus: MenuRecord[]) {
  return {
    createMenu(title: string) {
      const menu: MenuRecord = { title, items: [], added: false };
      menus.push(menu);
      const api = {
        addItem(caption: string, fn: string) {
          menu.items.push([caption, fn]);
          return api;
        },
        addSeparator() {
          menu.items.push('separator');
          return api;
        },
        addSubMenu() {
          return api;
        },
        addToUi() {
          menu.added = true;
        },
      };
      return api;
    },
  };
}

function appsScriptContext(locale: string, menus: MenuRecord[]) {
  const ss = { getSpreadsheetLocale: () => locale };
  // Only what Apps Script offers: no require, module, process, setTimeout or fetch.
  return vm.createContext({
    SpreadsheetApp: { getUi: () => fakeUi(menus), getActiveSpreadsheet: () => ss, getActive: () => ss },
    Session: { getActiveUserLocale: () => locale.slice(0, 2) },
  });
}

describe('dist/Code.js', () => {
  it('parses as an ES2020 script with no module syntax', () => {
    expect(() => acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script' })).not.toThrow();
    const ast = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script' }) as any;
    expect(ast.body.some((n: any) => n.type === 'ImportDeclaration' || n.type.startsWith('Export'))).toBe(false);
    expect(code).not.toMatch(/\brequire\(/);
  });

  it('declares every entry of src/main.ts as a top-level function', () => {
    const ast = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script' }) as any;
    const declared = ast.body.filter((n: any) => n.type === 'FunctionDeclaration').map((n: any) => n.id.name);
    expect(declared).toEqual(expect.arrayContaining(EXPECTED_ENTRIES));
    const context = appsScriptContext('ru_RU', []);
    vm.runInContext(code, context, { filename: 'Code.js' });
    for (const name of EXPECTED_ENTRIES) expect(typeof context[name]).toBe('function');
    expect(context.require).toBeUndefined();
    expect(context.process).toBeUndefined();
  });

  it('declares the handler of every trigger in the registry, so no trigger ever calls a missing function', () => {
    const context = appsScriptContext('ru_RU', []);
    vm.runInContext(code, context, { filename: 'Code.js' });
    for (const { handler } of TRIGGER_REGISTRY)
      expect([handler, typeof context[handler]]).toEqual([handler, 'function']);
  });

  it('carries the JSDoc of an entry onto its top-level function', () => {
    expect(code).toMatch(/\/\*\*[\s\S]*?Builds the Kartoteka menu[\s\S]*?\*\/\nfunction onOpen\(e\)/);
  });

  it('builds the Kartoteka menu in Russian for a Russian sheet', () => {
    const menus: MenuRecord[] = [];
    const context = appsScriptContext('ru_RU', menus);
    vm.runInContext(code, context);
    vm.runInContext('onOpen({ authMode: "NONE" })', context);
    expect(menus).toHaveLength(1);
    expect(menus[0].title).toBe('Картотека');
    expect(menus[0].added).toBe(true);
    expect(menus[0].items).toContainEqual(['О Картотеке', 'showAbout']);
  });

  it('builds the menu in English for an English sheet, each item naming a declared entry', () => {
    const menus: MenuRecord[] = [];
    const context = appsScriptContext('en_US', menus);
    vm.runInContext(code, context);
    vm.runInContext('onOpen({ authMode: "LIMITED" })', context);
    expect(menus[0].title).toBe('Kartoteka');
    for (const item of menus[0].items) {
      if (item !== 'separator') expect(typeof context[item[1]]).toBe('function');
    }
  });
});
