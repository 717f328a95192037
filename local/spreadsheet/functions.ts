// Sheets' formula functions on top of HyperFormula: the functions it lacks or computes differently, and the rule
// that a Google Sheets function the emulator does not compute throws `not emulated: NAME` while a name Sheets does
// not know is `#NAME?`, as in Sheets.

import {
  ArraySize,
  CellError,
  type DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';
import { flatCells } from './fast-ranges';
import { SheetsArrayFunctions } from './fn-arrays';
import { queryProblem, SheetsQuery } from './fn-query';
import {
  asText,
  type FormulaContext,
  flatten,
  grid,
  isBlank,
  isError,
  isNotEmulated,
  NOT_EMULATED,
  notEmulated,
  raw,
  truthy,
  uniqueKey,
} from './fn-values';
import { SHEETS_FUNCTION_NAMES } from './function-names';
import { localeInfo, parseTypedInput } from './locale';
import { formatText, isDateFormat } from './numfmt';

export type { FormulaContext } from './fn-values';

type Ctx = { context: FormulaContext };

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

/** Typed-input reading of text in the sheet locale (what DATEVALUE, VALUE, TEXT and SPLIT accept). */
function parseInLocale(text: string, locale: string, year: number) {
  return parseTypedInput(text, locale, () => year);
}

const MONTH_WORDS =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(янв|фев|мар|апр|ма[яй]|июн|июл|авг|сен|окт|ноя|дек)[а-я]*/i;

/** Local part and domain as commonly accepted (support.google.com/docs/answer/3256503); no existence check. */
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

type Ast = { type: string; [k: string]: unknown };

/** A copy of an AST with LET names replaced by the ASTs bound to them. */
function substitute(ast: Ast, env: Map<string, Ast>): Ast {
  if (ast.type === 'NAMED_EXPRESSION') {
    const bound = env.get(String(ast.expressionName).toUpperCase());
    return bound ?? ast;
  }
  const out: Ast = { ...ast };
  for (const key of ['args', 'left', 'right', 'value', 'expression'] as const) {
    const v = ast[key];
    if (Array.isArray(v))
      out[key] = v.map((x) =>
        Array.isArray(x)
          ? x.map((y) => substitute(y as Ast, env))
          : typeof x === 'object' && x !== null && 'type' in x
            ? substitute(x as Ast, env)
            : x,
      );
    else if (typeof v === 'object' && v !== null && 'type' in v) out[key] = substitute(v as Ast, env);
  }
  return out;
}

/** Splits `Sheet!A1:B2` (sheet optionally quoted) into the sheet name and the reference. */
function splitSheet(ref: string): { sheet?: string; addr: string } {
  const bang = ref.lastIndexOf('!');
  if (bang < 0) return { addr: ref };
  let sheet = ref.slice(0, bang);
  if (/^'.*'$/.test(sheet)) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, addr: ref.slice(bang + 1) };
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

class SheetsFunctions extends FunctionPlugin {
  private get ctx(): FormulaContext {
    return (this.config as unknown as Ctx).context;
  }

  today(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('TODAY'), () => this.ctx.todaySerial());
  }

  now(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('NOW'), () => this.ctx.nowSerial());
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
        if (!m) return new CellError(ErrorType.NA);
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
        const out: unknown[][] = [];
        if (byRows) {
          // FILTER over 10,000 rows runs at every edit of a funnel: each condition's cells are read once, flat when
          // they come from a kept comparison (C2:C="Lead"), and only the kept rows of the range are copied.
          const tests = conds.map((c) => flatCells(c) ?? c.data.map((row) => row[0]));
          const kept = range.range ? this.ctx.rangeCache?.contents(range) : undefined;
          const data = kept ? undefined : range.data;
          const k = tests.length;
          outer: for (let i = 0; i < h; i++) {
            for (let j = 0; j < k; j++) if (!truthy(tests[j][i])) continue outer;
            out.push(data ? data[i].slice() : kept!.slice(i * w, (i + 1) * w));
          }
        } else {
          const data = range.data;
          const tests = conds.map((c) => c.data);
          const cols: number[] = [];
          for (let j = 0; j < w; j++) if (tests.every((t) => truthy(t[0][j]))) cols.push(j);
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

  /** TEXT with Sheets format codes in the sheet's locale (support.google.com/docs/answer/3094139). */
  text(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('TEXT'), (value: unknown, pattern: unknown) => {
      const p = asText(pattern);
      let v = raw(value);
      if (isBlank(v)) v = 0;
      if (typeof v === 'string') {
        const parsed = parseInLocale(v, this.ctx.locale(), this.currentYear());
        if (typeof parsed.value === 'number') v = parsed.value;
      }
      if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
      const out = formatText(v as number | string, p, this.ctx.locale());
      return out ?? notEmulated(`TEXT format "${p}"`);
    });
  }

  /** DATEVALUE: the serial number of a date written as text, time ignored (support.google.com/docs/answer/3093039). */
  datevalue(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('DATEVALUE'), (value: unknown) => {
      const serial = this.dateTimeOf(value, 'DATEVALUE');
      return typeof serial === 'number' ? Math.floor(serial) : serial;
    });
  }

  /** TIMEVALUE: the fraction of a day of a time written as text (support.google.com/docs/answer/3267350). */
  timevalue(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('TIMEVALUE'), (value: unknown) => {
      const serial = this.dateTimeOf(value, 'TIMEVALUE');
      return typeof serial === 'number' ? serial - Math.floor(serial) : serial;
    });
  }

  /** VALUE: a number, date, time, percent or currency written as text, as a plain number. */
  value(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('VALUE'), (value: unknown) => {
      const v = raw(value);
      if (isBlank(v)) return 0;
      if (typeof v === 'number') return v;
      if (typeof v === 'boolean') return notEmulated('VALUE of a boolean');
      const text = String(v).trim();
      if (text === '') return 0;
      const parsed = parseInLocale(text, this.ctx.locale(), this.currentYear());
      if (typeof parsed.value === 'number') return parsed.value;
      if (MONTH_WORDS.test(text)) return notEmulated('VALUE of a date written with month names');
      return new CellError(ErrorType.VALUE, `VALUE parameter '${text}' cannot be parsed to number.`);
    });
  }

  /** TO_DATE: a number shown as a date; anything else unchanged (support.google.com/docs/answer/3094239). */
  todate(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('TO_DATE'), (value: unknown) => {
      const v = raw(value);
      if (typeof v === 'number') return this.arithmeticHelper.ExtendedNumberFactory(v, { type: 'NUMBER_DATE' } as any);
      return (isBlank(v) ? 0 : v) as any;
    });
  }

  isemail(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('ISEMAIL'), (value: unknown) => {
      const v = raw(value);
      return typeof v === 'string' && EMAIL.test(v);
    });
  }

  /** COUNTUNIQUE: distinct values, blanks ignored, text compared exactly (support.google.com/docs/answer/3093405). */
  countunique(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('COUNTUNIQUE'), (...values: unknown[]) => {
      const seen = new Set<string>();
      for (const v of values)
        for (const x of flatten(v)) {
          if (isError(x)) return x;
          if (!isBlank(x)) seen.add(uniqueKey(x));
        }
      return seen.size;
    });
  }

  /** LET(name1, value1, …, formula_expression): names bound left to right (support.google.com/docs/answer/13190535). */
  let(ast: any, state: any) {
    const body = this.letBody(ast);
    if (body instanceof CellError) return body;
    return this.evaluateAst(body as any, state);
  }

  letSize(ast: any, state: any) {
    const body = this.letBody(ast);
    if (body instanceof CellError) return ArraySize.scalar();
    return this.arraySizeForAst(body as any, state);
  }

  private letBody(ast: any): Ast | CellError {
    const args = ast.args as Ast[];
    if (args.length < 3 || args.length % 2 === 0)
      return new CellError(ErrorType.NA, 'Wrong number of arguments to LET.');
    const env = new Map<string, Ast>();
    for (let i = 0; i < args.length - 1; i += 2) {
      const name = args[i];
      if (name.type !== 'NAMED_EXPRESSION')
        return new CellError(ErrorType.VALUE, `Argument ${i + 1} of LET must be a name.`);
      env.set(String(name.expressionName).toUpperCase(), substitute(args[i + 1], env));
    }
    return substitute(args[args.length - 1], env);
  }

  /** INDIRECT(cell_reference_as_string, [is_A1_notation]) read at evaluation (support.google.com/docs/answer/3093377). */
  indirect(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata('INDIRECT'), (refText: unknown, a1Arg: unknown) => {
      const text = asText(refText).trim();
      const a1 = a1Arg === undefined || truthy(a1Arg) || raw(a1Arg) === true;
      const { sheet, addr } = splitSheet(text);
      const host = state.formulaAddress.sheet as number;
      let sheetId = host;
      if (sheet !== undefined) {
        const names: string[] = this.dependencyGraph.sheetMapping.getSheetNames();
        const name = names.find((n) => n.toLowerCase() === sheet.toLowerCase());
        const id = name === undefined ? undefined : this.dependencyGraph.sheetMapping.getSheetId(name);
        if (id === undefined) return new CellError(ErrorType.REF, `Unable to parse range: ${text}`);
        sheetId = id;
      }
      const area = a1 ? this.a1Area(addr, sheetId) : this.r1c1Area(addr, state.formulaAddress);
      if (!area) {
        if (a1 && sheet === undefined && /^[A-Za-z_][\w.]*$/.test(addr))
          return notEmulated('INDIRECT of a named range');
        return new CellError(ErrorType.REF, `Unable to parse range: ${text}`);
      }
      const [r0, c0, r1, c1] = area;
      if (r0 === r1 && c0 === c1) {
        const v = this.dependencyGraph.getCellValue({ sheet: sheetId, row: r0, col: c0 });
        return v instanceof SimpleRangeValue ? v : (v ?? 0);
      }
      const rows: unknown[][] = [];
      for (let r = r0; r <= r1; r++) {
        const line: unknown[] = [];
        for (let c = c0; c <= c1; c++) {
          const v = this.dependencyGraph.getCellValue({ sheet: sheetId, row: r, col: c });
          line.push(v instanceof SimpleRangeValue ? v.data[0][0] : v);
        }
        rows.push(line);
      }
      return SimpleRangeValue.onlyValues(rows as any);
    });
  }

  /** [row0, col0, row1, col1] of an A1 reference; open ends stop at the tab's used size. */
  private a1Area(addr: string, sheetId: number): [number, number, number, number] | undefined {
    const m = /^\$?([A-Za-z]{1,3})?\$?(\d+)?(?::\$?([A-Za-z]{1,3})?\$?(\d+)?)?$/.exec(addr);
    if (!m || (!m[1] && !m[2])) return undefined;
    const height = Math.max(1, this.dependencyGraph.getSheetHeight(sheetId));
    const width = Math.max(1, this.dependencyGraph.getSheetWidth(sheetId));
    const single = addr.indexOf(':') < 0;
    if (single) {
      if (!m[1] || !m[2]) return undefined;
      return [Number(m[2]) - 1, colNumber(m[1]) - 1, Number(m[2]) - 1, colNumber(m[1]) - 1];
    }
    const c0 = m[1] ? colNumber(m[1]) - 1 : 0;
    const r0 = m[2] ? Number(m[2]) - 1 : 0;
    const c1 = m[3] ? colNumber(m[3]) - 1 : m[1] && !m[4] ? c0 : width - 1;
    const r1 = m[4] ? Number(m[4]) - 1 : height - 1;
    if ((m[1] === undefined) !== (m[3] === undefined) && m[2] !== undefined && m[4] !== undefined) return undefined;
    return [Math.min(r0, r1), Math.min(c0, c1), Math.max(r0, r1), Math.max(c0, c1)];
  }

  private r1c1Area(addr: string, at: { row: number; col: number }): [number, number, number, number] | undefined {
    const part = (s: string): [number, number] | undefined => {
      const m = /^R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?$/i.exec(s);
      if (!m) return undefined;
      const axis = (t: string | undefined, here: number) =>
        t === undefined ? here : t.startsWith('[') ? here + Number(t.slice(1, -1)) : Number(t) - 1;
      return [axis(m[1], at.row), axis(m[2], at.col)];
    };
    const [a, b] = addr.split(':');
    const s = part(a);
    const e = b === undefined ? s : part(b);
    if (!s || !e) return undefined;
    return [Math.min(s[0], e[0]), Math.min(s[1], e[1]), Math.max(s[0], e[0]), Math.max(s[1], e[1])];
  }

  /** SPLIT(text, delimiter, [split_by_each], [remove_empty_text]) (support.google.com/docs/answer/3094136). */
  split(ast: any, state: any) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('SPLIT'),
      (text: unknown, delimiter: unknown, byEach: unknown, removeEmpty: unknown) => {
        const parts = splitParts(asText(text), asText(delimiter), byEach, removeEmpty);
        if (parts instanceof CellError) return parts;
        const locale = this.ctx.locale();
        const year = this.currentYear();
        const row = parts.map((p) => {
          const parsed = parseInLocale(p, locale, year);
          if (typeof parsed.value !== 'number') return parsed.value;
          const f = parsed.format;
          if (!f) return parsed.value;
          const type = isDateFormat(f)
            ? /[dy]/i.test(f)
              ? /h/i.test(f)
                ? 'NUMBER_DATETIME'
                : 'NUMBER_DATE'
              : 'NUMBER_TIME'
            : f.includes('%')
              ? 'NUMBER_PERCENT'
              : f === localeInfo(locale).currencyFormat
                ? 'NUMBER_CURRENCY'
                : undefined;
          return type ? this.arithmeticHelper.ExtendedNumberFactory(parsed.value, { type } as any) : parsed.value;
        });
        return SimpleRangeValue.onlyValues([row] as any);
      },
    );
  }

  /** A literal text splits into a known number of parts; other text is bounded by the width of a tab. */
  splitSize(ast: any, _state: any) {
    const [t, d, e, r] = ast.args as Ast[];
    const lit = (a: Ast | undefined) => (a?.type === 'STRING' ? String(a.value) : undefined);
    const flag = (a: Ast | undefined) =>
      a === undefined ? true : a.type === 'NUMBER' ? a.value !== 0 : a.type === 'FUNCTION_CALL' ? undefined : undefined;
    const text = lit(t);
    const delim = lit(d);
    if (text !== undefined && delim !== undefined && flag(e) !== undefined && flag(r) !== undefined) {
      const parts = splitParts(text, delim, flag(e), flag(r));
      if (!(parts instanceof CellError)) return new ArraySize(Math.max(1, parts.length), 1);
    }
    return new ArraySize(SPLIT_MAX_PARTS, 1);
  }

  /** ISBETWEEN(value, lower, upper, [lower_inclusive], [upper_inclusive]) for numbers and dates. */
  isbetween(ast: any, state: any) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('ISBETWEEN'),
      (value: unknown, lower: unknown, upper: unknown, lowIn: unknown, upIn: unknown) => {
        const [v, lo, hi] = [raw(value), raw(lower), raw(upper)];
        if (typeof v !== 'number' || typeof lo !== 'number' || typeof hi !== 'number')
          return notEmulated('ISBETWEEN of values other than numbers and dates');
        const li = lowIn === undefined || truthy(lowIn);
        const ui = upIn === undefined || truthy(upIn);
        return (li ? v >= lo : v > lo) && (ui ? v <= hi : v < hi);
      },
    );
  }

  /** RANK / RANK.EQ / RANK.AVG(value, data, [is_ascending]): numbers of data only; #N/A when value is not among them. */
  rank(ast: any, state: any) {
    return this.rankOf(ast, state, 'RANK', false);
  }

  rankeq(ast: any, state: any) {
    return this.rankOf(ast, state, 'RANK.EQ', false);
  }

  rankavg(ast: any, state: any) {
    return this.rankOf(ast, state, 'RANK.AVG', true);
  }

  private rankOf(ast: any, state: any, fn: string, average: boolean) {
    return this.runFunction(ast.args, state, this.metadata(fn), (value: unknown, data: unknown, asc: unknown) => {
      const v = raw(value);
      if (isError(v)) return v;
      if (typeof v !== 'number') return new CellError(ErrorType.VALUE, `${fn} needs a number to rank.`);
      const nums: number[] = [];
      for (const x of flatten(data)) {
        const n = raw(x);
        if (isError(n)) return n;
        if (typeof n === 'number') nums.push(n);
      }
      const ascending = asc !== undefined && truthy(asc);
      const ties = nums.filter((n) => n === v).length;
      if (ties === 0) return new CellError(ErrorType.NA, `${fn}'s value ${v} is not in the data.`);
      const before = nums.filter((n) => (ascending ? n < v : n > v)).length;
      return average ? before + (ties + 1) / 2 : before + 1;
    });
  }

  /** INDEX(reference, [row], [column]): 0 or an omitted index means the whole row or column (answer/3098242). */
  index(ast: any, state: any) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('INDEX'),
      (range: unknown, rowArg: unknown, colArg: unknown) => {
        const rows = grid(range);
        const [r, c] = [rowArg, colArg].map((a) =>
          a === undefined || isBlank(raw(a)) ? 0 : Math.trunc(Number(raw(a))),
        );
        if (!Number.isFinite(r) || !Number.isFinite(c) || r < 0 || c < 0)
          return new CellError(ErrorType.VALUE, 'INDEX needs a non-negative row and column.');
        const height = rows.length;
        const width = rows[0]?.length ?? 0;
        if (r > height || c > width) return new CellError(ErrorType.REF, 'Index out of range.');
        const picked = (r ? [rows[r - 1]] : rows).map((line) => (c ? [line[c - 1]] : line.slice()));
        if (picked.length === 1 && picked[0].length === 1) return picked[0][0] as any;
        const size = this.indexSize(ast, state);
        if (size.height !== picked.length || size.width !== picked[0].length)
          return notEmulated('INDEX of a whole row or column picked by a computed index');
        return SimpleRangeValue.onlyValues(picked as any);
      },
    );
  }

  /** A whole row or column only when the index is a literal 0 or left out; otherwise one cell. */
  indexSize(ast: any, state: any) {
    if (ast.args.length < 1) return ArraySize.error();
    const input = this.arraySizeForAst(ast.args[0], state);
    const whole = (a: Ast | undefined) =>
      a === undefined || a.type === 'EMPTY' || (a.type === 'NUMBER' && a.value === 0);
    const [, rowAst, colAst] = ast.args as Array<Ast | undefined>;
    const height = whole(rowAst) ? input.height : 1;
    const width = whole(colAst) ? input.width : 1;
    return height === 1 && width === 1 ? ArraySize.scalar() : new ArraySize(width, height);
  }

  /** Parses a DATEVALUE/TIMEVALUE argument: text as typed in the sheet locale, numbers as they are. */
  private dateTimeOf(value: unknown, fn: string): number | CellError {
    const v = raw(value);
    if (isError(v)) return v;
    if (typeof v === 'number') return v;
    const text = asText(v).trim();
    const parsed = parseInLocale(text, this.ctx.locale(), this.currentYear());
    if (typeof parsed.value === 'number' && parsed.format && isDateFormat(parsed.format)) return parsed.value;
    if (MONTH_WORDS.test(text)) return notEmulated(`${fn} of a date written with month names`);
    return new CellError(ErrorType.VALUE, `${fn} parameter '${text}' cannot be parsed to date/time.`);
  }

  private currentYear(): number {
    const serial = this.ctx.todaySerial();
    return new Date(Math.round((serial - 25569) * 86_400_000)).getUTCFullYear();
  }

  /** Runs `use` on the text and its compiled RE2 pattern: #VALUE! when the text is not text, #REF! for a bad pattern. */
  private withPattern<T>(text: unknown, pattern: unknown, use: (text: string, re: RegExp) => T): T | CellError {
    if (typeof text !== 'string') return new CellError(ErrorType.VALUE);
    let re: RegExp;
    try {
      re = re2ToRegExp(asText(pattern));
    } catch {
      return new CellError(ErrorType.REF);
    }
    return use(text, re);
  }
}

