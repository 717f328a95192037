// Russian and English texts of the morning run: settings errors, template names and defaults, digest lines.
import type { Lang } from '../../i18n';

const ru = {
  'settings.unknownKey': 'Неизвестная настройка «{key}» — проверьте название',
  'settings.notObject': 'Настройки напоминаний передаются как объект { название: значение }',
  'settings.outOfRange': '{label}: нужно целое число от {min} до {max}',
  'settings.notBoolean': '{label}: нужно «да» или «нет» (true или false)',
  'settings.feb29': '{label}: выберите 28 февраля (feb28) или 1 марта (mar1)',
  'settings.notText': '{label}: нужен текст',
  'settings.tooLong': '{label}: не длиннее {max} символов',
  'settings.notList': '{label}: нужен список',
  'settings.unknownRule': '{label}: неизвестное правило «{value}» — можно birthday, appointment, renewal',
  'settings.badEmail': '{label}: «{value}» не похоже на адрес почты — пример: anna@example.ru',
  'settings.tooManyRecipients': '{label}: не больше {max} адресов',
  'settings.nothingToSend':
    'Чтобы включить напоминания, укажите хотя бы одного получателя сводки или правило писем клиентам',
  'template.unknownRule':
    'Шаблоны, строка {row}: неизвестное правило «{value}» — можно: День рождения, Напоминание о записи, Продление абонемента, Утренняя сводка',
  'template.duplicateRule': 'Шаблоны, строка {row}: второй шаблон «{value}» не используется — действует первый',
  'template.empty':
    'Шаблоны, строка {row}: у шаблона «{value}» пустая тема или текст — пока действует шаблон по умолчанию',
  'template.unknownPlaceholder':
    'Шаблоны, строка {row}: неизвестная подстановка {{{value}}} — в письме она будет пустой',
  'template.greeting': 'Здравствуйте, {name}!',
  'journal.letter': 'Письмо ({rule}): «{subject}»',
} as const;

export type ReminderMessageKey = keyof typeof ru;

const en: Record<ReminderMessageKey, string> = {
  'settings.unknownKey': 'Unknown setting "{key}" — check the name',
  'settings.notObject': 'Reminder settings are passed as an object { name: value }',
  'settings.outOfRange': '{label}: a whole number from {min} to {max}',
  'settings.notBoolean': '{label}: must be on or off (true or false)',
  'settings.feb29': '{label}: choose 28 February (feb28) or 1 March (mar1)',
  'settings.notText': '{label}: must be text',
  'settings.tooLong': '{label}: {max} characters at most',
  'settings.notList': '{label}: must be a list',
  'settings.unknownRule': '{label}: unknown rule "{value}" — use birthday, appointment, renewal',
  'settings.badEmail': '{label}: "{value}" does not look like an email address — e.g. anna@example.com',
  'settings.tooManyRecipients': '{label}: {max} addresses at most',
  'settings.nothingToSend':
    'To switch reminders on, add at least one digest recipient or one rule that writes to clients',
  'template.unknownRule':
    'Templates, row {row}: unknown rule "{value}" — use Birthday, Appointment reminder, Renewal offer, Morning digest',
  'template.duplicateRule': 'Templates, row {row}: a second "{value}" template is not used — the first one is',
  'template.empty':
    'Templates, row {row}: "{value}" has an empty subject or text — the default template is used for now',
  'template.unknownPlaceholder':
    'Templates, row {row}: unknown placeholder {{{value}}} — it will be empty in the letter',
  'template.greeting': 'Dear {name},',
  'journal.letter': 'Email ({rule}): "{subject}"',
};

const catalogs: Record<Lang, Record<ReminderMessageKey, string>> = { ru, en };

/** Labels of the settings, as the sidebar shows them and errors name them. */
export const SETTING_LABELS: Record<Lang, Record<string, string>> = {
  ru: {
    enabled: 'Напоминания включены',
    hour: 'Час утренней рассылки',
    recipients: 'Получатели сводки',
    birthdayDaysAhead: 'Дни рождения: на сколько дней вперёд',
    renewalDaysAhead: 'Окончание абонементов: на сколько дней вперёд',
    clientRules: 'Письма клиентам',
    feb29: 'День рождения 29 февраля в невисокосный год',
    renewalOfferDaysBefore: 'Предложение продлить: за сколько дней',
    maxGreetingDelayDays: 'Поздравление можно отправить с опозданием не больше чем на (дней)',
    digestQuotaReserve: 'Запас квоты писем для сводки',
    senderName: 'Подпись и имя отправителя',
  },
  en: {
    enabled: 'Reminders on',
    hour: 'Hour of the morning run',
    recipients: 'Digest recipients',
    birthdayDaysAhead: 'Birthdays: days ahead',
    renewalDaysAhead: 'Subscriptions ending: days ahead',
    clientRules: 'Letters to clients',
    feb29: 'A 29 February birthday in a common year',
    renewalOfferDaysBefore: 'Renewal offer: days before the end',
    maxGreetingDelayDays: 'A greeting may still go at most this many days late',
    digestQuotaReserve: 'Mail quota kept for the digest',
    senderName: 'Signature and sender name',
  },
};

