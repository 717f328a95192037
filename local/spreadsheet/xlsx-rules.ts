// Data validation and conditional format rules in .xlsx files: each rule written once over non-overlapping
// rectangles, in forms Excel and Sheets both read, and read back into the same rules.

import type ExcelJS from 'exceljs';
import { columnToLetters, parseA1, quoteSheetName, toA1 } from './a1';
import { type Book, isDateObject, type SheetData, TrackedRange, type ValidationRule } from './book';
import { type CfFormat, type CfRuleData, type GradientPoint, replaceRules, storedRules } from './conditional';
import { offsetFormula } from './refs';
import { dateToSerial, partsToSerial, serialParts, serialToDate } from './tz';
import { excelSheetName } from './xlsx-names';

interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

const cellA1 = (r: number, c: number) => `${columnToLetters(c + 1)}${r + 1}`;
const rectA1 = (x: Rect) => toA1(x.r0 + 1, x.c0 + 1, x.r1 - x.r0 + 1, x.c1 - x.c0 + 1);
const excelText = (s: unknown) => `"${String(s).replace(/"/g, '""')}"`;
const argb = (color: string) => `FF${color.replace('#', '').toUpperCase()}`;
const fromArgb = (a: string | undefined) => (a && /^[0-9A-F]{8}$/i.test(a) ? `#${a.slice(2).toLowerCase()}` : null);

