// The emulated Google Sheets workbook: createSpreadsheetModel and loadSpreadsheetModelFromXlsx (see local/contract.ts).

import type { SpreadsheetModelOptions } from '../contract';
import { LocalSpreadsheetModel } from './model';
import { loadXlsxInto } from './xlsx';

export function createSpreadsheetModel(opts: SpreadsheetModelOptions): LocalSpreadsheetModel {
  return new LocalSpreadsheetModel(opts);
}

export async function loadSpreadsheetModelFromXlsx(
  buf: Buffer,
  opts: SpreadsheetModelOptions,
): Promise<LocalSpreadsheetModel> {
  const model = new LocalSpreadsheetModel(opts, false);
  await loadXlsxInto(model.book, buf);
  if (model.book.sheets.length === 0) model.book.addSheet(undefined);
  return model;
}

export {
  DeveloperMetadata,
  DeveloperMetadataFinder,
  DeveloperMetadataLocation,
  NamedRange,
  Protection,
  Range,
  RangeList,
  Selection,
  Sheet,
  Spreadsheet,
  SpreadsheetApp,
  TextFinder,
} from './api';
export { LocalSpreadsheetModel } from './model';
export { DataValidation, DataValidationBuilder } from './validation';
