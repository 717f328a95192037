// ScriptApp: installable triggers (time-driven and spreadsheet), owned per user, with Google's limits and enums.
import { AuthMode, type EnumValue, makeEnum } from '../enums';
import { ERR, notEmulated, type Runtime } from '../execution';
import { instantOf, isKnownZone, wallTime, weekDay } from '../tz';

export const EventType = makeEnum('EventType', [
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
] as const);
export const TriggerSource = makeEnum('TriggerSource', [
  'SPREADSHEETS',
  'CLOCK',
  'FORMS',
  'DOCUMENTS',
  'CALENDAR',
] as const);
export const Weekday = makeEnum('Weekday', [
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
] as const);

export const MAX_TRIGGERS_PER_USER = 20;
const MINUTE = 60000;
const HOUR = 60 * MINUTE;

export type Schedule =
  | { kind: 'once'; at: number }
  | { kind: 'minutes'; every: number }
  | { kind: 'hours'; every: number }
  | { kind: 'days'; every: number; hour: number; minute: number; tz: string }
  | { kind: 'weeks'; every: number; weekDay: number; hour: number; minute: number; tz: string }
  | { kind: 'month'; day: number; hour: number; minute: number; tz: string };

export type TriggerEventName = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';

export interface TriggerRecord {
  id: string;
  handler: string;
  owner: string;
  eventType: TriggerEventName;
  source: 'CLOCK' | 'SPREADSHEETS';
  sourceId: string | null;
  schedule?: Schedule;
  /** Next time a time-driven trigger is due (ms since epoch). */
  nextDue?: number;
  createdAt: number;
}

function addWallDays(ms: number, days: number, hour: number, minute: number, tz: string): number {
  const w = wallTime(ms, tz);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return instantOf({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute }, tz);
}

function monthDay(year: number, month: number, day: number, hour: number, minute: number, tz: string): number {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return instantOf({ year, month, day: Math.min(day, last), hour, minute }, tz);
}

/** When a schedule first fires after its creation at `t`. */
export function firstDue(s: Schedule, t: number): number {
  switch (s.kind) {
    case 'once':
      return s.at;
    case 'minutes':
      return t + s.every * MINUTE;
    case 'hours':
      return t + s.every * HOUR;
    case 'days': {
      const today = addWallDays(t, 0, s.hour, s.minute, s.tz);
      return today > t ? today : addWallDays(t, 1, s.hour, s.minute, s.tz);
    }
    case 'weeks': {
      const w = wallTime(t, s.tz);
      let ahead = (s.weekDay - weekDay(w.year, w.month, w.day) + 7) % 7;
      let due = addWallDays(t, ahead, s.hour, s.minute, s.tz);
      if (due <= t) {
        ahead += 7;
        due = addWallDays(t, ahead, s.hour, s.minute, s.tz);
      }
      return due;
    }
    case 'month': {
      const w = wallTime(t, s.tz);
      const due = monthDay(w.year, w.month, s.day, s.hour, s.minute, s.tz);
      return due > t ? due : monthDay(w.year, w.month + 1, s.day, s.hour, s.minute, s.tz);
    }
  }
}

/** The occurrence after `prev`; undefined for a one-shot trigger. */
export function nextDue(s: Schedule, prev: number): number | undefined {
  switch (s.kind) {
    case 'once':
      return undefined;
    case 'minutes':
      return prev + s.every * MINUTE;
    case 'hours':
      return prev + s.every * HOUR;
    case 'days':
      return addWallDays(prev, s.every, s.hour, s.minute, s.tz);
    case 'weeks':
      return addWallDays(prev, 7 * s.every, s.hour, s.minute, s.tz);
    case 'month': {
      const w = wallTime(prev, s.tz);
      return monthDay(w.year, w.month + 1, s.day, s.hour, s.minute, s.tz);
    }
  }
}

let triggerSerial = 0;

/** Every installable trigger of the project, all users. */
export class TriggerState {
  list: TriggerRecord[] = [];
  add(rec: Omit<TriggerRecord, 'id'>): TriggerRecord {
    const owned = this.list.filter((t) => t.owner === rec.owner).length;
    if (owned >= MAX_TRIGGERS_PER_USER) throw new Error(ERR.tooManyTriggers);
    // Google's ids are long decimal strings.
    const id = String(7340000000000000000n + BigInt(++triggerSerial) * 7919n);
    const full = { ...rec, id };
    this.list.push(full);
    return full;
  }
  remove(id: string): void {
    this.list = this.list.filter((t) => t.id !== id);
  }
  ofUser(user: string): TriggerRecord[] {
    return this.list.filter((t) => t.owner === user);
  }
  get(id: string): TriggerRecord | undefined {
    return this.list.find((t) => t.id === id);
  }
}