/** The widest a SPLIT of cell text is predicted to be. */
const SPLIT_MAX_PARTS = 26;

function splitParts(text: string, delimiter: string, byEach: unknown, removeEmpty: unknown): string[] | CellError {
  if (delimiter === '') return new CellError(ErrorType.VALUE, 'SPLIT has an empty delimiter.');
  const each = byEach === undefined || truthy(byEach);
  const remove = removeEmpty === undefined || truthy(removeEmpty);
  let parts: string[];
  if (each) {
    const chars = new Set([...delimiter]);
    parts = [''];
    for (const ch of text) {
      if (chars.has(ch)) parts.push('');
      else parts[parts.length - 1] += ch;
    }
  } else parts = text.split(delimiter);
  if (remove) parts = parts.filter((p) => p !== '');
  if (parts.length === 0) return new CellError(ErrorType.VALUE, 'SPLIT has no parts.');
  return parts;
}

const ANY = { argumentType: FunctionArgumentType.ANY };
const SCALAR = { argumentType: FunctionArgumentType.SCALAR };
const OPT_SCALAR = { argumentType: FunctionArgumentType.SCALAR, optionalArg: true };

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
  TEXT: { method: 'text', parameters: [SCALAR, SCALAR] },
  DATEVALUE: { method: 'datevalue', parameters: [SCALAR] },
  TIMEVALUE: { method: 'timevalue', parameters: [SCALAR] },
  VALUE: { method: 'value', parameters: [SCALAR] },
  TO_DATE: { method: 'todate', parameters: [SCALAR] },
  ISEMAIL: { method: 'isemail', parameters: [SCALAR] },
  COUNTUNIQUE: { method: 'countunique', parameters: [ANY], repeatLastArgs: 1 },
  LET: {
    method: 'let',
    sizeOfResultArrayMethod: 'letSize',
    parameters: [ANY],
    repeatLastArgs: 1,
  },
  INDIRECT: { method: 'indirect', parameters: [SCALAR, OPT_SCALAR], isVolatile: true },
  SPLIT: {
    method: 'split',
    sizeOfResultArrayMethod: 'splitSize',
    parameters: [SCALAR, SCALAR, OPT_SCALAR, OPT_SCALAR],
  },
  ISBETWEEN: { method: 'isbetween', parameters: [SCALAR, SCALAR, SCALAR, OPT_SCALAR, OPT_SCALAR] },
  RANK: { method: 'rank', parameters: [SCALAR, ANY, OPT_SCALAR] },
  'RANK.EQ': { method: 'rankeq', parameters: [SCALAR, ANY, OPT_SCALAR] },
  'RANK.AVG': { method: 'rankavg', parameters: [SCALAR, ANY, OPT_SCALAR] },
  INDEX: {
    method: 'index',
    sizeOfResultArrayMethod: 'indexSize',
    parameters: [{ argumentType: FunctionArgumentType.RANGE }, OPT_SCALAR, OPT_SCALAR],
  },
};

