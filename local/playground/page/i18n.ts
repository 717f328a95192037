// What the playground itself says, in the sheet's language (the server sets <html lang> from the spreadsheet locale).
import type { Problem } from '../workbook';

export type Lang = 'ru' | 'en';

export const lang: Lang = document.documentElement.lang.startsWith('ru') ? 'ru' : 'en';

/** BCP 47 tag for Intl formatting in the sheet's language. */
export const intlLocale = lang === 'ru' ? 'ru-RU' : 'en-US';

const RU = {
  playground: 'песочница',
  starting: 'Запускаем Картотеку…',
  running: 'Выполняется…',
  nextMorning: 'Следующее утро, 9:00',
  plusHour: '+1 час',
  plusDay: '+1 день',
  clockTitle: (zone: string) => `Виртуальное время в часовом поясе ${zone}`,
  user: 'Пользователь',
  outbox: (n: number) => `Исходящие (${n})`,
  download: 'Скачать .xlsx',
  upload: 'Загрузить файл',
  uploadTitle: 'Новый лист из файла .csv или .xlsx, затем импорт клиентов',
  uploadTooBig: (kb: number) => `Файл больше ${kb} КБ — в песочнице так не загрузить`,
  triggers: (n: number) => `Триггеры (${n})`,
  closeSidebar: 'Закрыть боковую панель',
  closeDialog: 'Закрыть окно',
  closeOutbox: 'Закрыть исходящие',
  closeTriggers: 'Закрыть журнал триггеров',
  close: 'Закрыть',
  sidebar: 'Боковая панель',
  dialog: 'Диалоговое окно',
  ok: 'ОК',
  cancel: 'Отмена',
  problem: 'Возникла проблема',
  scriptAnswered: (button: string) => `Скрипт продолжил работу, как если бы вы нажали «${button}».`,
  buttons: { OK: 'ОК', YES: 'Да', NO: 'Нет', CANCEL: 'Отмена', CLOSE: 'Закрыть' } as Record<string, string>,
  validation: (cell: string) =>
    `Данные, введенные в ячейку ${cell}, нарушают правила проверки данных, установленные для этой ячейки.`,
  protectedCell:
    'Вы пытаетесь изменить защищенную ячейку или объект. Если вам нужно внести изменения, попросите владельца таблицы снять защиту.',
  headsUp: 'Внимание!',
  warningOnly: 'Вы пытаетесь изменить часть листа, которую не следует менять случайно. Все равно изменить?',
  // Outbox
  outboxTitle: 'Исходящие',
  sent: (n: number) => `отправлено: ${n}`,
  noMail: 'Писем пока не было.',
  noSubject: '(без темы)',
  to: 'кому',
  from: 'от',
  scriptOwner: '(владелец скрипта)',
  toLabel: 'Кому',
  fromLabel: 'От',
  emailBody: 'Текст письма',
  emailFormat: 'Вид письма',
  plainText: 'Простой текст',
  // Grid
  loading: 'Загрузка…',
  chooseValue: 'Выбрать значение',
  renameTab: 'Дважды щелкните, чтобы переименовать',
  tabName: 'Название листа',
  insertRowAbove: 'Вставить строку выше',
  insertRowBelow: 'Вставить строку ниже',
  deleteRow: (n: number) => `Удалить строку ${n}`,
  insertColumnLeft: 'Вставить столбец слева',
  insertColumnRight: 'Вставить столбец справа',
  deleteColumn: (c: string) => `Удалить столбец ${c}`,
  sortAZ: 'Сортировать лист от А до Я',
  sortZA: 'Сортировать лист от Я до А',
  // Triggers
  triggersTitle: 'Триггеры',
  triggersRan: 'Сработали триггеры',
  noTriggersDue: 'Ни один триггер не наступил.',
  noTriggerRuns: 'Триггеры еще не срабатывали.',
  triggerFailed: 'Триггер завершился с ошибкой',
  triggerKind: { clock: 'по времени', installable: 'устанавливаемый', simple: 'простой' } as Record<string, string>,
  asUser: (owner: string) => `от имени ${owner}`,
  completed: 'выполнено',
  seconds: 'с',
  failed: 'ошибка',
  notSaved: (why: string) => `Изменения не сохраняются в файл — после перезапуска их не будет. Причина: ${why}`,
};

