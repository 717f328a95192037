// Pure helpers of the client card: timeline order, the sentences about birthdays and the last contact, when to offer
// "congratulated", and how due the next step is.
import { addDays, nextAnniversary } from '../../src/domain/normalize/date';
import type { ClientCard, JournalEntry } from '../../src/shared/api';
import type { DateStyle } from './dates';
import { daysFromToday, formatDay } from './dates';
import { daysWord, type Lang, tr } from './i18n';

/** Newest first; entries of the same moment keep the journal's order, later rows first. */
export function newestFirst(journal: JournalEntry[]): JournalEntry[] {
  return [...journal].sort((a, b) => (a.at === b.at ? b.row - a.row : a.at < b.at ? 1 : -1));
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function birthdayLine(card: ClientCard, lang: Lang, style: DateStyle): string {
  const { birthdayInDays: n, turnsAge: age } = card.facts;
  const birth = String(card.client.birthDate ?? '');
  if (ISO_DAY.test(birth) && birth > style.today) return tr(lang, 'birthdayFuture', { date: formatDay(birth, style) });
  if (n === null || n === undefined) return tr(lang, 'birthdayUnknown');
  if (n === 0) return tr(lang, 'birthdayToday', { age: age ?? '' });
  const date = formatDay(addDays(style.today, n), style);
  return tr(lang, 'birthdayIn', { n, days: daysWord(lang, n), date, age: age ?? '' });
}

export function lastContactLine(card: ClientCard, lang: Lang, style: DateStyle): string {
  const { lastContactOn } = card.client;
  const days = card.facts.daysSinceLastContact;
  if (!lastContactOn) return tr(lang, 'never');
  const when = formatDay(lastContactOn, style);
  if (days === null || days === undefined) return when;
  return days === 0
    ? `${when} (${tr(lang, 'today')})`
    : `${when} (${tr(lang, 'daysAgo', { n: days, days: daysWord(lang, days) })})`;
}

/** Days around a birthday when congratulating makes sense (a few days late still counts). */
export const CONGRATULATE_DAYS = 3;

/**
 * The birthday (yyyy-mm-dd) within CONGRATULATE_DAYS of today, before or after, or null: "Congratulated today" is
 * offered only then. A birth date of today or later has no birthday yet.
 */
export function birthdayNear(birthDate: string, today: string, days = CONGRATULATE_DAYS): string | null {
  const birth = String(birthDate ?? '');
  if (!ISO_DAY.test(birth) || birth >= today) return null;
  const next = nextAnniversary(birth, addDays(today, -days));
  return next.date <= addDays(today, days) && next.date > birth ? next.date : null;
}

/** The congratulation already marked for this birthday (on or after its window opened), or ''. */
export function congratulatedFor(birthday: string, congratulatedOn: string, days = CONGRATULATE_DAYS): string {
  const on = String(congratulatedOn ?? '').slice(0, 10);
  return ISO_DAY.test(on) && on >= addDays(birthday, -days) ? on : '';
}

/** How due the next step is: 'today', 'overdue' with the days late, or null (later, or no date). */
export function stepDue(nextStepOn: string, today: string): { state: 'today' | 'overdue'; late: number } | null {
  const n = daysFromToday(String(nextStepOn ?? ''), today);
  if (n === null || n > 0) return null;
  return n === 0 ? { state: 'today', late: 0 } : { state: 'overdue', late: -n };
}

/** The words beside a due step: 'due today' / '3 days overdue'. */
export function stepDueText(due: NonNullable<ReturnType<typeof stepDue>>, lang: Lang): string {
  return due.state === 'today'
    ? tr(lang, 'dueToday')
    : tr(lang, 'overdue', { n: due.late, days: daysWord(lang, due.late) });
}