/** AVERAGEIFS and COUNTUNIQUEIFS on HyperFormula's criteria (the same COUNTIFS and SUMIFS use). */
function conditionalPlugin(): any {
  const Base = HyperFormula.getFunctionPlugin('SUMIFS') as any;
  class SheetsConditional extends Base {
    averageifs(ast: any, state: any) {
      return this.runFunction(ast.args, state, this.metadata('AVERAGEIFS'), (values: unknown, ...args: unknown[]) => {
        const r = this.computeConditionalAggregationFunction(
          values,
          args,
          'AVERAGEIFS',
          { sum: 0, count: 0 },
          (a: { sum: number; count: number }, b: { sum: number; count: number }) => ({
            sum: a.sum + b.sum,
            count: a.count + b.count,
          }),
          (v: unknown) =>
            isError(v) ? v : typeof raw(v) === 'number' ? { sum: raw(v), count: 1 } : { sum: 0, count: 0 },
        );
        if (isError(r)) return r;
        if (r.count === 0) return new CellError(ErrorType.DIV_BY_ZERO, 'No matching numbers for AVERAGEIFS.');
        return r.sum / r.count;
      });
    }

    countuniqueifs(ast: any, state: any) {
      return this.runFunction(
        ast.args,
        state,
        this.metadata('COUNTUNIQUEIFS'),
        (values: unknown, ...args: unknown[]) => {
          const r = this.computeConditionalAggregationFunction(
            values,
            args,
            'COUNTUNIQUEIFS',
            new Set<string>(),
            (a: Set<string>, b: Set<string>) => new Set([...a, ...b]),
            (v: unknown) => (isBlank(raw(v)) ? new Set() : new Set([uniqueKey(v)])),
          );
          return isError(r) ? r : (r as Set<string>).size;
        },
      );
    }
  }
  const RANGE = { argumentType: FunctionArgumentType.RANGE };
  const NOERROR = { argumentType: FunctionArgumentType.NOERROR };
  (SheetsConditional as any).implementedFunctions = {
    AVERAGEIFS: { method: 'averageifs', parameters: [RANGE, RANGE, NOERROR], repeatLastArgs: 2 },
    COUNTUNIQUEIFS: { method: 'countuniqueifs', parameters: [RANGE, RANGE, NOERROR], repeatLastArgs: 2 },
  };
  return SheetsConditional;
}

