// Installable triggers, installed idempotently and by one teammate only (each would otherwise run them again).
import { type Lang, t } from '../i18n';
import { readJsonProp, writeJsonProp } from './env';

export const TRIGGER_HANDLERS = ['onEditInstalled', 'onChangeInstalled', 'nightly'] as const;

/** Installs onEdit, onChange and the nightly job for the current user; returns a sentence for the summary. */
export function installTriggers(lang: Lang, user: string, timeZone?: string): string {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const mine = ScriptApp.getUserTriggers(ss).filter((tr) =>
    (TRIGGER_HANDLERS as readonly string[]).includes(tr.getHandlerFunction()),
  );
  const owner = readJsonProp<string>('triggerOwner');
  if (!mine.length && owner && owner !== user) {
    return t(lang, 'setup.triggersOwnedBy', { owner });
  }
  for (const tr of mine) ScriptApp.deleteTrigger(tr);
  ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(ss).onEdit().create();
  ScriptApp.newTrigger('onChangeInstalled').forSpreadsheet(ss).onChange().create();
  ScriptApp.newTrigger('nightly')
    .timeBased()
    .everyDays(1)
    .atHour(3)
    .inTimezone(timeZone ?? ss.getSpreadsheetTimeZone())
    .create();
  writeJsonProp('triggerOwner', user);
  return t(lang, 'setup.triggersInstalled', { user: user || '—' });
}
