// Embedded charts: the Charts global's enums, EmbeddedChart(Builder) and the typed builders (asBarChart() …), the
// charts each tab keeps (data ranges and anchor cell follow row/column changes) and the data a view draws them from.

import type { ChartView } from '../contract';
import { type Book, type SheetData, TrackedRange } from './book';
import { APPS_SCRIPT_METHODS } from './surface';
import { guardSurface } from './surface-guard';

/** Enums of the Charts service (reference: developers.google.com/apps-script/reference/charts/charts). */
export const CHARTS_ENUMS = {
  ChartHiddenDimensionStrategy: ['IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH'],
  ChartMergeStrategy: ['MERGE_COLUMNS', 'MERGE_ROWS'],
  ChartType: [
    'TIMELINE',
    'AREA',
    'BAR',
    'BUBBLE',
    'CANDLESTICK',
    'COLUMN',
    'COMBO',
    'GAUGE',
    'GEO',
    'HISTOGRAM',
    'RADAR',
    'LINE',
    'ORG',
    'PIE',
    'SCATTER',
    'SPARKLINE',
    'STEPPED_AREA',
    'TABLE',
    'TREEMAP',
    'WATERFALL',
  ],
  ColumnType: ['DATE', 'NUMBER', 'STRING'],
  CurveStyle: ['NORMAL', 'SMOOTH'],
  PointStyle: ['NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE'],
  Position: ['TOP', 'RIGHT', 'BOTTOM', 'NONE'],
} as const;

const enumObject = (names: readonly string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));

function enumArg(e: keyof typeof CHARTS_ENUMS, v: unknown, what: string): string {
  const name = String(v);
  if (!(CHARTS_ENUMS[e] as readonly string[]).includes(name)) throw new Error(`Invalid argument: ${what}`);
  return name;
}

/** The Charts global. Its enums are real; building standalone charts (newBarChart() …) is not emulated. */
export class Charts {
  readonly ChartHiddenDimensionStrategy = enumObject(CHARTS_ENUMS.ChartHiddenDimensionStrategy);
  readonly ChartMergeStrategy = enumObject(CHARTS_ENUMS.ChartMergeStrategy);
  readonly ChartType = enumObject(CHARTS_ENUMS.ChartType);
  readonly ColumnType = enumObject(CHARTS_ENUMS.ColumnType);
  readonly CurveStyle = enumObject(CHARTS_ENUMS.CurveStyle);
  readonly PointStyle = enumObject(CHARTS_ENUMS.PointStyle);
  readonly Position = enumObject(CHARTS_ENUMS.Position);
  toString(): string {
    return 'Charts';
  }
}

export interface ChartData {
  /** Set when the chart is inserted into a sheet (getChartId is null before). */
  id: number | null;
  type: string | null;
  ranges: TrackedRange[];
  /** Google Charts options by dotted name ('title', 'legend.position', 'vAxis.title' …). */
  options: Record<string, unknown>;
  /** Anchor cell (0-based while stored: a TrackedRange of one cell, so it moves with rows and columns). */
  anchor: TrackedRange;
  offsetX: number;
  offsetY: number;
  numHeaders: number | null;
  transpose: boolean;
  hidden: string;
  merge: string;
}

/** Turns Range objects into rectangles and back (the Workbook implements it). */
export interface ChartHost {
  readonly book: Book;
  toTracked(range: unknown): TrackedRange | undefined;
  toRange(t: TrackedRange): unknown;
}

function frozen(t: TrackedRange): TrackedRange {
  return new TrackedRange(t.sheet, t.r0, t.c0, t.r1, t.c1, t.openRows, t.openColumns);
}

function cloneChart(d: ChartData): ChartData {
  return { ...d, ranges: d.ranges.map(frozen), options: { ...d.options }, anchor: frozen(d.anchor) };
}