/** Sheets' operator functions (ADD, MINUS, …) are HyperFormula's HF.* functions under Sheets' names. */
function operatorPlugin(): any {
  const Base = HyperFormula.getFunctionPlugin('HF.ADD') as any;
  class SheetsOperators extends Base {}
  // HyperFormula looks methods up on the plugin's own prototype and metadata under the HF.* names its methods use;
  // the HF.* names themselves are unregistered with the other names Sheets lacks.
  const fns: Record<string, { method: string }> = {};
  for (const [name, meta] of Object.entries(Base.implementedFunctions as Record<string, { method: string }>)) {
    if (!name.startsWith('HF.')) continue;
    fns[name] = meta;
    fns[name.slice(3)] = meta;
    (SheetsOperators.prototype as any)[meta.method] = function (this: unknown, ...args: unknown[]) {
      return Base.prototype[meta.method].apply(this, args);
    };
  }
  (SheetsOperators as any).implementedFunctions = fns;
  return SheetsOperators;
}

/** IFERROR, IFNA and the IS-error tests let a `not emulated` error through instead of hiding it. */
function errorGuardPlugins(): any[] {
  const byPlugin = new Map<any, string[]>();
  for (const name of ['IFERROR', 'IFNA', 'ISERROR', 'ISERR', 'ISNA']) {
    const p = HyperFormula.getFunctionPlugin(name) as any;
    byPlugin.set(p, [...(byPlugin.get(p) ?? []), name]);
  }
  return [...byPlugin].map(([Base, names]) => {
    class Guarded extends Base {}
    const fns: Record<string, unknown> = {};
    for (const name of names) {
      const meta = Base.implementedFunctions[name];
      fns[name] = meta;
      (Guarded.prototype as any)[meta.method] = function (this: any, ast: any, state: any) {
        const first = ast.args[0] ? this.evaluateAst(ast.args[0], state) : undefined;
        if (isNotEmulated(first)) return first;
        // IFERROR(value) and IFNA(value) without a fallback are blank where value is the error (answer/3093304).
        if (ast.args.length === 1 && (name === 'IFERROR' || name === 'IFNA') && !(first instanceof SimpleRangeValue)) {
          if (!(first instanceof CellError)) return first;
          return name === 'IFERROR' || first.type === ErrorType.NA ? EmptyValue : first;
        }
        if (first instanceof SimpleRangeValue)
          for (const v of first.valuesFromTopLeftCorner()) if (isNotEmulated(v)) return v;
        return Base.prototype[meta.method].call(this, ast, state);
      };
    }
    (Guarded as any).implementedFunctions = fns;
    return Guarded;
  });
}

