// Per-cell work on ranges kept between evaluations: COUNTIF(S), SUMIF(S), AVERAGEIF, MINIFS and MAXIFS run with
// HyperFormula's own criteria and arithmetic, and range-to-value comparisons (C2:C="Lead" inside FILTER) with its own
// operators, but the per-cell results are kept per (range, criterion) and only the rows written since are redone.
// A funnel of a hundred COUNTIFS over the same client columns then costs one pass per distinct criterion, and an
// edit one row.

import { EmptyValue, HyperFormula, SimpleRangeValue } from 'hyperformula';
import type { DimensionChange } from './refs';

/** What the workbook tells about the contents of an engine range. */
export interface RangeSource {
  /** For ranges holding formulas (their values change with any write): a stamp that changes with every write. */
  volatileStamp(sheet: number, r0: number, c0: number, r1: number, c1: number): string | undefined;
  /** Bumped by row/column changes of the tab. */
  struct(sheet: number): number;
  /** The write sequence number of the tab's latest write. */
  seq(sheet: number): number;
  /** Row spans of the rectangle written since `since`; undefined when the workbook no longer knows. */
  changedRows(
    sheet: number,
    since: number,
    r0: number,
    c0: number,
    r1: number,
    c1: number,
  ): Array<[number, number]> | undefined;
}

interface Graph {
  getCellValue(address: { sheet: number; row: number; col: number }): unknown;
}

/** Per-cell results over a range (row by row), valid for `volatile` or up to write `seq`. */
interface Entry<T> {
  data: T;
  sheet: number;
  r0: number;
  c0: number;
  h: number;
  w: number;
  /** A whole-column range (A:A): its height follows the tab. */
  open: boolean;
  tag: string;
  /** What a cell's result is from its value (identity for contents). */
  fn: (v: unknown) => unknown;
  volatile?: string;
  struct: number;
  seq: number;
}

/** Cells where every criterion of a COUNTIFS-like call holds (see RangeCache.combined). */
interface Combo {
  /** 1 where every mask holds, cell by cell (longer than h × w when grown with room to spare). */
  and: Uint8Array;
  count: number;
  h: number;
  w: number;
  /** Each range's stamps when `and` was last brought up to date. */
  parts: Array<{ struct: number; seq: number }>;
}

function keyOf(e: { sheet: number; r0: number; c0: number; w: number; h: number; open: boolean; tag: string }): string {
  return `${e.sheet}:${e.r0}:${e.c0}:${e.w}:${e.open ? '*' : e.h}|${e.tag}`;
}

type Lambda = (value: unknown) => boolean;

/** A criterion's key among the masks of one range. */
const maskTag = (raw: unknown) => `${typeof raw}:${String(raw)}`;

/** Plain value of an engine scalar (dates and other typed numbers carry it in `val`). */
function rawValue(v: unknown): unknown {
  return typeof v === 'object' && v !== null && 'val' in v ? (v as { val: unknown }).val : v;
}

interface Shape {
  sheet: number;
  r0: number;
  c0: number;
  h: number;
  w: number;
  open: boolean;
  graph: Graph;
}

function shapeOf(arg: SimpleRangeValue): Shape | undefined {
  const r = arg.range;
  const graph = (arg as unknown as { dependencyGraph?: Graph }).dependencyGraph;
  if (!r || !graph) return undefined;
  const { sheet, row, col } = r.start;
  // Whole columns (A:A) grow with the tab: their key leaves the height out so new rows are patched in.
  const open = r.end.row === Number.POSITIVE_INFINITY || !Number.isFinite(r.end.row);
  return { sheet, r0: row, c0: col, h: arg.height(), w: arg.width(), open, graph };
}

