// Russian and English sentences of the Reminders use cases: switching on and off, who sends, run summaries.
import { fill } from '../domain/reminders/messages';
import type { Lang } from '../i18n';

const ru = {
  on: 'Напоминания включены: каждый день в {hour}:00 ({zone}), письма уходят от {sender}.',
  off: 'Напоминания выключены.',
  offElsewhere: 'Запуск у {sender} остановится сам в ближайший час рассылки.',
  saved: 'Настройки напоминаний сохранены.',
  hourElsewhere: 'Новый час вступит в силу после ближайшего запуска у {sender}.',
  sentBy: 'Напоминания уже отправляет {owner}. Чтобы письма уходили с вашего адреса, нажмите «Отправлять от меня».',
  anyone: 'владельца таблицы',
  sent: 'Отправлено писем клиентам: {n}.',
  nothingDue: 'Писем клиентам на сегодня нет.',
  skipped: 'Уже отправлены раньше: {n}.',
  failed: 'Почта не приняла: {n} — повторим при следующем запуске.',
  waiting: 'Ждут квоты писем: {n}.',
  dropped: 'Отменены: {n} (причины — в сводке и в листе «Журнал отправки»).',
  digestSent: 'Сводка отправлена: {to}.',
  digestAlready: 'Сводка сегодня уже отправлена.',
  digestWaiting: 'Сводка уйдёт, как только позволит квота писем.',
  continues: 'Остальное продолжится автоматически через минуту.',
  retryLater: 'Следующая попытка — через {minutes} мин.',
  mailError: 'Почтовый сервис ответил ошибкой: {error}',
  notSender: 'Этот запуск больше не отправляет напоминания: теперь их отправляет {owner}.',
  disabled: 'Напоминания выключены — плановый запуск снят.',
  tooManyRuns: 'Сегодня было уже {n} запусков — продолжу завтра.',
} as const;

export type RemindersTextKey = keyof typeof ru;

const en: Record<RemindersTextKey, string> = {
  on: 'Reminders are on: every day at {hour}:00 ({zone}), sent from {sender}.',
  off: 'Reminders are off.',
  offElsewhere: 'The run under {sender} stops by itself at its next hour.',
  saved: 'Reminder settings saved.',
  hourElsewhere: 'The new hour takes effect after the next run under {sender}.',
  sentBy: 'Reminders are already sent by {owner}. To send them from your address, click "Send from my account".',
  anyone: 'the spreadsheet owner',
  sent: 'Letters sent to clients: {n}.',
  nothingDue: 'No letters to clients today.',
  skipped: 'Already sent earlier: {n}.',
  failed: 'Refused by the mail service: {n} — they will be retried on the next run.',
  waiting: 'Waiting for mail quota: {n}.',
  dropped: 'Dropped: {n} (reasons in the digest and in the "Sent log" tab).',
  digestSent: 'Digest sent to {to}.',
  digestAlready: "Today's digest has already gone.",
  digestWaiting: 'The digest goes as soon as the mail quota allows.',
  continues: 'The rest continues by itself in a minute.',
  retryLater: 'Next attempt in {minutes} min.',
  mailError: 'The mail service answered with an error: {error}',
  notSender: 'This run no longer sends reminders: {owner} sends them now.',
  disabled: 'Reminders are off — the scheduled run was removed.',
  tooManyRuns: 'There have been {n} runs today already — continuing tomorrow.',
};

const catalogs: Record<Lang, Record<RemindersTextKey, string>> = { ru, en };

export function rt(lang: Lang, key: RemindersTextKey, params: Record<string, string | number> = {}): string {
  return fill(catalogs[lang][key], params);
}
