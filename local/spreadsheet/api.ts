// The Apps Script Spreadsheet classes scripts see (SpreadsheetApp, Spreadsheet, Sheet, Range, …) over the workbook core.

import { User } from '../shared/user';
import { parseA1, quoteSheetName, toA1 } from './a1';
import {
  type Book,
  isDateObject,
  type MetadataEntry,
  type MetadataLocation,
  type ProtectionData,
  type SheetData,
  STYLE_KEYS,
  type StyleKey,
  TrackedRange,
  type ValidationRule,
} from './book';
import {
  chartValue,
  copyCharts,
  EmbeddedChart,
  type EmbeddedChartBuilder,
  insertChart,
  newChartBuilder,
  removeChart,
  storedCharts,
  updateChart,
} from './charts';
import {
  ConditionalFormatRule,
  ConditionalFormatRuleBuilder,
  clearRules,
  copyRules,
  replaceRules,
  ruleValue,
  storedRules,
} from './conditional';
import { AUTOMATIC_FORMAT } from './numfmt';
import { a1ToR1C1, r1c1ToA1 } from './r1c1';
import { offsetFormula } from './refs';
import { APPS_SCRIPT_ENUMS } from './surface';
import { guardSurface } from './surface-guard';
import { DataValidation, DataValidationBuilder, type RangeBridge } from './validation';

const METADATA_RANGE_ERROR =
  'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.';

/** Shared state of one emulated workbook: the core plus the stable script-facing objects. */
export class Workbook implements RangeBridge {
  readonly sheetObjects = new Map<SheetData, Sheet>();
  readonly ss: Spreadsheet;
  readonly app: SpreadsheetApp;

  constructor(readonly book: Book) {
    this.ss = new Spreadsheet(this);
    this.app = new SpreadsheetApp(this);
  }

  sheet(sh: SheetData): Sheet {
    let s = this.sheetObjects.get(sh);
    if (!s) {
      s = new Sheet(this, sh);
      this.sheetObjects.set(sh, s);
    }
    return s;
  }

  range(sh: SheetData, r0: number, c0: number, nr: number, nc: number, openRows = false, openColumns = false): Range {
    return new Range(this, sh, r0, c0, nr, nc, openRows, openColumns);
  }

  toTracked(x: unknown): TrackedRange | undefined {
    if (!(x instanceof Range)) return undefined;
    return this.book.track(
      new TrackedRange(x._sh, x._r0, x._c0, x._r0 + x._nr - 1, x._c0 + x._nc - 1, x._openRows, x._openColumns),
    );
  }

  toRange(t: TrackedRange): Range {
    return this.range(t.sheet, t.r0, t.c0, t.numRows, t.numColumns, t.openRows, t.openColumns);
  }

  validation(rule: ValidationRule | undefined): DataValidation | null {
    return rule ? new DataValidation(rule, this) : null;
  }

  activeSheetData(): SheetData {
    const b = this.book;
    if (!b.activeSheet || b.activeSheet.deleted) b.activeSheet = b.sheets[0];
    return b.activeSheet;
  }

  /** Resolves 'Tab'!A1 or A1 (on the active tab); throws Apps Script's "Range not found". */
  rangeFromA1(a1: string, defaultSheet?: SheetData): Range {
    const text = String(a1);
    const bang = text.lastIndexOf('!');
    let sh = defaultSheet ?? this.activeSheetData();
    if (bang >= 0) {
      let name = text.slice(0, bang);
      if (name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
      const found = this.book.sheetByName(name);
      if (!found) throw new Error('Range not found');
      sh = found;
    }
    const p = parseA1(text, sh.maxRows, sh.maxColumns);
    if (!p) {
      const named =
        this.book.namedRanges.get(text) ??
        [...this.book.namedRanges.entries()].find(([k]) => k.toLowerCase() === text.toLowerCase())?.[1];
      if (named?.alive) return this.toRange(named);
      throw new Error('Range not found');
    }
    if (p.row + p.numRows - 1 > sh.maxRows || p.column + p.numColumns - 1 > sh.maxColumns) {
      throw new Error('Range not found');
    }
    return this.range(sh, p.row - 1, p.column - 1, p.numRows, p.numColumns, p.openRows, p.openColumns);
  }

  protection(p: ProtectionData): Protection {
    return new Protection(this, p);
  }

  metadataObject(m: MetadataEntry): DeveloperMetadata {
    return new DeveloperMetadata(this, m);
  }
}

function enumObject(name: string): Record<string, string> {
  return Object.freeze(Object.fromEntries((APPS_SCRIPT_ENUMS[name] ?? []).map((k) => [k, k])));
}

function visibilityArg(x: unknown): 'DOCUMENT' | 'PROJECT' | undefined {
  const s = String(x);
  return s === 'DOCUMENT' || s === 'PROJECT' ? s : undefined;
}

/** Reads the overloads (key), (key, visibility), (key, value), (key, value, visibility). */
function metadataArgs(args: unknown[]): { key: string; value: string | null; visibility: 'DOCUMENT' | 'PROJECT' } {
  const key = String(args[0]);
  if (args.length >= 3)
    return { key, value: args[1] == null ? null : String(args[1]), visibility: visibilityArg(args[2]) ?? 'DOCUMENT' };
  if (args.length === 2) {
    const vis = visibilityArg(args[1]);
    if (vis && typeof args[1] !== 'string') return { key, value: null, visibility: vis };
    if (vis && (args[1] === 'PROJECT' || args[1] === 'DOCUMENT')) return { key, value: null, visibility: vis };
    return { key, value: args[1] == null ? null : String(args[1]), visibility: 'DOCUMENT' };
  }
  return { key, value: null, visibility: 'DOCUMENT' };
}

function emailOf(x: unknown): string {
  if (x instanceof User) return x.getEmail();
  if (x && typeof x === 'object' && typeof (x as { getEmail?: unknown }).getEmail === 'function')
    return String((x as { getEmail(): string }).getEmail());
  return String(x);
}

// ---------------------------------------------------------------------------------------------------------------
// SpreadsheetApp

export class SpreadsheetApp {
  readonly AutoFillSeries = enumObject('AutoFillSeries');
  readonly BandingTheme = enumObject('BandingTheme');
  readonly BooleanCriteria = enumObject('BooleanCriteria');
  readonly BorderStyle = enumObject('BorderStyle');
  readonly CopyPasteType = enumObject('CopyPasteType');
  readonly DataValidationCriteria = enumObject('DataValidationCriteria');
  readonly DeveloperMetadataLocationType = enumObject('DeveloperMetadataLocationType');
  readonly DeveloperMetadataVisibility = enumObject('DeveloperMetadataVisibility');
  readonly Dimension = enumObject('Dimension');
  readonly Direction = enumObject('Direction');
  readonly GroupControlTogglePosition = enumObject('GroupControlTogglePosition');
  readonly InterpolationType = enumObject('InterpolationType');
  readonly PivotTableSummarizeFunction = enumObject('PivotTableSummarizeFunction');
  readonly PivotValueDisplayType = enumObject('PivotValueDisplayType');
  readonly ProtectionType = enumObject('ProtectionType');
  readonly RecalculationInterval = enumObject('RecalculationInterval');
  readonly RelativeDate = enumObject('RelativeDate');
  readonly SheetType = enumObject('SheetType');
  readonly SortOrder = enumObject('SortOrder');
  readonly TextDirection = enumObject('TextDirection');
  readonly TextToColumnsDelimiter = enumObject('TextToColumnsDelimiter');
  readonly ThemeColorType = enumObject('ThemeColorType');
  readonly ValueType = enumObject('ValueType');
  readonly WrapStrategy = enumObject('WrapStrategy');

  constructor(private readonly _wb: Workbook) {}