/** Google Sheets functions without a computation here: they evaluate to the `not emulated` error. */
class NotEmulatedFunctions extends FunctionPlugin {
  notEmulated(ast: any) {
    return notEmulated(String(ast.procedureName).toUpperCase());
  }
}

let registered = false;
let builtinFilter: any;
const notEmulatedNames = new Set<string>();
const refusedNames = new Set<string>();

/** Registers the Sheets functions once per process (HyperFormula's registry is global). */
export function registerSheetsFunctions(): void {
  if (registered) return;
  registered = true;
  builtinFilter = HyperFormula.getFunctionPlugin('FILTER');
  const plugins = [
    SheetsFunctions,
    SheetsArrayFunctions,
    SheetsQuery,
    conditionalPlugin(),
    operatorPlugin(),
    ...errorGuardPlugins(),
  ];
  for (const plugin of plugins) {
    const names = Object.keys(plugin.implementedFunctions);
    HyperFormula.registerFunctionPlugin(plugin, { enGB: Object.fromEntries(names.map((n) => [n, n])) });
  }
  // Names HyperFormula knows and Sheets does not are #NAME? in Sheets.
  for (const name of HyperFormula.getRegisteredFunctionNames('enGB'))
    if (!SHEETS_FUNCTION_NAMES.has(name)) {
      try {
        HyperFormula.unregisterFunction(name);
      } catch {
        // A protected built-in (VERSION) stays registered and would compute where Sheets shows #NAME?.
        refusedNames.add(name);
      }
    }
  const known = new Set(HyperFormula.getRegisteredFunctionNames('enGB'));
  const stubs: Record<string, unknown> = {};
  for (const name of SHEETS_FUNCTION_NAMES)
    if (!known.has(name)) {
      notEmulatedNames.add(name);
      stubs[name] = {
        method: 'notEmulated',
        parameters: [ANY],
        repeatLastArgs: 1,
        doesNotNeedArgumentsToBeComputed: true,
      };
    }
  (NotEmulatedFunctions as any).implementedFunctions = stubs;
  HyperFormula.registerFunctionPlugin(NotEmulatedFunctions as any, {
    enGB: Object.fromEntries(Object.keys(stubs).map((n) => [n, n])),
  });
}

