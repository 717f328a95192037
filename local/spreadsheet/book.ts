// The workbook core: tabs as compact layered grids, cell writes with Sheets value semantics, formulas through
// HyperFormula (fed lazily), and row/column changes that carry values, formats, references and anchors along.

import { type CellValueDetailedType, DetailedCellError, HyperFormula, type RawCellContent } from 'hyperformula';
import type { SpreadsheetHooks } from '../contract';
import { quoteSheetName, toA1 } from './a1';
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
  /** Cells HyperFormula reported as array-formula anchors (their results spill). */
  readonly spills = new Layer<true>();
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  formulaCount = 0;
  /** HyperFormula sheet id, once the engine knows the tab. */
  hfId?: number;
  /** Whole tab fed to HyperFormula (tabs holding formulas are). */
  hfAll = false;
  /** Columns fed to HyperFormula because formulas elsewhere read them. */
  hfCols: boolean[] = [];
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
    return [this.vals, this.forms, this.fmts, this.dv, this.spills, ...this.styles.values()] as Layer<unknown>[];
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

const HF_ERRORS: Record<string, string> = {
  DIV_BY_ZERO: '#DIV/0!',
  NA: '#N/A',
  NAME: '#NAME?',
  NUM: '#NUM!',
  REF: '#REF!',
  VALUE: '#VALUE!',
  CYCLE: '#REF!',
  SPILL: '#REF!',
  ERROR: '#ERROR!',
  LIC: '#ERROR!',
};

const CLOCK_SHEET = 'kartoteka\u2060clock';

