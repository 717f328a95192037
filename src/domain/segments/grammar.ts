// The condition language of the Segments tab: what people type in a Conditions cell, read into data.
//
//   <field> <comparison> [value]   joined by ";", a new line, or "и"/"and" (or ",") before the next field
//
// field: a column header of the Clients tab, in Russian or English ("Покупок", "Purchases", "Дата рождения").
// comparisons (either language):
//   =  ≠ (<>, !=)  >= (≥)  <= (≤)  >  <                  numbers, dates (15.03.2026), text (ignoring case)
//   пусто / is empty        не пусто / is not empty
//   содержит / contains     не содержит / does not contain
//   включает / includes     не включает / does not include   (an item of a list: "Купленные услуги", "Метки")
//   сегодня / today   на этой неделе / this week   в этом месяце / this month                       (dates)
//   в ближайшие N дней / in the next N days   за последние N дней / in the last N days
//   не менее N дней назад / at least N days ago
//   достигла / reached      a stage or milestone: "Стадия достигла Визит" (or a later stage, or its date)
// values: bare text up to the next condition, or quoted «…» "…" “…” when it holds "и", ";" or quotes;
//   {setting}: a Settings value by its label or key, read from its cell ("Покупок >= {regularPurchases}").
// A birth date is yearly: "this month", "today" and "in the next N days" look at the birthday.
import type { Lang } from '../../i18n';
import { CLIENT_FIELDS, type FieldDef } from '../fields';
import { effectiveMilestone } from '../funnel';
import { parseDateInput } from '../normalize/date';
import { formatIsoDate } from '../normalize/dateOrder';
import type { FunnelMilestone } from '../reached';
import { MILESTONE_LABELS, milestoneFromText, type SettingsData, type SettingsValues, VALUE_DEFS } from '../settings';
import { type SegmentMessageKey, segText } from './messages';

export type Op =
  | 'eq'
  | 'ne'
  | 'ge'
  | 'le'
  | 'gt'
  | 'lt'
  | 'empty'
  | 'notEmpty'
  | 'contains'
  | 'notContains'
  | 'includes'
  | 'notIncludes'
  | 'today'
  | 'thisWeek'
  | 'thisMonth'
  | 'nextDays'
  | 'lastDays'
  | 'agoAtLeast'
  | 'reached';

/** A number typed in the condition, or a Settings value read from its cell. */
export type Amount = { kind: 'number'; value: number } | { kind: 'setting'; key: keyof SettingsValues };

export type Operand =
  | Amount
  | { kind: 'text'; value: string }
  | { kind: 'date'; value: string }
  | { kind: 'milestone'; value: FunnelMilestone };

export interface Condition {
  field: string;
  op: Op;
  operand?: Operand;
  /** N of the "N days" comparisons. */
  days?: Amount;
}

export type FieldKind = 'number' | 'date' | 'yearly' | 'list' | 'text' | 'stage';

/** Fields whose date comes back every year: "this month" means the birthday's month. */
export const YEARLY_FIELDS = new Set(['birthDate']);
/** List fields: items separated by these characters. */
export const LIST_SEPARATORS: Record<string, string> = { servicesBought: ';', tags: ',;' };

export function fieldKind(field: FieldDef): FieldKind {
  if (field.key === 'stage') return 'stage';
  if (LIST_SEPARATORS[field.key]) return 'list';
  if (field.type === 'count' || field.type === 'amount') return 'number';
  if (field.type === 'date' || field.type === 'datetime') return YEARLY_FIELDS.has(field.key) ? 'yearly' : 'date';
  return 'text';
}

const COMPARE: Op[] = ['eq', 'ne', 'ge', 'le', 'gt', 'lt'];
const PRESENCE: Op[] = ['empty', 'notEmpty'];
const TEXTUAL: Op[] = ['eq', 'ne', 'contains', 'notContains', ...PRESENCE];

export const OPS_FOR: Record<FieldKind, Op[]> = {
  number: [...COMPARE, ...PRESENCE],
  date: [...COMPARE, ...PRESENCE, 'today', 'thisWeek', 'thisMonth', 'nextDays', 'lastDays', 'agoAtLeast'],
  yearly: [...COMPARE, ...PRESENCE, 'today', 'thisMonth', 'nextDays'],
  text: TEXTUAL,
  list: ['includes', 'notIncludes', ...TEXTUAL],
  stage: [...TEXTUAL, 'reached'],
};

