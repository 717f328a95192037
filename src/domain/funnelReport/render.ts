// The Funnel tab as live formulas: a month picker with its stage counts and costs, the table per month and channel,
// the leads and buyers per month by channel, and the working data they all read.
//
// Why one QUERY pivot: every count comes from one array formula per source tab that classifies each client once
// (cohort month, channel, the steps reached, total spent; linear in clients) and groups them into at most
// months × (channels + 1) rows; every visible cell is a SUMIFS over those few rows. The formula count grows with
// months × channels, never with clients, and no formula scans the Clients columns more than once.
//
// The rules are the ones src/domain/funnelReport/compute.ts applies in TypeScript: a lead is a card with a name, its
// cohort is the month of "Created on" (else "First contact"), a step counts when src/domain/reached.ts says it was
// reached, the channel is the Settings channel equal to the source (trimmed, ignoring case), anything else "other".
import type { Lang } from '../../i18n';
import {
  asText,
  columnLetter,
  type FormulaEnv,
  listItemCell,
  quoteSheet,
  sourceColumn,
  textLiteral,
} from '../formulas';
import { reachedExpr } from '../reached';
import type { Rect, TabDress } from '../tabDress';
import { channelsOf, FUNNEL_MONTHS, monthKey } from './model';
import { type FunnelTextKey, funnelText } from './texts';

export interface FunnelRenderEnv extends FormulaEnv {
  lang: Lang;
  locale: string;
  /** 'yyyy-mm-dd' in the sheet's zone: the table ends with this month when rendered. */
  today: string;
}

/** Columns of the month × channel table, 1-based. */
export const COL = {
  month: 1,
  channel: 2,
  leads: 3,
  contacts: 4,
  visits: 5,
  buyers: 6,
  leadToContact: 7,
  contactToVisit: 8,
  visitToBuyer: 9,
  leadToBuyer: 10,
  spend: 11,
  costPerLead: 12,
  costPerContact: 13,
  costPerVisit: 14,
  costPerBuyer: 15,
  revenue: 16,
  revenuePerLead: 17,
} as const;
export type Metric = Exclude<keyof typeof COL, 'month' | 'channel'>;
export const METRICS = Object.keys(COL).slice(2) as Metric[];
const TABLE_WIDTH = COL.revenuePerLead;

/** Rows of the picker block (label in A, count in B, conversion in C, cost of one in D). */
export const PICK = {
  lastMonth: 2,
  picker: 4,
  header: 5,
  leads: 6,
  contacts: 7,
  visits: 8,
  buyers: 9,
  leadToBuyer: 10,
  spend: 11,
  revenue: 12,
  revenuePerLead: 13,
} as const;

/** Where everything sits for a given number of channels. Months run newest first in the table. */
export interface FunnelLayout {
  channels: number;
  months: number;
  /** Title row of the table, its header row and first data row. */
  tableTitle: number;
  tableHeader: number;
  /** Row of month i (0 = last month), channel j (0…channels-1; channels = other; channels+1 = all channels). */
  row(i: number, j: number): number;
  /** Row of the 12-month totals of channel j (same j as above). */
  totalRow(j: number): number;
  /** Header row of the leads and buyers blocks (months oldest first below it; channels then other across). */
  leadsBlock: number;
  buyersBlock: number;
  /** Working data: the client pivot (7 columns) and the spend pivot (3 columns), from row 3, `pivotRows` rows each. */
  pivotColumn: number;
  spendColumn: number;
  pivotRows: number;
  lastRow: number;
  lastColumn: number;
}

