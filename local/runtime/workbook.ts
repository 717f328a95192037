// The Workbook: one emulated spreadsheet with its services, the add-ons loaded against it, and the people acting on it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { SheetView, SpreadsheetModel, SpreadsheetModelOptions, UserChange } from '../contract';
import { User } from '../shared/user';
import { type ConcurrentOptions, type ConcurrentOutcome, type ConcurrentTask, runConcurrently } from './concurrent';
import { AuthMode, type AuthModeName } from './enums';
import {
  ERR,
  type Execution,
  type ExecutionKind,
  type ExecutionRecord,
  type LogEntry,
  MAX_EXECUTION_MS,
  Runtime,
  SIMPLE_TRIGGER_MS,
} from './execution';
import { Bridge, isPlainData, realmOf } from './realm';
import { AbsentService, absentServices } from './services/absent';
import { CacheService, CacheState } from './services/cache';
import { ContentService } from './services/content';
import { HtmlService } from './services/html';
import { LockService, LockTable } from './services/lock';
import { Logger, makeConsole } from './services/logger';
import { MailApp, MailState, type SentMail } from './services/mail';
import { Properties, PropertiesService, PropertiesState } from './services/properties';
import { nextDue, type Schedule, ScriptApp, type TriggerRecord, TriggerState } from './services/script';
import { Session } from './services/session';
import { type Answer, Ui, UiState } from './services/ui';
import { Utilities } from './services/utilities';
import { createAppsScriptContext, templateHost } from './vmcontext';
import { WebApp, type WebAppManifest } from './webapp';

export interface WorkbookOptions {
  /** The spreadsheet's time zone; `now` strings without an offset are wall time here. */
  timeZone?: string;
  locale?: string;
  now?: string | number | Date;
  /** Who runs executions and edits until wb.as(...) says otherwise; also the spreadsheet's owner by default. */
  user?: string;
  owner?: string;
  /** The script's zone (Session.getScriptTimeZone, trigger schedules); else the manifest's, else timeZone. */
  scriptTimeZone?: string;
  /** MailApp recipients per day per sender (100 consumer, 1500 Workspace). */
  mailQuota?: number;
  name?: string;
  /** Seeds Math.random, Utilities.getUuid and the interleaving of `concurrently`. */
  seed?: number;
  /** Trigger failures during wb.edit / runDueTriggers / open rethrow the first error (default true). */
  throwTriggerErrors?: boolean;
}

export type ModelFactory = (opts: SpreadsheetModelOptions) => SpreadsheetModel;

export interface AddonSource {
  code: string;
  filename?: string;
  /** Where createHtmlOutputFromFile('x') finds x.html. */
  dir?: string;
  /** HTML files by name (without .html), consulted before `dir`. */
  html?: Record<string, string>;
  /** The manifest's oauthScopes; calls needing a scope missing here fail as in Apps Script. */
  scopes?: string[];
  /** The manifest's `webapp` section: the add-on is deployed as a web app (ScriptApp.getService(), wb.webApp). */
  webapp?: WebAppManifest;
}

export interface ToastRecord {
  message: string;
  title: string;
  timeoutSeconds: number;
  user: string;
  at: Date;
}

export interface TriggerView {
  id: string;
  handler: string;
  owner: string;
  eventType: TriggerRecord['eventType'];
  sourceId: string | null;
  schedule?: Schedule;
  nextDue?: Date;
}

export interface FiredTrigger {
  handler: string;
  owner: string;
  at: Date;
  triggerUid?: string;
  error?: string;
}

interface RunOptions {
  user: string;
  hideEmail?: boolean;
  authMode: AuthModeName;
  kind: ExecutionKind;
  budgetMs?: number;
  hasUi: boolean;
  start?: number;
  owner?: string;
}

const SIMPLE_TRIGGERS = new Set(['onOpen', 'onEdit', 'onInstall', 'onSelectionChange']);
const EVENT_ENTRIES = new Set([...SIMPLE_TRIGGERS, 'doGet', 'doPost']);
const AUTH_MODES = new Set(['NONE', 'LIMITED', 'FULL', 'CUSTOM_FUNCTION']);

/** An add-on (dist/Code.js) loaded into its own vm context with this workbook's services as globals. */
export class Addon {
  readonly context: vm.Context;
  readonly bridge: Bridge;
  readonly html: HtmlService;

