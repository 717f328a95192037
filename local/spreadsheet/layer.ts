// A sparse row-major grid of one cell attribute (values, formulas, formats…) that follows row/column moves.

export class Layer<T> {
  rows: (Array<T | undefined> | undefined)[] = [];

  get(r: number, c: number): T | undefined {
    const row = this.rows[r];
    return row === undefined ? undefined : row[c];
  }

  set(r: number, c: number, v: T | undefined): void {
    let row = this.rows[r];
    if (row === undefined) {
      if (v === undefined) return;
      row = [];
      this.rows[r] = row;
    }
    row[c] = v;
  }

  isEmpty(): boolean {
    return this.rows.every((row) => row === undefined || row.every((v) => v === undefined));
  }

  /** Index of the last row holding a defined value, or -1. */
  lastRow(): number {
    for (let r = this.rows.length - 1; r >= 0; r--) {
      const row = this.rows[r];
      if (row?.some((v) => v !== undefined)) return r;
    }
    return -1;
  }

  /** Index of the last column holding a defined value, or -1. */
  lastColumn(): number {
    let last = -1;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length - 1; c > last; c--) {
        if (row[c] !== undefined) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  clearRect(r0: number, c0: number, nr: number, nc: number): void {
    const end = Math.min(r0 + nr, this.rows.length);
    for (let r = r0; r < end; r++) {
      const row = this.rows[r];
      if (!row) continue;
      const stop = Math.min(c0 + nc, row.length);
      for (let c = c0; c < stop; c++) row[c] = undefined;
    }
  }

  insertRows(at: number, n: number, copyFrom?: number): void {
    if (at < this.rows.length) this.rows = this.rows.slice(0, at).concat(new Array(n), this.rows.slice(at));
    if (copyFrom !== undefined) {
      const src = this.rows[copyFrom >= at ? copyFrom + n : copyFrom];
      if (src) for (let r = at; r < at + n; r++) this.rows[r] = src.slice();
    }
  }

  deleteRows(at: number, n: number): void {
    if (at < this.rows.length) this.rows.splice(at, n);
  }

  insertColumns(at: number, n: number, copyFrom?: number): void {
    const from = copyFrom !== undefined && copyFrom >= at ? copyFrom + n : copyFrom;
    for (const row of this.rows) {
      if (!row || row.length <= at) {
        if (row && from !== undefined && row[from] !== undefined) for (let c = at; c < at + n; c++) row[c] = row[from];
        continue;
      }
      row.splice(at, 0, ...new Array<T | undefined>(n));
      if (from !== undefined && row[from] !== undefined) for (let c = at; c < at + n; c++) row[c] = row[from];
    }
  }

  deleteColumns(at: number, n: number): void {
    for (const row of this.rows) if (row && row.length > at) row.splice(at, n);
  }

  /** Reorders rows start..start+order.length-1 so that new row i is old row order[i]. */
  permuteRows(start: number, order: number[]): void {
    const old = order.map((_, i) => this.rows[start + i]);
    for (let i = 0; i < order.length; i++) this.rows[start + i] = old[order[i] - start];
  }

  /** Moves n rows from `from` so they land before row `dest` (indices of the original layout). */
  moveRows(from: number, n: number, dest: number): void {
    while (this.rows.length < Math.max(from + n, dest)) this.rows.push(undefined);
    const block = this.rows.splice(from, n);
    const target = dest > from ? dest - n : dest;
    this.rows.splice(target, 0, ...block);
  }

  moveColumns(from: number, n: number, dest: number): void {
    for (const row of this.rows) {
      if (!row || row.length <= Math.min(from, dest)) continue;
      while (row.length < Math.max(from + n, dest)) row.push(undefined);
      const block = row.splice(from, n);
      const target = dest > from ? dest - n : dest;
      row.splice(target, 0, ...block);
    }
  }
}

/** Where position p goes when n items at `from` move before `dest` (all 0-based, original layout). */
export function movedIndex(p: number, from: number, n: number, dest: number): number {
  if (dest > from) {
    if (p >= from && p < from + n) return p + (dest - from - n);
    if (p >= from + n && p < dest) return p - n;
    return p;
  }
  if (p >= from && p < from + n) return p - (from - dest);
  if (p >= dest && p < from) return p + n;
  return p;
}
