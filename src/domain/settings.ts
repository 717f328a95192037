// Business settings as data: the editable lists and values with their defaults per language, and their validation.

import type { Lang } from '../i18n';
import { parseWeekdays } from './mailings/schedule';

export type Milestone = 'lead' | 'contact' | 'visit' | 'client' | 'lost';
export const MILESTONES: Milestone[] = ['lead', 'contact', 'visit', 'client', 'lost'];

export type ContactKind = 'call' | 'message' | 'meeting' | 'visit' | 'purchase' | 'email' | 'note';
export const CONTACT_KINDS: ContactKind[] = ['call', 'message', 'meeting', 'visit', 'purchase', 'email', 'note'];

export type Frequency = '' | 'oneTime' | 'rare' | 'regular';

export interface StageDef {
  label: string;
  milestone: Milestone | '';
}
export interface ContactTypeDef {
  label: string;
  kind: ContactKind;
}

export interface SettingsLists {
  services: string[];
  channels: string[];
  staff: string[];
  stages: StageDef[];
  contactTypes: ContactTypeDef[];
  lostReasons: string[];
  preferredChannels: string[];
  paymentStatuses: string[];
  /** Besides the owner, who may change Settings, merge, set up, manage triggers and restore (email addresses). */
  admins: string[];
}

export interface SettingsValues {
  currency: string;
  phoneRegion: string;
  /** A client with at least this many purchases is "regular"; 2 up to this minus one is "rare". */
  regularPurchases: number;
  /** Loyalty points earned per 100 of money spent. */
  loyaltyPercent: number;
  /** A regular client who has not bought for this many days is "at risk". */
  atRiskDays: number;
  /** Hour of the morning digest, in the spreadsheet's time zone. */
  reminderHour: number;
  /** Marketing letters (mailings, holiday greetings) per client at most in 7 and in 30 days. */
  mailPerWeek: number;
  mailPerMonth: number;
  /** Weekdays marketing letters go on ('пн–пт', 'Mon–Fri'), and their hours [from, to) in the sheet's zone. */
  mailDays: string;
  mailFrom: number;
  mailTo: number;
}

export interface SettingsData {
  lists: SettingsLists;
  values: SettingsValues;
}

export type SimpleListKey =
  | 'services'
  | 'channels'
  | 'staff'
  | 'lostReasons'
  | 'preferredChannels'
  | 'paymentStatuses'
  | 'admins';
export const SIMPLE_LIST_KEYS: SimpleListKey[] = [
  'services',
  'channels',
  'staff',
  'lostReasons',
  'preferredChannels',
  'paymentStatuses',
  'admins',
];

export const LIST_HEADERS: Record<keyof SettingsLists | 'stageMilestones' | 'contactKinds', Record<Lang, string>> = {
  services: { ru: 'Услуги', en: 'Services' },
  channels: { ru: 'Рекламные каналы', en: 'Ad channels' },
  staff: { ru: 'Сотрудники', en: 'Staff' },
  stages: { ru: 'Стадии воронки', en: 'Funnel stages' },
  stageMilestones: { ru: 'Веха стадии', en: 'Stage milestone' },
  contactTypes: { ru: 'Типы контактов', en: 'Contact types' },
  contactKinds: { ru: 'Вид контакта', en: 'Contact kind' },
  lostReasons: { ru: 'Причины отказа', en: 'Lost reasons' },
  preferredChannels: { ru: 'Каналы связи', en: 'Contact channels' },
  paymentStatuses: { ru: 'Статусы оплаты', en: 'Payment statuses' },
  admins: { ru: 'Администраторы', en: 'Admins' },
};

export const MILESTONE_LABELS: Record<Lang, Record<Milestone, string>> = {
  ru: { lead: 'лид', contact: 'первый контакт', visit: 'визит', client: 'покупка', lost: 'отказ' },
  en: { lead: 'lead', contact: 'first contact', visit: 'visit', client: 'purchase', lost: 'lost' },
};

export const CONTACT_KIND_LABELS: Record<Lang, Record<ContactKind, string>> = {
  ru: {
    call: 'звонок',
    message: 'сообщение',
    meeting: 'встреча',
    visit: 'визит',
    purchase: 'покупка',
    email: 'письмо',
    note: 'заметка',
  },
  en: {
    call: 'call',
    message: 'message',
    meeting: 'meeting',
    visit: 'visit',
    purchase: 'purchase',
    email: 'email',
    note: 'note',
  },
};

export const FREQUENCY_LABELS: Record<Lang, Record<Exclude<Frequency, ''>, string>> = {
  ru: { oneTime: 'Разовый', rare: 'Редкий', regular: 'Постоянный' },
  en: { oneTime: 'One-time', rare: 'Rare', regular: 'Regular' },
};

export interface ValueDef {
  key: keyof SettingsValues;
  label: Record<Lang, string>;
  kind: 'text' | 'int' | 'percent' | 'hour' | 'region' | 'currency' | 'weekdays';
  min?: number;
  max?: number;
}

