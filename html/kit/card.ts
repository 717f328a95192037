// Pure helpers of the client card: timeline order and the sentences about birthdays and the last contact.
import { addDays } from '../../src/domain/normalize/date';
import type { ClientCard, JournalEntry } from '../../src/shared/api';
import type { DateStyle } from './dates';
import { formatDay } from './dates';
import { daysWord, type Lang, tr } from './i18n';

/** Newest first; entries of the same moment keep the journal's order, later rows first. */
export function newestFirst(journal: JournalEntry[]): JournalEntry[] {
  return [...journal].sort((a, b) => (a.at === b.at ? b.row - a.row : a.at < b.at ? 1 : -1));
}

export function birthdayLine(card: ClientCard, lang: Lang, style: DateStyle): string {
  const { birthdayInDays: n, turnsAge: age } = card.facts;
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