/** Cells sharing one rule object, as rectangles that cover each cell once (rows first, then downwards). */
function rectanglesOf<T>(grid: ReadonlyArray<ReadonlyArray<T | undefined> | undefined>): Map<T, Rect[]> {
  const out = new Map<T, Rect[]>();
  const done = new Set<string>();
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const rule = row[c];
      if (rule === undefined || done.has(`${r},${c}`)) continue;
      let c1 = c;
      while (row[c1 + 1] === rule && !done.has(`${r},${c1 + 1}`)) c1++;
      let r1 = r;
      const same = (rr: number) => {
        const line = grid[rr];
        if (!line) return false;
        for (let k = c; k <= c1; k++) if (line[k] !== rule || done.has(`${rr},${k}`)) return false;
        return true;
      };
      while (same(r1 + 1)) r1++;
      for (let i = r; i <= r1; i++) for (let k = c; k <= c1; k++) done.add(`${i},${k}`);
      const list = out.get(rule) ?? [];
      list.push({ r0: r, c0: c, r1, c1 });
      out.set(rule, list);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Data validation

const NUMBER_OPS: Record<string, string> = {
  NUMBER_BETWEEN: 'between',
  NUMBER_NOT_BETWEEN: 'notBetween',
  NUMBER_EQUAL_TO: 'equal',
  NUMBER_NOT_EQUAL_TO: 'notEqual',
  NUMBER_GREATER_THAN: 'greaterThan',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'greaterThanOrEqual',
  NUMBER_LESS_THAN: 'lessThan',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'lessThanOrEqual',
};
const DATE_OPS: Record<string, string> = {
  DATE_BETWEEN: 'between',
  DATE_NOT_BETWEEN: 'notBetween',
  DATE_EQUAL_TO: 'equal',
  DATE_AFTER: 'greaterThan',
  DATE_ON_OR_AFTER: 'greaterThanOrEqual',
  DATE_BEFORE: 'lessThan',
  DATE_ON_OR_BEFORE: 'lessThanOrEqual',
};
const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const NUMBER_BY_OP = invert(NUMBER_OPS);
const DATE_BY_OP = invert(DATE_OPS);

/** The calendar day (in the spreadsheet's zone) of a Date, as the UTC midnight exceljs writes as that serial. */
function dayAsUtc(d: Date, tz: string): Date {
  return new Date((Math.floor(dateToSerial(d.getTime(), tz)) - 25569) * 86_400_000);
}

/** Text-check formulas for the cell `t` (the rectangle's top-left), each read back by TEXT_PATTERNS. */
const TEXT_FORMULAS: Record<string, (t: string, arg: string) => string> = {
  TEXT_IS_VALID_EMAIL: (t) => `ISEMAIL(${t})`,
  TEXT_IS_VALID_URL: (t) => `ISURL(${t})`,
  TEXT_CONTAINS: (t, a) => `ISNUMBER(SEARCH(${excelText(a)},${t}))`,
  TEXT_DOES_NOT_CONTAIN: (t, a) => `ISERROR(SEARCH(${excelText(a)},${t}))`,
  TEXT_EQUAL_TO: (t, a) => `EXACT(${t},${excelText(a)})`,
};

function excelValidation(rule: ValidationRule, top: Rect, book: Book): ExcelJS.DataValidation | undefined {
  const common = {
    allowBlank: true,
    showErrorMessage: !rule.allowInvalid,
    errorStyle: rule.allowInvalid ? 'warning' : 'stop',
    error: rule.helpText || undefined,
    prompt: rule.helpText || undefined,
    showInputMessage: Boolean(rule.helpText),
  };
  const c = rule.criteria;
  const a = rule.args;
  if (c === 'VALUE_IN_LIST') {
    const items = a[0] as string[];
    return { type: 'list', formulae: [`"${items.map((i) => i.replace(/"/g, '""')).join(',')}"`], ...common };
  }
  if (c === 'VALUE_IN_RANGE') {
    const t = a[0] as TrackedRange;
    if (!t.alive) return undefined;
    const ref = `$${columnToLetters(t.c0 + 1)}$${t.r0 + 1}:$${columnToLetters(t.c1 + 1)}$${t.r1 + 1}`;
    return { type: 'list', formulae: [`${quoteSheetName(excelSheetName(t.sheet.name))}!${ref}`], ...common };
  }
  if (c === 'CHECKBOX') return { type: 'list', formulae: ['"TRUE,FALSE"'], ...common };
  if (NUMBER_OPS[c])
    return { type: 'decimal', operator: NUMBER_OPS[c] as never, formulae: a.map((x) => Number(x)), ...common };
  if (DATE_OPS[c]) {
    const days = a.map((x) => (isDateObject(x) ? dayAsUtc(x, book.timeZone) : x));
    return { type: 'date', operator: DATE_OPS[c] as never, formulae: days, ...common };
  }
  // "Is a valid date": any date from Excel's first day on.
  if (c === 'DATE_IS_VALID_DATE')
    return { type: 'date', operator: 'greaterThanOrEqual', formulae: [new Date(Date.UTC(1899, 11, 31))], ...common };
  const t = cellA1(top.r0, top.c0);
  if (TEXT_FORMULAS[c]) return { type: 'custom', formulae: [TEXT_FORMULAS[c](t, String(a[0] ?? ''))], ...common };
  if (c === 'CUSTOM_FORMULA') {
    const f = a[0] as { formula: string; anchorRow?: number; anchorCol?: number };
    const text = offsetFormula(f.formula, top.r0 - (f.anchorRow ?? top.r0), top.c0 - (f.anchorCol ?? top.c0));
    return { type: 'custom', formulae: [text.replace(/^=/, '')], ...common };
  }
  return undefined;
}

/** Writes the tab's validation: one entry per rule and rectangle, none overlapping. */
export function writeValidations(ws: ExcelJS.Worksheet, sh: SheetData, book: Book): void {
  const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
    .dataValidations.model;
  for (const [rule, rects] of rectanglesOf(sh.dv.rows)) {
    for (const rect of rects) {
      const dv = excelValidation(rule, rect, book);
      // A one-cell rectangle is written as 'A1:A1' so exceljs keeps it as given rather than regrouping cells.
      if (dv) model[`${cellA1(rect.r0, rect.c0)}:${cellA1(rect.r1, rect.c1)}`] = dv;
    }
  }
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const STR = '"((?:[^"]|"")*)"';
const unText = (s: string) => s.replace(/""/g, '"');

/** The rule an Excel validation stands for; `top` is the top-left cell of the cells sharing it. */
export function readValidation(
  dv: ExcelJS.DataValidation,
  top: { r: number; c: number },
  book: Book,
): Omit<ValidationRule, 'args'> & { args: unknown[]; rangeRef?: string } {
  const base = {
    allowInvalid: !dv.showErrorMessage || dv.errorStyle === 'warning',
    helpText: dv.error ?? dv.prompt ?? '',
  };
  const f = (dv.formulae ?? []) as unknown[];
  const first = String(f[0] ?? '');
  if (dv.type === 'list') {
    if (!first.startsWith('"')) return { criteria: 'VALUE_IN_RANGE', args: [], rangeRef: first, ...base };
    const items = first.slice(1, -1).replace(/""/g, '"').split(',');
    return items.length === 2 && items[0] === 'TRUE' && items[1] === 'FALSE'
      ? { criteria: 'CHECKBOX', args: [], ...base }
      : { criteria: 'VALUE_IN_LIST', args: [items, true], ...base };
  }
  const op = String((dv as { operator?: string }).operator ?? 'between');
  if ((dv.type === 'decimal' || dv.type === 'whole') && NUMBER_BY_OP[op])
    return { criteria: NUMBER_BY_OP[op], args: f.map(Number), ...base };
  if (dv.type === 'date') {
    const dates = f.map((x) => (x instanceof Date ? x : new Date(String(x))));
    if (op === 'greaterThanOrEqual' && dates[0].getTime() <= Date.UTC(1899, 11, 31))
      return { criteria: 'DATE_IS_VALID_DATE', args: [], ...base };
    if (DATE_BY_OP[op]) {
      // Back from UTC midnight to that day's midnight in the spreadsheet's zone.
      const args = dates.map((d) => new Date(serialToDate(d.getTime() / 86_400_000 + 25569, book.timeZone)));
      return { criteria: DATE_BY_OP[op], args, ...base };
    }
  }
  if (dv.type === 'custom') {
    const t = esc(cellA1(top.r, top.c));
    const patterns: Array<[string, RegExp]> = [
      ['TEXT_IS_VALID_EMAIL', new RegExp(`^ISEMAIL\\(${t}\\)$`)],
      ['TEXT_IS_VALID_URL', new RegExp(`^ISURL\\(${t}\\)$`)],
      ['TEXT_CONTAINS', new RegExp(`^ISNUMBER\\(SEARCH\\(${STR},${t}\\)\\)$`)],
      ['TEXT_DOES_NOT_CONTAIN', new RegExp(`^ISERROR\\(SEARCH\\(${STR},${t}\\)\\)$`)],
      ['TEXT_EQUAL_TO', new RegExp(`^EXACT\\(${t},${STR}\\)$`)],
    ];
    for (const [criteria, re] of patterns) {
      const m = re.exec(first);
      if (m) return { criteria, args: m[1] === undefined ? [] : [unText(m[1])], ...base };
    }
    return {
      criteria: 'CUSTOM_FORMULA',
      args: [{ formula: `=${first}`, anchorRow: top.r, anchorCol: top.c }],
      ...base,
    };
  }
  return { criteria: '', args: [], ...base };
}

/** Where each Excel validation object starts: the top-left of the cells that share it. */
export function validationTops(model: Record<string, unknown>): Map<unknown, { r: number; c: number }> {
  const tops = new Map<unknown, { r: number; c: number }>();
  for (const [address, dv] of Object.entries(model)) {
    if (!dv) continue;
    const p = parseA1(address, 10_000_000, 18_278);
    if (!p) continue;
    const t = tops.get(dv);
    const r = p.row - 1;
    const c = p.column - 1;
    if (!t || r < t.r || (r === t.r && c < t.c)) tops.set(dv, { r, c });
  }
  return tops;
}

// ---------------------------------------------------------------------------------------------------------------
// Conditional formats

const RELATIVE: Record<string, string> = {
  TODAY: 'TODAY()',
  TOMORROW: 'TODAY()+1',
  YESTERDAY: 'TODAY()-1',
  PAST_WEEK: 'TODAY()-7',
  PAST_MONTH: 'EDATE(TODAY(),-1)',
  PAST_YEAR: 'EDATE(TODAY(),-12)',
};
const RELATIVE_BY_EXPR = invert(RELATIVE);
const DATE_SIGN: Record<string, string> = { BEFORE: '<', AFTER: '>', EQUAL_TO: '=' };
const SIGN_DATE = invert(DATE_SIGN);
const POINT: Record<string, string> = {
  MIN: 'min',
  MAX: 'max',
  NUMBER: 'num',
  PERCENT: 'percent',
  PERCENTILE: 'percentile',
};
const POINT_BACK = invert(POINT);

function cfStyle(f: CfFormat): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (f.background) style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(f.background) } };
  const font: Partial<ExcelJS.Font> = {};
  if (f.fontColor) font.color = { argb: argb(f.fontColor) };
  if (f.bold !== null) font.bold = f.bold;
  if (f.italic !== null) font.italic = f.italic;
  if (f.strikethrough !== null) font.strike = f.strikethrough;
  if (f.underline !== null) font.underline = f.underline;
  if (Object.keys(font).length) style.font = font;
  return style;
}