export const VALUE_DEFS: ValueDef[] = [
  { key: 'currency', label: { ru: 'Валюта (код)', en: 'Currency (code)' }, kind: 'currency' },
  { key: 'phoneRegion', label: { ru: 'Страна телефонов по умолчанию', en: 'Default phone country' }, kind: 'region' },
  {
    key: 'regularPurchases',
    label: { ru: 'Постоянный клиент: покупок не меньше', en: 'Regular client: at least this many purchases' },
    kind: 'int',
    min: 2,
    max: 1000,
  },
  {
    key: 'loyaltyPercent',
    label: { ru: 'Баллы: процент от суммы покупок', en: 'Loyalty points: percent of money spent' },
    kind: 'percent',
    min: 0,
    max: 100,
  },
  {
    key: 'atRiskDays',
    label: { ru: 'Под угрозой ухода: дней без покупок', en: 'At risk: days without a purchase' },
    kind: 'int',
    min: 1,
    max: 3650,
  },
  {
    key: 'reminderHour',
    label: { ru: 'Час утренней рассылки (0–23)', en: 'Hour of the morning digest (0–23)' },
    kind: 'hour',
    min: 0,
    max: 23,
  },
  {
    key: 'mailPerWeek',
    label: {
      ru: 'Рассылки: писем клиенту за 7 дней, не больше',
      en: 'Mailings: letters per client in 7 days, at most',
    },
    kind: 'int',
    min: 1,
    max: 7,
  },
  {
    key: 'mailPerMonth',
    label: {
      ru: 'Рассылки: писем клиенту за 30 дней, не больше',
      en: 'Mailings: letters per client in 30 days, at most',
    },
    kind: 'int',
    min: 1,
    max: 30,
  },
  { key: 'mailDays', label: { ru: 'Рассылки: дни недели', en: 'Mailings: weekdays' }, kind: 'weekdays' },
  {
    key: 'mailFrom',
    label: { ru: 'Рассылки: с какого часа (0–23)', en: 'Mailings: from hour (0–23)' },
    kind: 'hour',
    min: 0,
    max: 23,
  },
  {
    key: 'mailTo',
    label: { ru: 'Рассылки: до какого часа (1–24)', en: 'Mailings: until hour (1–24)' },
    kind: 'hour',
    min: 1,
    max: 24,
  },
];

