// Segments as sheet formulas: one SORT(FILTER(…)) per segment tab over the Clients columns, with the same rules as
// ./evaluate.ts. The formula count grows with segments, never with clients; each condition is one array expression
// linear in the rows, and Settings values and stage labels are read from their cells (src/domain/formulas.ts).
import type { Lang } from '../../i18n';
import {
  cellRef,
  clientColumn,
  columnLetter,
  type FormulaEnv,
  quoteSheet,
  type SettingsRefs,
  settingValue,
  textLiteral,
} from '../formulas';
import { costPerMemberFormula, memberKeyExprs } from '../funnelReport/segmentCost';
import { asSheetText } from '../normalize/text';
import { reachedExpr } from '../reached';
import { type Amount, type Condition, fieldKind, LIST_SEPARATORS } from './grammar';
import { segText } from './messages';
import { CLIENT_FIELD_BY_KEY, columnHeader, type SegmentColumn, type SegmentPlan, weekStartsOnSunday } from './plan';

export interface SegmentRenderEnv extends FormulaEnv {
  lang: Lang;
  locale: string;
  today: string;
}

/** The Funnel tab a segment's cost per member reads (its name now, and how many channels it was rendered with). */
export interface FunnelSource {
  sheetName: string;
  channels: number;
}

/** Settings cells a Conditions formula reads, by the text they hold now: a value equal to one stays bound to it. */
export type BoundValues = Map<string, string>;

const REF = /(?:'((?:[^']|'')+)'|([A-Za-zА-Яа-яЁё_][\w.А-Яа-яЁё]*))!\$?([A-Z]{1,3})\$?(\d+)/g;

/** List items of the Settings tab that a formula (a Conditions or name cell) refers to, by their current text. */
export function boundValues(formula: string | undefined, refs: SettingsRefs): BoundValues {
  const out: BoundValues = new Map();
  if (!formula) return out;
  for (const m of formula.matchAll(REF)) {
    const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
    if (sheet !== refs.sheetName) continue;
    const column = m[3].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const row = Number(m[4]);
    for (const [key, col] of Object.entries(refs.listColumns)) {
      if (col !== column) continue;
      const item = refs.listItems[key as keyof SettingsRefs['listItems']]?.find((i) => i.row === row);
      if (item) out.set(item.text.toLowerCase(), cellRef(refs.sheetName, row, column));
    }
  }
  return out;
}

const OPS: Record<string, string> = { eq: '=', ne: '<>', ge: '>=', le: '<=', gt: '>', lt: '<' };

function amount(env: SegmentRenderEnv, a: Amount): string {
  return a.kind === 'number' ? String(a.value) : `(${settingValue(env, a.key)})`;
}

/** The date serial of an ISO day, as DATE(y,m,d). */
const dateOf = (iso: string) =>
  `DATE(${Number(iso.slice(0, 4))},${Number(iso.slice(5, 7))},${Number(iso.slice(8, 10))})`;

/** The birthday of date column `c` in year expression `y` (29 February on 28 February in other years). */
function anniversary(c: string, y: string): string {
  return `DATE(${y},MONTH(${c}),DAY(${c})-(MONTH(${c})=2)*(DAY(${c})=29)*(DAY(DATE(${y},3,0))=28))`;
}

/** Days from today to the next birthday of date column `c` (today counts as 0). */
function daysToAnniversary(c: string): string {
  const thisYear = anniversary(c, 'YEAR(TODAY())');
  return `(IF(${thisYear}<TODAY(),${anniversary(c, 'YEAR(TODAY())+1')},${thisYear})-TODAY())`;
}

/** A date column compared with day bounds: a date (with or without a time) from `start` up to before `end`. */
function between(c: string, start: string | undefined, end: string | undefined): string {
  const parts = [`ISNUMBER(${c})`];
  if (start) parts.push(`(${c}>=${start})`);
  if (end) parts.push(`(${c}<${end})`);
  return `(${parts.join('*')})`;
}

/** A yearly test that is 0 for a cell without a date (blank or text) instead of an error. */
const onDate = (c: string, test: string) => `IFERROR(ISNUMBER(${c})*${test},0)`;

/**
 * One condition as an array expression over the Clients rows (non-zero where it holds). Few operations per row:
 * numbers are compared as Sheets compares cells (a blank is 0, text is above every number — ./evaluate.ts does the
 * same), dates against day bounds computed once.
 */
