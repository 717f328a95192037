// Cell references inside formula text: finding them, and rewriting them when rows, columns or tabs change.

import { columnToLetters, lettersToColumn, quoteSheetName } from './a1';
import { movedIndex } from './layer';

/** One end of a reference; 0-based; a missing row/col means "whole"/"open". */
export interface RefEnd {
  col?: number;
  row?: number;
  colAbs: boolean;
  rowAbs: boolean;
}

export interface Ref {
  /** Sheet name as written (unquoted), if qualified. */
  sheet?: string;
  start: RefEnd;
  end?: RefEnd;
}

const IDENT_CHAR = /[A-Za-z0-9_.\u00C0-\uFFFF$]/;
const REF_AT =
  /(?:'((?:[^']|'')+)'!|([A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*)!)?(\$?[A-Za-z]{1,3})?(\$?\d+)?(?::(\$?[A-Za-z]{1,3})?(\$?\d+)?)?/y;

function end(colText?: string, rowText?: string): RefEnd {
  return {
    col: colText ? lettersToColumn(colText.replace('$', '')) - 1 : undefined,
    row: rowText ? Number(rowText.replace('$', '')) - 1 : undefined,
    colAbs: Boolean(colText?.startsWith('$')),
    rowAbs: Boolean(rowText?.startsWith('$')),
  };
}

function valid(ref: Ref): boolean {
  const s = ref.start;
  const e = ref.end;
  if (!e) return s.col !== undefined && s.row !== undefined;
  if (s.col !== undefined && s.row !== undefined) return e.col !== undefined || e.row !== undefined;
  if (s.col !== undefined && s.row === undefined) return e.col !== undefined && e.row === undefined;
  if (s.row !== undefined && s.col === undefined) return e.row !== undefined && e.col === undefined;
  return false;
}

export function formatRefEnd(e: RefEnd): string {
  const col = e.col === undefined ? '' : `${e.colAbs ? '$' : ''}${columnToLetters(e.col + 1)}`;
  const row = e.row === undefined ? '' : `${e.rowAbs ? '$' : ''}${e.row + 1}`;
  return col + row;
}

export function formatRef(ref: Ref, forceQuote = false): string {
  const sheet =
    ref.sheet === undefined ? '' : `${forceQuote ? `'${ref.sheet.replace(/'/g, "''")}'` : quoteSheetName(ref.sheet)}!`;
  return sheet + formatRefEnd(ref.start) + (ref.end ? `:${formatRefEnd(ref.end)}` : '');
}

/**
 * Calls `fn` for every reference in the formula and splices in what it returns
 * (a string replaces the reference text, undefined keeps it).
 */
export function mapRefs(formula: string, fn: (ref: Ref) => string | undefined): string {
  let out = '';
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < n) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] : '';
    if ((ch === "'" || IDENT_CHAR.test(ch)) && !(prev && IDENT_CHAR.test(prev))) {
      REF_AT.lastIndex = i;
      const m = REF_AT.exec(formula);
      if (m && m[0].length > 0) {
        const text = m[0];
        const after = formula[i + text.length] ?? '';
        const ref: Ref = {
          sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2],
          start: end(m[3], m[4]),
          end: text.includes(':') ? end(m[5], m[6]) : undefined,
        };
        const hasBody = m[3] !== undefined || m[4] !== undefined;
        if (hasBody && valid(ref) && !/[A-Za-z0-9_.(!\u00C0-\uFFFF]/.test(after)) {
          const replacement = fn(ref);
          out += replacement === undefined ? text : replacement;
          i += text.length;
          continue;
        }
      }
      // Not a reference: copy the whole identifier (or quoted name) so we never match inside it.
      if (ch === "'") {
        const close = formula.indexOf("'", i + 1);
        const stop = close < 0 ? n : close + 1;
        out += formula.slice(i, stop);
        i = stop;
        continue;
      }
      let j = i;
      while (j < n && IDENT_CHAR.test(formula[j])) j++;
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** All references of a formula (for dependency tracking). */
export function listRefs(formula: string): Ref[] {
  const refs: Ref[] = [];
  mapRefs(formula, (r) => {
    refs.push(r);
    return undefined;
  });
  return refs;
}

export type DimensionChange =
  | { kind: 'insert'; at: number; count: number }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'move'; from: number; count: number; dest: number };