export function defaultSettings(lang: Lang, locale: string): SettingsData {
  const region = (locale.split(/[-_]/)[1] || (lang === 'ru' ? 'RU' : 'US')).toUpperCase();
  const ru = lang === 'ru';
  const stages = MILESTONES.map((m) => ({
    milestone: m,
    label: ru
      ? { lead: 'Новый лид', contact: 'Первый контакт', visit: 'Визит', client: 'Клиент', lost: 'Отказ' }[m]
      : { lead: 'New lead', contact: 'First contact', visit: 'Visit', client: 'Client', lost: 'Lost' }[m],
  }));
  const contactTypes = CONTACT_KINDS.map((kind) => ({
    kind,
    label: capitalize(CONTACT_KIND_LABELS[lang][kind]),
  }));
  return {
    lists: {
      services: ru
        ? ['Консультация', 'Гигиена полости рта', 'Лечение кариеса', 'Имплантация', 'Отбеливание']
        : ['Consultation', 'Dental hygiene', 'Cavity treatment', 'Implants', 'Whitening'],
      channels: ru
        ? ['Яндекс.Директ', 'Instagram', 'ВКонтакте', '2ГИС', 'Сайт', 'Сарафанное радио', 'Avito', 'Вывеска']
        : ['Google Ads', 'Instagram', 'Facebook', 'Website', 'Referral', 'Walk-in', 'Yelp'],
      staff: [],
      stages,
      contactTypes,
      lostReasons: ru
        ? ['Дорого', 'Выбрал другую клинику', 'Не дозвонились', 'Передумал', 'Другое']
        : ['Too expensive', 'Chose a competitor', 'Could not reach', 'Changed their mind', 'Other'],
      preferredChannels: ['Телефон', 'Email', 'SMS', 'WhatsApp', 'Telegram'].map((c) =>
        !ru && c === 'Телефон' ? 'Phone' : c,
      ),
      paymentStatuses: ru
        ? ['Оплачено', 'Частично', 'Не оплачено', 'Рассрочка']
        : ['Paid', 'Partially paid', 'Unpaid', 'Installments'],
      admins: [],
    },
    values: {
      currency: ru || region === 'RU' ? 'RUB' : region === 'GB' ? 'GBP' : region === 'US' ? 'USD' : 'EUR',
      phoneRegion: /^[A-Z]{2}$/.test(region) ? region : ru ? 'RU' : 'US',
      regularPurchases: 3,
      loyaltyPercent: 5,
      atRiskDays: 180,
      reminderHour: 9,
      mailPerWeek: 2,
      mailPerMonth: 6,
      mailDays: ru ? 'пн–пт' : 'Mon–Fri',
      mailFrom: 10,
      mailTo: 19,
    },
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Trims, drops blanks and repeats (case-insensitive), keeps the first spelling. */
export function cleanList(items: unknown[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of items) {
    const item = String(raw ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    const key = item.toLowerCase();
    if (!item || seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

export type SettingsProblem = { path: string; code: string; value?: string };

/** A list column with its meaning column beside it: blank and repeated labels dropped, as cleanList does. */
function labelled(labels: unknown[], meanings: unknown[] | undefined): Array<{ label: string; meaning: unknown }> {
  const seen = new Set<string>();
  const out: Array<{ label: string; meaning: unknown }> = [];
  labels.forEach((raw, i) => {
    const label = String(raw ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    if (!label || seen.has(label.toLowerCase())) return;
    seen.add(label.toLowerCase());
    out.push({ label, meaning: meanings?.[i] });
  });
  return out;
}

/**
 * Validates settings as people typed them in the Settings tab. Broken values fall back to the default and are
 * reported, so one typo never stops the whole database.
 */
export function validateSettings(
  raw: { lists: Partial<Record<string, unknown[]>>; values: Partial<Record<string, unknown>> },
  defaults: SettingsData,
): { settings: SettingsData; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const lists = { ...defaults.lists };
  for (const key of SIMPLE_LIST_KEYS) {
    const items = raw.lists[key];
    if (Array.isArray(items)) lists[key] = cleanList(items);
  }
  if (Array.isArray(raw.lists.stages)) {
    const stages: StageDef[] = labelled(raw.lists.stages, raw.lists.stageMilestones).map(({ label, meaning }) => ({
      label,
      milestone: milestoneFromText(meaning),
    }));
    for (const m of ['lead', 'client', 'lost'] as Milestone[]) {
      if (!stages.some((st) => st.milestone === m))
        problems.push({ path: 'stages', code: 'settings.stageMissing', value: m });
    }
    lists.stages = stages.length ? stages : defaults.lists.stages;
  }
  if (Array.isArray(raw.lists.contactTypes)) {
    const types: ContactTypeDef[] = labelled(raw.lists.contactTypes, raw.lists.contactKinds).map(
      ({ label, meaning }) => {
        const kind = kindFromText(meaning) ?? kindFromText(label);
        if (!kind) problems.push({ path: 'contactTypes', code: 'settings.kindUnknown', value: label });
        return { label, kind: kind ?? 'note' };
      },
    );
    lists.contactTypes = types.length ? types : defaults.lists.contactTypes;
  }
  const values = { ...defaults.values };
  for (const def of VALUE_DEFS) {
    const input = raw.values[def.key];
    if (input === undefined || input === null || input === '') continue;
    const parsed = parseSettingValue(def, input);
    if (parsed === undefined) problems.push({ path: def.key, code: 'settings.valueInvalid', value: String(input) });
    else (values as Record<string, unknown>)[def.key] = parsed;
  }
  return { settings: { lists, values }, problems };
}

export function parseSettingValue(def: ValueDef, input: unknown): string | number | undefined {
  const text = String(input).trim();
  switch (def.kind) {
    case 'currency':
      return /^[A-Za-z]{3}$/.test(text) ? text.toUpperCase() : undefined;
    case 'region':
      return /^[A-Za-z]{2}$/.test(text) ? text.toUpperCase() : undefined;
    case 'weekdays':
      return parseWeekdays(text) ? text : undefined;
    default: {
      const n = typeof input === 'number' ? input : Number(text.replace(',', '.').replace('%', ''));
      if (!Number.isFinite(n)) return undefined;
      const value = def.kind === 'percent' ? n : Math.round(n);
      if (def.kind !== 'percent' && value !== n) return undefined;
      if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) return undefined;
      return value;
    }
  }
}

function normalizeWord(v: unknown): string {
  return String(v ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .trim();
}

export function milestoneFromText(v: unknown): Milestone | '' {
  const text = normalizeWord(v);
  if (!text) return '';
  for (const lang of ['ru', 'en'] as Lang[]) {
    for (const m of MILESTONES) {
      if (normalizeWord(MILESTONE_LABELS[lang][m]) === text || m === text) return m;
    }
  }
  return '';
}

export function kindFromText(v: unknown): ContactKind | undefined {
  const text = normalizeWord(v);
  if (!text) return undefined;
  for (const lang of ['ru', 'en'] as Lang[]) {
    for (const k of CONTACT_KINDS) {
      if (normalizeWord(CONTACT_KIND_LABELS[lang][k]) === text || k === text) return k;
    }
  }
  return undefined;
}

export function kindOfContactType(settings: SettingsData, label: string): ContactKind | undefined {
  const wanted = normalizeWord(label);
  return (
    settings.lists.contactTypes.find((t) => normalizeWord(t.label) === wanted)?.kind ?? kindFromText(label) ?? undefined
  );
}