export class Trigger {
  constructor(readonly _rec: TriggerRecord) {}
  getHandlerFunction(): string {
    return this._rec.handler;
  }
  getUniqueId(): string {
    return this._rec.id;
  }
  getEventType(): EnumValue {
    return EventType[this._rec.eventType];
  }
  getTriggerSource(): EnumValue {
    return TriggerSource[this._rec.source];
  }
  getTriggerSourceId(): string | null {
    return this._rec.sourceId;
  }
}

type Host = { rt: Runtime; state: TriggerState; spreadsheetId: () => string };

function owner(host: Host): string {
  return host.rt.effectiveUser();
}

export class TriggerBuilder {
  constructor(
    private readonly _host: Host,
    private readonly _handler: string,
  ) {}
  timeBased(): ClockTriggerBuilder {
    return new ClockTriggerBuilder(this._host, this._handler);
  }
  forSpreadsheet(sheet: unknown): SpreadsheetTriggerBuilder {
    const s = sheet as { getId?: () => string };
    const id = typeof s === 'string' ? s : typeof s?.getId === 'function' ? s.getId() : undefined;
    if (!id) throw new Error('Invalid argument: sheet');
    return new SpreadsheetTriggerBuilder(this._host, this._handler, id);
  }
}

const EVERY_MINUTES = [1, 5, 10, 15, 30];

export class ClockTriggerBuilder {
  private _after?: number;
  private _at?: number;
  private _atDate?: { year: number; month: number; day: number };
  private _hour?: number;
  private _minute?: number;
  private _minutes?: number;
  private _hours?: number;
  private _days?: number;
  private _weeks?: number;
  private _weekDay?: number;
  private _monthDay?: number;
  private _tz?: string;
  constructor(
    private readonly _host: Host,
    private readonly _handler: string,
  ) {}
  after(durationMilliseconds: number): ClockTriggerBuilder {
    this._after = Number(durationMilliseconds);
    return this;
  }
  at(date: Date): ClockTriggerBuilder {
    if (Object.prototype.toString.call(date) !== '[object Date]') throw new Error('Invalid argument: date');
    this._at = date.getTime();
    return this;
  }
  atDate(year: number, month: number, day: number): ClockTriggerBuilder {
    this._atDate = { year: Number(year), month: Number(month), day: Number(day) };
    return this;
  }
  atHour(hour: number): ClockTriggerBuilder {
    const h = Number(hour);
    if (!Number.isInteger(h) || h < 0 || h > 23) throw new Error('Invalid argument: hour');
    this._hour = h;
    return this;
  }
  nearMinute(minute: number): ClockTriggerBuilder {
    const m = Number(minute);
    if (!Number.isInteger(m) || m < 0 || m > 59) throw new Error('Invalid argument: minute');
    // Google rounds to a 15-minute slot and fires within ±15 minutes; we fire at the rounded minute.
    this._minute = (Math.round(m / 15) * 15) % 60;
    return this;
  }
  everyMinutes(n: number): ClockTriggerBuilder {
    if (!EVERY_MINUTES.includes(Number(n))) {
      throw new Error('The value you passed to everyMinutes was invalid. Accepted values are 1, 5, 10, 15 and 30.');
    }
    this._minutes = Number(n);
    return this;
  }
  everyHours(n: number): ClockTriggerBuilder {
    if (![1, 2, 4, 6, 8, 12].includes(Number(n))) {
      throw new Error('The value you passed to everyHours was invalid. Accepted values are 1, 2, 4, 6, 8 and 12.');
    }
    this._hours = Number(n);
    return this;
  }
  everyDays(n: number): ClockTriggerBuilder {
    if (!Number.isInteger(Number(n)) || Number(n) < 1) throw new Error('Invalid argument: n');
    this._days = Number(n);
    return this;
  }
  everyWeeks(n: number): ClockTriggerBuilder {
    if (!Number.isInteger(Number(n)) || Number(n) < 1) throw new Error('Invalid argument: n');
    this._weeks = Number(n);
    return this;
  }
  onWeekDay(day: EnumValue): ClockTriggerBuilder {
    const i = Weekday[String(day)] as EnumValue | undefined;
    if (!i) throw new Error('Invalid argument: day');
    this._weekDay = i.ordinal();
    return this;
  }
  onMonthDay(day: number): ClockTriggerBuilder {
    const d = Number(day);
    if (!Number.isInteger(d) || d < 1 || d > 31) throw new Error('Invalid argument: day');
    this._monthDay = d;
    return this;
  }
  inTimezone(timezone: string): ClockTriggerBuilder {
    if (!isKnownZone(String(timezone))) throw new Error(`Invalid argument: timezone`);
    this._tz = String(timezone);
    return this;
  }
  create(): Trigger {
    const { rt, state } = this._host;
    const now = rt.now();
    const tz = this._tz ?? rt.scriptTimeZone;
    const here = wallTime(now, tz);
    // Without atHour Google picks an hour; we keep the hour the trigger was created at.
    const hour = this._hour ?? here.hour;
    const minute = this._minute ?? (this._hour === undefined ? here.minute : 0);
    let schedule: Schedule;
    if (this._after !== undefined) schedule = { kind: 'once', at: now + this._after };
    else if (this._at !== undefined) schedule = { kind: 'once', at: this._at };
    else if (this._atDate)
      schedule = { kind: 'once', at: instantOf({ ...this._atDate, hour: this._hour ?? 0, minute }, tz) };
    else if (this._minutes) schedule = { kind: 'minutes', every: this._minutes };
    else if (this._hours) schedule = { kind: 'hours', every: this._hours };
    else if (this._weeks || this._weekDay !== undefined) {
      if (this._weekDay === undefined) throw new Error('Weekly triggers need onWeekDay(day).');
      schedule = { kind: 'weeks', every: this._weeks ?? 1, weekDay: this._weekDay, hour, minute, tz };
    } else if (this._monthDay !== undefined) schedule = { kind: 'month', day: this._monthDay, hour, minute, tz };
    else if (this._days) schedule = { kind: 'days', every: this._days, hour, minute, tz };
    else
      throw new Error(
        'The trigger has no schedule: call after, at, everyMinutes, everyHours, everyDays, everyWeeks or onMonthDay.',
      );
    const rec = state.add({
      handler: this._handler,
      owner: owner(this._host),
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      schedule,
      nextDue: firstDue(schedule, now),
      createdAt: now,
    });
    return new Trigger(rec);
  }
}

