// The database schema as data: every tab's fields with their stable keys, types, localized headers and rules.
import type { Lang } from '../i18n';

export type FieldType =
  | 'id'
  | 'text'
  | 'longtext'
  | 'phone'
  | 'email'
  | 'date'
  | 'datetime'
  | 'amount'
  | 'count'
  | 'choice'
  | 'tags';

/** Settings lists that feed dropdowns. */
export type ListKey =
  | 'services'
  | 'channels'
  | 'staff'
  | 'stages'
  | 'contactTypes'
  | 'lostReasons'
  | 'preferredChannels'
  | 'frequencies'
  | 'paymentStatuses';

export type FieldGroup = 'reference' | 'interaction' | 'relationship' | 'funnel' | 'derived' | 'system';

export interface FieldDef {
  key: string;
  type: FieldType;
  header: Record<Lang, string>;
  /** Other header spellings recognised when an existing sheet is adopted. */
  aliases?: string[];
  group: FieldGroup;
  /** Dropdown source for choice fields. */
  list?: ListKey;
  /** Kept by Kartoteka (derived or ID): protected, never accepted from input. */
  computed?: boolean;
  required?: boolean;
  width?: number;
}

/** A tab's stable key: its developer-metadata tag, the key of the tab registry (src/domain/tabs.ts). */
export type TabKey = string;

/** A tab of records: one row per record, one column per field. */
export interface TabDef {
  key: TabKey;
  name: Record<Lang, string>;
  fields: FieldDef[];
}

const f = (
  key: string,
  type: FieldType,
  ru: string,
  en: string,
  group: FieldGroup,
  extra: Partial<FieldDef> = {},
): FieldDef => ({ key, type, header: { ru, en }, group, ...extra });

/**
 * Clients: one row per client. The block stage…nextStepOn is contiguous on purpose: logging a contact reads and
 * writes that one rectangle of the client's row (stage, totals, milestones, ID, next step) in one call each way.
 */
export const CLIENT_FIELDS: FieldDef[] = [
  f('fullName', 'text', 'ФИО', 'Full name', 'reference', {
    required: true,
    width: 220,
    aliases: ['клиент', 'фио клиента', 'ф.и.о.', 'имя', 'пациент', 'name', 'client', 'client name'],
  }),
  f('phone', 'phone', 'Телефон', 'Phone', 'reference', { width: 140, aliases: ['тел', 'тел.', 'мобильный', 'mobile'] }),
  f('email', 'email', 'Email', 'Email', 'reference', { width: 180, aliases: ['e-mail', 'эл. почта', 'почта', 'mail'] }),
  f('stage', 'choice', 'Стадия', 'Stage', 'funnel', { list: 'stages', width: 120, aliases: ['этап', 'статус'] }),
  f('purchases', 'count', 'Покупок', 'Purchases', 'derived', { computed: true, width: 80 }),
  f('totalSpent', 'amount', 'Сумма покупок', 'Total spent', 'derived', { computed: true, width: 110 }),
  f('lastContactOn', 'date', 'Последний контакт', 'Last contact', 'derived', { computed: true, width: 110 }),
  f('lastPurchaseOn', 'date', 'Последняя покупка', 'Last purchase', 'derived', { computed: true, width: 110 }),
  f('frequency', 'choice', 'Частота', 'Frequency', 'derived', { computed: true, list: 'frequencies', width: 100 }),
  f('loyaltyPoints', 'count', 'Баллы', 'Loyalty points', 'derived', { computed: true, width: 70 }),
  f('servicesBought', 'text', 'Купленные услуги', 'Services bought', 'derived', { computed: true, width: 180 }),
  f('firstContactOn', 'date', 'Первый контакт', 'First contact', 'funnel', {
    width: 110,
    aliases: ['дата первого контакта', 'дата первого обращения', 'date of first contact'],
  }),
  f('visitOn', 'date', 'Первый визит', 'First visit', 'funnel', { width: 110 }),
  f('firstPurchaseOn', 'date', 'Первая покупка', 'First purchase', 'funnel', { width: 110 }),
  f('lostReason', 'choice', 'Причина отказа', 'Lost reason', 'funnel', { list: 'lostReasons', width: 140 }),
  f('id', 'id', 'ID', 'ID', 'system', { computed: true, width: 90, aliases: ['код клиента', 'client id'] }),
  f('nextStep', 'text', 'Следующий шаг', 'Next step', 'interaction', { width: 160 }),
  f('nextStepOn', 'date', 'Дата шага', 'Next step on', 'interaction', { width: 110 }),
  f('source', 'choice', 'Источник', 'Source', 'interaction', {
    list: 'channels',
    width: 140,
    aliases: ['откуда пришел', 'откуда пришёл', 'канал', 'рекламный канал', 'where from', 'channel', 'lead source'],
  }),
  f('interest', 'choice', 'Услуга (первый запрос)', 'Service asked for', 'interaction', {
    list: 'services',
    width: 160,
    aliases: ['услуга', 'причина обращения', 'повод первого визита', 'reason for first visit', 'service'],
  }),
  f('responsible', 'choice', 'Ответственный', 'Responsible', 'interaction', {
    list: 'staff',
    width: 140,
    aliases: ['врач', 'доктор', 'менеджер', 'doctor', 'manager', 'owner'],
  }),
  f('nextAppointmentOn', 'datetime', 'Следующая запись', 'Next appointment', 'interaction', {
    width: 130,
    aliases: ['дата следующей записи', 'дата следующего приема', 'дата следующего приёма', 'next visit'],
  }),
  f('nextAppointmentWork', 'text', 'Что на записи', 'Appointment for', 'interaction', {
    width: 180,
    aliases: ['работы на следующем приеме', 'работы на следующем приёме', 'planned work'],
  }),
  f('subscriptionEndsOn', 'date', 'Абонемент до', 'Subscription ends', 'interaction', {
    width: 110,
    aliases: ['окончание абонемента', 'договор до', 'contract ends'],
  }),
  f('paymentStatus', 'choice', 'Оплата', 'Payment status', 'interaction', { list: 'paymentStatuses', width: 110 }),
  f('birthDate', 'date', 'Дата рождения', 'Birth date', 'reference', {
    width: 110,
    aliases: ['день рождения', 'др', 'birthday', 'date of birth', 'dob'],
  }),
  f('address', 'text', 'Адрес', 'Address', 'reference', { width: 200, aliases: ['домашний адрес', 'home address'] }),
  f('company', 'text', 'Компания', 'Company', 'reference', { width: 160, aliases: ['организация', 'юр. лицо'] }),
  f('preferredChannel', 'choice', 'Канал связи', 'Preferred channel', 'reference', {
    list: 'preferredChannels',
    width: 120,
  }),
  f('callHours', 'text', 'Когда звонить', 'Call hours', 'reference', { width: 110 }),
  f('tags', 'tags', 'Метки', 'Tags', 'relationship', { width: 140 }),
  f('notes', 'longtext', 'Заметки и предупреждения', 'Notes and warnings', 'relationship', {
    width: 220,
    aliases: ['заметки', 'примечание', 'notes', 'comment'],
  }),
  f('interests', 'text', 'Интересы', 'Interests', 'relationship', { width: 160 }),
  f('familyDates', 'text', 'Семейные даты', 'Family dates', 'relationship', { width: 160 }),
  f('plannedGesture', 'text', 'Знак внимания', 'Planned gesture', 'relationship', { width: 140 }),
  f('congratulatedOn', 'date', 'Поздравлен', 'Congratulated on', 'relationship', { width: 110 }),
  f('emailConsentOn', 'date', 'Согласие на рассылку', 'Email consent on', 'relationship', { width: 120 }),
  f('unsubscribedOn', 'date', 'Отписался', 'Unsubscribed on', 'relationship', { width: 110 }),
  f('createdOn', 'date', 'Создан', 'Created on', 'system', { width: 100, aliases: ['дата создания', 'created'] }),
  // A/B/C by share of revenue (src/domain/funnelReport/abc.ts), kept by the recompute (nightly and from the menu).
  f('abcClass', 'text', 'ABC-класс', 'ABC class', 'derived', {
    computed: true,
    width: 80,
    aliases: ['abc', 'класс abc'],
  }),
];

