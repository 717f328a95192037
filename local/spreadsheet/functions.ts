// Sheets functions HyperFormula lacks or computes differently (TODAY/NOW on the workbook clock, REGEX*, JOIN, FILTER).

import {
  ArraySize,
  CellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';

/** What the engine's `context` config carries: the workbook clock as serials in the spreadsheet's zone. */
export interface FormulaClock {
  todaySerial(): number;
  nowSerial(): number;
}

type Ctx = { context: FormulaClock };

/** Converts RE2 syntax that JavaScript spells differently; throws on an invalid pattern. */
export function re2ToRegExp(pattern: string): RegExp {
  let flags = 'u';
  let body = pattern;
  const inline = /^\(\?([imsU]+)\)/.exec(body);
  if (inline) {
    if (inline[1].includes('i')) flags += 'i';
    if (inline[1].includes('s')) flags += 's';
    if (inline[1].includes('m')) flags += 'm';
    body = body.slice(inline[0].length);
  }
  body = body.replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>');
  try {
    return new RegExp(body, flags);
  } catch {
    return new RegExp(body, flags.replace('u', ''));
  }
}

function flatten(v: unknown): unknown[] {
  if (v instanceof SimpleRangeValue) return v.valuesFromTopLeftCorner();
  return [v];
}

function asText(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && v !== null && 'val' in (v as Record<string, unknown>))
    return String((v as { val: unknown }).val);
  return String(v);
}

class SheetsFunctions extends FunctionPlugin {
  today(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('TODAY'), () =>
      (this.config as unknown as Ctx).context.todaySerial(),
    );
  }

  now(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('NOW'), () =>
      (this.config as unknown as Ctx).context.nowSerial(),
    );
  }

  regexmatch(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('REGEXMATCH'), (text: unknown, pattern: unknown) =>
      this.withPattern(text, pattern, (t, re) => re.test(t)),
    );
  }

  regexextract(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('REGEXEXTRACT'), (text: unknown, pattern: unknown) =>
      this.withPattern(text, pattern, (t, re) => {
        const m = re.exec(t);
        if (!m) return this.naError();
        return m.length > 1 ? (m[1] ?? '') : m[0];
      }),
    );
  }

  regexreplace(ast: any, state: any) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('REGEXREPLACE'),
      (text: unknown, pattern: unknown, replacement: unknown) =>
        this.withPattern(text, pattern, (t, re) => {
          const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
          // RE2 writes group references as \1; JavaScript as $1.
          return t.replace(
            g,
            asText(replacement)
              .replace(/\$/g, '$$$$')
              .replace(/\\(\d)/g, '$$$1'),
          );
        }),
    );
  }

  join(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('JOIN'), (delimiter: unknown, ...values: unknown[]) => {
      const parts: string[] = [];
      for (const v of values) for (const x of flatten(v)) parts.push(asText(x));
      return parts.join(asText(delimiter));
    });
  }

  /** Sheets' FILTER: rows by column conditions or columns by row conditions, of a 2-D range too. */
  filter(ast: any, state: any) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('FILTER'),
      (range: SimpleRangeValue, ...conds: SimpleRangeValue[]) => {
        const h = range.height();
        const w = range.width();
        const byRows = conds.every((c) => c.height() === h && c.width() === 1);
        const byCols = !byRows && conds.every((c) => c.width() === w && c.height() === 1);
        if (!byRows && !byCols) return new CellError(ErrorType.VALUE, 'FILTER has mismatched range sizes.');
        const keep = (v: unknown) =>
          v === true ||
          (typeof v === 'number' && v !== 0) ||
          (typeof v === 'object' && v !== null && 'val' in (v as object) && (v as { val: number }).val !== 0);
        const data = range.data;
        const out: unknown[][] = [];
        if (byRows) {
          for (let i = 0; i < h; i++) if (conds.every((c) => keep(c.data[i][0]))) out.push(data[i].slice());
        } else {
          const cols: number[] = [];
          for (let j = 0; j < w; j++) if (conds.every((c) => keep(c.data[0][j]))) cols.push(j);
          if (cols.length) for (let i = 0; i < h; i++) out.push(cols.map((j) => data[i][j]));
        }
        if (out.length === 0) return new CellError(ErrorType.NA, 'No matches are found in FILTER evaluation.');
        return SimpleRangeValue.onlyValues(out as any);
      },
    );
  }

  filterArraySize(ast: any, state: any) {
    // The result can be as large as the filtered range; HyperFormula's own predictor computes exactly that.
    if (!builtinFilter) return ArraySize.error();
    return builtinFilter.prototype.filterArraySize.call(this, ast, state);
  }

  /** Runs `use` on the text and its compiled RE2 pattern: #VALUE! when the text is not text, #REF! for a bad pattern. */
  private withPattern<T>(text: unknown, pattern: unknown, use: (text: string, re: RegExp) => T): T | CellError {
    if (typeof text !== 'string') return this.valueError();
    let re: RegExp;
    try {
      re = re2ToRegExp(asText(pattern));
    } catch {
      return this.refError();
    }
    return use(text, re);
  }

  private valueError() {
    return new CellError(ErrorType.VALUE);
  }
  private refError() {
    return new CellError(ErrorType.REF);
  }
  private naError() {
    return new CellError(ErrorType.NA);
  }
}

const ANY = { argumentType: FunctionArgumentType.ANY };
const SCALAR = { argumentType: FunctionArgumentType.SCALAR };

(SheetsFunctions as any).implementedFunctions = {
  TODAY: { method: 'today', parameters: [], isVolatile: true, returnNumberType: 'NUMBER_DATE' },
  NOW: { method: 'now', parameters: [], isVolatile: true, returnNumberType: 'NUMBER_DATETIME' },
  REGEXMATCH: { method: 'regexmatch', parameters: [SCALAR, SCALAR] },
  REGEXEXTRACT: { method: 'regexextract', parameters: [SCALAR, SCALAR] },
  REGEXREPLACE: { method: 'regexreplace', parameters: [SCALAR, SCALAR, SCALAR] },
  JOIN: { method: 'join', parameters: [SCALAR, ANY], repeatLastArgs: 1 },
  FILTER: {
    method: 'filter',
    sizeOfResultArrayMethod: 'filterArraySize',
    enableArrayArithmeticForArguments: true,
    parameters: [{ argumentType: FunctionArgumentType.RANGE }, { argumentType: FunctionArgumentType.RANGE }],
    repeatLastArgs: 1,
  },
};

let registered = false;
let builtinFilter: any;

/** Registers the Sheets functions once per process (HyperFormula's registry is global). */
export function registerSheetsFunctions(): void {
  if (registered) return;
  registered = true;
  builtinFilter = HyperFormula.getFunctionPlugin('FILTER');
  const names = ['TODAY', 'NOW', 'REGEXMATCH', 'REGEXEXTRACT', 'REGEXREPLACE', 'JOIN', 'FILTER'];
  const enGB = Object.fromEntries(names.map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(SheetsFunctions as any, { enGB });
}
