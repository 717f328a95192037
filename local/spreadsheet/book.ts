// The workbook core: tabs as compact layered grids, cell writes with Sheets value semantics, formulas through
// HyperFormula (fed lazily), and row/column changes that carry values, formats, references and anchors along.

import {
  type CellError,
  type CellValueDetailedType,
  DetailedCellError,
  HyperFormula,
  type RawCellContent,
} from 'hyperformula';
import type { SpreadsheetHooks } from '../contract';
import { quoteSheetName, toA1 } from './a1';
import { RangeCache, registerCachedCriteria } from './criteria';
import {
  attachRangeCache,
  installCachedComparisons,
  installFastRangeReads,
  installQuotedTextParse,
} from './fast-ranges';
import { assertFormulaEmulated, notEmulatedMessage, registerSheetsFunctions, toEngineSyntax } from './functions';
import { Layer } from './layer';
import { localeInfo, parseTypedInput } from './locale';
import { AUTOMATIC_FORMAT, formatValue, isDateFormat } from './numfmt';
import {
  adjustFormula,
  type DimensionChange,
  dropSheetInFormula,
  formatRef,
  listRefs,
  mapRefs,
  mapSpan,
  offsetFormula,
  renameSheetInFormula,
} from './refs';
import {
  anchorValue,
  blockedMessage,
  type CellResult,
  type DepRect,
  evaluateArray,
  HF_ERRORS,
  intersects,
  predictsArray,
  resultSize,
  type SpillState,
  tooLongMessage,
} from './spill';
import { dateToSerial, serialParts, serialToDate } from './tz';

export type Scalar = number | string | boolean;
export type ValueKind = 'number' | 'date' | 'datetime' | 'time';

export interface FormulaCell {
  /** The formula as the user wrote it (with '='); references rewritten as the grid changes. */
  text: string;
  /** What HyperFormula was last given for this cell. */
  hf?: string;
}

/** A validation rule as stored per cell; the Apps Script DataValidation object is built on top of it. */
export interface ValidationRule {
  criteria: string;
  /** Criteria arguments; a range argument is a TrackedRange. */
  args: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

/** A rectangle that follows its cells through inserts, deletes and moves (named ranges, protections, rule ranges). */
export class TrackedRange {
  alive = true;
  constructor(
    public sheet: SheetData,
    public r0: number,
    public c0: number,
    public r1: number,
    public c1: number,
    public openRows = false,
    public openColumns = false,
  ) {}

  get numRows(): number {
    return this.r1 - this.r0 + 1;
  }
  get numColumns(): number {
    return this.c1 - this.c0 + 1;
  }

  contains(r: number, c: number): boolean {
    return this.alive && r >= this.r0 && r <= this.r1 && c >= this.c0 && c <= this.c1;
  }

  intersects(r0: number, c0: number, nr: number, nc: number): boolean {
    return this.alive && r0 <= this.r1 && r0 + nr - 1 >= this.r0 && c0 <= this.c1 && c0 + nc - 1 >= this.c0;
  }

  a1(): string {
    return toA1(this.r0 + 1, this.c0 + 1, this.numRows, this.numColumns, this.openRows, this.openColumns);
  }
}

export type MetadataLocation =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheet: SheetData }
  | { type: 'ROW' | 'COLUMN'; sheet: SheetData; start: number; count: number };

export interface MetadataEntry {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  location: MetadataLocation;
}

export interface ProtectionData {
  type: 'RANGE' | 'SHEET';
  sheet: SheetData;
  range?: TrackedRange;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  unprotected: TrackedRange[];
  rangeName?: string;
}

export const STYLE_KEYS = [
  'background',
  'fontColor',
  'fontWeight',
  'fontStyle',
  'fontLine',
  'fontFamily',
  'fontSize',
  'horizontalAlignment',
  'verticalAlignment',
  'wrap',
  'wrapStrategy',
  'textRotation',
  'border',
] as const;
export type StyleKey = (typeof STYLE_KEYS)[number] | 'note';

/** One tab: value/formula/format layers plus tab properties. Rows and columns are 0-based here. */
export class SheetData {
  hidden = false;
  maxRows = 1000;
  maxColumns = 26;
  frozenRows = 0;
  frozenColumns = 0;
  tabColor: string | null = null;
  readonly vals = new Layer<Scalar>();
  readonly forms = new Layer<FormulaCell>();
  readonly fmts = new Layer<string>();
  readonly dv = new Layer<ValidationRule>();
  readonly styles = new Map<StyleKey, Layer<unknown>>();
  /** Anchors of formulas whose result is an array (local/spreadsheet/spill.ts). */
  readonly spills = new Layer<SpillState>();
  /** The anchors whose result currently fills cells beyond the anchor. */
  placed: SpillState[] = [];
  /** Cells the engine holds outside loaded columns: formula cells (always fed) and array anchors. */
  readonly hfLoose = new Layer<true>();
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  formulaCount = 0;
  /** HyperFormula sheet id, once the engine knows the tab. */
  hfId?: number;
  /** Whole tab fed to HyperFormula (a formula reads whole rows of it). */
  hfAll = false;
  /** Columns fed to HyperFormula because formulas read them. */
  hfCols: boolean[] = [];
  /** Bumped by row/column changes (the engine's ranges over the tab moved). */
  structVersion = 0;
  /** Engine writes since the last row/column change: [seq, r0, r1, c0, c1] flat, the oldest dropped first. */
  changeLog: number[] = [];
  /** Writes up to this number are no longer in the log. */
  logFloor = 0;
  /** Number of the latest engine write into the tab. */
  lastWrite = 0;
  /** 1-based indices of rows/columns a script or person hid. */
  hiddenRows = new Set<number>();
  hiddenColumns = new Set<number>();
  deleted = false;
  /** Recorded auto-resize requests (columns), for the playground. */
  autoResized: number[] = [];

  constructor(
    public id: number,
    public name: string,
  ) {}

  style(key: StyleKey): Layer<unknown> {
    let l = this.styles.get(key);
    if (!l) {
      l = new Layer();
      this.styles.set(key, l);
    }
    return l;
  }

  /** Every layer that moves with rows and columns. */
  layers(): Layer<unknown>[] {
    return [
      this.vals,
      this.forms,
      this.fmts,
      this.dv,
      this.spills,
      this.hfLoose,
      ...this.styles.values(),
    ] as Layer<unknown>[];
  }

  /** Format-like layers new rows/columns inherit from their neighbour. */
  formatLayers(): Layer<unknown>[] {
    return [this.fmts, this.dv, ...[...this.styles.entries()].filter(([k]) => k !== 'note').map(([, l]) => l)];
  }

  hasContent(r: number, c: number): boolean {
    return this.vals.get(r, c) !== undefined || this.forms.get(r, c) !== undefined;
  }

  /** Number format written on the cell, or undefined for automatic. */
  format(r: number, c: number): string | undefined {
    const f = this.fmts.get(r, c);
    return f === AUTOMATIC_FORMAT ? undefined : f;
  }
}

export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

const CLOCK_SHEET = 'kartoteka\u2060clock';
/** Where the engine is asked whether a formula's result is an array. */
const SCRATCH_SHEET = 'kartoteka\u2060scratch';
/** Functions that read cells their arguments do not name, or random numbers: array formulas using them re-evaluate
 * after every change (as Sheets recalculates them on every edit). */
