// Array results placed as Google Sheets places them: a formula whose result is an array fills exactly the cells the
// result needs ("spills"); when one of those cells holds data, or the result runs past the edge of the tab, the
// formula shows #REF! and fills nothing, and it spills again as soon as the way is clear. The engine evaluates such
// formulas itself (never in the grid), so nothing is reserved beyond the real result.

import { type HyperFormula, SimpleRangeValue } from 'hyperformula';
import { toA1 } from './a1';

import type { Scalar, ValueKind } from './book';

export interface CellResult {
  v: Scalar | undefined;
  kind: ValueKind;
  /** The value is a formula error (#N/A…), not text. */
  err?: true;
}

/** A rectangle a formula reads, 0-based and inclusive; whole rows/columns run to Infinity. */
export interface DepRect {
  sheet: string;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

interface Parsed {
  ast?: unknown;
  address: unknown;
  dependencies: unknown[];
}

/** One formula whose result is an array, at its anchor cell. */
export interface SpillState {
  /** The anchor (0-based), kept current through row/column changes. */
  r: number;
  c: number;
  /** The formula as the engine evaluates it. */
  text: string;
  deps: DepRect[];
  /** Reads cells it does not name (OFFSET, INDIRECT) or random numbers: evaluated on every settle. */
  dynamic: boolean;
  /** Reads the clock: evaluated again when the date (TODAY) or the second (NOW) moved on since `clockAt`. */
  clock?: 'day' | 'second';
  clockAt?: number;
  dirty: boolean;
  /** The last result: rows of cells, or an error string for the anchor. */
  result: CellResult[][] | string;
  /** The engine's error behind an error result (it may say `not emulated: …`). */
  cause?: unknown;
  /** The engine's values behind `result`, to tell whether a new evaluation changed anything. */
  raw?: unknown[][];
  /** The engine's parse of `text`, for the tab names as they were (`version`). */
  parsed?: { text: string; sheetId: number; version: number; tmp: Parsed };
  /** Whether the result fills cells beyond the anchor. */
  placed: boolean;
  /** The anchor's error when the result could not be placed (#REF!), with Sheets' explanation. */
  error?: string;
  message?: string;
  /** Cells whose mirror the engine holds (anchor included): rows r..r+hfRows-1, columns c..c+hfCols-1. */
  hfRows: number;
  hfCols: number;
}

export const HF_ERRORS: Record<string, string> = {
  DIV_BY_ZERO: '#DIV/0!',
  NA: '#N/A',
  NAME: '#NAME?',
  NUM: '#NUM!',
  REF: '#REF!',
  VALUE: '#VALUE!',
  CYCLE: '#REF!',
  SPILL: '#REF!',
  ERROR: '#ERROR!',
  LIC: '#ERROR!',
};

const KINDS: Record<string, ValueKind> = {
  NUMBER_DATE: 'date',
  NUMBER_DATETIME: 'datetime',
  NUMBER_TIME: 'time',
};

/** An engine-internal scalar as the grid keeps it. */
function internalCell(x: unknown): CellResult {
  if (x === null || x === undefined || typeof x === 'symbol') return { v: undefined, kind: 'number' };
  if (typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') return { v: x, kind: 'number' };
  if (typeof x === 'object') {
    const o = x as { val?: unknown; type?: string; getDetailedType?: () => string };
    if (typeof o.val === 'number') return { v: o.val, kind: KINDS[o.getDetailedType?.() ?? ''] ?? 'number' };
    if (typeof o.type === 'string') return { v: HF_ERRORS[o.type] ?? '#ERROR!', kind: 'number', err: true };
  }
  return { v: String(x), kind: 'number' };
}

/**
 * Evaluates a formula on a tab without storing it, keeping the engine's typed values (dates stay dates) and the
 * exact size of an array result. The formula text is position-free except ROW()/COLUMN() without arguments.
 */
export function evaluateArray(
  hf: HyperFormula,
  st: SpillState,
  sheetId: number,
  parseVersion: number,
): { result: CellResult[][] | string; cause?: unknown; changed: boolean } {
  const engine = hf as unknown as {
    extractTemporaryFormula(f: string, s: number): Parsed;
    evaluator: { runAndForget(ast: unknown, address: unknown, deps: unknown[]): unknown };
  };
  // Parsing costs as much as a small evaluation: kept while the text, the tab and the tab names stay the same.
  const p = st.parsed;
  const tmp =
    p && p.text === st.text && p.sheetId === sheetId && p.version === parseVersion
      ? p.tmp
      : engine.extractTemporaryFormula(st.text, sheetId);
  st.parsed = { text: st.text, sheetId, version: parseVersion, tmp };
  if (tmp.ast === undefined) return { result: '#ERROR!', changed: true };
  const v = engine.evaluator.runAndForget(tmp.ast, tmp.address, tmp.dependencies);
  const rows = v instanceof SimpleRangeValue ? (v.data as unknown[][]) : [[v]];
  // Most re-evaluations after an edit give the same result: it is kept as it is (nothing to convert or re-place).
  if (st.raw && sameRows(st.raw, rows)) return { result: st.result, cause: st.cause, changed: false };
  st.raw = rows;
  if (v instanceof SimpleRangeValue) {
    if (rows.length === 0 || rows[0].length === 0)
      return { result: [[{ v: undefined, kind: 'number' }]], changed: true };
    return { result: rows.map((row) => row.map(internalCell)), changed: true };
  }
  const one = internalCell(v);
  return one.err ? { result: String(one.v), cause: v, changed: true } : { result: [[one]], changed: true };
}

/** Whether two engine results hold the same values (typed numbers by value and type, errors by type). */
function sameRows(a: unknown[][], b: unknown[][]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) {
      const p = x[j];
      const q = y[j];
      if (p === q) continue;
      if (typeof p !== 'object' || typeof q !== 'object' || p === null || q === null) return false;
      if (p.constructor !== q.constructor) return false;
      const pv = p as { val?: unknown; type?: unknown; message?: unknown };
      const qv = q as { val?: unknown; type?: unknown; message?: unknown };
      if (pv.val !== qv.val || pv.type !== qv.type || pv.message !== qv.message) return false;
    }
  }
  return true;
}