export function funnelLayout(channels: number, months = FUNNEL_MONTHS): FunnelLayout {
  const group = channels + 2;
  const tableTitle = 20;
  const tableHeader = tableTitle + 1;
  const first = tableHeader + 1;
  const totals = first + months * group;
  const leadsBlock = totals + group + 2;
  const buyersBlock = leadsBlock + months + 3;
  const blockWidth = channels + 2;
  const pivotColumn = Math.max(TABLE_WIDTH, blockWidth) + 3;
  const pivotRows = months * (channels + 1) + 1;
  return {
    channels,
    months,
    tableTitle,
    tableHeader,
    row: (i, j) => first + i * group + j,
    totalRow: (j) => totals + j,
    leadsBlock,
    buyersBlock,
    pivotColumn,
    spendColumn: pivotColumn + 8,
    pivotRows,
    lastRow: Math.max(buyersBlock + months, 2 + pivotRows),
    lastColumn: pivotColumn + 10,
  };
}

/** A1 of a cell, with $ on both parts. */
const abs = (row: number, column: number) => `$${columnLetter(column)}$${row}`;
const a1 = (row: number, column: number) => `${columnLetter(column)}${row}`;

/** The pivot's columns: cohort key, channel index, leads, contacts, visits, buyers, revenue. */
const PIVOT = { key: 0, channel: 1, leads: 2, contacts: 3, visits: 4, buyers: 5, revenue: 6 } as const;
const SPEND = { key: 0, channel: 1, amount: 2 } as const;

/** A fixed column of the working data, e.g. $U$3:$U$112. */
function pivotRange(layout: FunnelLayout, first: number, offset: number): string {
  const c = first + offset;
  return `${abs(3, c)}:${abs(2 + layout.pivotRows, c)}`;
}

/** The Funnel tab's working data as another tab refers to it: pivot columns and the window's month keys. */
export function funnelRefs(sheetName: string, channels: number) {
  const L = funnelLayout(channels);
  const on = (range: string) => `${quoteSheet(sheetName)}!${range}`;
  return {
    leads: {
      key: on(pivotRange(L, L.pivotColumn, PIVOT.key)),
      channel: on(pivotRange(L, L.pivotColumn, PIVOT.channel)),
      count: on(pivotRange(L, L.pivotColumn, PIVOT.leads)),
    },
    spend: {
      key: on(pivotRange(L, L.spendColumn, SPEND.key)),
      channel: on(pivotRange(L, L.spendColumn, SPEND.channel)),
      amount: on(pivotRange(L, L.spendColumn, SPEND.amount)),
    },
    start: on(abs(2, L.pivotColumn)),
    end: on(abs(2, L.pivotColumn + 1)),
  };
}

/** yyyy*100+mm of a date cell (as monthKey in TypeScript). */
const keyOf = (cell: string) => `(YEAR(${cell})*100+MONTH(${cell}))`;

/**
 * Per row of a records column: the 1-based Settings channel its text names (trimmed, ignoring case), 0 for a blank
 * or unknown text — the formula form of model.ts channelIndex. Settings cells are read, so a renamed channel is
 * followed; a channel added to Settings needs a rebuild.
 */
export function channelIndexExpr(env: FunnelRenderEnv, column: string): string {
  const text = asText(column);
  const cells = channelsOf(env.settings)
    .map((c) => listItemCell(env, 'channels', c))
    .map((cell, i) => (cell ? `TRIM(${cell})` : textLiteral(channelsOf(env.settings)[i])));
  if (!cells.length) return `(${text}="")*0`;
  return `IF(${text}="",0,IFERROR(MATCH(${text},{${cells.join(';')}},0),0))`;
}

/** Per Clients row: the cohort month key of a lead (Created on, else First contact), 0 otherwise. */
export function cohortKeyExpr(env: FunnelRenderEnv): string {
  const created = sourceColumn(env, 'clients', 'createdOn');
  const first = sourceColumn(env, 'clients', 'firstContactOn');
  const lead = reachedExpr(env, 'lead');
  return `IF(${lead},IF(ISNUMBER(${created}),${keyOf(created)},IF(ISNUMBER(${first}),${keyOf(first)},0)),0)`;
}

const numberOr0 = (column: string) => `IF(ISNUMBER(${column}),${column},0)`;

