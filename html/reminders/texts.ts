// The Reminders sidebar's own Russian and English texts, and the sentence saying why a letter goes today.
import { CLIENT_FIELDS } from '../../src/domain/fields';
import { plural, SETTING_LABELS, YEARS } from '../../src/domain/reminders/messages';
import type { Lang } from '../../src/i18n';
import type { LetterStatus, PreviewLetter } from '../../src/shared/reminders';

const ru = {
  on: 'Включены: каждый день в {hour} ({zone})',
  off: 'Выключены',
  from: 'Письма уходят от {sender}',
  fromMe: 'Письма уходят от вас ({sender})',
  takeOverHint: 'Напоминания отправляет {sender}. Вы можете отправлять их со своего адреса вместо него.',
  turnOn: 'Включить',
  turnOff: 'Выключить',
  takeOver: 'Отправлять от меня',
  settings: 'Настройки',
  more: 'Дополнительно',
  hour: 'Час рассылки',
  recipientsHint: 'Каждый адрес с новой строки или через запятую',
  rules: 'Письма клиентам (только с согласием)',
  save: 'Сохранить',
  saved: 'Сохранено',
  feb28: '28 февраля',
  mar1: '1 марта',
  today: 'Сегодня',
  preview: 'Что уйдёт сегодня',
  runNow: 'Запустить сейчас',
  running: 'Идёт рассылка…',
  planning: 'Читаю базу и составляю план…',
  sending: 'Отправлено {sent} из {total}…',
  digest: 'Отправляю сводку…',
  noLetters: 'Сегодня писем клиентам нет.',
  letters: 'Письма клиентам: {n}',
  moreLetters: '…и ещё {n}',
  excluded: 'Не получат письмо: {n}',
  dropped: 'Отменены: {n}',
  digestTitle: 'Сводка команде → {to}',
  noDigest: 'Сводка сегодня уже ушла или получателей нет.',
  quota: 'Осталось квоты писем на сегодня: {n}',
  rowProblems: 'Строк, которые не удалось прочитать: {n} (они будут в сводке)',
  problems: 'Что стоит поправить',
  lastRun: 'Последний запуск {at}: {message}',
  missing: 'Нет данных для: {fields} — подставлено по умолчанию',
  row: 'строка {row}',
  birthday: 'день рождения {date}',
  birthdayAge: 'день рождения {date}, {age} {years}',
  birthdayLate: 'день рождения был {date}, поздравление с опозданием',
  appointment: 'запись завтра, {date}',
  appointmentAt: 'запись завтра, {date} в {time}',
  renewal: 'абонемент до {date}',
  'status.send': 'уйдёт',
  'status.wait': 'ждёт квоты',
  'status.sent': 'уже отправлено',
  'status.sending': 'отправляется',
  'status.unconfirmed': 'без подтверждения',
  'status.retry': 'повтор',
};

type Key = keyof typeof ru;

const en: Record<Key, string> = {
  on: 'On: every day at {hour} ({zone})',
  off: 'Off',
  from: 'Letters go from {sender}',
  fromMe: 'Letters go from you ({sender})',
  takeOverHint: '{sender} sends the reminders. You can send them from your address instead.',
  turnOn: 'Turn on',
  turnOff: 'Turn off',
  takeOver: 'Send from my account',
  settings: 'Settings',
  more: 'More',
  hour: 'Hour of the run',
  recipientsHint: 'One address per line, or separated by commas',
  rules: 'Letters to clients (only with consent)',
  save: 'Save',
  saved: 'Saved',
  feb28: '28 February',
  mar1: '1 March',
  today: 'Today',
  preview: 'What will be sent today',
  runNow: 'Run now',
  running: 'Sending…',
  planning: 'Reading the database and planning…',
  sending: 'Sent {sent} of {total}…',
  digest: 'Sending the digest…',
  noLetters: 'No letters to clients today.',
  letters: 'Letters to clients: {n}',
  moreLetters: '…and {n} more',
  excluded: 'Will not get a letter: {n}',
  dropped: 'Dropped: {n}',
  digestTitle: 'Team digest → {to}',
  noDigest: "Today's digest has gone already, or there are no recipients.",
  quota: 'Mail quota left today: {n}',
  rowProblems: 'Rows that could not be read: {n} (listed in the digest)',
  problems: 'Worth fixing',
  lastRun: 'Last run {at}: {message}',
  missing: 'No data for: {fields} — defaults used',
  row: 'row {row}',
  birthday: 'birthday {date}',
  birthdayAge: 'birthday {date}, turns {age}',
  birthdayLate: 'birthday was {date}, a belated greeting',
  appointment: 'appointment tomorrow, {date}',
  appointmentAt: 'appointment tomorrow, {date} at {time}',
  renewal: 'subscription ends {date}',
  'status.send': 'goes',
  'status.wait': 'waits for quota',
  'status.sent': 'sent already',
  'status.sending': 'sending',
  'status.unconfirmed': 'not confirmed',
  'status.retry': 'retry',
};

export function rt(lang: Lang, key: Key, params: Record<string, string | number> = {}): string {
  return (lang === 'ru' ? ru : en)[key].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Why the letter goes today, in a few words. */
export function why(lang: Lang, l: PreviewLetter): string {
  if (l.rule === 'birthday') {
    if (l.inDays < 0) return rt(lang, 'birthdayLate', { date: l.date });
    if (!l.age) return rt(lang, 'birthday', { date: l.date });
    return rt(lang, 'birthdayAge', { date: l.date, age: l.age, years: plural(lang, l.age, YEARS) });
  }
  if (l.rule === 'appointment')
    return l.time
      ? rt(lang, 'appointmentAt', { date: l.date, time: l.time })
      : rt(lang, 'appointment', { date: l.date });
  return rt(lang, 'renewal', { date: l.date });
}

const SPECIALS: Record<Lang, Record<string, string>> = {
  ru: { name: 'имя', age: 'возраст', appointmentDate: 'дата записи', appointmentTime: 'время записи', today: 'дата' },
  en: { name: 'first name', age: 'age', appointmentDate: 'appointment date', appointmentTime: 'time', today: 'date' },
};

/** A placeholder reported missing, as people know it: a column's header, or what the placeholder stands for. */
export function missingLabel(lang: Lang, key: string): string {
  if (key === 'sender') return SETTING_LABELS[lang].senderName;
  return SPECIALS[lang][key] ?? CLIENT_FIELDS.find((f) => f.key === key)?.header[lang] ?? key;
}

export function statusText(lang: Lang, s: LetterStatus): string {
  return rt(lang, `status.${s}` as Key);
}