function intArg(v: unknown, what: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`Invalid argument: ${what}`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Apps Script classes

export class ContainerInfo {
  constructor(private readonly _d: ChartData) {}
  getAnchorRow(): number {
    return this._d.anchor.r0 + 1;
  }
  getAnchorColumn(): number {
    return this._d.anchor.c0 + 1;
  }
  getOffsetX(): number {
    return this._d.offsetX;
  }
  getOffsetY(): number {
    return this._d.offsetY;
  }
  toString(): string {
    return 'ContainerInfo';
  }
}

export class ChartOptions {
  constructor(private readonly _o: Record<string, unknown>) {}
  get(option: string): unknown {
    const v = this._o[String(option)];
    return v === undefined ? null : Array.isArray(v) ? v.slice() : v;
  }
  toString(): string {
    return 'ChartOptions';
  }
}

export class EmbeddedChart {
  constructor(
    readonly _d: ChartData,
    private readonly _host: ChartHost,
  ) {}
  getChartId(): number | null {
    return this._d.id;
  }
  getContainerInfo(): ContainerInfo {
    return new ContainerInfo(this._d);
  }
  getHiddenDimensionStrategy(): string {
    return this._d.hidden;
  }
  getMergeStrategy(): string {
    return this._d.merge;
  }
  getNumHeaders(): number {
    // Sheets detects headers when none were set; what it detects is not emulated.
    if (this._d.numHeaders === null) throw new Error('not emulated: EmbeddedChart.getNumHeaders without setNumHeaders');
    return this._d.numHeaders;
  }
  getOptions(): ChartOptions {
    return new ChartOptions({ ...this._d.options });
  }
  getRanges(): unknown[] {
    return this._d.ranges.map((t) => this._host.toRange(t));
  }
  getTransposeRowsAndColumns(): boolean {
    return this._d.transpose;
  }
  asDataSourceChart(): null {
    return null;
  }
  modify(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this._host, cloneChart(this._d));
  }
  toString(): string {
    return 'EmbeddedChart';
  }
}

const LEGEND: Record<string, string> = { TOP: 'top', RIGHT: 'right', BOTTOM: 'bottom', NONE: 'none' };
const POINT_SIZE: Record<string, number> = { NONE: 0, TINY: 2, MEDIUM: 7, LARGE: 14, HUGE: 21 };

/**
 * sheet.newChart() and chart.modify(). The typed builders (asBarChart() …) are subclasses; each offers only the
 * setters its Apps Script class has (see TYPED below).
 */
export class EmbeddedChartBuilder {
  constructor(
    protected readonly _host: ChartHost,
    public _d: ChartData,
  ) {}

  private _as<T extends EmbeddedChartBuilder>(type: string, cls: new (h: ChartHost, d: ChartData) => T): T {
    this._d.type = type;
    return new cls(this._host, this._d);
  }
  asAreaChart(): EmbeddedChartBuilder {
    return this._as('AREA', EmbeddedAreaChartBuilder);
  }
  asBarChart(): EmbeddedChartBuilder {
    return this._as('BAR', EmbeddedBarChartBuilder);
  }
  asColumnChart(): EmbeddedChartBuilder {
    return this._as('COLUMN', EmbeddedColumnChartBuilder);
  }
  asComboChart(): EmbeddedChartBuilder {
    return this._as('COMBO', EmbeddedComboChartBuilder);
  }
  asHistogramChart(): EmbeddedChartBuilder {
    return this._as('HISTOGRAM', EmbeddedHistogramChartBuilder);
  }
  asLineChart(): EmbeddedChartBuilder {
    return this._as('LINE', EmbeddedLineChartBuilder);
  }
  asPieChart(): EmbeddedChartBuilder {
    return this._as('PIE', EmbeddedPieChartBuilder);
  }
  asScatterChart(): EmbeddedChartBuilder {
    return this._as('SCATTER', EmbeddedScatterChartBuilder);
  }
  asTableChart(): EmbeddedChartBuilder {
    return this._as('TABLE', EmbeddedTableChartBuilder);
  }
  addRange(range: unknown): this {
    const t = this._host.toTracked(range);
    if (!t) throw new Error('Invalid argument: range');
    this._host.book.tracked.delete(t);
    this._d.ranges.push(t);
    return this;
  }
  removeRange(range: unknown): this {
    const t = this._host.toTracked(range);
    if (!t) throw new Error('Invalid argument: range');
    this._host.book.tracked.delete(t);
    this._d.ranges = this._d.ranges.filter(
      (x) => !(x.sheet === t.sheet && x.r0 === t.r0 && x.c0 === t.c0 && x.r1 === t.r1 && x.c1 === t.c1),
    );
    return this;
  }
  clearRanges(): this {
    this._d.ranges = [];
    return this;
  }
  getRanges(): unknown[] {
    return this._d.ranges.map((t) => this._host.toRange(t));
  }
  setChartType(type: unknown): this {
    this._d.type = enumArg('ChartType', type, 'type');
    return this;
  }
  getChartType(): string | null {
    return this._d.type;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    const row = intArg(anchorRowPos, 'anchorRowPos');
    const col = intArg(anchorColPos, 'anchorColPos');
    if (row < 1 || col < 1) throw new Error('Invalid argument: anchor');
    const a = this._d.anchor;
    this._d.anchor = new TrackedRange(a.sheet, row - 1, col - 1, row - 1, col - 1);
    this._d.offsetX = intArg(offsetX, 'offsetX');
    this._d.offsetY = intArg(offsetY, 'offsetY');
    return this;
  }
  getContainer(): ContainerInfo {
    return new ContainerInfo(this._d);
  }
  setOption(option: string, value: unknown): this {
    this._d.options[String(option)] = value;
    return this;
  }
  setNumHeaders(headers: number): this {
    this._d.numHeaders = intArg(headers, 'headers');
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): this {
    this._d.transpose = Boolean(transpose);
    return this;
  }
  setHiddenDimensionStrategy(strategy: unknown): this {
    this._d.hidden = enumArg('ChartHiddenDimensionStrategy', strategy, 'strategy');
    return this;
  }
  setMergeStrategy(mergeStrategy: unknown): this {
    this._d.merge = enumArg('ChartMergeStrategy', mergeStrategy, 'mergeStrategy');
    return this;
  }
  build(): EmbeddedChart {
    if (!this._d.type)
      throw new Error('not emulated: EmbeddedChartBuilder.build before setChartType (the type Sheets would pick)');
    return new EmbeddedChart(cloneChart(this._d), this._host);
  }