  constructor(
    readonly workbook: Workbook,
    readonly source: AddonSource,
    globals: Record<string, object>,
  ) {
    const rt = workbook.runtime;
    this.context = createAppsScriptContext(() => rt.now(), workbook.seed, rt.scriptTimeZone);
    this.bridge = new Bridge(realmOf(this.context), (cls, method, args, call) =>
      rt.serviceCall(cls, method, args, call),
    );
    this.html = new HtmlService(templateHost(this.context, source, (v) => this.bridge.toVm(v)));
    const ctx = this.context as Record<string, unknown>;
    for (const [name, target] of Object.entries({ ...globals, HtmlService: this.html })) {
      ctx[name] = this.bridge.wrap(target, name);
    }
    ctx.console = this.bridge.toVm({}) as object;
    Object.assign(
      ctx.console as object,
      makeConsole(
        (level, message) => rt.log(level, message),
        () => rt.now(),
      ),
    );
    vm.runInContext(source.code, this.context, { filename: source.filename ?? 'Code.js' });
  }

  /** True when the add-on declares a top-level function of that name. */
  has(name: string): boolean {
    return typeof (this.context as Record<string, unknown>)[name] === 'function';
  }

  /**
   * Calls a global function as Apps Script does (menu click, google.script.run, the editor's Run).
   * For onOpen/onEdit/onInstall/doGet a plain-object argument is the event; its `authMode` string sets the mode.
   */
  call(name: string, ...args: unknown[]): unknown {
    const wb = this.workbook;
    let authMode: AuthModeName = 'FULL';
    let kind: ExecutionKind = 'call';
    let budgetMs = MAX_EXECUTION_MS;
    const first = args[0];
    if (EVENT_ENTRIES.has(name) && first && typeof first === 'object' && isPlainData(first)) {
      const event = { ...(first as Record<string, unknown>) };
      if (typeof event.authMode === 'string') {
        if (!AUTH_MODES.has(event.authMode)) throw new Error(`unknown authMode '${event.authMode}'`);
        authMode = event.authMode as AuthModeName;
        event.authMode = AuthMode[authMode];
      }
      if ((name === 'onOpen' || name === 'onEdit' || name === 'onInstall') && !('source' in event) && wb.hasModel) {
        event.source = wb.model.spreadsheet;
      }
      args = [event, ...args.slice(1)];
      if (SIMPLE_TRIGGERS.has(name) && (authMode === 'LIMITED' || authMode === 'NONE')) {
        kind = 'simple';
        budgetMs = SIMPLE_TRIGGER_MS;
      }
    }
    return wb._run(this, name, args, {
      user: wb.user,
      hideEmail: wb.hideEmail,
      authMode,
      kind,
      budgetMs,
      hasUi: true,
    });
  }
}

/** What the spreadsheet model gets when no model factory is given: only the Ui reaches scripts. */
class SpreadsheetAppWithoutSheet {
  constructor(private readonly _ui: () => unknown) {}
  getUi(): unknown {
    return this._ui();
  }
  getActiveSpreadsheet(): never {
    throw new Error('this workbook has no spreadsheet model');
  }
  getActive(): never {
    throw new Error('this workbook has no spreadsheet model');
  }
}

export class Workbook {
  readonly runtime: Runtime;
  readonly ui = new UiState();
  readonly mail: MailState;
  readonly toasts: ToastRecord[] = [];
  readonly seed: number;
  readonly throwTriggerErrors: boolean;
  readonly timeZone: string;
  readonly locale: string;
  readonly owner: string;
  addon: Addon | undefined;
  user: string;
  hideEmail = false;
  private _model: SpreadsheetModel | undefined;
  private readonly triggerState = new TriggerState();
  private readonly props = new PropertiesState();
  private readonly caches = new CacheState();
  readonly locks = new LockTable();
  private readonly locales = new Map<string, string>();
  private readonly uiObject: Ui;
  private readonly services: Record<string, object>;
  /** The add-on as a web app: its /exec URL and requests run as doGet/doPost (see local/runtime/webapp.ts). */
  readonly webApp: WebApp;

