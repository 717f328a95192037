// What the playground needs from a local workbook (local/index.ts), and readers that turn its records into page data.
import type { SheetView } from '../contract';
import { wallToUtc } from '../shared/tz';

export interface Addon {
  call(name: string, ...args: unknown[]): unknown;
}

/** The part of the runtime's Workbook the playground drives. */
export interface PlaygroundWorkbook {
  /** The spreadsheet locale (ru_RU, en_US): the page speaks its language. */
  readonly locale?: string;
  sheetNames(): string[];
  view(tab: string, window?: { row: number; column: number; numRows: number; numColumns: number }): SheetView;
  edit(tab: string, a1: string, value: string | number | boolean | Date | null): unknown;
  select(tab: string, a1: string): unknown;
  paste(tab: string, a1: string, rows: unknown[][], opts?: { valuesOnly?: boolean }): unknown;
  insertRows(tab: string, beforeRow: number, howMany?: number): unknown;
  deleteRows(tab: string, row: number, howMany?: number): unknown;
  insertColumns(tab: string, beforeColumn: number, howMany?: number): unknown;
  deleteColumns(tab: string, column: number, howMany?: number): unknown;
  sort(tab: string, column: number, ascending?: boolean): unknown;
  renameSheet(tab: string, newName: string): unknown;
  as(user: string, opts?: { hideEmail?: boolean }): unknown;
  runDueTriggers(): unknown;
  saveXlsx(path: string): Promise<unknown>;
  /** File → Import of CSV text into a tab (created when missing). */
  loadCsv(tab: string, text: string): unknown;
  loadAddon(path: string): Addon;
  /** Who acts now (wb.as). */
  user?: string;
  /** The add-on loaded last, if any. */
  addon?: Addon;
  clock: { now(): Date; set(when: string | Date): unknown; advance(ms: number): unknown };
  ui: { menus: unknown[]; sidebars: unknown[]; dialogs: unknown[]; alerts?: unknown[] };
  /** A person opens the spreadsheet (onOpen runs). */
  open?(): unknown;
  toasts: unknown[];
  outbox: unknown[];
  /** Every execution so far (menu calls, sidebar calls, triggers), oldest first. */
  executions?: ExecutionLike[];
  model: { spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet; toXlsx(): Promise<Buffer> };
}

export interface ExecutionLike {
  functionName: string;
  kind: string;
  user: string;
  start: Date;
  end: Date;
  error?: string;
}

/** One trigger execution as the page lists it (Apps Script's Executions page, in short). */
export interface TriggerRun {
  id: number;
  handler: string;
  /** Whose authority it ran with: the installer of an installable or time-driven trigger, the editor for a simple one. */
  owner: string;
  kind: 'clock' | 'installable' | 'simple';
  /** ISO instant it started. */
  at: string;
  /** Virtual milliseconds it took. */
  ms: number;
  error?: string;
}

/** Why Sheets refused a person's action, for the page to say in the sheet's language. */
export type Problem = { kind: 'validation'; cell: string; help: string } | { kind: 'protected' };

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: string; items: MenuEntry[] };

export interface Menu {
  title: string;
  items: MenuEntry[];
}

export interface HtmlPanel {
  title: string;
  width?: number;
  height?: number;
  html: string;
}

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number;
}

export interface Mail {
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody: string;
  name: string;
  replyTo: string;
  sender: string;
  /** ISO instant. */
  at: string;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function rec(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

function menuEntry(raw: unknown): MenuEntry {
  const r = rec(raw);
  if (r.separator) return { kind: 'separator' };
  const sub = r.submenu ?? r.subMenu;
  if (sub) {
    const s = rec(sub);
    const items = Array.isArray(sub) ? sub : Array.isArray(s.items) ? s.items : [];
    return { kind: 'submenu', caption: str(r.caption ?? s.title ?? r.title), items: items.map(menuEntry) };
  }
  return { kind: 'item', caption: str(r.caption ?? r.title), functionName: str(r.functionName ?? r.fn) };
}

/** Menus as the add-on built them; a later addToUi with the same title replaces the earlier one, as in Sheets. */
export function readMenus(wb: PlaygroundWorkbook): Menu[] {
  const byTitle = new Map<string, Menu>();
  for (const raw of wb.ui.menus) {
    const r = rec(raw);
    const title = str(r.title);
    byTitle.delete(title);
    byTitle.set(title, { title, items: (Array.isArray(r.items) ? r.items : []).map(menuEntry) });
  }
  return [...byTitle.values()];
}

export function readPanel(raw: unknown): HtmlPanel {
  const r = rec(raw);
  return {
    title: str(r.title),
    width: num(r.width),
    height: num(r.height),
    html: str(r.content ?? r.html),
  };
}

export interface Alert {
  title: string;
  prompt: string;
  /** The button the emulator pressed (the playground cannot pause a running script to ask). */
  answer: string;
}

export function readAlert(raw: unknown): Alert {
  const r = rec(raw);
  return { title: str(r.title), prompt: str(r.prompt ?? r.message), answer: str(r.answer) };
}

export function readToast(raw: unknown): Toast {
  const r = rec(raw);
  return { message: str(r.message ?? r.msg), title: str(r.title), timeoutSeconds: num(r.timeoutSeconds) ?? 5 };
}

function when(v: unknown): string {
  if (Object.prototype.toString.call(v) === '[object Date]') return (v as Date).toISOString();
  return str(v);
}

function list(v: unknown): string {
  return Array.isArray(v) ? v.map(str).join(', ') : str(v);
}

export function readMail(raw: unknown): Mail {
  const r = rec(raw);
  return {
    to: list(r.to ?? r.recipient),
    cc: list(r.cc),
    bcc: list(r.bcc),
    subject: str(r.subject),
    body: str(r.body),
    htmlBody: str(r.htmlBody),
    name: str(r.name),
    replyTo: str(r.replyTo),
    sender: str(r.sender ?? r.user ?? r.from),
    at: when(r.at ?? r.time ?? r.sentAt ?? r.date),
  };
}

export function timeZoneOf(wb: PlaygroundWorkbook): string {
  try {
    return wb.model.spreadsheet.getSpreadsheetTimeZone();
  } catch {
    return 'UTC';
  }
}

/** Wall-clock parts of an instant in a zone. */
export function wallTime(
  at: Date,
  timeZone: string,
): { date: string; hour: number; minute: number; text: string; wall: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return {
    date,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    text: `${parts.weekday} ${date} ${parts.hour}:${parts.minute}`,
    wall: `${date}T${parts.hour}:${parts.minute}`,
  };
}

/** The next 09:00 wall time in the zone strictly after `now`, as a 'yyyy-mm-ddT09:00:00' string. */
export function nextMorning(now: Date, timeZone: string, hour = 9): string {
  const wall = wallTime(now, timeZone);
  const h = String(hour).padStart(2, '0');
  if (wall.hour < hour) return `${wall.date}T${h}:00:00`;
  const [y, m, d] = wall.date.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return `${next}T${h}:00:00`;
}

/** The instant of a wall time ('yyyy-mm-dd' or 'yyyy-mm-ddTHH:mm[:ss]') in a zone; a date alone is its midnight. */
export function wallToInstant(wall: string, timeZone: string): Date {
  const [date, time = '00:00:00'] = wall.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm, ss = 0] = time.split(':').map(Number);
  return new Date(wallToUtc(Date.UTC(y, m - 1, d, hh, mm, ss), timeZone));
}
