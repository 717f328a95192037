// Every tab Kartoteka manages, as data. Setup walks this list: a feature adds a tab by adding an entry here.
//   records   — one row per record, columns found by their tags (then headers): clients, journal; next: ad spend,
//               sent log, audit, import report. Adapter: src/sheets/records.ts.
//   generated — rebuilt by the add-on from its `render`: segments, funnel. Adapter: src/sheets/generated.ts.
//   settings  — edited by people, defaults written once and never overwritten: settings; next: templates,
//               holidays (rows of `fields`, seeded by `seed`). Adapter: src/sheets/settingsTab.ts / records.ts.
import type { Lang, MessageKey } from '../i18n';
import { AUDIT_TAB, SNAPSHOT_TAB } from './audit';
import { type FieldDef, type FieldType, SETTINGS_TAB_NAME, TABS, type TabDef } from './fields';
import type { FormulaEnv } from './formulas';
import { AD_SPEND_TAB, FUNNEL_TAB } from './funnelReport/tabs';
import { IMPORT_REPORT_TAB } from './import/reportTab';
import { defaultMailingTemplates, HOLIDAYS_TAB } from './mailings';
import { defaultTemplates, TEMPLATE_RULE_LABELS, TEMPLATE_RULES } from './reminders';
import { SEGMENTS_TAB } from './segments/definitions';
import type { SettingsData } from './settings';

export type TabKind = 'records' | 'generated' | 'settings';

/** Records tab: `protect` says what Sheets warns about before a person edits it. */
export interface RecordsTabSpec extends TabDef {
  kind: 'records';
  /** 'computed': the add-on's own columns (ID, totals); 'history': the whole tab (entries are appended only). */
  protect: 'computed' | 'history';
  /** What the warning says before an edit of a history tab (a message key; a generic one by default). */
  historyNote?: MessageKey;
  /** Columns that stay in view when scrolling right. */
  frozenColumns?: number;
  /** Locked for real (not a warning): only the owner and the admins named in Settings may edit it. */
  ownerOnly?: boolean;
  /** Hidden from the tab bar (the add-on's own bookkeeping). */
  hidden?: boolean;
}

/**
 * Where a generated tab's formulas find their sources: each records tab's current name and field columns, and the
 * Settings cells (src/domain/formulas.ts writes the references: clientColumn, settingValue, listItemCell…).
 */
export interface RenderEnv extends FormulaEnv {
  lang: Lang;
  locale: string;
  today: string;
  settings: SettingsData;
}

/** Generated tab: the whole grid comes from `render` (values, and formulas as text starting with '='). */
export interface GeneratedTabSpec {
  kind: 'generated';
  key: string;
  name: Record<Lang, string>;
  render: (env: RenderEnv) => unknown[][];
}

/**
 * Settings-like tab. With `fields`, a table people edit (one row per template or holiday), seeded with `seed` when
 * the tab is created; without, the Settings tab's own layout (values and lists, src/sheets/settingsTab.ts).
 */
export interface SettingsTabSpec {
  kind: 'settings';
  key: string;
  name: Record<Lang, string>;
  fields?: FieldDef[];
  seed?: (lang: Lang, locale: string) => Array<Record<string, string | number>>;
}

export type TabSpec = RecordsTabSpec | GeneratedTabSpec | SettingsTabSpec;

export const CLIENTS_TAB: RecordsTabSpec = { ...TABS.clients, kind: 'records', protect: 'computed', frozenColumns: 1 };
export const JOURNAL_TAB: RecordsTabSpec = {
  ...TABS.journal,
  kind: 'records',
  protect: 'history',
  historyNote: 'protect.journal',
};
export const SETTINGS_TAB: SettingsTabSpec = { kind: 'settings', key: 'settings', name: SETTINGS_TAB_NAME };

const field = (key: string, type: FieldType, ru: string, en: string, width: number): FieldDef => ({
  key,
  type,
  header: { ru, en },
  group: 'system',
  width,
});

/** Letter templates of the morning run: one row per rule (subject and body with {{placeholders}}). */
export const TEMPLATES_TAB: SettingsTabSpec & { fields: FieldDef[] } = {
  kind: 'settings',
  key: 'emailTemplates',
  name: { ru: 'Шаблоны писем', en: 'Email templates' },
  fields: [
    field('rule', 'text', 'Письмо', 'Letter', 180),
    field('subject', 'text', 'Тема', 'Subject', 260),
    field('body', 'longtext', 'Текст', 'Text', 520),
    // Marketing templates (mailings, holidays): a variant per segment and a call-to-action button.
    field('segment', 'text', 'Сегмент (вариант)', 'Segment (variant)', 160),
    field('buttonText', 'text', 'Кнопка', 'Button', 140),
    field('buttonUrl', 'text', 'Ссылка кнопки', 'Button link', 240),
  ],
  seed: (lang) => {
    const templates = defaultTemplates(lang);
    const rules = TEMPLATE_RULES.map((r) => ({ rule: TEMPLATE_RULE_LABELS[lang][r], ...templates[r] }));
    const holidays = defaultMailingTemplates(lang).map((t) => ({ rule: t.name, subject: t.subject, body: t.body }));
    return [...rules, ...holidays];
  },
};

/** Every client letter and daily digest the morning run takes on, keyed (client, rule, occasion date): exactly once. */
export const SENT_LOG_TAB: RecordsTabSpec = {
  kind: 'records',
  key: 'sentLog',
  name: { ru: 'Журнал отправки', en: 'Sent log' },
  protect: 'history',
  fields: [
    field('updatedAt', 'datetime', 'Когда', 'When', 130),
    field('state', 'text', 'Состояние', 'State', 100),
    field('clientName', 'text', 'Клиент', 'Client', 200),
    field('rule', 'text', 'Письмо', 'Letter', 160),
    field('occasionDate', 'date', 'Дата повода', 'Occasion date', 110),
    field('to', 'text', 'Кому', 'To', 200),
    field('subject', 'text', 'Тема', 'Subject', 260),
    field('note', 'text', 'Примечание', 'Note', 200),
    field('attempts', 'count', 'Попыток', 'Attempts', 70),
    field('firstDueOn', 'date', 'Впервые к отправке', 'First due on', 110),
    field('clientId', 'id', 'ID клиента', 'Client ID', 90),
    field('key', 'text', 'Ключ', 'Key', 220),
  ],
};

/** In the order new tabs are placed. Settings come before generated tabs: generated formulas read them. */
export const TAB_REGISTRY: readonly TabSpec[] = [
  CLIENTS_TAB,
  JOURNAL_TAB,
  SETTINGS_TAB,
  TEMPLATES_TAB,
  HOLIDAYS_TAB,
  SENT_LOG_TAB,
  IMPORT_REPORT_TAB,
  SEGMENTS_TAB,
  AD_SPEND_TAB,
  FUNNEL_TAB,
  AUDIT_TAB,
  SNAPSHOT_TAB,
];

export function tabSpec(key: string): TabSpec | undefined {
  return TAB_REGISTRY.find((t) => t.key === key);
}

/** Tabs whose columns are field lists (records and table-like settings), for layout lookups. */
export function fieldTabs(): TabDef[] {
  return TAB_REGISTRY.filter((t): t is RecordsTabSpec | (SettingsTabSpec & { fields: FieldDef[] }) =>
    Boolean((t as { fields?: FieldDef[] }).fields),
  ) as TabDef[];
}
