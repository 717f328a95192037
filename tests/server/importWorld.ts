// A sheet for the import tests: the built add-on set up, a source tab made the way a team makes one (File → Import
// of a CSV, or written in bulk through the model for large files), and the values of every tab in comparable form.
import path from 'node:path';
import { createWorkbook } from '../../local/index';
import type { SourceCell } from '../../src/domain/import';
import { CODE as BUILT, type Lang } from './helpers';

// KARTOTEKA_DIST: a copy of dist/ to test (the checkout's dist/ is rebuilt by every build).
export const CODE = process.env.KARTOTEKA_DIST ? path.join(process.env.KARTOTEKA_DIST, 'Code.js') : BUILT;

export type Call = (fn: string, ...args: unknown[]) => any;

export interface ImportWorld {
  wb: ReturnType<typeof createWorkbook>;
  call: Call;
  lang: Lang;
  tz: string;
}

export const TABS = {
  ru: { clients: 'Клиенты', journal: 'Журнал', settings: 'Настройки', report: 'Отчёт импорта' },
  en: { clients: 'Clients', journal: 'Journal', settings: 'Settings', report: 'Import report' },
};

export function importWorld(lang: Lang = 'ru', opts: { code?: string; user?: string } = {}): ImportWorld {
  const tz = lang === 'ru' ? 'Europe/Moscow' : 'America/New_York';
  const wb = createWorkbook({
    timeZone: tz,
    locale: lang === 'ru' ? 'ru_RU' : 'en_US',
    now: '2026-03-10T10:00:00',
    user: opts.user ?? 'anna@clinic.test',
    scriptTimeZone: tz,
  });
  const addon = (opts.code ? wb.loadAddon({ code: opts.code, dir: path.dirname(CODE) }) : wb.loadAddon(CODE)) as any;
  const call: Call = (fn, ...args) => addon.call(fn, ...args);
  const setup = call('setupDatabase');
  if (!setup.ok) throw new Error(JSON.stringify(setup));
  return { wb, call, lang, tz };
}

/** The grid as a CSV file, every cell quoted. */
export function csvOf(grid: SourceCell[][]): string {
  return grid.map((r) => r.map((c) => `"${String(c ?? '').replace(/"/g, '""')}"`).join(',')).join('\r\n');
}

/** The source as a team brings it: File → Import of a CSV into a new tab (Sheets reads dates and numbers). */
export function csvTab(w: ImportWorld, name: string, grid: SourceCell[][]): void {
  w.wb.loadCsv(name, csvOf(grid));
}

/** A large source written through the model in one go (not through the add-on): rows as given, dates as Dates. */
export function bulkTab(w: ImportWorld, name: string, rows: unknown[][]): void {
  const ss = w.wb.model.spreadsheet as any;
  const sheet = ss.insertSheet(name);
  const width = rows[0].length;
  if (sheet.getMaxRows() < rows.length) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  sheet.getRange(1, 1, rows.length, width).setValues(rows);
}

/** Midnight of a wall day in the zone, as the Date a date cell holds. */
export function wallDate(tz: string, iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const offset = zoneOffsetMs(tz, guess);
  return new Date(guess - offset);
}

function zoneOffsetMs(tz: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - ms;
}

/** A cell as text a person would recognise: dates as yyyy-mm-dd (with the time when there is one) in the zone. */
export function cellText(value: unknown, tz: string): string {
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
    const d = value as Date;
    const wall = new Date(d.getTime() + zoneOffsetMs(tz, d.getTime())).toISOString();
    const day = wall.slice(0, 10);
    const time = wall.slice(11, 16);
    return time === '00:00' ? day : `${day}T${time}`;
  }
  if (value === null || value === undefined) return '';
  return String(value);
}

/** A tab's values with dates as text: what "the same cell" means when comparing before and after. */
export function tabText(w: ImportWorld, tab: string): string[][] {
  return w.wb.values(tab).map((row) => row.map((v) => cellText(v, w.tz)));
}

/** Every tab's values, keyed by tab name (the audit trail aside: it records every write, by design). */
export function everyTab(w: ImportWorld): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  for (const name of w.wb.sheetNames()) if (!AUDIT_TABS.includes(name)) out[name] = tabText(w, name);
  return out;
}

const AUDIT_TABS = ['Аудит', 'Audit', 'Снимок базы', 'Database snapshot'];

/** A tab's rows as header → text objects. */
export function records(w: ImportWorld, tab: string): Array<Record<string, string>> {
  const [head, ...rows] = tabText(w, tab);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

/** The import runs to its end: continuations fired as the clock moves a minute at a time. */
export function finish(w: ImportWorld, maxSteps = 60): void {
  for (let i = 0; i < maxSteps; i++) {
    const status = w.call('importStatus').status;
    if (status?.state !== 'running') return;
    w.wb.clock.advance(60_000);
    w.wb.runDueTriggers();
  }
  throw new Error('the import did not finish');
}
