// Sheets' array functions whose signatures or semantics differ from HyperFormula's or that it lacks: SORT
// (sort_column/is_ascending pairs, a column index or an outside range), SORTN (display_ties_mode), UNIQUE
// (case-sensitive, by_column, exactly_once), CHOOSECOLS and CHOOSEROWS.

import { ArraySize, CellError, ErrorType, FunctionArgumentType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import { compareForSort, grid, isError, notEmulated, raw, uniqueKey } from './fn-values';

type Key = { values: unknown[]; ascending: boolean };

/** Reads `sort_column, is_ascending` pairs into per-row keys; a string for what is wrong. */
function sortKeys(rows: unknown[][], given: unknown[], fn: string): Key[] | CellError {
  // Arguments left out arrive as undefined.
  const pairs = given.filter((p) => p !== undefined);
  const keys: Key[] = [];
  const width = rows[0]?.length ?? 0;
  for (let i = 0; i < pairs.length; i += 2) {
    const col = pairs[i];
    const asc = i + 1 < pairs.length ? raw(pairs[i + 1]) : true;
    let ascending: boolean;
    if (typeof asc === 'boolean') ascending = asc;
    else if (typeof asc === 'number') ascending = asc !== 0;
    else if (typeof asc === 'string' && /^(true|false)$/i.test(asc)) ascending = asc.toLowerCase() === 'true';
    else return new CellError(ErrorType.VALUE, `${fn} has a non-boolean is_ascending argument.`);
    if (col instanceof SimpleRangeValue) {
      if (col.width() !== 1 || col.height() !== rows.length)
        return new CellError(
          ErrorType.VALUE,
          `${fn} has mismatched range sizes. Expected row count: ${rows.length}. column count: 1. Actual row count: ${col.height()}, column count: ${col.width()}.`,
        );
      keys.push({ values: col.data.map((r) => r[0]), ascending });
      continue;
    }
    const index = raw(col);
    if (isError(index)) return index;
    if (typeof index !== 'number' || !Number.isFinite(index))
      return new CellError(ErrorType.VALUE, `${fn} has a non-numeric sort_column argument.`);
    const c = Math.trunc(index);
    if (c < 1 || c > width)
      return new CellError(ErrorType.VALUE, `Column ${c} is out of range in ${fn}: the range has ${width} columns.`);
    keys.push({ values: rows.map((r) => r[c - 1]), ascending });
  }
  if (keys.length === 0)
    // Without sort columns: every column left to right, ascending.
    for (let c = 0; c < width; c++) keys.push({ values: rows.map((r) => r[c]), ascending: true });
  return keys;
}

/** Row order after a stable sort by the keys. */
function sortedOrder(n: number, keys: Key[]): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    for (const k of keys) {
      const cmp = compareForSort(k.values[a], k.values[b], k.ascending);
      if (cmp !== 0) return cmp;
    }
    return a - b;
  });
  return order;
}

function keyOf(keys: Key[], row: number): string {
  return keys.map((k) => uniqueKey(k.values[row])).join('\u0001');
}

function firstError(rows: unknown[][]): CellError | undefined {
  for (const r of rows) for (const v of r) if (isError(v)) return v;
  return undefined;
}

