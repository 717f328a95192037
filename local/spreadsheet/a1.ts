// A1 notation: column letters, parsing of Sheets range strings (cells, whole rows/columns, open-ended) and printing.

export function columnToLetters(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A parsed A1 range, 1-based; open ends are marked so getA1Notation can print them back as written. */
export interface A1Range {
  sheetName?: string;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  /** 'A:A', 'A2:A' — rows run to the end of the sheet. */
  openRows: boolean;
  /** '1:1', 'A2:2'-style — columns run to the end of the sheet. */
  openColumns: boolean;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d+)$/;

/** Splits "'My tab'!A1:B2" into sheet name and the range part. */
export function splitSheetName(a1: string): { sheetName?: string; ref: string } {
  const text = a1.trim();
  const bang = text.lastIndexOf('!');
  if (bang < 0) return { ref: text };
  let name = text.slice(0, bang);
  if (name.startsWith("'") && name.endsWith("'") && name.length >= 2) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, ref: text.slice(bang + 1) };
}

/** Parses an A1 string against a sheet of maxRows × maxColumns; returns null when it is not a range. */
export function parseA1(a1: string, maxRows: number, maxColumns: number): A1Range | null {
  const { sheetName, ref } = splitSheetName(a1);
  const parts = ref.split(':');
  if (parts.length > 2 || parts[0] === '') return null;
  const out = (
    row: number,
    column: number,
    lastRow: number,
    lastColumn: number,
    openRows: boolean,
    openColumns: boolean,
  ): A1Range | null => {
    if (row < 1 || column < 1 || lastRow < row || lastColumn < column) {
      // Reversed corners are normalised, as Sheets does ('B2:A1' is 'A1:B2').
      const r0 = Math.min(row, lastRow);
      const r1 = Math.max(row, lastRow);
      const c0 = Math.min(column, lastColumn);
      const c1 = Math.max(column, lastColumn);
      if (r0 < 1 || c0 < 1) return null;
      return { sheetName, row: r0, column: c0, numRows: r1 - r0 + 1, numColumns: c1 - c0 + 1, openRows, openColumns };
    }
    return {
      sheetName,
      row,
      column,
      numRows: lastRow - row + 1,
      numColumns: lastColumn - column + 1,
      openRows,
      openColumns,
    };
  };
  if (parts.length === 1) {
    const m = CELL.exec(parts[0]);
    if (!m) return null;
    const c = lettersToColumn(m[1]);
    const r = Number(m[2]);
    return out(r, c, r, c, false, false);
  }
  const [a, b] = parts;
  let m1 = CELL.exec(a);
  let m2 = CELL.exec(b);
  if (m1 && m2) {
    return out(Number(m1[2]), lettersToColumn(m1[1]), Number(m2[2]), lettersToColumn(m2[1]), false, false);
  }
  if (m1) {
    // 'A2:C' (to the last row) or 'A2:5' (to the last column).
    const c2 = COL.exec(b);
    if (c2) return out(Number(m1[2]), lettersToColumn(m1[1]), maxRows, lettersToColumn(c2[1]), true, false);
    const r2 = ROW.exec(b);
    if (r2) return out(Number(m1[2]), lettersToColumn(m1[1]), Number(r2[1]), maxColumns, false, true);
    return null;
  }
  m2 = CELL.exec(b);
  m1 = null;
  const ca = COL.exec(a);
  const cb = COL.exec(b);
  if (ca && cb) return out(1, lettersToColumn(ca[1]), maxRows, lettersToColumn(cb[1]), true, false);
  const ra = ROW.exec(a);
  const rb = ROW.exec(b);
  if (ra && rb) return out(Number(ra[1]), 1, Number(rb[1]), maxColumns, false, true);
  if (ca && m2) return out(Number(m2[2]), lettersToColumn(ca[1]), maxRows, lettersToColumn(m2[1]), true, false);
  return null;
}

/** Prints a range the way Range.getA1Notation does. */
export function toA1(
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
  openRows = false,
  openColumns = false,
): string {
  const c0 = columnToLetters(column);
  const c1 = columnToLetters(column + numColumns - 1);
  if (openRows) return row === 1 ? `${c0}:${c1}` : `${c0}${row}:${c1}`;
  if (openColumns) return column === 1 ? `${row}:${row + numRows - 1}` : `${c0}${row}:${row + numRows - 1}`;
  if (numRows === 1 && numColumns === 1) return `${c0}${row}`;
  return `${c0}${row}:${c1}${row + numRows - 1}`;
}

/** Quotes a sheet name for use in a formula or A1 string when Sheets would. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !CELL.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