  // Setters of the typed builders, as the Google Charts options they stand for.
  setTitle(title: string): this {
    return this.setOption('title', title === null ? null : String(title));
  }
  setXAxisTitle(title: string): this {
    return this.setOption('hAxis.title', String(title));
  }
  setYAxisTitle(title: string): this {
    return this.setOption('vAxis.title', String(title));
  }
  setStacked(): this {
    return this.setOption('isStacked', true);
  }
  setLegendPosition(position: unknown): this {
    return this.setOption('legend.position', LEGEND[enumArg('Position', position, 'position')]);
  }
  setColors(cssValues: string[]): this {
    if (!Array.isArray(cssValues)) throw new Error('Invalid argument: cssValues');
    return this.setOption(
      'colors',
      cssValues.map((c) => String(c)),
    );
  }
  setBackgroundColor(cssValue: string): this {
    return this.setOption('backgroundColor', String(cssValue));
  }
  setRange(start: number, end: number): this {
    const axis = this._d.type === 'BAR' ? 'hAxis' : 'vAxis';
    this.setOption(`${axis}.viewWindow.min`, Number(start));
    return this.setOption(`${axis}.viewWindow.max`, Number(end));
  }
  setPointStyle(style: unknown): this {
    return this.setOption('pointSize', POINT_SIZE[enumArg('PointStyle', style, 'style')]);
  }
  setCurveStyle(style: unknown): this {
    return this.setOption('curveType', enumArg('CurveStyle', style, 'style') === 'SMOOTH' ? 'function' : 'none');
  }
  set3D(): this {
    return this.setOption('is3D', true);
  }
  reverseCategories(): this {
    return this.setOption(this._d.type === 'BAR' ? 'vAxis.direction' : 'hAxis.direction', -1);
  }
  reverseDirection(): this {
    return this.setOption(this._d.type === 'BAR' ? 'hAxis.direction' : 'vAxis.direction', -1);
  }
  useLogScale(): this {
    return this.setOption(this._d.type === 'BAR' ? 'hAxis.logScale' : 'vAxis.logScale', true);
  }
  toString(): string {
    return this.constructor.name;
  }
}

export class EmbeddedAreaChartBuilder extends EmbeddedChartBuilder {}
export class EmbeddedBarChartBuilder extends EmbeddedChartBuilder {}
export class EmbeddedColumnChartBuilder extends EmbeddedChartBuilder {}
export class EmbeddedComboChartBuilder extends EmbeddedChartBuilder {}
export class EmbeddedHistogramChartBuilder extends EmbeddedChartBuilder {}
export class EmbeddedLineChartBuilder extends EmbeddedChartBuilder {}
export class EmbeddedPieChartBuilder extends EmbeddedChartBuilder {}
export class EmbeddedScatterChartBuilder extends EmbeddedChartBuilder {}
export class EmbeddedTableChartBuilder extends EmbeddedChartBuilder {}

