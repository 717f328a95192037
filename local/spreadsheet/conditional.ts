// Conditional format rules: the ConditionalFormatRule(Builder), BooleanCondition and GradientCondition classes, the
// rules each tab keeps (their ranges and formulas follow row/column changes) and the format they give a cell.

import { type Book, isDateObject, type SheetData, TrackedRange } from './book';
import { type DimensionChange, formatRef, mapRefs, mapSpan, offsetFormula, type RefEnd } from './refs';
import { APPS_SCRIPT_ENUMS } from './surface';
import { guardSurface } from './surface-guard';
import { dateToSerial, partsToSerial, serialParts } from './tz';

/** What a boolean rule changes on a matching cell; null = not set (the cell keeps its own). */
export interface CfFormat {
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  strikethrough: boolean | null;
  underline: boolean | null;
}

export interface GradientPoint {
  color: string;
  /** InterpolationType name. */
  type: string;
  value: string;
}

export interface CfRuleData {
  ranges: TrackedRange[];
  boolean?: { criteria: string; args: unknown[] };
  gradient?: { min?: GradientPoint; mid?: GradientPoint; max?: GradientPoint };
  format: CfFormat;
  /**
   * While stored: the first range's top-left that formula arguments are written for. As in Sheets, a formula is
   * relative to that cell; row/column changes re-base it there and move its absolute references.
   */
  top?: { row: number; col: number };
}

/** Turns Range objects into rectangles and back (the Workbook implements it). */
export interface CfHost {
  readonly book: Book;
  toTracked(range: unknown): TrackedRange | undefined;
  toRange(t: TrackedRange): unknown;
}

const NO_FORMAT: CfFormat = {
  background: null,
  fontColor: null,
  bold: null,
  italic: null,
  strikethrough: null,
  underline: null,
};

// ---------------------------------------------------------------------------------------------------------------
// Colours

const NAMED: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  purple: '#800080',
  maroon: '#800000',
  navy: '#000080',
  teal: '#008080',
  aqua: '#00ffff',
  cyan: '#00ffff',
  fuchsia: '#ff00ff',
  magenta: '#ff00ff',
  olive: '#808000',
  pink: '#ffc0cb',
};

/** '#RGB', '#RRGGBB' or a basic CSS name → '#rrggbb'; anything else is refused rather than guessed. */
export function normalizeColor(color: unknown, what = 'color'): string {
  const s = String(color).trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(s)) return s;
  if (/^#[0-9a-f]{3}$/.test(s)) return `#${s[1]}${s[1]}${s[2]}${s[2]}${s[3]}${s[3]}`;
  if (NAMED[s]) return NAMED[s];
  throw new Error(`not emulated: the ${what} "${String(color)}" (use #rrggbb)`);
}

