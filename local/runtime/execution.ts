// Executions on the virtual clock: who runs, in which AuthMode, how much time each service call costs, and the
// per-workbook runtime state (clock, call counts, logs) every service reads.
import { AuthMode, type AuthModeName, type EnumValue } from './enums';
import { parseInstant } from './tz';

export const MAX_EXECUTION_MS = 6 * 60 * 1000;
export const SIMPLE_TRIGGER_MS = 30 * 1000;

export const ERR = {
  timeout: 'Exceeded maximum execution time',
  mailQuota: 'Service invoked too many times for one day: email.',
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
  tooManyTriggers:
    'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  propertyValueTooLarge: 'Argument too large: value',
  propertyQuota: 'You have exceeded the property storage quota. Please remove some properties and try again.',
  noUi: 'Cannot call SpreadsheetApp.getUi() from this context.',
  notFound: (name: string) => `Script function not found: ${name}`,
  permission: (call: string, scope: string) =>
    `You do not have permission to call ${call}. Required permissions: ${scope}`,
  scopes: (call: string, scope: string) =>
    `Specified permissions are not sufficient to call ${call}. Required permissions: ${scope}`,
};

export function notEmulated(what: string): Error {
  return new Error(`not emulated: ${what}`);
}

/** The virtual clock of a workbook. Strings without an offset are wall time in the workbook's zone. */
export class VirtualClock {
  private ms: number;
  constructor(
    start: string | number | Date,
    private readonly timeZone: string,
  ) {
    this.ms = parseInstant(start, timeZone);
  }
  now(): Date {
    return new Date(this.ms);
  }
  millis(): number {
    return this.ms;
  }
  set(value: string | number | Date): Date {
    this.ms = parseInstant(value, this.timeZone);
    return this.now();
  }
  advance(ms: number): Date {
    this.ms += ms;
    return this.now();
  }
  /** Moves forward only: executions that ran in the past (catching up triggers) never rewind the clock. */
  atLeast(ms: number): void {
    if (ms > this.ms) this.ms = ms;
  }
}

export type ExecutionKind = 'call' | 'simple' | 'installable' | 'clock' | 'concurrent' | 'webapp';

export interface ExecutionOptions {
  user: string;
  hideEmail?: boolean;
  locale?: string;
  authMode: AuthModeName;
  kind: ExecutionKind;
  functionName: string;
  /** The user who installed the trigger, when an installable trigger runs. */
  owner?: string;
  start: number;
  budgetMs?: number;
  /** Whether SpreadsheetApp.getUi() works (a person is looking at the sheet). */
  hasUi: boolean;
}

let executionIds = 0;

/** One run of an add-on function: its own user, AuthMode, start time and time budget. */
export class Execution {
  readonly id = ++executionIds;
  elapsed = 0;
  private killed = false;
  constructor(readonly opts: ExecutionOptions) {}
  get user(): string {
    return this.opts.user;
  }
  get authMode(): EnumValue {
    return AuthMode[this.opts.authMode];
  }
  get budget(): number {
    return this.opts.budgetMs ?? MAX_EXECUTION_MS;
  }
  now(): number {
    return this.opts.start + this.elapsed;
  }
  /** Moves this execution's time forward to `ms` (a lock that was released later, a timeout reached). */
  waitUntil(ms: number): void {
    if (ms > this.now()) this.elapsed = ms - this.opts.start;
  }
  /** Throws once the budget is spent; every later call throws too, like a killed script. */
  checkBudget(): void {
    if (this.killed || this.elapsed > this.budget) {
      this.killed = true;
      throw new Error(ERR.timeout);
    }
  }
  charge(ms: number): void {
    this.elapsed += ms;
  }
}

export interface ExecutionRecord {
  id: number;
  functionName: string;
  kind: ExecutionKind;
  user: string;
  authMode: AuthModeName;
  start: Date;
  end: Date;
  error?: string;
}

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
  user: string;
  at: Date;
  functionName: string;
}