const EN: typeof RU = {
  playground: 'playground',
  starting: 'Starting Kartoteka…',
  running: 'Running…',
  nextMorning: 'Next morning 9:00',
  plusHour: '+1 hour',
  plusDay: '+1 day',
  clockTitle: (zone: string) => `Virtual time in ${zone}`,
  user: 'User',
  outbox: (n: number) => `Outbox (${n})`,
  download: 'Download .xlsx',
  upload: 'Upload a file',
  uploadTitle: 'A new tab from a .csv or .xlsx file, then Import clients',
  uploadTooBig: (kb: number) => `The file is larger than ${kb} KB, too large for the playground`,
  triggers: (n: number) => `Triggers (${n})`,
  closeSidebar: 'Close sidebar',
  closeDialog: 'Close dialog',
  closeOutbox: 'Close outbox',
  closeTriggers: 'Close trigger log',
  close: 'Close',
  sidebar: 'Sidebar',
  dialog: 'Dialog',
  ok: 'OK',
  cancel: 'Cancel',
  problem: 'There was a problem',
  scriptAnswered: (button: string) => `The script went on as if you pressed ${button}.`,
  buttons: { OK: 'OK', YES: 'Yes', NO: 'No', CANCEL: 'Cancel', CLOSE: 'Close' },
  validation: (cell: string) =>
    `The data you entered in cell ${cell} violates the data validation rules set on this cell.`,
  protectedCell:
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  headsUp: 'Heads up!',
  warningOnly: "You're trying to edit part of this sheet that shouldn't be changed accidentally. Edit anyway?",
  outboxTitle: 'Outbox',
  sent: (n: number) => `${n} sent`,
  noMail: 'No emails sent yet.',
  noSubject: '(no subject)',
  to: 'to',
  from: 'from',
  scriptOwner: '(script owner)',
  toLabel: 'To',
  fromLabel: 'From',
  emailBody: 'Email body',
  emailFormat: 'Letter format',
  plainText: 'Plain text',
  loading: 'Loading…',
  chooseValue: 'Choose a value',
  renameTab: 'Double-click to rename',
  tabName: 'Sheet name',
  insertRowAbove: 'Insert 1 row above',
  insertRowBelow: 'Insert 1 row below',
  deleteRow: (n: number) => `Delete row ${n}`,
  insertColumnLeft: 'Insert 1 column left',
  insertColumnRight: 'Insert 1 column right',
  deleteColumn: (c: string) => `Delete column ${c}`,
  sortAZ: 'Sort sheet A to Z',
  sortZA: 'Sort sheet Z to A',
  triggersTitle: 'Triggers',
  triggersRan: 'Triggers ran',
  noTriggersDue: 'No trigger came due.',
  noTriggerRuns: 'No trigger has run yet.',
  triggerFailed: 'A trigger failed',
  triggerKind: { clock: 'time-driven', installable: 'installable', simple: 'simple' },
  asUser: (owner: string) => `as ${owner}`,
  completed: 'completed',
  seconds: 's',
  failed: 'failed',
  notSaved: (why: string) => `Changes are not being saved to the file and will be gone after a restart. Why: ${why}`,
};

export const t = lang === 'ru' ? RU : EN;

/** A refusal the server described, worded as Sheets does in the sheet's language. */
export function problemText(problem: Problem | undefined, fallback: string): string {
  if (!problem) return fallback;
  if (problem.kind === 'protected') return t.protectedCell;
  return problem.help ? `${t.validation(problem.cell)} ${problem.help}` : t.validation(problem.cell);
}

/** A date and time as the sheet's language writes it, in the sheet's zone. */
// 16.03.2026, 09:00 in Russian; 3/16/2026, 9:00 AM in English.
const digits = lang === 'ru' ? '2-digit' : 'numeric';

export function dateTime(iso: string, timeZone: string, weekday = false): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(intlLocale, {
    timeZone,
    ...(weekday ? { weekday: 'short' } : {}),
    year: 'numeric',
    month: digits,
    day: digits,
    hour: digits,
    minute: '2-digit',
  }).format(new Date(iso));
}

export function time(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale, { timeZone, hour: digits, minute: '2-digit' }).format(new Date(iso));
}
