// What the Reminders sidebar, the menu and the morning triggers reach (through src/main.ts), each run by `handle`.
import type { ReminderPatch } from '../shared/reminders';
import { handle } from './handle';
import { previewToday as preview } from './remindersPreview';
import { dailyJob, type RunKind, readProgress } from './remindersRun';
import {
  disableReminders as disable,
  enableReminders as enable,
  getReminderSettings as get,
  saveReminderSettings as save,
} from './remindersSettings';

export const getReminderSettings = () => handle(get, { fresh: true });
export const saveReminderSettings = (patch: ReminderPatch) => handle((ctx) => save(ctx, patch), { fresh: true });
export const enableReminders = (opts?: { takeOver?: boolean }) =>
  handle((ctx) => enable(ctx, opts ?? {}), { fresh: true });
export const disableReminders = () => handle(disable, { fresh: true });
export const previewToday = () => handle(preview, { lazySettings: true });
export const reminderProgress = () => ({ ok: true as const, progress: readProgress() });

/** A time-driven trigger's event carries its trigger's ID; a call from the sidebar carries nothing. */
export function runDailyJob(e?: { triggerUid?: unknown }) {
  const started = Date.now();
  const kind: RunKind = e && typeof e === 'object' && e.triggerUid ? 'daily' : 'manual';
  const result = handle((ctx) => dailyJob(ctx, kind, started), { lazySettings: true });
  if (!result.ok) console.error(JSON.stringify(result));
  return result;
}

export function continueDailyJob() {
  const started = Date.now();
  const result = handle((ctx) => dailyJob(ctx, 'continuation', started), { lazySettings: true });
  if (!result.ok) console.error(JSON.stringify(result));
  return result;
}