/** Cost model in virtual milliseconds; see local/README.md. */
const SPREADSHEET_CLASSES = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'RangeList',
  'DataValidation',
  'DataValidationBuilder',
  'DeveloperMetadata',
  'DeveloperMetadataFinder',
  'DeveloperMetadataLocation',
  'Protection',
  'NamedRange',
  'TextFinder',
  'Selection',
  'Filter',
  'ConditionalFormatRule',
  'ConditionalFormatRuleBuilder',
  'BooleanCondition',
  'GradientCondition',
  'EmbeddedChart',
  'ContainerInfo',
  'ChartOptions',
  'EmbeddedChartBuilder',
  'EmbeddedAreaChartBuilder',
  'EmbeddedBarChartBuilder',
  'EmbeddedColumnChartBuilder',
  'EmbeddedComboChartBuilder',
  'EmbeddedHistogramChartBuilder',
  'EmbeddedLineChartBuilder',
  'EmbeddedPieChartBuilder',
  'EmbeddedScatterChartBuilder',
  'EmbeddedTableChartBuilder',
]);
const SERVICE_COST: Record<string, number> = {
  MailApp: 250,
  ScriptApp: 50,
  Trigger: 1,
  TriggerBuilder: 1,
  ClockTriggerBuilder: 1,
  SpreadsheetTriggerBuilder: 1,
  PropertiesService: 5,
  Properties: 10,
  CacheService: 2,
  Cache: 5,
  LockService: 2,
  Lock: 5,
  Session: 1,
  User: 1,
  Ui: 10,
  Menu: 1,
};
export const COST = { spreadsheetCall: 5, perCell: 0.02, flush: 50 };

function cellsIn(v: unknown): number {
  if (!Array.isArray(v)) return 0;
  let n = 0;
  for (const row of v) n += Array.isArray(row) ? row.length : 1;
  return n;
}

export function costOf(className: string, method: string, args: unknown[], result: unknown): number {
  if (SPREADSHEET_CLASSES.has(className)) {
    if (method === 'flush') return COST.flush;
    const cells = Math.max(cellsIn(result), ...args.map(cellsIn));
    return COST.spreadsheetCall + cells * COST.perCell;
  }
  return SERVICE_COST[className] ?? 0;
}

// Scopes a call needs; a call in AuthMode.LIMITED / NONE to these throws Google's permission error.
const SCOPES: Array<[RegExp, string]> = [
  [/^MailApp\.(sendEmail|getRemainingDailyQuota)$/, 'https://www.googleapis.com/auth/script.send_mail'],
  [
    /^(ScriptApp\.(newTrigger|getProjectTriggers|getUserTriggers|deleteTrigger)|(Clock|Spreadsheet)?TriggerBuilder\.create)$/,
    'https://www.googleapis.com/auth/script.scriptapp',
  ],
];
const SHEET_SCOPE = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
// What a script may still do in AuthMode.NONE (an add-on's onOpen before authorization): build menus.
const NONE_ALLOWED =
  /^(SpreadsheetApp\.getUi|Ui\..*|Menu\..*|Session\.(getActiveUserLocale|getTemporaryActiveUserKey|getScriptTimeZone)|Logger\..*|HtmlService\..*|HtmlOutput\..*|HtmlTemplate\..*|Utilities\..*|Blob\..*|EnumValue\..*)$/;

export interface RuntimeOptions {
  timeZone: string;
  locale: string;
  now: string | number | Date;
  user: string;
  scriptTimeZone?: string;
  mailQuota?: number;
  seed?: number;
}

/** The state every service of one workbook shares. */
export class Runtime {
  readonly clock: VirtualClock;
  readonly calls: Record<string, number> = {};
  readonly logs: LogEntry[] = [];
  readonly executions: ExecutionRecord[] = [];
  private stack: Execution[] = [];
  /** Set while a person acts through the workbook (an edit), so the spreadsheet knows who did it. */
  actor: { user: string; hideEmail: boolean } | undefined;
  /** The OAuth scopes the add-on's manifest declares; undefined = not restricted. */
  scopes: string[] | undefined;
  /** Overrides current() while the concurrent scheduler answers one execution's call. */
  scheduled: Execution | undefined;

