// The conformance corpus talks to the emulator as a script does: a workbook from local/index.ts, a tab filled with
// setValues, a formula written with setFormula, and what getValues / getDisplayValues give back.

import { createWorkbook } from '../../../../local/index';

export interface TestSheet {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** The value of a one-cell formula written to Z1 of the tab. */
  value(formula: string): unknown;
  /** The display value of a one-cell formula written to Z1. */
  display(formula: string): string;
  /** The rows × cols block a formula written to T1 spills into (blank cells as ''). */
  spill(formula: string, rows: number, cols: number): unknown[][];
}

/** A tab holding `rows` from A1, in a spreadsheet of the locale (en_US unless said). */
export function sheetWith(
  rows: unknown[][] = [],
  opts: { locale?: string; timeZone?: string; now?: string; name?: string } = {},
): TestSheet {
  const wb = createWorkbook({
    locale: opts.locale ?? 'en_US',
    timeZone: opts.timeZone ?? 'America/New_York',
    now: opts.now ?? '2026-03-15T09:00:00',
  });
  const ss = wb.model.spreadsheet;
  const sheet = ss.getSheets()[0];
  if (opts.name) sheet.setName(opts.name);
  if (rows.length) {
    const width = Math.max(...rows.map((r) => r.length));
    const grid = rows.map((r) => [...r, ...new Array(width - r.length).fill('')]);
    sheet.getRange(1, 1, grid.length, width).setValues(grid);
  }
  const at = (a1: string, formula: string) => {
    const cell = sheet.getRange(a1);
    cell.setFormula(formula);
    return cell;
  };
  return {
    ss,
    sheet,
    value: (formula) => at('Z1', formula).getValue(),
    display: (formula) => at('Z1', formula).getDisplayValue(),
    spill: (formula, r, c) => {
      at('T1', formula);
      return sheet.getRange(1, 20, r, c).getValues();
    },
  };
}

/** A date's calendar day as yyyy-mm-dd in the spreadsheet's zone (getValues gives Dates for date results). */
export function ymd(v: unknown, timeZone = 'America/New_York'): string {
  if (!(v instanceof Date)) throw new Error(`not a Date: ${String(v)}`);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(v);
}
