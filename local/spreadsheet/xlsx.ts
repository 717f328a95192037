// .xlsx export and import (exceljs): tabs in order, values with dates, formulas, number formats, list/range
// validation, frozen panes, hidden tabs, column widths and a few cell styles.

import ExcelJS from 'exceljs';
import { parseA1 } from './a1';
import { type Book, type SheetData, TrackedRange, type ValidationRule } from './book';
import { isDateFormat } from './numfmt';
import { listRefs } from './refs';
import { changedNames, excelSheetName, renameSheetRefs, sheetsSheetName } from './xlsx-names';
import {
  readConditionalFormats,
  readValidation,
  validationTops,
  writeConditionalFormats,
  writeValidations,
} from './xlsx-rules';

const DAY_MS = 86_400_000;

/** exceljs treats Date values as UTC wall clock; a serial maps onto that directly. */
function serialToUtcDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * DAY_MS));
}

function utcDateToSerial(d: Date): number {
  return d.getTime() / DAY_MS + 25569;
}

export async function workbookToXlsx(book: Book): Promise<Buffer> {
  book.beforeRead();
  const wbx = new ExcelJS.Workbook();
  wbx.creator = book.owner;
  const renamed = changedNames(
    book.sheets.map((sh) => sh.name),
    excelSheetName,
  );
  for (const sh of book.sheets) {
    const ws = wbx.addWorksheet(excelSheetName(sh.name), {
      state: sh.hidden ? 'hidden' : 'visible',
      views:
        sh.frozenRows || sh.frozenColumns
          ? [{ state: 'frozen', xSplit: sh.frozenColumns, ySplit: sh.frozenRows }]
          : [{ state: 'normal' }],
    });
    const lastRow = book.lastRow(sh);
    const lastCol = Math.max(book.lastColumn(sh), sh.fmts.lastColumn(), sh.dv.lastColumn());
    const rowsWithFormats = Math.max(lastRow, sh.fmts.lastRow(), sh.dv.lastRow());
    for (let r = 0; r <= rowsWithFormats; r++) {
      for (let c = 0; c <= lastCol; c++) {
        const f = sh.forms.get(r, c);
        const v = sh.vals.get(r, c);
        const fmt = sh.fmts.get(r, c);
        const bg = sh.styles.get('background')?.get(r, c);
        const bold = sh.styles.get('fontWeight')?.get(r, c);
        const color = sh.styles.get('fontColor')?.get(r, c);
        const note = sh.styles.get('note')?.get(r, c);
        if (f === undefined && v === undefined && !fmt && !bg && !bold && !color && !note) continue;
        const cell = ws.getCell(r + 1, c + 1);
        if (f) {
          const { v: res } = book.computed(sh, r, c);
          const result = typeof res === 'number' && isDateFormat(fmt) ? serialToUtcDate(res) : res;
          cell.value = { formula: renameSheetRefs(f.text.slice(1), renamed), result } as ExcelJS.CellFormulaValue;
        } else if (v !== undefined) {
          cell.value = typeof v === 'number' && isDateFormat(fmt) ? serialToUtcDate(v) : v;
        }
        if (fmt) cell.numFmt = fmt;
        if (bg)
          cell.fill = {
            type: 'pattern',
            pattern: 'solid',
            fgColor: { argb: `FF${String(bg).replace('#', '').toUpperCase()}` },
          };
        if (bold || color)
          cell.font = {
            bold: bold === 'bold',
            color: color ? { argb: `FF${String(color).replace('#', '').toUpperCase()}` } : undefined,
          };
        if (note) cell.note = String(note);
      }
    }
    for (const [col, px] of sh.columnWidths) ws.getColumn(col).width = Math.round((px / 7) * 100) / 100;
    writeValidations(ws, sh, book);
    writeConditionalFormats(ws, sh, book);
  }
  const out = await wbx.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function cellContent(v: ExcelJS.CellValue): { value?: unknown; formula?: string; isDate?: boolean } {
  if (v === null || v === undefined) return {};
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return { value: v };
  if (v instanceof Date) return { value: utcDateToSerial(v), isDate: true };
  const o = v as unknown as Record<string, unknown>;
  if (typeof o.formula === 'string') return { formula: `=${o.formula}` };
  if (typeof o.sharedFormula === 'string') return {};
  if (Array.isArray(o.richText)) return { value: (o.richText as Array<{ text: string }>).map((t) => t.text).join('') };
  if (typeof o.text === 'string') return { value: o.text };
  if (typeof o.error === 'string') return { value: o.error };
  return { value: String(v) };
}

/** Fills an empty Book (no tabs) from an .xlsx file. */
export async function loadXlsxInto(book: Book, buf: Buffer): Promise<void> {
  const wbx = new ExcelJS.Workbook();
  await wbx.xlsx.load(buf as unknown as ArrayBuffer);
  const pendingRanges: Array<{ sh: SheetData; r: number; c: number; ref: string; rule: Omit<ValidationRule, 'args'> }> =
    [];
  const formulas: Array<{ sh: SheetData; r: number; c: number; text: string }> = [];
  const sheetsRead: Array<[ExcelJS.Worksheet, SheetData]> = [];
  const renamed = changedNames(
    wbx.worksheets.map((ws) => ws.name),
    sheetsSheetName,
  );
  for (const ws of wbx.worksheets) {
    const sh = book.addSheet(sheetsSheetName(ws.name));
    sh.maxRows = Math.max(1000, ws.rowCount);
    sh.maxColumns = Math.max(26, ws.columnCount);
    sh.hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
    const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    if (view?.state === 'frozen') {
      sh.frozenRows = view.ySplit ?? 0;
      sh.frozenColumns = view.xSplit ?? 0;
    }
    ws.columns?.forEach((col, i) => {
      if (col.width) sh.columnWidths.set(i + 1, Math.round(col.width * 7));
    });
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const r = rowNumber - 1;
        const c = colNumber - 1;
        const content = cellContent(cell.value);
        const fmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
        if (fmt) sh.fmts.set(r, c, fmt);
        else if (content.isDate) sh.fmts.set(r, c, 'yyyy-mm-dd');
        if (content.formula) formulas.push({ sh, r, c, text: content.formula });
        else if (content.value !== undefined && content.value !== '') sh.vals.set(r, c, content.value as never);
        const fill = cell.fill as { fgColor?: { argb?: string } } | undefined;
        if (fill?.fgColor?.argb) sh.style('background').set(r, c, `#${fill.fgColor.argb.slice(2).toLowerCase()}`);
        if (cell.font?.bold) sh.style('fontWeight').set(r, c, 'bold');
        if (cell.font?.color?.argb) sh.style('fontColor').set(r, c, `#${cell.font.color.argb.slice(2).toLowerCase()}`);
        if (cell.note)
          sh.style('note').set(r, c, typeof cell.note === 'string' ? cell.note : JSON.stringify(cell.note));
      });
    });
    const dvModel = (
      ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }
    ).dataValidations.model;
    const tops = validationTops(dvModel);
    const ruleCache = new Map<ExcelJS.DataValidation, ValidationRule | null>();
    for (const [address, dv] of Object.entries(dvModel)) {
      if (!dv) continue;
      const p = parseA1(address, sh.maxRows, sh.maxColumns);
      if (!p) continue;
      let rule = ruleCache.get(dv);
      if (rule === undefined) {
        const read = readValidation(dv, tops.get(dv) ?? { r: p.row - 1, c: p.column - 1 }, book);
        if (read.rangeRef !== undefined) {
          const { rangeRef, args: _args, ...rest } = read;
          for (let r = p.row - 1; r < p.row - 1 + p.numRows; r++)
            for (let c = p.column - 1; c < p.column - 1 + p.numColumns; c++)
              pendingRanges.push({ sh, r, c, ref: rangeRef, rule: rest });
          continue;
        }
        rule = read.criteria
          ? { criteria: read.criteria, args: read.args, allowInvalid: read.allowInvalid, helpText: read.helpText }
          : null;
        ruleCache.set(dv, rule);
      }
      if (!rule) continue;
      for (let r = p.row - 1; r < p.row - 1 + p.numRows; r++)
        for (let c = p.column - 1; c < p.column - 1 + p.numColumns; c++) sh.dv.set(r, c, rule);
    }
    sheetsRead.push([ws, sh]);
  }
  // Range-list rules may point at tabs defined later in the file.
  const rangeRules = new Map<string, ValidationRule>();
  for (const p of pendingRanges) {
    let rule = rangeRules.get(`${p.ref}|${p.rule.allowInvalid}|${p.rule.helpText}`);
    if (!rule) {
      const ref = listRefs(`=${renameSheetRefs(p.ref, renamed)}`)[0];
      const target = ref?.sheet ? book.sheetByName(ref.sheet) : p.sh;
      if (!ref || !target || ref.start.row === undefined || ref.start.col === undefined) continue;
      const end = ref.end ?? ref.start;
      const t = book.track(
        new TrackedRange(target, ref.start.row, ref.start.col, end.row ?? target.maxRows - 1, end.col ?? ref.start.col),
      );
      rule = { ...p.rule, args: [t, true] };
      rangeRules.set(`${p.ref}|${p.rule.allowInvalid}|${p.rule.helpText}`, rule);
    }
    p.sh.dv.set(p.r, p.c, rule);
  }
  for (const f of formulas) book.setFormulaText(f.sh, f.r, f.c, renameSheetRefs(f.text, renamed));
  for (const [ws, sh] of sheetsRead) readConditionalFormats(ws, sh, book);
  for (const sh of book.sheets) if (sh.formulaCount > 0) book.syncRect(sh, 0, 0, sh.forms.rows.length, sh.maxColumns);
}
