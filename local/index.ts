// Runs Kartoteka without Google: createWorkbook / loadWorkbook give an emulated spreadsheet with Apps Script services,
// into which the built add-on (dist/Code.js) is loaded. See local/README.md.
import { readFileSync } from 'node:fs';
import { Workbook, type WorkbookOptions } from './runtime/workbook';
import { createSpreadsheetModel, loadSpreadsheetModelFromXlsx } from './spreadsheet';

export type { CellView, ChartView, SheetView, SpreadsheetModel, UserChange } from './contract';
export type { ConcurrentOptions, ConcurrentOutcome, ConcurrentTask } from './runtime/concurrent';
export type { ExecutionRecord, LogEntry } from './runtime/execution';
export type { SentMail } from './runtime/services/mail';
export type { AlertRecord, Answer, MenuRecord, PanelRecord } from './runtime/services/ui';
export type { WebAppManifest, WebAppResponse } from './runtime/webapp';
export type { Addon, AddonSource, FiredTrigger, ToastRecord, TriggerView, WorkbookOptions } from './runtime/workbook';
export { Workbook };

/** A new workbook: one empty sheet ('Лист1' for ru locales, else 'Sheet1'), services, a virtual clock. */
export function createWorkbook(opts: WorkbookOptions = {}): Workbook {
  return new Workbook(opts, createSpreadsheetModel);
}

/** A workbook whose spreadsheet is read from an .xlsx file (path or bytes). */
export async function loadWorkbook(file: string | Buffer, opts: WorkbookOptions = {}): Promise<Workbook> {
  const buf = typeof file === 'string' ? readFileSync(file) : file;
  const wb = new Workbook(opts);
  wb._attachModel(await loadSpreadsheetModelFromXlsx(buf, wb.modelOptions(opts.name)));
  return wb;
}