  constructor(opts: WorkbookOptions = {}, createModel?: ModelFactory) {
    this.timeZone = opts.timeZone ?? 'Europe/Moscow';
    this.locale = opts.locale ?? 'ru_RU';
    this.user = opts.user ?? 'owner@example.test';
    this.owner = opts.owner ?? this.user;
    this.seed = opts.seed ?? 1;
    this.throwTriggerErrors = opts.throwTriggerErrors ?? true;
    this.runtime = new Runtime({
      timeZone: this.timeZone,
      locale: this.locale,
      now: opts.now ?? '2026-01-01T09:00:00',
      user: this.user,
      scriptTimeZone: opts.scriptTimeZone,
      mailQuota: opts.mailQuota ?? 100,
      seed: this.seed,
    });
    this.mail = new MailState(opts.mailQuota ?? 100);
    const rt = this.runtime;
    this.uiObject = new Ui(this.ui, () => ({ user: rt.current()?.user ?? this.user, at: new Date(rt.now()) }));
    if (createModel) this._model = createModel(this.modelOptions(opts.name));
    const spreadsheetApp = this._model?.app ?? new SpreadsheetAppWithoutSheet(() => this.uiForScript());
    this.webApp = new WebApp({
      manifest: () => this.addon?.source.webapp,
      owner: () => this.owner,
      seed: () => this.seed,
      has: (fn) => this.addon?.has(fn) ?? false,
      run: (fn, event, user, hideEmail) =>
        this._run(this.addon!, fn, [event], { user, hideEmail, authMode: 'FULL', kind: 'webapp', hasUi: false }),
    });
    const absent = absentServices();
    this.services = {
      ...absent,
      SpreadsheetApp: spreadsheetApp as object,
      Charts: this._model?.charts ?? new AbsentService(),
      MailApp: new MailApp(rt, this.mail),
      ScriptApp: new ScriptApp(
        rt,
        this.triggerState,
        () => this.spreadsheetId(),
        'kartoteka-local-script',
        () => this.webApp.url,
      ),
      LockService: new LockService(rt, this.locks),
      PropertiesService: new PropertiesService(rt, this.props),
      CacheService: new CacheService(rt, this.caches),
      Session: new Session(rt, () => this.locales),
      Utilities: new Utilities(rt),
      ContentService: new ContentService(),
      Logger: new Logger(rt),
    };
  }

  /** Options handed to the spreadsheet model: the hooks tie it to this workbook's clock, actor and Ui. */
  modelOptions(name?: string): SpreadsheetModelOptions {
    const rt = this.runtime;
    return {
      name,
      timeZone: this.timeZone,
      locale: this.locale,
      owner: this.owner,
      hooks: {
        context: {
          now: () => new Date(rt.now()),
          user: () => rt.actingEmail(),
          inScript: () => rt.current() !== undefined,
        },
        toast: (message, title, timeoutSeconds) => {
          this.toasts.push({
            message: String(message),
            title: title === undefined || title === null ? '' : String(title),
            timeoutSeconds: timeoutSeconds === undefined ? 5 : Number(timeoutSeconds),
            user: rt.current()?.user ?? this.user,
            at: new Date(rt.now()),
          });
        },
        ui: () => this.uiForScript() as unknown as GoogleAppsScript.Base.Ui,
      },
    };
  }

  /** Attaches a model built asynchronously (from an .xlsx) after construction. */
  _attachModel(model: SpreadsheetModel): void {
    if (this._model) throw new Error('the workbook already has a spreadsheet');
    this._model = model;
    this.services.SpreadsheetApp = model.app as object;
    this.services.Charts = model.charts;
  }

  private uiForScript(): Ui {
    const exec = this.runtime.current();
    if (exec && !exec.opts.hasUi) throw new Error(ERR.noUi);
    return this.uiObject;
  }

  private spreadsheetId(): string {
    return this._model ? this._model.spreadsheet.getId() : 'no-spreadsheet';
  }

  get hasModel(): boolean {
    return this._model !== undefined;
  }

  /** The emulated spreadsheet (local/spreadsheet). */
  get model(): SpreadsheetModel {
    if (!this._model) throw new Error('this workbook has no spreadsheet model');
    return this._model;
  }

  get clock() {
    return this.runtime.clock;
  }
  get calls(): Record<string, number> {
    return this.runtime.calls;
  }
  resetCalls(): void {
    this.runtime.resetCalls();
  }
  get logs(): LogEntry[] {
    return this.runtime.logs;
  }
  get executions(): ExecutionRecord[] {
    return this.runtime.executions;
  }
  get outbox(): SentMail[] {
    return this.mail.outbox;
  }
  get triggers(): TriggerView[] {
    return this.triggerState.list.map((t) => ({
      id: t.id,
      handler: t.handler,
      owner: t.owner,
      eventType: t.eventType,
      sourceId: t.sourceId,
      ...(t.schedule ? { schedule: t.schedule } : {}),
      ...(t.nextDue !== undefined ? { nextDue: new Date(t.nextDue) } : {}),
    }));
  }

