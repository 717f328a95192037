// Segments in TypeScript: which clients a segment's conditions select, in the order its tab lists them. The same
// rules as the tab's formula (./render.ts), value for value: text compared trimmed and ignoring case, a blank or text
// cell in a number column counts as 0, a date column holds a date or nothing, and "today" is the sheet's today.
import { splitServices } from '../derived';
import { addDays, daysBetween, nextAnniversary } from '../normalize/date';
import { hasReached } from '../reached';
import type { SettingsData } from '../settings';
import { type Amount, type Condition, fieldKind, LIST_SEPARATORS } from './grammar';
import { CLIENT_FIELD_BY_KEY, type SegmentPlan, weekStartsOnSunday } from './plan';

/** A client as the records adapter reads it: 'yyyy-mm-dd' dates, numbers, trimmed text, '' for blank. */
export type Card = Record<string, unknown>;

export interface EvalEnv {
  settings: SettingsData;
  /** 'yyyy-mm-dd' in the sheet's zone. */
  today: string;
  locale: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})/;

/** Text as Sheets' TRIM(x&"") gives it: ends trimmed, runs of spaces made one. */
export function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  return String(v).trim().replace(/ {2,}/g, ' ');
}
const lowerText = (v: unknown) => textOf(v).toLowerCase();
/** A number cell as IF(ISNUMBER(x), x, 0) reads it. */
export const numberOf = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
/** The calendar day of a date cell, or undefined. */
export const dayOf = (v: unknown): string | undefined => ISO.exec(String(v ?? ''))?.[0];

function amountValue(a: Amount, env: EvalEnv): number {
  return a.kind === 'number' ? a.value : Number(env.settings.values[a.key]);
}

/**
 * A cell compared with a number as Sheets compares them: a blank cell is 0, text is above every number (never equal
 * to one), numbers by value.
 */
export function compareCell(op: Condition['op'], v: unknown, n: number): boolean {
  if (typeof v === 'number' || v === '' || v === undefined || v === null) return compare(op, numberOf(v), n);
  return op === 'ne' || op === 'gt' || op === 'ge';
}

function compare(op: Condition['op'], a: number | string, b: number | string): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'ge':
      return a >= b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'lt':
      return a < b;
    default:
      return false;
  }
}

/** The birthday of `birth` in year y: 29 February is kept on 28 February in other years. */
export function anniversaryIn(birth: string, y: number): string {
  const [, , m, d] = ISO.exec(birth) as RegExpExecArray;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const day = m === '02' && d === '29' && !leap ? '28' : d;
  return `${String(y).padStart(4, '0')}-${m}-${day}`;
}

/** First day of the week holding `today` (Monday, or Sunday where the locale starts weeks on Sunday). */
export function weekStart(today: string, locale: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  const back = weekStartsOnSunday(locale) ? weekday : (weekday + 6) % 7;
  return addDays(today, -back);
}

function listItems(field: string, v: unknown): string[] {
  const separators = LIST_SEPARATORS[field];
  const text = lowerText(v);
  if (!text) return [];
  return separators === ';'
    ? splitServices(text)
    : text
        .split(new RegExp(`[${separators}]`))
        .map((x) => textOf(x))
        .filter(Boolean);
}