export class SheetsArrayFunctions extends FunctionPlugin {
  sort(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('SORT'), (range: unknown, ...pairs: unknown[]) => {
      const rows = grid(range);
      if (rows.length === 0 || rows[0].length === 0) return new CellError(ErrorType.NA, 'SORT has no data.');
      const keys = sortKeys(rows, pairs, 'SORT');
      if (keys instanceof CellError) return keys;
      const order = sortedOrder(rows.length, keys);
      return SimpleRangeValue.onlyValues(order.map((i) => rows[i].slice()) as any);
    });
  }

  sortn(ast: any, state: any) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('SORTN'),
      (range: unknown, nArg: unknown, modeArg: unknown, ...pairs: unknown[]) => {
        const rows = grid(range);
        const err = firstError([[nArg, modeArg]]);
        if (err) return err;
        const n = Math.trunc(Number(raw(nArg) ?? 1));
        const mode = Math.trunc(Number(raw(modeArg) ?? 0));
        if (!Number.isFinite(n) || n < 1) return notEmulated('SORTN with n below 1');
        if (![0, 1, 2, 3].includes(mode))
          return new CellError(ErrorType.VALUE, 'SORTN display_ties_mode must be 0, 1, 2 or 3.');
        const keys = sortKeys(rows, pairs, 'SORTN');
        if (keys instanceof CellError) return keys;
        const order = sortedOrder(rows.length, keys);
        let picked: number[];
        if (mode === 0) picked = order.slice(0, n);
        else if (mode === 1) {
          picked = order.slice(0, n);
          if (picked.length === n) {
            const last = keyOf(keys, picked[n - 1]);
            for (const i of order.slice(n)) if (keyOf(keys, i) === last) picked.push(i);
          }
        } else {
          // Ties are rows with the same values in the sort columns.
          const seen = new Map<string, number>();
          picked = [];
          for (const i of order) {
            const k = keyOf(keys, i);
            if (!seen.has(k)) {
              if (seen.size === n) {
                if (mode === 2) break;
                continue;
              }
              seen.set(k, i);
              picked.push(i);
            } else if (mode === 3) picked.push(i);
          }
          if (mode === 3) {
            // Every duplicate of the first n distinct keys, in sorted order.
            const wanted = new Set(seen.keys());
            picked = order.filter((i) => wanted.has(keyOf(keys, i)));
          }
        }
        if (picked.length === 0) return new CellError(ErrorType.NA, 'SORTN has no data.');
        return SimpleRangeValue.onlyValues(picked.map((i) => rows[i].slice()) as any);
      },
    );
  }

  unique(ast: any, state: any) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('UNIQUE'),
      (range: unknown, byColumn: unknown, exactlyOnce: unknown) => {
        let rows = grid(range);
        const byCol = raw(byColumn) === true || raw(byColumn) === 1;
        if (byCol) rows = rows[0].map((_, c) => rows.map((r) => r[c]));
        const counts = new Map<string, { row: unknown[]; n: number }>();
        for (const r of rows) {
          const k = r.map(uniqueKey).join('\u0001');
          const hit = counts.get(k);
          if (hit) hit.n++;
          else counts.set(k, { row: r, n: 1 });
        }
        const once = raw(exactlyOnce) === true || raw(exactlyOnce) === 1;
        let out = [...counts.values()].filter((e) => !once || e.n === 1).map((e) => e.row.slice());
        if (out.length === 0) return new CellError(ErrorType.NA, 'No unique values found.');
        if (byCol) out = out[0].map((_, c) => out.map((r) => r[c]));
        return SimpleRangeValue.onlyValues(out as any);
      },
    );
  }

  /** CHOOSECOLS(array, col_num1, …): columns by 1-based index, negative from the right (answer/13197914). */
  choosecols(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('CHOOSECOLS'), (range: unknown, ...nums: unknown[]) =>
      this.choose(grid(range), nums, 'CHOOSECOLS', true),
    );
  }

  /** CHOOSEROWS(array, row_num1, …): rows by 1-based index, negative from the bottom. */
  chooserows(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('CHOOSEROWS'), (range: unknown, ...nums: unknown[]) =>
      this.choose(grid(range), nums, 'CHOOSEROWS', false),
    );
  }

  private choose(rows: unknown[][], nums: unknown[], fn: string, columns: boolean) {
    const size = columns ? (rows[0]?.length ?? 0) : rows.length;
    const picked: number[] = [];
    for (const n of nums) {
      if (n === undefined) continue;
      if (isError(n)) return n;
      const i = Math.trunc(Number(raw(n)));
      if (!Number.isFinite(i) || i === 0 || Math.abs(i) > size)
        return new CellError(ErrorType.VALUE, `${fn} index ${String(raw(n))} is out of range 1 to ${size}.`);
      picked.push(i > 0 ? i - 1 : size + i);
    }
    if (picked.length === 0 || size === 0) return new CellError(ErrorType.NA, `Wrong number of arguments to ${fn}.`);
    const out = columns ? rows.map((r) => picked.map((j) => r[j])) : picked.map((i) => rows[i].slice());
    return SimpleRangeValue.onlyValues(out as any);
  }

  chooseColsSize(ast: any, state: any) {
    if (ast.args.length < 2) return ArraySize.error();
    const input = this.arraySizeForAst(ast.args[0], state);
    return new ArraySize(ast.args.length - 1, input.height);
  }

  chooseRowsSize(ast: any, state: any) {
    if (ast.args.length < 2) return ArraySize.error();
    const input = this.arraySizeForAst(ast.args[0], state);
    return new ArraySize(input.width, ast.args.length - 1);
  }

  /** SORT and UNIQUE are as large as their input at most; SORTN with a literal n and ties mode 0 or 2, n rows. */
  inputSize(ast: any, state: any) {
    if (ast.args.length < 1) return ArraySize.error();
    const input = this.arraySizeForAst(ast.args[0], state);
    return new ArraySize(input.width, input.height);
  }

  sortnSize(ast: any, state: any) {
    if (ast.args.length < 1) return ArraySize.error();
    const input = this.arraySizeForAst(ast.args[0], state);
    const nAst = ast.args[1];
    const modeAst = ast.args[2];
    const n = nAst === undefined ? 1 : nAst.type === 'NUMBER' ? nAst.value : undefined;
    const mode = modeAst === undefined ? 0 : modeAst.type === 'NUMBER' ? modeAst.value : undefined;
    if (typeof n === 'number' && (mode === 0 || mode === 2))
      return new ArraySize(input.width, Math.max(1, Math.min(input.height, Math.trunc(n))));
    return new ArraySize(input.width, input.height);
  }
}

const OPT = { argumentType: FunctionArgumentType.ANY, optionalArg: true };
const RANGE = { argumentType: FunctionArgumentType.RANGE };

(SheetsArrayFunctions as any).implementedFunctions = {
  SORT: {
    method: 'sort',
    sizeOfResultArrayMethod: 'inputSize',
    enableArrayArithmeticForArguments: true,
    parameters: [RANGE, OPT, OPT],
    repeatLastArgs: 2,
  },
  SORTN: {
    method: 'sortn',
    sizeOfResultArrayMethod: 'sortnSize',
    enableArrayArithmeticForArguments: true,
    parameters: [RANGE, OPT, OPT, OPT, OPT],
    repeatLastArgs: 2,
  },
  CHOOSECOLS: {
    method: 'choosecols',
    sizeOfResultArrayMethod: 'chooseColsSize',
    enableArrayArithmeticForArguments: true,
    parameters: [RANGE, OPT],
    repeatLastArgs: 1,
  },
  CHOOSEROWS: {
    method: 'chooserows',
    sizeOfResultArrayMethod: 'chooseRowsSize',
    enableArrayArithmeticForArguments: true,
    parameters: [RANGE, OPT],
    repeatLastArgs: 1,
  },
  UNIQUE: {
    method: 'unique',
    sizeOfResultArrayMethod: 'inputSize',
    enableArrayArithmeticForArguments: true,
    parameters: [RANGE, OPT, OPT],
  },
};