/** The Excel form of a boolean condition for the top-left cell `t` (expressions are read back by readCondition). */
function cfCondition(
  criteria: string,
  args: unknown[],
  t: string,
  book: Book,
): Partial<ExcelJS.ConditionalFormattingRule> {
  const arg = (x: unknown) => (typeof x === 'string' && x.trim().startsWith('=') ? x.trim().slice(1) : String(x));
  const expr = (formula: string) => ({ type: 'expression' as const, formulae: [formula] });
  if (NUMBER_OPS[criteria]) return { type: 'cellIs', operator: NUMBER_OPS[criteria] as never, formulae: args.map(arg) };
  const text = excelText(args[0] ?? '');
  switch (criteria) {
    case 'CELL_EMPTY':
      return expr(`ISBLANK(${t})`);
    case 'CELL_NOT_EMPTY':
      return expr(`NOT(ISBLANK(${t}))`);
    case 'TEXT_CONTAINS':
      return expr(`NOT(ISERROR(SEARCH(${text},${t})))`);
    case 'TEXT_DOES_NOT_CONTAIN':
      return expr(`AND(NOT(ISBLANK(${t})),ISERROR(SEARCH(${text},${t})))`);
    case 'TEXT_STARTS_WITH':
      return expr(`LEFT(${t},LEN(${text}))=${text}`);
    case 'TEXT_ENDS_WITH':
      return expr(`RIGHT(${t},LEN(${text}))=${text}`);
    case 'TEXT_EQUAL_TO':
      return expr(`${t}=${text}`);
    case 'CUSTOM_FORMULA':
      return expr(arg(args[0]));
  }
  const m = /^DATE_(BEFORE|AFTER|EQUAL_TO)(_RELATIVE)?$/.exec(criteria);
  if (m) {
    const isDay = `ISNUMBER(${t})`;
    if (m[2]) {
      const rel = String(args[0]);
      const anchor = RELATIVE[rel];
      if (m[1] === 'EQUAL_TO' && rel.startsWith('PAST_'))
        return expr(`AND(${isDay},INT(${t})>=${anchor},INT(${t})<=TODAY())`);
      return expr(`AND(${isDay},INT(${t})${DATE_SIGN[m[1]]}${anchor})`);
    }
    const d = args[0] as Date;
    const p = serialParts(Math.floor(dateToSerial(d.getTime(), book.timeZone)));
    return expr(`AND(${isDay},INT(${t})${DATE_SIGN[m[1]]}DATE(${p.year},${p.month},${p.day}))`);
  }
  throw new Error(`not emulated: BooleanCriteria.${criteria} in an .xlsx file`);
}

