// The playground's HTTP API and page: one workbook, one loaded add-on, routes for the grid, menus, sidebars and clock.
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { PROTECTED_MESSAGE, type ValidationRule } from '../spreadsheet/book';
import { rejectionMessage } from '../spreadsheet/validation';
import { BridgeError, declaredFunctions, MAX_BODY_BYTES, parseRunRequest, toPageValue } from './bridge';
import { injectShim } from './shim';
import { tabFromUpload } from './upload';
import {
  type Addon,
  nextMorning,
  type PlaygroundWorkbook,
  type Problem,
  readAlert,
  readMail,
  readMenus,
  readPanel,
  readToast,
  type TriggerRun,
  timeZoneOf,
  wallTime,
} from './workbook';

export const USERS = ['anna@clinic.test', 'boris@clinic.test'];

export interface PlaygroundOptions {
  wb: PlaygroundWorkbook;
  addon: Addon;
  /** Text of the loaded dist/Code.js: the bridge allows only its top-level functions. */
  code: string;
  /** Directory of local/playground (for page/ assets). */
  dir: string;
  /** Called after every change; the server saves the workbook (debounced). */
  onChange?: () => void;
  /** Why the last save of the workbook failed (nothing while saves succeed): the page says changes are not kept. */
  saveError?: () => string | undefined;
  /** First user shown in the switcher. */
  user?: string;
  log?: (line: string) => void;
}

interface PanelState {
  kind: 'sidebar' | 'dialog';
  index: number;
}

export interface Playground {
  handle(req: http.IncomingMessage, res: http.ServerResponse): void;
  /** Builds the page script once; the server awaits it before listening. */
  ready: Promise<void>;
  /** Something outside the page's own requests changed the workbook (a web-app visit): the page shows it. */
  changed(): void;
}

/** How many trigger runs the page is sent (the latest). */
const TRIGGER_RUNS_SHOWN = 50;

/** What Sheets said when it refused a person's edit, as data the page words in the sheet's language. */
export function describeRefusal(message: string): Problem | undefined {
  if (message === PROTECTED_MESSAGE) return { kind: 'protected' };
  const mark = '\u0000';
  const [head, tail] = rejectionMessage({ helpText: '' } as ValidationRule, mark).split(mark);
  if (!message.startsWith(head)) return undefined;
  const cell = message.slice(head.length).split(' ')[0];
  if (!/^[A-Z]+\d+$/.test(cell) || !message.slice(head.length + cell.length).startsWith(tail)) return undefined;
  return { kind: 'validation', cell, help: message.slice(head.length + cell.length + tail.length).trim() };
}

