// Speed-ups of HyperFormula at 10,000 rows that give the same values as the engine's own code:
// - range arguments (C2:C, Clients!A:A) are read in a plain loop instead of a generic address walk that re-measures
//   the tab on each row; a cell holding an array (which the walk turns into an error) takes the engine's own path;
// - comparisons of a range with one value (Clients!C2:C="Lead" inside FILTER) reuse the per-cell results kept by
//   RangeCache, redoing only the rows written since;
// - text written with a leading apostrophe (how the workbook feeds every text cell) is taken as that text at once;
//   the engine tried it as a boolean, error, number, percent, currency and date first, all of which fail on the
//   apostrophe.

import { type HyperFormula, SimpleRangeValue } from 'hyperformula';
import type { RangeCache } from './criteria';

interface Graph {
  getCellValue(address: { sheet: number; row: number; col: number }): unknown;
}

interface RangeInternals {
  _data?: unknown[][];
  _hasOnlyNumbers?: boolean;
  range?: {
    start: { sheet: number; row: number; col: number };
    effectiveEndRow(g: Graph): number;
    effectiveEndColumn(g: Graph): number;
  };
  dependencyGraph?: Graph;
}

let installed = false;
/** Each engine's kept range contents (its dependency graph is what a range value knows). */
const caches = new WeakMap<object, RangeCache>();

/** Cell values (row by row) of a comparison result whose rows are built only when something asks for them. */
const FLAT = Symbol('flat');
type Lazy = RangeInternals & { [FLAT]?: { cells: unknown[]; w: number } };

/**
 * A range value of h × w cells given row by row: FILTER reads the cells as they are (flatCells); any other reader
 * gets rows built on first use, as SimpleRangeValue.onlyValues would hold them.
 */
function lazyValues(cells: unknown[], h: number, w: number): SimpleRangeValue {
  const v = SimpleRangeValue.onlyValues([[null]] as never) as unknown as Lazy & { size: unknown };
  const Size = (v.size as { constructor: new (w: number, h: number) => unknown }).constructor;
  v._data = undefined;
  v.size = new Size(w, h);
  v[FLAT] = { cells, w };
  return v as unknown as SimpleRangeValue;
}

/** The cells, row by row, of a range value made by lazyValues (undefined for any other). */
export function flatCells(v: SimpleRangeValue): unknown[] | undefined {
  return (v as unknown as Lazy)[FLAT]?.cells;
}

export function attachRangeCache(hf: HyperFormula, cache: RangeCache): void {
  caches.set(hf.dependencyGraph as object, cache);
}

export function installFastRangeReads(): void {
  if (installed) return;
  installed = true;
  const proto = SimpleRangeValue.prototype as unknown as { ensureThatComputed?: () => void };
  const original = proto.ensureThatComputed;
  if (typeof original !== 'function') return;
  proto.ensureThatComputed = function (this: Lazy) {
    if (this._data !== undefined) return;
    const lazy = this[FLAT];
    if (lazy) {
      const { cells, w } = lazy;
      const rows: unknown[][] = new Array(cells.length / w);
      for (let i = 0; i < rows.length; i++) rows[i] = w === 1 ? [cells[i]] : cells.slice(i * w, (i + 1) * w);
      this._data = rows;
      return;
    }
    const range = this.range;
    const graph = this.dependencyGraph;
    if (!range || !graph) return original.call(this);
    const kept = caches.get(graph)?.contents(this as unknown as SimpleRangeValue);
    if (kept) {
      // Fresh rows each time: callers may keep or change what they are given.
      const w = range.effectiveEndColumn(graph) - range.start.col + 1;
      const rows: unknown[][] = new Array(kept.length / w);
      let onlyNumbers = true;
      for (let i = 0; i < rows.length; i++) {
        const line = w === 1 ? [kept[i]] : kept.slice(i * w, (i + 1) * w);
        if (onlyNumbers)
          for (const v of line)
            if (typeof v !== 'number' && !(typeof v === 'object' && v !== null && 'val' in v)) onlyNumbers = false;
        rows[i] = line;
      }
      this._hasOnlyNumbers = onlyNumbers;
      this._data = rows;
      return;
    }
    const { sheet, row: r0, col: c0 } = range.start;
    const r1 = range.effectiveEndRow(graph);
    const c1 = range.effectiveEndColumn(graph);
    const data: unknown[][] = new Array(Math.max(0, r1 - r0 + 1));
    let onlyNumbers = true;
    for (let r = r0; r <= r1; r++) {
      const line: unknown[] = new Array(c1 - c0 + 1);
      for (let c = c0; c <= c1; c++) {
        const v = graph.getCellValue({ sheet, row: r, col: c });
        if (v instanceof SimpleRangeValue) return original.call(this);
        if (onlyNumbers && typeof v !== 'number' && !(typeof v === 'object' && v !== null && 'val' in v))
          onlyNumbers = false;
        line[c - c0] = v;
      }
      data[r - r0] = line;
    }
    this._hasOnlyNumbers = onlyNumbers;
    this._data = data;
  };
}