/** One QUERY grouping the rows of `arrays` (key, channel, then numbers) by month key and channel, within the window. */
function pivotFormula(arrays: string[], window: { start: string; end: string }, count: boolean): string {
  const sums = arrays.slice(2).map((_, i) => `sum(Col${i + 3})`);
  const columns = ['Col1', 'Col2', ...(count ? ['count(Col1)'] : []), ...sums];
  // Every label blank: the result has no header row, only the groups.
  const labels = columns.map((x) => `${x} ''`).join(', ');
  const where = `where Col1 >= "&${window.start}&" and Col1 <= "&${window.end}&"`;
  const query = `"select ${columns.join(', ')} ${where} group by Col1, Col2 label ${labels}"`;
  // An empty result is #N/A in Sheets: blank instead.
  return `=ARRAYFORMULA(IFERROR(QUERY({${arrays.join(',')}},${query},0),""))`;
}

/** The client pivot: per (month, channel) the leads, contacts, visits, buyers and revenue. */
export function clientPivotFormula(env: FunnelRenderEnv, window: { start: string; end: string }): string {
  return pivotFormula(
    [
      cohortKeyExpr(env),
      channelIndexExpr(env, sourceColumn(env, 'clients', 'source')),
      `${reachedExpr(env, 'contact')}*1`,
      `${reachedExpr(env, 'visit')}*1`,
      `${reachedExpr(env, 'client')}*1`,
      numberOr0(sourceColumn(env, 'clients', 'totalSpent')),
    ],
    window,
    true,
  );
}

/** The spend pivot: per (month, channel) the Ad spend amounts. */
export function spendPivotFormula(env: FunnelRenderEnv, window: { start: string; end: string }): string {
  const month = sourceColumn(env, 'adSpend', 'month');
  return pivotFormula(
    [
      `IF(ISNUMBER(${month}),${keyOf(month)},0)`,
      channelIndexExpr(env, sourceColumn(env, 'adSpend', 'channel')),
      numberOr0(sourceColumn(env, 'adSpend', 'amount')),
    ],
    window,
    false,
  );
}

type Grid = unknown[][];

/** The "last month of the table" cell as rendered: the first day of the month of `key`. */
export function lastMonthFormula(key: number): string {
  return `=DATE(${Math.floor(key / 100)},${key % 100},1)`;
}

/**
 * The month key the "last month" cell should move to on `today`, or undefined to leave it: only the rendered formula
 * moves (a month a person typed stays), and only forwards, to today's month.
 */
export function rolledLastMonth(formula: string, today: string): number | undefined {
  const m = /^=DATE\((\d{4}),(\d{1,2}),1\)$/.exec(formula.replace(/\s+/g, ''));
  if (!m) return undefined;
  const now = monthKey(today);
  return Number(m[1]) * 100 + Number(m[2]) < now ? now : undefined;
}

function emptyGrid(layout: FunnelLayout): Grid {
  return Array.from({ length: layout.lastRow }, () => new Array(layout.lastColumn).fill(''));
}

/** Ratio of two cells, blank when the denominator is not above zero (never #DIV/0!). */
const ratio = (num: string, den: string) => `=IF(N(${den})>0,N(${num})/${den},"")`;

