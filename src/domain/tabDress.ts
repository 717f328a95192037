// How a generated tab looks besides its cells' content, as data: number formats, widths, bold cells, dropdowns,
// colour scales and embedded charts. The domain describes it; src/sheets/dress.ts applies it in a few calls and
// replaces what an earlier rebuild applied (never stacking rules or charts). Any generated tab may return one.

/** A block of cells, 1-based; one cell when rows/columns are left out. */
export interface Rect {
  row: number;
  column: number;
  rows?: number;
  columns?: number;
}

/** Number formats by meaning: the adapter picks the pattern for the sheet's locale and the Settings currency. */
export type FormatKind = 'month' | 'date' | 'count' | 'percent' | 'money';

/** A colour scale over numbers between `min` and `max` (values outside take the end colours). */
export interface Gradient {
  ranges: Rect[];
  min: number;
  max: number;
  minColor: string;
  maxColor: string;
}

export interface ChartSpec {
  /**
   * Titles in both languages: a chart whose title is one of them is this chart (found again after a rebuild, kept
   * where a person moved it).
   */
  titles: string[];
  title: string;
  type: 'bar' | 'column';
  /** The header row and first column name the series and categories. */
  range: Rect;
  stacked?: boolean;
  anchor: { row: number; column: number };
  width: number;
  height: number;
}

export interface TabDress {
  /** The sheet's locale and the Settings currency, for the number formats. */
  locale: string;
  currency: string;
  formats: Array<{ kind: FormatKind; ranges: Rect[] }>;
  bold: Rect[];
  widths: Array<{ column: number; width: number }>;
  /** Columns people need not see (working data formulas read). */
  hidden?: { column: number; columns: number };
  /** A cell whose value is picked from the values of `from`. */
  dropdowns: Array<{ cell: Rect; from: Rect; help: string }>;
  /** Cells that take a date only. */
  dateInputs: Array<{ cell: Rect; help: string }>;
  gradients: Gradient[];
  charts: ChartSpec[];
}

/** A generated tab's grid carrying its dress: the adapter that writes the grid applies it after. */
export type DressedGrid = unknown[][] & { dress?: TabDress };

export function withDress(grid: unknown[][], dress: TabDress): DressedGrid {
  return Object.assign(grid, { dress });
}