/** Reads an expression written by cfCondition (or any other as a custom formula). */
function readCondition(formula: string, t: string, book: Book): { criteria: string; args: unknown[] } {
  const T = esc(t);
  const day = `AND\\(ISNUMBER\\(${T}\\),INT\\(${T}\\)`;
  const forms: Array<[string, (m: RegExpExecArray) => { criteria: string; args: unknown[] } | undefined]> = [
    [`ISBLANK\\(${T}\\)`, () => ({ criteria: 'CELL_EMPTY', args: [] })],
    [`NOT\\(ISBLANK\\(${T}\\)\\)`, () => ({ criteria: 'CELL_NOT_EMPTY', args: [] })],
    [`NOT\\(ISERROR\\(SEARCH\\(${STR},${T}\\)\\)\\)`, (m) => ({ criteria: 'TEXT_CONTAINS', args: [unText(m[1])] })],
    [
      `AND\\(NOT\\(ISBLANK\\(${T}\\)\\),ISERROR\\(SEARCH\\(${STR},${T}\\)\\)\\)`,
      (m) => ({ criteria: 'TEXT_DOES_NOT_CONTAIN', args: [unText(m[1])] }),
    ],
    [`LEFT\\(${T},LEN\\(${STR}\\)\\)=${STR}`, (m) => ({ criteria: 'TEXT_STARTS_WITH', args: [unText(m[1])] })],
    [`RIGHT\\(${T},LEN\\(${STR}\\)\\)=${STR}`, (m) => ({ criteria: 'TEXT_ENDS_WITH', args: [unText(m[1])] })],
    [`${T}=${STR}`, (m) => ({ criteria: 'TEXT_EQUAL_TO', args: [unText(m[1])] })],
    [
      `${day}([<>=])DATE\\((\\d+),(\\d+),(\\d+)\\)\\)`,
      (m) => {
        const serial = partsToSerial(Number(m[2]), Number(m[3]), Number(m[4]));
        return { criteria: `DATE_${SIGN_DATE[m[1]]}`, args: [new Date(serialToDate(serial, book.timeZone))] };
      },
    ],
    [
      `${day}>=(.+),INT\\(${T}\\)<=TODAY\\(\\)\\)`,
      (m) =>
        RELATIVE_BY_EXPR[m[1]] ? { criteria: 'DATE_EQUAL_TO_RELATIVE', args: [RELATIVE_BY_EXPR[m[1]]] } : undefined,
    ],
    [
      `${day}([<>=])(.+)\\)`,
      (m) =>
        RELATIVE_BY_EXPR[m[2]]
          ? { criteria: `DATE_${SIGN_DATE[m[1]]}_RELATIVE`, args: [RELATIVE_BY_EXPR[m[2]]] }
          : undefined,
    ],
  ];
  for (const [re, read] of forms) {
    const m = new RegExp(`^${re}$`).exec(formula);
    const found = m ? read(m) : undefined;
    if (found) return found;
  }
  return { criteria: 'CUSTOM_FORMULA', args: [`=${formula}`] };
}