/** The Funnel tab's grid: values, and formulas as text starting with '='. */
export function renderFunnel(env: FunnelRenderEnv): Grid {
  const lang = env.lang;
  const tx = (k: FunnelTextKey) => funnelText(lang, k);
  const channels = channelsOf(env.settings);
  const n = channels.length;
  const L = funnelLayout(n);
  const g = emptyGrid(L);
  const set = (row: number, column: number, v: unknown) => {
    g[row - 1][column - 1] = v;
  };
  const end = monthKey(env.today);
  const last = abs(PICK.lastMonth, 2);
  const startCell = abs(2, L.pivotColumn);
  const endCell = abs(2, L.pivotColumn + 1);
  const window = { start: startCell, end: endCell };
  const P = (offset: number) => pivotRange(L, L.pivotColumn, offset);
  const S = (offset: number) => pivotRange(L, L.spendColumn, offset);

  // Title, the last month of the table (people may type another), the picker.
  set(1, 1, tx('title'));
  set(PICK.lastMonth, 1, tx('lastMonth'));
  set(PICK.lastMonth, 2, lastMonthFormula(end));
  set(PICK.lastMonth, 3, tx('lastMonthNote'));
  set(PICK.picker, 1, tx('pickMonth'));
  set(PICK.picker, 2, `=${last}`);
  set(PICK.picker, 3, tx('pickMonthNote'));
  set(PICK.header, 1, tx('stage'));
  set(PICK.header, 2, tx('count'));
  set(PICK.header, 3, tx('conversionFromPrevious'));
  set(PICK.header, 4, tx('costPerOne'));
  const picked = keyOf(abs(PICK.picker, 2));
  const pickSteps = [
    [PICK.leads, 'leads', PIVOT.leads],
    [PICK.contacts, 'contacts', PIVOT.contacts],
    [PICK.visits, 'visits', PIVOT.visits],
    [PICK.buyers, 'buyers', PIVOT.buyers],
  ] as const;
  const spendPicked = a1(PICK.spend, 2);
  pickSteps.forEach(([row, label, offset], k) => {
    set(row, 1, tx(label));
    set(row, 2, `=SUMIFS(${P(offset)},${P(PIVOT.key)},${picked})`);
    if (k > 0) set(row, 3, ratio(a1(row, 2), a1(row - 1, 2)));
    set(row, 4, ratio(spendPicked, a1(row, 2)));
  });
  set(PICK.leadToBuyer, 1, tx('leadToBuyer'));
  set(PICK.leadToBuyer, 3, ratio(a1(PICK.buyers, 2), a1(PICK.leads, 2)));
  set(PICK.spend, 1, tx('spend'));
  set(PICK.spend, 2, `=SUMIFS(${S(SPEND.amount)},${S(SPEND.key)},${picked})`);
  set(PICK.revenue, 1, tx('revenue'));
  set(PICK.revenue, 2, `=SUMIFS(${P(PIVOT.revenue)},${P(PIVOT.key)},${picked})`);
  set(PICK.revenuePerLead, 1, tx('revenuePerLead'));
  set(PICK.revenuePerLead, 2, ratio(a1(PICK.revenue, 2), a1(PICK.leads, 2)));

  // The table: one row per month and channel, then "other", then all channels; then the 12-month totals.
  set(L.tableTitle, 1, tx('byMonthChannel'));
  const headerKeys: FunnelTextKey[] = [
    'pickMonth',
    'field.channel',
    'leads',
    'contacts',
    'visits',
    'buyers',
    'leadToContact',
    'contactToVisit',
    'visitToBuyer',
    'leadToBuyer',
    'spend',
    'costPerLead',
    'costPerContact',
    'costPerVisit',
    'costPerBuyer',
    'revenue',
    'revenuePerLead',
  ];
  headerKeys.forEach((k, c) => {
    set(L.tableHeader, c + 1, tx(k));
  });
  const channelLabel = (j: number): string => {
    if (j === n) return tx('otherChannel');
    if (j === n + 1) return tx('allChannels');
    const cell = listItemCell(env, 'channels', channels[j]);
    return cell ? `=${asText(cell)}` : channels[j];
  };
  /** The formulas of one table row: counts and sums from the pivots under `criteria`, ratios from the row. */
  const tableRow = (row: number, criteria: string, spendCriteria: string) => {
    const sum = (range: string, offset: number, cr: string) =>
      cr ? `=SUMIFS(${range === 'P' ? P(offset) : S(offset)},${cr})` : `=SUM(${range === 'P' ? P(offset) : S(offset)})`;
    set(row, COL.leads, sum('P', PIVOT.leads, criteria));
    set(row, COL.contacts, sum('P', PIVOT.contacts, criteria));
    set(row, COL.visits, sum('P', PIVOT.visits, criteria));
    set(row, COL.buyers, sum('P', PIVOT.buyers, criteria));
    set(row, COL.revenue, sum('P', PIVOT.revenue, criteria));
    set(row, COL.spend, sum('S', SPEND.amount, spendCriteria));
    const c = (column: number) => a1(row, column);
    set(row, COL.leadToContact, ratio(c(COL.contacts), c(COL.leads)));
    set(row, COL.contactToVisit, ratio(c(COL.visits), c(COL.contacts)));
    set(row, COL.visitToBuyer, ratio(c(COL.buyers), c(COL.visits)));
    set(row, COL.leadToBuyer, ratio(c(COL.buyers), c(COL.leads)));
    set(row, COL.costPerLead, ratio(c(COL.spend), c(COL.leads)));
    set(row, COL.costPerContact, ratio(c(COL.spend), c(COL.contacts)));
    set(row, COL.costPerVisit, ratio(c(COL.spend), c(COL.visits)));
    set(row, COL.costPerBuyer, ratio(c(COL.spend), c(COL.buyers)));
    set(row, COL.revenuePerLead, ratio(c(COL.revenue), c(COL.leads)));
  };
  /** Criteria on a pivot's key and channel columns (either may be left out). */
  const criteria = (range: (o: number) => string, key: string | null, channel: number | null) =>
    [key === null ? '' : `${range(0)},${key}`, channel === null ? '' : `${range(1)},${channel}`]
      .filter(Boolean)
      .join(',');
  const channelCode = (j: number) => (j === n ? 0 : j + 1);
  for (let i = 0; i < L.months; i++) {
    for (let j = 0; j <= n + 1; j++) {
      const row = L.row(i, j);
      set(row, COL.month, `=EDATE(${last},${-i})`);
      set(row, COL.channel, channelLabel(j));
      const key = keyOf(a1(row, COL.month));
      const ch = j === n + 1 ? null : channelCode(j);
      tableRow(row, criteria(P, key, ch), criteria(S, key, ch));
    }
  }
  for (let j = 0; j <= n + 1; j++) {
    const row = L.totalRow(j);
    set(row, COL.month, tx('allMonths'));
    set(row, COL.channel, channelLabel(j));
    const ch = j === n + 1 ? null : channelCode(j);
    tableRow(row, criteria(P, null, ch), criteria(S, null, ch));
  }

  // Leads and buyers per month (oldest first) by channel: what the two charts draw, and the picker's list.
  const block = (top: number, title: FunnelTextKey, column: number) => {
    set(top - 1, 1, tx(title));
    set(top, 1, tx('pickMonth'));
    for (let j = 0; j <= n; j++) set(top, j + 2, channelLabel(j));
    for (let m = 0; m < L.months; m++) {
      const i = L.months - 1 - m;
      set(top + 1 + m, 1, `=EDATE(${last},${-i})`);
      for (let j = 0; j <= n; j++) set(top + 1 + m, j + 2, `=${a1(L.row(i, j), column)}`);
    }
  };
  block(L.leadsBlock, 'leadsByMonth', COL.leads);
  block(L.buyersBlock, 'buyersByMonth', COL.buyers);

  // Working data: the shown months as keys, then the two pivots.
  set(1, L.pivotColumn, tx('helper'));
  set(2, L.pivotColumn, `=${keyOf(`EDATE(${last},${-(L.months - 1)})`)}`);
  set(2, L.pivotColumn + 1, `=${keyOf(last)}`);
  set(3, L.pivotColumn, clientPivotFormula(env, window));
  set(3, L.spendColumn, spendPivotFormula(env, window));
  return g;
}