  getActive(): Spreadsheet {
    return this._wb.ss;
  }
  getActiveSpreadsheet(): Spreadsheet {
    return this._wb.ss;
  }
  getActiveSheet(): Sheet {
    return this._wb.ss.getActiveSheet();
  }
  getActiveRange(): Range | null {
    return this._wb.ss.getActiveRange();
  }
  getActiveRangeList(): RangeList | null {
    const r = this.getActiveRange();
    return r ? new RangeList(this._wb, [r]) : null;
  }
  getCurrentCell(): Range | null {
    return this._wb.ss.getCurrentCell();
  }
  getSelection(): Selection {
    return new Selection(this._wb);
  }
  getUi(): GoogleAppsScript.Base.Ui {
    return this._wb.book.hooks.ui();
  }
  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder(this._wb);
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this._wb);
  }
  flush(): void {
    this._wb.book.beforeRead();
  }
  setActiveSheet(sheet: Sheet, restoreSelection?: boolean): Sheet {
    return this._wb.ss.setActiveSheet(sheet, restoreSelection);
  }
  setActiveRange(range: Range): Range {
    return this._wb.ss.setActiveRange(range);
  }
  setActiveSpreadsheet(ss: Spreadsheet): void {
    if (ss !== this._wb.ss)
      throw new Error('not emulated: SpreadsheetApp.setActiveSpreadsheet with another spreadsheet');
  }
  setCurrentCell(cell: Range): Range {
    return this._wb.ss.setCurrentCell(cell);
  }
  openById(id: string): Spreadsheet {
    if (String(id) === this._wb.book.id) return this._wb.ss;
    throw new Error(`Unexpected error while getting the method or property openById on object SpreadsheetApp.`);
  }
  openByUrl(url: string): Spreadsheet {
    if (String(url).includes(this._wb.book.id)) return this._wb.ss;
    throw new Error(`Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.`);
  }
  toString(): string {
    return 'SpreadsheetApp';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Spreadsheet

export class Spreadsheet {
  constructor(private readonly _wb: Workbook) {}

  private get _book(): Book {
    return this._wb.book;
  }
  getId(): string {
    return this._book.id;
  }
  getName(): string {
    return this._book.name;
  }
  rename(name: string): void {
    this._book.name = String(name);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._book.id}/edit`;
  }
  getSheets(): Sheet[] {
    return this._book.sheets.map((s) => this._wb.sheet(s));
  }
  getNumSheets(): number {
    return this._book.sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    const sh = this._book.sheetByName(String(name));
    return sh ? this._wb.sheet(sh) : null;
  }
  getSheetById(id: number): Sheet | null {
    const sh = this._book.sheets.find((s) => s.id === Number(id));
    return sh ? this._wb.sheet(sh) : null;
  }
  insertSheet(a?: unknown, b?: unknown, _options?: unknown): Sheet {
    let name: string | undefined;
    let index: number | undefined;
    if (typeof a === 'number') index = a;
    else if (a !== undefined && a !== null && typeof a !== 'object') {
      name = String(a);
      if (typeof b === 'number') index = b;
    }
    const sh = this._book.addSheet(name, index);
    this._book.activeSheet = sh;
    this._book.activeRange = undefined;
    return this._wb.sheet(sh);
  }
  deleteSheet(sheet: Sheet): void {
    this._book.removeSheet(sheet._sh);
  }
  deleteActiveSheet(): Sheet {
    const s = this.getActiveSheet();
    this._book.removeSheet(s._sh);
    return this.getActiveSheet();
  }
  duplicateActiveSheet(): Sheet {
    return this.getActiveSheet().copyTo(this);
  }
  getActiveSheet(): Sheet {
    return this._wb.sheet(this._wb.activeSheetData());
  }
  setActiveSheet(sheet: Sheet, _restoreSelection?: boolean): Sheet {
    this._book.activeSheet = sheet._sh;
    this._book.activeRange = undefined;
    return sheet;
  }
  moveActiveSheet(pos: number): void {
    this._book.moveSheet(this._wb.activeSheetData(), Number(pos) - 1);
  }
  getActiveRange(): Range | null {
    const t = this._book.activeRange;
    if (t?.alive && t.sheet === this._wb.activeSheetData()) return this._wb.toRange(t);
    return this._wb.range(this._wb.activeSheetData(), 0, 0, 1, 1);
  }
  getActiveCell(): Range {
    const r = this.getActiveRange();
    return r ? r.getCell(1, 1) : this._wb.range(this._wb.activeSheetData(), 0, 0, 1, 1);
  }
  getCurrentCell(): Range | null {
    return this.getActiveCell();
  }
  setActiveRange(range: Range): Range {
    return range.activate();
  }
  setActiveSelection(a1: unknown): Range {
    return this.getActiveSheet().setActiveSelection(a1);
  }
  setCurrentCell(cell: Range): Range {
    return cell.activate();
  }
  getSpreadsheetTimeZone(): string {
    return this._book.timeZone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    this._book.timeZone = String(tz);
  }
  getSpreadsheetLocale(): string {
    return this._book.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this._book.locale = String(locale);
  }
  toast(msg: unknown, title?: unknown, timeoutSeconds?: unknown): void {
    this._book.hooks.toast(
      String(msg ?? ''),
      title == null ? '' : String(title),
      timeoutSeconds == null ? 5 : Number(timeoutSeconds),
    );
  }
  getRange(a1: string): Range {
    return this._wb.rangeFromA1(a1);
  }
  getRangeList(a1s: string[]): RangeList {
    return new RangeList(
      this._wb,
      a1s.map((a) => this._wb.rangeFromA1(a)),
    );
  }
  getRangeByName(name: string): Range | null {
    const t = this._book.namedRanges.get(String(name));
    return t?.alive ? this._wb.toRange(t) : null;
  }
  setNamedRange(name: string, range: Range): void {
    const n = String(name);
    if (
      !/^[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*$/.test(n) ||
      /^[A-Za-z]{1,3}\d+$/.test(n) ||
      /^(true|false)$/i.test(n)
    )
      throw new Error('Invalid argument: name');
    const t = this._wb.toTracked(range)!;
    this._book.namedRanges.set(n, t);
    this._book.syncNamedExpression(n, t);
    this._book.resyncFormulas();
  }
  getNamedRanges(): NamedRange[] {
    return [...this._book.namedRanges.keys()].map((n) => new NamedRange(this._wb, n));
  }
  removeNamedRange(name: string): void {
    const n = String(name);
    if (!this._book.namedRanges.has(n)) throw new Error('Invalid argument: name');
    this._book.namedRanges.delete(n);
    this._book.syncNamedExpression(n, undefined);
  }
  addDeveloperMetadata(...args: unknown[]): Spreadsheet {
    const { key, value, visibility } = metadataArgs(args);
    this._book.addMetadata(key, value, visibility, { type: 'SPREADSHEET' });
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    return this._book.metadata.filter((m) => m.location.type === 'SPREADSHEET').map((m) => this._wb.metadataObject(m));
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return new DeveloperMetadataFinder(this._wb, () => this._book.metadata.slice());
  }
  getProtections(type: unknown): Protection[] {
    const t = String(type);
    return this._book.protections.filter((p) => p.type === t).map((p) => this._wb.protection(p));
  }
  getOwner(): User {
    return new User(this._book.owner);
  }
  getEditors(): User[] {
    return [this._book.owner, ...this._book.editors.filter((e) => e !== this._book.owner)].map((e) => new User(e));
  }
  getViewers(): User[] {
    return [...this.getEditors(), ...this._book.viewers.map((e) => new User(e))];
  }
  addEditor(user: unknown): Spreadsheet {
    const e = emailOf(user);
    if (!this._book.editors.includes(e) && e !== this._book.owner) this._book.editors.push(e);
    return this;
  }
  addEditors(users: unknown[]): Spreadsheet {
    for (const u of users) this.addEditor(u);
    return this;
  }
  removeEditor(user: unknown): Spreadsheet {
    const e = emailOf(user);
    this._book.editors = this._book.editors.filter((x) => x !== e);
    return this;
  }
  addViewer(user: unknown): Spreadsheet {
    const e = emailOf(user);
    if (!this._book.viewers.includes(e)) this._book.viewers.push(e);
    return this;
  }
  getSheetName(): string {
    return this.getActiveSheet().getName();
  }
  getLastRow(): number {
    return this.getActiveSheet().getLastRow();
  }
  getLastColumn(): number {
    return this.getActiveSheet().getLastColumn();
  }
  getDataRange(): Range {
    return this.getActiveSheet().getDataRange();
  }
  getSheetValues(r: number, c: number, nr: number, nc: number): unknown[][] {
    return this.getActiveSheet().getSheetValues(r, c, nr, nc);
  }
  appendRow(row: unknown[]): Sheet {
    return this.getActiveSheet().appendRow(row);
  }
  getFrozenRows(): number {
    return this.getActiveSheet().getFrozenRows();
  }
  getFrozenColumns(): number {
    return this.getActiveSheet().getFrozenColumns();
  }
  setFrozenRows(n: number): void {
    this.getActiveSheet().setFrozenRows(n);
  }
  setFrozenColumns(n: number): void {
    this.getActiveSheet().setFrozenColumns(n);
  }
  getColumnWidth(c: number): number {
    return this.getActiveSheet().getColumnWidth(c);
  }
  setColumnWidth(c: number, w: number): Sheet {
    return this.getActiveSheet().setColumnWidth(c, w);
  }
  insertRowAfter(p: number): Sheet {
    return this.getActiveSheet().insertRowAfter(p);
  }
  insertRowBefore(p: number): Sheet {
    return this.getActiveSheet().insertRowBefore(p);
  }
  insertRowsAfter(p: number, n: number): Sheet {
    return this.getActiveSheet().insertRowsAfter(p, n);
  }
  insertRowsBefore(p: number, n: number): Sheet {
    return this.getActiveSheet().insertRowsBefore(p, n);
  }
  insertColumnAfter(p: number): Sheet {
    return this.getActiveSheet().insertColumnAfter(p);
  }
  insertColumnBefore(p: number): Sheet {
    return this.getActiveSheet().insertColumnBefore(p);
  }
  insertColumnsAfter(p: number, n: number): Sheet {
    return this.getActiveSheet().insertColumnsAfter(p, n);
  }
  insertColumnsBefore(p: number, n: number): Sheet {
    return this.getActiveSheet().insertColumnsBefore(p, n);
  }
  deleteRow(p: number): Sheet {
    return this.getActiveSheet().deleteRow(p);
  }
  deleteRows(p: number, n: number): void {
    this.getActiveSheet().deleteRows(p, n);
  }
  deleteColumn(p: number): Sheet {
    return this.getActiveSheet().deleteColumn(p);
  }
  deleteColumns(p: number, n: number): void {
    this.getActiveSheet().deleteColumns(p, n);
  }
  sort(column: number, ascending?: boolean): Sheet {
    return this.getActiveSheet().sort(column, ascending);
  }
  toString(): string {
    return 'Spreadsheet';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sheet

export class Sheet {
  constructor(
    private readonly _wb: Workbook,
    readonly _sh: SheetData,
  ) {}

  private get _book(): Book {
    return this._wb.book;
  }
  private _alive(): SheetData {
    if (this._sh.deleted) throw new Error('The sheet has been deleted.');
    return this._sh;
  }
  getName(): string {
    return this._sh.name;
  }
  setName(name: string): Sheet {
    this._book.renameSheet(this._alive(), String(name));
    return this;
  }
  getSheetName(): string {
    return this._sh.name;
  }
  getSheetId(): number {
    return this._sh.id;
  }
  getIndex(): number {
    return this._book.sheets.indexOf(this._sh) + 1;
  }
  getParent(): Spreadsheet {
    return this._wb.ss;
  }
  getType(): string {
    return 'GRID';
  }
  getMaxRows(): number {
    return this._sh.maxRows;
  }
  getMaxColumns(): number {
    return this._sh.maxColumns;
  }
  getLastRow(): number {
    return this._book.lastRow(this._alive()) + 1;
  }
  getLastColumn(): number {
    return this._book.lastColumn(this._alive()) + 1;
  }
  getRange(a: unknown, b?: unknown, c?: unknown, d?: unknown): Range {
    const sh = this._alive();
    if (typeof a === 'string' && b === undefined) {
      const text = a.includes('!') ? a : `${quoteSheetName(sh.name)}!${a}`;
      const r = this._wb.rangeFromA1(text, sh);
      return r;
    }
    const row = Number(a);
    const col = Number(b);
    const nr = c === undefined ? 1 : Number(c);
    const nc = d === undefined ? 1 : Number(d);
    if (!Number.isInteger(row) || !Number.isInteger(col) || !Number.isInteger(nr) || !Number.isInteger(nc))
      throw new Error(
        `The parameters (${[a, b, c, d]
          .filter((x) => x !== undefined)
          .map((x) => typeof x)
          .join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
    if (row < 1) throw new Error('The starting row of the range is too small.');
    if (col < 1) throw new Error('The starting column of the range is too small.');
    if (nr < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (nc < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (row + nr - 1 > sh.maxRows || col + nc - 1 > sh.maxColumns)
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    return this._wb.range(sh, row - 1, col - 1, nr, nc);
  }
  getRangeList(a1s: string[]): RangeList {
    return new RangeList(
      this._wb,
      a1s.map((a) => this.getRange(a)),
    );
  }
  getDataRange(): Range {
    const sh = this._alive();
    return this._wb.range(sh, 0, 0, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  getSheetValues(r: number, c: number, nr: number, nc: number): unknown[][] {
    const rows = nr === -1 ? this.getLastRow() - r + 1 : nr;
    const cols = nc === -1 ? this.getLastColumn() - c + 1 : nc;
    return this.getRange(r, c, rows, cols).getValues();
  }
  appendRow(rowContents: unknown[]): Sheet {
    const sh = this._alive();
    if (!Array.isArray(rowContents))
      throw new Error("The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    const r = this._book.lastRow(sh) + 1;
    this._book.assertCanEdit(sh, r, 0, 1, Math.max(1, rowContents.length));
    if (r >= sh.maxRows)
      this._book.structural(sh, 'row', { kind: 'insert', at: sh.maxRows, count: r - sh.maxRows + 1 });
    if (rowContents.length > sh.maxColumns)
      this._book.structural(sh, 'col', {
        kind: 'insert',
        at: sh.maxColumns,
        count: rowContents.length - sh.maxColumns,
      });
    this._book.writeBlock(sh, r, 0, [rowContents], 'value');
    return this;
  }
  private _insert(dim: 'row' | 'col', before1: number, count: number): Sheet {
    const sh = this._alive();
    const max = dim === 'row' ? sh.maxRows : sh.maxColumns;
    if (!Number.isInteger(before1) || before1 < 1 || before1 > max + 1)
      throw new Error(`Those ${dim === 'row' ? 'rows' : 'columns'} are out of bounds.`);
    if (!Number.isInteger(count) || count < 1)
      throw new Error(`The number of ${dim === 'row' ? 'rows' : 'columns'} to insert must be at least 1.`);
    this._book.assertCanChangeStructure(sh, dim, before1 - 1, count, false);
    this._book.structural(sh, dim, { kind: 'insert', at: before1 - 1, count });
    return this;
  }
  insertRowBefore(p: number): Sheet {
    return this._insert('row', p, 1);
  }
  insertRowAfter(p: number): Sheet {
    return this._insert('row', p + 1, 1);
  }
  insertRowsBefore(p: number, n: number): Sheet {
    return this._insert('row', p, n);
  }
  insertRowsAfter(p: number, n: number): Sheet {
    return this._insert('row', p + 1, n);
  }
  insertRows(p: number, n = 1): void {
    this._insert('row', p, n);
  }
  insertColumnBefore(p: number): Sheet {
    return this._insert('col', p, 1);
  }
  insertColumnAfter(p: number): Sheet {
    return this._insert('col', p + 1, 1);
  }
  insertColumnsBefore(p: number, n: number): Sheet {
    return this._insert('col', p, n);
  }
  insertColumnsAfter(p: number, n: number): Sheet {
    return this._insert('col', p + 1, n);
  }
  insertColumns(p: number, n = 1): void {
    this._insert('col', p, n);
  }
  private _remove(dim: 'row' | 'col', start1: number, count: number): void {
    const sh = this._alive();
    const max = dim === 'row' ? sh.maxRows : sh.maxColumns;
    if (!Number.isInteger(start1) || start1 < 1 || !Number.isInteger(count) || count < 1 || start1 + count - 1 > max)
      throw new Error(`Those ${dim === 'row' ? 'rows' : 'columns'} are out of bounds.`);
    const frozen = dim === 'row' ? sh.frozenRows : sh.frozenColumns;
    if (count >= max - frozen && start1 - 1 <= frozen)
      throw new Error(`Sorry, it is not possible to delete all non-frozen ${dim === 'row' ? 'rows' : 'columns'}.`);
    this._book.assertCanChangeStructure(sh, dim, start1 - 1, count, true);
    this._book.structural(sh, dim, { kind: 'delete', at: start1 - 1, count });
  }
  deleteRow(p: number): Sheet {
    this._remove('row', p, 1);
    return this;
  }
  deleteRows(p: number, n: number): void {
    this._remove('row', p, n);
  }
  deleteColumn(p: number): Sheet {
    this._remove('col', p, 1);
    return this;
  }
  deleteColumns(p: number, n: number): void {
    this._remove('col', p, n);
  }
  moveColumns(columnSpec: Range, destinationIndex: number): void {
    const sh = this._alive();
    const from = columnSpec._c0;
    const n = columnSpec._nc;
    const dest = Number(destinationIndex) - 1;
    if (dest >= from && dest <= from + n) return;
    this._book.assertCanChangeStructure(sh, 'col', Math.min(from, dest), n, false);
    this._book.structural(sh, 'col', { kind: 'move', from, count: n, dest });
  }
  moveRows(rowSpec: Range, destinationIndex: number): void {
    const sh = this._alive();
    const from = rowSpec._r0;
    const n = rowSpec._nr;
    const dest = Number(destinationIndex) - 1;
    if (dest >= from && dest <= from + n) return;
    this._book.assertCanChangeStructure(sh, 'row', Math.min(from, dest), n, false);
    this._book.structural(sh, 'row', { kind: 'move', from, count: n, dest });
  }
  setFrozenRows(n: number): void {
    this._alive().frozenRows = Number(n);
  }
  getFrozenRows(): number {
    return this._sh.frozenRows;
  }
  setFrozenColumns(n: number): void {
    this._alive().frozenColumns = Number(n);
  }
  getFrozenColumns(): number {
    return this._sh.frozenColumns;
  }
  hideSheet(): Sheet {
    const visible = this._book.sheets.filter((s) => !s.hidden);
    if (visible.length === 1 && visible[0] === this._sh)
      throw new Error("You can't hide all the sheets in a document.");
    this._sh.hidden = true;
    return this;
  }
  showSheet(): Sheet {
    this._sh.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this._sh.hidden;
  }
  protect(): Protection {
    const sh = this._alive();
    const existing = this._book.protections.find((p) => p.type === 'SHEET' && p.sheet === sh);
    if (existing) return this._wb.protection(existing);
    const p: ProtectionData = {
      type: 'SHEET',
      sheet: sh,
      description: '',
      warningOnly: false,
      editors: initialEditors(this._book),
      domainEdit: false,
      unprotected: [],
    };
    this._book.protections.push(p);
    return this._wb.protection(p);
  }
  getProtections(type: unknown): Protection[] {
    const t = String(type);
    return this._book.protections
      .filter((p) => p.sheet === this._sh && p.type === t)
      .map((p) => this._wb.protection(p));
  }
  clear(options?: Record<string, boolean>): Sheet {
    this._wb.range(this._alive(), 0, 0, this._sh.maxRows, this._sh.maxColumns).clear(options);
    return this;
  }
  clearContents(): Sheet {
    this._wb.range(this._alive(), 0, 0, this._sh.maxRows, this._sh.maxColumns).clearContent();
    return this;
  }
  clearFormats(): Sheet {
    this._wb.range(this._alive(), 0, 0, this._sh.maxRows, this._sh.maxColumns).clearFormat();
    return this;
  }
  clearNotes(): Sheet {
    this._wb.range(this._alive(), 0, 0, this._sh.maxRows, this._sh.maxColumns).clearNote();
    return this;
  }
  setColumnWidth(col: number, width: number): Sheet {
    this._alive().columnWidths.set(Number(col), Number(width));
    return this;
  }
  setColumnWidths(start: number, n: number, width: number): Sheet {
    for (let c = start; c < start + n; c++) this._sh.columnWidths.set(c, Number(width));
    return this;
  }
  getColumnWidth(col: number): number {
    return this._sh.columnWidths.get(Number(col)) ?? 100;
  }
  setRowHeight(row: number, h: number): Sheet {
    this._sh.rowHeights.set(Number(row), Number(h));
    return this;
  }
  setRowHeights(start: number, n: number, h: number): Sheet {
    for (let r = start; r < start + n; r++) this._sh.rowHeights.set(r, Number(h));
    return this;
  }
  getRowHeight(row: number): number {
    return this._sh.rowHeights.get(Number(row)) ?? 21;
  }
  autoResizeColumn(col: number): Sheet {
    return this.autoResizeColumns(col, 1);
  }
  autoResizeColumns(start: number, n: number): Sheet {
    for (let c = start; c < start + n; c++) this._sh.autoResized.push(c);
    return this;
  }
  setTabColor(color: string | null): Sheet {
    this._sh.tabColor = color;
    return this;
  }
  getTabColor(): string | null {
    return this._sh.tabColor;
  }
  addDeveloperMetadata(...args: unknown[]): Sheet {
    const { key, value, visibility } = metadataArgs(args);
    this._book.addMetadata(key, value, visibility, { type: 'SHEET', sheet: this._alive() });
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    return this._book.metadata
      .filter((m) => m.location.type === 'SHEET' && m.location.sheet === this._sh)
      .map((m) => this._wb.metadataObject(m));
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return new DeveloperMetadataFinder(this._wb, () =>
      this._book.metadata.filter((m) => 'sheet' in m.location && m.location.sheet === this._sh),
    );
  }
  createTextFinder(text: string): TextFinder {
    return new TextFinder(this._wb, this.getDataRange(), String(text));
  }
  sort(columnPosition: number, ascending = true): Sheet {
    const sh = this._alive();
    const start = sh.frozenRows;
    const last = this._book.lastRow(sh);
    if (last < start) return this;
    this._book.assertCanEdit(sh, start, 0, last - start + 1, sh.maxColumns);
    this._book.sortRows(sh, start, 0, last - start + 1, sh.maxColumns, [
      { column: Number(columnPosition) - 1, ascending: ascending !== false },
    ]);
    return this;
  }
  activate(): Sheet {
    this._book.activeSheet = this._alive();
    this._book.activeRange = undefined;
    return this;
  }
  getActiveRange(): Range | null {
    const t = this._book.activeRange;
    if (t?.alive && t.sheet === this._sh) return this._wb.toRange(t);
    return this._wb.range(this._sh, 0, 0, 1, 1);
  }
  getActiveCell(): Range {
    return (this.getActiveRange() as Range).getCell(1, 1);
  }
  getCurrentCell(): Range {
    return this.getActiveCell();
  }
  setActiveRange(range: Range): Range {
    return range.activate();
  }
  setActiveSelection(a1: unknown): Range {
    const r = a1 instanceof Range ? a1 : this.getRange(String(a1));
    return r.activate();
  }
  setCurrentCell(cell: Range): Range {
    return cell.activate();
  }
  getNamedRanges(): NamedRange[] {
    return [...this._book.namedRanges.entries()]
      .filter(([, t]) => t.sheet === this._sh)
      .map(([n]) => new NamedRange(this._wb, n));
  }
  hideColumns(start: number, n = 1): void {
    for (let c = Number(start); c < Number(start) + Number(n); c++) this._sh.hiddenColumns.add(c);
  }
  showColumns(start: number, n = 1): void {
    for (let c = Number(start); c < Number(start) + Number(n); c++) this._sh.hiddenColumns.delete(c);
  }
  unhideColumn(range: Range): void {
    this.showColumns(range.getColumn(), range.getNumColumns());
  }
  hideColumn(range: Range): void {
    this.hideColumns(range.getColumn(), range.getNumColumns());
  }
  isColumnHiddenByUser(col: number): boolean {
    return this._sh.hiddenColumns.has(Number(col));
  }
  hideRows(start: number, n = 1): void {
    for (let r = Number(start); r < Number(start) + Number(n); r++) this._sh.hiddenRows.add(r);
  }
  showRows(start: number, n = 1): void {
    for (let r = Number(start); r < Number(start) + Number(n); r++) this._sh.hiddenRows.delete(r);
  }
  hideRow(range: Range): void {
    this.hideRows(range.getRow(), range.getNumRows());
  }
  unhideRow(range: Range): void {
    this.showRows(range.getRow(), range.getNumRows());
  }
  isRowHiddenByUser(row: number): boolean {
    return this._sh.hiddenRows.has(Number(row));
  }
  // ----- conditional format rules (local/spreadsheet/conditional.ts) -----
  getConditionalFormatRules(): ConditionalFormatRule[] {
    return storedRules(this._alive()).map((d) => ruleValue(d, this._wb));
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    const sh = this._alive();
    if (!Array.isArray(rules) || rules.some((r) => !(r instanceof ConditionalFormatRule)))
      throw new Error('Invalid argument: rules');
    for (const r of rules)
      for (const t of r._data.ranges) this._book.assertCanEdit(sh, t.r0, t.c0, t.numRows, t.numColumns);
    replaceRules(
      this._book,
      sh,
      rules.map((r) => r._data),
    );
  }
  clearConditionalFormatRules(): void {
    const sh = this._alive();
    this._book.assertCanEdit(sh, 0, 0, sh.maxRows, sh.maxColumns);
    clearRules(this._book, sh);
  }
  // ----- embedded charts (local/spreadsheet/charts.ts) -----
  newChart(): EmbeddedChartBuilder {
    return newChartBuilder(this._wb, this._alive());
  }
  insertChart(chart: EmbeddedChart): void {
    if (!(chart instanceof EmbeddedChart)) throw new Error('Invalid argument: chart');
    insertChart(this._book, this._alive(), chart);
  }
  updateChart(chart: EmbeddedChart): void {
    if (!(chart instanceof EmbeddedChart)) throw new Error('Invalid argument: chart');
    updateChart(this._book, this._alive(), chart);
  }
  removeChart(chart: EmbeddedChart): void {
    if (!(chart instanceof EmbeddedChart)) throw new Error('Invalid argument: chart');
    removeChart(this._book, this._alive(), chart);
  }
  getCharts(): EmbeddedChart[] {
    return storedCharts(this._alive()).map((d) => chartValue(d, this._wb));
  }
  // No filters or bandings can exist here, so these truthfully report none.
  getFilter(): null {
    return null;
  }
  getBandings(): unknown[] {
    return [];
  }
  copyTo(spreadsheet: Spreadsheet): Sheet {
    if (spreadsheet !== this._wb.ss) throw new Error('not emulated: Sheet.copyTo another spreadsheet');
    const src = this._alive();
    let name = `Copy of ${src.name}`;
    for (let i = 2; this._book.sheetByNameLoose(name); i++) name = `Copy of ${src.name} ${i}`;
    const dst = this._book.addSheet(name);
    dst.maxRows = src.maxRows;
    dst.maxColumns = src.maxColumns;
    dst.frozenRows = src.frozenRows;
    dst.frozenColumns = src.frozenColumns;
    dst.columnWidths = new Map(src.columnWidths);
    const copyLayer = <T>(
      from: { rows: (Array<T | undefined> | undefined)[] },
      to: { rows: (Array<T | undefined> | undefined)[] },
    ) => {
      to.rows = from.rows.map((r) => (r ? r.slice() : undefined));
    };
    copyLayer(src.vals, dst.vals);
    copyLayer(src.fmts, dst.fmts);
    copyLayer(src.dv, dst.dv);
    for (const [k, l] of src.styles) copyLayer(l, dst.style(k));
    this._book.eachFormula((s, r, c, f) => {
      if (s === src) this._book.setFormulaText(dst, r, c, f.text);
    });
    this._book.syncRect(dst, 0, 0, dst.vals.rows.length, dst.maxColumns);
    copyRules(this._book, src, dst);
    copyCharts(this._book, src, dst);
    return this._wb.sheet(dst);
  }
  toString(): string {
    return 'Sheet';
  }
}

function initialEditors(book: Book): string[] {
  // A new protection mirrors the spreadsheet's editors until the script changes it (Protection docs).
  const list = [book.owner, ...book.editors];
  const me = book.hooks.context.user();
  if (me && !list.includes(me)) list.push(me);
  return list;
}

// ---------------------------------------------------------------------------------------------------------------
// Range

type Grid<T> = T[][];

function checkDims(data: unknown, nr: number, nc: number, method: string): unknown[][] {
  if (!Array.isArray(data))
    throw new Error(
      `The parameters (${typeof data}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
    );
  if (data.length !== nr)
    throw new Error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${nr}.`,
    );
  for (const row of data) {
    if (!Array.isArray(row))
      throw new Error(`The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.${method}.`);
    if (row.length !== nc)
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${nc}.`,
      );
  }
  return data as unknown[][];
}

const STYLE_DEFAULTS: Record<string, unknown> = {
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontLine: 'none',
  fontFamily: 'Arial',
  fontSize: 10,
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  wrap: false,
  wrapStrategy: 'OVERFLOW',
  note: '',
};

export class Range {
  constructor(
    private readonly _wb: Workbook,
    readonly _sh: SheetData,
    readonly _r0: number,
    readonly _c0: number,
    readonly _nr: number,
    readonly _nc: number,
    readonly _openRows = false,
    readonly _openColumns = false,
  ) {}

  private get _book(): Book {
    return this._wb.book;
  }
  private _live(): SheetData {
    if (this._sh.deleted) throw new Error('The sheet has been deleted.');
    return this._sh;
  }
  private _guard(): SheetData {
    const sh = this._live();
    this._book.assertCanEdit(sh, this._r0, this._c0, this._nr, this._nc);
    return sh;
  }
  /** Rows that can hold anything (ranges over whole columns stop at the last used row for speed). */
  private _usedRows(): number {
    return Math.min(
      this._nr,
      Math.max(
        0,
        Math.max(this._sh.vals.rows.length, this._sh.forms.rows.length, this._sh.fmts.rows.length) - this._r0,
      ),
    );
  }

  // ----- geometry -----
  getRow(): number {
    return this._r0 + 1;
  }
  getRowIndex(): number {
    return this._r0 + 1;
  }
  getColumn(): number {
    return this._c0 + 1;
  }
  getColumnIndex(): number {
    return this._c0 + 1;
  }
  getLastRow(): number {
    return this._r0 + this._nr;
  }
  getLastColumn(): number {
    return this._c0 + this._nc;
  }
  getNumRows(): number {
    return this._nr;
  }
  getNumColumns(): number {
    return this._nc;
  }
  getHeight(): number {
    return this._nr;
  }
  getWidth(): number {
    return this._nc;
  }
  getSheet(): Sheet {
    return this._wb.sheet(this._sh);
  }
  getA1Notation(): string {
    return toA1(
      this._r0 + 1,
      this._c0 + 1,
      this._nr,
      this._nc,
      this._openRows && this._r0 + this._nr === this._sh.maxRows,
      this._openColumns && this._c0 + this._nc === this._sh.maxColumns,
    );
  }
  getGridId(): number {
    return this._sh.id;
  }
  getCell(row: number, column: number): Range {
    if (row < 1 || column < 1 || row > this._nr || column > this._nc) throw new Error('Cell reference out of range');
    return this._wb.range(this._sh, this._r0 + row - 1, this._c0 + column - 1, 1, 1);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    const r = this._r0 + Number(rowOffset);
    const c = this._c0 + Number(columnOffset);
    const nr = numRows === undefined ? this._nr : Number(numRows);
    const nc = numColumns === undefined ? this._nc : Number(numColumns);
    if (r < 0 || c < 0 || r + nr > this._sh.maxRows || c + nc > this._sh.maxColumns || nr < 1 || nc < 1)
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    return this._wb.range(this._sh, r, c, nr, nc);
  }
  // Merging is not emulated, so no cell is ever part of a merge.
  getMergedRanges(): Range[] {
    return [];
  }
  isPartOfMerge(): boolean {
    return false;
  }
  breakApart(): Range {
    return this;
  }
  getDataRegion(): Range {
    return this._wb.sheet(this._sh).getDataRange();
  }
  getNextDataCell(direction: unknown): Range {
    const d = String(direction);
    const sh = this._sh;
    let r = this._r0;
    let c = this._c0;
    const has = (rr: number, cc: number) => this._book.computed(sh, rr, cc).v !== undefined;
    const step = d === 'UP' ? [-1, 0] : d === 'DOWN' ? [1, 0] : d === 'PREVIOUS' ? [0, -1] : [0, 1];
    const inside = (rr: number, cc: number) => rr >= 0 && cc >= 0 && rr < sh.maxRows && cc < sh.maxColumns;
    if (inside(r + step[0], c + step[1]) && has(r, c) && has(r + step[0], c + step[1])) {
      while (inside(r + step[0], c + step[1]) && has(r + step[0], c + step[1])) {
        r += step[0];
        c += step[1];
      }
    } else {
      r += step[0];
      c += step[1];
      while (inside(r, c) && !has(r, c) && inside(r + step[0], c + step[1])) {
        r += step[0];
        c += step[1];
      }
      if (!inside(r, c)) {
        r -= step[0];
        c -= step[1];
      }
    }
    return this._wb.range(sh, r, c, 1, 1);
  }

  // ----- values -----
  getValue(): unknown {
    const sh = this._live();
    this._book.beforeRead(sh);
    return this._book.scriptValue(sh, this._r0, this._c0);
  }
  getValues(): unknown[][] {
    const sh = this._live();
    const used = this._usedRows();
    const out = this._book.readValues(
      sh,
      this._r0,
      this._c0,
      Math.min(this._nr, Math.max(used, this._book.lastRow(sh) + 1 - this._r0, 0)),
      this._nc,
    );
    while (out.length < this._nr) out.push(new Array(this._nc).fill(''));
    return out;
  }
  getDisplayValue(): string {
    const sh = this._live();
    this._book.beforeRead(sh);
    return this._book.displayValue(sh, this._r0, this._c0);
  }
  getDisplayValues(): string[][] {
    const sh = this._live();
    const n = Math.min(this._nr, Math.max(0, this._book.lastRow(sh) + 1 - this._r0));
    const out = this._book.readDisplay(sh, this._r0, this._c0, n, this._nc);
    while (out.length < this._nr) out.push(new Array(this._nc).fill(''));
    return out;
  }
  setValue(value: unknown): Range {
    const sh = this._guard();
    if (this._nr === 1 && this._nc === 1) this._book.writeBlock(sh, this._r0, this._c0, [[value]], 'value');
    else {
      const row = new Array(this._nc).fill(value);
      const data = Array.from({ length: this._nr }, () => row);
      this._book.writeBlock(sh, this._r0, this._c0, data, 'value');
    }
    return this;
  }
  setValues(values: unknown[][]): Range {
    const data = checkDims(values, this._nr, this._nc, 'setValues');
    const sh = this._guard();
    this._book.writeBlock(sh, this._r0, this._c0, data, 'value');
    return this;
  }
  isBlank(): boolean {
    const sh = this._live();
    const last = Math.min(this._r0 + this._nr, this._book.lastRow(sh) + 1);
    for (let r = this._r0; r < last; r++)
      for (let c = this._c0; c < this._c0 + this._nc; c++)
        if (this._book.computed(sh, r, c).v !== undefined || sh.forms.get(r, c)) return false;
    return true;
  }

  // ----- formulas -----
  getFormula(): string {
    return this._book.formulaText(this._live(), this._r0, this._c0);
  }
  getFormulas(): string[][] {
    const sh = this._live();
    const out: string[][] = [];
    for (let r = this._r0; r < this._r0 + this._nr; r++) {
      const line: string[] = new Array(this._nc);
      const row = sh.forms.rows[r];
      for (let j = 0; j < this._nc; j++) line[j] = row?.[this._c0 + j]?.text ?? '';
      out.push(line);
    }
    return out;
  }
  setFormula(formula: string): Range {
    const sh = this._guard();
    const f = String(formula);
    const data: unknown[][] = [];
    for (let i = 0; i < this._nr; i++) {
      const line: unknown[] = [];
      for (let j = 0; j < this._nc; j++) line.push(f.startsWith('=') ? offsetFormula(f, i, j) : f);
      data.push(line);
    }
    this._book.writeBlock(sh, this._r0, this._c0, data, 'formula');
    return this;
  }
  setFormulas(formulas: string[][]): Range {
    const data = checkDims(formulas, this._nr, this._nc, 'setFormulas');
    const sh = this._guard();
    this._book.writeBlock(sh, this._r0, this._c0, data, 'formula');
    return this;
  }
  setFormulaR1C1(formula: string): Range {
    const sh = this._guard();
    const data: unknown[][] = [];
    for (let i = 0; i < this._nr; i++) {
      const line: unknown[] = [];
      for (let j = 0; j < this._nc; j++) line.push(r1c1ToA1(String(formula), this._r0 + i, this._c0 + j));
      data.push(line);
    }
    this._book.writeBlock(sh, this._r0, this._c0, data, 'formula');
    return this;
  }
  setFormulasR1C1(formulas: string[][]): Range {
    const data = checkDims(formulas, this._nr, this._nc, 'setFormulasR1C1');
    const sh = this._guard();
    this._book.writeBlock(
      sh,
      this._r0,
      this._c0,
      data.map((row, i) => row.map((f, j) => r1c1ToA1(String(f), this._r0 + i, this._c0 + j))),
      'formula',
    );
    return this;
  }
  /** Google: "the formula (R1C1 notation) for a given cell, or null if none". */
  getFormulaR1C1(): string | null {
    const text = this._book.formulaText(this._live(), this._r0, this._c0);
    return text ? a1ToR1C1(text, this._r0, this._c0) : null;
  }
  /** Google: "Entries in the 2D array are null for cells with no formula". */
  getFormulasR1C1(): Array<Array<string | null>> {
    return this.getFormulas().map((row, i) => row.map((f, j) => (f ? a1ToR1C1(f, this._r0 + i, this._c0 + j) : null)));
  }

  // ----- clearing -----
  clearContent(): Range {
    const sh = this._guard();
    this._book.clearContents(sh, this._r0, this._c0, this._usedRows(), this._nc);
    return this;
  }
  clearFormat(): Range {
    const sh = this._guard();
    const n = this._usedRows();
    sh.fmts.clearRect(this._r0, this._c0, n, this._nc);
    for (const [k, l] of sh.styles) if (k !== 'note') l.clearRect(this._r0, this._c0, n, this._nc);
    return this;
  }
  clearNote(): Range {
    const sh = this._guard();
    sh.styles.get('note')?.clearRect(this._r0, this._c0, this._usedRows(), this._nc);
    return this;
  }
  clearDataValidations(): Range {
    const sh = this._guard();
    sh.dv.clearRect(this._r0, this._c0, this._usedRows(), this._nc);
    return this;
  }
  clear(options?: Record<string, boolean>): Range {
    const o = options ?? {};
    const any = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    if (!any || o.contentsOnly) this.clearContent();
    if (!any || o.formatOnly) this.clearFormat();
    if (o.validationsOnly) this.clearDataValidations();
    if (o.commentsOnly) this.clearNote();
    return this;
  }

  // ----- number formats and styles -----
  getNumberFormat(): string {
    return this._sh.fmts.get(this._r0, this._c0) ?? AUTOMATIC_FORMAT;
  }
  getNumberFormats(): string[][] {
    return this._gridOf((r, c) => this._sh.fmts.get(r, c) ?? AUTOMATIC_FORMAT);
  }
  setNumberFormat(format: string): Range {
    const sh = this._guard();
    this._fill(sh.fmts as never, String(format));
    this._book.syncFormats(sh, this._r0, this._c0, this._usedRows(), this._nc);
    return this;
  }
  setNumberFormats(formats: string[][]): Range {
    const data = checkDims(formats, this._nr, this._nc, 'setNumberFormats');
    const sh = this._guard();
    data.forEach((row, i) => {
      row.forEach((f, j) => {
        sh.fmts.set(this._r0 + i, this._c0 + j, String(f));
      });
    });
    this._book.syncFormats(sh, this._r0, this._c0, this._nr, this._nc);
    return this;
  }
  private _gridOf<T>(fn: (r: number, c: number) => T): Grid<T> {
    const out: T[][] = [];
    for (let r = this._r0; r < this._r0 + this._nr; r++) {
      const line: T[] = [];
      for (let c = this._c0; c < this._c0 + this._nc; c++) line.push(fn(r, c));
      out.push(line);
    }
    return out;
  }
  private _fill(
    layer: {
      set(r: number, c: number, v: unknown): void;
      clearRect(r: number, c: number, nr: number, nc: number): void;
    },
    v: unknown,
  ): void {
    if (v === undefined || v === null) {
      layer.clearRect(this._r0, this._c0, this._nr, this._nc);
      return;
    }
    for (let r = this._r0; r < this._r0 + this._nr; r++)
      for (let c = this._c0; c < this._c0 + this._nc; c++) layer.set(r, c, v);
  }
  /** Records a style attribute on every cell (null resets to default). */
  _setStyle(key: StyleKey, v: unknown): Range {
    const sh = this._guard();
    this._fill(sh.style(key) as never, v === null ? undefined : v);
    return this;
  }
  private _setStyles(key: StyleKey, values: unknown[][], method: string): Range {
    const data = checkDims(values, this._nr, this._nc, method);
    const sh = this._guard();
    const l = sh.style(key);
    data.forEach((row, i) => {
      row.forEach((v, j) => {
        l.set(this._r0 + i, this._c0 + j, v === null ? undefined : v);
      });
    });
    return this;
  }
  _getStyle(key: StyleKey): unknown {
    return this._sh.styles.get(key)?.get(this._r0, this._c0) ?? STYLE_DEFAULTS[key];
  }
  private _getStyles(key: StyleKey): unknown[][] {
    const l = this._sh.styles.get(key);
    return this._gridOf((r, c) => l?.get(r, c) ?? STYLE_DEFAULTS[key]);
  }
  setBackground(color: string | null): Range {
    return this._setStyle('background', color);
  }
  setBackgrounds(colors: string[][]): Range {
    return this._setStyles('background', colors, 'setBackgrounds');
  }
  getBackground(): string {
    return this._getStyle('background') as string;
  }
  getBackgrounds(): string[][] {
    return this._getStyles('background') as string[][];
  }
  setFontColor(color: string | null): Range {
    return this._setStyle('fontColor', color);
  }
  setFontColors(colors: unknown[][]): Range {
    return this._setStyles('fontColor', colors, 'setFontColors');
  }
  getFontColor(): string {
    return this._getStyle('fontColor') as string;
  }
  getFontColors(): string[][] {
    return this._getStyles('fontColor') as string[][];
  }
  setFontWeight(w: string | null): Range {
    return this._setStyle('fontWeight', w);
  }
  setFontWeights(w: unknown[][]): Range {
    return this._setStyles('fontWeight', w, 'setFontWeights');
  }
  getFontWeight(): string {
    return this._getStyle('fontWeight') as string;
  }
  getFontWeights(): string[][] {
    return this._getStyles('fontWeight') as string[][];
  }
  setFontStyle(s: string | null): Range {
    return this._setStyle('fontStyle', s);
  }
  setFontStyles(s: unknown[][]): Range {
    return this._setStyles('fontStyle', s, 'setFontStyles');
  }
  getFontStyle(): string {
    return this._getStyle('fontStyle') as string;
  }
  getFontStyles(): string[][] {
    return this._getStyles('fontStyle') as string[][];
  }
  setFontLine(s: string | null): Range {
    return this._setStyle('fontLine', s);
  }
  getFontLine(): string {
    return this._getStyle('fontLine') as string;
  }
  setFontFamily(s: string | null): Range {
    return this._setStyle('fontFamily', s);
  }
  getFontFamily(): string {
    return this._getStyle('fontFamily') as string;
  }
  setFontSize(n: number): Range {
    return this._setStyle('fontSize', n);
  }
  getFontSize(): number {
    return this._getStyle('fontSize') as number;
  }
  setHorizontalAlignment(a: string | null): Range {
    return this._setStyle('horizontalAlignment', a);
  }
  setHorizontalAlignments(a: unknown[][]): Range {
    return this._setStyles('horizontalAlignment', a, 'setHorizontalAlignments');
  }
  getHorizontalAlignment(): string {
    return this._getStyle('horizontalAlignment') as string;
  }
  setVerticalAlignment(a: string | null): Range {
    return this._setStyle('verticalAlignment', a);
  }
  getVerticalAlignment(): string {
    return this._getStyle('verticalAlignment') as string;
  }
  setWrap(w: boolean): Range {
    return this._setStyle('wrap', Boolean(w));
  }
  setWraps(w: unknown[][]): Range {
    return this._setStyles('wrap', w, 'setWraps');
  }
  getWrap(): boolean {
    return this._getStyle('wrap') as boolean;
  }
  setWrapStrategy(s: unknown): Range {
    return this._setStyle('wrapStrategy', String(s));
  }
  getWrapStrategy(): string {
    return this._getStyle('wrapStrategy') as string;
  }
  setNote(note: string | null): Range {
    return this._setStyle('note', note === null || note === '' ? null : String(note));
  }
  setNotes(notes: unknown[][]): Range {
    return this._setStyles(
      'note',
      notes.map((row) => row.map((n) => (n === '' || n == null ? null : String(n)))),
      'setNotes',
    );
  }
  getNote(): string {
    return this._getStyle('note') as string;
  }
  getNotes(): string[][] {
    return this._getStyles('note') as string[][];
  }
  setBorder(...args: unknown[]): Range {
    return this._setStyle(
      'border',
      args.length ? JSON.stringify(args.map((a) => (a == null ? null : String(a)))) : null,
    );
  }
  setTextRotation(deg: number): Range {
    return this._setStyle('textRotation', deg);
  }

  // ----- validation -----
  getDataValidation(): DataValidation | null {
    return this._wb.validation(this._sh.dv.get(this._r0, this._c0));
  }
  getDataValidations(): (DataValidation | null)[][] {
    return this._gridOf((r, c) => this._wb.validation(this._sh.dv.get(r, c)));
  }
  setDataValidation(rule: DataValidation | null): Range {
    const sh = this._guard();
    if (rule === null || rule === undefined) {
      sh.dv.clearRect(this._r0, this._c0, this._nr, this._nc);
      return this;
    }
    this._fill(sh.dv as never, anchorRule(rule._rule, this._r0, this._c0));
    return this;
  }
  setDataValidations(rules: (DataValidation | null)[][]): Range {
    const data = checkDims(rules, this._nr, this._nc, 'setDataValidations') as (DataValidation | null)[][];
    const sh = this._guard();
    data.forEach((row, i) => {
      row.forEach((rule, j) => {
        sh.dv.set(this._r0 + i, this._c0 + j, rule ? anchorRule(rule._rule, this._r0 + i, this._c0 + j) : undefined);
      });
    });
    return this;
  }
  insertCheckboxes(checked?: unknown, unchecked?: unknown): Range {
    const sh = this._guard();
    const rule = new DataValidationBuilder(this._wb).requireCheckbox(checked, unchecked).build();
    this._fill(sh.dv as never, rule._rule);
    this._book.writeBlock(
      sh,
      this._r0,
      this._c0,
      Array.from({ length: this._nr }, () =>
        new Array(this._nc).fill(unchecked === undefined ? (checked === undefined ? false : '') : unchecked),
      ),
      'value',
    );
    return this;
  }
  removeCheckboxes(): Range {
    const sh = this._guard();
    for (let r = this._r0; r < this._r0 + this._nr; r++)
      for (let c = this._c0; c < this._c0 + this._nc; c++)
        if (sh.dv.get(r, c)?.criteria === 'CHECKBOX') {
          sh.dv.set(r, c, undefined);
          this._book.writeBlock(sh, r, c, [['']], 'value');
        }
    return this;
  }
  check(): Range {
    return this.setValue(true);
  }
  uncheck(): Range {
    return this.setValue(false);
  }
  isChecked(): boolean | null {
    const v = this.getValue();
    return typeof v === 'boolean' ? v : null;
  }

  // ----- protection, metadata, selection -----
  protect(): Protection {
    const sh = this._live();
    const p: ProtectionData = {
      type: 'RANGE',
      sheet: sh,
      range: this._wb.toTracked(this),
      description: '',
      warningOnly: false,
      editors: initialEditors(this._book),
      domainEdit: false,
      unprotected: [],
    };
    this._book.protections.push(p);
    return this._wb.protection(p);
  }
  canEdit(): boolean {
    return !this._book.blockingProtection(
      this._sh,
      this._r0,
      this._c0,
      this._nr,
      this._nc,
      this._book.hooks.context.user(),
    );
  }
  /** The ROW/COLUMN location this range denotes, or null for an arbitrary range. */
  _dimensionLocation(): MetadataLocation | null {
    const wholeColumns = this._r0 === 0 && this._nr === this._sh.maxRows;
    const wholeRows = this._c0 === 0 && this._nc === this._sh.maxColumns;
    if (wholeColumns && !wholeRows) return { type: 'COLUMN', sheet: this._sh, start: this._c0, count: this._nc };
    if (wholeRows) return { type: 'ROW', sheet: this._sh, start: this._r0, count: this._nr };
    return null;
  }
  addDeveloperMetadata(...args: unknown[]): Range {
    const loc = this._dimensionLocation();
    if (!loc) throw new Error(METADATA_RANGE_ERROR);
    const { key, value, visibility } = metadataArgs(args);
    this._book.addMetadata(key, value, visibility, loc);
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    const loc = this._dimensionLocation();
    if (!loc || loc.type === 'SPREADSHEET' || loc.type === 'SHEET') return [];
    return this._book.metadata.filter((m) => sameLocation(m.location, loc)).map((m) => this._wb.metadataObject(m));
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    const loc = this._dimensionLocation();
    return new DeveloperMetadataFinder(
      this._wb,
      () => this._book.metadata.filter((m) => (loc ? sameLocation(m.location, loc) : false)),
      () => this._book.metadata.filter((m) => intersects(m.location, this)),
    );
  }
  activate(): Range {
    this._book.activeSheet = this._live();
    this._book.activeRange = this._book.track(
      new TrackedRange(
        this._sh,
        this._r0,
        this._c0,
        this._r0 + this._nr - 1,
        this._c0 + this._nc - 1,
        this._openRows,
        this._openColumns,
      ),
    );
    return this;
  }
  activateAsCurrentCell(): Range {
    return this.activate();
  }
  createTextFinder(text: string): TextFinder {
    return new TextFinder(this._wb, this, String(text));
  }

  // ----- sort and copy -----
  sort(spec: unknown): Range {
    const sh = this._guard();
    const specs: Array<{ column: number; ascending: boolean }> = [];
    const one = (s: unknown) => {
      if (typeof s === 'number') specs.push({ column: s - 1, ascending: true });
      else if (s && typeof s === 'object' && 'column' in (s as object)) {
        const o = s as { column: number; ascending?: boolean };
        specs.push({ column: Number(o.column) - 1, ascending: o.ascending !== false });
      } else throw new Error('Invalid argument: sortSpecObj');
    };
    if (Array.isArray(spec)) spec.forEach(one);
    else one(spec);
    for (const s of specs)
      if (s.column < this._c0 || s.column >= this._c0 + this._nc)
        throw new Error(`Sort column ${s.column + 1} is out of range`);
    const n = Math.min(this._nr, Math.max(0, this._book.lastRow(sh) + 1 - this._r0));
    if (n > 1) this._book.sortRows(sh, this._r0, this._c0, n, this._nc, specs);
    return this;
  }
  copyTo(destination: Range, options?: unknown): void {
    const dst = destination;
    const sh = this._live();
    const opts = (typeof options === 'object' && options) || {};
    const type = typeof options === 'string' ? options : undefined;
    const valuesOnly = (opts as { contentsOnly?: boolean }).contentsOnly || type === 'PASTE_VALUES';
    const formatOnly = (opts as { formatOnly?: boolean }).formatOnly || type === 'PASTE_FORMAT';
    this._book.assertCanEdit(dst._sh, dst._r0, dst._c0, this._nr, this._nc);
    const n = this._usedRows();
    if (dst._r0 + n > dst._sh.maxRows || dst._c0 + this._nc > dst._sh.maxColumns)
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    this._book.beforeRead();
    const contents: unknown[][] = [];
    const dr = dst._r0 - this._r0;
    const dc = dst._c0 - this._c0;
    for (let i = 0; i < n; i++) {
      const line: unknown[] = [];
      for (let j = 0; j < this._nc; j++) {
        const r = this._r0 + i;
        const c = this._c0 + j;
        const f = sh.forms.get(r, c);
        if (f && type !== 'PASTE_VALUES') line.push(offsetFormula(f.text, dr, dc));
        else {
          const v = this._book.computed(sh, r, c).v;
          line.push(v === undefined ? null : typeof v === 'string' ? `'${v}` : v);
        }
      }
      contents.push(line);
    }
    const formats: Array<[number, number, string | undefined, ValidationRule | undefined, Array<[StyleKey, unknown]>]> =
      [];
    for (let i = 0; i < n; i++)
      for (let j = 0; j < this._nc; j++) {
        const r = this._r0 + i;
        const c = this._c0 + j;
        formats.push([
          i,
          j,
          sh.fmts.get(r, c),
          sh.dv.get(r, c),
          [...sh.styles.entries()].map(([k, l]) => [k, l.get(r, c)] as [StyleKey, unknown]),
        ]);
      }
    if (!valuesOnly)
      for (const [i, j, fmt, dv, styles] of formats) {
        dst._sh.fmts.set(dst._r0 + i, dst._c0 + j, fmt);
        dst._sh.dv.set(dst._r0 + i, dst._c0 + j, dv);
        for (const [k, v] of styles) dst._sh.style(k).set(dst._r0 + i, dst._c0 + j, v);
      }
    if (!formatOnly) this._book.writeBlock(dst._sh, dst._r0, dst._c0, contents, 'value');
    else this._book.syncRect(dst._sh, dst._r0, dst._c0, n, this._nc);
  }
  copyValuesToRange(sheet: Sheet, column: number, columnEnd: number, row: number, rowEnd: number): void {
    this.copyTo(
      this._wb.range(sheet._sh, row - 1, column - 1, rowEnd - row + 1, columnEnd - column + 1),
      'PASTE_VALUES',
    );
  }
  copyFormatToRange(sheet: Sheet, column: number, columnEnd: number, row: number, rowEnd: number): void {
    this.copyTo(this._wb.range(sheet._sh, row - 1, column - 1, rowEnd - row + 1, columnEnd - column + 1), {
      formatOnly: true,
    });
  }
  trimWhitespace(): Range {
    const sh = this._guard();
    const n = this._usedRows();
    for (let r = this._r0; r < this._r0 + n; r++)
      for (let c = this._c0; c < this._c0 + this._nc; c++) {
        const v = sh.vals.get(r, c);
        if (typeof v === 'string') sh.vals.set(r, c, v.replace(/\s+/g, ' ').trim() || undefined);
      }
    this._book.syncRect(sh, this._r0, this._c0, n, this._nc);
    return this;
  }
  toString(): string {
    return 'Range';
  }
}

function anchorRule(rule: ValidationRule, r: number, c: number): ValidationRule {
  if (rule.criteria !== 'CUSTOM_FORMULA') return rule;
  const a = rule.args[0] as { formula: string };
  return { ...rule, args: [{ formula: a.formula, anchorRow: r, anchorCol: c }] };
}

function sameLocation(a: MetadataLocation, b: MetadataLocation): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'SPREADSHEET') return true;
  if (a.type === 'SHEET') return b.type === 'SHEET' && a.sheet === b.sheet;
  const bb = b as { sheet: SheetData; start: number; count: number };
  return a.sheet === bb.sheet && a.start === bb.start && a.count === bb.count;
}

function intersects(loc: MetadataLocation, r: Range): boolean {
  if (loc.type === 'SPREADSHEET') return false;
  if (loc.type === 'SHEET') return false;
  if (loc.sheet !== r._sh) return false;
  if (loc.type === 'ROW') return loc.start <= r._r0 + r._nr - 1 && loc.start + loc.count - 1 >= r._r0;
  return loc.start <= r._c0 + r._nc - 1 && loc.start + loc.count - 1 >= r._c0;
}

// ---------------------------------------------------------------------------------------------------------------
// RangeList, Selection, NamedRange

export class RangeList {
  constructor(
    private readonly _wb: Workbook,
    private readonly _ranges: Range[],
  ) {}
  getRanges(): Range[] {
    return this._ranges.slice();
  }
  activate(): RangeList {
    this._ranges[this._ranges.length - 1]?.activate();
    return this;
  }
  private _each(fn: (r: Range) => void): RangeList {
    for (const r of this._ranges) fn(r);
    return this;
  }
  clear(options?: Record<string, boolean>): RangeList {
    return this._each((r) => r.clear(options));
  }
  clearContent(): RangeList {
    return this._each((r) => r.clearContent());
  }
  clearFormat(): RangeList {
    return this._each((r) => r.clearFormat());
  }
  clearDataValidations(): RangeList {
    return this._each((r) => r.clearDataValidations());
  }
  clearNote(): RangeList {
    return this._each((r) => r.clearNote());
  }
  setValue(v: unknown): RangeList {
    return this._each((r) => r.setValue(v));
  }
  setFormula(f: string): RangeList {
    return this._each((r) => r.setFormula(f));
  }
  setFormulaR1C1(f: string): RangeList {
    return this._each((r) => r.setFormulaR1C1(f));
  }
  setNumberFormat(f: string): RangeList {
    return this._each((r) => r.setNumberFormat(f));
  }
  setBackground(c: string | null): RangeList {
    return this._each((r) => r.setBackground(c));
  }
  setFontWeight(w: string | null): RangeList {
    return this._each((r) => r.setFontWeight(w));
  }
  setFontColor(c: string | null): RangeList {
    return this._each((r) => r.setFontColor(c));
  }
  setFontStyle(s: string | null): RangeList {
    return this._each((r) => r.setFontStyle(s));
  }
  setHorizontalAlignment(a: string | null): RangeList {
    return this._each((r) => r.setHorizontalAlignment(a));
  }
  setWrap(w: boolean): RangeList {
    return this._each((r) => r.setWrap(w));
  }
  setNote(n: string | null): RangeList {
    return this._each((r) => r.setNote(n));
  }
  setDataValidation(rule: DataValidation | null): RangeList {
    return this._each((r) => r.setDataValidation(rule));
  }
  insertCheckboxes(): RangeList {
    return this._each((r) => r.insertCheckboxes());
  }
  check(): RangeList {
    return this._each((r) => r.check());
  }
  uncheck(): RangeList {
    return this._each((r) => r.uncheck());
  }
  toString(): string {
    void this._wb;
    return 'RangeList';
  }
}

export class Selection {
  constructor(private readonly _wb: Workbook) {}
  getActiveRange(): Range | null {
    return this._wb.ss.getActiveRange();
  }
  getActiveRangeList(): RangeList | null {
    const r = this.getActiveRange();
    return r ? new RangeList(this._wb, [r]) : null;
  }
  getActiveSheet(): Sheet {
    return this._wb.ss.getActiveSheet();
  }
  getCurrentCell(): Range | null {
    return this._wb.ss.getCurrentCell();
  }
  toString(): string {
    return 'Selection';
  }
}

export class NamedRange {
  constructor(
    private readonly _wb: Workbook,
    private _name: string,
  ) {}
  getName(): string {
    return this._name;
  }
  getRange(): Range {
    const t = this._wb.book.namedRanges.get(this._name);
    if (!t) throw new Error('The named range has been removed.');
    return this._wb.toRange(t);
  }
  setName(name: string): NamedRange {
    const t = this._wb.book.namedRanges.get(this._name);
    if (t) {
      this._wb.book.namedRanges.delete(this._name);
      this._wb.book.syncNamedExpression(this._name, undefined);
      this._wb.book.namedRanges.set(String(name), t);
      this._wb.book.syncNamedExpression(String(name), t);
    }
    this._name = String(name);
    return this;
  }
  setRange(range: Range): NamedRange {
    const t = this._wb.toTracked(range)!;
    this._wb.book.namedRanges.set(this._name, t);
    this._wb.book.syncNamedExpression(this._name, t);
    return this;
  }
  remove(): void {
    this._wb.book.namedRanges.delete(this._name);
    this._wb.book.syncNamedExpression(this._name, undefined);
  }
  toString(): string {
    return 'NamedRange';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Protection

export class Protection {
  constructor(
    private readonly _wb: Workbook,
    readonly _data: ProtectionData,
  ) {}
  private get _book(): Book {
    return this._wb.book;
  }
  getProtectionType(): string {
    return this._data.type;
  }
  getDescription(): string {
    return this._data.description;
  }
  setDescription(d: string): Protection {
    this._data.description = String(d);
    return this;
  }
  isWarningOnly(): boolean {
    return this._data.warningOnly;
  }
  setWarningOnly(w: boolean): Protection {
    this._data.warningOnly = Boolean(w);
    return this;
  }
  getEditors(): User[] {
    const list = [this._book.owner, ...this._data.editors.filter((e) => e !== this._book.owner)];
    return list.map((e) => new User(e));
  }
  addEditor(user: unknown): Protection {
    const e = emailOf(user);
    if (!this._data.editors.includes(e)) this._data.editors.push(e);
    return this;
  }
  addEditors(users: unknown[]): Protection {
    for (const u of users) this.addEditor(u);
    return this;
  }
  removeEditor(user: unknown): Protection {
    const e = emailOf(user);
    // The owner always stays an editor.
    if (e !== this._book.owner) this._data.editors = this._data.editors.filter((x) => x !== e);
    return this;
  }
  removeEditors(users: unknown[]): Protection {
    for (const u of users) this.removeEditor(u);
    return this;
  }
  canEdit(): boolean {
    const user = this._book.hooks.context.user();
    return this._data.warningOnly || this._book.isEditor(this._data, user);
  }
  canDomainEdit(): boolean {
    return this._data.domainEdit;
  }
  setDomainEdit(v: boolean): Protection {
    this._data.domainEdit = Boolean(v);
    return this;
  }
  getRange(): Range {
    if (this._data.type === 'SHEET')
      return this._wb.range(this._data.sheet, 0, 0, this._data.sheet.maxRows, this._data.sheet.maxColumns);
    return this._wb.toRange(this._data.range!);
  }
  setRange(range: Range): Protection {
    if (this._data.type === 'SHEET') throw new Error('not emulated: Protection.setRange on a sheet protection');
    this._data.range = this._wb.toTracked(range);
    this._data.sheet = range._sh;
    return this;
  }
  getRangeName(): string | null {
    return this._data.rangeName ?? null;
  }
  setRangeName(name: string): Protection {
    const r = this._wb.ss.getRangeByName(name);
    if (!r) throw new Error('Invalid argument: rangeName');
    this._data.rangeName = name;
    return this.setRange(r);
  }
  getUnprotectedRanges(): Range[] {
    return this._data.unprotected.filter((t) => t.alive).map((t) => this._wb.toRange(t));
  }
  setUnprotectedRanges(ranges: Range[]): Protection {
    if (this._data.type !== 'SHEET') throw new Error('Unprotected ranges can only be set on sheet protections.');
    this._data.unprotected = ranges.map((r) => this._wb.toTracked(r)!);
    return this;
  }
  remove(): void {
    const user = this._book.hooks.context.user();
    if (!this._book.isEditor(this._data, user) && !this._data.warningOnly)
      throw new Error('You do not have permission to remove this protection.');
    this._book.protections = this._book.protections.filter((p) => p !== this._data);
  }
  toString(): string {
    return 'Protection';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Developer metadata

export class DeveloperMetadata {
  constructor(
    private readonly _wb: Workbook,
    readonly _entry: MetadataEntry,
  ) {}
  getId(): number {
    return this._entry.id;
  }
  getKey(): string {
    return this._entry.key;
  }
  getValue(): string | null {
    return this._entry.value;
  }
  getVisibility(): string {
    return this._entry.visibility;
  }
  getLocation(): DeveloperMetadataLocation {
    return new DeveloperMetadataLocation(this._wb, this._entry.location);
  }
  setKey(k: string): DeveloperMetadata {
    this._entry.key = String(k);
    return this;
  }
  setValue(v: string | null): DeveloperMetadata {
    this._entry.value = v == null ? null : String(v);
    return this;
  }
  setVisibility(v: unknown): DeveloperMetadata {
    this._entry.visibility = visibilityArg(v) ?? this._entry.visibility;
    return this;
  }
  remove(): void {
    this._wb.book.metadata = this._wb.book.metadata.filter((m) => m !== this._entry);
  }
  moveToColumn(range: Range): DeveloperMetadata {
    const loc = range._dimensionLocation();
    if (loc?.type !== 'COLUMN') throw new Error(METADATA_RANGE_ERROR);
    this._entry.location = loc;
    return this;
  }
  moveToRow(range: Range): DeveloperMetadata {
    const loc = range._dimensionLocation();
    if (loc?.type !== 'ROW') throw new Error(METADATA_RANGE_ERROR);
    this._entry.location = loc;
    return this;
  }
  moveToSheet(sheet: Sheet): DeveloperMetadata {
    this._entry.location = { type: 'SHEET', sheet: sheet._sh };
    return this;
  }
  moveToSpreadsheet(): DeveloperMetadata {
    this._entry.location = { type: 'SPREADSHEET' };
    return this;
  }
  toString(): string {
    return 'DeveloperMetadata';
  }
}

export class DeveloperMetadataLocation {
  constructor(
    private readonly _wb: Workbook,
    private readonly _loc: MetadataLocation,
  ) {}
  getLocationType(): string {
    return this._loc.type;
  }
  getSpreadsheet(): Spreadsheet | null {
    return this._loc.type === 'SPREADSHEET' ? this._wb.ss : null;
  }
  getSheet(): Sheet | null {
    return this._loc.type === 'SHEET' ? this._wb.sheet(this._loc.sheet) : null;
  }
  getRow(): Range | null {
    if (this._loc.type !== 'ROW') return null;
    return this._wb.range(
      this._loc.sheet,
      this._loc.start,
      0,
      this._loc.count,
      this._loc.sheet.maxColumns,
      false,
      true,
    );
  }
  getColumn(): Range | null {
    if (this._loc.type !== 'COLUMN') return null;
    return this._wb.range(this._loc.sheet, 0, this._loc.start, this._loc.sheet.maxRows, this._loc.count, true, false);
  }
  toString(): string {
    return 'DeveloperMetadataLocation';
  }
}

export class DeveloperMetadataFinder {
  private _filters: Array<(m: MetadataEntry) => boolean> = [];
  private _intersecting = false;
  constructor(
    private readonly _wb: Workbook,
    private readonly _scope: () => MetadataEntry[],
    private readonly _intersectingScope?: () => MetadataEntry[],
  ) {}
  find(): DeveloperMetadata[] {
    const base = this._intersecting && this._intersectingScope ? this._intersectingScope() : this._scope();
    return base.filter((m) => this._filters.every((f) => f(m))).map((m) => this._wb.metadataObject(m));
  }
  onIntersectingLocations(): DeveloperMetadataFinder {
    this._intersecting = true;
    return this;
  }
  withId(id: number): DeveloperMetadataFinder {
    this._filters.push((m) => m.id === Number(id));
    return this;
  }
  withKey(key: string): DeveloperMetadataFinder {
    this._filters.push((m) => m.key === String(key));
    return this;
  }
  withValue(value: string): DeveloperMetadataFinder {
    this._filters.push((m) => m.value === String(value));
    return this;
  }
  withLocationType(type: unknown): DeveloperMetadataFinder {
    this._filters.push((m) => m.location.type === String(type));
    return this;
  }
  withVisibility(v: unknown): DeveloperMetadataFinder {
    this._filters.push((m) => m.visibility === String(v));
    return this;
  }
  toString(): string {
    return 'DeveloperMetadataFinder';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// TextFinder

export class TextFinder {
  private _caseSensitive = false;
  private _entireCell = false;
  private _regex = false;
  private _formulaText = false;
  private _cursor = -1;
  private _start?: Range;
  constructor(
    private readonly _wb: Workbook,
    private readonly _range: Range,
    private readonly _text: string,
  ) {}
  matchCase(v: boolean): TextFinder {
    this._caseSensitive = Boolean(v);
    return this;
  }
  matchEntireCell(v: boolean): TextFinder {
    this._entireCell = Boolean(v);
    return this;
  }
  useRegularExpression(v: boolean): TextFinder {
    this._regex = Boolean(v);
    return this;
  }
  matchFormulaText(v: boolean): TextFinder {
    this._formulaText = Boolean(v);
    return this;
  }
  ignoreDiacritics(_v: boolean): TextFinder {
    return this;
  }
  startFrom(range: Range): TextFinder {
    this._start = range;
    this._cursor = -1;
    return this;
  }
  private _pattern(global = false): RegExp {
    const src = this._regex ? this._text : this._text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const body = this._entireCell ? `^(?:${src})$` : src;
    return new RegExp(body, (this._caseSensitive ? '' : 'i') + (global ? 'g' : ''));
  }
  /** Matching cells in row-major order (Sheets searches by rows). */
  private _matches(): Array<[number, number]> {
    const r = this._range;
    const book = this._wb.book;
    book.beforeRead(r._sh);
    const re = this._pattern();
    const out: Array<[number, number]> = [];
    const last = Math.min(r._r0 + r._nr, book.lastRow(r._sh) + 1);
    for (let row = r._r0; row < last; row++)
      for (let col = r._c0; col < r._c0 + r._nc; col++) {
        const text =
          this._formulaText && r._sh.forms.get(row, col)
            ? book.formulaText(r._sh, row, col)
            : book.displayValue(r._sh, row, col);
        if (text !== '' && re.test(text)) out.push([row, col]);
      }
    return out;
  }
  findAll(): Range[] {
    return this._matches().map(([r, c]) => this._wb.range(this._range._sh, r, c, 1, 1));
  }
  findNext(): Range | null {
    const all = this._matches();
    if (all.length === 0) return null;
    if (this._cursor < 0 && this._start) {
      const s = this._start;
      const idx = all.findIndex(([r, c]) => r > s._r0 || (r === s._r0 && c > s._c0));
      this._cursor = Math.max(idx, 0);
    } else this._cursor = (this._cursor + 1) % all.length;
    const [r, c] = all[this._cursor];
    return this._wb.range(this._range._sh, r, c, 1, 1);
  }
  findPrevious(): Range | null {
    const all = this._matches();
    if (all.length === 0) return null;
    this._cursor = this._cursor <= 0 ? all.length - 1 : this._cursor - 1;
    const [r, c] = all[this._cursor];
    return this._wb.range(this._range._sh, r, c, 1, 1);
  }
  getCurrentMatch(): Range | null {
    const all = this._matches();
    if (this._cursor < 0 || this._cursor >= all.length) return null;
    const [r, c] = all[this._cursor];
    return this._wb.range(this._range._sh, r, c, 1, 1);
  }
  replaceAllWith(replacement: string): number {
    const book = this._wb.book;
    const sh = this._range._sh;
    const all = this._matches();
    book.assertCanEdit(this._range._sh, this._range._r0, this._range._c0, this._range._nr, this._range._nc);
    const re = this._pattern(true);
    for (const [r, c] of all) {
      const f = sh.forms.get(r, c);
      if (f) {
        if (this._formulaText) book.writeBlock(sh, r, c, [[f.text.replace(re, String(replacement))]], 'value');
        continue;
      }
      const v = sh.vals.get(r, c);
      const text = typeof v === 'string' ? v : book.displayValue(sh, r, c);
      const next = text.replace(re, String(replacement));
      book.writeBlock(sh, r, c, [[typeof v === 'string' ? `'${next}` : next]], 'value');
    }
    return all.length;
  }
  replaceWith(replacement: string): number {
    const cur = this.getCurrentMatch();
    if (!cur) return 0;
    const text = cur.getDisplayValue();
    cur.setValue(text.replace(this._pattern(false), String(replacement)));
    return 1;
  }
  toString(): string {
    return 'TextFinder';
  }
}

for (const [cls, name] of [
  [SpreadsheetApp, 'SpreadsheetApp'],
  [Spreadsheet, 'Spreadsheet'],
  [Sheet, 'Sheet'],
  [Range, 'Range'],
  [RangeList, 'RangeList'],
  [Selection, 'Selection'],
  [NamedRange, 'NamedRange'],
  [Protection, 'Protection'],
  [DeveloperMetadata, 'DeveloperMetadata'],
  [DeveloperMetadataLocation, 'DeveloperMetadataLocation'],
  [DeveloperMetadataFinder, 'DeveloperMetadataFinder'],
  [TextFinder, 'TextFinder'],
  [DataValidation, 'DataValidation'],
  [DataValidationBuilder, 'DataValidationBuilder'],
] as const) {
  guardSurface(cls, name);
}

export { isDateObject, STYLE_KEYS };
