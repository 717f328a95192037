// COUNTIF(S), SUMIF(S), AVERAGEIF, MINIFS and MAXIFS with HyperFormula's own criteria and arithmetic, but with the
// per-cell criterion results kept per (range, criterion) until a cell of the range changes: a funnel of a hundred
// COUNTIFS over the same client columns then costs one pass per distinct criterion instead of one per formula.

import { HyperFormula, SimpleRangeValue } from 'hyperformula';

/** Says whether a range may have changed: equal stamps mean equal contents. */
export type RangeStamp = (sheet: number, r0: number, c0: number, r1: number, c1: number) => string;

interface Entry<T> {
  stamp: string;
  data: T;
}

type Lambda = (value: unknown) => boolean;

/** Plain value of an engine scalar (dates and other typed numbers carry it in `val`). */
function rawValue(v: unknown): unknown {
  return typeof v === 'object' && v !== null && 'val' in v ? (v as { val: unknown }).val : v;
}

/** Range contents and criterion masks, valid while the range's stamp holds. */
export class RangeCache {
  private readonly values = new Map<string, Entry<unknown[]>>();
  private readonly masks = new Map<string, Entry<Uint8Array>>();

  constructor(private readonly stampOf: RangeStamp) {}

  clear(): void {
    this.values.clear();
    this.masks.clear();
  }

  private keyOf(arg: SimpleRangeValue): { key: string; stamp: string } {
    const r = arg.range!;
    const r1 = r.start.row + arg.height() - 1;
    const c1 = r.start.col + arg.width() - 1;
    return {
      key: `${r.start.sheet}:${r.start.row}:${r.start.col}:${r1}:${c1}`,
      stamp: this.stampOf(r.start.sheet, r.start.row, r.start.col, r1, c1),
    };
  }

  /** The range's engine values, row by row. */
  read(arg: SimpleRangeValue): unknown[] {
    const { key, stamp } = this.keyOf(arg);
    const hit = this.values.get(key);
    if (hit && hit.stamp === stamp) return hit.data;
    const data = arg.valuesFromTopLeftCorner() as unknown[];
    if (this.values.size > 500) this.values.clear();
    this.values.set(key, { stamp, data });
    return data;
  }

  /** 1 where the criterion holds for the cell, row by row. */
  mask(arg: SimpleRangeValue, raw: unknown, lambda: Lambda): Uint8Array {
    const { key, stamp } = this.keyOf(arg);
    const mkey = `${key}|${typeof raw}:${String(raw)}`;
    const hit = this.masks.get(mkey);
    if (hit && hit.stamp === stamp) return hit.data;
    const values = this.read(arg);
    const out = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) if (lambda(rawValue(values[i]))) out[i] = 1;
    if (this.masks.size > 2000) this.masks.clear();
    this.masks.set(mkey, { stamp, data: out });
    return out;
  }
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
      const conditions: Array<{ range: SimpleRangeValue; raw: unknown; lambda: Lambda }> = [];
      for (let i = 0; i < conditionArgs.length; i += 2) {
        const range = conditionArgs[i];
        const pkg = self.interpreter.criterionBuilder.fromCellValue(conditionArgs[i + 1], self.arithmeticHelper);
        // Bad criteria, arrays computed on the fly and mismatched sizes take the engine's own path (and errors).
        if (!pkg || !plain(range) || !range.sameDimensionsAs(valuesRange)) return fallback();
        conditions.push({ range, raw: pkg.raw, lambda: pkg.lambda });
      }
      const values = cache.read(valuesRange);
      let mask: Uint8Array | undefined;
      for (const c of conditions) {
        const m = cache.mask(c.range, c.raw, c.lambda);
        if (!mask) mask = m.slice();
        else for (let i = 0; i < mask.length; i++) mask[i] &= m[i];
      }
      let acc = init;
      for (let i = 0; i < values.length; i++) if (!mask || mask[i]) acc = compose(acc, map(values[i]));
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
