// R1C1 notation (Range.setFormulaR1C1 / getFormulaR1C1): R<n>/C<n> are absolute, R[k]/C[k] relative to the formula's
// cell, a bare R or C is the formula's own row or column; a row or column part alone means the whole row or column.

import { columnToLetters, quoteSheetName } from './a1';
import { mapRefs, type Ref, type RefEnd } from './refs';

const PART = String.raw`(\[[+-]?\d+\]|\d+)?`;
const TOKEN = new RegExp(`(R)${PART}(?:(C)${PART})?|(C)${PART}`, 'iy');
const IDENT = /[A-Za-z0-9_.\u00C0-\uFFFF]/;

interface Axis {
  index: number;
  abs: boolean;
}

interface R1C1End {
  row?: Axis;
  col?: Axis;
}

function axis(part: string | undefined, base: number): Axis {
  if (part === undefined) return { index: base, abs: false };
  if (part.startsWith('[')) return { index: base + Number(part.slice(1, -1)), abs: false };
  return { index: Number(part) - 1, abs: true };
}

/** Reads one R1C1 reference end at `at` (sticky); undefined when the text there is not one. */
function readEnd(text: string, at: number, row: number, col: number): { end: R1C1End; length: number } | undefined {
  TOKEN.lastIndex = at;
  const m = TOKEN.exec(text);
  if (!m || m[0].length === 0) return undefined;
  const next = text[at + m[0].length] ?? '';
  if (IDENT.test(next) || next === '(' || next === '!') return undefined;
  if (m[1]) return { end: { row: axis(m[2], row), col: m[3] ? axis(m[4], col) : undefined }, length: m[0].length };
  return { end: { col: axis(m[6], col) }, length: m[0].length };
}

function a1End(e: R1C1End): string | undefined {
  if ((e.row && e.row.index < 0) || (e.col && e.col.index < 0)) return undefined;
  const col = e.col ? `${e.col.abs ? '$' : ''}${columnToLetters(e.col.index + 1)}` : '';
  const row = e.row ? `${e.row.abs ? '$' : ''}${e.row.index + 1}` : '';
  return col + row;
}

/** Reads a sheet prefix ('My tab'! or Tab!) at `at`; returns its text and length. */
function readSheet(text: string, at: number): string | undefined {
  if (text[at] === "'") {
    let j = at + 1;
    while (j < text.length) {
      if (text[j] === "'") {
        if (text[j + 1] === "'") j += 2;
        else break;
      } else j++;
    }
    return text[j + 1] === '!' ? text.slice(at, j + 2) : undefined;
  }
  const m = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*!/.exec(text.slice(at));
  return m ? m[0] : undefined;
}

/** Converts a formula written in R1C1 notation for the cell (row, col) (0-based) to A1 notation. */
export function r1c1ToA1(formula: string, row: number, col: number): string {
  let out = '';
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < n && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] : '';
    if (prev && IDENT.test(prev)) {
      out += ch;
      i++;
      continue;
    }
    const sheet = readSheet(formula, i);
    const at = sheet ? i + sheet.length : i;
    const first = readEnd(formula, at, row, col);
    if (!first) {
      if (sheet) {
        out += sheet;
        i += sheet.length;
        continue;
      }
      // Not a reference: copy the whole identifier so that no reference is read inside it.
      let j = i;
      while (j < n && IDENT.test(formula[j])) j++;
      out += formula.slice(i, Math.max(j, i + 1));
      i = Math.max(j, i + 1);
      continue;
    }
    let length = first.length;
    let second: R1C1End | undefined;
    if (formula[at + length] === ':') {
      const more = readEnd(formula, at + length + 1, row, col);
      if (more) {
        second = more.end;
        length += 1 + more.length;
      }
    }
    const a = first.end;
    // A bare row (R2) or column (C3) is the whole row or column: 2:2, C:C.
    const b = second ?? (!a.row || !a.col ? a : undefined);
    const startText = a1End(a);
    const endText = b ? a1End(b) : '';
    out +=
      (sheet ?? '') +
      (startText === undefined || endText === undefined ? '#REF!' : b ? `${startText}:${endText}` : startText);
    i = at + length;
  }
  return out;
}

function r1c1Part(letter: 'R' | 'C', index: number | undefined, abs: boolean, base: number): string {
  if (index === undefined) return '';
  return abs ? `${letter}${index + 1}` : `${letter}[${index - base}]`;
}

function r1c1End(e: RefEnd, row: number, col: number): string {
  return r1c1Part('R', e.row, e.rowAbs, row) + r1c1Part('C', e.col, e.colAbs, col);
}

/** Converts an A1 formula stored in the cell (row, col) (0-based) to R1C1 notation, the way Sheets writes it. */
export function a1ToR1C1(formula: string, row: number, col: number): string {
  return mapRefs(formula, (ref: Ref) => {
    const prefix = ref.sheet === undefined ? '' : `${quoteSheetName(ref.sheet)}!`;
    const start = r1c1End(ref.start, row, col);
    return prefix + (ref.end ? `${start}:${r1c1End(ref.end, row, col)}` : start);
  });
}