function mapPoint(p: number, change: DimensionChange): number | null {
  if (change.kind === 'insert') return p >= change.at ? p + change.count : p;
  if (change.kind === 'delete') {
    if (p < change.at) return p;
    if (p >= change.at + change.count) return p - change.count;
    return null;
  }
  return movedIndex(p, change.from, change.count, change.dest);
}

/** Maps a span [a, b] (inclusive) through a change; null when it disappears. */
export function mapSpan(a: number, b: number, change: DimensionChange): [number, number] | null {
  if (change.kind === 'delete') {
    const lo = change.at;
    const hi = change.at + change.count - 1;
    const na = a < lo ? a : a > hi ? a - change.count : lo;
    const nb = b < lo ? b : b > hi ? b - change.count : lo - 1;
    return nb < na ? null : [na, nb];
  }
  if (change.kind === 'insert') return [mapPoint(a, change)!, mapPoint(b, change)!];
  const x = mapPoint(a, change)!;
  const y = mapPoint(b, change)!;
  if (a === b) return [x, x];
  // A range that contains the whole moved block keeps its ends; otherwise its ends move independently.
  return [Math.min(x, y), Math.max(x, y)];
}

/** Rewrites the references of `formula` (living on `hostSheet`) that point at `target` after a row/column change. */
export function adjustFormula(
  formula: string,
  hostSheet: string,
  target: string,
  dim: 'row' | 'col',
  change: DimensionChange,
): string {
  return mapRefs(formula, (ref) => {
    const sheet = ref.sheet ?? hostSheet;
    if (sheet !== target) return undefined;
    const key = dim === 'row' ? 'row' : 'col';
    const s = ref.start[key];
    const e = ref.end ? ref.end[key] : s;
    if (s === undefined) return undefined;
    let next: Ref;
    if (e === undefined) {
      // Open end ('A2:A'): only the start moves.
      const p = change.kind === 'delete' ? (mapSpan(s, s, change)?.[0] ?? change.at) : mapPoint(s, change)!;
      next = { ...ref, start: { ...ref.start, [key]: p } };
    } else {
      const span = !ref.end
        ? change.kind === 'delete'
          ? mapSpan(s, s, change)
          : [mapPoint(s, change)!, mapPoint(s, change)!]
        : mapSpan(s, e, change);
      if (!span) return '#REF!';
      next = ref.end
        ? { ...ref, start: { ...ref.start, [key]: span[0] }, end: { ...ref.end, [key]: span[1] } }
        : { ...ref, start: { ...ref.start, [key]: span[0] } };
    }
    const changed = next.start[key] !== ref.start[key] || (ref.end && next.end?.[key] !== ref.end[key]);
    return changed ? formatRef(next) : undefined;
  });
}

/** Rewrites references to a renamed tab. */
export function renameSheetInFormula(formula: string, oldName: string, newName: string): string {
  return mapRefs(formula, (ref) => (ref.sheet === oldName ? formatRef({ ...ref, sheet: newName }) : undefined));
}

/** Replaces references to a deleted tab by #REF!. */
export function dropSheetInFormula(formula: string, name: string): string {
  return mapRefs(formula, (ref) => (ref.sheet === name ? '#REF!' : undefined));
}

/** Shifts relative references by (dr, dc), as copying or sorting a formula does; off-grid ones become #REF!. */
export function offsetFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  return mapRefs(formula, (ref) => {
    const move = (e: RefEnd): RefEnd | null => {
      const row = e.row === undefined || e.rowAbs ? e.row : e.row + dr;
      const col = e.col === undefined || e.colAbs ? e.col : e.col + dc;
      if ((row !== undefined && row < 0) || (col !== undefined && col < 0)) return null;
      return { ...e, row, col };
    };
    const s = move(ref.start);
    const e = ref.end ? move(ref.end) : undefined;
    if (!s || e === null) return '#REF!';
    return formatRef({ ...ref, start: s, end: e });
  });
}