  /** Script, document and per-user properties as plain objects, for looking at (scripts change them). */
  get properties() {
    return {
      script: () => new Properties(this.props.script).getProperties(),
      document: () => new Properties(this.props.document).getProperties(),
      user: (email: string) => new Properties(this.props.user(email)).getProperties(),
    };
  }

  /** Later executions and edits happen as this person. */
  as(user: string, opts: { hideEmail?: boolean; locale?: string } = {}): this {
    this.user = user;
    this.hideEmail = opts.hideEmail ?? false;
    if (opts.locale) this.locales.set(user, opts.locale);
    return this;
  }

  /** Loads dist/Code.js (or given source) into a fresh context; it becomes the add-on edits and triggers reach. */
  loadAddon(file: string | AddonSource): Addon {
    let source: AddonSource;
    if (typeof file === 'string') {
      const abs = path.resolve(file);
      const dir = path.dirname(abs);
      const manifest = path.join(dir, 'appsscript.json');
      let scopes: string[] | undefined;
      let webapp: WebAppManifest | undefined;
      if (existsSync(manifest)) {
        const m = JSON.parse(readFileSync(manifest, 'utf8')) as {
          oauthScopes?: string[];
          timeZone?: string;
          webapp?: WebAppManifest;
        };
        scopes = m.oauthScopes;
        webapp = m.webapp;
        if (m.timeZone && !this.runtime.options.scriptTimeZone) this.runtime.options.scriptTimeZone = m.timeZone;
      }
      source = { code: readFileSync(abs, 'utf8'), filename: path.basename(abs), dir, scopes, webapp };
    } else source = file;
    this.runtime.scopes = source.scopes;
    this.addon = new Addon(this, source, this.services);
    return this.addon;
  }

  /** Host objects behind the globals, for the concurrent scheduler. */
  get _services(): Record<string, object> {
    return this.services;
  }