export function conditionTerm(env: SegmentRenderEnv, c: Condition, bound: BoundValues = new Map()): string {
  const field = CLIENT_FIELD_BY_KEY.get(c.field)!;
  const kind = fieldKind(field);
  const col = clientColumn(env, c.field);
  const text = `TRIM(${col}&"")`;
  const o = c.operand;
  // A text value bound to a Settings cell reads the cell; a cell left blank selects nobody.
  const cell = o?.kind === 'text' ? bound.get(o.value.toLowerCase()) : undefined;
  const value = o?.kind === 'text' ? (cell ? `TRIM(${cell})` : textLiteral(o.value)) : '';
  const guard = cell ? `*(TRIM(${cell})<>"")` : '';
  switch (c.op) {
    case 'empty':
      return `(${text}="")`;
    case 'notEmpty':
      return `(${text}<>"")`;
    case 'reached':
      return o?.kind === 'milestone' ? reachedExpr(env, o.value) : '0';
    case 'contains':
      return `ISNUMBER(FIND(LOWER(${value}),LOWER(${text})))${guard}`;
    case 'notContains':
      return `(1-ISNUMBER(FIND(LOWER(${value}),LOWER(${text}))))${guard}`;
    case 'includes':
    case 'notIncludes': {
      const separators = LIST_SEPARATORS[c.field];
      const items = `";"&REGEXREPLACE(LOWER(${text}),"\\s*[${separators}]\\s*",";")&";"`;
      const found = `ISNUMBER(FIND(";"&LOWER(${value})&";",${items}))`;
      return c.op === 'includes' ? `${found}${guard}` : `(1-${found})${guard}`;
    }
    default:
      break;
  }
  if (kind === 'number') return `(${col}${OPS[c.op]}${amount(env, o as Amount)})`;
  if (kind === 'date' || kind === 'yearly') {
    if (o?.kind === 'date') {
      const d = dateOf(o.value);
      const next = `(${d}+1)`;
      switch (c.op) {
        case 'eq':
          return between(col, d, next);
        case 'ne':
          return `(1-${between(col, d, next)})`;
        case 'ge':
          return between(col, d, undefined);
        case 'gt':
          return between(col, next, undefined);
        case 'le':
          return between(col, undefined, next);
        default:
          return between(col, undefined, d);
      }
    }
    const n = c.days ? amount(env, c.days) : '0';
    if (kind === 'yearly') {
      if (c.op === 'thisMonth') return onDate(col, `(MONTH(${col})=MONTH(TODAY()))`);
      if (c.op === 'today') return onDate(col, `(${anniversary(col, 'YEAR(TODAY())')}=TODAY())`);
      return onDate(col, `(${daysToAnniversary(col)}<=${n})`);
    }
    switch (c.op) {
      case 'today':
        return between(col, 'TODAY()', '(TODAY()+1)');
      case 'thisWeek': {
        const start = `(TODAY()-WEEKDAY(TODAY(),${weekStartsOnSunday(env.locale) ? 1 : 2})+1)`;
        return between(col, start, `(${start}+7)`);
      }
      case 'thisMonth':
        return between(col, 'DATE(YEAR(TODAY()),MONTH(TODAY()),1)', 'DATE(YEAR(TODAY()),MONTH(TODAY())+1,1)');
      case 'nextDays':
        return between(col, 'TODAY()', `(TODAY()+${n}+1)`);
      case 'lastDays':
        return between(col, `(TODAY()-${n})`, '(TODAY()+1)');
      default:
        return between(col, undefined, `(TODAY()-${n}+1)`);
    }
  }
  if (c.op === 'eq') return `(${text}=${value})${guard}`;
  return `(${text}<>${value})${guard}`;
}

function columnExpr(env: SegmentRenderEnv, column: SegmentColumn): string {
  const col = clientColumn(env, column.field);
  if (column.helper === 'day') return `DAY(${col})`;
  if (column.helper === 'inDays') return daysToAnniversary(col);
  return col;
}

/**
 * The formula listing a segment's clients: their columns (then `extra` computed columns), filtered by every
 * condition, sorted. One empty text cell when nobody matches (FILTER's #N/A caught).
 */
export function segmentFormula(
  env: SegmentRenderEnv,
  conditions: Condition[],
  plan: SegmentPlan,
  bound: BoundValues = new Map(),
  extra: string[] = [],
): string {
  const data = `{${[...plan.columns.map((c) => columnExpr(env, c)), ...extra].join(',')}}`;
  const terms = [
    `(TRIM(${clientColumn(env, 'fullName')}&"")<>"")`,
    ...conditions.map((c) => conditionTerm(env, c, bound)),
  ];
  const keys = plan.sort.map((s) => `${s.column + 1},${s.asc ? 'TRUE' : 'FALSE'}`).join(',');
  return `=ARRAYFORMULA(IFERROR(SORT(FILTER(${data},${terms.join(',')}),${keys}),""))`;
}