function a1(row: number, column: number): string {
  let s = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${row}`;
}

export function createPlayground(opts: PlaygroundOptions): Playground {
  const { wb, addon, dir } = opts;
  const declared = declaredFunctions(opts.code);
  let version = 1;
  let user = opts.user ?? wb.user ?? USERS[0];
  const open: { sidebar: PanelState | null; dialog: PanelState | null } = { sidebar: null, dialog: null };
  let seen = { sidebars: wb.ui.sidebars.length, dialogs: wb.ui.dialogs.length };
  let script = '';
  const log = opts.log ?? (() => undefined);
  // Trigger executions since the playground started, for the page's trigger log.
  const triggerRuns: TriggerRun[] = [];
  let executionsSeen = wb.executions?.length ?? 0;

  const ready = esbuild
    .build({
      entryPoints: [path.join(dir, 'page', 'main.tsx')],
      bundle: true,
      write: false,
      minify: true,
      format: 'iife',
      target: 'es2020',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      logLevel: 'silent',
    })
    .then((out) => {
      script = out.outputFiles[0].text;
    });

  /** Records the trigger executions that ran since the last look (edits, opens, the clock all fire them). */
  function collectTriggerRuns(): void {
    const all = wb.executions ?? [];
    for (const x of all.slice(executionsSeen)) {
      if (x.kind !== 'clock' && x.kind !== 'installable' && x.kind !== 'simple') continue;
      triggerRuns.push({
        id: triggerRuns.length + 1,
        handler: x.functionName,
        owner: x.user,
        kind: x.kind,
        at: x.start.toISOString(),
        ms: x.end.getTime() - x.start.getTime(),
        ...(x.error !== undefined ? { error: x.error } : {}),
      });
    }
    executionsSeen = all.length;
  }

  /** After an execution: a newly shown sidebar or dialog replaces the open one, as in Sheets. */
  function changed(): void {
    version += 1;
    collectTriggerRuns();
    // The runtime may have cleared its Ui records: nothing is open any more.
    if (wb.ui.sidebars.length < seen.sidebars) open.sidebar = null;
    if (wb.ui.dialogs.length < seen.dialogs) open.dialog = null;
    if (wb.ui.sidebars.length > seen.sidebars) open.sidebar = { kind: 'sidebar', index: wb.ui.sidebars.length - 1 };
    if (wb.ui.dialogs.length > seen.dialogs) open.dialog = { kind: 'dialog', index: wb.ui.dialogs.length - 1 };
    seen = { sidebars: wb.ui.sidebars.length, dialogs: wb.ui.dialogs.length };
    opts.onChange?.();
  }

  function tabs() {
    return wb
      .sheetNames()
      .map((name) => ({ name, hidden: wb.view(name, { row: 1, column: 1, numRows: 1, numColumns: 1 }).hidden }));
  }

  /** The tab on screen is the spreadsheet's active sheet, so the add-on's setActiveSheet shows, as in Sheets. */
  function currentTab(): string {
    const visible = tabs().filter((t) => !t.hidden);
    try {
      const name = wb.model.spreadsheet.getActiveSheet().getName();
      if (visible.some((t) => t.name === name)) return name;
    } catch {
      // No active sheet known: fall back to the first visible tab.
    }
    return visible[0]?.name ?? wb.sheetNames()[0];
  }

  function panelInfo(p: PanelState | null) {
    const list = p?.kind === 'sidebar' ? wb.ui.sidebars : wb.ui.dialogs;
    if (!p || !list[p.index]) return null;
    const panel = readPanel(list[p.index]);
    const raw = list[p.index] as Record<string, unknown>;
    return {
      id: `${p.kind}-${p.index}`,
      title: panel.title,
      width: panel.width,
      height: panel.height,
      modal: raw.kind !== 'modeless',
    };
  }

  function state() {
    const now = wb.clock.now();
    const zone = timeZoneOf(wb);
    let title = '';
    try {
      title = wb.model.spreadsheet.getName();
    } catch {
      title = 'Kartoteka';
    }
    return {
      version,
      title,
      tabs: tabs(),
      activeTab: currentTab(),
      menus: readMenus(wb),
      sidebar: panelInfo(open.sidebar),
      dialog: panelInfo(open.dialog),
      toasts: wb.toasts.map((t, id) => ({ id, ...readToast(t) })).slice(-5),
      alerts: (wb.ui.alerts ?? []).map((a, id) => ({ id, ...readAlert(a) })).slice(-3),
      outboxCount: wb.outbox.length,
      clock: { iso: now.toISOString(), text: wallTime(now, zone).text, wall: wallTime(now, zone).wall, timeZone: zone },
      triggers: { runs: triggerRuns.slice(-TRIGGER_RUNS_SHOWN), count: triggerRuns.length },
      user,
      users: USERS,
      saveError: opts.saveError?.() ?? null,
    };
  }

  /** Runs one add-on function as Apps Script would (a menu click or a google.script.run call). */
  function run(fn: string, args: unknown[]): { status: number; body: unknown } {
    try {
      const result = addon.call(fn, ...args);
      return { status: 200, body: { ok: true, ...toPageValue(result) } };
    } catch (e) {
      const err = e as Error;
      log(`${fn} threw: ${err?.message}`);
      return { status: 500, body: { ok: false, name: err?.name ?? 'Error', message: String(err?.message ?? e) } };
    } finally {
      changed();
    }
  }

  function frame(kind: string, index: number): string | undefined {
    const list = kind === 'sidebar' ? wb.ui.sidebars : kind === 'dialog' ? wb.ui.dialogs : undefined;
    if (!list || !Number.isInteger(index) || index < 0 || index >= list.length) return undefined;
    return injectShim(readPanel(list[index]).html, `${kind}-${index}`, dir);
  }

  const routes: Record<
    string,
    (body: any, url: URL) => { status: number; body: unknown } | Promise<{ status: number; body: unknown }>
  > = {
    'GET /api/state': () => ({ status: 200, body: state() }),
    'GET /api/view': (_b, url) => {
      const tab = url.searchParams.get('tab') ?? '';
      if (!wb.sheetNames().includes(tab)) return { status: 404, body: { error: `No tab named ${tab}` } };
      const int = (k: string, d: number) => {
        const v = Number(url.searchParams.get(k));
        return Number.isInteger(v) && v > 0 ? v : d;
      };
      const meta = wb.view(tab, { row: 1, column: 1, numRows: 1, numColumns: 1 });
      const row = int('row', 1);
      const column = int('column', 1);
      const numRows = Math.min(int('numRows', 100), 500, Math.max(meta.maxRows - row + 1, 0));
      const numColumns = Math.min(int('numColumns', meta.maxColumns), 200, Math.max(meta.maxColumns - column + 1, 0));
      if (numRows === 0 || numColumns === 0) return { status: 200, body: { ...meta, cells: [] } };
      return { status: 200, body: wb.view(tab, { row, column, numRows, numColumns }) };
    },
    'GET /api/outbox': () => ({ status: 200, body: wb.outbox.map(readMail) }),
    'POST /api/run': (raw: string) => {
      const { fn, args } = parseRunRequest(raw, declared);
      return run(fn, args);
    },
    'POST /api/menu': (raw: string) => {
      const { fn } = parseRunRequest(raw, declared);
      return run(fn, []);
    },
    'POST /api/edit': (raw: string) => {
      const { tab, row, column, value } = jsonBody(raw);
      checkCell(tab, row, column);
      if (value !== null && typeof value !== 'string') throw new BridgeError(400, 'value must be a string or null.');
      return person(() => wb.edit(tab, a1(row, column), value === '' ? null : value));
    },
    'POST /api/paste': (raw: string) => {
      const { tab, row, column, rows } = jsonBody(raw);
      checkCell(tab, row, column);
      const ok =
        Array.isArray(rows) &&
        rows.length > 0 &&
        rows.every((r: unknown) => Array.isArray(r) && r.every((v) => typeof v === 'string'));
      if (!ok) throw new BridgeError(400, 'rows must be a non-empty array of arrays of strings.');
      return person(() => wb.paste(tab, a1(row, column), rows));
    },
    'POST /api/structure': (raw: string) => {
      const { tab, action, index, count } = jsonBody(raw);
      if (typeof tab !== 'string' || !wb.sheetNames().includes(tab)) throw new BridgeError(404, `No tab named ${tab}`);
      const n = count === undefined ? 1 : count;
      if (!Number.isInteger(index) || index < 1 || !Number.isInteger(n) || n < 1) {
        throw new BridgeError(400, 'index and count must be positive integers.');
      }
      const actions: Record<string, () => unknown> = {
        insertRowsBefore: () => wb.insertRows(tab, index, n),
        insertRowsAfter: () => wb.insertRows(tab, index + 1, n),
        deleteRows: () => wb.deleteRows(tab, index, n),
        insertColumnsBefore: () => wb.insertColumns(tab, index, n),
        insertColumnsAfter: () => wb.insertColumns(tab, index + 1, n),
        deleteColumns: () => wb.deleteColumns(tab, index, n),
        sortAscending: () => wb.sort(tab, index, true),
        sortDescending: () => wb.sort(tab, index, false),
      };
      if (!actions[action]) throw new BridgeError(400, `action must be one of ${Object.keys(actions).join(', ')}.`);
      return person(actions[action]);
    },
    'POST /api/rename': (raw: string) => {
      const { tab, name } = jsonBody(raw);
      if (typeof tab !== 'string' || !wb.sheetNames().includes(tab)) throw new BridgeError(404, `No tab named ${tab}`);
      if (typeof name !== 'string') throw new BridgeError(400, 'name must be a string.');
      return person(() => wb.renameSheet(tab, name));
    },
    'POST /api/select': (raw: string) => {
      const { tab, row, column } = jsonBody(raw);
      checkCell(tab, row, column);
      wb.select(tab, a1(row, column));
      return { status: 200, body: { ok: true } };
    },
    'POST /api/tab': (raw: string) => {
      const { tab } = jsonBody(raw);
      if (!wb.sheetNames().includes(tab)) throw new BridgeError(404, `No tab named ${tab}`);
      // Clicking a tab selects its A1, as Sheets does.
      wb.select(tab, 'A1');
      version += 1;
      return { status: 200, body: { ok: true } };
    },
    'POST /api/clock': (raw: string) => {
      const { action } = jsonBody(raw);
      const zone = timeZoneOf(wb);
      if (action === 'nextMorning') wb.clock.set(nextMorning(wb.clock.now(), zone));
      else if (action === 'hour') wb.clock.advance(3600 * 1000);
      else if (action === 'day') wb.clock.advance(24 * 3600 * 1000);
      else throw new BridgeError(400, 'action must be nextMorning, hour or day.');
      collectTriggerRuns();
      let fired: Array<{ handler: string; owner: string; at: Date; error?: string }> = [];
      try {
        fired = (wb.runDueTriggers() as typeof fired) ?? [];
      } catch (e) {
        log(`a trigger threw: ${(e as Error)?.message}`);
      } finally {
        changed();
      }
      // A trigger whose function is gone never starts an execution; Apps Script still lists it as failed.
      for (const f of fired) {
        if (!f.error || triggerRuns.some((r) => r.at === f.at.toISOString() && r.handler === f.handler)) continue;
        triggerRuns.push({
          id: triggerRuns.length + 1,
          handler: f.handler,
          owner: f.owner,
          kind: 'clock',
          at: f.at.toISOString(),
          ms: 0,
          error: f.error,
        });
      }
      return { status: 200, body: state() };
    },
    'POST /api/user': (raw: string) => {
      const { user: next } = jsonBody(raw);
      if (!USERS.includes(next)) throw new BridgeError(400, `user must be one of ${USERS.join(', ')}`);
      user = next;
      wb.as(next);
      // The new person opens the sheet: onOpen builds the menu for them.
      wb.open?.();
      changed();
      version += 1;
      return { status: 200, body: state() };
    },
    'POST /api/upload': async (raw: string) => {
      const { name, data } = jsonBody(raw);
      if (typeof name !== 'string' || typeof data !== 'string') throw new BridgeError(400, 'name and data are needed.');
      const tab = await tabFromUpload(wb, name, data);
      // The new tab is on screen, as after File → Import; then the add-on's import sidebar opens on it.
      wb.select(tab, 'A1');
      changed();
      return run('showImport', []);
    },
    'POST /api/close': (raw: string) => {
      const { kind } = jsonBody(raw);
      if (kind === 'sidebar') open.sidebar = null;
      else if (kind === 'dialog') open.dialog = null;
      else throw new BridgeError(400, 'kind must be sidebar or dialog.');
      version += 1;
      return { status: 200, body: { ok: true } };
    },
  };

  /**
   * A person's action in the sheet: refused actions answer 422 with the message Sheets would show (and what it
   * means, for the page to say it in the sheet's language). Both answers carry the version that holds the result.
   */
  function person(action: () => unknown): { status: number; body: unknown } {
    const before = wb.executions?.length ?? 0;
    try {
      action();
      changed();
      return { status: 200, body: { ok: true, version } };
    } catch (e) {
      const message = String((e as Error)?.message ?? e);
      changed();
      // A trigger that failed after the edit went through is not a refusal: the trigger log shows it.
      const fromTrigger = (wb.executions ?? []).slice(before).some((x) => x.kind !== 'call' && x.error === message);
      if (fromTrigger) return { status: 200, body: { ok: true, version } };
      return { status: 422, body: { error: message, problem: describeRefusal(message), version } };
    }
  }

  function jsonBody(raw: string): any {
    try {
      const v = JSON.parse(raw);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v;
    } catch {
      // fall through to the same answer as a non-object
    }
    throw new BridgeError(400, 'Request body is not a JSON object.');
  }

  function checkCell(tab: unknown, row: unknown, column: unknown): void {
    if (typeof tab !== 'string' || !wb.sheetNames().includes(tab)) throw new BridgeError(404, `No tab named ${tab}`);
    if (!Number.isInteger(row) || !Number.isInteger(column) || (row as number) < 1 || (column as number) < 1) {
      throw new BridgeError(400, 'row and column must be positive integers.');
    }
  }

  function send(res: http.ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  }

  function page(): string {
    const css = readFileSync(path.join(dir, 'page', 'style.css'), 'utf8');
    const lang = /^ru/i.test(wb.locale ?? '') ? 'ru' : 'en';
    return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Kartoteka playground</title><style>${css}</style></head><body><div id="app"></div><script>${script.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;
  }

  /** The body as text; past 1 MB the rest is drained unread and the request refused with 413. */
  function readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY_BYTES) chunks.push(c);
      });
      req.on('end', () => {
        if (size > MAX_BODY_BYTES) reject(new BridgeError(413, 'Request body is larger than 1 MB.'));
        else resolve(Buffer.concat(chunks).toString('utf8'));
      });
      req.on('error', reject);
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    // Only pages served by this playground may drive it (no DNS rebinding, no cross-site form posts).
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) return send(res, 403, { error: 'Forbidden host.' });
    try {
      if (req.method === 'GET' && url.pathname === '/favicon.ico') {
        res.writeHead(204);
        return void res.end();
      }
      if (req.method === 'GET' && url.pathname === '/') {
        await ready;
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        return void res.end(page());
      }
      const frameMatch = /^\/frame\/(sidebar|dialog)\/(\d+)$/.exec(url.pathname);
      if (req.method === 'GET' && frameMatch) {
        const html = frame(frameMatch[1], Number(frameMatch[2]));
        if (html === undefined) return send(res, 404, { error: 'No such sidebar or dialog.' });
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          // Like Google's IFRAME sandbox: the add-on's page runs scripts but cannot reach this origin.
          'Content-Security-Policy': 'sandbox allow-scripts allow-forms allow-popups allow-modals',
        });
        return void res.end(html);
      }
      if (req.method === 'GET' && url.pathname === '/download.xlsx') {
        const buf = await wb.model.toXlsx();
        res.writeHead(200, {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': 'attachment; filename="kartoteka.xlsx"',
        });
        return void res.end(buf);
      }
      const route = routes[`${req.method} ${url.pathname}`];
      if (!route) return send(res, 404, { error: 'Not found.' });
      let raw = '';
      if (req.method === 'POST') {
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
          throw new BridgeError(415, 'Content-Type must be application/json.');
        }
        raw = await readBody(req);
      }
      const out = await route(raw, url);
      send(res, out.status, out.body);
    } catch (e) {
      if (e instanceof BridgeError) return send(res, e.status, { error: e.message });
      log(`request failed: ${(e as Error)?.stack ?? e}`);
      send(res, 500, { error: String((e as Error)?.message ?? e) });
    }
  }

  return { handle: (req, res) => void handle(req, res), ready, changed };
}