  /** One execution of an add-on function; errors come back as host Errors with the add-on's message. */
  _run(addon: Addon, name: string, args: unknown[], o: RunOptions): unknown {
    const fn = (addon.context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new Error(ERR.notFound(name));
    const rt = this.runtime;
    return rt.run(
      {
        user: o.user,
        hideEmail: o.hideEmail,
        authMode: o.authMode,
        kind: o.kind,
        functionName: name,
        owner: o.owner,
        start: o.start ?? rt.clock.millis(),
        budgetMs: o.budgetMs,
        hasUi: o.hasUi,
      },
      () => {
        const vmArgs = args.map((a) => addon.bridge.toVm(a));
        try {
          return addon.bridge.toHost((fn as (...a: unknown[]) => unknown).apply(undefined, vmArgs));
        } catch (e) {
          throw hostError(addon.bridge.toHost(e));
        }
      },
      (exec: Execution) => this.locks.releaseAll(exec),
    );
  }

  // ---- people acting in the sheet ----

  private asPerson<T>(fn: () => T): T {
    const rt = this.runtime;
    const prev = rt.actor;
    rt.actor = { user: this.user, hideEmail: this.hideEmail };
    try {
      return fn();
    } finally {
      rt.actor = prev;
    }
  }

  /** A person types into a cell: the sheet changes (or refuses), then onEdit / onChange triggers run. */
  edit(tab: string, a1: string, value: string | number | boolean | Date | null): ExecutionRecord[] {
    return this.dispatch(this.asPerson(() => this.model.userEdit(tab, a1, value)));
  }
  paste(tab: string, a1: string, rows: unknown[][], opts?: { valuesOnly?: boolean }): ExecutionRecord[] {
    return this.dispatch(this.asPerson(() => this.model.userPaste(tab, a1, rows, opts)));
  }
  insertColumns(tab: string, beforeColumn: number, howMany = 1): ExecutionRecord[] {
    return this.dispatch(this.asPerson(() => this.model.userInsertColumns(tab, beforeColumn, howMany)));
  }
  deleteColumns(tab: string, column: number, howMany = 1): ExecutionRecord[] {
    return this.dispatch(this.asPerson(() => this.model.userDeleteColumns(tab, column, howMany)));
  }
  insertRows(tab: string, beforeRow: number, howMany = 1): ExecutionRecord[] {
    return this.dispatch(this.asPerson(() => this.model.userInsertRows(tab, beforeRow, howMany)));
  }
  deleteRows(tab: string, row: number, howMany = 1): ExecutionRecord[] {
    return this.dispatch(this.asPerson(() => this.model.userDeleteRows(tab, row, howMany)));
  }
  moveColumns(tab: string, column: number, howMany: number, destinationIndex: number): ExecutionRecord[] {
    return this.dispatch(this.asPerson(() => this.model.userMoveColumns(tab, column, howMany, destinationIndex)));
  }
  renameSheet(tab: string, newName: string): ExecutionRecord[] {
    return this.dispatch(this.asPerson(() => this.model.userRenameSheet(tab, newName)));
  }
  sort(tab: string, column: number, ascending = true): ExecutionRecord[] {
    return this.dispatch(this.asPerson(() => this.model.userSort(tab, column, ascending)));
  }
  /** A person selects a range; the simple onSelectionChange runs if the add-on has one. */
  select(tab: string, a1: string): ExecutionRecord[] {
    this.asPerson(() => this.model.select(tab, a1));
    if (!this.addon?.has('onSelectionChange')) return [];
    const range = this.model.spreadsheet.getActiveRange();
    return this.fireAll([
      {
        name: 'onSelectionChange',
        opts: this.simpleOpts(),
        event: { authMode: AuthMode.LIMITED, range, source: this.model.spreadsheet, user: this.personUser() },
      },
    ]);
  }
  /** Imports CSV text into a tab (File → Import); no triggers run. */
  loadCsv(tab: string, text: string): void {
    this.asPerson(() => this.model.loadCsv(tab, text));
  }
  /** A person opens the spreadsheet: the simple onOpen (LIMITED) and installable on-open triggers run. */
  open(): ExecutionRecord[] {
    if (!this.addon) return [];
    const runs: Pending[] = [];
    const source = this.hasModel ? this.model.spreadsheet : undefined;
    if (this.addon.has('onOpen')) {
      runs.push({
        name: 'onOpen',
        opts: this.simpleOpts(),
        event: { authMode: AuthMode.LIMITED, source, user: this.personUser() },
      });
    }
    for (const t of this.installable('ON_OPEN')) {
      runs.push({
        name: t.handler,
        opts: this.installableOpts(t),
        event: { authMode: AuthMode.FULL, source, triggerUid: t.id, user: this.personUser() },
      });
    }
    return this.fireAll(runs);
  }

  values(tab: string): unknown[][] {
    return this.model.values(tab);
  }
  formulas(tab: string): string[][] {
    return this.model.formulas(tab);
  }
  displayValues(tab: string): string[][] {
    return this.model.displayValues(tab);
  }
  view(tab: string, window?: { row: number; column: number; numRows: number; numColumns: number }): SheetView {
    return this.model.view(tab, window);
  }
  sheetNames(): string[] {
    return this.model.sheetNames();
  }
  async saveXlsx(file: string): Promise<void> {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, await this.model.toXlsx());
  }

  private personUser(): User {
    return new User(this.hideEmail ? '' : this.user);
  }
  private simpleOpts(): RunOptions {
    return {
      user: this.user,
      hideEmail: this.hideEmail,
      authMode: 'LIMITED',
      kind: 'simple',
      budgetMs: SIMPLE_TRIGGER_MS,
      hasUi: true,
    };
  }
  private installableOpts(t: TriggerRecord, hasUi = true): RunOptions {
    return { user: t.owner, authMode: 'FULL', kind: 'installable', hasUi, owner: t.owner };
  }
  private installable(event: TriggerRecord['eventType']): TriggerRecord[] {
    const id = this.hasModel ? this.spreadsheetId() : undefined;
    return this.triggerState.list.filter((t) => t.eventType === event && (id === undefined || t.sourceId === id));
  }

