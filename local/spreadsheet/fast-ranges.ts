// HyperFormula reads every range argument (C2:C, Clients!A:A) cell by cell through a generic address walk that
// re-measures the tab on each row; at 10,000 rows that walk dominates FILTER and the array comparisons in it. This
// replaces the walk with a plain loop that reads the same cells in the same order and gives the same values; a cell
// holding an array (which the walk turns into an error) takes the engine's own path.

import { SimpleRangeValue } from 'hyperformula';

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

export function installFastRangeReads(): void {
  if (installed) return;
  installed = true;
  const proto = SimpleRangeValue.prototype as unknown as { ensureThatComputed?: () => void };
  const original = proto.ensureThatComputed;
  if (typeof original !== 'function') return;
  proto.ensureThatComputed = function (this: RangeInternals) {
    if (this._data !== undefined) return;
    const range = this.range;
    const graph = this.dependencyGraph;
    if (!range || !graph) return original.call(this);
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
