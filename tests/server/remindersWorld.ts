// A clinic for the morning-run tests: the built add-on set up on an emulated sheet, clients added as people add them
// (or written in bulk through the model), reminders switched on, and the virtual clock moved to the next mornings.
import { createWorkbook } from '../../local/index';
import { wallToInstant } from '../../local/playground/workbook';
import { CODE, type Lang, TAB } from './helpers';

export type Call = (fn: string, ...args: unknown[]) => any;

export interface World {
  wb: ReturnType<typeof createWorkbook>;
  addon: { call: Call; has(name: string): boolean };
  call: Call;
  lang: Lang;
  tz: string;
}

export const LOG = { ru: 'Журнал отправки', en: 'Sent log' };
export const TEMPLATES = { ru: 'Шаблоны писем', en: 'Email templates' };

/** A set-up sheet; the clock at `now` (wall time in the sheet's zone). */
export function world(
  lang: Lang = 'ru',
  opts: { now?: string; timeZone?: string; scriptTimeZone?: string; mailQuota?: number; code?: string } = {},
): World {
  const tz = opts.timeZone ?? (lang === 'ru' ? 'Europe/Moscow' : 'America/New_York');
  const wb = createWorkbook({
    timeZone: tz,
    locale: lang === 'ru' ? 'ru_RU' : 'en_US',
    now: opts.now ?? '2026-03-14T10:00:00',
    user: 'anna@clinic.test',
    scriptTimeZone: opts.scriptTimeZone ?? tz,
    mailQuota: opts.mailQuota ?? 100,
  });
  const addon = wb.loadAddon(opts.code ? { code: opts.code, dir: require('node:path').dirname(CODE) } : CODE) as any;
  const call: Call = (fn, ...args) => addon.call(fn, ...args);
  const setup = call('setupDatabase');
  if (!setup.ok) throw new Error(JSON.stringify(setup));
  return { wb, addon, call, lang, tz };
}

/** Adds clients through the add-on (as the New client sidebar does); returns their IDs. */
export function addClients(w: World, clients: Array<Record<string, unknown>>): string[] {
  return clients.map((c) => {
    const r = w.call('addClient', { allowDuplicate: true, ...c });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.id as string;
  });
}

/** Reminders on with these settings (digest to the team by default). */
export function turnOn(w: World, settings: Record<string, unknown> = {}): any {
  const saved = w.call('saveReminderSettings', { recipients: ['team@clinic.test'], ...settings });
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  const on = w.call('enableReminders');
  if (!on.ok) throw new Error(JSON.stringify(on));
  return on;
}

/** Moves the clock to `wall` (sheet zone) and fires every trigger that came due, as their owners. */
export function until(w: World, wall: string) {
  w.wb.clock.set(wallToInstant(wall, w.tz));
  return w.wb.runDueTriggers();
}

/** Client emails (not the digest) sent so far, by address. */
export function lettersTo(w: World): string[] {
  return w.wb.outbox.filter((m) => !m.to.includes('team@')).map((m) => m.to);
}

export function digests(w: World) {
  return w.wb.outbox.filter((m) => m.to.includes('team@'));
}

/** The Sent log as header → value rows. */
export function sentLog(w: World): Array<Record<string, unknown>> {
  const values = w.wb.values(LOG[w.lang]);
  return values.slice(1).map((r) => Object.fromEntries(values[0].map((h, i) => [String(h), r[i]])));
}

/** Journal rows whose type is the email contact type. */
export function journalEmails(w: World): Array<Record<string, unknown>> {
  const values = w.wb.values(TAB[w.lang].journal);
  return values
    .slice(1)
    .map((r) => Object.fromEntries(values[0].map((h, i) => [String(h), r[i]])))
    .filter((r) =>
      String(r[w.lang === 'ru' ? 'Что было' : 'Summary']).startsWith(w.lang === 'ru' ? 'Письмо' : 'Email'),
    );
}

/**
 * Writes n clients straight into the Clients tab through the model (seconds for thousands), each with an ID,
 * an address, consent and a birthday on `birthday` ('mm-dd'), as if typed long ago.
 */
export function bulkClients(w: World, n: number, birthday: string, from = 1): void {
  const sheet = (w.wb.model.spreadsheet as any).getSheetByName(TAB[w.lang].clients);
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[];
  const at = (h: string) => header.indexOf(h);
  const h =
    w.lang === 'ru'
      ? { name: 'ФИО', email: 'Email', id: 'ID', birth: 'Дата рождения', consent: 'Согласие на рассылку' }
      : { name: 'Full name', email: 'Email', id: 'ID', birth: 'Birth date', consent: 'Email consent on' };
  const consent = wallToInstant('2025-01-10', w.tz);
  const rows: unknown[][] = [];
  for (let i = from; i < from + n; i++) {
    const row = new Array(header.length).fill('');
    row[at(h.name)] = `Клиент${i} Тестовый`;
    row[at(h.email)] = `client${i}@mail.test`;
    row[at(h.id)] = `C-${String(i).padStart(6, '0')}`;
    row[at(h.birth)] = wallToInstant(`${1970 + (i % 40)}-${birthday}`, w.tz);
    row[at(h.consent)] = consent;
    rows.push(row);
  }
  const first = Math.max(sheet.getLastRow(), 1) + 1;
  if (sheet.getMaxRows() < first + n - 1) sheet.insertRowsAfter(sheet.getMaxRows(), first + n - 1 - sheet.getMaxRows());
  sheet.getRange(first, 1, n, header.length).setValues(rows);
}