/** The sentence for key in lang with {params} filled in ({label} defaults to the label of {key}). */
export function reminderMessage(lang: Lang, key: ReminderMessageKey, params: Record<string, string | number> = {}) {
  const all: Record<string, string | number> = { ...params };
  if (all.label === undefined && typeof all.key === 'string') all.label = SETTING_LABELS[lang][all.key] ?? all.key;
  return fill(catalogs[lang][key], all);
}

/** A text with its {name} placeholders filled from params (unknown names stay as they are). */
export function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Special placeholders (besides field keys and headers), by their names in both languages. */
export type PlaceholderKey = 'name' | 'greeting' | 'appointmentDate' | 'appointmentTime' | 'age' | 'sender' | 'today';
export const PLACEHOLDER_NAMES: Record<PlaceholderKey, readonly string[]> = {
  name: ['Имя', 'Обращение', 'First name', 'Name', 'Salutation'],
  greeting: ['Приветствие', 'Greeting'],
  appointmentDate: ['Дата приема', 'Дата приёма', 'Дата записи', 'Дата визита', 'Appointment date'],
  appointmentTime: ['Время приема', 'Время приёма', 'Время записи', 'Время визита', 'Appointment time'],
  age: ['Возраст', 'Age'],
  sender: ['Отправитель', 'Подпись', 'Sender', 'Signature'],
  today: ['Дата', 'Сегодня', 'Date', 'Today'],
};

/** What a greeting line becomes when the client's name is unknown. */
export const GREETING_FALLBACK: Record<Lang, string> = { ru: 'Здравствуйте!', en: 'Hello,' };
/** The signature when no sender name is set. */
export const SENDER_FALLBACK: Record<Lang, string> = { ru: 'Ваша команда', en: 'Your team' };

export const TEMPLATE_RULE_LABELS: Record<Lang, Record<'birthday' | 'appointment' | 'renewal' | 'digest', string>> = {
  ru: {
    birthday: 'День рождения',
    appointment: 'Напоминание о записи',
    renewal: 'Продление абонемента',
    digest: 'Утренняя сводка',
  },
  en: { birthday: 'Birthday', appointment: 'Appointment reminder', renewal: 'Renewal offer', digest: 'Morning digest' },
};

type Tpl = { subject: string; body: string };
export const DEFAULT_TEMPLATES: Record<Lang, Record<'birthday' | 'appointment' | 'renewal' | 'digest', Tpl>> = {
  ru: {
    birthday: {
      subject: '{{Имя}}, с днём рождения!',
      body: [
        'Здравствуйте, {{Имя}}!',
        '',
        'От всей нашей команды поздравляем вас с днём рождения! Желаем крепкого здоровья, хорошего настроения и побольше поводов для радости.',
        '',
        'Будем рады видеть вас снова.',
        '',
        'С теплом,',
        '{{Отправитель}}',
      ].join('\n'),
    },
    appointment: {
      subject: 'Напоминаем о записи на {{Дата приема}}',
      body: [
        'Здравствуйте, {{Имя}}!',
        '',
        'Напоминаем, что ждём вас завтра, {{Дата приема}}.',
        'Время: {{Время приема}}',
        'Что запланировано: {{Что на записи}}',
        '',
        'Если планы изменились, позвоните нам или просто ответьте на это письмо — подберём другое время.',
        '',
        'До встречи!',
        '{{Отправитель}}',
      ].join('\n'),
    },
    renewal: {
      subject: '{{Имя}}, ваш абонемент действует до {{Абонемент до}}',
      body: [
        'Здравствуйте, {{Имя}}!',
        '',
        'Ваш абонемент действует до {{Абонемент до}}. Чтобы не было перерыва, его можно продлить заранее: просто ответьте на это письмо или позвоните нам — всё оформим.',
        '',
        'Спасибо, что вы с нами!',
        '{{Отправитель}}',
      ].join('\n'),
    },
    digest: {
      subject: 'Картотека: план на {{Дата}}',
      body: 'Доброе утро! Вот что сегодня в базе клиентов.',
    },
  },
  en: {
    birthday: {
      subject: 'Happy birthday, {{First name}}!',
      body: [
        'Dear {{First name}},',
        '',
        'Happy birthday from all of us! We wish you good health, a wonderful year ahead and plenty of reasons to smile.',
        '',
        'We always look forward to seeing you.',
        '',
        'Warm wishes,',
        '{{Sender}}',
      ].join('\n'),
    },
    appointment: {
      subject: 'A reminder of your appointment on {{Appointment date}}',
      body: [
        'Dear {{First name}},',
        '',
        'Just a reminder that we are expecting you tomorrow, {{Appointment date}}.',
        'Time: {{Appointment time}}',
        'Planned: {{Appointment for}}',
        '',
        'If your plans have changed, give us a call or simply reply to this email and we will find another time.',
        '',
        'See you soon,',
        '{{Sender}}',
      ].join('\n'),
    },
    renewal: {
      subject: 'Your subscription runs until {{Subscription ends}}',
      body: [
        'Dear {{First name}},',
        '',
        'Your subscription runs until {{Subscription ends}}. To keep it going without a break, you can renew it now — just reply to this email or give us a call and we will take care of the rest.',
        '',
        'Thank you for being with us!',
        '{{Sender}}',
      ].join('\n'),
    },
    digest: {
      subject: 'Kartoteka: your day, {{Date}}',
      body: 'Good morning! Here is what is on today.',
    },
  },
};