type Op = (a: unknown, b: unknown) => unknown;

interface InterpreterInternals {
  config?: { context?: { rangeCache?: RangeCache } };
  equalOp: Op;
  notEqualOp: Op;
  greaterThanOp: Op;
  lessThanOp: Op;
  greaterThanOrEqualOp: Op;
  lessThanOrEqualOp: Op;
}

/** A plain value a comparison can be keyed by (text, number, boolean, or a typed number such as a date). */
function valueKey(x: unknown): string | undefined {
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return `${typeof x}:${String(x)}`;
  if (typeof x === 'object' && x !== null && 'val' in x && typeof (x as { val: unknown }).val === 'number')
    return `${x.constructor.name}:${(x as { val: number }).val}`;
  return undefined;
}

export function installCachedComparisons(hf: HyperFormula): void {
  const interpreter = (hf as unknown as { evaluator?: { interpreter?: object } }).evaluator?.interpreter;
  const proto = interpreter && (Object.getPrototypeOf(interpreter) as Record<string, unknown>);
  if (!proto || proto.kartotekaComparisons) return;
  const original = proto.binaryRangeWrapper as
    | ((op: Op, a: unknown, b: unknown, state: unknown) => unknown)
    | undefined;
  if (typeof original !== 'function') return;
  proto.kartotekaComparisons = true;
  proto.binaryRangeWrapper = function (
    this: InterpreterInternals,
    op: Op,
    a: unknown,
    b: unknown,
    state: { arraysFlag?: boolean },
  ) {
    const cache = this.config?.context?.rangeCache;
    if (cache && state?.arraysFlag) {
      const name =
        op === this.equalOp
          ? '='
          : op === this.notEqualOp
            ? '<>'
            : op === this.greaterThanOp
              ? '>'
              : op === this.lessThanOp
                ? '<'
                : op === this.greaterThanOrEqualOp
                  ? '>='
                  : op === this.lessThanOrEqualOp
                    ? '<='
                    : undefined;
      if (name) {
        const [range, tag, fn] =
          a instanceof SimpleRangeValue && a.range
            ? [a, `${name}${valueKey(b)}`, (v: unknown) => op(v, b)]
            : b instanceof SimpleRangeValue && b.range
              ? [b, `${valueKey(a)}${name}`, (v: unknown) => op(a, v)]
              : [];
        const known = range && valueKey(range === a ? b : a) !== undefined;
        const got = known ? cache.compare(range, tag!, fn!) : undefined;
        if (got) return lazyValues(got.cells, got.h, got.w);
      }
    }
    return original.call(this, op, a, b, state);
  };
}

/** Text the workbook feeds as `'text` is text: the engine's parse reaches the same result after six failed tries. */
export function installQuotedTextParse(hf: HyperFormula): void {
  const parser = (hf as unknown as { _cellContentParser?: { parse(c: unknown): unknown } })._cellContentParser;
  const proto = parser && (Object.getPrototypeOf(parser) as Record<string, unknown>);
  if (!parser || !proto || proto.kartotekaQuoted) return;
  const original = proto.parse as (c: unknown) => unknown;
  const sample = original.call(parser, "'x") as { value?: unknown; constructor: new (v: string) => unknown };
  if (typeof original !== 'function' || sample?.value !== 'x') return;
  const TextContent = sample.constructor;
  proto.kartotekaQuoted = true;
  proto.parse = function (this: unknown, content: unknown) {
    if (typeof content === 'string' && content.charCodeAt(0) === 39) return new TextContent(content.slice(1));
    return original.call(this, content);
  };
}