/** Google Sheets function names the emulator does not compute (they throw `not emulated: NAME`). */
export function notEmulatedFunctions(): string[] {
  registerSheetsFunctions();
  return [...notEmulatedNames].sort();
}

/** Function calls in formula text, outside string literals and quoted tab names: [NAME, index of its '('][]. */
function functionCalls(text: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const re = /"(?:[^"]|"")*"|'(?:[^']|'')*'|([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m[1]) out.push([m[1].toUpperCase(), m.index + m[0].length - 1]);
  return out;
}

/** The text of the string literal that is argument `n` (0-based) of the call whose '(' is at `open`, if literal. */
function literalArgument(text: string, open: number, n: number): string | undefined {
  let depth = 0;
  let arg = 0;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      i = end < 0 ? text.length : end;
      while (text[i + 1] === '"') i = text.indexOf('"', i + 2);
      if (i < 0) return undefined;
      continue;
    }
    if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    if ((ch === ',' || ch === ';') && depth === 1) {
      if (arg === n) return unquote(text.slice(start, i));
      arg++;
      start = i + 1;
    }
    if (depth === 0) return arg === n ? unquote(text.slice(start, i)) : undefined;
  }
  return undefined;
}

/** How many arguments the call whose '(' is at `open` has. */
function argumentCount(text: string, open: number): number {
  let depth = 0;
  let count = 1;
  let empty = true;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      i = text.indexOf('"', i + 1);
      while (i >= 0 && text[i + 1] === '"') i = text.indexOf('"', i + 2);
      if (i < 0) break;
      empty = false;
      continue;
    }
    if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') {
      depth--;
      if (depth === 0) return empty ? 0 : count;
    } else if ((ch === ',' || ch === ';') && depth === 1) count++;
    else if (depth >= 1 && !/\s/.test(ch)) empty = false;
  }
  return count;
}

