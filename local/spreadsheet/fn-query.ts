// QUERY(data, query, [headers]) for the common subset of the Google Visualization API Query Language
// (support.google.com/docs/answer/3093343, developers.google.com/chart/interactive/docs/querylanguage):
// select, where (and/or/not, comparisons, is [not] null, contains, starts with, ends with, matches, like, date
// literals), group by with count/sum/avg/min/max, order by, limit, offset, label, and the header rows argument.
// Anything else (pivot, format, options, scalar functions, arithmetic in select, …) is `not emulated: QUERY …`.

import { ArraySize, CellError, ErrorType, FunctionArgumentType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import { grid, isBlank, isError, notEmulated, raw } from './fn-values';

type ColType = 'number' | 'string' | 'boolean' | 'date' | 'datetime' | 'timeofday';
type Val = { t: ColType; v: number | string | boolean } | null;

type Expr =
  | { k: 'col'; id: string }
  | { k: 'lit'; val: Val }
  | { k: 'agg'; fn: string; id: string }
  | { k: 'not'; e: Expr }
  | { k: 'bool'; op: 'and' | 'or'; l: Expr; r: Expr }
  | { k: 'cmp'; op: string; l: Expr; r: Expr }
  | { k: 'null'; e: Expr; not: boolean }
  | { k: 'arith'; op: string; l: Expr; r: Expr }
  | { k: 'neg'; e: Expr };

interface Query {
  select?: Expr[];
  where?: Expr;
  groupBy?: string[];
  orderBy?: Array<{ e: Expr; asc: boolean }>;
  limit?: number;
  offset?: number;
  labels: Array<{ e: Expr; text: string }>;
}

/** A query the emulator does not run: its message names what. */
class NotEmulated extends Error {}
/** A query Sheets itself rejects (#VALUE!). */
class QueryError extends Error {}

const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max']);
const UNSUPPORTED_CLAUSES = new Set(['pivot', 'format', 'options']);

type Tok = { t: 'id' | 'kw' | 'num' | 'str' | 'op' | 'end'; v: string };

const KEYWORDS = new Set([
  'select',
  'where',
  'group',
  'by',
  'pivot',
  'order',
  'asc',
  'desc',
  'limit',
  'offset',
  'label',
  'format',
  'options',
  'and',
  'or',
  'not',
  'is',
  'null',
  'contains',
  'starts',
  'ends',
  'with',
  'matches',
  'like',
  'true',
  'false',
  'date',
  'datetime',
  'timeofday',
  'timestamp',
]);

function tokenize(q: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = q.indexOf(ch, i + 1);
      if (end < 0) throw new QueryError(`Unable to parse query string: unterminated string at ${i}`);
      toks.push({ t: 'str', v: q.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (ch === '`') {
      const end = q.indexOf('`', i + 1);
      if (end < 0) throw new QueryError('Unable to parse query string: unterminated identifier');
      toks.push({ t: 'id', v: q.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(q.slice(i));
    if (num) {
      toks.push({ t: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(q.slice(i));
    if (word) {
      const lower = word[0].toLowerCase();
      toks.push(KEYWORDS.has(lower) ? { t: 'kw', v: lower } : { t: 'id', v: word[0] });
      i += word[0].length;
      continue;
    }
    const op = /^(<=|>=|!=|<>|[=<>+\-*/(),])/.exec(q.slice(i));
    if (op) {
      toks.push({ t: 'op', v: op[0] });
      i += op[0].length;
      continue;
    }
    throw new QueryError(`Unable to parse query string: unexpected "${ch}"`);
  }
  toks.push({ t: 'end', v: '' });
  return toks;
}

function dateLiteral(kind: string, text: string): Val {
  if (kind === 'date') {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
    if (!m) throw new QueryError(`Invalid date literal [${text}]. Date literals should be of form yyyy-MM-dd.`);
    return { t: 'date', v: Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 + 25569 };
  }
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(text.trim());
  if (!m) throw new QueryError(`Invalid datetime literal [${text}]. Use yyyy-MM-dd HH:mm:ss.`);
  const ms =
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) +
    Number((m[7] ?? '0').padEnd(3, '0'));
  return { t: 'datetime', v: ms / 86_400_000 + 25569 };
}

class Parser {
  private p = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.p];
  }
  private next(): Tok {
    return this.toks[this.p++];
  }
  private isKw(v: string, at = 0): boolean {
    const t = this.toks[this.p + at];
    return t !== undefined && t.t === 'kw' && t.v === v;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private expectKw(v: string): void {
    if (!this.isKw(v)) throw new QueryError(`Unable to parse query string: expected "${v}"`);
    this.p++;
  }
  private expectOp(v: string): void {
    if (!this.isOp(v)) throw new QueryError(`Unable to parse query string: expected "${v}"`);
    this.p++;
  }

  parse(): Query {
    const q: Query = { labels: [] };
    if (this.isKw('select')) {
      this.p++;
      if (this.isOp('*')) this.p++;
      else q.select = this.list(() => this.expr());
    }
    if (this.isKw('where')) {
      this.p++;
      q.where = this.expr();
    }
    if (this.isKw('group')) {
      this.p++;
      this.expectKw('by');
      q.groupBy = this.list(() => this.columnId());
    }
    this.unsupported();
    if (this.isKw('order')) {
      this.p++;
      this.expectKw('by');
      q.orderBy = this.list(() => {
        const e = this.expr();
        let asc = true;
        if (this.isKw('asc')) this.p++;
        else if (this.isKw('desc')) {
          this.p++;
          asc = false;
        }
        return { e, asc };
      });
    }
    if (this.isKw('limit')) {
      this.p++;
      q.limit = this.count();
    }
    if (this.isKw('offset')) {
      this.p++;
      q.offset = this.count();
    }
    if (this.isKw('label')) {
      this.p++;
      q.labels = this.list(() => {
        const e = this.expr();
        const t = this.next();
        if (t.t !== 'str') throw new QueryError('Unable to parse query string: a label needs a string');
        return { e, text: t.v };
      });
    }
    this.unsupported();
    const t = this.peek();
    if (t.t !== 'end') {
      if (t.t === 'kw' && ['select', 'where', 'group', 'order', 'limit', 'offset', 'label'].includes(t.v))
        throw new QueryError(`Unable to parse query string: clause "${t.v}" is out of order`);
      throw new QueryError(`Unable to parse query string: unexpected "${t.v}"`);
    }
    return q;
  }

  private unsupported(): void {
    const t = this.peek();
    if (t.t === 'kw' && UNSUPPORTED_CLAUSES.has(t.v)) throw new NotEmulated(t.v);
  }

  private list<T>(item: () => T): T[] {
    const out = [item()];
    while (this.isOp(',')) {
      this.p++;
      out.push(item());
    }
    return out;
  }

  private count(): number {
    const t = this.next();
    if (t.t !== 'num' || !/^\d+$/.test(t.v)) throw new QueryError('Unable to parse query string: expected a count');
    return Number(t.v);
  }

  private columnId(): string {
    const t = this.next();
    if (t.t !== 'id') throw new QueryError(`Unable to parse query string: expected a column, found "${t.v}"`);
    return t.v;
  }

  expr(): Expr {
    let l = this.and();
    while (this.isKw('or')) {
      this.p++;
      l = { k: 'bool', op: 'or', l, r: this.and() };
    }
    return l;
  }

  private and(): Expr {
    let l = this.not();
    while (this.isKw('and')) {
      this.p++;
      l = { k: 'bool', op: 'and', l, r: this.not() };
    }
    return l;
  }

  private not(): Expr {
    if (this.isKw('not')) {
      this.p++;
      return { k: 'not', e: this.not() };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const l = this.sum();
    const t = this.peek();
    if (t.t === 'op' && ['=', '!=', '<>', '<', '>', '<=', '>='].includes(t.v)) {
      this.p++;
      return { k: 'cmp', op: t.v === '<>' ? '!=' : t.v, l, r: this.sum() };
    }
    if (this.isKw('is')) {
      this.p++;
      let not = false;
      if (this.isKw('not')) {
        this.p++;
        not = true;
      }
      this.expectKw('null');
      return { k: 'null', e: l, not };
    }
    for (const op of ['contains', 'matches', 'like']) {
      if (this.isKw(op)) {
        this.p++;
        return { k: 'cmp', op, l, r: this.sum() };
      }
    }
    if ((this.isKw('starts') || this.isKw('ends')) && this.isKw('with', 1)) {
      const op = this.next().v === 'starts' ? 'starts with' : 'ends with';
      this.p++;
      return { k: 'cmp', op, l, r: this.sum() };
    }
    return l;
  }

  private sum(): Expr {
    let l = this.product();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().v;
      l = { k: 'arith', op, l, r: this.product() };
    }
    return l;
  }

  private product(): Expr {
    let l = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next().v;
      l = { k: 'arith', op, l, r: this.unary() };
    }
    return l;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      this.p++;
      return { k: 'neg', e: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    if (t.t === 'num') return { k: 'lit', val: { t: 'number', v: Number(t.v) } };
    if (t.t === 'str') return { k: 'lit', val: { t: 'string', v: t.v } };
    if (t.t === 'kw' && (t.v === 'true' || t.v === 'false'))
      return { k: 'lit', val: { t: 'boolean', v: t.v === 'true' } };
    if (t.t === 'kw' && t.v === 'null') return { k: 'lit', val: null };
    if (t.t === 'kw' && (t.v === 'date' || t.v === 'datetime' || t.v === 'timestamp')) {
      const s = this.next();
      if (s.t !== 'str') throw new QueryError(`Unable to parse query string: ${t.v} needs a string`);
      return { k: 'lit', val: dateLiteral(t.v === 'date' ? 'date' : 'datetime', s.v) };
    }
    if (t.t === 'kw' && t.v === 'timeofday') throw new NotEmulated('timeofday literals');
    if (t.t === 'op' && t.v === '(') {
      const e = this.expr();
      this.expectOp(')');
      return e;
    }
    if (t.t === 'id') {
      if (this.isOp('(')) {
        const fn = t.v.toLowerCase();
        if (!AGGREGATES.has(fn)) throw new NotEmulated(`function ${t.v}()`);
        this.p++;
        const id = this.columnId();
        this.expectOp(')');
        return { k: 'agg', fn, id };
      }
      return { k: 'col', id: t.v };
    }
    throw new QueryError(`Unable to parse query string: unexpected "${t.v}"`);
  }
}

function parseQuery(q: string): Query {
  return new Parser(tokenize(q)).parse();
}

/** What a literal query string uses that the emulator does not run, or undefined (checked when a formula is set). */
export function queryProblem(query: string): string | undefined {
  try {
    const q = parseQuery(query);
    if (q.select?.some((e) => e.k !== 'col' && e.k !== 'agg')) return 'expressions in select';
    return undefined;
  } catch (e) {
    return e instanceof NotEmulated ? e.message : undefined;
  }
}

function colLetters(n: number): string {
  let s = '';
  for (let x = n + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function typeOf(v: unknown): ColType | undefined {
  if (isBlank(v) || v === '') return undefined;
  const detailed = (v as { getDetailedType?: () => string }).getDetailedType?.();
  if (detailed === 'NUMBER_DATE') return 'date';
  if (detailed === 'NUMBER_DATETIME') return 'datetime';
  if (detailed === 'NUMBER_TIME') return 'timeofday';
  const x = raw(v);
  if (typeof x === 'number') return 'number';
  if (typeof x === 'boolean') return 'boolean';
  if (typeof x === 'string') return 'string';
  return undefined;
}

function keyOf(v: Val): string {
  return v === null ? '\u0000' : `${v.t}:${String(v.v)}`;
}

/** GViz order: null first, then values of one type in their natural order (text case-sensitively). */
function compareVals(a: Val, b: Val): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a.v === 'string' && typeof b.v === 'string') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  return Number(a.v) - Number(b.v);
}

function comparable(a: ColType, b: ColType): boolean {
  const numeric = (t: ColType) => t === 'number';
  return a === b || (numeric(a) && numeric(b));
}

function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern)
    re += ch === '%' ? '[\\s\\S]*' : ch === '_' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`);
}

interface Table {
  ids: string[];
  types: ColType[];
  labels: string[];
  rows: Val[][];
}

function buildTable(data: unknown[][], headerArg: number | undefined, letters: string[] | undefined): Table {
  const width = data[0]?.length ?? 0;
  const ids = letters ?? Array.from({ length: width }, (_, j) => `Col${j + 1}`);
  let headers = headerArg;
  if (headers === undefined || headers < 0) headers = guessHeaders(data);
  headers = Math.min(headers, data.length);
  const body = data.slice(headers);
  const types: ColType[] = [];
  for (let j = 0; j < width; j++) {
    const counts = new Map<ColType, number>();
    for (const row of body) {
      const t = typeOf(row[j]);
      if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    if (ranked.length > 1 && ranked[0][1] === ranked[1][1])
      throw new NotEmulated(`on column ${ids[j]} with as many values of one type as of another`);
    types.push(ranked[0]?.[0] ?? 'string');
  }
  const rows = body.map((row) =>
    row.map((v, j): Val => {
      const t = typeOf(v);
      if (t !== types[j]) return null;
      const x = raw(v);
      return { t, v: x as number | string | boolean };
    }),
  );
  const labels = ids.map((_, j) =>
    data
      .slice(0, headers)
      .map((r) => (isBlank(r[j]) ? '' : String(raw(r[j]))))
      .filter((s) => s !== '')
      .join(' '),
  );
  return { ids, types, labels, rows };
}

/** Header rows when the argument is omitted: a first row of text over a column of other values is a header. */
function guessHeaders(data: unknown[][]): number {
  if (data.length < 2) return 0;
  const first = data[0];
  if (!first.every((v) => typeOf(v) === 'string')) return 0;
  for (let j = 0; j < first.length; j++)
    for (const row of data.slice(1)) {
      const t = typeOf(row[j]);
      if (t !== undefined && t !== 'string') return 1;
    }
  throw new NotEmulated('without a headers argument on data that is all text');
}

class Runner {
  constructor(private readonly table: Table) {}

  column(id: string): number {
    const j = this.table.ids.indexOf(id);
    if (j < 0) throw new QueryError(`Unable to parse query string: NO_COLUMN: ${id}`);
    return j;
  }

  typeOfExpr(e: Expr): ColType | undefined {
    switch (e.k) {
      case 'col':
        return this.table.types[this.column(e.id)];
      case 'lit':
        return e.val?.t;
      case 'agg':
        if (e.fn === 'count') return 'number';
        if ((e.fn === 'sum' || e.fn === 'avg') && this.table.types[this.column(e.id)] !== 'number')
          throw new QueryError(`Unable to parse query string: ${e.fn} of a column that is not numeric`);
        return e.fn === 'sum' || e.fn === 'avg' ? 'number' : this.table.types[this.column(e.id)];
      case 'arith':
      case 'neg':
        return 'number';
      default:
        return 'boolean';
    }
  }

  /** Checks operand types as the query language does before running. */
  check(e: Expr): void {
    if (e.k === 'cmp') {
      this.check(e.l);
      this.check(e.r);
      const a = this.typeOfExpr(e.l);
      const b = this.typeOfExpr(e.r);
      if (['contains', 'starts with', 'ends with', 'matches', 'like'].includes(e.op)) {
        if ((a && a !== 'string') || (b && b !== 'string'))
          throw new QueryError(`Unable to parse query string: ${e.op} needs text operands`);
      } else if (a && b && !comparable(a, b)) {
        if ((a === 'date' || a === 'datetime') && (b === 'date' || b === 'datetime'))
          throw new NotEmulated('comparing dates with date-times');
        throw new QueryError(`Unable to parse query string: cannot compare ${a} with ${b}`);
      }
    } else if (e.k === 'arith') {
      this.check(e.l);
      this.check(e.r);
      for (const side of [e.l, e.r]) {
        const t = this.typeOfExpr(side);
        if (t && t !== 'number') throw new NotEmulated(`arithmetic on ${t} values`);
      }
    } else if (e.k === 'neg' || e.k === 'not' || e.k === 'null') this.check(e.e);
    else if (e.k === 'bool') {
      this.check(e.l);
      this.check(e.r);
    } else if (e.k === 'col' || e.k === 'agg') this.typeOfExpr(e);
  }

  /** A row-level value (no aggregates). */
  value(e: Expr, row: Val[]): Val {
    switch (e.k) {
      case 'col':
        return row[this.column(e.id)];
      case 'lit':
        return e.val;
      case 'agg':
        throw new QueryError('Unable to parse query string: an aggregation is not allowed here');
      case 'not': {
        const v = this.value(e.e, row);
        return v === null ? null : { t: 'boolean', v: !v.v };
      }
      case 'bool': {
        const l = this.value(e.l, row)?.v === true;
        const r = this.value(e.r, row)?.v === true;
        return { t: 'boolean', v: e.op === 'and' ? l && r : l || r };
      }
      case 'null': {
        const isNull = this.value(e.e, row) === null;
        return { t: 'boolean', v: e.not ? !isNull : isNull };
      }
      case 'neg': {
        const v = this.value(e.e, row);
        return v === null ? null : { t: 'number', v: -Number(v.v) };
      }
      case 'arith': {
        const l = this.value(e.l, row);
        const r = this.value(e.r, row);
        if (l === null || r === null) return null;
        const a = Number(l.v);
        const b = Number(r.v);
        if (e.op === '/' && b === 0) return null;
        return { t: 'number', v: e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : a / b };
      }
      case 'cmp': {
        const l = this.value(e.l, row);
        const r = this.value(e.r, row);
        if (l === null || r === null) return { t: 'boolean', v: false };
        return { t: 'boolean', v: compareOp(e.op, l, r) };
      }
    }
  }

  aggregate(e: Expr & { k: 'agg' }, rows: Val[][]): Val {
    const j = this.column(e.id);
    const vals = rows.map((r) => r[j]).filter((v): v is NonNullable<Val> => v !== null);
    if (e.fn === 'count') return { t: 'number', v: vals.length };
    if (vals.length === 0) return null;
    if (e.fn === 'sum') return { t: 'number', v: vals.reduce((s, v) => s + Number(v.v), 0) };
    if (e.fn === 'avg') return { t: 'number', v: vals.reduce((s, v) => s + Number(v.v), 0) / vals.length };
    const sorted = vals.slice().sort(compareVals);
    return e.fn === 'min' ? sorted[0] : sorted[sorted.length - 1];
  }
}

function compareOp(op: string, l: NonNullable<Val>, r: NonNullable<Val>): boolean {
  if (op === 'contains') return String(l.v).includes(String(r.v));
  if (op === 'starts with') return String(l.v).startsWith(String(r.v));
  if (op === 'ends with') return String(l.v).endsWith(String(r.v));
  if (op === 'matches') {
    try {
      return new RegExp(`^(?:${String(r.v)})$`).test(String(l.v));
    } catch {
      return false;
    }
  }
  if (op === 'like') return likeToRegExp(String(r.v)).test(String(l.v));
  const c = compareVals(l, r);
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    default:
      return c >= 0;
  }
}

function sameExpr(a: Expr, b: Expr): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Runs a query: the output grid (header row first when any label is not empty) with typed values. */
function runQuery(table: Table, q: Query): { header?: string[]; rows: Val[][]; types: ColType[] } {
  const r = new Runner(table);
  const select: Expr[] = q.select ?? table.ids.map((id) => ({ k: 'col', id }));
  for (const e of select) {
    if (e.k !== 'col' && e.k !== 'agg') throw new NotEmulated('expressions in select');
    r.check(e);
  }
  if (q.where) {
    r.check(q.where);
    if (JSON.stringify(q.where).includes('"k":"agg"'))
      throw new QueryError('Unable to parse query string: aggregations are not allowed in where');
  }
  for (const o of q.orderBy ?? []) r.check(o.e);
  let rows = table.rows;
  if (q.where) rows = rows.filter((row) => r.value(q.where as Expr, row)?.v === true);
  const grouped = q.groupBy !== undefined || select.some((e) => e.k === 'agg');
  let out: Val[][];
  let sortKeys: Val[][];
  if (grouped) {
    const groupCols = (q.groupBy ?? []).map((id) => r.column(id));
    for (const e of select)
      if (e.k === 'col' && !(q.groupBy ?? []).includes(e.id))
        throw new QueryError(`Unable to parse query string: column ${e.id} must be in group by or aggregated`);
    const groups = new Map<string, Val[][]>();
    for (const row of rows) {
      const k = groupCols.map((j) => keyOf(row[j])).join('\u0001');
      const g = groups.get(k);
      if (g) g.push(row);
      else groups.set(k, [row]);
    }
    let list = [...groups.values()];
    if (groupCols.length === 0) list = [rows];
    // Groups come out in ascending order of their group-by values.
    list.sort((a, b) => {
      for (const j of groupCols) {
        const c = compareVals(a[0][j], b[0][j]);
        if (c !== 0) return c;
      }
      return 0;
    });
    const cell = (e: Expr, g: Val[][]): Val => (e.k === 'agg' ? r.aggregate(e, g) : r.value(e, g[0]));
    out = list.map((g) => select.map((e) => cell(e, g)));
    sortKeys = list.map((g) => (q.orderBy ?? []).map((o) => cell(o.e, g)));
  } else {
    out = rows.map((row) => select.map((e) => r.value(e, row)));
    sortKeys = rows.map((row) => (q.orderBy ?? []).map((o) => r.value(o.e, row)));
  }
  if (q.orderBy?.length) {
    const order = out.map((_, i) => i);
    const dirs = q.orderBy.map((o) => o.asc);
    order.sort((a, b) => {
      for (let k = 0; k < dirs.length; k++) {
        const c = compareVals(sortKeys[a][k], sortKeys[b][k]);
        if (c !== 0) return dirs[k] ? c : -c;
      }
      return a - b;
    });
    out = order.map((i) => out[i]);
  }
  const offset = q.offset ?? 0;
  out = out.slice(offset, q.limit === undefined ? undefined : offset + q.limit);
  const labels = select.map((e) => {
    const given = q.labels.find((l) => sameExpr(l.e, e));
    if (given) return given.text;
    if (e.k === 'col') return table.labels[r.column(e.id)];
    const inner = table.labels[r.column((e as { id: string }).id)];
    return `${(e as { fn: string }).fn} ${inner}`.trim();
  });
  for (const l of q.labels)
    if (!select.some((e) => sameExpr(e, l.e)))
      throw new QueryError('Unable to parse query string: a label names a column that is not selected');
  const types = select.map((e) => r.typeOfExpr(e) ?? 'string');
  return { header: labels.some((l) => l !== '') ? labels : undefined, rows: out, types };
}

export class SheetsQuery extends FunctionPlugin {
  query(ast: any, state: any) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata('QUERY'),
      (data: unknown, query: unknown, headers: unknown) => {
        if (isError(query)) return query;
        if (isError(headers)) return headers;
        const values = grid(data);
        for (const row of values) for (const v of row) if (isError(v)) return v;
        const range = data instanceof SimpleRangeValue ? (data as any).range : undefined;
        const start = range?.start?.col;
        const letters =
          typeof start === 'number'
            ? Array.from({ length: values[0]?.length ?? 0 }, (_, j) => colLetters(start + j))
            : undefined;
        const h = headers === undefined || isBlank(headers) ? undefined : Math.trunc(Number(raw(headers)));
        try {
          const table = buildTable(values, h, letters);
          const q = parseQuery(typeof raw(query) === 'string' ? (raw(query) as string) : String(raw(query)));
          const res = runQuery(table, q);
          const out: unknown[][] = [];
          if (res.header) out.push(res.header);
          for (const row of res.rows)
            out.push(
              row.map((v, j) => {
                if (v === null) return '';
                const t = res.types[j];
                if (t === 'date' || t === 'datetime' || t === 'timeofday')
                  return this.arithmeticHelper.ExtendedNumberFactory(
                    v.v as number,
                    {
                      type: t === 'date' ? 'NUMBER_DATE' : t === 'datetime' ? 'NUMBER_DATETIME' : 'NUMBER_TIME',
                    } as any,
                  );
                return v.v;
              }),
            );
          if (out.length === 0) return new CellError(ErrorType.NA, 'Query completed with an empty output.');
          return SimpleRangeValue.onlyValues(out as any);
        } catch (e) {
          if (e instanceof NotEmulated) return notEmulated(`QUERY ${e.message}`);
          if (e instanceof QueryError) return new CellError(ErrorType.VALUE, e.message);
          throw e;
        }
      },
    );
  }

  /** At most the input's rows plus a header row; as wide as the select list of a literal query. */
  querySize(ast: any, state: any) {
    if (ast.args.length < 2) return ArraySize.error();
    const input = this.arraySizeForAst(ast.args[0], state);
    let width = input.width;
    const q = ast.args[1];
    if (q.type === 'STRING') {
      try {
        const parsed = parseQuery(String(q.value));
        if (parsed.select) width = parsed.select.length;
      } catch {
        // The evaluation reports the error.
      }
    }
    return new ArraySize(Math.max(1, width), input.height + 1);
  }
}

(SheetsQuery as any).implementedFunctions = {
  QUERY: {
    method: 'query',
    sizeOfResultArrayMethod: 'querySize',
    enableArrayArithmeticForArguments: true,
    parameters: [
      { argumentType: FunctionArgumentType.RANGE },
      { argumentType: FunctionArgumentType.SCALAR },
      { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
    ],
  },
};