  /** onEdit (simple, then installable) for an edit; installable onChange for every change. */
  private dispatch(change: UserChange): ExecutionRecord[] {
    if (!this.addon) return [];
    const runs: Pending[] = [];
    const source = this.model.spreadsheet;
    const user = this.personUser();
    if (change.kind === 'EDIT' && change.range) {
      const base: Record<string, unknown> = { range: change.range, source, user };
      if (change.value !== undefined) base.value = change.value;
      if (change.oldValue !== undefined) base.oldValue = change.oldValue;
      if (this.addon.has('onEdit')) {
        runs.push({ name: 'onEdit', opts: this.simpleOpts(), event: { authMode: AuthMode.LIMITED, ...base } });
      }
      for (const t of this.installable('ON_EDIT')) {
        runs.push({
          name: t.handler,
          opts: this.installableOpts(t),
          event: { authMode: AuthMode.FULL, ...base, triggerUid: t.id },
        });
      }
    }
    for (const t of this.installable('ON_CHANGE')) {
      runs.push({
        name: t.handler,
        opts: this.installableOpts(t),
        event: { authMode: AuthMode.FULL, changeType: change.kind, source, user, triggerUid: t.id },
      });
    }
    return this.fireAll(runs);
  }

  /** Runs trigger executions one after another; failures are recorded and (by default) the first is rethrown. */
  private fireAll(runs: Pending[]): ExecutionRecord[] {
    const records: ExecutionRecord[] = [];
    let firstError: unknown;
    for (const r of runs) {
      const addon = this.addon!;
      if (!addon.has(r.name)) {
        // Google logs "Script function not found" for a trigger whose handler is gone.
        firstError ??= new Error(ERR.notFound(r.name));
        continue;
      }
      try {
        this._run(addon, r.name, [r.event], r.opts);
      } catch (e) {
        firstError ??= e;
      }
      records.push(this.executions[this.executions.length - 1]);
    }
    if (firstError !== undefined && this.throwTriggerErrors) throw firstError;
    return records;
  }

  /**
   * Fires every time-driven trigger due by the clock, once per due occurrence, earliest first, each as its owner
   * in AuthMode.FULL starting at its due time. One-shot triggers (after/at) are removed after firing.
   */
  runDueTriggers(): FiredTrigger[] {
    const target = this.runtime.clock.millis();
    const fired: FiredTrigger[] = [];
    let firstError: unknown;
    for (let guard = 0; ; guard++) {
      if (guard > 10000)
        throw new Error('more than 10000 trigger firings in one runDueTriggers(): advance the clock in smaller steps');
      const due = this.triggerState.list
        .filter((t) => t.eventType === 'CLOCK' && t.nextDue !== undefined && t.nextDue <= target)
        .sort((a, b) => a.nextDue! - b.nextDue! || a.createdAt - b.createdAt);
      const t = due[0];
      if (!t) break;
      const at = t.nextDue!;
      const next = nextDue(t.schedule!, at);
      if (next === undefined) this.triggerState.remove(t.id);
      else t.nextDue = next;
      const record: FiredTrigger = { handler: t.handler, owner: t.owner, at: new Date(at), triggerUid: t.id };
      fired.push(record);
      const addon = this.addon;
      if (!addon?.has(t.handler)) {
        record.error = ERR.notFound(t.handler);
        continue;
      }
      const d = new Date(at);
      const event = {
        authMode: AuthMode.FULL,
        triggerUid: t.id,
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        'day-of-month': d.getUTCDate(),
        'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
        'week-of-year': isoWeek(d),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        timezone: 'UTC',
      };
      try {
        this._run(addon, t.handler, [event], {
          user: t.owner,
          authMode: 'FULL',
          kind: 'clock',
          hasUi: false,
          start: at,
          owner: t.owner,
        });
      } catch (e) {
        record.error = e instanceof Error ? e.message : String(e);
        firstError ??= e;
      }
    }
    if (firstError !== undefined && this.throwTriggerErrors) throw firstError;
    return fired;
  }

  /**
   * Runs several executions at once, interleaved at service-call boundaries in an order fixed by the seed,
   * so lock races are real. Each task runs the loaded add-on's function in its own worker thread.
   */
  concurrently(tasks: ConcurrentTask[], opts: ConcurrentOptions = {}): Promise<ConcurrentOutcome[]> {
    if (!this.addon) throw new Error('load an add-on first: wb.loadAddon(...)');
    return runConcurrently(this, this.addon, tasks, opts.seed ?? this.seed, opts.extraCode);
  }

  /** Queues what the person clicks in upcoming alerts and prompts. */
  answer(...answers: Answer[]): this {
    this.ui.answers.push(...answers);
    return this;
  }
}

interface Pending {
  name: string;
  opts: RunOptions;
  event: Record<string, unknown>;
}

function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7);
}

function hostError(e: unknown): Error {
  if (e instanceof Error) return e;
  return new Error(String(e));
}