export const JOURNAL_FIELDS: FieldDef[] = [
  f('at', 'datetime', 'Когда', 'When', 'interaction', { required: true, width: 130 }),
  f('clientId', 'id', 'ID клиента', 'Client ID', 'system', { required: true, width: 90 }),
  f('clientName', 'text', 'Клиент', 'Client', 'reference', { width: 200 }),
  f('type', 'choice', 'Тип', 'Type', 'interaction', { list: 'contactTypes', required: true, width: 110 }),
  f('summary', 'longtext', 'Что было', 'Summary', 'interaction', { width: 260 }),
  f('item', 'choice', 'Услуга или товар', 'Service or product', 'interaction', { list: 'services', width: 160 }),
  f('amount', 'amount', 'Сумма', 'Amount', 'interaction', { width: 100 }),
  f('source', 'choice', 'Источник', 'Source', 'interaction', { list: 'channels', width: 130 }),
  f('by', 'text', 'Кто записал', 'Logged by', 'system', { width: 160 }),
  f('nextStep', 'text', 'Следующий шаг', 'Next step', 'interaction', { width: 160 }),
  f('nextStepOn', 'date', 'Дата шага', 'Next step on', 'interaction', { width: 110 }),
];

export const TABS: Record<'clients' | 'journal', TabDef> = {
  clients: { key: 'clients', name: { ru: 'Клиенты', en: 'Clients' }, fields: CLIENT_FIELDS },
  journal: { key: 'journal', name: { ru: 'Журнал', en: 'Journal' }, fields: JOURNAL_FIELDS },
};

export const SETTINGS_TAB_NAME: Record<Lang, string> = { ru: 'Настройки', en: 'Settings' };

export const CLIENT_INPUT_FIELDS = CLIENT_FIELDS.filter((x) => !x.computed);
export const DERIVED_KEYS = [
  'purchases',
  'totalSpent',
  'lastContactOn',
  'lastPurchaseOn',
  'frequency',
  'loyaltyPoints',
  'servicesBought',
] as const;

/** Fields logContact reads and writes together, in layout order. */
export const CONTACT_BLOCK_KEYS = [
  'stage',
  ...DERIVED_KEYS,
  'firstContactOn',
  'visitOn',
  'firstPurchaseOn',
  'lostReason',
  'id',
  'nextStep',
  'nextStepOn',
] as const;

/** Header text → comparable form: lower case, ё→е, no punctuation or extra spaces. */
export function headerKey(text: unknown): string {
  return String(text ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Field matching a header text in either language or by alias, or undefined. */
export function fieldForHeader(tab: TabDef, text: unknown): FieldDef | undefined {
  const key = headerKey(text);
  if (!key) return undefined;
  return tab.fields.find(
    (x) =>
      headerKey(x.header.ru) === key || headerKey(x.header.en) === key || x.aliases?.some((a) => headerKey(a) === key),
  );
}