/** Whether the engine gives this formula an array result (its static size prediction, as when it stores one). */
export function predictsArray(hf: HyperFormula, text: string, sheetId: number): boolean {
  const engine = hf as unknown as {
    extractTemporaryFormula(f: string, s: number): { ast?: unknown; address: unknown };
    evaluator: {
      interpreter: { arraySizePredictor: { checkArraySize(ast: unknown, at: unknown): { isScalar(): boolean } } };
    };
  };
  const tmp = engine.extractTemporaryFormula(text, sheetId);
  if (tmp.ast === undefined) return false;
  return !engine.evaluator.interpreter.arraySizePredictor.checkArraySize(tmp.ast, tmp.address).isScalar();
}

/** What the anchor cell shows. */
export function anchorValue(st: SpillState): CellResult {
  if (st.error) return { v: st.error, kind: 'number', err: true };
  if (typeof st.result === 'string') return { v: st.result, kind: 'number', err: true };
  return st.result[0]?.[0] ?? { v: undefined, kind: 'number' };
}

export function resultSize(st: SpillState): { rows: number; cols: number } {
  if (typeof st.result === 'string') return { rows: 1, cols: 1 };
  return { rows: st.result.length, cols: st.result[0]?.length ?? 1 };
}

/** The first cell of the would-be spill area that holds something, for Sheets' message. */
export function blockedMessage(r: number, c: number): string {
  return `Array result was not expanded because it would overwrite data in ${toA1(r + 1, c + 1, 1, 1)}.`;
}

export function tooLongMessage(extraRows: number, extraCols: number): string {
  return extraRows > 0
    ? `Result was not automatically expanded, please insert more rows (${extraRows}).`
    : `Result was not automatically expanded, please insert more columns (${extraCols}).`;
}

export function intersects(d: DepRect, r0: number, c0: number, r1: number, c1: number): boolean {
  return d.r0 <= r1 && r0 <= d.r1 && d.c0 <= c1 && c0 <= d.c1;
}
