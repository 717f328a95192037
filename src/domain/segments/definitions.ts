// Segment definitions are data: rows of the Segments tab (name, active, conditions) that the owner edits, with
// defaults in the sheet's language. One definition gives both the tab's formula and the TypeScript selection.
import type { Lang } from '../../i18n';
import type { FieldDef } from '../fields';
import { cellRef, type FormulaEnv, textLiteral } from '../formulas';
import { VALUE_DEFS } from '../settings';
import type { SettingsTabSpec } from '../tabs';
import { type Condition, ConditionError, type GrammarEnv, opWord, parseConditions } from './grammar';
import { type SegmentMessageKey, segText } from './messages';
import { planSegment, type SegmentPlan } from './plan';

const field = (key: string, type: FieldDef['type'], name: SegmentMessageKey, width: number, computed = false) => ({
  key,
  type,
  header: { ru: segText('ru', name), en: segText('en', name) },
  group: 'system' as const,
  width,
  computed,
});

/** The Segments tab: one row per segment. Key and status are written by the rebuild. */
export const SEGMENTS_TAB: SettingsTabSpec & { fields: FieldDef[] } = {
  kind: 'settings',
  key: 'segments',
  name: { ru: segText('ru', 'tab.segments'), en: segText('en', 'tab.segments') },
  fields: [
    field('name', 'text', 'field.name', 240),
    field('active', 'text', 'field.active', 80),
    field('conditions', 'longtext', 'field.conditions', 520),
    field('status', 'text', 'field.status', 260, true),
    field('key', 'text', 'field.key', 110, true),
  ],
};

/** Tab tags of segment tabs: `segment:<key>`. */
export const SEGMENT_TAG_PREFIX = 'segment:';
export const OVERVIEW_TAB = {
  key: 'segmentsOverview',
  name: { ru: segText('ru', 'tab.overview'), en: segText('en', 'tab.overview') },
};

/** A Segments row as read: values, and the formulas of the name and conditions cells when they have them. */
export interface SegmentRow {
  row: number;
  key: string;
  name: string;
  active: unknown;
  conditions: string;
  nameFormula?: string;
  conditionsFormula?: string;
  /** What the Status column says now (the rebuild rewrites it only when it changes). */
  status?: string;
  /** A key given by this read (written back by the rebuild). */
  newKey?: boolean;
}

export interface Segment {
  row: number;
  key: string;
  name: string;
  source: SegmentRow;
  conditions: Condition[];
  plan: SegmentPlan;
}

export type SegmentReading =
  | { ok: true; segment: Segment }
  | { ok: false; row: SegmentRow; error: string; inactive?: boolean };

/** A ticked checkbox, or yes/да/1/x typed by hand. */
export function isActive(v: unknown): boolean {
  if (v === true) return true;
  const text = String(v ?? '')
    .trim()
    .toLowerCase();
  return ['true', 'да', 'yes', '1', 'x', '✓', 'истина', 'вкл', 'on'].includes(text);
}

/** Every row of the Segments tab read: active rows parsed (or a localized error), inactive rows marked. */
export function readSegments(rows: SegmentRow[], env: GrammarEnv): SegmentReading[] {
  const seen = new Map<string, number>();
  return rows.map((row): SegmentReading => {
    if (!isActive(row.active)) return { ok: false, row, error: segText(env.lang, 'status.off'), inactive: true };
    const name = row.name.trim();
    if (!name) return { ok: false, row, error: segText(env.lang, 'error.noName') };
    const key = name.toLowerCase();
    if (seen.has(key)) return { ok: false, row, error: segText(env.lang, 'error.sameName', { name }) };
    seen.set(key, row.row);
    try {
      const conditions = parseConditions(row.conditions, env);
      return {
        ok: true,
        segment: { row: row.row, key: row.key, name, source: row, conditions, plan: planSegment(conditions) },
      };
    } catch (e) {
      if (e instanceof ConditionError) return { ok: false, row, error: segText(env.lang, 'error.prefix') + e.text };
      throw e;
    }
  });
}

/** A key for a new row: seg-<n>, after the largest one in use. */
export function nextSegmentKeys(existing: string[], count: number): string[] {
  let n = Math.max(0, ...existing.map((k) => Number(/^seg-(\d+)$/.exec(k)?.[1] ?? 0)));
  return Array.from({ length: count }, () => `seg-${++n}`);
}

