// The Funnel tab's one cell the add-on touches between rebuilds: "last month of the table", moved on by the nightly run.
import { PICK } from '../domain/funnelReport/render';
import { FUNNEL_TAB } from '../domain/funnelReport/tabs';
import { findTabOf } from './tabs';

/** The formula of the "last month" cell, or undefined when there is no Funnel tab yet. */
export function readLastMonthCell(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string | undefined {
  const sheet = findTabOf(ss, FUNNEL_TAB);
  return sheet ? sheet.getRange(PICK.lastMonth, 2).getFormula() : undefined;
}

export function writeLastMonthCell(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, formula: string): void {
  findTabOf(ss, FUNNEL_TAB)?.getRange(PICK.lastMonth, 2).setFormula(formula);
}
