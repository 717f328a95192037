// Applies a generated tab's dress (src/domain/tabDress.ts): number formats in the sheet's locale and the Settings
// currency, bold cells, widths, hidden working columns, dropdowns, colour scales and embedded charts. Run after every
// rebuild: it replaces what an earlier run applied, so rules and charts never stack up.

import { columnLetter } from '../domain/formulas';
import type { ChartSpec, FormatKind, Rect, TabDress } from '../domain/tabDress';
import { dateFormat, moneyFormat } from './setup';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const a1 = (r: Rect) => {
  const top = `${columnLetter(r.column)}${r.row}`;
  const rows = r.rows ?? 1;
  const columns = r.columns ?? 1;
  if (rows === 1 && columns === 1) return top;
  return `${top}:${columnLetter(r.column + columns - 1)}${r.row + rows - 1}`;
};

const range = (sheet: Sheet, r: Rect) => sheet.getRange(r.row, r.column, r.rows ?? 1, r.columns ?? 1);

function pattern(kind: FormatKind, ctx: Pick<TabDress, 'locale' | 'currency'>): string {
  switch (kind) {
    case 'month':
      return 'mmmm yyyy';
    case 'date':
      return dateFormat(ctx.locale);
    case 'count':
      return '0';
    case 'percent':
      return '0.0%';
    case 'money':
      return moneyFormat(ctx.currency);
  }
}

/** The chart's builder for its type, with our options (title, stacking, size). */
function chartBuilder(
  sheet: Sheet,
  spec: ChartSpec,
  base: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder,
): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
  const typed = spec.type === 'bar' ? base.asBarChart() : base.asColumnChart();
  typed.setTitle(spec.title).setLegendPosition(Charts.Position.BOTTOM);
  if (spec.stacked) typed.setStacked();
  return typed
    .clearRanges()
    .addRange(range(sheet, spec.range))
    .setNumHeaders(1)
    .setOption('width', spec.width)
    .setOption('height', spec.height);
}

/**
 * Our charts are found by their title in either language: updated in place (a chart a person moved or resized
 * stays where it is), a copy removed, a missing one inserted at its anchor. Other charts are left alone.
 */
function applyCharts(sheet: Sheet, charts: ChartSpec[]): void {
  const existing = sheet.getCharts();
  const titleOf = (c: GoogleAppsScript.Spreadsheet.EmbeddedChart) => String(c.getOptions().get('title') ?? '');
  for (const spec of charts) {
    const mine = existing.filter((c) => spec.titles.includes(titleOf(c)));
    const [keep, ...copies] = mine;
    for (const copy of copies) sheet.removeChart(copy);
    if (keep) sheet.updateChart(chartBuilder(sheet, spec, keep.modify()).build());
    else
      sheet.insertChart(
        chartBuilder(sheet, spec, sheet.newChart()).setPosition(spec.anchor.row, spec.anchor.column, 0, 0).build(),
      );
  }
}

/** Colour scales: every gradient rule on the tab is ours (the tab is generated) and is replaced; others are kept. */
function applyGradients(sheet: Sheet, dress: TabDress): void {
  const kept = sheet.getConditionalFormatRules().filter((rule) => !rule.getGradientCondition());
  const ours = dress.gradients.map((g) =>
    SpreadsheetApp.newConditionalFormatRule()
      .setGradientMinpointWithValue(g.minColor, SpreadsheetApp.InterpolationType.NUMBER, String(g.min))
      .setGradientMaxpointWithValue(g.maxColor, SpreadsheetApp.InterpolationType.NUMBER, String(g.max))
      .setRanges(g.ranges.map((r) => range(sheet, r)))
      .build(),
  );
  sheet.setConditionalFormatRules([...kept, ...ours]);
}

/**
 * Applies the dress; the cells people fill (dropdowns, date inputs) are left out of the tab's protection, so picking
 * a month brings no warning.
 */
export function applyDress(sheet: Sheet, dress: TabDress, protection?: GoogleAppsScript.Spreadsheet.Protection): void {
  for (const f of dress.formats) sheet.getRangeList(f.ranges.map(a1)).setNumberFormat(pattern(f.kind, dress));
  if (dress.bold.length) sheet.getRangeList(dress.bold.map(a1)).setFontWeight('bold');
  // Neighbouring columns of the same width in one call.
  const widths = [...dress.widths].sort((a, b) => a.column - b.column);
  for (let i = 0; i < widths.length; ) {
    let j = i + 1;
    while (j < widths.length && widths[j].column === widths[j - 1].column + 1 && widths[j].width === widths[i].width)
      j++;
    sheet.setColumnWidths(widths[i].column, j - i, widths[i].width);
    i = j;
  }
  if (dress.hidden) sheet.hideColumns(dress.hidden.column, dress.hidden.columns);
  for (const d of dress.dropdowns) {
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInRange(range(sheet, d.from), true)
      .setAllowInvalid(false)
      .setHelpText(d.help)
      .build();
    range(sheet, d.cell).setDataValidation(rule);
  }
  for (const d of dress.dateInputs) {
    const rule = SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(false).setHelpText(d.help).build();
    range(sheet, d.cell).setDataValidation(rule);
  }
  const inputs = [...dress.dropdowns, ...dress.dateInputs].map((d) => range(sheet, d.cell));
  if (protection && inputs.length) protection.setUnprotectedRanges(inputs);
  applyGradients(sheet, dress);
  applyCharts(sheet, dress.charts);
}