const settingLabel = (lang: Lang, key: (typeof VALUE_DEFS)[number]['key']) =>
  `{${VALUE_DEFS.find((d) => d.key === key)!.label[lang]}}`;

/**
 * The default segments in the sheet's language, the relationship and date ones ticked. Per service of Settings,
 * "bought" and "asked, never bought" rows are there unticked (one tick gives the tab; all of them at once would be
 * two tabs per service): their name and conditions are formulas reading the service's Settings cell, so renaming
 * the service renames them.
 */
export function defaultSegments(
  lang: Lang,
  env: Pick<FormulaEnv, 'settingsRefs'>,
  only?: (service: string) => boolean,
): Array<{ key: string; name: string; active: boolean; conditions: string }> {
  const ru = lang === 'ru';
  const h = (ruText: string, enText: string) => (ru ? ruText : enText);
  const q = (s: string) => (ru ? `«${s}»` : `"${s}"`);
  const and = ru ? ' и ' : ' and ';
  const rows = [
    { key: 'potential', name: segText(lang, 'seed.potential'), conditions: `${h('Покупок', 'Purchases')} = 0` },
    { key: 'oneTime', name: segText(lang, 'seed.oneTime'), conditions: `${h('Покупок', 'Purchases')} = 1` },
    {
      key: 'regular',
      name: segText(lang, 'seed.regular'),
      conditions: `${h('Покупок', 'Purchases')} >= ${settingLabel(lang, 'regularPurchases')}`,
    },
    {
      key: 'atRisk',
      name: segText(lang, 'seed.atRisk'),
      conditions: `${h('Последняя покупка', 'Last purchase')} ${opWord(lang, 'agoAtLeast').replace('{n}', settingLabel(lang, 'atRiskDays'))}`,
    },
    {
      key: 'birthdays',
      name: segText(lang, 'seed.birthdays'),
      conditions: `${h('Дата рождения', 'Birth date')} ${opWord(lang, 'thisMonth')}`,
    },
    {
      key: 'appointments',
      name: segText(lang, 'seed.appointments'),
      conditions: `${h('Следующая запись', 'Next appointment')} ${opWord(lang, 'thisWeek')}`,
    },
    {
      key: 'subscriptions',
      name: segText(lang, 'seed.subscriptions'),
      conditions: `${h('Абонемент до', 'Subscription ends')} ${opWord(lang, 'nextDays').replace('{n}', '14')}`,
    },
  ];
  const refs = env.settingsRefs;
  const column = refs.listColumns.services;
  const bought = h('Купленные услуги', 'Services bought');
  const asked = h('Услуга (первый запрос)', 'Service asked for');
  const open = ru ? '«' : '"';
  const close = ru ? '»' : '"';
  (refs.listItems.services ?? []).forEach((item, i) => {
    if (only && !only(item.text)) return;
    const cell = column ? cellRef(refs.sheetName, item.row, column) : undefined;
    // In a formula the quote marks are text around the cell's value; without the tab, the name as text.
    const value = (prefix: string, suffix = '') =>
      cell
        ? `=${textLiteral(prefix + open)}&${cell}&${textLiteral(close + suffix)}`
        : `${prefix}${q(item.text)}${suffix}`;
    const name = (prefix: string) => (cell ? `=${textLiteral(prefix)}&${cell}` : prefix + item.text);
    rows.push({
      key: `bought-${i + 1}`,
      name: name(segText(lang, 'seed.bought')),
      conditions: value(`${bought} ${opWord(lang, 'includes')} `),
    });
    rows.push({
      key: `asked-${i + 1}`,
      name: name(segText(lang, 'seed.asked')),
      conditions: cell
        ? `=${textLiteral(`${asked} = ${open}`)}&${cell}&${textLiteral(`${close}${and}${bought} ${opWord(lang, 'notIncludes')} ${open}`)}&${cell}&${textLiteral(close)}`
        : `${asked} = ${q(item.text)}${and}${bought} ${opWord(lang, 'notIncludes')} ${q(item.text)}`,
    });
  });
  return rows
    .filter((r) => !only || /^(bought|asked)-/.test(r.key))
    .map((r) => ({ ...r, active: !/^(bought|asked)-/.test(r.key) }));
}