/** Words of each comparison; the first of each language is the one written and suggested. */
const OP_WORDS: Record<Exclude<Op, 'nextDays' | 'lastDays' | 'agoAtLeast'>, { ru: string[]; en: string[] }> = {
  eq: { ru: ['='], en: ['=', '=='] },
  ne: { ru: ['≠', '<>', '!='], en: ['≠', '<>', '!='] },
  ge: { ru: ['>=', '≥', '=>'], en: ['>=', '≥', '=>'] },
  le: { ru: ['<=', '≤', '=<'], en: ['<=', '≤', '=<'] },
  gt: { ru: ['>'], en: ['>'] },
  lt: { ru: ['<'], en: ['<'] },
  empty: { ru: ['пусто', 'пустое', 'не заполнено', 'не заполнен'], en: ['is empty', 'empty', 'is blank', 'blank'] },
  notEmpty: { ru: ['не пусто', 'заполнено', 'заполнен'], en: ['is not empty', 'not empty', 'is filled', 'filled'] },
  contains: { ru: ['содержит'], en: ['contains'] },
  notContains: { ru: ['не содержит'], en: ['does not contain', 'not contains'] },
  includes: { ru: ['включает'], en: ['includes'] },
  notIncludes: { ru: ['не включает'], en: ['does not include', 'not includes'] },
  today: { ru: ['сегодня'], en: ['is today', 'today'] },
  thisWeek: { ru: ['на этой неделе'], en: ['is this week', 'this week'] },
  thisMonth: { ru: ['в этом месяце'], en: ['is this month', 'this month'] },
  reached: { ru: ['достигла', 'достиг', 'достигли', 'достигнута'], en: ['has reached', 'reached'] },
};

const NUMBER_OR_SETTING = String.raw`(\d+|\{[^}]*\})`;
/** The "N days" comparisons, in both languages; group 1 is N. */
const DAY_OPS: Array<{ op: Op; ru: string; en: string; re: RegExp }> = [
  {
    op: 'nextDays',
    ru: 'в ближайшие {n} дней',
    en: 'in the next {n} days',
    re: new RegExp(
      String.raw`^(?:в\s+ближайшие|in\s+the\s+next|within(?:\s+the\s+next)?)\s+${NUMBER_OR_SETTING}\s*(?:дн[а-я]*\.?|день|days?)`,
      'u',
    ),
  },
  {
    op: 'lastDays',
    ru: 'за последние {n} дней',
    en: 'in the last {n} days',
    re: new RegExp(
      String.raw`^(?:за\s+последние|in\s+the\s+last)\s+${NUMBER_OR_SETTING}\s*(?:дн[а-я]*\.?|день|days?)`,
      'u',
    ),
  },
  {
    op: 'agoAtLeast',
    ru: 'не менее {n} дней назад',
    en: 'at least {n} days ago',
    re: new RegExp(
      String.raw`^(?:не\s+менее|не\s+меньше|at\s+least)\s+${NUMBER_OR_SETTING}\s*(?:дн[а-я]*\.?|день|days?)\s+(?:назад|ago)`,
      'u',
    ),
  },
];

/** How a comparison is written in a language ({n} for the days of the "N days" ones). */
export function opWord(lang: Lang, op: Op): string {
  const day = DAY_OPS.find((d) => d.op === op);
  if (day) return day[lang];
  return OP_WORDS[op as keyof typeof OP_WORDS][lang][0];
}

const OPENING: Record<string, string> = { '«': '»', '"': '"', '“': '”', '„': '“', "'": "'" };

const lower = (s: string) => s.toLowerCase().replace(/ё/g, 'е');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordRe = (word: string) => {
  const body = escapeRe(lower(word)).replace(/\s+/g, String.raw`\s+`);
  // A word ending in a letter must end there ("пусто" is not the start of "пустота"); symbols need no boundary.
  return new RegExp(`^${body}${/[\p{L}\p{N}]$/u.test(word) ? String.raw`(?![\p{L}\p{N}])` : ''}`, 'u');
};

interface FieldName {
  re: RegExp;
  field: FieldDef;
}
let fieldNames: FieldName[] | undefined;
/** Client headers in both languages, longest first ("Дата шага" before "Дата"). */
function clientFieldNames(): FieldName[] {
  if (!fieldNames) {
    fieldNames = CLIENT_FIELDS.flatMap((field) => [field.header.ru, field.header.en].map((name) => ({ name, field })))
      .sort((a, b) => b.name.length - a.name.length)
      .map(({ name, field }) => ({ re: wordRe(name), field }));
  }
  return fieldNames;
}

