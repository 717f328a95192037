// What every morning-run use case reads first: the reminder settings (the hour from the Settings tab), the letter
// templates, and the Clients columns the rules and templates need, turned into today's occasions.
import { CLIENT_FIELDS } from '../domain/fields';
import { datePattern } from '../domain/normalize/dateOrder';
import {
  type ClientOccasion,
  type ClientRecord,
  type Collected,
  clientIndex,
  clientOccasions,
  collectOccasions,
  type ReminderSettings,
  type RenderContext,
  readStoredReminderSettings,
  readTemplates,
  renderTemplate,
  type SettingsError,
  type Template,
  type TemplateProblem,
  type TemplateRule,
} from '../domain/reminders';
import { CLIENTS_TAB } from '../domain/tabs';
import { readJsonProp, writeJsonProp } from '../services/env';
import { clientsLayout } from '../sheets/clients';
import { readColumnsCapped } from '../sheets/fastRead';
import type { Layout } from '../sheets/layout';
import type { RecordsTab } from '../sheets/records';
import { readTemplateRows } from '../sheets/templates';
import type { Ctx } from './context';

const SETTINGS_PROP = 'reminders';
const STATE_PROP = 'reminders.state';

/**
 * What switching on recorded: the first day letters may be due, the account whose daily trigger sends (the only
 * one that counts: a trigger of anyone else stops by itself), and the hour and zone that trigger was set for.
 */
export interface ReminderState {
  enabledOn?: string;
  sender?: string;
  hour?: number;
  timeZone?: string;
}

export function readState(): ReminderState {
  return readJsonProp<ReminderState>(STATE_PROP) ?? {};
}

export function writeState(state: ReminderState): void {
  writeJsonProp(STATE_PROP, state);
}

/**
 * The stored settings (a broken value falls back and is reported), the hour from the Settings tab — or, for a run
 * that does not need it (`hour: false`), the hour the trigger was set for, sparing a read of the Settings tab.
 */
export function readReminderSettings(
  ctx: Ctx,
  opts: { hour?: boolean } = {},
): { settings: ReminderSettings; problems: SettingsError[] } {
  const read = readStoredReminderSettings(readJsonProp<unknown>(SETTINGS_PROP), ctx.lang);
  read.settings.hour =
    opts.hour === false ? (readState().hour ?? read.settings.hour) : ctx.settings.values.reminderHour;
  return read;
}

/** Stores settings; the hour is not kept here (the Settings tab holds it). */
export function storeReminderSettings(settings: ReminderSettings): void {
  const { hour: _hour, ...rest } = settings;
  writeJsonProp(SETTINGS_PROP, rest);
}

/** Fields the rules read (names, IDs, addresses, consent, every date a rule looks at, who is responsible). */
const RULE_KEYS = [
  'fullName',
  'company',
  'id',
  'email',
  'birthDate',
  'nextAppointmentOn',
  'nextAppointmentWork',
  'subscriptionEndsOn',
  'nextStep',
  'nextStepOn',
  'responsible',
  'plannedGesture',
  'congratulatedOn',
  'emailConsentOn',
  'unsubscribedOn',
];

// Placeholders that are not fields themselves read these fields.
const SPECIAL_FIELDS: Record<string, string> = {
  name: 'fullName',
  greeting: 'fullName',
  appointmentDate: 'nextAppointmentOn',
  appointmentTime: 'nextAppointmentOn',
  age: 'birthDate',
};
const FIELD_KEYS = new Set(CLIENT_FIELDS.map((f) => f.key));

/** The Clients fields the letter templates use: each placeholder is reported missing for a client with no values. */
export function templateFields(templates: Record<TemplateRule, Template>, render: RenderContext): string[] {
  const keys = new Set<string>();
  for (const rule of ['birthday', 'appointment', 'renewal'] as const) {
    for (const k of renderTemplate(templates[rule], {}, render).missing) {
      const key = SPECIAL_FIELDS[k] ?? k;
      if (FIELD_KEYS.has(key)) keys.add(key);
    }
  }
  return [...keys];
}

export interface Morning {
  settings: ReminderSettings;
  settingsProblems: SettingsError[];
  templates: Record<TemplateRule, Template>;
  templateProblems: TemplateProblem[];
  /** False when the Templates tab is missing (the defaults apply). */
  templatesTab: boolean;
  clientsTab: RecordsTab;
  collected: Collected;
  /** Client letters that may go today (eligible ones). */
  due: ClientOccasion[];
  byId: Map<string, ClientRecord>;
  render: RenderContext;
}

/** Clients rectangles read at most: the rules' and templates' columns, narrow gaps read through. */
const CLIENT_RECTANGLES = 3;

/** How letters show the sheet's values: its date format, its headers (renamed columns work as placeholders). */
export function letterRender(ctx: Ctx, layout: Layout, senderName: string): RenderContext {
  const headers: Record<string, string> = {};
  for (const [key, column] of Object.entries(layout.columns)) {
    const text = layout.headers[String(column)];
    if (text) headers[key] = text;
  }
  const pattern = datePattern(ctx.locale);
  return {
    lang: ctx.lang,
    dateFormat: pattern,
    dateTimeFormat: `${pattern} hh:mm`,
    today: ctx.today,
    senderName,
    headers,
  };
}

/**
 * Reads settings, templates and the Clients columns needed, and collects today's occasions. Writes nothing. The
 * Settings tab is not read (the hour is the trigger's); with its cached layout this is a handful of calls.
 */
export function readMorning(ctx: Ctx): Morning {
  const { settings, problems: settingsProblems } = readReminderSettings(ctx, { hour: false });
  const render = letterRender(ctx, clientsLayout(ctx.ss), settings.senderName);
  const headers = render.headers;
  const rows = readTemplateRows(ctx.ss, ctx.timeZone);
  const { templates, problems: templateProblems } = readTemplates(rows ?? [], ctx.lang, headers, true);
  const keys = [...new Set([...RULE_KEYS, ...templateFields(templates, render)])];
  const read = readColumnsCapped(ctx.ss, CLIENTS_TAB, keys, ctx.timeZone, CLIENT_RECTANGLES);
  const clients = read.rows as unknown as ClientRecord[];
  const notBefore = readState().enabledOn || ctx.today;
  const collected = collectOccasions(
    clients,
    { today: ctx.today, locale: ctx.locale, timeZone: ctx.timeZone, notBefore },
    settings,
  );
  return {
    settings,
    settingsProblems,
    templates,
    templateProblems,
    templatesTab: rows !== null,
    clientsTab: read.tab,
    collected,
    due: clientOccasions(collected.occasions),
    byId: clientIndex(clients),
    render,
  };
}