const DYNAMIC = /\b(RAND|RANDBETWEEN|RANDARRAY|OFFSET|INDIRECT)\s*\(/i;
/** The clock: array formulas using it re-evaluate when the date (TODAY) or the second (NOW) moved on. */
const CLOCK_DAY = /\bTODAY\s*\(/i;
const CLOCK_SECOND = /\bNOW\s*\(/i;

const defaultParseDateTime = HyperFormula.defaultConfig.parseDateTime;

/** A Date whose local-time getters report a serial's wall clock (HyperFormula reads dates through them). */
class WallDate extends Date {
  // The Date's own time is the wall clock read as UTC: its UTC getters are the wall-clock fields.
  override getFullYear(): number {
    return this.getUTCFullYear();
  }
  override getMonth(): number {
    return this.getUTCMonth();
  }
  override getDate(): number {
    return this.getUTCDate();
  }
  override getHours(): number {
    return this.getUTCHours();
  }
  override getMinutes(): number {
    return this.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.getUTCSeconds();
  }
  override getMilliseconds(): number {
    return this.getUTCMilliseconds();
  }
}

/** Words that typed input turns into booleans. */
const WORD_VALUES = /^\s*(true|false|истина|ложь)\s*$/i;

export function isDateObject(x: unknown): x is Date {
  return Object.prototype.toString.call(x) === '[object Date]';
}

/** How a written cell is to be interpreted. */
export type WriteMode = 'value' | 'formula' | 'user';

export class Book {
  name: string;
  readonly id: string;
  timeZone: string;
  locale: string;
  readonly owner: string;
  readonly hooks: SpreadsheetHooks;
  sheets: SheetData[] = [];
  private nextSheetId = 0;
  hf?: HyperFormula;
  private clockSheetId = -1;
  private clockStamp = -1;
  private hasVolatile = false;
  /** A formula uses INDIRECT: every tab is fed to the engine whole. */
  private readsAnyTab = false;
  private settledVersion = -1;
  private hfVersion = 0;
  metadata: MetadataEntry[] = [];
  private nextMetadataId = 1_000_000;
  protections: ProtectionData[] = [];
  namedRanges = new Map<string, TrackedRange>();
  tracked = new Set<TrackedRange>();
  editors: string[] = [];
  viewers: string[] = [];
  activeSheet?: SheetData;
  activeRange?: TrackedRange;
  /** HyperFormula sheet id → tab. */
  private readonly byHfId = new Map<number, SheetData>();
  private scratchId = -1;
  /** Bumped by every engine write: formula values may differ after it (stamps of ranges holding formulas). */
  epoch = 0;
  /** The engine holds writes not yet evaluated, or array results wait to be placed. */
  private pending = false;
  private settling = false;
  /** Rectangles whose stored content changed since the last settle (array inputs, spill blockers). */
  private touched: Array<{ sh: SheetData; r0: number; c0: number; r1: number; c1: number }> = [];
  /** Formulas whose result is an array, with their tab. */
  private readonly arrays = new Map<SpillState, SheetData>();
  /** Engine formula text → whether its result is an array. */
  private readonly arrayKinds = new Map<string, boolean>();
  /** Range contents and criterion masks shared by COUNTIFS-like formulas (local/spreadsheet/criteria.ts). */
  readonly rangeCache = new RangeCache({
    volatileStamp: (id, r0, c0, r1, c1) => this.volatileStamp(id, r0, c0, r1, c1),
    struct: (id) => this.byHfId.get(id)?.structVersion ?? -1,
    seq: (id) => this.byHfId.get(id)?.lastWrite ?? 0,
    changedRows: (id, since, r0, c0, r1, c1) => this.changedRows(id, since, r0, c0, r1, c1),
  });
  /** Numbers every engine write (RangeCache redoes only the rows written since it last looked). */
  private writeSeq = 0;
  /** Bumped when what a formula's text means may change: tabs added, removed or renamed, names, rows or columns. */
  private parseVersion = 0;

  constructor(opts: { name?: string; timeZone: string; locale: string; owner: string; hooks: SpreadsheetHooks }) {
    this.name = opts.name ?? 'Kartoteka';
    this.timeZone = opts.timeZone;
    this.locale = opts.locale;
    this.owner = opts.owner;
    this.hooks = opts.hooks;
    this.id = `local-${Math.random().toString(36).slice(2, 12)}${Date.now().toString(36)}`;
  }

  // ---------- tabs ----------

  defaultSheetName(n: number): string {
    return `${localeInfo(this.locale) === localeInfo('ru_RU') ? 'Лист' : 'Sheet'}${n}`;
  }

  sheetByName(name: string): SheetData | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  sheetByNameLoose(name: string): SheetData | undefined {
    return this.sheetByName(name) ?? this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string | undefined, index?: number): SheetData {
    let n = this.sheets.length + 1;
    let sheetName = name;
    while (!sheetName || this.sheetByNameLoose(sheetName)) {
      if (name) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
      sheetName = this.defaultSheetName(n++);
    }
    const sh = new SheetData(this.nextSheetId === 0 ? 0 : this.nextSheetId, sheetName);
    // Sheet ids look like Sheets' gids: the first tab is 0, later ones are large numbers.
    this.nextSheetId = this.nextSheetId === 0 ? 1_493_817_201 : this.nextSheetId + 271_828_183;
    const at = index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, sh);
    if (this.hf) {
      this.hfw().addSheet(sh.name);
      this.parseVersion++;
      sh.hfId = this.hf.getSheetId(sh.name);
      if (sh.hfId !== undefined) this.byHfId.set(sh.hfId, sh);
      if (this.readsAnyTab) sh.hfAll = true;
      this.adoptSheetName(sh.name);
    }
    return sh;
  }

  removeSheet(sh: SheetData): void {
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((s) => s !== sh);
    sh.deleted = true;
    for (const t of this.tracked) if (t.sheet === sh) t.alive = false;
    for (const [name, t] of this.namedRanges) if (t.sheet === sh) this.namedRanges.delete(name);
    this.protections = this.protections.filter((p) => p.sheet !== sh);
    this.metadata = this.metadata.filter((m) => !('sheet' in m.location) || m.location.sheet !== sh);
    this.eachFormula((s, r, c, f) => {
      const next = dropSheetInFormula(f.text, sh.name);
      if (next !== f.text) this.setFormulaText(s, r, c, next);
    });
    if (this.hf && sh.hfId !== undefined) {
      this.hfw().removeSheet(sh.hfId);
      this.parseVersion++;
      this.byHfId.delete(sh.hfId);
      // Engine ids of removed tabs may be given to new ones: nothing kept about them may survive.
      this.rangeCache.clear();
    }
    for (const [st, s] of this.arrays) if (s === sh) this.arrays.delete(st);
    for (const st of this.arrays.keys()) st.dirty = true;
    this.resyncFormulas();
    if (this.activeSheet === sh) {
      this.activeSheet = this.sheets[0];
      this.activeRange = undefined;
    }
  }

  renameSheet(sh: SheetData, newName: string): void {
    if (newName === sh.name) return;
    if (!newName.trim()) throw new Error('Sheet names must be non-empty.');
    const clash = this.sheetByNameLoose(newName);
    if (clash && clash !== sh)
      throw new Error(`A sheet with the name "${newName}" already exists. Please enter another name.`);
    const old = sh.name;
    sh.name = newName;
    this.eachFormula((s, _r, _c, f) => {
      const host = s === sh ? old : s.name;
      const next = mapRefs(f.text, (ref) =>
        (ref.sheet ?? host) === old && ref.sheet !== undefined ? formatRef({ ...ref, sheet: newName }) : undefined,
      );
      if (next !== f.text) f.text = next;
    });
    void renameSheetInFormula;
    if (this.hf && sh.hfId !== undefined) this.hfw().renameSheet(sh.hfId, newName);
    this.parseVersion++;
    this.adoptSheetName(newName);
  }

  /**
   * A tab got a name formulas may already use (created or renamed later than the formula): they read it from now on.
   * Until then such references show #REF!, as in Sheets.
   */
  private adoptSheetName(name: string): void {
    if (!this.hf) return;
    const key = name.toLowerCase();
    this.eachFormula((s, _r, _c, f) => {
      if (!mentionsTab(f.text, name) || !listRefs(f.text).some((ref) => ref.sheet?.toLowerCase() === key)) return;
      this.loadDependencies(f.text, s);
      f.hf = undefined;
    });
    for (const st of this.arrays.keys()) st.dirty = true;
    this.pending = true;
    this.resyncFormulas({ name });
  }

  moveSheet(sh: SheetData, index: number): void {
    this.sheets = this.sheets.filter((s) => s !== sh);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sh);
  }

  // ---------- clock ----------

  nowMs(): number {
    return this.hooks.context.now().getTime();
  }

  nowSerial(): number {
    return dateToSerial(this.nowMs(), this.timeZone);
  }

  private yearCache = { minute: Number.NaN, year: 0 };

  /** The current year in the spreadsheet zone ('15.03' typed means this year); cached per minute for bulk writes. */
  currentYear(): number {
    const minute = Math.floor(this.nowMs() / 60_000);
    if (minute !== this.yearCache.minute) this.yearCache = { minute, year: serialParts(this.nowSerial()).year };
    return this.yearCache.year;
  }

  // ---------- HyperFormula ----------

  private bump(): void {
    this.hfVersion++;
  }

  /** Builds the engine on first need and tells it about every tab (content is fed lazily). */
  engine(): HyperFormula {
    if (this.hf) return this.hf;
    registerSheetsFunctions();
    registerCachedCriteria();
    installFastRangeReads();
    const info = localeInfo(this.locale);
    const hf = HyperFormula.buildEmpty({
      licenseKey: 'gpl-v3',
      undoLimit: 0,
      // Sheets evaluates SUMPRODUCT((range=x)*1)-style arguments as arrays.
      useArrayArithmetic: true,
      maxRows: 10_000_000,
      maxColumns: 18_278,
      smartRounding: false,
      useWildcards: true,
      useRegularExpressions: false,
      matchWholeCell: true,
      caseSensitive: false,
      dateFormats:
        info.dateOrder === 'MDY'
          ? ['MM/DD/YYYY', 'MM/DD/YY', 'YYYY-MM-DD']
          : ['DD.MM.YYYY', 'DD/MM/YYYY', 'YYYY-MM-DD'],
      timeFormats: ['hh:mm', 'hh:mm:ss.sss'],
      // Comparisons try every text as a date; text without a digit never is one (all formats above are numeric).
      parseDateTime: (text: string, dateFormat?: string, timeFormat?: string) =>
        /\d/.test(text) ? defaultParseDateTime(text, dateFormat, timeFormat) : undefined,
      context: {
        todaySerial: () => Math.floor(this.nowSerial()),
        nowSerial: () => this.nowSerial(),
        locale: () => this.locale,
        rangeCache: this.rangeCache,
      },
    } as any);
    hf.addNamedExpression('TRUE', '=TRUE()');
    hf.addNamedExpression('FALSE', '=FALSE()');
    this.hf = hf;
    installCachedComparisons(hf);
    installQuotedTextParse(hf);
    attachRangeCache(hf, this.rangeCache);
    for (const sh of this.sheets) {
      hf.addSheet(sh.name);
      sh.hfId = hf.getSheetId(sh.name);
      if (sh.hfId !== undefined) this.byHfId.set(sh.hfId, sh);
    }
    hf.addSheet(CLOCK_SHEET);
    this.clockSheetId = hf.getSheetId(CLOCK_SHEET)!;
    hf.addSheet(SCRATCH_SHEET);
    this.scratchId = hf.getSheetId(SCRATCH_SHEET)!;
    for (const [name, t] of this.namedRanges) this.syncNamedExpression(name, t);
    this.bump();
    return hf;
  }

  /** The engine, inside a batch: what is written now is evaluated together at the next read. */
  private hfw(): HyperFormula {
    const hf = this.engine();
    if (!hf.isEvaluationSuspended()) hf.suspendEvaluation();
    this.pending = true;
    this.epoch++;
    this.bump();
    return hf;
  }

  /** Writes engine content at (r, c) on a tab: one value or a block. */
  private hfSet(sh: SheetData, r: number, c: number, content: RawCellContent | RawCellContent[][]): void {
    this.hfw().setCellContents({ sheet: sh.hfId!, row: r, col: c }, content);
    const height = Array.isArray(content) ? content.length : 1;
    const width = Array.isArray(content) ? (content[0]?.length ?? 0) : 1;
    if (height === 0 || width === 0) return;
    const seq = ++this.writeSeq;
    sh.lastWrite = seq;
    sh.changeLog.push(seq, r, r + height - 1, c, c + width - 1);
    if (sh.changeLog.length > 5 * 256) {
      sh.logFloor = sh.changeLog[0];
      sh.changeLog.splice(0, 5);
    }
  }

  /** Engine content for a value computed by an array formula. */
  private mirror(cell: CellResult | undefined, sh: SheetData, r: number, c: number): RawCellContent {
    if (!cell || cell.v === undefined) return null;
    const v = cell.v;
    if (cell.err) return `=${v}`;
    if (typeof v === 'string') return `'${v}`;
    if (typeof v === 'number' && (cell.kind !== 'number' || isDateFormat(sh.format(r, c))))
      return new WallDate(Math.round((v - 25569) * 86_400_000)) as unknown as RawCellContent;
    return v;
  }

  /** HyperFormula content for a stored cell (an array formula's anchor and spilled cells hold its values). */
  private hfContent(sh: SheetData, r: number, c: number): RawCellContent {
    const f = sh.forms.get(r, c);
    if (f) {
      let st = sh.spills.get(r, c);
      if (!st) {
        const t = this.translate(f.text, sh);
        if (!this.isArrayFormula(t)) {
          f.hf = t;
          return t;
        }
        st = this.registerArray(sh, r, c, f);
      }
      return this.mirror(anchorValue(st), sh, r, c);
    }
    const v = sh.vals.get(r, c);
    if (v === undefined) return sh.placed.length ? this.mirror(this.spilledCell(sh, r, c), sh, r, c) : null;
    if (typeof v === 'string') return `'${v}`;
    if (typeof v === 'number' && isDateFormat(sh.format(r, c))) {
      return new WallDate(Math.round((v - 25569) * 86_400_000)) as unknown as RawCellContent;
    }
    return v;
  }

  /** The user's formula in HyperFormula's dialect: open-ended ranges bounded, tab names quoted. */
  translate(text: string, host: SheetData): string {
    return mapRefs(toEngineSyntax(text), (ref) => {
      const target = ref.sheet === undefined ? host : this.sheetByName(ref.sheet);
      // A tab that does not exist yet has the size of a new tab; the reference shows #REF! until it exists.
      const maxRows = target?.maxRows ?? 1000;
      const maxColumns = target?.maxColumns ?? 26;
      const s = ref.start;
      const e = ref.end;
      if (e && s.row !== undefined && s.col !== undefined && e.row === undefined && e.col !== undefined) {
        return formatRef({ ...ref, end: { ...e, row: maxRows - 1 } }, true);
      }
      if (e && s.col !== undefined && s.row !== undefined && e.col === undefined && e.row !== undefined) {
        return formatRef({ ...ref, end: { ...e, col: maxColumns - 1 } }, true);
      }
      return ref.sheet !== undefined ? formatRef(ref, true) : undefined;
    });
  }

  /** Feeds HyperFormula the columns a formula on `host` reads (whole tabs for row ranges and named ranges). */
  private loadDependencies(text: string, host: SheetData): void {
    for (const ref of listRefs(text)) {
      const target = ref.sheet === undefined ? host : this.sheetByName(ref.sheet);
      if (!target) continue;
      const c0 = ref.start.col;
      const c1 = ref.end ? ref.end.col : ref.start.col;
      if (c0 === undefined || c1 === undefined) this.loadSheet(target);
      else this.loadColumns(target, Math.min(c0, c1), Math.max(c0, c1));
    }
    for (const [name, t] of this.namedRanges) if (mentionsName(text, name)) this.loadColumns(t.sheet, t.c0, t.c1);
  }

  private loadSheet(sh: SheetData): void {
    if (sh.hfAll) return;
    const lastCol = Math.max(sh.vals.lastColumn(), sh.forms.lastColumn(), 0);
    sh.hfAll = true;
    this.loadColumnsRaw(sh, 0, lastCol);
  }

  private loadColumns(sh: SheetData, c0: number, c1: number): void {
    if (sh.hfAll) return;
    const last = Math.min(c1, Math.max(sh.vals.lastColumn(), sh.forms.lastColumn(), this.spillRight(sh)));
    let start = -1;
    for (let c = c0; c <= c1 + 1; c++) {
      const need = c <= c1 && !sh.hfCols[c];
      if (need && start < 0) start = c;
      if (!need && start >= 0) {
        for (let k = start; k < c; k++) sh.hfCols[k] = true;
        if (start <= last) this.loadColumnsRaw(sh, start, Math.min(c - 1, last));
        start = -1;
      }
    }
  }

  private loadColumnsRaw(sh: SheetData, c0: number, c1: number): void {
    this.engine();
    if (sh.hfId === undefined) return;
    const lastRow = Math.max(sh.vals.lastRow(), sh.forms.lastRow(), this.spillBottom(sh));
    if (lastRow < 0) return;
    const block: RawCellContent[][] = [];
    for (let r = 0; r <= lastRow; r++) {
      const row: RawCellContent[] = [];
      for (let c = c0; c <= c1; c++) row.push(this.hfContent(sh, r, c));
      block.push(row);
    }
    this.hfSet(sh, 0, c0, block);
  }

  /** Whether the engine holds the whole column (formula cells it always holds). */
  private colLoaded(sh: SheetData, c: number): boolean {
    return sh.hfAll || sh.hfCols[c] === true;
  }

  /** Pushes a rectangle of stored content to HyperFormula where the engine holds it. */
  syncRect(sh: SheetData, r0: number, c0: number, nr: number, nc: number): void {
    if (!this.hf || sh.hfId === undefined || nr <= 0 || nc <= 0) return;
    this.touch(sh, r0, c0, r0 + nr - 1, c0 + nc - 1);
    // Contiguous runs of loaded columns go in one call each.
    let c = c0;
    while (c < c0 + nc) {
      if (!this.colLoaded(sh, c)) {
        c++;
        continue;
      }
      let e = c;
      while (e + 1 < c0 + nc && this.colLoaded(sh, e + 1)) e++;
      const block: RawCellContent[][] = [];
      for (let r = r0; r < r0 + nr; r++) {
        const row: RawCellContent[] = [];
        for (let k = c; k <= e; k++) row.push(this.hfContent(sh, r, k));
        block.push(row);
      }
      this.hfSet(sh, r0, c, block);
      c = e + 1;
    }
    if (sh.hfAll) return;
    // Elsewhere the engine holds formula cells only (and forgets cells that stopped being formulas).
    const last = Math.min(r0 + nr, Math.max(sh.forms.rows.length, sh.hfLoose.rows.length));
    for (let r = r0; r < last; r++) {
      const fr = sh.forms.rows[r];
      const lr = sh.hfLoose.rows[r];
      if (!fr && !lr) continue;
      for (let k = c0; k < c0 + nc; k++) {
        const has = fr?.[k] !== undefined;
        if ((!has && !lr?.[k]) || this.colLoaded(sh, k)) continue;
        this.hfSet(sh, r, k, has ? this.hfContent(sh, r, k) : null);
        sh.hfLoose.set(r, k, has ? true : undefined);
      }
    }
  }

  /**
   * After number formats changed: re-sends the cells whose engine content depends on the format (values, shown as
   * dates or numbers, and array results); a formula cell's engine content is its text whatever the format, so it is
   * not parsed again. Runs of such cells in a column go in one call each.
   */
  syncFormats(sh: SheetData, r0: number, c0: number, nr: number, nc: number): void {
    if (!this.hf || sh.hfId === undefined || nr <= 0 || nc <= 0) return;
    if (sh.formulaCount === 0) {
      this.syncRect(sh, r0, c0, nr, nc);
      return;
    }
    this.touch(sh, r0, c0, r0 + nr - 1, c0 + nc - 1);
    const plainFormula = (r: number, c: number) => sh.forms.get(r, c) !== undefined && !sh.spills.get(r, c);
    for (let c = c0; c < c0 + nc; c++) {
      const loaded = this.colLoaded(sh, c);
      let start = -1;
      for (let r = r0; r <= r0 + nr; r++) {
        // Unloaded columns: the engine holds their formula cells only (array anchors among them).
        const send =
          r < r0 + nr &&
          (loaded
            ? !plainFormula(r, c) && (sh.vals.get(r, c) !== undefined || sh.placed.length > 0 || !!sh.spills.get(r, c))
            : sh.spills.get(r, c) !== undefined);
        if (send && start < 0) start = r;
        if (!send && start >= 0) {
          const block: RawCellContent[][] = [];
          for (let k = start; k < r; k++) block.push([this.hfContent(sh, k, c)]);
          this.hfSet(sh, start, c, block);
          start = -1;
        }
      }
    }
  }

  /** Re-sends formulas whose HyperFormula text changed (after tab renames, resizes, row/column changes). */
  resyncFormulas(only?: { sheet?: SheetData; name?: string }): void {
    if (!this.hf) return;
    const sends: Array<[SheetData, number, number]> = [];
    const name = only?.name ?? only?.sheet?.name;
    this.eachFormula((sh, r, c, f) => {
      if (sh.hfId === undefined) return;
      // Only formulas on the changed tab or naming it can read differently (and those never sent).
      if (name !== undefined && f.hf !== undefined && sh !== only?.sheet && !mentionsTab(f.text, name)) return;
      const st = sh.spills.get(r, c);
      if (st) {
        if (this.setArrayText(sh, st, f)) this.loadDependencies(f.text, sh);
        return;
      }
      if (this.translate(f.text, sh) !== f.hf) {
        this.loadDependencies(f.text, sh);
        sends.push([sh, r, c]);
      }
    });
    for (const [sh, r, c] of sends) {
      this.hfSet(sh, r, c, this.hfContent(sh, r, c));
      if (!this.colLoaded(sh, c)) sh.hfLoose.set(r, c, true);
    }
  }

  eachFormula(fn: (sh: SheetData, r: number, c: number, f: FormulaCell) => void): void {
    for (const sh of this.sheets) {
      if (sh.formulaCount === 0) continue;
      const rows = sh.forms.rows;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        if (!row) continue;
        for (let c = 0; c < row.length; c++) {
          const f = row[c];
          if (f) fn(sh, r, c, f);
        }
      }
    }
  }

  syncNamedExpression(name: string, t: TrackedRange | undefined): void {
    if (!this.hf) return;
    const hf = this.hfw();
    this.parseVersion++;
    const exists = hf.listNamedExpressions().some((n) => n.toLowerCase() === name.toLowerCase());
    for (const st of this.arrays.keys()) if (mentionsName(st.text, name)) st.dirty = true;
    if (!t) {
      if (exists) hf.removeNamedExpression(name);
      return;
    }
    const expr = `=${quoteSheetName(t.sheet.name).startsWith("'") ? quoteSheetName(t.sheet.name) : `'${t.sheet.name}'`}!${absA1(t)}`;
    if (exists) hf.changeNamedExpression(name, expr);
    else hf.addNamedExpression(name, expr);
  }

  /**
   * Before cells are read: volatile formulas (TODAY/NOW) recomputed when the workbook clock moved, then what is pending
   * evaluated and array results placed. A read of one tab without formulas
   * skips that: nothing pending can change what such a tab holds (results land on their formula's own tab), so a
   * script writing and reading plain tabs never waits for formula tabs it does not read.
   */
  beforeRead(sh?: SheetData): void {
    if (sh && sh.formulaCount === 0 && sh.placed.length === 0 && sh.spills.rows.length === 0) return;
    if (this.hf && this.hasVolatile) {
      const stamp = Math.floor(this.nowMs() / 1000);
      // INDIRECT reads cells the engine does not link it to: one more pass after a change settles what it read.
      if (stamp !== this.clockStamp || (this.readsAnyTab && this.settledVersion !== this.hfVersion)) {
        this.clockStamp = stamp;
        this.hfw().setCellContents({ sheet: this.clockSheetId, row: 0, col: 0 }, stamp);
        this.settledVersion = this.hfVersion;
      }
    }
    this.settle();
  }

  // ---------- array results ----------

  /** Whether the engine would give this formula an array result (asked once per formula text). */
  private isArrayFormula(t: string): boolean {
    let kind = this.arrayKinds.get(t);
    if (kind === undefined) {
      kind = predictsArray(this.engine(), t, this.scratchId);
      if (this.arrayKinds.size > 5000) this.arrayKinds.clear();
      this.arrayKinds.set(t, kind);
    }
    return kind;
  }

  private registerArray(sh: SheetData, r: number, c: number, f: FormulaCell): SpillState {
    const st: SpillState = {
      r,
      c,
      text: '',
      deps: [],
      dynamic: false,
      dirty: true,
      result: [[{ v: undefined, kind: 'number' }]],
      placed: false,
      hfRows: 1,
      hfCols: 1,
    };
    this.setArrayText(sh, st, f);
    sh.spills.set(r, c, st);
    this.arrays.set(st, sh);
    f.hf = undefined;
    this.pending = true;
    return st;
  }

  /** Sets what the engine evaluates for an array formula; true when it changed. */
  private setArrayText(sh: SheetData, st: SpillState, f: FormulaCell): boolean {
    // Evaluated away from its cell: ROW() and COLUMN() name the anchor.
    const anchor = toA1(st.r + 1, st.c + 1, 1, 1);
    const t = this.translate(f.text, sh).replace(/\b(ROW|COLUMN)\(\s*\)/gi, (_m, fn: string) => `${fn}(${anchor})`);
    if (t === st.text) return false;
    st.text = t;
    st.deps = this.depsOf(t, sh);
    st.dynamic = DYNAMIC.test(t);
    st.clock = CLOCK_SECOND.test(t) ? 'second' : CLOCK_DAY.test(t) ? 'day' : undefined;
    st.dirty = true;
    this.pending = true;
    return true;
  }

  /** The rectangles a formula reads. */
  private depsOf(text: string, host: SheetData): DepRect[] {
    const out: DepRect[] = [];
    for (const ref of listRefs(text)) {
      const s = ref.start;
      const e = ref.end ?? ref.start;
      out.push({
        sheet: ref.sheet ?? host.name,
        r0: s.row === undefined || e.row === undefined ? 0 : Math.min(s.row, e.row),
        r1: s.row === undefined || e.row === undefined ? Number.POSITIVE_INFINITY : Math.max(s.row, e.row),
        c0: s.col === undefined || e.col === undefined ? 0 : Math.min(s.col, e.col),
        c1: s.col === undefined || e.col === undefined ? Number.POSITIVE_INFINITY : Math.max(s.col, e.col),
      });
    }
    for (const [name, t] of this.namedRanges)
      if (t.alive && mentionsName(text, name))
        out.push({ sheet: t.sheet.name, r0: t.r0, c0: t.c0, r1: t.r1, c1: t.c1 });
    return out;
  }

  /** Forgets the array formula anchored at (r, c), if any, and takes its spilled values out of the engine. */
  private dropArray(sh: SheetData, r: number, c: number): void {
    const st = sh.spills.get(r, c);
    if (!st) return;
    sh.spills.set(r, c, undefined);
    this.arrays.delete(st);
    const wasPlaced = st.placed;
    st.placed = false;
    sh.placed = sh.placed.filter((x) => x !== st);
    if (wasPlaced || st.hfRows > 1 || st.hfCols > 1) {
      this.writeMirrors(sh, r, c, st.hfRows, st.hfCols, true);
      this.touch(sh, r, c, r + st.hfRows - 1, c + st.hfCols - 1);
    }
  }

  /** Notes changed stored content: array formulas reading it re-evaluate, spills it blocks or frees re-place. */
  private touch(sh: SheetData, r0: number, c0: number, r1: number, c1: number): void {
    if (this.arrays.size === 0) return;
    this.touched.push({ sh, r0, c0, r1, c1 });
    this.pending = true;
  }

  /** Evaluates what the engine holds and places array results. Every read of a computed value comes here first. */
  settle(): void {
    if (!this.pending || this.settling || !this.hf) return;
    const hf = this.hf;
    this.settling = true;
    try {
      for (let round = 0; ; round++) {
        const changes = hf.isEvaluationSuspended() ? hf.resumeEvaluation() : [];
        const touched = this.touched;
        this.touched = [];
        if (this.arrays.size === 0) break;
        const work = this.arraysToUpdate(changes, touched, round === 0);
        if (work.length === 0) break;
        if (round >= 50) {
          // Array results feeding each other in a circle never settle: Sheets shows #REF! for them.
          for (const [st, sh] of work) {
            st.raw = undefined;
            st.result = '#REF!';
            st.dirty = false;
            this.place(st, sh);
          }
          if (hf.isEvaluationSuspended()) hf.resumeEvaluation();
          this.touched = [];
          break;
        }
        // Evaluate first (the engine is current), then place: placing writes values, a new batch. A result that
        // came out the same is placed again only when cells of its area changed.
        const place: Array<[SpillState, SheetData]> = [];
        for (const [st, sh, areaTouched] of work) {
          let changed = areaTouched;
          if (st.dirty) {
            st.clockAt = this.clockReading(st);
            const out = evaluateArray(hf, st, sh.hfId!, this.parseVersion);
            st.result = out.result;
            st.cause = out.cause;
            st.dirty = false;
            changed ||= out.changed;
          }
          if (changed) place.push([st, sh]);
        }
        for (const [st, sh] of place) this.place(st, sh);
        if (!hf.isEvaluationSuspended() && this.touched.length === 0) break;
      }
    } finally {
      this.settling = false;
      this.pending = false;
    }
  }

  /** The array formulas a round must re-evaluate (inputs changed) or re-place (their area changed), in grid order. */
  private arraysToUpdate(
    changes: unknown[],
    touched: Array<{ sh: SheetData; r0: number; c0: number; r1: number; c1: number }>,
    firstRound: boolean,
  ): Array<[SpillState, SheetData, boolean]> {
    const cells = new Map<string, Array<[number, number]>>();
    for (const ch of changes) {
      const a = (ch as { address?: { sheet: number; row: number; col: number } }).address;
      if (!a) continue;
      const s = this.byHfId.get(a.sheet);
      if (!s) continue;
      const list = cells.get(s.name);
      if (list) list.push([a.row, a.col]);
      else cells.set(s.name, [[a.row, a.col]]);
    }
    const work: Array<[SpillState, SheetData, boolean]> = [];
    for (const [st, sh] of this.arrays) {
      if (!st.dirty && ((firstRound && st.dynamic) || this.clockMoved(st) || this.depsHit(st, touched, cells)))
        st.dirty = true;
      // A new array (never evaluated) is placed whatever its result.
      const { rows, cols } = resultSize(st);
      const r1 = st.r + Math.max(rows, st.hfRows) - 1;
      const c1 = st.c + Math.max(cols, st.hfCols) - 1;
      const area =
        !st.raw || touched.some((t) => t.sh === sh && t.r0 <= r1 && st.r <= t.r1 && t.c0 <= c1 && st.c <= t.c1);
      if (st.dirty || area) work.push([st, sh, area]);
    }
    const order = new Map(this.sheets.map((s, i) => [s, i]));
    work.sort(([a, sa], [b, sb]) => (order.get(sa) ?? 0) - (order.get(sb) ?? 0) || a.r - b.r || a.c - b.c);
    return work;
  }

  /** The clock reading an array formula depends on, as it is now. */
  private clockReading(st: SpillState): number | undefined {
    if (st.clock === 'second') return Math.floor(this.nowMs() / 1000);
    if (st.clock === 'day') return Math.floor(this.nowSerial());
    return undefined;
  }

  private clockMoved(st: SpillState): boolean {
    return st.clock !== undefined && st.clockAt !== this.clockReading(st);
  }

  private depsHit(
    st: SpillState,
    touched: Array<{ sh: SheetData; r0: number; c0: number; r1: number; c1: number }>,
    cells: Map<string, Array<[number, number]>>,
  ): boolean {
    for (const d of st.deps) {
      for (const t of touched) if (t.sh.name === d.sheet && intersects(d, t.r0, t.c0, t.r1, t.c1)) return true;
      const list = cells.get(d.sheet);
      if (list) for (const [r, c] of list) if (r >= d.r0 && r <= d.r1 && c >= d.c0 && c <= d.c1) return true;
    }
    return false;
  }

  /** Puts an array result into the grid, or shows #REF! at the anchor when it cannot spill. */
  private place(st: SpillState, sh: SheetData): void {
    const { rows, cols } = resultSize(st);
    const wasPlaced = st.placed;
    const before = `${st.placed}:${st.hfRows}:${st.hfCols}:${st.error ?? ''}`;
    st.error = undefined;
    st.message = undefined;
    if (rows > 1 || cols > 1) {
      if (st.r + rows > sh.maxRows || st.c + cols > sh.maxColumns) {
        st.error = '#REF!';
        st.message = tooLongMessage(st.r + rows - sh.maxRows, st.c + cols - sh.maxColumns);
      } else if (
        st.deps.some((d) => d.sheet === sh.name && intersects(d, st.r, st.c, st.r + rows - 1, st.c + cols - 1))
      ) {
        st.error = '#REF!';
        st.message = 'Circular dependency detected. To resolve with iterative calculation, see File > Settings.';
      } else {
        const hit = this.blocker(sh, st, rows, cols);
        if (hit) {
          st.error = '#REF!';
          st.message = blockedMessage(hit[0], hit[1]);
        }
      }
    }
    st.placed = !st.error && (rows > 1 || cols > 1);
    if (st.placed !== wasPlaced) {
      sh.placed = sh.placed.filter((x) => x !== st);
      if (st.placed) sh.placed.push(st);
    }
    const newRows = st.placed ? rows : 1;
    const newCols = st.placed ? cols : 1;
    const spanRows = Math.max(st.hfRows, newRows);
    const spanCols = Math.max(st.hfCols, newCols);
    st.hfRows = newRows;
    st.hfCols = newCols;
    this.writeMirrors(sh, st.r, st.c, spanRows, spanCols, false);
    // A changed footprint frees or takes cells other spills may want.
    if (before !== `${st.placed}:${st.hfRows}:${st.hfCols}:${st.error ?? ''}`)
      this.touch(sh, st.r, st.c, st.r + spanRows - 1, st.c + spanCols - 1);
  }

  /** The first cell of the would-be spill area (anchor aside) holding data or another spill, if any. */
  private blocker(sh: SheetData, st: SpillState, rows: number, cols: number): [number, number] | undefined {
    for (let r = st.r; r < st.r + rows; r++) {
      const vr = sh.vals.rows[r];
      const fr = sh.forms.rows[r];
      if (!vr && !fr) continue;
      for (let c = st.c; c < st.c + cols; c++) {
        if (r === st.r && c === st.c) continue;
        if (vr?.[c] !== undefined || fr?.[c] !== undefined) return [r, c];
      }
    }
    for (const o of sh.placed) {
      if (o === st) continue;
      const { rows: orows, cols: ocols } = resultSize(o);
      const r0 = Math.max(st.r, o.r);
      const c0 = Math.max(st.c, o.c);
      if (r0 <= Math.min(st.r + rows, o.r + orows) - 1 && c0 <= Math.min(st.c + cols, o.c + ocols) - 1) return [r0, c0];
    }
    return undefined;
  }

  /** Rewrites the engine's copy of an array's area (anchor and loaded columns) from the current placement. */
  private writeMirrors(sh: SheetData, r0: number, c0: number, nr: number, nc: number, skipAnchor: boolean): void {
    if (!this.hf || sh.hfId === undefined) return;
    if (!skipAnchor) {
      this.hfSet(sh, r0, c0, this.hfContent(sh, r0, c0));
      if (!this.colLoaded(sh, c0)) sh.hfLoose.set(r0, c0, true);
    }
    for (let c = c0; c < c0 + nc; c++) {
      if (!this.colLoaded(sh, c)) continue;
      const top = c === c0 ? r0 + 1 : r0;
      if (top > r0 + nr - 1) continue;
      const block: RawCellContent[][] = [];
      for (let r = top; r < r0 + nr; r++) block.push([this.hfContent(sh, r, c)]);
      this.hfSet(sh, top, c, block);
    }
  }

  /** The spilled value at a cell that is not an anchor, if a placed array covers it. */
  private spilledCell(sh: SheetData, r: number, c: number): CellResult | undefined {
    for (const st of sh.placed) {
      if (r < st.r || c < st.c || (r === st.r && c === st.c) || typeof st.result === 'string') continue;
      const row = st.result[r - st.r];
      if (row && c - st.c < row.length) return row[c - st.c];
    }
    return undefined;
  }

  /** Bottom row / right column reached by placed spills (0-based), or -1. */
  private spillBottom(sh: SheetData): number {
    let b = -1;
    for (const st of sh.placed) b = Math.max(b, st.r + resultSize(st).rows - 1);
    return b;
  }

  private spillRight(sh: SheetData): number {
    let b = -1;
    for (const st of sh.placed) b = Math.max(b, st.c + resultSize(st).cols - 1);
    return b;
  }

  /** Re-reads anchor positions after rows or columns moved, dropping anchors whose cells are gone. */
  private rebuildArrays(sh: SheetData): void {
    const seen = new Set<SpillState>();
    const rows = sh.spills.rows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const st = row[c];
        if (!st) continue;
        st.r = r;
        st.c = c;
        seen.add(st);
      }
    }
    for (const [st, s] of this.arrays) if (s === sh && !seen.has(st)) this.arrays.delete(st);
    sh.placed = sh.placed.filter((st) => seen.has(st));
  }

  /** Takes every spill of a tab out of the grid and the engine (before rows or columns move under them). */
  private unplaceAll(sh: SheetData): void {
    for (const [st, s] of this.arrays) {
      if (s !== sh || (!st.placed && st.hfRows === 1 && st.hfCols === 1)) continue;
      const nr = st.hfRows;
      const nc = st.hfCols;
      st.placed = false;
      sh.placed = sh.placed.filter((x) => x !== st);
      st.hfRows = 1;
      st.hfCols = 1;
      st.dirty = true;
      this.writeMirrors(sh, st.r, st.c, nr, nc, true);
    }
  }

  /** RangeCache: ranges holding formulas (or on tabs the workbook does not know) change with every engine write. */
  private volatileStamp(id: number, r0: number, c0: number, r1: number, c1: number): string | undefined {
    const sh = this.byHfId.get(id);
    if (!sh || c1 - c0 > 64 || this.hasFormulas(sh, r0, c0, r1, c1)) return `e${this.epoch}`;
    return undefined;
  }

  /** Moves the tab's write log through a row/column change, as the engine moves the cells. */
  private shiftLog(sh: SheetData, dim: 'row' | 'col', change: DimensionChange): void {
    if (change.kind === 'move') {
      sh.changeLog = [];
      sh.logFloor = this.writeSeq;
      return;
    }
    const log = sh.changeLog;
    const out: number[] = [];
    const at = dim === 'row' ? 1 : 3;
    for (let k = 0; k < log.length; k += 5) {
      const span = mapSpan(log[k + at], log[k + at + 1], change);
      if (!span) continue;
      const rec = log.slice(k, k + 5);
      rec[at] = span[0];
      rec[at + 1] = span[1];
      out.push(...rec);
    }
    sh.changeLog = out;
  }

  /** RangeCache: row spans of a rectangle written since a write number, or undefined when that is forgotten. */
  private changedRows(
    id: number,
    since: number,
    r0: number,
    c0: number,
    r1: number,
    c1: number,
  ): Array<[number, number]> | undefined {
    const sh = this.byHfId.get(id);
    if (!sh || since < sh.logFloor) return undefined;
    const log = sh.changeLog;
    const out: Array<[number, number]> = [];
    for (let k = 0; k < log.length; k += 5) {
      if (log[k] <= since || log[k + 1] > r1 || log[k + 2] < r0 || log[k + 3] > c1 || log[k + 4] < c0) continue;
      out.push([Math.max(r0, log[k + 1]), Math.min(r1, log[k + 2])]);
    }
    return out;
  }

  private hasFormulas(sh: SheetData, r0: number, c0: number, r1: number, c1: number): boolean {
    if (sh.formulaCount === 0) return false;
    const rows = sh.forms.rows;
    const end = Math.min(r1, rows.length - 1);
    for (let r = r0; r <= end; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = c0; c <= c1 && c < row.length; c++) if (row[c]) return true;
    }
    return false;
  }

  // ---------- cell content ----------

  /** Stores a formula (text starting with '='). */
  setFormulaText(sh: SheetData, r: number, c: number, text: string): void {
    const had = sh.forms.get(r, c);
    if (!had) sh.formulaCount++;
    sh.forms.set(r, c, { text });
    sh.vals.set(r, c, undefined);
    this.dropArray(sh, r, c);
    if (/\b(TODAY|NOW|RAND|RANDBETWEEN|INDIRECT)\s*\(/i.test(text)) this.hasVolatile = true;
    this.engine();
    if (!this.readsAnyTab && /\bINDIRECT\s*\(/i.test(text)) {
      this.readsAnyTab = true;
      for (const s of this.sheets) this.loadSheet(s);
    }
    // The engine holds the formula cell itself (syncRect) and the columns it reads.
    this.loadDependencies(text, sh);
  }

  setValueRaw(sh: SheetData, r: number, c: number, v: Scalar | undefined): void {
    if (sh.forms.get(r, c)) {
      sh.forms.set(r, c, undefined);
      sh.formulaCount--;
      this.dropArray(sh, r, c);
    }
    sh.vals.set(r, c, v);
  }

  /**
   * Writes one script/user value with Sheets semantics: Dates become serials with a date format, strings are read
   * as typed input in the locale (apostrophe and '@' keep text), '=' starts a formula.
   */
  writeCell(sh: SheetData, r: number, c: number, x: unknown, mode: WriteMode): void {
    if (x === null || x === undefined || x === '') {
      this.setValueRaw(sh, r, c, undefined);
      return;
    }
    if (typeof x === 'number') {
      this.setValueRaw(sh, r, c, Number.isFinite(x) ? x : String(x));
      return;
    }
    if (typeof x === 'boolean') {
      this.setValueRaw(sh, r, c, x);
      return;
    }
    if (isDateObject(x)) {
      const ms = x.getTime();
      if (Number.isNaN(ms)) {
        this.setValueRaw(sh, r, c, 'Invalid Date');
        return;
      }
      const serial = dateToSerial(ms, this.timeZone);
      this.setValueRaw(sh, r, c, serial);
      if (!isDateFormat(sh.format(r, c))) {
        const info = localeInfo(this.locale);
        sh.fmts.set(r, c, serial % 1 === 0 ? info.dateFormat : info.dateTimeFormat);
      }
      return;
    }
    const s = typeof x === 'string' ? x : String(x);
    const fmt = sh.format(r, c);
    void mode;
    if (s.startsWith('=') && s.length > 1 && fmt !== '@') {
      this.setFormulaText(sh, r, c, s);
      return;
    }
    if (s.startsWith("'")) {
      this.setValueRaw(sh, r, c, s.slice(1) === '' ? undefined : s.slice(1));
      return;
    }
    if (fmt === '@') {
      this.setValueRaw(sh, r, c, s);
      return;
    }
    const parsed = parseTypedInput(s, this.locale, () => this.currentYear());
    this.setValueRaw(sh, r, c, parsed.value);
    if (parsed.format && !fmt) {
      sh.fmts.set(r, c, parsed.format);
    }
  }

  /** Writes a block of values (setValues/appendRow/paste); then feeds the engine once. */
  writeBlock(sh: SheetData, r0: number, c0: number, data: unknown[][], mode: WriteMode): void {
    const nr = data.length;
    const nc = nr ? data[0].length : 0;
    // A formula using what the emulator does not compute is refused before anything is written.
    for (let i = 0; i < nr; i++)
      for (let j = 0; j < nc; j++) {
        const x = data[i][j];
        if (typeof x === 'string' && x.charCodeAt(0) === 61 && x.length > 1 && sh.format(r0 + i, c0 + j) !== '@')
          assertFormulaEmulated(x);
      }
    const plainSheet = sh.formulaCount === 0;
    for (let i = 0; i < nr; i++) {
      const src = data[i];
      const r = r0 + i;
      // Fast paths (tab without formulas): numbers, booleans and words go straight into the grid.
      let row = sh.vals.rows[r];
      for (let j = 0; j < nc; j++) {
        const x = src[j];
        const t = typeof x;
        if (plainSheet) {
          let direct = false;
          if (t === 'number') direct = Number.isFinite(x as number);
          else if (t === 'boolean') direct = true;
          else if (t === 'string') {
            // Text that starts with a letter reads as itself (TRUE/FALSE aside) whatever the cell format.
            const code = (x as string).charCodeAt(0);
            direct =
              ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0x400 && code <= 0x4ff)) &&
              !WORD_VALUES.test(x as string);
          }
          if (direct) {
            if (!row) {
              row = [];
              sh.vals.rows[r] = row;
            }
            row[c0 + j] = x as Scalar;
            continue;
          }
        }
        this.writeCell(sh, r, c0 + j, x, mode);
        row = sh.vals.rows[r];
      }
    }
    this.syncRect(sh, r0, c0, nr, nc);
  }

  clearContents(sh: SheetData, r0: number, c0: number, nr: number, nc: number): void {
    if (sh.formulaCount > 0) {
      for (let r = r0; r < r0 + nr; r++) {
        const row = sh.forms.rows[r];
        if (!row) continue;
        for (let c = c0; c < Math.min(row.length, c0 + nc); c++) {
          if (row[c]) {
            row[c] = undefined;
            sh.formulaCount--;
            this.dropArray(sh, r, c);
          }
        }
      }
    }
    sh.vals.clearRect(r0, c0, nr, nc);
    const lastRow = Math.min(r0 + nr, Math.max(sh.vals.rows.length, sh.forms.rows.length));
    this.syncRect(sh, r0, c0, Math.max(0, lastRow - r0), nc);
  }

  // ---------- reading ----------

  /** The engine's value for a cell it holds. */
  private engineValue(sh: SheetData, r: number, c: number): { v: Scalar | undefined; kind: ValueKind } {
    const addr = { sheet: sh.hfId!, row: r, col: c };
    const v = this.hf!.getCellValue(addr);
    if (v === null || v === undefined) return { v: undefined, kind: 'number' };
    if (v instanceof DetailedCellError) {
      const notEmulated = notEmulatedMessage(v);
      if (notEmulated) throw new Error(notEmulated);
      return { v: HF_ERRORS[v.type] ?? '#ERROR!', kind: 'number' };
    }
    if (typeof v === 'number') {
      const t = this.hf!.getCellValueDetailedType(addr) as CellValueDetailedType;
      const kind: ValueKind =
        t === 'NUMBER_DATE' ? 'date' : t === 'NUMBER_DATETIME' ? 'datetime' : t === 'NUMBER_TIME' ? 'time' : 'number';
      return { v, kind };
    }
    return { v: v as Scalar, kind: 'number' };
  }

  /** Computed content of a cell: stored value, formula result, or spilled array element. */
  computed(sh: SheetData, r: number, c: number): { v: Scalar | undefined; kind: ValueKind } {
    if (this.pending) this.settle();
    if (sh.formulaCount > 0 && sh.forms.get(r, c) && sh.hfId !== undefined && this.hf) {
      const st = sh.spills.get(r, c);
      if (!st) return this.engineValue(sh, r, c);
      if (st.cause !== undefined && typeof st.result === 'string') {
        const notEmulated = notEmulatedMessage(st.cause as CellError);
        if (notEmulated) throw new Error(notEmulated);
      }
      const a = anchorValue(st);
      return { v: a.v, kind: a.kind };
    }
    const v = sh.vals.get(r, c);
    if (v !== undefined) return { v, kind: 'number' };
    if (sh.placed.length) {
      const s = this.spilledCell(sh, r, c);
      if (s) return { v: s.v, kind: s.kind };
    }
    return { v: undefined, kind: 'number' };
  }

  /** Whether a numeric computed value is shown as a date. */
  isDateCell(sh: SheetData, r: number, c: number, kind: ValueKind): boolean {
    const f = sh.format(r, c);
    return f ? isDateFormat(f) : kind !== 'number';
  }

  /** Value as getValues returns it. */
  scriptValue(sh: SheetData, r: number, c: number): unknown {
    const { v, kind } = this.computed(sh, r, c);
    if (v === undefined) return '';
    if (typeof v === 'number' && this.isDateCell(sh, r, c, kind)) return new Date(serialToDate(v, this.timeZone));
    return v;
  }

  /** Block read for getValues: a tight loop for tabs without formulas. */
  readValues(sh: SheetData, r0: number, c0: number, nr: number, nc: number): unknown[][] {
    this.beforeRead(sh);
    const out: unknown[][] = new Array(nr);
    const plain = sh.formulaCount === 0;
    const tz = this.timeZone;
    for (let i = 0; i < nr; i++) {
      const r = r0 + i;
      const row = sh.vals.rows[r];
      const fmtRow = sh.fmts.rows[r];
      const line: unknown[] = new Array(nc);
      for (let j = 0; j < nc; j++) {
        const c = c0 + j;
        if (plain) {
          const v = row === undefined ? undefined : row[c];
          if (v === undefined) line[j] = '';
          else if (typeof v === 'number' && fmtRow !== undefined && fmtRow[c] !== undefined && isDateFormat(fmtRow[c]))
            line[j] = new Date(serialToDate(v, tz));
          else line[j] = v;
        } else line[j] = this.scriptValue(sh, r, c);
      }
      out[i] = line;
    }
    return out;
  }

  displayValue(sh: SheetData, r: number, c: number): string {
    const { v, kind } = this.computed(sh, r, c);
    if (v === undefined) return '';
    const f = sh.format(r, c);
    return formatValue(v, f, this.locale, f ? 'number' : kind);
  }

  readDisplay(sh: SheetData, r0: number, c0: number, nr: number, nc: number): string[][] {
    this.beforeRead(sh);
    const out: string[][] = [];
    for (let i = 0; i < nr; i++) {
      const line: string[] = [];
      for (let j = 0; j < nc; j++) line.push(this.displayValue(sh, r0 + i, c0 + j));
      out.push(line);
    }
    return out;
  }

  /** Evaluates a formula in the context of a tab without storing it (custom validation rules). */
  evaluateFormula(text: string, sh: SheetData): unknown {
    const hf = this.engine();
    this.loadDependencies(text, sh);
    this.settle();
    if (sh.hfId === undefined) return undefined;
    const t = this.translate(text.startsWith('=') ? text : `=${text}`, sh);
    const v = hf.calculateFormula(t, sh.hfId);
    if (v instanceof DetailedCellError) {
      const notEmulated = notEmulatedMessage(v);
      if (notEmulated) throw new Error(notEmulated);
      return HF_ERRORS[v.type] ?? '#ERROR!';
    }
    return Array.isArray(v) ? v[0]?.[0] : v;
  }

  formulaText(sh: SheetData, r: number, c: number): string {
    return sh.forms.get(r, c)?.text ?? '';
  }

  /** What Sheets tells about a cell showing #REF! because its array result could not spill, if it does. */
  spillMessage(sh: SheetData, r: number, c: number): string | undefined {
    if (this.pending) this.settle();
    return sh.spills.get(r, c)?.message;
  }

  /** 0-based index of the last row with content (spilled values count), or -1. */
  lastRow(sh: SheetData): number {
    if (this.pending && sh.spills.rows.length) this.settle();
    return Math.max(sh.vals.lastRow(), sh.forms.lastRow(), this.spillBottom(sh));
  }

  lastColumn(sh: SheetData): number {
    if (this.pending && sh.spills.rows.length) this.settle();
    return Math.max(sh.vals.lastColumn(), sh.forms.lastColumn(), this.spillRight(sh));
  }

  // ---------- structure ----------

  /** Applies a row or column change to one tab and everything that points into it. */
  structural(sh: SheetData, dim: 'row' | 'col', change: DimensionChange): void {
    // Spills re-place after the change (Sheets re-expands them from their anchors).
    this.unplaceAll(sh);
    const layers = sh.layers();
    const inheritFrom = change.kind === 'insert' ? (change.at > 0 ? change.at - 1 : undefined) : undefined;
    const formatLayers = new Set(sh.formatLayers());
    for (const l of layers) {
      const inherit = formatLayers.has(l) ? inheritFrom : undefined;
      if (dim === 'row') {
        if (change.kind === 'insert') l.insertRows(change.at, change.count, inherit);
        else if (change.kind === 'delete') l.deleteRows(change.at, change.count);
        else l.moveRows(change.from, change.count, change.dest);
      } else if (change.kind === 'insert') l.insertColumns(change.at, change.count, inherit);
      else if (change.kind === 'delete') l.deleteColumns(change.at, change.count);
      else l.moveColumns(change.from, change.count, change.dest);
    }
    // Rows/columns inserted or deleted inside the frozen band grow or shrink it, as in Sheets.
    const frozenKey = dim === 'row' ? 'frozenRows' : 'frozenColumns';
    if (change.kind === 'insert' && change.at < sh[frozenKey]) sh[frozenKey] += change.count;
    if (change.kind === 'delete' && change.at < sh[frozenKey])
      sh[frozenKey] -= Math.min(change.count, sh[frozenKey] - change.at);
    if (dim === 'row') {
      if (change.kind === 'insert') sh.maxRows += change.count;
      if (change.kind === 'delete') sh.maxRows -= change.count;
      sh.rowHeights = remapKeys(sh.rowHeights, change);
      sh.hiddenRows = remapSet(sh.hiddenRows, change);
    } else {
      if (change.kind === 'insert') sh.maxColumns += change.count;
      if (change.kind === 'delete') sh.maxColumns -= change.count;
      sh.columnWidths = remapKeys(sh.columnWidths, change);
      sh.hiddenColumns = remapSet(sh.hiddenColumns, change);
      const cols = sh.hfCols;
      if (change.kind === 'insert') {
        if (change.at < cols.length) cols.splice(change.at, 0, ...new Array<boolean>(change.count).fill(false));
      } else if (change.kind === 'delete') cols.splice(change.at, change.count);
      else {
        while (cols.length < change.dest) cols.push(false);
        const block = cols.splice(change.from, change.count);
        cols.splice(change.dest > change.from ? change.dest - change.count : change.dest, 0, ...block);
      }
      for (let c = 0; c < cols.length; c++) if (cols[c] === undefined) cols[c] = false;
    }
    // The formula layer moved with the grid; recount in case a delete removed formulas.
    if (change.kind === 'delete' && sh.formulaCount > 0) {
      let n = 0;
      for (const row of sh.forms.rows) if (row) for (const f of row) if (f) n++;
      sh.formulaCount = n;
    }
    // References anywhere in the workbook that point into this tab. The engine moves the references it holds the
    // same way on inserts and deletes, so its copy is adjusted alike and re-sent only where the bounds of an open
    // range ('A2:A') must follow the new tab size; after a move it is re-sent.
    this.eachFormula((host, _r, _c, f) => {
      if (host !== sh && !mentionsTab(f.text, sh.name)) return;
      const next = adjustFormula(f.text, host.name, sh.name, dim, change);
      if (next !== f.text) {
        f.text = next;
        if (change.kind === 'move') f.hf = undefined;
      }
      if (f.hf !== undefined && change.kind !== 'move') f.hf = adjustFormula(f.hf, host.name, sh.name, dim, change);
    });
    if (this.hf && sh.hfId !== undefined) {
      const id = sh.hfId;
      const hf = this.hfw();
      sh.structVersion++;
      this.parseVersion++;
      this.shiftLog(sh, dim, change);
      this.rangeCache.shift(id, dim, change, sh.structVersion);
      if (dim === 'row') {
        if (change.kind === 'insert') hf.addRows(id, [change.at, change.count]);
        else if (change.kind === 'delete') hf.removeRows(id, [change.at, change.count]);
        else hf.moveRows(id, change.from, change.count, change.dest);
      } else if (change.kind === 'insert') hf.addColumns(id, [change.at, change.count]);
      else if (change.kind === 'delete') hf.removeColumns(id, [change.at, change.count]);
      else hf.moveColumns(id, change.from, change.count, change.dest);
    }
    for (const t of this.tracked) {
      if (!t.alive || t.sheet !== sh) continue;
      if (dim === 'row') {
        if (t.openRows && change.kind !== 'move') {
          const span = mapSpan(t.r0, t.r0, change.kind === 'delete' ? change : change);
          t.r0 = span ? span[0] : change.kind === 'delete' ? change.at : t.r0;
          t.r1 = sh.maxRows - 1;
          continue;
        }
        const span = mapSpan(t.r0, t.r1, change);
        if (!span) t.alive = false;
        else [t.r0, t.r1] = span;
      } else {
        if (t.openColumns && change.kind !== 'move') {
          const span = mapSpan(t.c0, t.c0, change);
          t.c0 = span ? span[0] : change.kind === 'delete' ? change.at : t.c0;
          t.c1 = sh.maxColumns - 1;
          continue;
        }
        const span = mapSpan(t.c0, t.c1, change);
        if (!span) t.alive = false;
        else [t.c0, t.c1] = span;
      }
    }
    for (const [name, t] of this.namedRanges) {
      if (!t.alive) this.namedRanges.delete(name);
      else this.syncNamedExpression(name, t);
    }
    this.protections = this.protections.filter((p) => !p.range || p.range.alive);
    for (const listen of this.structureListeners) listen(sh, dim, change);
    const locType = dim === 'row' ? 'ROW' : 'COLUMN';
    this.metadata = this.metadata.filter((m) => {
      const loc = m.location;
      if (loc.type !== locType || loc.sheet !== sh) return true;
      const span = mapSpan(loc.start, loc.start + loc.count - 1, change);
      if (!span) return false;
      loc.start = span[0];
      loc.count = span[1] - span[0] + 1;
      return true;
    });
    this.rebuildArrays(sh);
    this.resyncFormulas({ sheet: sh });
    this.touch(sh, 0, 0, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
  }

  /** Sorts rows r0..r0+nr-1 (columns c0..c0+nc-1 move together) by keys; formulas keep relative references. */
  sortRows(
    sh: SheetData,
    r0: number,
    c0: number,
    nr: number,
    nc: number,
    specs: Array<{ column: number; ascending: boolean }>,
  ): void {
    this.beforeRead();
    const keys: unknown[][] = [];
    for (let i = 0; i < nr; i++) keys.push(specs.map((s) => this.computed(sh, r0 + i, s.column).v));
    const ranks = keys.map((row) => row.map(sortRank));
    const order = keys.map((_, i) => i);
    order.sort((a, b) => {
      for (let k = 0; k < specs.length; k++) {
        const cmp = compareRanked(keys[a][k], ranks[a][k], keys[b][k], ranks[b][k], specs[k].ascending);
        if (cmp !== 0) return cmp;
      }
      return a - b;
    });
    const wholeRows = c0 === 0 && nc >= sh.maxColumns;
    this.unplaceAll(sh);
    // The engine's own cells are rewritten below, not moved: where it holds formula cells stays as it is.
    const layers = sh.layers().filter((l) => l !== sh.hfLoose);
    for (const l of layers) {
      if (wholeRows) {
        l.permuteRows(
          r0,
          order.map((i) => r0 + i),
        );
      } else {
        const snapshot = order.map((i) => {
          const row = l.rows[r0 + i];
          return row ? row.slice(c0, c0 + nc) : [];
        });
        for (let i = 0; i < nr; i++) {
          const src = snapshot[i];
          for (let j = 0; j < nc; j++) l.set(r0 + i, c0 + j, src[j]);
        }
      }
    }
    for (let i = 0; i < nr; i++) {
      const from = order[i];
      if (from === i) continue;
      for (let j = 0; j < nc; j++) {
        const f = sh.forms.get(r0 + i, c0 + j);
        if (f) sh.forms.set(r0 + i, c0 + j, { text: offsetFormula(f.text, i - from, 0) });
      }
    }
    if (this.hf && sh.hfId !== undefined) {
      for (let i = 0; i < nr; i++)
        for (let j = 0; j < nc; j++) {
          const f = sh.forms.get(r0 + i, c0 + j);
          if (f) f.hf = undefined;
        }
      this.rebuildArrays(sh);
      for (const [st, s] of this.arrays) {
        const f = s === sh ? sh.forms.get(st.r, st.c) : undefined;
        if (f) this.setArrayText(sh, st, f);
      }
      this.syncRect(sh, r0, c0, nr, nc);
    }
    const rowMeta = this.metadata.filter(
      (m) => m.location.type === 'ROW' && m.location.sheet === sh && m.location.count === 1,
    );
    for (const m of rowMeta) {
      const loc = m.location as { start: number };
      const idx = loc.start - r0;
      if (idx >= 0 && idx < nr && wholeRows) loc.start = r0 + order.indexOf(idx);
    }
  }

  // ---------- protection ----------

  isEditor(p: ProtectionData, user: string): boolean {
    return user !== '' && (user === this.owner || p.editors.includes(user));
  }

  /** The protections (non-warning) that forbid `user` to edit any of the rectangle, if any. */
  blockingProtection(
    sh: SheetData,
    r0: number,
    c0: number,
    nr: number,
    nc: number,
    user: string,
  ): ProtectionData | undefined {
    if (user === this.owner) return undefined;
    for (const p of this.protections) {
      if (p.sheet !== sh || p.warningOnly || this.isEditor(p, user)) continue;
      if (p.type === 'RANGE') {
        if (p.range?.intersects(r0, c0, nr, nc)) return p;
        continue;
      }
      // Sheet protection: blocked unless every cell lies inside an unprotected range.
      const free = p.unprotected.filter((u) => u.alive);
      if (free.some((u) => u.r0 <= r0 && u.c0 <= c0 && u.r1 >= r0 + nr - 1 && u.c1 >= c0 + nc - 1)) continue;
      if (nr * nc <= 20_000 && free.length > 0) {
        let blocked = false;
        for (let r = r0; r < r0 + nr && !blocked; r++)
          for (let c = c0; c < c0 + nc && !blocked; c++) if (!free.some((u) => u.contains(r, c))) blocked = true;
        if (!blocked) continue;
      }
      return p;
    }
    return undefined;
  }

  /** Any protection (warning-only included) covering a cell: what Sheets' "show protected ranges" hatches. */
  coveringProtection(sh: SheetData, r: number, c: number): ProtectionData | undefined {
    for (const p of this.protections) {
      if (p.sheet !== sh) continue;
      if (
        p.type === 'RANGE' ? p.range?.intersects(r, c, 1, 1) : !p.unprotected.some((u) => u.alive && u.contains(r, c))
      )
        return p;
    }
    return undefined;
  }

  /** Throws Sheets' protection error when the current actor may not edit the rectangle. */
  assertCanEdit(sh: SheetData, r0: number, c0: number, nr: number, nc: number): void {
    if (this.protections.length === 0) return;
    if (this.blockingProtection(sh, r0, c0, nr, nc, this.hooks.context.user())) throw new Error(PROTECTED_MESSAGE);
  }

  /** Structural changes need the whole tab (sheet protection) or any touched protected range to be editable. */
  assertCanChangeStructure(sh: SheetData, dim: 'row' | 'col', at: number, count: number, removing: boolean): void {
    if (this.protections.length === 0) return;
    const user = this.hooks.context.user();
    if (user === this.owner) return;
    for (const p of this.protections) {
      if (p.sheet !== sh || p.warningOnly || this.isEditor(p, user)) continue;
      if (p.type === 'SHEET') throw new Error(PROTECTED_MESSAGE);
      if (removing && p.range) {
        const hit =
          dim === 'row'
            ? p.range.intersects(at, 0, count, sh.maxColumns)
            : p.range.intersects(0, at, sh.maxRows, count);
        if (hit) throw new Error(PROTECTED_MESSAGE);
      }
    }
  }

  // ---------- metadata ----------

  addMetadata(
    key: string,
    value: string | null,
    visibility: 'DOCUMENT' | 'PROJECT',
    location: MetadataLocation,
  ): MetadataEntry {
    const entry: MetadataEntry = { id: this.nextMetadataId, key, value, visibility, location };
    this.nextMetadataId += 7919;
    this.metadata.push(entry);
    return entry;
  }

  track(t: TrackedRange): TrackedRange {
    this.tracked.add(t);
    return t;
  }

  /** Told of every row/column change after the grid moved (conditional-format formulas follow their cells). */
  readonly structureListeners: Array<(sh: SheetData, dim: 'row' | 'col', change: DimensionChange) => void> = [];
}