/** Setters written above that only some typed builders have. */
const TYPED_SETTERS = [
  'setTitle',
  'setXAxisTitle',
  'setYAxisTitle',
  'setStacked',
  'setLegendPosition',
  'setColors',
  'setBackgroundColor',
  'setRange',
  'setPointStyle',
  'setCurveStyle',
  'set3D',
  'reverseCategories',
  'reverseDirection',
  'useLogScale',
];

for (const [cls, name] of [
  [ContainerInfo, 'ContainerInfo'],
  [ChartOptions, 'ChartOptions'],
  [EmbeddedChart, 'EmbeddedChart'],
  [Charts, 'Charts'],
] as const) {
  guardSurface(cls, name);
}
{
  // Each builder class offers exactly its Apps Script methods: a setter another chart type has is not a function.
  const base = EmbeddedChartBuilder.prototype as unknown as Record<string, unknown>;
  const impl = Object.fromEntries(TYPED_SETTERS.map((m) => [m, base[m]]));
  const builders = [
    EmbeddedAreaChartBuilder,
    EmbeddedBarChartBuilder,
    EmbeddedColumnChartBuilder,
    EmbeddedComboChartBuilder,
    EmbeddedHistogramChartBuilder,
    EmbeddedLineChartBuilder,
    EmbeddedPieChartBuilder,
    EmbeddedScatterChartBuilder,
    EmbeddedTableChartBuilder,
    EmbeddedChartBuilder,
  ];
  for (const cls of builders) {
    const surface = APPS_SCRIPT_METHODS[cls.name] ?? [];
    for (const m of TYPED_SETTERS) {
      const has = surface.includes(m);
      Object.defineProperty(cls.prototype, m, {
        value: has
          ? impl[m]
          : () => {
              throw new TypeError(`${cls.name}.${m} is not a function`);
            },
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
    guardSurface(cls, cls.name);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The charts a tab keeps

const STORE = new WeakMap<SheetData, ChartData[]>();
const NEXT_ID = new WeakMap<Book, number>();

/** sheet.newChart(): a builder anchored at the sheet's A1 until setPosition says otherwise. */
export function newChartBuilder(host: ChartHost, sh: SheetData): EmbeddedChartBuilder {
  return new EmbeddedChartBuilder(host, {
    id: null,
    type: null,
    ranges: [],
    options: {},
    anchor: new TrackedRange(sh, 0, 0, 0, 0),
    offsetX: 0,
    offsetY: 0,
    numHeaders: null,
    transpose: false,
    hidden: 'IGNORE_BOTH',
    merge: 'MERGE_COLUMNS',
  });
}

/** The tab's charts, oldest first. */
export function storedCharts(sh: SheetData): ChartData[] {
  const list = STORE.get(sh) ?? [];
  for (const d of list) {
    d.ranges = d.ranges.filter((t) => t.alive);
    // A deleted anchor row/column leaves the chart where the cells went, as Sheets keeps the chart.
    if (!d.anchor.alive) {
      d.anchor.alive = true;
      d.anchor.r0 = d.anchor.r1 = Math.min(d.anchor.r0, sh.maxRows - 1);
      d.anchor.c0 = d.anchor.c1 = Math.min(d.anchor.c0, sh.maxColumns - 1);
    }
  }
  return list;
}

function track(book: Book, sh: SheetData, d: ChartData, id: number): ChartData {
  const c = cloneChart(d);
  c.id = id;
  c.ranges = c.ranges.map((t) => book.track(t));
  c.anchor = book.track(new TrackedRange(sh, d.anchor.r0, d.anchor.c0, d.anchor.r0, d.anchor.c0));
  return c;
}

function untrack(book: Book, d: ChartData): void {
  for (const t of d.ranges) book.tracked.delete(t);
  book.tracked.delete(d.anchor);
}

export function insertChart(book: Book, sh: SheetData, chart: EmbeddedChart): void {
  if (chart._d.id !== null && storedCharts(sh).some((d) => d.id === chart._d.id))
    throw new Error('The chart is already in the sheet: use updateChart.');
  const id = NEXT_ID.get(book) ?? 1_207_553_641;
  NEXT_ID.set(book, id + 7919);
  STORE.set(sh, [...storedCharts(sh), track(book, sh, chart._d, id)]);
  // The inserted chart now lives in the spreadsheet: its id is known (reference: EmbeddedChart.getChartId).
  chart._d.id = id;
}

export function updateChart(book: Book, sh: SheetData, chart: EmbeddedChart): void {
  const list = storedCharts(sh);
  const i = list.findIndex((d) => d.id !== null && d.id === chart._d.id);
  if (i < 0) throw new Error('The chart is not in this sheet: insert it with insertChart.');
  untrack(book, list[i]);
  list[i] = track(book, sh, chart._d, list[i].id!);
}

export function removeChart(book: Book, sh: SheetData, chart: EmbeddedChart): void {
  const list = storedCharts(sh);
  const gone = list.filter((d) => d.id === chart._d.id);
  if (gone.length === 0) throw new Error('The chart is not in this sheet.');
  for (const d of gone) untrack(book, d);
  STORE.set(
    sh,
    list.filter((d) => d.id !== chart._d.id),
  );
}

/** A duplicated tab gets copies of the charts (new ids); ranges on the tab itself point at the copy. */
export function copyCharts(book: Book, from: SheetData, to: SheetData): void {
  for (const d of storedCharts(from)) {
    const c = cloneChart(d);
    c.ranges = c.ranges.map((t) =>
      t.sheet === from ? new TrackedRange(to, t.r0, t.c0, t.r1, t.c1, t.openRows, t.openColumns) : t,
    );
    insertChart(book, to, new EmbeddedChart({ ...c, id: null }, { book } as ChartHost));
  }
}

export function chartValue(d: ChartData, host: ChartHost): EmbeddedChart {
  return new EmbeddedChart(cloneChart(d), host);
}

// ---------------------------------------------------------------------------------------------------------------
// What a view draws

/**
 * The charts of a tab with the current values of their ranges: ranges side by side (MERGE_COLUMNS) or stacked
 * (MERGE_ROWS); the first column holds the labels, the others one series each (rows and columns swapped when
 * transposed); header rows name the series (setNumHeaders, else a first row of text over a number).
 */
export function chartViews(book: Book, sh: SheetData): ChartView[] {
  book.beforeRead();
  return storedCharts(sh).map((d) => {
    const blocks = d.ranges.map((t) => {
      const last = Math.min(t.r1, book.lastRow(t.sheet));
      const rows: Array<Array<{ v: unknown; text: string }>> = [];
      for (let r = t.r0; r <= last; r++) {
        const line: Array<{ v: unknown; text: string }> = [];
        for (let c = t.c0; c <= t.c1; c++)
          line.push({ v: book.computed(t.sheet, r, c).v, text: book.displayValue(t.sheet, r, c) });
        rows.push(line);
      }
      return rows;
    });
    let grid: Array<Array<{ v: unknown; text: string }>> = [];
    if (d.merge === 'MERGE_ROWS') grid = blocks.flat();
    else {
      const height = Math.max(0, ...blocks.map((b) => b.length));
      for (let i = 0; i < height; i++)
        grid.push(blocks.flatMap((b) => b[i] ?? b[0]?.map(() => ({ v: undefined, text: '' })) ?? []));
    }
    if (d.transpose) grid = grid[0] ? grid[0].map((_, j) => grid.map((row) => row[j])) : [];
    const headers =
      d.numHeaders ??
      (grid.length > 1 && typeof grid[0][1]?.v === 'string' && typeof grid[1][1]?.v === 'number' ? 1 : 0);
    const body = grid.slice(Math.max(0, headers));
    const width = grid[0]?.length ?? 0;
    const series = [];
    for (let j = 1; j < width; j++) {
      series.push({
        name:
          headers > 0
            ? grid
                .slice(0, headers)
                .map((row) => row[j].text)
                .join(' ')
            : '',
        values: body.map((row) => (typeof row[j]?.v === 'number' ? (row[j].v as number) : null)),
      });
    }
    return {
      id: d.id!,
      type: d.type!,
      title: typeof d.options.title === 'string' ? d.options.title : null,
      options: { ...d.options },
      position: { row: d.anchor.r0 + 1, column: d.anchor.c0 + 1, offsetX: d.offsetX, offsetY: d.offsetY },
      labels: body.map((row) =>
        d.type === 'SCATTER' && typeof row[0]?.v === 'number' ? row[0].v : (row[0]?.text ?? ''),
      ),
      series,
      table: grid.map((row) => row.map((x) => x.text)),
    };
  });
}