/** `fn` remembering its result per distinct cell value (a client column holds a handful of stages many times). */
function memoized<R>(fn: (v: unknown) => R): (v: unknown) => R {
  const plain = new Map<unknown, R>();
  const numbers = new Map<string, R>();
  return (v) => {
    let memo: Map<unknown, R>;
    let key: unknown;
    if (v === null || typeof v !== 'object') {
      memo = plain;
      key = v;
    } else if ('val' in v && typeof (v as { val: unknown }).val === 'number') {
      memo = numbers as Map<unknown, R>;
      key = `${v.constructor.name}:${(v as { val: number }).val}`;
    } else return fn(v);
    const hit = memo.get(key);
    if (hit !== undefined || memo.has(key)) return hit as R;
    const r = fn(v);
    memo.set(key, r);
    return r;
  };
}

/** Rows to redo in an entry, or undefined when it must be computed anew. */
function rowsToRedo(src: RangeSource, s: Shape, e: Entry<unknown> | undefined): number[] | undefined {
  if (!e || e.volatile !== undefined || e.w !== s.w || e.struct !== src.struct(s.sheet) || s.h < e.h) return undefined;
  const spans = src.changedRows(s.sheet, e.seq, s.r0, s.c0, s.r0 + s.h - 1, s.c0 + s.w - 1);
  if (!spans) return undefined;
  const limit = Math.max(64, s.h >> 3);
  let total = s.h - e.h;
  for (const [a, b] of spans) {
    total += b - a + 1;
    if (total > 4 * limit) return undefined;
  }
  const rows = new Set<number>();
  for (const [a, b] of spans) for (let r = a; r <= b; r++) rows.add(r - s.r0);
  // Rows the range gained without being written are empty; they are redone all the same.
  for (let i = e.h; i < s.h; i++) rows.add(i);
  if (rows.size > limit) return undefined;
  return [...rows];
}

/** Range contents, criterion masks and comparisons, kept while the range's cells stay the same. */
export class RangeCache {
  private readonly values = new Map<string, Entry<unknown[]>>();
  private readonly masks = new Map<string, Entry<Uint8Array>>();
  private readonly compares = new Map<string, Entry<unknown[]>>();
  private readonly combos = new Map<string, Combo>();

  constructor(private readonly src: RangeSource) {}

  clear(): void {
    this.values.clear();
    this.masks.clear();
    this.compares.clear();
    this.combos.clear();
  }

  private stampFor(s: Shape): Pick<Entry<unknown>, 'volatile' | 'struct' | 'seq'> {
    const volatile = this.src.volatileStamp(s.sheet, s.r0, s.c0, s.r0 + s.h - 1, s.c0 + s.w - 1);
    return { volatile, struct: this.src.struct(s.sheet), seq: this.src.seq(s.sheet) };
  }

  private fresh<T>(e: Entry<T> | undefined, s: Shape, stamp: Pick<Entry<unknown>, 'volatile' | 'seq'>): boolean {
    if (!e || e.h !== s.h || e.w !== s.w) return false;
    return stamp.volatile !== undefined
      ? e.volatile === stamp.volatile
      : e.volatile === undefined && e.seq === stamp.seq;
  }

  /** The range's engine values, row by row. */
  read(arg: SimpleRangeValue): unknown[] {
    return this.contents(arg) ?? (arg.valuesFromTopLeftCorner() as unknown[]);
  }

  /** The range's engine values row by row, kept; undefined for what the engine must read its own way. */
  contents(arg: SimpleRangeValue): unknown[] | undefined {
    const s = shapeOf(arg);
    return s && this.readShape(s);
  }

  /** Reads the cells from the engine; undefined when one holds an array (the engine makes that an error). */
  private load(s: Shape, data: unknown[], rows: Iterable<number>): boolean {
    for (const i of rows)
      for (let j = 0; j < s.w; j++) {
        const v = s.graph.getCellValue({ sheet: s.sheet, row: s.r0 + i, col: s.c0 + j });
        if (v instanceof SimpleRangeValue) return false;
        data[i * s.w + j] = v;
      }
    return true;
  }