/** Russian plural: one (1, 21), few (2–4, 22–24), many (0, 5–20, 25…). */
export function plural(lang: Lang, n: number, forms: { ru: [string, string, string]; en: [string, string] }): string {
  if (lang === 'en') return n === 1 ? forms.en[0] : forms.en[1];
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return forms.ru[2];
  if (b === 1) return forms.ru[0];
  if (b >= 2 && b <= 4) return forms.ru[1];
  return forms.ru[2];
}

export const DAYS = { ru: ['день', 'дня', 'дней'], en: ['day', 'days'] } as {
  ru: [string, string, string];
  en: [string, string];
};
export const YEARS = { ru: ['год', 'года', 'лет'], en: ['year', 'years'] } as {
  ru: [string, string, string];
  en: [string, string];
};
export const LETTERS = { ru: ['письмо', 'письма', 'писем'], en: ['letter', 'letters'] } as {
  ru: [string, string, string];
  en: [string, string];
};

/** How the Sent log tab shows each state. */
export const SEND_STATE_LABELS: Record<Lang, Record<'pending' | 'sent' | 'failed' | 'deferred' | 'dropped', string>> = {
  ru: { pending: 'отправляется', sent: 'отправлено', failed: 'ошибка', deferred: 'отложено', dropped: 'отменено' },
  en: { pending: 'sending', sent: 'sent', failed: 'failed', deferred: 'deferred', dropped: 'dropped' },
};

export const RULE_LABELS: Record<
  Lang,
  Record<'birthday' | 'appointment' | 'renewal' | 'nextStep' | 'gesture', string>
> = {
  ru: {
    birthday: 'поздравление с днём рождения',
    appointment: 'напоминание о записи',
    renewal: 'предложение продлить',
    nextStep: 'следующий шаг',
    gesture: 'знак внимания',
  },
  en: {
    birthday: 'birthday greeting',
    appointment: 'appointment reminder',
    renewal: 'renewal offer',
    nextStep: 'next step',
    gesture: 'planned gesture',
  },
};

export const EXCLUSION_LABELS: Record<
  Lang,
  Record<'noEmail' | 'invalidEmail' | 'unsubscribed' | 'noConsent', string>
> = {
  ru: {
    noEmail: 'нет адреса почты',
    invalidEmail: 'адрес почты не читается',
    unsubscribed: 'отписался от писем',
    noConsent: 'нет согласия на рассылку (дата в «Согласие на рассылку»)',
  },
  en: {
    noEmail: 'no email address',
    invalidEmail: 'the email address cannot be read',
    unsubscribed: 'unsubscribed',
    noConsent: 'no consent to emails (a date in "Email consent on")',
  },
};

export const DROP_LABELS: Record<
  Lang,
  Record<'tooLate' | 'noLongerDue' | 'failedTooOften' | 'quotaExhausted', string>
> = {
  ru: {
    tooLate: 'не ушло вовремя, отправлять поздно',
    noLongerDue: 'больше не нужно: данные клиента изменились',
    failedTooOften: 'почта не приняла письмо несколько раз',
    quotaExhausted: 'не хватило дневной квоты писем, а позже отправлять уже поздно',
  },
  en: {
    tooLate: 'did not go out in time and it is too late now',
    noLongerDue: 'no longer needed: the client’s data changed',
    failedTooOften: 'the mail service refused it several times',
    quotaExhausted: 'the daily mail quota ran out and later would be too late',
  },
};

