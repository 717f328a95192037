// The Reminders settings form as values: what the fields show for saved settings, and the patch of what changed.
import type { ReminderSettings } from '../../src/shared/reminders';

export const RULES = ['appointment', 'renewal', 'birthday'] as const;
export const NUMBERS = [
  'birthdayDaysAhead',
  'renewalDaysAhead',
  'renewalOfferDaysBefore',
  'maxGreetingDelayDays',
  'digestQuotaReserve',
] as const;
export const hourText = (h: number) => `${String(h).padStart(2, '0')}:00`;

export function valuesOf(s: ReminderSettings): Record<string, string> {
  const v: Record<string, string> = {
    hour: String(s.hour),
    recipients: s.recipients.join('\n'),
    feb29: s.feb29,
    senderName: s.senderName,
  };
  for (const k of NUMBERS) v[k] = String(s[k]);
  for (const r of RULES) v[`rule_${r}`] = s.clientRules.includes(r) ? 'yes' : '';
  return v;
}

/** The fields that changed, as the server takes them (numbers as typed; it checks them). */
export function patchOf(s: ReminderSettings, v: Record<string, string>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const num = (x: string) => (/^\s*\d+\s*$/.test(x) ? Number(x) : x);
  if (num(v.hour) !== s.hour) patch.hour = num(v.hour);
  for (const k of NUMBERS) if (num(v[k]) !== s[k]) patch[k] = num(v[k]);
  if (v.recipients.trim() !== s.recipients.join('\n')) patch.recipients = v.recipients;
  if (v.feb29 !== s.feb29) patch.feb29 = v.feb29;
  if (v.senderName.trim() !== s.senderName) patch.senderName = v.senderName;
  const rules = RULES.filter((r) => v[`rule_${r}`] === 'yes');
  if (rules.join() !== RULES.filter((r) => s.clientRules.includes(r)).join()) patch.clientRules = rules;
  return patch;
}