  constructor(readonly options: RuntimeOptions) {
    this.clock = new VirtualClock(options.now, options.timeZone);
  }

  get scriptTimeZone(): string {
    return this.options.scriptTimeZone ?? this.options.timeZone;
  }

  current(): Execution | undefined {
    return this.scheduled ?? this.stack[this.stack.length - 1];
  }

  /** Virtual now: the running execution's time, else the workbook clock. */
  now(): number {
    return this.current()?.now() ?? this.clock.millis();
  }

  /** Whose authority the script runs under: the execution's user (a trigger's owner), else the workbook's user. */
  effectiveUser(): string {
    return this.current()?.user ?? this.options.user;
  }

  /** The email scripts and the spreadsheet see for whoever acts now ('' when hidden). */
  actingEmail(): string {
    const e = this.current();
    if (e) return e.opts.hideEmail ? '' : e.user;
    if (this.actor) return this.actor.hideEmail ? '' : this.actor.user;
    return '';
  }

  /** Runs fn as one execution; the clock moves to its end; its record lands in `executions`. */
  run<T>(opts: ExecutionOptions, fn: (exec: Execution) => T, onEnd?: (exec: Execution) => void): T {
    const exec = new Execution(opts);
    this.stack.push(exec);
    let error: unknown;
    try {
      return fn(exec);
    } catch (e) {
      error = e;
      throw e;
    } finally {
      this.stack.pop();
      onEnd?.(exec);
      this.finish(exec, error);
    }
  }

  finish(exec: Execution, error: unknown): void {
    this.clock.atLeast(exec.now());
    this.executions.push({
      id: exec.id,
      functionName: exec.opts.functionName,
      kind: exec.opts.kind,
      user: exec.user,
      authMode: exec.opts.authMode,
      start: new Date(exec.opts.start),
      end: new Date(exec.now()),
      ...(error !== undefined ? { error: error instanceof Error ? error.message : String(error) } : {}),
    });
  }

  /** Every service call from the add-on passes here: budget, permissions, counting, cost. */
  serviceCall<T>(className: string, method: string, args: unknown[], call: () => T): T {
    const key = `${className}.${method}`;
    const exec = this.current();
    if (exec) {
      exec.checkBudget();
      this.checkPermission(exec, key, className);
    }
    if (method !== 'toString' && method !== 'valueOf' && method !== 'toJSON' && className !== 'EnumValue') {
      this.calls[key] = (this.calls[key] ?? 0) + 1;
    }
    const result = call();
    if (exec) exec.charge(costOf(className, method, args, result));
    return result;
  }

  private checkPermission(exec: Execution, key: string, className: string): void {
    const mode = exec.opts.authMode;
    for (const [re, scope] of SCOPES) {
      if (!re.test(key)) continue;
      if (mode === 'NONE' || mode === 'LIMITED' || mode === 'CUSTOM_FUNCTION')
        throw new Error(ERR.permission(key, scope));
      if (this.scopes && !this.scopes.includes(scope)) throw new Error(ERR.scopes(key, scope));
    }
    if (mode === 'NONE' && !NONE_ALLOWED.test(key)) {
      const scope = SPREADSHEET_CLASSES.has(className) ? SHEET_SCOPE : 'https://www.googleapis.com/auth/script.storage';
      throw new Error(ERR.permission(key, scope));
    }
  }

  resetCalls(): void {
    for (const k of Object.keys(this.calls)) delete this.calls[k];
  }

  log(level: LogEntry['level'], message: string): void {
    const exec = this.current();
    this.logs.push({
      level,
      message,
      user: exec?.user ?? this.options.user,
      at: new Date(this.now()),
      functionName: exec?.opts.functionName ?? '',
    });
  }
}

/** Thrown by a service call that must wait (a held lock); only the concurrent scheduler catches it. */
export class Parked {
  constructor(
    readonly deadline: number,
    /** Tries again; returns { value } when the wait is over. */
    readonly retry: () => { value: unknown } | undefined,
    /** What the call does when the deadline passes (returns a value or throws). */
    readonly onTimeout: () => unknown,
  ) {}
}