  private readShape(s: Shape): unknown[] | undefined {
    const key = keyOf({ ...s, tag: '' });
    const stamp = this.stampFor(s);
    const e = this.values.get(key);
    if (this.fresh(e, s, stamp)) return e!.data;
    const redo = stamp.volatile === undefined ? rowsToRedo(this.src, s, e) : undefined;
    if (e && redo) {
      e.data.length = s.h * s.w;
      if (this.load(s, e.data, redo)) {
        Object.assign(e, stamp, { h: s.h });
        return e.data;
      }
      this.values.delete(key);
      return undefined;
    }
    const data = new Array<unknown>(s.h * s.w);
    const all = {
      *[Symbol.iterator]() {
        for (let i = 0; i < s.h; i++) yield i;
      },
    };
    if (!this.load(s, data, all)) return undefined;
    if (this.values.size > 500) this.values.clear();
    this.values.set(key, { data, ...s, tag: '', fn: (v) => v, ...stamp });
    return data;
  }

  /** Per-cell results of `fn` over the range's values, kept under `tag` and redone only for written rows. */
  private derived<T extends unknown[] | Uint8Array>(
    map: Map<string, Entry<T>>,
    arg: SimpleRangeValue,
    s: Shape,
    tag: string,
    make: (n: number) => T,
    fn: (v: unknown) => T[number],
  ): T {
    const key = keyOf({ ...s, tag });
    const stamp = this.stampFor(s);
    const e = map.get(key);
    if (this.fresh(e, s, stamp)) return e!.data;
    const redo = stamp.volatile === undefined ? rowsToRedo(this.src, s, e) : undefined;
    const values = this.readShape(s) ?? (arg.valuesFromTopLeftCorner() as unknown[]);
    fn = memoized(fn);
    if (e && redo && e.data.length >= e.h * s.w) {
      let data = e.data;
      if (Array.isArray(data)) data.length = s.h * s.w;
      else if (data.length < s.h * s.w) {
        // Masks grow with room to spare: appended rows then cost one row each.
        const grown = make(Math.ceil(s.h * 1.25) * s.w);
        for (let i = 0; i < e.h * s.w; i++) grown[i] = data[i];
        data = grown;
      }
      for (const i of redo) for (let j = 0; j < s.w; j++) data[i * s.w + j] = fn(values[i * s.w + j]);
      Object.assign(e, stamp, { h: s.h, data });
      return data;
    }
    const data = make(values.length);
    for (let i = 0; i < values.length; i++) data[i] = fn(values[i]);
    if (map.size > 2000) map.clear();
    map.set(key, { data, ...s, tag, fn, ...stamp });
    return data;
  }

  /**
   * Follows rows or columns inserted into or deleted from a tab, as the engine moves its ranges: kept results move
   * with their cells and inserted cells get the result of an empty cell. Moves forget the tab's results.
   */
  shift(sheet: number, dim: 'row' | 'col', change: DimensionChange, struct: number): void {
    for (const map of [this.values, this.masks, this.compares] as Array<Map<string, Entry<unknown[] | Uint8Array>>>) {
      const moved: Array<Entry<unknown[] | Uint8Array>> = [];
      for (const [key, e] of map) {
        if (e.sheet !== sheet) continue;
        map.delete(key);
        if (e.volatile === undefined && change.kind !== 'move' && shiftEntry(e, dim, change)) {
          e.struct = struct;
          moved.push(e);
        }
      }
      for (const e of moved) map.set(keyOf(e), e);
    }
  }

