// Installable triggers from the registry (src/domain/triggers.ts): installed idempotently (this user's triggers of
// the same handler are deleted first) and by one owner per document — each teammate's copy would run them again.
import type { SettingsValues } from '../domain/settings';
import {
  continuation,
  type FixedSchedule,
  resolveSchedule,
  TRIGGER_REGISTRY,
  type TriggerSpec,
} from '../domain/triggers';
import { type Lang, t } from '../i18n';
import { readJsonProp, writeJsonProp } from './env';

const OWNER_PROP = 'triggerOwner';

/** The teammate whose account runs the add-on's triggers in this document ('' before the first setup). */
export function triggerOwner(): string {
  return readJsonProp<string>(OWNER_PROP) ?? '';
}

/** True when `user` runs the triggers here (a trigger left behind by a former owner checks this and stops). */
export function isTriggerOwner(user: string): boolean {
  const owner = triggerOwner();
  return !owner || owner === user;
}

/**
 * This user's triggers of these handlers. getProjectTriggers, not getUserTriggers(spreadsheet): the latter leaves
 * out time-driven triggers (their source is the clock), so a second setup would add a second nightly run.
 */
function userTriggers(handlers: readonly string[]): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((tr) => handlers.includes(tr.getHandlerFunction()));
}

function create(handler: string, schedule: FixedSchedule, timeZone: string): void {
  const builder = ScriptApp.newTrigger(handler);
  switch (schedule.type) {
    case 'edit':
      builder.forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
      return;
    case 'change':
      builder.forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onChange().create();
      return;
    case 'daily':
      builder.timeBased().everyDays(1).atHour(schedule.hour).inTimezone(timeZone).create();
      return;
    case 'after':
      builder.timeBased().after(schedule.ms).create();
      return;
  }
}

export interface TriggerEnv {
  user: string;
  timeZone: string;
  values: SettingsValues;
}

/**
 * Installs the triggers setup owns, for the current user. A teammate's second setup leaves the owner's set alone
 * (and says who owns it); the owner's own setup replaces theirs. Returns a sentence for the setup summary.
 */
export function installSetupTriggers(
  lang: Lang,
  env: TriggerEnv,
  registry: readonly TriggerSpec[] = TRIGGER_REGISTRY,
): string {
  const specs = registry.filter((s) => s.installedBy === 'setup');
  const mine = userTriggers(specs.map((s) => s.handler));
  const owner = triggerOwner();
  if (!mine.length && owner && owner !== env.user) return t(lang, 'setup.triggersOwnedBy', { owner });
  for (const tr of mine) ScriptApp.deleteTrigger(tr);
  for (const spec of specs) create(spec.handler, resolveSchedule(spec.schedule, env.values), env.timeZone);
  writeJsonProp(OWNER_PROP, env.user);
  return t(lang, 'setup.triggersInstalled', { user: env.user || '—' });
}

/**
 * Installs one trigger (a feature's daily run at the hour from Settings, say), replacing this user's triggers of
 * the same handler. Another owner's document is left alone unless `takeOver`, which makes this user the owner.
 */
export function installTrigger(
  spec: TriggerSpec,
  env: TriggerEnv & { takeOver?: boolean },
): { installed: boolean; owner: string } {
  const owner = triggerOwner();
  if (owner && owner !== env.user && !env.takeOver) return { installed: false, owner };
  for (const tr of userTriggers([spec.handler])) ScriptApp.deleteTrigger(tr);
  create(spec.handler, resolveSchedule(spec.schedule, env.values), env.timeZone);
  if (owner !== env.user) writeJsonProp(OWNER_PROP, env.user);
  return { installed: true, owner: env.user };
}

/** Removes this user's triggers of a handler; returns how many. */
export function removeTriggers(handler: string): number {
  const mine = userTriggers([handler]);
  for (const tr of mine) ScriptApp.deleteTrigger(tr);
  return mine.length;
}

/**
 * Runs `handler` once, `ms` from now, replacing a pending one: how a long run continues before the 6-minute limit.
 * Give continuations their own entry (a daily trigger of the same handler would be replaced too).
 */
export function scheduleContinuation(handler: string, ms: number): void {
  const spec = continuation(handler, ms);
  for (const tr of userTriggers([handler])) ScriptApp.deleteTrigger(tr);
  create(spec.handler, spec.schedule, '');
}
