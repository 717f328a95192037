// Values as HyperFormula hands them to function plugins, read the way Sheets reads them: numbers (dates are
// numbers), text, booleans, blanks and errors; Sheets' sort order; the `not emulated` error that reaches the reader.

import { CellError, EmptyValue, ErrorType, SimpleRangeValue } from 'hyperformula';
import type { RangeCache } from './criteria';

/** What the engine's `context` config carries: the workbook clock (serials in the spreadsheet zone) and locale. */
export interface FormulaContext {
  todaySerial(): number;
  nowSerial(): number;
  locale(): string;
  /** Range contents kept between evaluations (criteria.ts). */
  rangeCache?: RangeCache;
}

/** A plugin value: a number may arrive wrapped (a date, a percent) with its raw value in `val`. */
export function raw(v: unknown): unknown {
  if (typeof v === 'object' && v !== null && !(v instanceof CellError) && 'val' in v)
    return (v as { val: unknown }).val;
  return v;
}

export function isBlank(v: unknown): boolean {
  return v === EmptyValue || v === null || v === undefined;
}

export function isError(v: unknown): v is CellError {
  return v instanceof CellError;
}

/** A value as text the way Sheets concatenates it. */
export function asText(v: unknown): string {
  const x = raw(v);
  if (typeof x === 'boolean') return x ? 'TRUE' : 'FALSE';
  if (isBlank(x)) return '';
  return String(x);
}

/** Every value of an argument, row by row. */
export function flatten(v: unknown): unknown[] {
  if (v instanceof SimpleRangeValue) return v.valuesFromTopLeftCorner();
  return [v];
}

/** A 2-D block of an argument (a scalar is a 1×1 block). */
export function grid(v: unknown): unknown[][] {
  if (v instanceof SimpleRangeValue) return v.data;
  return [[v]];
}

/** The message that makes the workbook reader throw instead of showing a value. */
export const NOT_EMULATED = 'not emulated: ';

export function notEmulated(what: string): CellError {
  return new CellError(ErrorType.NAME, `${NOT_EMULATED}${what}`);
}

export function isNotEmulated(v: unknown): v is CellError {
  return v instanceof CellError && typeof v.message === 'string' && v.message.startsWith(NOT_EMULATED);
}

/** Sheets' truthiness of a condition value (FILTER, QUERY's booleans). */
export function truthy(v: unknown): boolean {
  const x = raw(v);
  return x === true || (typeof x === 'number' && x !== 0);
}

function rank(v: unknown): number {
  if (isBlank(v) || v === '') return 4;
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  return 3;
}

// What `a.localeCompare(b, undefined, { sensitivity: 'base' })` compares with, made once (not at every comparison).
const BASE_COLLATOR = new Intl.Collator(undefined, { sensitivity: 'base' });

/** Sheets' sort order: numbers (dates), then text (case-insensitive), then booleans, then errors; blanks always last. */
export function compareForSort(a: unknown, b: unknown, ascending: boolean): number {
  const x = raw(a);
  const y = raw(b);
  const ra = rank(x);
  const rb = rank(y);
  if (ra === 4 || rb === 4) return ra === rb ? 0 : ra === 4 ? 1 : -1;
  let cmp: number;
  if (ra !== rb) cmp = ra - rb;
  else if (ra === 0) cmp = (x as number) - (y as number);
  else if (ra === 2) cmp = Number(x) - Number(y);
  else if (ra === 1) cmp = BASE_COLLATOR.compare(x as string, y as string);
  else cmp = 0;
  return ascending ? cmp : -cmp;
}

/** A key telling values apart as Sheets' UNIQUE does: by type and exact text (case-sensitive). */
export function uniqueKey(v: unknown): string {
  const x = raw(v);
  if (isBlank(x)) return 'b:';
  if (x instanceof CellError) return `e:${x.type}`;
  return `${typeof x}:${String(x)}`;
}