const opMatchers = (Object.keys(OP_WORDS) as Array<keyof typeof OP_WORDS>)
  .flatMap((op) => [...OP_WORDS[op].ru, ...OP_WORDS[op].en].map((w) => ({ op: op as Op, word: w })))
  .sort((a, b) => b.word.length - a.word.length)
  .map(({ op, word }) => ({ op, re: wordRe(word) }));

/** A localized reading error, ready to show in the tab. */
export class ConditionError extends Error {
  constructor(public readonly text: string) {
    super(text);
    this.name = 'ConditionError';
  }
}

export interface GrammarEnv {
  lang: Lang;
  locale: string;
  today: string;
  timeZone?: string;
  settings: SettingsData;
}

function fail(env: GrammarEnv, key: SegmentMessageKey, params: Record<string, string | number> = {}): never {
  throw new ConditionError(segText(env.lang, key, params));
}

function opsText(env: GrammarEnv, ops: Op[]): string {
  return ops.map((op) => opWord(env.lang, op).replace('{n}', 'N')).join(', ');
}

/** A Settings value by `{key}` or `{label}` (either language). */
function settingRef(env: GrammarEnv, inner: string): Amount {
  const wanted = lower(inner).replace(/\s+/g, ' ').trim();
  const def = VALUE_DEFS.find(
    (d) => lower(d.key) === wanted || lower(d.label.ru) === wanted || lower(d.label.en) === wanted,
  );
  if (!def || typeof env.settings.values[def.key] !== 'number') {
    const list = VALUE_DEFS.filter((d) => typeof env.settings.values[d.key] === 'number')
      .map((d) => `{${d.label[env.lang]}}`)
      .join(', ');
    fail(env, 'error.unknownSetting', { value: `{${inner}}`, list });
  }
  return { kind: 'setting', key: def.key };
}

function amountOf(env: GrammarEnv, text: string, field: FieldDef): Amount {
  const t = text.trim();
  if (t.startsWith('{') && t.endsWith('}')) return settingRef(env, t.slice(1, -1));
  const n = Number(t.replace(/\s/g, '').replace(',', '.'));
  if (!t || !Number.isFinite(n)) fail(env, 'error.notNumber', { value: t, field: field.header[env.lang], example: 2 });
  return { kind: 'number', value: n };
}

/** Reads a Conditions cell; throws ConditionError with a localized sentence when it cannot. Blank: no conditions. */
export function parseConditions(text: string, env: GrammarEnv): Condition[] {
  const src = String(text ?? '');
  const low = lower(src);
  const out: Condition[] = [];
  let pos = 0;
  const skipSpace = () => {
    while (pos < src.length && /\s/.test(src[pos])) pos++;
  };
  const startsField = (at: number) => clientFieldNames().some((f) => f.re.test(low.slice(at)));
  /** Where the current condition ends: ';', a new line, or "и"/"and"/"," before a field. */
  const conditionEnd = (from: number): number => {
    for (let i = from; i < src.length; i++) {
      if (src[i] === ';' || src[i] === '\n') return i;
      const joiner = /^(?:\s+(?:и|and)|\s*,)\s+/u.exec(low.slice(i));
      if (joiner && startsField(i + joiner[0].length)) return i;
    }
    return src.length;
  };
  const skipSeparators = () => {
    for (;;) {
      skipSpace();
      const sep = /^(?:;|,|(?:и|and)(?=\s))/u.exec(low.slice(pos));
      if (!sep) return;
      pos += sep[0].length;
    }
  };
  for (;;) {
    skipSeparators();
    if (pos >= src.length) break;
    const name = clientFieldNames().find((f) => f.re.test(low.slice(pos)));
    if (!name) fail(env, 'error.noField', { text: src.slice(pos, conditionEnd(pos)).trim() });
    const field = name.field;
    pos += (name.re.exec(low.slice(pos)) as RegExpExecArray)[0].length;
    skipSpace();
    if (src[pos] === ':') pos++;
    skipSpace();
    const kind = fieldKind(field);
    const fieldName = field.header[env.lang];
    const rest = low.slice(pos);
    const day = DAY_OPS.map((d) => ({ d, m: d.re.exec(rest) })).find((x) => x.m);
    const word = day ? undefined : opMatchers.find((m) => m.re.test(rest));
    if (!day && !word) fail(env, 'error.noOperator', { field: fieldName, ops: opsText(env, OPS_FOR[kind]) });
    const op = day ? day.d.op : (word as { op: Op }).op;
    if (!OPS_FOR[kind].includes(op))
      fail(env, 'error.operatorNotFor', {
        op: opWord(env.lang, op).replace('{n}', 'N'),
        field: fieldName,
        ops: opsText(env, OPS_FOR[kind]),
      });
    const condition: Condition = { field: field.key, op };
    if (day?.m) {
      // N sits inside the matched words, in the original spelling (a {setting} label keeps its case).
      const at = pos + day.m[0].indexOf(day.m[1]);
      condition.days = amountOf(env, src.slice(at, at + day.m[1].length), field);
      pos += day.m[0].length;
    } else pos += (word!.re.exec(rest) as RegExpExecArray)[0].length;
    if (!day && !PRESENCE.includes(op) && !['today', 'thisWeek', 'thisMonth'].includes(op)) {
      skipSpace();
      let value: string;
      let quoted = false;
      const close = OPENING[src[pos]];
      if (close) {
        const end = src.indexOf(close, pos + 1);
        if (end < 0) fail(env, 'error.unclosed', { text: src.slice(pos).trim() });
        value = src.slice(pos + 1, end);
        quoted = true;
        pos = end + 1;
      } else {
        const end = conditionEnd(pos);
        value = src.slice(pos, end);
        pos = end;
      }
      value = value.trim().replace(/ {2,}/g, ' ');
      const example = { number: '2', date: formatIsoDate(env.today, env.locale), text: '«…»' };
      if (!value)
        fail(env, quoted ? 'error.emptyValue' : 'error.valueMissing', {
          field: fieldName,
          op: opWord(env.lang, op),
          example: kind === 'number' ? example.number : kind === 'date' || kind === 'yearly' ? example.date : '«…»',
        });
      condition.operand = operandOf(env, kind, op, value, quoted, field);
    }
    skipSpace();
    if (pos < src.length && !/^[;\n,]|^(?:и|and)\s/u.test(low.slice(pos)))
      fail(env, 'error.noField', { text: src.slice(pos, conditionEnd(pos)).trim() });
    out.push(condition);
  }
  return out;
}