/** Whether formula text may name a tab (a cheap test before parsing its references). */
function mentionsTab(text: string, name: string): boolean {
  const t = text.toLowerCase();
  const n = name.toLowerCase();
  return t.includes(n) || t.includes(n.replace(/'/g, "''"));
}

/** Whether formula text mentions a named range (not as part of a longer name, a tab name or a function call). */
function mentionsName(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_."'])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_(])`, 'i').test(
    text,
  );
}

function absA1(t: TrackedRange): string {
  const a = toA1(t.r0 + 1, t.c0 + 1, t.numRows, t.numColumns);
  return a.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
}

function remapKeys(map: Map<number, number>, change: DimensionChange): Map<number, number> {
  const out = new Map<number, number>();
  for (const [k, v] of map) {
    const span = mapSpan(k - 1, k - 1, change);
    if (span) out.set(span[0] + 1, v);
  }
  return out;
}

function remapSet(set: Set<number>, change: DimensionChange): Set<number> {
  const out = new Set<number>();
  for (const k of set) {
    const span = mapSpan(k - 1, k - 1, change);
    if (span) out.add(span[0] + 1);
  }
  return out;
}

function sortRank(v: unknown): number {
  if (v === undefined || v === '') return 4;
  if (typeof v === 'number') return 0;
  if (typeof v === 'boolean') return 2;
  if (typeof v === 'string' && /^#[A-Z/0!?]+[!?A]?$/.test(v) && v.length <= 8) return 3;
  return 1;
}

// What `a.localeCompare(b, undefined, { sensitivity: 'base' })` compares with, made once (not at every comparison).
const BASE_COLLATOR = new Intl.Collator(undefined, { sensitivity: 'base' });

/** Sheets order: numbers (dates), then text (case-insensitive), then booleans, then errors; blanks always last. */
export function compareForSort(a: unknown, b: unknown, ascending: boolean): number {
  return compareRanked(a, sortRank(a), b, sortRank(b), ascending);
}

/** compareForSort with each value's sortRank already known. */
function compareRanked(a: unknown, ra: number, b: unknown, rb: number, ascending: boolean): number {
  if (ra === 4 || rb === 4) return ra === rb ? 0 : ra === 4 ? 1 : -1;
  let cmp: number;
  if (ra !== rb) cmp = ra - rb;
  else if (ra === 0) cmp = (a as number) - (b as number);
  else if (ra === 2) cmp = Number(a) - Number(b);
  else cmp = BASE_COLLATOR.compare(String(a), String(b));
  return ascending ? cmp : -cmp;
}