/** A Date whose local-time getters report a serial's wall clock (HyperFormula reads dates through them). */
class WallDate extends Date {
  constructor(private readonly wallMs: number) {
    super(wallMs);
  }
  override getFullYear(): number {
    return new Date(this.wallMs).getUTCFullYear();
  }
  override getMonth(): number {
    return new Date(this.wallMs).getUTCMonth();
  }
  override getDate(): number {
    return new Date(this.wallMs).getUTCDate();
  }
  override getHours(): number {
    return new Date(this.wallMs).getUTCHours();
  }
  override getMinutes(): number {
    return new Date(this.wallMs).getUTCMinutes();
  }
  override getSeconds(): number {
    return new Date(this.wallMs).getUTCSeconds();
  }
  override getMilliseconds(): number {
    return new Date(this.wallMs).getUTCMilliseconds();
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
  /** Rule ranges referenced by validation, kept alive while any cell uses them. */
  private spillCache?: { version: number; bottoms: Map<SheetData, { row: number; col: number }> };

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
      this.hf.addSheet(sh.name);
      sh.hfId = this.hf.getSheetId(sh.name);
      if (this.readsAnyTab) sh.hfAll = true;
      this.bump();
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
      this.hf.removeSheet(sh.hfId);
      this.bump();
    }
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
    if (this.hf && sh.hfId !== undefined) {
      this.hf.renameSheet(sh.hfId, newName);
      this.bump();
    }
    this.resyncFormulas();
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
      context: {
        todaySerial: () => Math.floor(this.nowSerial()),
        nowSerial: () => this.nowSerial(),
        locale: () => this.locale,
      },
    } as any);
    hf.addNamedExpression('TRUE', '=TRUE()');
    hf.addNamedExpression('FALSE', '=FALSE()');
    this.hf = hf;
    for (const sh of this.sheets) {
      hf.addSheet(sh.name);
      sh.hfId = hf.getSheetId(sh.name);
    }
    hf.addSheet(CLOCK_SHEET);
    this.clockSheetId = hf.getSheetId(CLOCK_SHEET)!;
    for (const [name, t] of this.namedRanges) this.syncNamedExpression(name, t);
    this.bump();
    return hf;
  }

  /** HyperFormula content for a stored cell. */
  private hfContent(sh: SheetData, r: number, c: number): RawCellContent {
    const f = sh.forms.get(r, c);
    if (f) {
      f.hf = this.translate(f.text, sh);
      return f.hf;
    }
    const v = sh.vals.get(r, c);
    if (v === undefined) return null;
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
      const s = ref.start;
      const e = ref.end;
      if (target && e && s.row !== undefined && s.col !== undefined && e.row === undefined && e.col !== undefined) {
        return formatRef({ ...ref, end: { ...e, row: target.maxRows - 1 } }, true);
      }
      if (target && e && s.col !== undefined && s.row !== undefined && e.col === undefined && e.row !== undefined) {
        return formatRef({ ...ref, end: { ...e, col: target.maxColumns - 1 } }, true);
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
    for (const [name, t] of this.namedRanges) {
      if (
        new RegExp(`(^|[^A-Za-z0-9_."'])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_(])`, 'i').test(
          text,
        )
      )
        this.loadColumns(t.sheet, t.c0, t.c1);
    }
  }

  private loadSheet(sh: SheetData): void {
    if (sh.hfAll) return;
    const lastCol = Math.max(sh.vals.lastColumn(), sh.forms.lastColumn(), 0);
    sh.hfAll = true;
    this.loadColumnsRaw(sh, 0, lastCol, true);
  }

  private loadColumns(sh: SheetData, c0: number, c1: number): void {
    if (sh.hfAll) return;
    const last = Math.min(c1, Math.max(sh.vals.lastColumn(), sh.forms.lastColumn()));
    let start = -1;
    for (let c = c0; c <= c1 + 1; c++) {
      const need = c <= c1 && !sh.hfCols[c];
      if (need && start < 0) start = c;
      if (!need && start >= 0) {
        for (let k = start; k < c; k++) sh.hfCols[k] = true;
        if (start <= last) this.loadColumnsRaw(sh, start, Math.min(c - 1, last), false);
        start = -1;
      }
    }
  }

  private loadColumnsRaw(sh: SheetData, c0: number, c1: number, all: boolean): void {
    const hf = this.engine();
    if (sh.hfId === undefined) return;
    const lastRow = Math.max(sh.vals.lastRow(), sh.forms.lastRow());
    if (lastRow < 0) return;
    const block: RawCellContent[][] = [];
    for (let r = 0; r <= lastRow; r++) {
      const row: RawCellContent[] = [];
      for (let c = c0; c <= c1; c++) {
        if (!all && sh.hfCols[c] === undefined) row.push(null);
        else row.push(this.hfContent(sh, r, c));
      }
      block.push(row);
    }
    hf.setCellContents({ sheet: sh.hfId, row: 0, col: c0 }, block);
    this.bump();
  }

  private inHf(sh: SheetData, c: number): boolean {
    return this.hf !== undefined && sh.hfId !== undefined && (sh.hfAll || sh.hfCols[c] === true);
  }

  /** Pushes a rectangle of stored content to HyperFormula where the engine holds it. */
  syncRect(sh: SheetData, r0: number, c0: number, nr: number, nc: number): void {
    if (!this.hf || sh.hfId === undefined || nr <= 0 || nc <= 0) return;
    let anyLoaded = sh.hfAll;
    for (let c = c0; !anyLoaded && c < c0 + nc; c++) if (sh.hfCols[c]) anyLoaded = true;
    if (!anyLoaded) return;
    const hf = this.hf;
    hf.batch(() => {
      // Contiguous runs of loaded columns go in one call each.
      let c = c0;
      while (c < c0 + nc) {
        if (!this.inHf(sh, c)) {
          c++;
          continue;
        }
        let e = c;
        while (e + 1 < c0 + nc && this.inHf(sh, e + 1)) e++;
        const block: RawCellContent[][] = [];
        for (let r = r0; r < r0 + nr; r++) {
          const row: RawCellContent[] = [];
          for (let k = c; k <= e; k++) row.push(this.hfContent(sh, r, k));
          block.push(row);
        }
        hf.setCellContents({ sheet: sh.hfId!, row: r0, col: c }, block);
        c = e + 1;
      }
    });
    this.refreshSpills(sh, r0, c0, nr, nc);
    this.bump();
  }

  private refreshSpills(sh: SheetData, r0: number, c0: number, nr: number, nc: number): void {
    if (!this.hf || sh.hfId === undefined || sh.formulaCount === 0) return;
    for (let r = r0; r < r0 + nr; r++) {
      const row = sh.forms.rows[r];
      if (!row) continue;
      for (let c = c0; c < Math.min(c0 + nc, row.length); c++) {
        if (!row[c]) {
          sh.spills.set(r, c, undefined);
          continue;
        }
        const type = this.hf.getCellType({ sheet: sh.hfId, row: r, col: c });
        sh.spills.set(r, c, type === 'ARRAYFORMULA' ? true : undefined);
      }
    }
  }

  /** Re-sends formulas whose HyperFormula text changed (after tab renames, resizes, row/column changes). */
  resyncFormulas(): void {
    if (!this.hf) return;
    const hf = this.hf;
    const touched: Array<[SheetData, number, number]> = [];
    hf.batch(() => {
      this.eachFormula((sh, r, c, f) => {
        if (sh.hfId === undefined) return;
        const t = this.translate(f.text, sh);
        if (t !== f.hf) {
          this.loadDependencies(f.text, sh);
          f.hf = t;
          hf.setCellContents({ sheet: sh.hfId, row: r, col: c }, t);
          touched.push([sh, r, c]);
        }
      });
    });
    for (const [sh, r, c] of touched) this.refreshSpills(sh, r, c, 1, 1);
    this.bump();
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
    const exists = this.hf.listNamedExpressions().some((n) => n.toLowerCase() === name.toLowerCase());
    if (!t) {
      if (exists) this.hf.removeNamedExpression(name);
      return;
    }
    const expr = `=${quoteSheetName(t.sheet.name).startsWith("'") ? quoteSheetName(t.sheet.name) : `'${t.sheet.name}'`}!${absA1(t)}`;
    if (exists) this.hf.changeNamedExpression(name, expr);
    else this.hf.addNamedExpression(name, expr);
    this.bump();
  }

  /** Recomputes volatile formulas (TODAY/NOW) when the workbook clock moved since the last computation. */
  beforeRead(): void {
    if (!this.hf || !this.hasVolatile) return;
    const stamp = Math.floor(this.nowMs() / 1000);
    // INDIRECT reads cells the engine does not link it to: one more pass after a change settles what it read.
    if (stamp === this.clockStamp && !(this.readsAnyTab && this.settledVersion !== this.hfVersion)) return;
    this.clockStamp = stamp;
    this.hf.setCellContents({ sheet: this.clockSheetId, row: 0, col: 0 }, stamp);
    this.bump();
    this.settledVersion = this.hfVersion;
  }

  // ---------- cell content ----------

  /** Stores a formula (text starting with '='). */
  setFormulaText(sh: SheetData, r: number, c: number, text: string): void {
    const had = sh.forms.get(r, c);
    if (!had) sh.formulaCount++;
    sh.forms.set(r, c, { text });
    sh.vals.set(r, c, undefined);
    if (/\b(TODAY|NOW|RAND|RANDBETWEEN|INDIRECT)\s*\(/i.test(text)) this.hasVolatile = true;
    this.engine();
    if (!this.readsAnyTab && /\bINDIRECT\s*\(/i.test(text)) {
      this.readsAnyTab = true;
      for (const s of this.sheets) this.loadSheet(s);
    }
    this.loadSheet(sh);
    this.loadDependencies(text, sh);
  }

  setValueRaw(sh: SheetData, r: number, c: number, v: Scalar | undefined): void {
    if (sh.forms.get(r, c)) {
      sh.forms.set(r, c, undefined);
      sh.formulaCount--;
      sh.spills.set(r, c, undefined);
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
            sh.spills.set(r, c, undefined);
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
    if (sh.formulaCount > 0 && sh.forms.get(r, c) && sh.hfId !== undefined && this.hf)
      return this.engineValue(sh, r, c);
    const v = sh.vals.get(r, c);
    if (v !== undefined) return { v, kind: 'number' };
    if (sh.formulaCount > 0 && this.hf && sh.hfId !== undefined && this.spillBottom(sh).row >= r) {
      return this.engineValue(sh, r, c);
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
    this.beforeRead();
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
    this.beforeRead();
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

  /** Bottom-most row / right-most column reached by spilled array results on the tab. */
  spillBottom(sh: SheetData): { row: number; col: number } {
    if (!this.hf || sh.hfId === undefined || sh.formulaCount === 0) return { row: -1, col: -1 };
    if (!this.spillCache || this.spillCache.version !== this.hfVersion) {
      this.spillCache = { version: this.hfVersion, bottoms: new Map() };
    }
    const hit = this.spillCache.bottoms.get(sh);
    if (hit) return hit;
    let row = -1;
    let col = -1;
    const hf = this.hf;
    const rows = sh.spills.rows;
    for (let r = 0; r < rows.length; r++) {
      const line = rows[r];
      if (!line) continue;
      for (let c = 0; c < line.length; c++) {
        if (!line[c]) continue;
        // HyperFormula reserves the predicted size (FILTER: its whole input); count only cells holding values.
        let h = 1;
        while (hf.getCellType({ sheet: sh.hfId, row: r + h, col: c }) === 'ARRAY') h++;
        let w = 1;
        while (hf.getCellType({ sheet: sh.hfId, row: r, col: c + w }) === 'ARRAY') w++;
        let lastR = r;
        let lastC = c;
        for (let i = 0; i < h; i++)
          for (let j = 0; j < w; j++) {
            const v = hf.getCellValue({ sheet: sh.hfId, row: r + i, col: c + j });
            if (v !== null && v !== '') {
              if (r + i > lastR) lastR = r + i;
              if (c + j > lastC) lastC = c + j;
            }
          }
        row = Math.max(row, lastR);
        col = Math.max(col, lastC);
      }
    }
    const res = { row, col };
    this.spillCache.bottoms.set(sh, res);
    return res;
  }

  /** 0-based index of the last row with content, or -1. */
  lastRow(sh: SheetData): number {
    const spill = this.spillBottom(sh);
    return Math.max(sh.vals.lastRow(), sh.forms.lastRow(), spill.row);
  }

  lastColumn(sh: SheetData): number {
    const spill = this.spillBottom(sh);
    return Math.max(sh.vals.lastColumn(), sh.forms.lastColumn(), spill.col);
  }

  // ---------- structure ----------

  /** Applies a row or column change to one tab and everything that points into it. */
  structural(sh: SheetData, dim: 'row' | 'col', change: DimensionChange): void {
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
    // References anywhere in the workbook that point into this tab.
    this.eachFormula((host, _r, _c, f) => {
      const next = adjustFormula(f.text, host.name, sh.name, dim, change);
      if (next !== f.text) f.text = next;
    });
    if (this.hf && sh.hfId !== undefined) {
      const id = sh.hfId;
      const hf = this.hf;
      if (dim === 'row') {
        if (change.kind === 'insert') hf.addRows(id, [change.at, change.count]);
        else if (change.kind === 'delete') hf.removeRows(id, [change.at, change.count]);
        else hf.moveRows(id, change.from, change.count, change.dest);
      } else if (change.kind === 'insert') hf.addColumns(id, [change.at, change.count]);
      else if (change.kind === 'delete') hf.removeColumns(id, [change.at, change.count]);
      else hf.moveColumns(id, change.from, change.count, change.dest);
      this.bump();
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
    this.resyncFormulas();
    if (sh.formulaCount > 0) this.refreshSpills(sh, 0, 0, sh.forms.rows.length, Math.max(sh.forms.lastColumn() + 1, 0));
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
    const order = keys.map((_, i) => i);
    order.sort((a, b) => {
      for (let k = 0; k < specs.length; k++) {
        const cmp = compareForSort(keys[a][k], keys[b][k], specs[k].ascending);
        if (cmp !== 0) return cmp;
      }
      return a - b;
    });
    const wholeRows = c0 === 0 && nc >= sh.maxColumns;
    const layers = sh.layers();
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

/** Sheets order: numbers (dates), then text (case-insensitive), then booleans, then errors; blanks always last. */
export function compareForSort(a: unknown, b: unknown, ascending: boolean): number {
  const ra = sortRank(a);
  const rb = sortRank(b);
  if (ra === 4 || rb === 4) return ra === rb ? 0 : ra === 4 ? 1 : -1;
  let cmp: number;
  if (ra !== rb) cmp = ra - rb;
  else if (ra === 0) cmp = (a as number) - (b as number);
  else if (ra === 2) cmp = Number(a) - Number(b);
  else cmp = String(a).localeCompare(String(b), undefined, { sensitivity: 'base' });
  return ascending ? cmp : -cmp;
}