export class SpreadsheetTriggerBuilder {
  private _event: TriggerEventName | undefined;
  constructor(
    private readonly _host: Host,
    private readonly _handler: string,
    private readonly _sourceId: string,
  ) {}
  onOpen(): SpreadsheetTriggerBuilder {
    this._event = 'ON_OPEN';
    return this;
  }
  onEdit(): SpreadsheetTriggerBuilder {
    this._event = 'ON_EDIT';
    return this;
  }
  onChange(): SpreadsheetTriggerBuilder {
    this._event = 'ON_CHANGE';
    return this;
  }
  onFormSubmit(): SpreadsheetTriggerBuilder {
    this._event = 'ON_FORM_SUBMIT';
    return this;
  }
  create(): Trigger {
    if (!this._event) throw new Error('The trigger has no event: call onOpen, onEdit, onChange or onFormSubmit.');
    const rec = this._host.state.add({
      handler: this._handler,
      owner: owner(this._host),
      eventType: this._event,
      source: 'SPREADSHEETS',
      sourceId: this._sourceId,
      createdAt: this._host.rt.now(),
    });
    return new Trigger(rec);
  }
}

/** The script's web-app deployment (reference: developers.google.com/apps-script/reference/script/service). */
export class Service {
  constructor(private readonly _url: () => string | null) {}
  /** The /exec URL once deployed as a web app, else null. */
  getUrl(): string | null {
    return this._url();
  }
  isEnabled(): boolean {
    return this._url() !== null;
  }
}

export class ScriptApp {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = Weekday;
  private readonly _host: Host;
  constructor(
    rt: Runtime,
    state: TriggerState,
    spreadsheetId: () => string,
    private readonly _scriptId: string,
    private readonly _webAppUrl: () => string | null = () => null,
  ) {
    this._host = { rt, state, spreadsheetId };
  }
  getService(): Service {
    return new Service(this._webAppUrl);
  }
  newTrigger(functionName: string): TriggerBuilder {
    return new TriggerBuilder(this._host, String(functionName));
  }
  /** The current user's installable triggers of this project. */
  getProjectTriggers(): Trigger[] {
    return this._host.state.ofUser(owner(this._host)).map((r) => new Trigger(r));
  }
  /** The current user's triggers for that document, this project only. */
  getUserTriggers(document: unknown): Trigger[] {
    const d = document as { getId?: () => string };
    const id = typeof d?.getId === 'function' ? d.getId() : String(document);
    return this._host.state
      .ofUser(owner(this._host))
      .filter((r) => r.sourceId === id)
      .map((r) => new Trigger(r));
  }
  /** Removes one of the current user's triggers; another user's triggers are out of reach, as in Apps Script. */
  deleteTrigger(trigger: Trigger): void {
    if (!(trigger instanceof Trigger)) throw new Error('Invalid argument: trigger');
    const rec = this._host.state.get(trigger._rec.id);
    if (rec && rec.owner === owner(this._host)) this._host.state.remove(rec.id);
  }
  getScriptId(): string {
    return this._scriptId;
  }
  getOAuthToken(): never {
    throw notEmulated('ScriptApp.getOAuthToken');
  }
  getIdentityToken(): never {
    throw notEmulated('ScriptApp.getIdentityToken');
  }
}