  /**
   * Cells where every mask holds (1) and how many, for masks of same-sized ranges (`tags`: their criteria): kept per
   * set of ranges and criteria and redone only for the rows written since, so COUNTIFS after an edit or an appended
   * row costs those rows. Undefined for ranges holding formulas (the caller combines the masks itself).
   */
  combined(args: SimpleRangeValue[], tags: string[], masks: Uint8Array[], n: number): Combo | undefined {
    const shapes: Shape[] = [];
    for (const arg of args) {
      const s = shapeOf(arg);
      if (!s) return undefined;
      shapes.push(s);
    }
    const stamps = shapes.map((s) => this.stampFor(s));
    if (stamps.some((st) => st.volatile !== undefined)) return undefined;
    const { h, w } = shapes[0];
    if (n !== h * w || masks.some((m) => m.length < n)) return undefined;
    const key = shapes.map((s, j) => keyOf({ ...s, tag: tags[j] })).join('&');
    const all = (i: number) => {
      for (const m of masks) if (m[i] === 0) return 0;
      return 1;
    };
    const e = this.combos.get(key);
    let redo: Set<number> | undefined;
    if (e && e.w === w) {
      redo = new Set();
      for (let j = 0; j < shapes.length && redo; j++) {
        const was = { volatile: undefined, w, h: e.h, ...e.parts[j] } as Entry<unknown>;
        const rows = rowsToRedo(this.src, shapes[j], was);
        if (rows) for (const r of rows) redo.add(r);
        else redo = undefined;
      }
    }
    const parts = stamps.map(({ struct, seq }) => ({ struct, seq }));
    if (e && redo) {
      if (e.and.length < n) {
        // Room to spare, as masks have: appended rows then cost one row each.
        const grown = new Uint8Array(Math.ceil(h * 1.25) * w);
        grown.set(e.and.subarray(0, e.h * w));
        e.and = grown;
      }
      for (const r of redo)
        for (let j = 0; j < w; j++) {
          const i = r * w + j;
          const v = all(i);
          e.count += v - e.and[i];
          e.and[i] = v;
        }
      Object.assign(e, { h, parts });
      return e;
    }
    const and = masks[0].slice(0, n);
    for (let j = 1; j < masks.length; j++) {
      const m = masks[j];
      for (let i = 0; i < n; i++) and[i] &= m[i];
    }
    let count = 0;
    for (let i = 0; i < n; i++) count += and[i];
    if (this.combos.size > 2000) this.combos.clear();
    const fresh: Combo = { and, count, h, w, parts };
    this.combos.set(key, fresh);
    return fresh;
  }

  /** 1 where the criterion holds for the cell, row by row. */
  mask(arg: SimpleRangeValue, raw: unknown, lambda: Lambda): Uint8Array | undefined {
    const s = shapeOf(arg);
    if (!s) return undefined;
    return this.derived(
      this.masks,
      arg,
      s,
      maskTag(raw),
      (n) => new Uint8Array(n),
      (v) => (lambda(rawValue(v)) ? 1 : 0),
    );
  }

  /**
   * `range op value` (or `value op range`) cell by cell, row by row; a copy each time (the kept results change with
   * later edits, what a caller was given must not).
   */
  compare(
    arg: SimpleRangeValue,
    tag: string,
    op: (v: unknown) => unknown,
  ): { cells: unknown[]; h: number; w: number } | undefined {
    const s = shapeOf(arg);
    if (!s) return undefined;
    const flat = this.derived(this.compares, arg, s, tag, (n) => new Array<unknown>(n), op);
    return { cells: flat.slice(0, s.h * s.w), h: s.h, w: s.w };
  }
}

/** Moves one entry through a row/column insert or delete; false when it cannot follow (it is dropped). */
function shiftEntry(e: Entry<unknown[] | Uint8Array>, dim: 'row' | 'col', change: DimensionChange): boolean {
  if (change.kind === 'move') return false;
  const { at, count } = change;
  if (dim === 'col') {
    const c1 = e.c0 + e.w - 1;
    if (at > c1) return true;
    if (change.kind === 'insert' && at <= e.c0) e.c0 += count;
    else if (change.kind === 'delete' && at + count - 1 < e.c0) e.c0 -= count;
    else return false;
    return true;
  }
  const r1 = e.r0 + e.h - 1;
  if (change.kind === 'insert') {
    if (at <= e.r0 && !e.open) {
      e.r0 += count;
      return true;
    }
    if (at > r1) return true;
    // Rows inserted inside the range: the engine grows it; the new cells are empty.
    const fill = e.fn(EmptyValue);
    const offset = (at - e.r0) * e.w;
    const added = count * e.w;
    const old = e.data;
    const len = e.h * e.w;
    const data = old instanceof Uint8Array ? new Uint8Array(len + added) : new Array<unknown>(len + added);
    for (let i = 0; i < offset; i++) data[i] = old[i];
    for (let i = 0; i < added; i++) data[offset + i] = fill as never;
    for (let i = offset; i < len; i++) data[i + added] = old[i];
    e.data = data;
    e.h += count;
    return true;
  }
  const d1 = at + count - 1;
  if (d1 < e.r0) {
    e.r0 -= count;
    return true;
  }
  if (at > r1) return true;
  const from = Math.max(at, e.r0);
  const to = Math.min(d1, r1);
  if (from === e.r0 && to === r1) return false;
  const old = e.data;
  const len = e.h * e.w;
  const cut = (to - from + 1) * e.w;
  const offset = (from - e.r0) * e.w;
  const data = old instanceof Uint8Array ? new Uint8Array(len - cut) : new Array<unknown>(len - cut);
  for (let i = 0; i < offset; i++) data[i] = old[i];
  for (let i = offset + cut; i < len; i++) data[i - cut] = old[i];
  e.data = data;
  e.h -= to - from + 1;
  if (at < e.r0) e.r0 = at;
  return true;
}

