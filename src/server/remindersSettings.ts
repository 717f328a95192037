// Reminders on and off, and their settings: validated whole before anything is written; switching on installs one
// daily trigger under the current account and records it as the sender, so a second teammate never adds a second.
import { patchReminderSettings, type ReminderSettings, readTemplates, type SettingsError } from '../domain/reminders';
import { SENT_LOG_TAB, TEMPLATES_TAB } from '../domain/tabs';
import { DAILY_JOB_CONTINUATION } from '../domain/triggers';
import { setError } from '../domain/validate';
import { installDailyTrigger } from '../services/dailyTrigger';
import { readJsonProp, withDocumentLock } from '../services/env';
import { senderAccount } from '../services/mail';
import { removeTriggers } from '../services/triggers';
import type { ReminderView } from '../shared/reminders';
import { setupTabs } from '../sheets/setup';
import { findTabOf } from '../sheets/tabs';
import { readTemplateRows } from '../sheets/templates';
import { type Ctx, UserError } from './context';
import { readReminderSettings, readState, storeReminderSettings, writeState } from './remindersData';
import { rt } from './remindersText';
import { updateSettings } from './settings';

export const DAILY_JOB = 'runDailyJob';
export const LAST_RUN_PROP = 'reminders.last';

/** The account runs go from: the effective user (a trigger runs as its creator), else the signed-in one. */
export function me(ctx: Ctx): string {
  return senderAccount() || ctx.user;
}

function errorsOf(errors: SettingsError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const key = e.key || '_';
    // An own "__proto__" key is a key like any other (plain assignment would lose its message).
    setError(out, key, Object.hasOwn(out, key) ? `${out[key]} ${e.message}` : e.message);
  }
  return out;
}

/** What the sidebar shows: settings, who sends, whether switching on would take over, problems, the last run. */
export function reminderView(ctx: Ctx, settings: ReminderSettings, problems: SettingsError[]): ReminderView {
  const state = readState();
  const user = me(ctx);
  const sender = settings.enabled ? (state.sender ?? '') : '';
  const rows = readTemplateRows(ctx.ss, ctx.timeZone);
  const templateProblems = rows ? readTemplates(rows, ctx.lang, undefined, true).problems.map((p) => p.message) : [];
  return {
    settings,
    sender,
    me: user,
    takeOver: Boolean(sender && sender !== user),
    timeZone: ctx.timeZone,
    problems: [...problems.map((p) => p.message), ...templateProblems],
    lastRun: readJsonProp<{ at: string; message: string }>(LAST_RUN_PROP) ?? null,
  };
}

export function getReminderSettings(ctx: Ctx) {
  const { settings, problems } = readReminderSettings(ctx);
  return { ok: true as const, reminders: reminderView(ctx, settings, problems) };
}

/** The Sent log and Templates tabs, created (with the rest of setup) when missing. */
function ensureTabs(ctx: Ctx): void {
  if (findTabOf(ctx.ss, SENT_LOG_TAB) && findTabOf(ctx.ss, TEMPLATES_TAB)) return;
  withDocumentLock(30000, () =>
    setupTabs({
      ss: ctx.ss,
      lang: ctx.lang,
      locale: ctx.locale,
      timeZone: ctx.timeZone,
      today: ctx.today,
      progress: () => {},
    }),
  );
}

interface SaveOptions {
  /** Make this account the sender in place of a teammate's. */
  takeOver?: boolean;
  /** Install this account's trigger again even when reminders are on already (Turn on, repeated). */
  reinstall?: boolean;
}

/**
 * Applies a partial settings object, checked whole first (unknown keys and bad values: nothing written). `enabled`
 * switches on — installing this account's trigger; refused while a teammate sends, unless takeOver — or off; a new
 * hour goes to the Settings tab (its one home) and moves the sender's trigger.
 */
export function saveReminderSettings(ctx: Ctx, patch: unknown, opts: SaveOptions = {}) {
  const { settings: current } = readReminderSettings(ctx);
  const result = patchReminderSettings(current, patch, ctx.lang);
  if (!result.ok) throw new UserError(errorsOf(result.errors));
  const next = result.value;
  const user = me(ctx);
  const enabling = next.enabled && (!current.enabled || Boolean(opts.reinstall || opts.takeOver));
  const senderNow = () => (readReminderSettings(ctx).settings.enabled ? (readState().sender ?? '') : '');
  const refuse = (sender: string) => {
    if (enabling && sender && sender !== user && !opts.takeOver)
      throw new UserError({ _: rt(ctx.lang, 'sentBy', { owner: sender }) });
  };
  refuse(senderNow());
  if (next.enabled) ensureTabs(ctx);
  if (next.hour !== current.hour) {
    const r = updateSettings(ctx, { values: { reminderHour: next.hour } });
    if (!r.ok) throw new UserError(r.errors);
    ctx.settings.values.reminderHour = next.hour;
  }
  const notes: string[] = [];
  const state = withDocumentLock(10000, () => {
    const sender = senderNow();
    refuse(sender);
    let s = readState();
    const mine = !sender || sender === user;
    if (next.enabled) {
      const moved = s.hour !== next.hour || s.timeZone !== ctx.timeZone;
      if (enabling || (mine && moved)) {
        installDailyTrigger(DAILY_JOB, next.hour, ctx.timeZone);
        s = {
          enabledOn: current.enabled && s.enabledOn ? s.enabledOn : ctx.today,
          sender: user,
          hour: next.hour,
          timeZone: ctx.timeZone,
        };
      } else if (moved) notes.push(rt(ctx.lang, 'hourElsewhere', { sender }));
    } else if (current.enabled) {
      removeTriggers(DAILY_JOB);
      removeTriggers(DAILY_JOB_CONTINUATION);
      if (!mine) notes.push(rt(ctx.lang, 'offElsewhere', { sender }));
    }
    writeState(s);
    storeReminderSettings(next);
    return s;
  });
  const head = next.enabled
    ? rt(ctx.lang, 'on', { hour: next.hour, zone: ctx.timeZone, sender: state.sender || rt(ctx.lang, 'anyone') })
    : rt(ctx.lang, current.enabled ? 'off' : 'saved');
  return { ok: true as const, reminders: reminderView(ctx, next, []), message: [head, ...notes].join(' ') };
}

export function enableReminders(ctx: Ctx, opts: { takeOver?: boolean } = {}) {
  return saveReminderSettings(ctx, { enabled: true }, { takeOver: opts?.takeOver === true, reinstall: true });
}

export function disableReminders(ctx: Ctx) {
  return saveReminderSettings(ctx, { enabled: false });
}