/** Writes the tab's conditional format rules in order (priority 1 first), each over all its ranges. */
export function writeConditionalFormats(ws: ExcelJS.Worksheet, sh: SheetData, book: Book): void {
  storedRules(sh).forEach((d, i) => {
    if (d.ranges.length === 0) return;
    const ref = d.ranges.map(rectA1).join(' ');
    const t = cellA1(d.ranges[0].r0, d.ranges[0].c0);
    let rule: ExcelJS.ConditionalFormattingRule;
    if (d.gradient) {
      const pts = [d.gradient.min!, ...(d.gradient.mid ? [d.gradient.mid] : []), d.gradient.max!];
      rule = {
        type: 'colorScale',
        priority: i + 1,
        cfvo: pts.map((p) =>
          p.type === 'MIN' || p.type === 'MAX'
            ? { type: POINT[p.type] as never }
            : { type: POINT[p.type] as never, value: Number(p.value) },
        ),
        color: pts.map((p) => ({ argb: argb(p.color) })),
      } as ExcelJS.ConditionalFormattingRule;
    } else {
      const cond = cfCondition(d.boolean!.criteria, d.boolean!.args, t, book);
      rule = { ...cond, priority: i + 1, style: cfStyle(d.format) } as ExcelJS.ConditionalFormattingRule;
    }
    ws.addConditionalFormatting({ ref, rules: [rule] });
  });
}