let registered = false;

/** Registers the cached conditional aggregations once per process (HyperFormula's registry is global). */
export function registerCachedCriteria(): void {
  if (registered) return;
  registered = true;
  const Base = HyperFormula.getFunctionPlugin('COUNTIFS') as any;
  if (!Base?.prototype?.computeConditionalAggregationFunction) return;

  class CachedConditionalAggregation extends Base {
    computeConditionalAggregationFunction(
      valuesRange: unknown,
      conditionArgs: unknown[],
      functionName: string,
      init: unknown,
      compose: (acc: unknown, v: unknown) => unknown,
      map: (v: unknown) => unknown,
    ): unknown {
      const self = this as any;
      const cache = self.config?.context?.rangeCache as RangeCache | undefined;
      const plain = (x: unknown): x is SimpleRangeValue => x instanceof SimpleRangeValue && x.range !== undefined;
      const fallback = () =>
        super.computeConditionalAggregationFunction(valuesRange, conditionArgs, functionName, init, compose, map);
      if (!cache || !plain(valuesRange)) return fallback();
      const masks: Uint8Array[] = [];
      const ranges: SimpleRangeValue[] = [];
      const tags: string[] = [];
      for (let i = 0; i < conditionArgs.length; i += 2) {
        const range = conditionArgs[i];
        const pkg = self.interpreter.criterionBuilder.fromCellValue(conditionArgs[i + 1], self.arithmeticHelper);
        // Bad criteria, arrays computed on the fly and mismatched sizes take the engine's own path (and errors).
        if (!pkg || !plain(range) || !range.sameDimensionsAs(valuesRange)) return fallback();
        const m = cache.mask(range, pkg.raw, pkg.lambda);
        if (!m) return fallback();
        masks.push(m);
        ranges.push(range);
        tags.push(maskTag(pkg.raw));
      }
      const values = cache.read(valuesRange);
      const n = values.length;
      const combo = cache.combined(ranges, tags, masks, n);
      // COUNTIF(S) adds 1 per cell where every criterion holds: the kept count is that sum.
      if (combo && (functionName === 'COUNTIFS' || functionName === 'COUNTIF') && init === 0) return combo.count;
      let acc = init;
      if (combo) {
        const and = combo.and;
        for (let i = 0; i < n; i++) if (and[i] === 1) acc = compose(acc, map(values[i]));
        return acc;
      }
      const k = masks.length;
      outer: for (let i = 0; i < n; i++) {
        for (let j = 0; j < k; j++) if (masks[j][i] === 0) continue outer;
        acc = compose(acc, map(values[i]));
      }
      return acc;
    }
  }
  const names = Object.keys(Base.implementedFunctions ?? {});
  // The registry wants each function's method on the plugin's own prototype.
  for (const n of names) {
    const method: string = Base.implementedFunctions[n].method;
    Object.defineProperty(CachedConditionalAggregation.prototype, method, {
      value: Base.prototype[method],
      writable: true,
      configurable: true,
    });
  }
  HyperFormula.registerFunctionPlugin(CachedConditionalAggregation as any, {
    enGB: Object.fromEntries(names.map((n) => [n, n])),
  });
}