function unquote(arg: string): string | undefined {
  const m = /^\s*"((?:[^"]|"")*)"\s*$/.exec(arg);
  return m ? m[1].replace(/""/g, '"') : undefined;
}

/** Why a formula cannot be computed faithfully (`not emulated: …`), or undefined. */
export function formulaProblem(text: string): string | undefined {
  registerSheetsFunctions();
  for (const [name, open] of functionCalls(text)) {
    if (notEmulatedNames.has(name) || refusedNames.has(name)) return `${NOT_EMULATED}${name}`;
    // HyperFormula's parser fails on OFFSET with fewer than its three required arguments (Sheets shows #N/A).
    if (name === 'OFFSET' && argumentCount(text, open) < 3) return `${NOT_EMULATED}OFFSET with fewer than 3 arguments`;
    if (name === 'QUERY') {
      const q = literalArgument(text, open, 1);
      const problem = q === undefined ? undefined : queryProblem(q);
      if (problem) return `${NOT_EMULATED}QUERY ${problem}`;
    }
  }
  return undefined;
}

/**
 * Sheets formula text in HyperFormula's dialect where the two spell a string differently: Sheets doubles a quote
 * inside a string ("say ""hi"""), HyperFormula has no such escape and reads a backslash before the closing quote as
 * one. Such strings become a concatenation with CHAR(34) / CHAR(92), which is the same text.
 */