/** One condition on one card. */
export function holds(card: Card, c: Condition, env: EvalEnv): boolean {
  const field = CLIENT_FIELD_BY_KEY.get(c.field)!;
  const kind = fieldKind(field);
  const v = card[c.field];
  const o = c.operand;
  switch (c.op) {
    case 'empty':
      return textOf(v) === '';
    case 'notEmpty':
      return textOf(v) !== '';
    case 'reached':
      return o?.kind === 'milestone' && hasReached(env.settings, card, o.value);
    case 'contains':
    case 'notContains': {
      const found = o?.kind === 'text' && lowerText(v).includes(o.value.toLowerCase());
      return c.op === 'contains' ? found : !found;
    }
    case 'includes':
    case 'notIncludes': {
      const found = o?.kind === 'text' && listItems(c.field, v).includes(textOf(o.value).toLowerCase());
      return c.op === 'includes' ? found : !found;
    }
    default:
      break;
  }
  if (kind === 'number') return o ? compareCell(c.op, v, amountValue(o as Amount, env)) : false;
  if (kind === 'date' || kind === 'yearly') {
    const day = dayOf(v);
    if (o?.kind === 'date') return c.op === 'ne' ? day !== o.value : day !== undefined && compare(c.op, day, o.value);
    if (!day) return false;
    const today = env.today;
    const n = c.days ? amountValue(c.days, env) : 0;
    if (kind === 'yearly') {
      if (c.op === 'thisMonth') return day.slice(5, 7) === today.slice(5, 7);
      if (c.op === 'today') return anniversaryIn(day, Number(today.slice(0, 4))) === today;
      if (c.op === 'nextDays') return nextAnniversary(day, today).inDays <= n;
      return false;
    }
    switch (c.op) {
      case 'today':
        return day === today;
      case 'thisWeek': {
        const start = weekStart(today, env.locale);
        return day >= start && day <= addDays(start, 6);
      }
      case 'thisMonth':
        return day.slice(0, 7) === today.slice(0, 7);
      case 'nextDays':
        return day >= today && daysBetween(today, day) <= n;
      case 'lastDays':
        return day <= today && daysBetween(day, today) <= n;
      case 'agoAtLeast':
        return daysBetween(day, today) >= n;
      default:
        return false;
    }
  }
  // Text: compared trimmed, ignoring case, as Sheets' "=" does.
  const text = o?.kind === 'text' ? o.value.toLowerCase() : '';
  if (c.op === 'eq') return lowerText(v) === text;
  if (c.op === 'ne') return lowerText(v) !== text;
  return false;
}

/** A named card meeting every condition (a name read as blank is not a client). */
export function isMember(card: Card, conditions: Condition[], env: EvalEnv): boolean {
  return textOf(card.fullName) !== '' && conditions.every((c) => holds(card, c, env));
}

/** What a segment tab shows in a column for a card (helper columns computed). */
export function shownValue(card: Card, column: SegmentPlan['columns'][number], env: EvalEnv): unknown {
  if (!column.helper) return card[column.field];
  const day = dayOf(card[column.field]);
  if (!day) return '';
  return column.helper === 'day' ? Number(day.slice(8, 10)) : nextAnniversary(day, env.today).inDays;
}

/** The segment's members, in the order of its tab (its sort keys, then the name). */
export function selectMembers<T extends Card>(
  cards: T[],
  conditions: Condition[],
  plan: SegmentPlan,
  env: EvalEnv,
): T[] {
  const members = cards.filter((c) => isMember(c, conditions, env));
  const keyOf = (card: T, i: number) => {
    const v = shownValue(card, plan.columns[plan.sort[i].column], env);
    return typeof v === 'number' ? v : String(v ?? '').toLowerCase();
  };
  return members.sort((a, b) => {
    for (let i = 0; i < plan.sort.length; i++) {
      const x = keyOf(a, i);
      const y = keyOf(b, i);
      if (x === y) continue;
      // Sheets sorts numbers before text and blanks last, whatever the direction.
      if (x === '' || y === '') return x === '' ? 1 : -1;
      const less = typeof x === typeof y ? x < y : typeof x === 'number';
      return (less ? -1 : 1) * (plan.sort[i].asc ? 1 : -1);
    }
    return 0;
  });
}

/** Members and the sum of their total spent, as the tab's head shows them. */
export function segmentTotals(members: Card[]): { count: number; revenue: number } {
  const revenue = members.reduce((sum, c) => sum + numberOf(c.totalSpent), 0);
  return { count: members.length, revenue: Math.round(revenue * 100) / 100 };
}
