// The seam between the emulated spreadsheet (local/spreadsheet) and the execution layer (local/runtime):
// what each side gives the other. Both sides code against these types only.

/** What the execution layer tells the spreadsheet about the moment and the actor. */
export interface ExecutionContext {
  /** Virtual now (the workbook clock). TODAY()/NOW() and date stamps use it, never the host clock. */
  now(): Date;
  /** Email of the user the current execution (or user edit) runs as; '' when hidden. */
  user(): string;
  /** True while script code runs (writes bypass validation); false for a person's edit through the workbook. */
  inScript(): boolean;
}

export interface SpreadsheetHooks {
  context: ExecutionContext;
  /** Spreadsheet.toast(msg, title, timeoutSeconds) is recorded by the execution layer. */
  toast(message: string, title: string, timeoutSeconds: number): void;
  /** SpreadsheetApp.getUi(): the execution layer owns the Ui (menus, sidebars, dialogs, alerts). */
  ui(): GoogleAppsScript.Base.Ui;
}

export interface SpreadsheetModelOptions {
  name?: string;
  timeZone: string;
  locale: string;
  /** The owner: may edit every protected range; scripts run as others are refused where protection says so. */
  owner: string;
  hooks: SpreadsheetHooks;
}

/** A person's change, as onEdit / onChange triggers need to hear about it. */
export interface UserChange {
  kind:
    | 'EDIT'
    | 'INSERT_ROW'
    | 'INSERT_COLUMN'
    | 'REMOVE_ROW'
    | 'REMOVE_COLUMN'
    | 'INSERT_GRID'
    | 'REMOVE_GRID'
    | 'OTHER';
  sheetName: string;
  /** The edited range as scripts see it (for onEdit's e.range). Absent for structural changes. */
  range?: GoogleAppsScript.Spreadsheet.Range;
  /** e.value / e.oldValue exist only for a single-cell edit, as in Sheets (a paste has neither). */
  value?: unknown;
  oldValue?: unknown;
}

/** How a grid cell looks, for the playground and for tests that check what a person sees. */
export interface CellView {
  display: string;
  value: unknown;
  formula: string;
  /** Options of a dropdown (list or range validation), else undefined. */
  options?: string[];
  validationHelp?: string;
  numberFormat?: string;
  background?: string;
  fontWeight?: string;
  fontColor?: string;
  note?: string;
  /** Inside a protected range or sheet (warning-only included). */
  protected?: boolean;
  /** The protection only warns before an edit. */
  warningOnly?: boolean;
  /** The current user may not edit the cell. */
  locked?: boolean;
}

export interface SheetView {
  name: string;
  sheetId: number;
  hidden: boolean;
  frozenRows: number;
  frozenColumns: number;
  maxRows: number;
  maxColumns: number;
  lastRow: number;
  lastColumn: number;
  /** Pixel widths by 1-based column, where set. */
  columnWidths: Record<number, number>;
  /** rows × columns of the requested window (default: the data range), 0-based from the window's top-left. */
  cells: CellView[][];
}

/** An embedded chart with its data as it is now (what the playground draws). */
export interface ChartView {
  id: number;
  type: string;
  title: string | null;
  options: Record<string, unknown>;
  /** 1-based anchor cell and pixel offsets, as getContainerInfo reports them. */
  position: { row: number; column: number; offsetX: number; offsetY: number };
  /** The first column (row when transposed) of the data: category labels (scatter: x values). */
  labels: Array<string | number>;
  series: Array<{ name: string; values: Array<number | null> }>;
  /** The data as a table (TABLE charts draw this). */
  table: string[][];
}

export interface SpreadsheetModel {
  /** The Spreadsheet object scripts receive (SpreadsheetApp.getActiveSpreadsheet()). */
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The SpreadsheetApp global for this workbook (getActive, getUi, newDataValidation, flush, enums…). */
  readonly app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;

  sheetNames(): string[];
  /** Computed values of the tab's data range, exactly as Range.getValues returns them. */
  values(tab: string): unknown[][];
  formulas(tab: string): string[][];
  displayValues(tab: string): string[][];
  view(tab: string, window?: { row: number; column: number; numRows: number; numColumns: number }): SheetView;

  // A person acting in the Sheets UI. Each returns what triggers need; validation and protection apply
  // (a rejected edit throws an Error whose message is what Sheets shows, and changes nothing).
  userEdit(tab: string, a1: string, input: string | number | boolean | Date | null): UserChange;
  userPaste(tab: string, a1: string, rows: unknown[][], opts?: { valuesOnly?: boolean }): UserChange;
  userInsertColumns(tab: string, beforeColumn: number, howMany: number): UserChange;
  userDeleteColumns(tab: string, column: number, howMany: number): UserChange;
  userInsertRows(tab: string, beforeRow: number, howMany: number): UserChange;
  userDeleteRows(tab: string, row: number, howMany: number): UserChange;
  userMoveColumns(tab: string, column: number, howMany: number, destinationIndex: number): UserChange;
  userRenameSheet(tab: string, newName: string): UserChange;
  userSort(tab: string, column: number, ascending: boolean): UserChange;
  /** Selection the add-on reads through getActiveRange / getActiveSheet / getSelection. */
  select(tab: string, a1: string): void;

  toXlsx(): Promise<Buffer>;
  loadCsv(tab: string, csvText: string): void;
  /** The Charts global scripts see (the Charts service's enums). */
  readonly charts: object;
  /** The tab's embedded charts with the current values of their ranges. */
  chartViews(tab: string): ChartView[];
}