export const PROBLEM_LABELS: Record<
  Lang,
  Record<'unreadableDate' | 'invalidEmail' | 'missingId' | 'duplicateId', string>
> = {
  ru: {
    unreadableDate: 'не читается дата',
    invalidEmail: 'не читается адрес почты',
    missingId: 'нет ID клиента — писем по этой строке не будет, пока ID не появится',
    duplicateId: 'такой ID уже есть выше — писем по этой строке не будет',
  },
  en: {
    unreadableDate: 'the date cannot be read',
    invalidEmail: 'the email address cannot be read',
    missingId: 'no client ID — no letters for this row until it gets one',
    duplicateId: 'this ID is already used above — no letters for this row',
  },
};

export const DIGEST_TEXT = {
  ru: {
    birthdaysToday: 'Дни рождения сегодня',
    birthdaysSoon: 'Дни рождения в ближайшие {n} {days}',
    appointments: 'Завтра записаны',
    renewals: 'Заканчиваются абонементы и договоры',
    nextSteps: 'Следующие шаги на сегодня и просроченные',
    gestures: 'Знаки внимания',
    mail: 'Письма клиентам',
    problems: 'Строки, которые не удалось прочитать',
    stale: 'Письма без подтверждения отправки',
    usage: 'Заполненность таблицы',
    nothing: 'Сегодня ничего срочного.',
    more: '…и ещё {n}',
    today: 'сегодня',
    tomorrow: 'завтра',
    inDays: 'через {n} {days}',
    overdue: 'просрочено на {n} {days}',
    late: 'с опозданием на {n} {days}',
    noOne: 'Без ответственного',
    row: 'строка {row}',
    sent: 'Отправлено сегодня: {n} {letters}',
    waiting: 'Ждут следующего запуска (не хватило квоты писем): {n}',
    failed: 'Не удалось отправить, повторим при следующем запуске: {n}',
    dropped: 'Не отправлены',
    excluded: 'Не получат письмо (нет согласия, отписались или нет адреса): {n}',
    staleHint:
      'Отправка этих писем началась, но не подтвердилась — возможно, письмо ушло. Проверьте папку «Отправленные»; если письма там нет, поставьте в листе «Журнал отправки» состояние «ошибка» — и оно уйдёт при следующем запуске.',
    staleLine: '{rule} на {date}, отправка начата {at}',
    usageLine: 'Использовано {used} из {limit} ячеек ({percent}%).',
    usageWarn:
      'Google не даёт таблице вырасти больше 10 млн ячеек — после этого новые строки перестанут добавляться. Перенесите старые строки журнала в архивную копию таблицы и удалите пустые строки и столбцы в конце листов.',
    problemLine: '{field}: {problem}',
  },
  en: {
    birthdaysToday: 'Birthdays today',
    birthdaysSoon: 'Birthdays in the next {n} {days}',
    appointments: 'Appointments tomorrow',
    renewals: 'Subscriptions and contracts ending',
    nextSteps: 'Next steps due today and overdue',
    gestures: 'Planned gestures',
    mail: 'Letters to clients',
    problems: 'Rows that could not be read',
    stale: 'Letters not confirmed as sent',
    usage: 'How full the spreadsheet is',
    nothing: 'Nothing urgent today.',
    more: '…and {n} more',
    today: 'today',
    tomorrow: 'tomorrow',
    inDays: 'in {n} {days}',
    overdue: 'overdue by {n} {days}',
    late: '{n} {days} late',
    noOne: 'No one assigned',
    row: 'row {row}',
    sent: 'Sent today: {n} {letters}',
    waiting: 'Waiting for the next run (the mail quota ran out): {n}',
    failed: 'Could not be sent, will retry on the next run: {n}',
    dropped: 'Not sent',
    excluded: 'Will not get a letter (no consent, unsubscribed or no address): {n}',
    staleHint:
      'Sending these letters started but was never confirmed — they may have gone out. Check your Sent folder; if a letter is not there, set its state to "failed" in the "Sent log" tab and it will go on the next run.',
    staleLine: '{rule} for {date}, sending started {at}',
    usageLine: '{used} of {limit} cells used ({percent}%).',
    usageWarn:
      'Google stops a spreadsheet at 10 million cells — after that new rows can no longer be added. Move old journal rows to an archive copy of the spreadsheet and delete empty rows and columns at the end of the tabs.',
    problemLine: '{field}: {problem}',
  },
} satisfies Record<Lang, Record<string, string>>;

/** A digest text with {params} filled in. */
export function digestText(
  lang: Lang,
  key: keyof (typeof DIGEST_TEXT)['ru'],
  params: Record<string, string | number> = {},
) {
  return fill(DIGEST_TEXT[lang][key], params);
}
