// Every installable trigger, as data: which exported entry of src/main.ts runs, and when. Installed idempotently by
// src/services/triggers.ts (same-handler triggers deleted first), by one owner per document.
import type { SettingsValues } from './settings';

/** Settings values that hold an hour of the day. */
export type HourSetting = {
  [K in keyof SettingsValues]: SettingsValues[K] extends number ? K : never;
}[keyof SettingsValues];

export type TriggerSchedule =
  | { type: 'edit' }
  | { type: 'change' }
  /** Every day at this hour in the spreadsheet's time zone. */
  | { type: 'daily'; hour: number }
  /** Every day at the hour a Settings value holds (e.g. reminderHour), read when the trigger is installed. */
  | { type: 'dailyAtSetting'; setting: HourSetting }
  /** Once, this many milliseconds from now (continuing a long run). */
  | { type: 'after'; ms: number };

/** A schedule with every hour known: what ScriptApp installs. */
export type FixedSchedule = Exclude<TriggerSchedule, { type: 'dailyAtSetting' }>;

export interface TriggerSpec {
  /** The exported entry of src/main.ts the trigger calls. */
  handler: string;
  schedule: TriggerSchedule;
  /** 'setup': installed by Set up / repair; 'feature': installed and removed by its feature (reminders on/off). */
  installedBy: 'setup' | 'feature';
}

export const TRIGGER_REGISTRY: readonly TriggerSpec[] = [
  { handler: 'onEditInstalled', schedule: { type: 'edit' }, installedBy: 'setup' },
  { handler: 'onChangeInstalled', schedule: { type: 'change' }, installedBy: 'setup' },
  { handler: 'nightly', schedule: { type: 'daily', hour: 3 }, installedBy: 'setup' },
  // The morning run (reminders on/off); its continuations are one-off triggers of continueDailyJob.
  { handler: 'runDailyJob', schedule: { type: 'dailyAtSetting', setting: 'reminderHour' }, installedBy: 'feature' },
  // An import longer than one execution continues a minute after each stop (src/server/importRun.ts).
  { handler: 'continueImport', schedule: { type: 'after', ms: 60_000 }, installedBy: 'feature' },
  // Mailings: a one-off trigger at the next slot a waiting letter may go (src/server/mailingsRun.ts).
  { handler: 'continueMailings', schedule: { type: 'after', ms: 60_000 }, installedBy: 'feature' },
];

/** The one-off trigger that continues a morning run stopped before the time limit. */
export const DAILY_JOB_CONTINUATION = 'continueDailyJob';

/** The one-off trigger that continues an import longer than one execution (and one that was stopped). */
export const IMPORT_CONTINUATION = 'continueImport';

export function triggerSpec(handler: string): TriggerSpec | undefined {
  return TRIGGER_REGISTRY.find((t) => t.handler === handler);
}

/** A one-off continuation of a long run: the same handler again after `ms`. */
export function continuation(handler: string, ms: number): TriggerSpec & { schedule: FixedSchedule } {
  return { handler, schedule: { type: 'after', ms: Math.max(0, Math.round(ms)) }, installedBy: 'feature' };
}

/** The concrete schedule to install: an hour read from Settings becomes a plain daily hour (0–23). */
export function resolveSchedule(schedule: TriggerSchedule, values: SettingsValues): FixedSchedule {
  if (schedule.type !== 'dailyAtSetting') return schedule;
  const hour = Math.trunc(Number(values[schedule.setting]));
  return { type: 'daily', hour: Number.isFinite(hour) ? Math.min(Math.max(hour, 0), 23) : 0 };
}
