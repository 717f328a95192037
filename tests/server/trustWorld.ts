// A set-up clinic for the trust tests: the built add-on, a few clients, and what a test needs to look at.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createWorkbook } from '../../local/index';
import { CODE, col, TAB } from './helpers';

// The built add-on plus two helpers a person has no menu for: removing this account's triggers by handler, as the
// Triggers page of the script editor does; and calling an entry with arguments parsed from JSON inside the script, as
// google.script.run delivers them (an own "__proto__" key included, which the emulator's realm crossing drops), its
// answer handed back as JSON for the same reason.
const EXTRA = `
function dropTriggers_(handlers) {
  ScriptApp.getProjectTriggers().forEach(function (t) {
    if (handlers.indexOf(t.getHandlerFunction()) >= 0) ScriptApp.deleteTrigger(t);
  });
}
function fromJson_(fn, args) {
  var answer = globalThis[fn].apply(null, JSON.parse(args));
  return answer === undefined ? undefined : JSON.stringify(answer);
}`;

export type Lang = 'ru' | 'en';

export function clinic(lang: Lang = 'ru', opts: Record<string, unknown> = {}) {
  const wb = createWorkbook({
    timeZone: lang === 'ru' ? 'Europe/Moscow' : 'America/New_York',
    locale: lang === 'ru' ? 'ru_RU' : 'en_US',
    now: '2026-03-15T09:00:00',
    user: 'anna@clinic.test',
    scriptTimeZone: lang === 'ru' ? 'Europe/Moscow' : 'America/New_York',
    ...opts,
  });
  const dir = path.dirname(CODE);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'appsscript.json'), 'utf8'));
  const addon = wb.loadAddon({ code: readFileSync(CODE, 'utf8') + EXTRA, dir, scopes: manifest.oauthScopes });
  const call = (fn: string, ...args: unknown[]) => addon.call(fn, ...args) as any;
  const setup = call('setupDatabase');
  if (!setup.ok) throw new Error(JSON.stringify(setup));
  const tabs = TAB[lang];
  const values = (tab: string) => wb.values(tab);
  /** Row (1-based) of the client with this ID, 0 when absent. */
  const rowOf = (id: string) => {
    const v = values(tabs.clients);
    return v.findIndex((r) => r[col(v, 'ID')] === id) + 1;
  };
  const cell = (tab: string, header: string, row: number) => {
    const v = values(tab);
    return v[row - 1]?.[col(v, header)];
  };
  /** A1 of a header's column in row `row`. */
  const a1 = (tab: string, header: string, row: number) => {
    const v = values(tab);
    return `${letter(col(v, header) + 1)}${row}`;
  };
  /** An entry called with arguments given as JSON text, parsed inside the script; the answer parsed back. */
  const callJson = (fn: string, args: string) => {
    const answer = call('fromJson_', fn, args);
    return answer === undefined ? undefined : JSON.parse(answer);
  };
  return { wb, addon, call, callJson, tabs, values, rowOf, cell, a1, lang };
}

export type Clinic = ReturnType<typeof clinic>;

export function letter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Adds clients and returns their IDs. */
export function addClients(c: Clinic, people: Array<Record<string, unknown>>): string[] {
  return people.map((p) => {
    const r = c.call('addClient', { allowDuplicate: true, ...p });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.id as string;
  });
}

// The add-on's own bookkeeping: the audit log grows by design, the nightly check keeps its snapshot.
const BOOKKEEPING = new Set(['Аудит', 'Audit', 'Снимок базы', 'Database snapshot']);

/** Every tab's values and formulas but the bookkeeping tabs' (the audit log and the snapshot). */
export function sheetState(c: Clinic) {
  return Object.fromEntries(
    c.wb
      .sheetNames()
      .filter((n) => !BOOKKEEPING.has(n))
      .map((n) => [n, { values: c.wb.values(n), formulas: c.wb.formulas(n) }]),
  );
}

/** The audit log as records (after the queued entries were written by a verification). */
export function auditRows(c: Clinic): Array<Record<string, unknown>> {
  c.call('verifyAudit');
  const v = c.values(c.lang === 'ru' ? 'Аудит' : 'Audit');
  return v.slice(1).map((r) => Object.fromEntries(v[0].map((h, i) => [String(h), r[i]])));
}