export function toEngineSyntax(formula: string): string {
  if (!formula.includes('"')) return formula;
  let out = '';
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === "'") {
      // A quoted tab name: copied as it is ('' stays inside it).
      let j = i + 1;
      while (j < formula.length && !(formula[j] === "'" && formula[j + 1] !== "'")) j += formula[j] === "'" ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j;
      continue;
    }
    if (ch !== '"') {
      out += ch;
      continue;
    }
    const parts: string[] = [''];
    let j = i + 1;
    for (; j < formula.length; j++) {
      if (formula[j] !== '"') parts[parts.length - 1] += formula[j];
      else if (formula[j + 1] === '"') {
        parts.push('');
        j++;
      } else break;
    }
    i = j;
    const pieces: string[] = [];
    parts.forEach((part, k) => {
      if (k > 0) pieces.push('CHAR(34)');
      const trailing = /\\+$/.exec(part)?.[0].length ?? 0;
      if (trailing % 2 === 1) pieces.push(`"${part.slice(0, -1)}"`, 'CHAR(92)');
      else pieces.push(`"${part}"`);
    });
    out += pieces.length === 1 ? pieces[0] : `(${pieces.join('&')})`;
  }
  return out;
}

/** Throws `not emulated: …` for a formula the emulator cannot compute as Sheets does. */
export function assertFormulaEmulated(text: string): void {
  const problem = formulaProblem(text);
  if (problem) throw new Error(problem);
}

/** The `not emulated: …` message an engine error stands for, if any (read-time counterpart of assertFormulaEmulated). */
export function notEmulatedMessage(err: DetailedCellError | CellError): string | undefined {
  const message = err.message ?? '';
  if (message.startsWith(NOT_EMULATED)) return message;
  if (/argument to OFFSET is not/i.test(message)) return `${NOT_EMULATED}OFFSET with computed arguments`;
  return undefined;
}