/** Formats, dropdown, colour scales and charts of the Funnel tab. */
export function dressFunnel(env: FunnelRenderEnv): TabDress {
  const lang = env.lang;
  const n = channelsOf(env.settings).length;
  const L = funnelLayout(n);
  const rows = (first: number, count: number, column: number, columns = 1): Rect => ({
    row: first,
    column,
    rows: count,
    columns,
  });
  const tableRows = L.months * (n + 2) + n + 2;
  const firstRow = L.row(0, 0);
  const allRows: Rect[] = [];
  for (let i = 0; i < L.months; i++) allRows.push(rows(L.row(i, n + 1), 1, 1, TABLE_WIDTH));
  const blockMonths = (top: number) => rows(top + 1, L.months, 1);
  const blockCounts = (top: number) => rows(top + 1, L.months, 2, n + 1);
  const titles = (key: FunnelTextKey) => [funnelText('ru', key), funnelText('en', key)];
  const chart = (key: FunnelTextKey, top: number, column: number) => ({
    titles: titles(key),
    title: funnelText(lang, key),
    type: 'column' as const,
    range: rows(top, L.months + 1, 1, n + 2),
    stacked: true,
    anchor: { row: 3, column },
    width: 480,
    height: 320,
  });
  return {
    locale: env.locale,
    currency: env.settings.values.currency,
    formats: [
      {
        kind: 'month',
        ranges: [
          rows(PICK.lastMonth, 1, 2),
          rows(PICK.picker, 1, 2),
          rows(firstRow, L.months * (n + 2), COL.month),
          blockMonths(L.leadsBlock),
          blockMonths(L.buyersBlock),
        ],
      },
      {
        kind: 'count',
        ranges: [
          rows(PICK.leads, 4, 2),
          rows(firstRow, tableRows, COL.leads, 4),
          blockCounts(L.leadsBlock),
          blockCounts(L.buyersBlock),
        ],
      },
      {
        kind: 'percent',
        ranges: [rows(PICK.contacts, 4, 3), rows(firstRow, tableRows, COL.leadToContact, 4)],
      },
      {
        kind: 'money',
        ranges: [
          rows(PICK.leads, 4, 4),
          rows(PICK.spend, 3, 2),
          rows(firstRow, tableRows, COL.spend, TABLE_WIDTH - COL.spend + 1),
        ],
      },
    ],
    bold: [
      rows(1, 1, 1),
      rows(PICK.header, 1, 1, 4),
      rows(L.tableTitle, 2, 1, TABLE_WIDTH),
      ...allRows,
      rows(L.totalRow(0), n + 2, 1, 2),
      rows(L.totalRow(n + 1), 1, 1, TABLE_WIDTH),
      rows(L.leadsBlock - 1, 2, 1, n + 2),
      rows(L.buyersBlock - 1, 2, 1, n + 2),
    ],
    widths: [
      { column: 1, width: 190 },
      { column: 2, width: 170 },
      ...Array.from({ length: TABLE_WIDTH - 2 }, (_, k) => ({ column: k + 3, width: 105 })),
    ],
    hidden: { column: L.pivotColumn, columns: L.lastColumn - L.pivotColumn + 1 },
    dropdowns: [
      {
        cell: rows(PICK.picker, 1, 2),
        from: blockMonths(L.leadsBlock),
        help: funnelText(lang, 'pickMonthNote'),
      },
    ],
    dateInputs: [{ cell: rows(PICK.lastMonth, 1, 2), help: funnelText(lang, 'lastMonthNote') }],
    gradients: [
      {
        ranges: [rows(PICK.contacts, 4, 3), rows(firstRow, tableRows, COL.leadToContact, 4)],
        min: 0,
        max: 1,
        minColor: '#ffffff',
        maxColor: '#57bb8a',
      },
    ],
    charts: [
      {
        titles: titles('stagesChart'),
        title: funnelText(lang, 'stagesChart'),
        type: 'bar',
        range: rows(PICK.header, 5, 1, 2),
        anchor: { row: 3, column: 6 },
        width: 420,
        height: 320,
      },
      chart('leadsByMonth', L.leadsBlock, 11),
      chart('buyersByMonth', L.buyersBlock, 16),
    ],
  };
}