/** Reads the conditional formats of a worksheet into the tab's rules (rule kinds Sheets has no form for are left out). */
export function readConditionalFormats(ws: ExcelJS.Worksheet, sh: SheetData, book: Book): void {
  const found: Array<{ priority: number; data: CfRuleData }> = [];
  const entries =
    (ws as unknown as { conditionalFormattings?: Array<{ ref: string; rules: ExcelJS.ConditionalFormattingRule[] }> })
      .conditionalFormattings ?? [];
  for (const entry of entries) {
    const ranges = String(entry.ref)
      .split(/\s+/)
      .map((a) => parseA1(a, sh.maxRows, sh.maxColumns))
      .filter((p) => p !== null)
      .map((p) => new TrackedRange(sh, p.row - 1, p.column - 1, p.row + p.numRows - 2, p.column + p.numColumns - 2));
    if (ranges.length === 0) continue;
    const t = cellA1(ranges[0].r0, ranges[0].c0);
    for (const rule of entry.rules) {
      const r = rule as unknown as Record<string, any>;
      const format: CfFormat = {
        background: fromArgb(r.style?.fill?.bgColor?.argb ?? r.style?.fill?.fgColor?.argb),
        fontColor: fromArgb(r.style?.font?.color?.argb),
        bold: r.style?.font?.bold ?? null,
        italic: r.style?.font?.italic ?? null,
        strikethrough: r.style?.font?.strike ?? null,
        underline: r.style?.font?.underline === undefined ? null : Boolean(r.style.font.underline),
      };
      let data: CfRuleData | undefined;
      if (r.type === 'colorScale' && Array.isArray(r.cfvo) && Array.isArray(r.color)) {
        const pts: GradientPoint[] = r.cfvo.map((v: { type: string; value?: number }, k: number) => ({
          color: fromArgb(r.color[k]?.argb) ?? '#ffffff',
          type: POINT_BACK[v.type] ?? 'NUMBER',
          value: v.value === undefined ? '' : String(v.value),
        }));
        if (pts.length >= 2) {
          const gradient = { min: pts[0], max: pts[pts.length - 1], ...(pts.length === 3 ? { mid: pts[1] } : {}) };
          data = { ranges, gradient, format };
        }
      } else if (r.type === 'cellIs' && NUMBER_BY_OP[r.operator]) {
        const args = (r.formulae ?? []).map((x: unknown) => {
          const n = Number(x);
          return Number.isNaN(n) ? `=${x}` : n;
        });
        data = { ranges, boolean: { criteria: NUMBER_BY_OP[r.operator], args }, format };
      } else if (r.type === 'expression' && r.formulae?.[0] !== undefined) {
        data = { ranges, boolean: readCondition(String(r.formulae[0]), t, book), format };
      } else if (r.type === 'containsText' && r.operator === 'containsText' && r.formulae?.[0] !== undefined) {
        data = { ranges, boolean: readCondition(String(r.formulae[0]), t, book), format };
      }
      if (data) found.push({ priority: Number(r.priority) || found.length + 1, data });
    }
  }
  if (found.length === 0) return;
  found.sort((a, b) => a.priority - b.priority);
  replaceRules(
    book,
    sh,
    found.map((f) => f.data),
  );
}
