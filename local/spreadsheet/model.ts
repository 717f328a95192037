// The SpreadsheetModel of local/contract.ts: the workbook plus what a person does in the Sheets UI and the views.

import type {
  CellView,
  ChartView,
  SheetView,
  SpreadsheetModel,
  SpreadsheetModelOptions,
  UserChange,
} from '../contract';
import { parseA1 } from './a1';
import { type Range, type Sheet, type Spreadsheet, type SpreadsheetApp, Workbook } from './api';
import { Book, type FormulaCell, isDateObject, type Scalar, type SheetData } from './book';
import { Charts, chartViews } from './charts';
import { conditionalLook } from './conditional';
import { parseCsv } from './csv';
import { dropdownOptions, rejectionMessage, satisfies } from './validation';
import { workbookToXlsx } from './xlsx';

interface CellSnapshot {
  r: number;
  c: number;
  v: Scalar | undefined;
  f: FormulaCell | undefined;
  fmt: string | undefined;
}

/** onEdit's e.value / e.oldValue are strings (numbers and dates as their serial, booleans as TRUE/FALSE). */
function eventValue(v: Scalar | undefined): unknown {
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

export class LocalSpreadsheetModel implements SpreadsheetModel {
  readonly book: Book;
  readonly wb: Workbook;

  constructor(opts: SpreadsheetModelOptions, createFirstSheet = true) {
    this.book = new Book(opts);
    if (createFirstSheet) this.book.addSheet(undefined);
    this.wb = new Workbook(this.book);
  }

  get spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.wb.ss as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }

  get app(): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
    return this.wb.app as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  }

  /** The Charts global (its enums; embedded charts are built with Sheet.newChart). */
  readonly charts = new Charts();

  /** The tab's embedded charts with their data as it is now, for the playground to draw. */
  chartViews(tab: string): ChartView[] {
    return chartViews(this.book, this.tab(tab));
  }

  /** The emulator's own objects (typed as the emulator's classes). */
  get ss(): Spreadsheet {
    return this.wb.ss;
  }

  get spreadsheetApp(): SpreadsheetApp {
    return this.wb.app;
  }

  private tab(name: string): SheetData {
    const sh = this.book.sheetByName(name);
    if (!sh) throw new Error(`No tab named "${name}"`);
    return sh;
  }

  sheet(name: string): Sheet {
    return this.wb.sheet(this.tab(name));
  }

  sheetNames(): string[] {
    return this.book.sheets.map((s) => s.name);
  }

  values(tab: string): unknown[][] {
    return this.sheet(tab).getDataRange().getValues();
  }

  formulas(tab: string): string[][] {
    return this.sheet(tab).getDataRange().getFormulas();
  }

  displayValues(tab: string): string[][] {
    return this.sheet(tab).getDataRange().getDisplayValues();
  }

  view(tab: string, window?: { row: number; column: number; numRows: number; numColumns: number }): SheetView {
    const sh = this.tab(tab);
    const book = this.book;
    book.beforeRead();
    const lastRow = book.lastRow(sh) + 1;
    const lastColumn = book.lastColumn(sh) + 1;
    const w = window ?? { row: 1, column: 1, numRows: Math.max(1, lastRow), numColumns: Math.max(1, lastColumn) };
    const cells: CellView[][] = [];
    const user = book.hooks.context.user();
    const look = conditionalLook(book, sh);
    for (let i = 0; i < w.numRows; i++) {
      const line: CellView[] = [];
      for (let j = 0; j < w.numColumns; j++) {
        const r = w.row - 1 + i;
        const c = w.column - 1 + j;
        const value = book.scriptValue(sh, r, c);
        const cell: CellView = { display: book.displayValue(sh, r, c), value, formula: book.formulaText(sh, r, c) };
        const rule = sh.dv.get(r, c);
        if (rule) {
          const options = dropdownOptions(rule, book);
          if (options) cell.options = options;
          if (rule.helpText) cell.validationHelp = rule.helpText;
        }
        const fmt = sh.fmts.get(r, c);
        if (fmt) cell.numberFormat = fmt;
        const bg = sh.styles.get('background')?.get(r, c);
        if (bg) cell.background = String(bg);
        const fw = sh.styles.get('fontWeight')?.get(r, c);
        if (fw) cell.fontWeight = String(fw);
        const fc = sh.styles.get('fontColor')?.get(r, c);
        if (fc) cell.fontColor = String(fc);
        // Conditional formats show over the cell's own format, as in Sheets (getBackground still reads the cell's).
        const cf = look?.(r, c);
        if (cf?.background) cell.background = cf.background;
        if (cf?.fontColor) cell.fontColor = cf.fontColor;
        if (cf?.bold !== undefined) cell.fontWeight = cf.bold ? 'bold' : 'normal';
        const note = sh.styles.get('note')?.get(r, c);
        if (note) cell.note = String(note);
        if (book.protections.length) {
          const p = book.coveringProtection(sh, r, c);
          if (p) {
            cell.protected = true;
            if (p.warningOnly) cell.warningOnly = true;
            if (book.blockingProtection(sh, r, c, 1, 1, user)) cell.locked = true;
          }
        }
        line.push(cell);
      }
      cells.push(line);
    }
    const widths: Record<number, number> = {};
    for (const [k, v] of sh.columnWidths) widths[k] = v;
    return {
      name: sh.name,
      sheetId: sh.id,
      hidden: sh.hidden,
      frozenRows: sh.frozenRows,
      frozenColumns: sh.frozenColumns,
      maxRows: sh.maxRows,
      maxColumns: sh.maxColumns,
      lastRow,
      lastColumn,
      columnWidths: widths,
      cells,
    };
  }

  private rangeOf(tab: string, a1: string): Range {
    const sh = this.tab(tab);
    return this.wb.rangeFromA1(a1.includes('!') ? a1 : `'${sh.name.replace(/'/g, "''")}'!${a1}`, sh);
  }

  private snapshot(sh: SheetData, r0: number, c0: number, nr: number, nc: number): CellSnapshot[] {
    const out: CellSnapshot[] = [];
    for (let r = r0; r < r0 + nr; r++)
      for (let c = c0; c < c0 + nc; c++)
        out.push({ r, c, v: sh.vals.get(r, c), f: sh.forms.get(r, c), fmt: sh.fmts.get(r, c) });
    return out;
  }

  private restore(sh: SheetData, snap: CellSnapshot[], r0: number, c0: number, nr: number, nc: number): void {
    for (const s of snap) {
      if (s.f) this.book.setFormulaText(sh, s.r, s.c, s.f.text);
      else this.book.setValueRaw(sh, s.r, s.c, s.v);
      sh.fmts.set(s.r, s.c, s.fmt);
    }
    this.book.syncRect(sh, r0, c0, nr, nc);
  }

  /** Writes as a person would; validation with "reject input" undoes the write and throws Sheets' message. */
  private personWrite(sh: SheetData, r0: number, c0: number, data: unknown[][]): void {
    const nr = data.length;
    const nc = nr ? Math.max(...data.map((row) => row.length)) : 0;
    this.book.assertCanEdit(sh, r0, c0, nr, nc);
    if (r0 + nr > sh.maxRows || c0 + nc > sh.maxColumns) {
      // A paste past the edge grows the grid, as Sheets does.
      if (r0 + nr > sh.maxRows)
        this.book.structural(sh, 'row', { kind: 'insert', at: sh.maxRows, count: r0 + nr - sh.maxRows });
      if (c0 + nc > sh.maxColumns)
        this.book.structural(sh, 'col', { kind: 'insert', at: sh.maxColumns, count: c0 + nc - sh.maxColumns });
    }
    const snap = this.snapshot(sh, r0, c0, nr, nc);
    const rect = data.map((row) => Array.from({ length: nc }, (_, j) => (j < row.length ? row[j] : null)));
    this.book.writeBlock(sh, r0, c0, rect, 'user');
    for (let i = 0; i < nr; i++)
      for (let j = 0; j < nc; j++) {
        const rule = sh.dv.get(r0 + i, c0 + j);
        if (!rule || rule.allowInvalid) continue;
        if (!satisfies(rule, this.book, sh, r0 + i, c0 + j)) {
          this.restore(sh, snap, r0, c0, nr, nc);
          throw new Error(rejectionMessage(rule, this.wb.range(sh, r0 + i, c0 + j, 1, 1).getA1Notation()));
        }
      }
  }

  userEdit(tab: string, a1: string, input: string | number | boolean | Date | null): UserChange {
    const range = this.rangeOf(tab, a1);
    const sh = range._sh;
    this.book.beforeRead(sh);
    const single = range._nr === 1 && range._nc === 1;
    const oldValue = single ? this.book.computed(sh, range._r0, range._c0).v : undefined;
    const x = input === null ? null : isDateObject(input) ? input : input;
    const data = Array.from({ length: range._nr }, () => new Array(range._nc).fill(x));
    this.personWrite(sh, range._r0, range._c0, data);
    const change: UserChange = {
      kind: 'EDIT',
      sheetName: sh.name,
      range: range as unknown as GoogleAppsScript.Spreadsheet.Range,
    };
    if (single) {
      this.book.beforeRead(sh);
      const nv = this.book.computed(sh, range._r0, range._c0).v;
      if (nv !== undefined) change.value = eventValue(nv);
      if (oldValue !== undefined) change.oldValue = eventValue(oldValue);
    }
    return change;
  }

  userPaste(tab: string, a1: string, rows: unknown[][], opts?: { valuesOnly?: boolean }): UserChange {
    const target = this.rangeOf(tab, a1);
    const sh = target._sh;
    const nr = rows.length;
    const nc = nr ? Math.max(...rows.map((r) => r.length)) : 0;
    if (nr === 0 || nc === 0) return { kind: 'EDIT', sheetName: sh.name, range: target as never };
    const data = opts?.valuesOnly
      ? rows.map((row) => row.map((v) => (typeof v === 'string' && v.startsWith('=') ? `'${v}` : v)))
      : rows;
    if (opts?.valuesOnly) this.personWrite(sh, target._r0, target._c0, data);
    else {
      // A normal paste (Ctrl+V of cells copied elsewhere) carries the source's data validation, here none: the
      // target's rules are replaced and nothing is rejected — how validation gets lost in real sheets. Paste
      // special → values only keeps the rules and is checked against them.
      this.book.assertCanEdit(sh, target._r0, target._c0, nr, nc);
      if (target._r0 + nr <= sh.maxRows && target._c0 + nc <= sh.maxColumns)
        sh.dv.clearRect(target._r0, target._c0, nr, nc);
      this.personWrite(sh, target._r0, target._c0, data);
      sh.dv.clearRect(target._r0, target._c0, nr, nc);
    }
    const range = this.wb.range(sh, target._r0, target._c0, nr, nc);
    return { kind: 'EDIT', sheetName: sh.name, range: range as never };
  }

  private structuralEdit(
    tab: string,
    dim: 'row' | 'col',
    kind: 'insert' | 'delete',
    at1: number,
    count: number,
  ): SheetData {
    const sh = this.tab(tab);
    this.book.assertCanChangeStructure(sh, dim, at1 - 1, count, kind === 'delete');
    const s = this.wb.sheet(sh);
    if (dim === 'row') {
      if (kind === 'insert') s.insertRowsBefore(at1, count);
      else s.deleteRows(at1, count);
    } else if (kind === 'insert') s.insertColumnsBefore(at1, count);
    else s.deleteColumns(at1, count);
    return sh;
  }

  userInsertColumns(tab: string, beforeColumn: number, howMany: number): UserChange {
    const sh = this.structuralEdit(tab, 'col', 'insert', beforeColumn, howMany);
    return { kind: 'INSERT_COLUMN', sheetName: sh.name };
  }

  userDeleteColumns(tab: string, column: number, howMany: number): UserChange {
    const sh = this.structuralEdit(tab, 'col', 'delete', column, howMany);
    return { kind: 'REMOVE_COLUMN', sheetName: sh.name };
  }

  userInsertRows(tab: string, beforeRow: number, howMany: number): UserChange {
    const sh = this.structuralEdit(tab, 'row', 'insert', beforeRow, howMany);
    return { kind: 'INSERT_ROW', sheetName: sh.name };
  }

  userDeleteRows(tab: string, row: number, howMany: number): UserChange {
    const sh = this.structuralEdit(tab, 'row', 'delete', row, howMany);
    return { kind: 'REMOVE_ROW', sheetName: sh.name };
  }

  userMoveColumns(tab: string, column: number, howMany: number, destinationIndex: number): UserChange {
    const sh = this.tab(tab);
    const s = this.wb.sheet(sh);
    s.moveColumns(this.wb.range(sh, 0, column - 1, sh.maxRows, howMany), destinationIndex);
    return { kind: 'OTHER', sheetName: sh.name };
  }

  userRenameSheet(tab: string, newName: string): UserChange {
    const sh = this.tab(tab);
    this.book.assertCanChangeStructure(sh, 'row', 0, 0, false);
    this.book.renameSheet(sh, newName);
    return { kind: 'OTHER', sheetName: sh.name };
  }

  userSort(tab: string, column: number, ascending: boolean): UserChange {
    const sh = this.tab(tab);
    this.wb.sheet(sh).sort(column, ascending);
    return { kind: 'OTHER', sheetName: sh.name };
  }

  select(tab: string, a1: string): void {
    this.rangeOf(tab, a1).activate();
  }

  toXlsx(): Promise<Buffer> {
    return workbookToXlsx(this.book);
  }

  loadCsv(tab: string, csvText: string): void {
    let sh = this.book.sheetByName(tab);
    if (!sh) sh = this.book.addSheet(tab);
    const rows = parseCsv(csvText);
    const nc = rows.reduce((m, r) => Math.max(m, r.length), 0);
    if (rows.length > sh.maxRows)
      this.book.structural(sh, 'row', { kind: 'insert', at: sh.maxRows, count: rows.length - sh.maxRows });
    if (nc > sh.maxColumns)
      this.book.structural(sh, 'col', { kind: 'insert', at: sh.maxColumns, count: nc - sh.maxColumns });
    const data = rows.map((r) => Array.from({ length: nc }, (_, j) => r[j] ?? ''));
    this.book.clearContents(sh, 0, 0, sh.maxRows, sh.maxColumns);
    if (rows.length) this.book.writeBlock(sh, 0, 0, data, 'user');
  }
}

export { parseA1 };