function mix(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => Number.parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => Number.parseInt(b.slice(i, i + 2), 16));
  return `#${pa
    .map((x, i) =>
      Math.round(x + (pb[i] - x) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Apps Script classes

const enumName = (e: string, v: unknown, what: string): string => {
  const name = String(v);
  if (!(APPS_SCRIPT_ENUMS[e] ?? []).includes(name)) throw new Error(`Invalid argument: ${what}`);
  return name;
};

export class BooleanCondition {
  constructor(
    private readonly _c: { criteria: string; args: unknown[] },
    private readonly _f: CfFormat,
  ) {}
  getCriteriaType(): string {
    return this._c.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this._c.args.map((a) => (isDateObject(a) ? new Date(a.getTime()) : a));
  }
  getBackground(): string | null {
    return this._f.background;
  }
  getFontColor(): string | null {
    return this._f.fontColor;
  }
  getBold(): boolean | null {
    return this._f.bold;
  }
  getItalic(): boolean | null {
    return this._f.italic;
  }
  getStrikethrough(): boolean | null {
    return this._f.strikethrough;
  }
  getUnderline(): boolean | null {
    return this._f.underline;
  }
  toString(): string {
    return 'BooleanCondition';
  }
}

export class GradientCondition {
  constructor(private readonly _g: NonNullable<CfRuleData['gradient']>) {}
  getMinColor(): string {
    return this._g.min?.color ?? '';
  }
  getMinType(): string | null {
    return this._g.min?.type ?? null;
  }
  getMinValue(): string {
    return this._g.min?.value ?? '';
  }
  getMidColor(): string {
    return this._g.mid?.color ?? '';
  }
  getMidType(): string | null {
    return this._g.mid?.type ?? null;
  }
  getMidValue(): string {
    return this._g.mid?.value ?? '';
  }
  getMaxColor(): string {
    return this._g.max?.color ?? '';
  }
  getMaxType(): string | null {
    return this._g.max?.type ?? null;
  }
  getMaxValue(): string {
    return this._g.max?.value ?? '';
  }
  toString(): string {
    return 'GradientCondition';
  }
}

/** A rule as a value: its ranges are rectangles frozen when it was built or read. */
export class ConditionalFormatRule {
  constructor(
    readonly _data: CfRuleData,
    private readonly _host: CfHost,
  ) {}
  getBooleanCondition(): BooleanCondition | null {
    return this._data.boolean ? new BooleanCondition(this._data.boolean, this._data.format) : null;
  }
  getGradientCondition(): GradientCondition | null {
    return this._data.gradient ? new GradientCondition(this._data.gradient) : null;
  }
  getRanges(): unknown[] {
    return this._data.ranges.map((t) => this._host.toRange(t));
  }
  copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this._host, cloneRule(this._data));
  }
  toString(): string {
    return 'ConditionalFormatRule';
  }
}

function cloneRule(d: CfRuleData): CfRuleData {
  return {
    ranges: d.ranges.map(snapshot),
    ...(d.boolean ? { boolean: { criteria: d.boolean.criteria, args: d.boolean.args.slice() } } : {}),
    ...(d.gradient ? { gradient: { ...d.gradient } } : {}),
    format: { ...d.format },
  };
}

function snapshot(t: TrackedRange): TrackedRange {
  return new TrackedRange(t.sheet, t.r0, t.c0, t.r1, t.c1, t.openRows, t.openColumns);
}

function numberArg(n: unknown, what: string): number | string {
  if (typeof n === 'string' && n.trim().startsWith('=')) return n.trim();
  const x = Number(n);
  if (n === null || n === undefined || n === '' || Number.isNaN(x)) throw new Error(`Invalid argument: ${what}`);
  return x;
}

export class ConditionalFormatRuleBuilder {
  constructor(
    private readonly _host: CfHost,
    public _state: CfRuleData = { ranges: [], format: { ...NO_FORMAT } },
  ) {}

  private _when(criteria: string, args: unknown[]): ConditionalFormatRuleBuilder {
    this._state.boolean = { criteria, args };
    delete this._state.gradient;
    return this;
  }
  private _fmt<K extends keyof CfFormat>(key: K, v: CfFormat[K]): ConditionalFormatRuleBuilder {
    this._state.format = { ...this._state.format, [key]: v };
    if (!this._state.boolean) delete this._state.gradient;
    return this;
  }
  private _point(
    which: 'min' | 'mid' | 'max',
    color: unknown,
    type: unknown,
    value: unknown,
  ): ConditionalFormatRuleBuilder {
    const g = this._state.gradient ?? {};
    g[which] = {
      color: normalizeColor(color),
      type: enumName('InterpolationType', type, 'type'),
      value: String(value ?? ''),
    };
    this._state.gradient = g;
    delete this._state.boolean;
    return this;
  }

  build(): ConditionalFormatRule {
    const s = this._state;
    if (!s.boolean && !s.gradient)
      throw new Error('A conditional format rule needs a condition: call a when… or setGradient… method.');
    if (s.gradient && (!s.gradient.min || !s.gradient.max))
      throw new Error('not emulated: a gradient without both a minpoint and a maxpoint');
    return new ConditionalFormatRule(cloneRule(s), this._host);
  }
  copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this._host, cloneRule(this._state));
  }
  getBooleanCondition(): BooleanCondition | null {
    return this._state.boolean ? new BooleanCondition(this._state.boolean, this._state.format) : null;
  }
  getGradientCondition(): GradientCondition | null {
    return this._state.gradient ? new GradientCondition(this._state.gradient) : null;
  }
  getRanges(): unknown[] {
    return this._state.ranges.map((t) => this._host.toRange(t));
  }
  setRanges(ranges: unknown[]): ConditionalFormatRuleBuilder {
    if (!Array.isArray(ranges)) throw new Error('Invalid argument: ranges');
    this._state.ranges = ranges.map((r) => {
      const t = this._host.toTracked(r);
      if (!t) throw new Error('Invalid argument: ranges');
      this._host.book.tracked.delete(t);
      return t;
    });
    return this;
  }
  setBackground(color: string | null): ConditionalFormatRuleBuilder {
    return this._fmt('background', color === null ? null : normalizeColor(color));
  }
  setFontColor(color: string | null): ConditionalFormatRuleBuilder {
    return this._fmt('fontColor', color === null ? null : normalizeColor(color));
  }
  setBold(bold: boolean | null): ConditionalFormatRuleBuilder {
    return this._fmt('bold', bold === null ? null : Boolean(bold));
  }
  setItalic(italic: boolean | null): ConditionalFormatRuleBuilder {
    return this._fmt('italic', italic === null ? null : Boolean(italic));
  }
  setStrikethrough(v: boolean | null): ConditionalFormatRuleBuilder {
    return this._fmt('strikethrough', v === null ? null : Boolean(v));
  }
  setUnderline(v: boolean | null): ConditionalFormatRuleBuilder {
    return this._fmt('underline', v === null ? null : Boolean(v));
  }
  setGradientMinpoint(color: string): ConditionalFormatRuleBuilder {
    return this._point('min', color, 'MIN', '');
  }
  setGradientMaxpoint(color: string): ConditionalFormatRuleBuilder {
    return this._point('max', color, 'MAX', '');
  }
  setGradientMinpointWithValue(color: string, type: unknown, value: string): ConditionalFormatRuleBuilder {
    return this._point('min', color, type, value);
  }
  setGradientMidpointWithValue(color: string, type: unknown, value: string): ConditionalFormatRuleBuilder {
    if (String(type) === 'MIN' || String(type) === 'MAX') throw new Error('Invalid argument: type');
    return this._point('mid', color, type, value);
  }
  setGradientMaxpointWithValue(color: string, type: unknown, value: string): ConditionalFormatRuleBuilder {
    return this._point('max', color, type, value);
  }
  whenCellEmpty(): ConditionalFormatRuleBuilder {
    return this._when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): ConditionalFormatRuleBuilder {
    return this._when('CELL_NOT_EMPTY', []);
  }
  private _date(kind: 'AFTER' | 'BEFORE' | 'EQUAL_TO', date: unknown): ConditionalFormatRuleBuilder {
    if (isDateObject(date)) return this._when(`DATE_${kind}`, [new Date(date.getTime())]);
    return this._when(`DATE_${kind}_RELATIVE`, [enumName('RelativeDate', date, 'date')]);
  }
  whenDateAfter(date: unknown): ConditionalFormatRuleBuilder {
    return this._date('AFTER', date);
  }
  whenDateBefore(date: unknown): ConditionalFormatRuleBuilder {
    return this._date('BEFORE', date);
  }
  whenDateEqualTo(date: unknown): ConditionalFormatRuleBuilder {
    return this._date('EQUAL_TO', date);
  }
  whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilder {
    return this._when('CUSTOM_FORMULA', [String(formula)]);
  }
  whenNumberBetween(start: number, end: number): ConditionalFormatRuleBuilder {
    return this._when('NUMBER_BETWEEN', [numberArg(start, 'start'), numberArg(end, 'end')]);
  }
  whenNumberNotBetween(start: number, end: number): ConditionalFormatRuleBuilder {
    return this._when('NUMBER_NOT_BETWEEN', [numberArg(start, 'start'), numberArg(end, 'end')]);
  }
  whenNumberEqualTo(n: number): ConditionalFormatRuleBuilder {
    return this._when('NUMBER_EQUAL_TO', [numberArg(n, 'number')]);
  }
  whenNumberNotEqualTo(n: number): ConditionalFormatRuleBuilder {
    return this._when('NUMBER_NOT_EQUAL_TO', [numberArg(n, 'number')]);
  }
  whenNumberGreaterThan(n: number): ConditionalFormatRuleBuilder {
    return this._when('NUMBER_GREATER_THAN', [numberArg(n, 'number')]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): ConditionalFormatRuleBuilder {
    return this._when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [numberArg(n, 'number')]);
  }
  whenNumberLessThan(n: number): ConditionalFormatRuleBuilder {
    return this._when('NUMBER_LESS_THAN', [numberArg(n, 'number')]);
  }
  whenNumberLessThanOrEqualTo(n: number): ConditionalFormatRuleBuilder {
    return this._when('NUMBER_LESS_THAN_OR_EQUAL_TO', [numberArg(n, 'number')]);
  }
  whenTextContains(text: string): ConditionalFormatRuleBuilder {
    return this._when('TEXT_CONTAINS', [String(text)]);
  }
  whenTextDoesNotContain(text: string): ConditionalFormatRuleBuilder {
    return this._when('TEXT_DOES_NOT_CONTAIN', [String(text)]);
  }
  whenTextEqualTo(text: string): ConditionalFormatRuleBuilder {
    return this._when('TEXT_EQUAL_TO', [String(text)]);
  }
  whenTextStartsWith(text: string): ConditionalFormatRuleBuilder {
    return this._when('TEXT_STARTS_WITH', [String(text)]);
  }
  whenTextEndsWith(text: string): ConditionalFormatRuleBuilder {
    return this._when('TEXT_ENDS_WITH', [String(text)]);
  }
  withCriteria(criteria: unknown, args: unknown[]): ConditionalFormatRuleBuilder {
    const name = enumName('BooleanCriteria', criteria, 'criteria');
    const a = Array.isArray(args) ? args : [];
    return this._when(
      name,
      a.map((x) => (isDateObject(x) ? new Date(x.getTime()) : x)),
    );
  }
  toString(): string {
    return 'ConditionalFormatRuleBuilder';
  }
}

for (const [cls, name] of [
  [BooleanCondition, 'BooleanCondition'],
  [GradientCondition, 'GradientCondition'],
  [ConditionalFormatRule, 'ConditionalFormatRule'],
  [ConditionalFormatRuleBuilder, 'ConditionalFormatRuleBuilder'],
] as const) {
  guardSurface(cls, name);
}

// ---------------------------------------------------------------------------------------------------------------
// The rules a tab keeps

const STORE = new WeakMap<SheetData, CfRuleData[]>();
const LISTENING = new WeakSet<Book>();

/** The tab's rules in order; ranges that were deleted drop out, and so does a rule left without ranges. */
export function storedRules(sh: SheetData): CfRuleData[] {
  const list = STORE.get(sh);
  if (!list) return [];
  const live = list.filter((d) => {
    if (d.ranges.length === 0) return true;
    d.ranges = d.ranges.filter((t) => t.alive);
    return d.ranges.length > 0;
  });
  if (live.length !== list.length) STORE.set(sh, live);
  return live;
}

/** Replaces the tab's rules with copies of `rules` whose ranges (on this tab) follow later row/column changes. */
export function replaceRules(book: Book, sh: SheetData, rules: CfRuleData[]): void {
  for (const d of rules)
    for (const t of d.ranges)
      if (t.sheet !== sh) throw new Error('The conditional format rule cannot reference a range on another sheet.');
  for (const old of STORE.get(sh) ?? []) untrack(book, old);
  STORE.set(
    sh,
    rules.map((d) => store(book, sh, d)),
  );
  if (!LISTENING.has(book)) {
    LISTENING.add(book);
    book.structureListeners.push((target, dim, change) => {
      for (const host of book.sheets) for (const d of storedRules(host)) followChange(d, host, target, dim, change);
    });
  }
}

/** After a row/column change: formulas re-based on the (moved) top-left, absolute references moved. */
function followChange(d: CfRuleData, host: SheetData, target: SheetData, dim: 'row' | 'col', change: DimensionChange) {
  if (!d.boolean || !d.top || !d.boolean.args.some(isFormula)) return;
  const first = d.ranges[0];
  const top = first ? { row: first.r0, col: first.c0 } : d.top;
  const dr = top.row - d.top.row;
  const dc = top.col - d.top.col;
  d.top = top;
  d.boolean.args = d.boolean.args.map((a) => {
    if (!isFormula(a)) return a;
    const rebased = offsetFormula(a, dr, dc);
    return moveAbsolute(rebased, host.name, target.name, dim, change);
  });
}

/** Moves the absolute parts ($A$1) of references into `target`; relative parts stay relative to the rule's cell. */
function moveAbsolute(formula: string, host: string, target: string, dim: 'row' | 'col', change: DimensionChange) {
  const key = dim === 'row' ? 'row' : 'col';
  const abs = dim === 'row' ? 'rowAbs' : 'colAbs';
  return mapRefs(formula, (ref) => {
    if ((ref.sheet ?? host) !== target) return undefined;
    let gone = false;
    const move = (e: RefEnd): RefEnd => {
      const p = e[key];
      if (p === undefined || !e[abs]) return e;
      const span = mapSpan(p, p, change);
      if (!span) gone = true;
      return { ...e, [key]: span ? span[0] : p };
    };
    const next = { ...ref, start: move(ref.start), ...(ref.end ? { end: move(ref.end) } : {}) };
    if (gone) return '#REF!';
    return formatRef(next);
  });
}

/** Copies the rules of `from` onto the tab `to` (a duplicated sheet). */
export function copyRules(book: Book, from: SheetData, to: SheetData): void {
  const rules = storedRules(from).map((d) => {
    const c = cloneRule(d);
    c.ranges = c.ranges.map((t) => new TrackedRange(to, t.r0, t.c0, t.r1, t.c1, t.openRows, t.openColumns));
    return c;
  });
  if (rules.length) replaceRules(book, to, rules);
}

function store(book: Book, sh: SheetData, d: CfRuleData): CfRuleData {
  const c = cloneRule(d);
  c.ranges = c.ranges.map((t) => book.track(new TrackedRange(sh, t.r0, t.c0, t.r1, t.c1, t.openRows, t.openColumns)));
  const first = c.ranges[0];
  c.top = first ? { row: first.r0, col: first.c0 } : { row: 0, col: 0 };
  return c;
}

function untrack(book: Book, d: CfRuleData): void {
  for (const t of d.ranges) book.tracked.delete(t);
}

/** A stored rule as the script-facing value (ranges frozen now). */
export function ruleValue(d: CfRuleData, host: CfHost): ConditionalFormatRule {
  return new ConditionalFormatRule(cloneRule(d), host);
}

export function clearRules(book: Book, sh: SheetData): void {
  for (const old of STORE.get(sh) ?? []) untrack(book, old);
  STORE.delete(sh);
}

// ---------------------------------------------------------------------------------------------------------------
// The format a cell shows

const isFormula = (a: unknown): a is string => typeof a === 'string' && a.trim().startsWith('=');

/** The conditional part of a cell's look, for views that draw the grid. */
export interface CfLook {
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  underline?: boolean;
}

/**
 * A reader of the formats the tab's rules give its cells: the first rule (in order) whose range holds the cell and
 * whose condition it meets decides, as in Sheets. Gradient bounds are computed once per reader.
 */
export function conditionalLook(book: Book, sh: SheetData): ((r: number, c: number) => CfLook | undefined) | undefined {
  const rules = storedRules(sh);
  if (rules.length === 0) return undefined;
  const bounds = new Map<CfRuleData, GradientBounds | null>();
  return (r, c) => {
    for (const d of rules) {
      if (!d.ranges.some((t) => t.contains(r, c))) continue;
      if (d.gradient) {
        const { v } = book.computed(sh, r, c);
        if (typeof v !== 'number') continue;
        let b = bounds.get(d);
        if (b === undefined) {
          b = gradientBounds(book, sh, d);
          bounds.set(d, b);
        }
        if (!b) continue;
        return { background: gradientColor(b, v) };
      }
      if (d.boolean && meets(book, sh, r, c, d)) return lookOf(d.format);
    }
    return undefined;
  };
}

function lookOf(f: CfFormat): CfLook {
  const out: CfLook = {};
  if (f.background) out.background = f.background;
  if (f.fontColor) out.fontColor = f.fontColor;
  if (f.bold !== null) out.bold = f.bold;
  if (f.italic !== null) out.italic = f.italic;
  if (f.strikethrough !== null) out.strikethrough = f.strikethrough;
  if (f.underline !== null) out.underline = f.underline;
  return out;
}

/** An argument as a number: '=…' is evaluated for the cell (relative to the rule's anchor). */
function argNumber(book: Book, sh: SheetData, d: CfRuleData, r: number, c: number, a: unknown): number | undefined {
  if (isFormula(a)) {
    const v = evaluateAt(book, sh, d, r, c, a);
    return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : undefined;
  }
  const x = Number(a);
  return Number.isNaN(x) ? undefined : x;
}

function evaluateAt(book: Book, sh: SheetData, d: CfRuleData, r: number, c: number, formula: string): unknown {
  const top = d.top ?? { row: d.ranges[0]?.r0 ?? r, col: d.ranges[0]?.c0 ?? c };
  return book.evaluateFormula(offsetFormula(formula, r - top.row, c - top.col), sh);
}

function today(book: Book): number {
  return Math.floor(book.nowSerial());
}

/** The serial day a relative date stands for (PAST_x: that long before today). */
function relativeDay(book: Book, rel: string): number {
  const t = today(book);
  const p = serialParts(t);
  switch (rel) {
    case 'TODAY':
      return t;
    case 'TOMORROW':
      return t + 1;
    case 'YESTERDAY':
      return t - 1;
    case 'PAST_WEEK':
      return t - 7;
    case 'PAST_MONTH': {
      const last = serialParts(partsToSerial(p.year, p.month, 1) - 1).day;
      return partsToSerial(
        p.month === 1 ? p.year - 1 : p.year,
        p.month === 1 ? 12 : p.month - 1,
        Math.min(p.day, last),
      );
    }
    case 'PAST_YEAR':
      return partsToSerial(p.year - 1, p.month, p.month === 2 && p.day === 29 ? 28 : p.day);
    default:
      throw new Error(`not emulated: RelativeDate.${rel}`);
  }
}

function meets(book: Book, sh: SheetData, r: number, c: number, d: CfRuleData): boolean {
  const { criteria, args } = d.boolean!;
  if (criteria === 'CUSTOM_FORMULA') {
    const v = evaluateAt(book, sh, d, r, c, String(args[0]));
    return v === true || (typeof v === 'number' && v !== 0);
  }
  const { v, kind } = book.computed(sh, r, c);
  const empty = v === undefined || v === '';
  if (criteria === 'CELL_EMPTY') return empty;
  if (criteria === 'CELL_NOT_EMPTY') return !empty;
  // Sheets leaves blank cells out of every other condition.
  if (empty) return false;
  if (criteria.startsWith('NUMBER_')) {
    if (typeof v !== 'number') return false;
    const a = argNumber(book, sh, d, r, c, args[0]);
    const b = args.length > 1 ? argNumber(book, sh, d, r, c, args[1]) : undefined;
    if (a === undefined) return false;
    switch (criteria) {
      case 'NUMBER_GREATER_THAN':
        return v > a;
      case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
        return v >= a;
      case 'NUMBER_LESS_THAN':
        return v < a;
      case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
        return v <= a;
      case 'NUMBER_EQUAL_TO':
        return v === a;
      case 'NUMBER_NOT_EQUAL_TO':
        return v !== a;
      case 'NUMBER_BETWEEN':
        return b !== undefined && v >= Math.min(a, b) && v <= Math.max(a, b);
      case 'NUMBER_NOT_BETWEEN':
        return b !== undefined && (v < Math.min(a, b) || v > Math.max(a, b));
    }
  }
  if (criteria.startsWith('TEXT_')) {
    // Text conditions compare what the cell shows, ignoring case.
    const text = book.displayValue(sh, r, c).toLowerCase();
    const arg = String(args[0] ?? '').toLowerCase();
    switch (criteria) {
      case 'TEXT_CONTAINS':
        return text.includes(arg);
      case 'TEXT_DOES_NOT_CONTAIN':
        return !text.includes(arg);
      case 'TEXT_EQUAL_TO':
        return text === arg;
      case 'TEXT_STARTS_WITH':
        return text.startsWith(arg);
      case 'TEXT_ENDS_WITH':
        return text.endsWith(arg);
    }
  }
  if (criteria.startsWith('DATE_')) {
    if (typeof v !== 'number' || !book.isDateCell(sh, r, c, kind)) return false;
    const day = Math.floor(v);
    const relative = criteria.endsWith('_RELATIVE');
    const rel = String(args[0]);
    const target = relative
      ? relativeDay(book, rel)
      : isDateObject(args[0])
        ? Math.floor(dateToSerial(args[0].getTime(), book.timeZone))
        : argNumber(book, sh, d, r, c, args[0]);
    if (target === undefined) return false;
    const op = criteria.replace(/^DATE_/, '').replace(/_RELATIVE$/, '');
    if (op === 'BEFORE') return day < target;
    if (op === 'AFTER') return day > target;
    if (op === 'EQUAL_TO') {
      // "Date is in the past week/month/year": from that day up to today.
      if (relative && rel.startsWith('PAST_')) return day >= target && day <= today(book);
      return day === target;
    }
  }
  throw new Error(`not emulated: BooleanCriteria.${criteria} in conditional formatting`);
}

interface GradientBounds {
  points: Array<{ at: number; color: string }>;
}

function gradientBounds(book: Book, sh: SheetData, d: CfRuleData): GradientBounds | null {
  const values: number[] = [];
  for (const t of d.ranges) {
    const last = Math.min(t.r1, book.lastRow(sh));
    for (let r = t.r0; r <= last; r++)
      for (let c = t.c0; c <= t.c1; c++) {
        const { v } = book.computed(sh, r, c);
        if (typeof v === 'number') values.push(v);
      }
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const lo = values[0];
  const hi = values[values.length - 1];
  const at = (p: GradientPoint): number => {
    const x = Number(p.value);
    switch (p.type) {
      case 'MIN':
        return lo;
      case 'MAX':
        return hi;
      case 'NUMBER':
        return x;
      case 'PERCENT':
        return lo + ((hi - lo) * x) / 100;
      case 'PERCENTILE': {
        // Linear between closest ranks, as PERCENTILE.INC.
        const k = ((values.length - 1) * x) / 100;
        const i = Math.floor(k);
        return i + 1 < values.length ? values[i] + (values[i + 1] - values[i]) * (k - i) : values[i];
      }
      default:
        throw new Error(`not emulated: InterpolationType.${p.type}`);
    }
  };
  const g = d.gradient!;
  const points = [g.min!, ...(g.mid ? [g.mid] : []), g.max!].map((p) => ({ at: at(p), color: p.color }));
  return { points };
}

function gradientColor(b: GradientBounds, v: number): string {
  const p = b.points;
  if (v <= p[0].at) return p[0].color;
  for (let i = 1; i < p.length; i++) {
    if (v <= p[i].at) {
      const span = p[i].at - p[i - 1].at;
      return span <= 0 ? p[i].color : mix(p[i - 1].color, p[i].color, (v - p[i - 1].at) / span);
    }
  }
  return p[p.length - 1].color;
}