function operandOf(env: GrammarEnv, kind: FieldKind, op: Op, value: string, quoted: boolean, field: FieldDef) {
  const fieldName = field.header[env.lang];
  if (op === 'reached') {
    const byStage = effectiveMilestone(env.settings, value);
    const m = byStage || milestoneFromText(value);
    if (!m || m === 'lost') {
      const list = (['lead', 'contact', 'visit', 'client'] as const).map((x) => MILESTONE_LABELS[env.lang][x]);
      fail(env, 'error.unknownStage', { value, list: list.join(', ') });
    }
    return { kind: 'milestone' as const, value: m as FunnelMilestone };
  }
  if (kind === 'number' && COMPARE.includes(op)) return amountOf(env, value, field);
  if ((kind === 'date' || kind === 'yearly') && COMPARE.includes(op)) {
    const r = parseDateInput(value, { timeZone: env.timeZone ?? 'UTC', locale: env.locale, today: env.today });
    if (!r.ok || !r.value)
      fail(env, 'error.notDate', { value, field: fieldName, example: formatIsoDate(env.today, env.locale) });
    return { kind: 'date' as const, value: r.value };
  }
  void quoted;
  return { kind: 'text' as const, value };
}

/** A condition as people read it in the sheet's language (seeds and the segment tabs' headers). */
export function conditionText(lang: Lang, c: Condition, settingLabel = true): string {
  const field = CLIENT_FIELDS.find((f) => f.key === c.field)!;
  const amount = (a: Amount) =>
    a.kind === 'number'
      ? String(a.value)
      : `{${settingLabel ? VALUE_DEFS.find((d) => d.key === a.key)!.label[lang] : a.key}}`;
  const op = opWord(lang, c.op).replace('{n}', c.days ? amount(c.days) : 'N');
  const parts = [field.header[lang], op];
  const o = c.operand;
  if (o) {
    if (o.kind === 'text') parts.push(lang === 'ru' ? `«${o.value}»` : `"${o.value}"`);
    else if (o.kind === 'date') parts.push(o.value);
    else if (o.kind === 'milestone') parts.push(MILESTONE_LABELS[lang][o.value]);
    else parts.push(amount(o));
  }
  return parts.join(' ');
}

/** Conditions joined as one cell's text. */
export function conditionsText(lang: Lang, conditions: Condition[]): string {
  return conditions.map((c) => conditionText(lang, c)).join(lang === 'ru' ? ' и ' : ' and ');
}