/** First row of the listed clients on a segment tab; rows above: name, head count and total, conditions, headers. */
export const FIRST_MEMBER_ROW = 5;

export interface SegmentSource {
  name: string;
  /** The name cell's formula when it has one (it reads a Settings cell): the tab's title shows it live. */
  nameFormula?: string;
  conditions: string;
  conditionsFormula?: string;
}

/** The whole grid of a segment tab (text that would read as a formula is kept as text). */
export function segmentGrid(
  env: SegmentRenderEnv,
  source: SegmentSource,
  conditions: Condition[],
  plan: SegmentPlan,
  bound: BoundValues = new Map(),
  funnel?: FunnelSource,
): unknown[][] {
  // With a Funnel tab, two more listed columns (hidden on the tab): each member's cohort month and channel, which
  // the cost cell looks up in the funnel (src/domain/funnelReport/segmentCost.ts).
  const keys = funnel ? memberKeyExprs(env) : undefined;
  const width = plan.columns.length + (keys ? 2 : 0);
  const row = (...cells: unknown[]) => [...cells, ...new Array(Math.max(width - cells.length, 0)).fill('')];
  const spent = columnLetter(plan.columns.findIndex((c) => c.field === 'totalSpent' && !c.helper) + 1);
  const first = FIRST_MEMBER_ROW;
  const range = (column: number) => `${columnLetter(column)}${first}:${columnLetter(column)}`;
  const cost =
    funnel && keys
      ? [
          segText(env.lang, 'head.cost'),
          costPerMemberFormula(funnel, range(plan.columns.length + 1), range(plan.columns.length + 2)),
        ]
      : [];
  return [
    row(source.nameFormula ?? asSheetText(source.name)),
    row(
      segText(env.lang, 'head.count'),
      // Names are never blank in the list; the empty text shown when nobody matches is not counted.
      `=SUMPRODUCT(--(LEN(A${first}:A)>0))`,
      segText(env.lang, 'head.revenue'),
      `=SUM(${spent}${first}:${spent})`,
      ...cost,
    ),
    row(segText(env.lang, 'head.conditions'), source.conditionsFormula ?? asSheetText(source.conditions)),
    row(...plan.columns.map((c) => columnHeader(env.lang, c))),
    row(segmentFormula(env, conditions, plan, bound, keys ? [keys.key, keys.channel] : [])),
  ];
}

/** A segment tab whose conditions cannot be read: its name and the error, nothing listed. */
export function errorGrid(lang: Lang, source: SegmentSource, error: string): unknown[][] {
  return [
    [source.nameFormula ?? asSheetText(source.name), ''],
    [segText(lang, 'head.error') + error, ''],
    [segText(lang, 'head.conditions'), source.conditionsFormula ?? asSheetText(source.conditions)],
  ];
}

/** Where the head count and the total spent of a segment tab are. */
export const COUNT_CELL = 'B2';
export const REVENUE_CELL = 'D2';
/** The average acquisition cost of the members (with a Funnel tab). */
export const COST_CELL = 'F2';

/**
 * The Segments overview: per segment its name, head count, total spent, spent per client, a link to its tab and,
 * with a Funnel tab, what one member cost to acquire.
 */
export function overviewGrid(
  lang: Lang,
  rows: Array<{ source: SegmentSource; tabName: string; sheetId: number }>,
  withCost = false,
): unknown[][] {
  const header = ['head.segment', 'head.count', 'head.revenue', 'head.perMember', 'head.tab', 'head.cost'] as const;
  const grid: unknown[][] = [
    header
      .slice(0, withCost ? 6 : 5)
      .map((k) => (k === 'head.segment' ? segText(lang, 'field.name') : segText(lang, k))),
  ];
  rows.forEach(({ source, tabName, sheetId }, i) => {
    const r = i + 2;
    const tab = quoteSheet(tabName);
    grid.push([
      source.nameFormula ?? asSheetText(source.name),
      `=${tab}!$${COUNT_CELL[0]}$${COUNT_CELL.slice(1)}`,
      `=${tab}!$${REVENUE_CELL[0]}$${REVENUE_CELL.slice(1)}`,
      `=IF(B${r}>0,C${r}/B${r},0)`,
      `=HYPERLINK(${textLiteral(`#gid=${sheetId}`)},${textLiteral(tabName)})`,
      ...(withCost ? [`=${tab}!$${COST_CELL[0]}$${COST_CELL.slice(1)}`] : []),
    ]);
  });
  return grid;
}
