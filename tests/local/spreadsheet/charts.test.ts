// Embedded charts: the reference examples of EmbeddedChart / EmbeddedChartBuilder, the typed builders, charts kept
// by the tab through row/column changes, and the data a view draws them from.

import { newModel } from './helpers';

function setup() {
  const ctx = newModel({ locale: 'en_US' });
  const sheet = ctx.ss.getActiveSheet();
  sheet.getRange('A1:C5').setValues([
    ['Month', 'Leads', 'Buyers'],
    ['Jan', 10, 2],
    ['Feb', 12, 5],
    ['Mar', 20, 4],
    ['Apr', 25, 9],
  ]);
  const Charts = ctx.model.charts as any;
  return { ...ctx, sheet, Charts };
}

describe('EmbeddedChart (developers.google.com/apps-script/reference/spreadsheet/embedded-chart)', () => {
  it('creates a chart as the reference example does and reads it back', () => {
    const { sheet, Charts } = setup();
    const chartBuilder = sheet.newChart();
    chartBuilder
      .addRange(sheet.getRange('A1:B5'))
      .setChartType(Charts.ChartType.LINE)
      .setOption('title', 'My Line Chart!');
    sheet.insertChart(chartBuilder.build());
    const [chart] = sheet.getCharts();
    expect(typeof chart.getChartId()).toBe('number');
    expect(chart.modify().getChartType()).toBe(Charts.ChartType.LINE);
    expect(chart.getOptions().get('title')).toBe('My Line Chart!');
    expect(chart.getOptions().get('no.such.option')).toBeNull();
    expect(chart.getRanges().map((r: any) => r.getA1Notation())).toEqual(['A1:B5']);
    expect(chart.getHiddenDimensionStrategy()).toBe(Charts.ChartHiddenDimensionStrategy.IGNORE_BOTH);
    expect(chart.getMergeStrategy()).toBe(Charts.ChartMergeStrategy.MERGE_COLUMNS);
    expect(chart.getTransposeRowsAndColumns()).toBe(false);
    expect(chart.asDataSourceChart()).toBeNull();
  });

  it('modifies an existing chart as the reference example does (modify → build → updateChart)', () => {
    const { sheet, Charts } = setup();
    sheet.insertChart(sheet.newChart().addRange(sheet.getRange('A1:B5')).setChartType(Charts.ChartType.COLUMN).build());
    const id = sheet.getCharts()[0].getChartId();
    let chart = sheet.getCharts()[0];
    chart = chart
      .modify()
      .addRange(sheet.getRange('C1:C5'))
      .setOption('title', 'Updated!')
      .setOption('animation.duration', 500)
      .setPosition(2, 2, 0, 0)
      .build();
    sheet.updateChart(chart);
    const [back] = sheet.getCharts();
    expect(back.getChartId()).toBe(id);
    expect(back.getOptions().get('animation.duration')).toBe(500);
    expect(back.getRanges().map((r: any) => r.getA1Notation())).toEqual(['A1:B5', 'C1:C5']);
    const info = back.getContainerInfo();
    expect([info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()]).toEqual([2, 2, 0, 0]);
  });

  it('getChartId is null until the chart is in the sheet; removeChart takes it out', () => {
    const { sheet, Charts } = setup();
    const chart = sheet.newChart().addRange(sheet.getRange('A1:B5')).setChartType(Charts.ChartType.PIE).build();
    expect(chart.getChartId()).toBeNull();
    expect(() => sheet.updateChart(chart)).toThrow(/insertChart/);
    sheet.insertChart(chart);
    expect(chart.getChartId()).toBe(sheet.getCharts()[0].getChartId());
    sheet.removeChart(sheet.getCharts()[0]);
    expect(sheet.getCharts()).toEqual([]);
  });

  it('typed builders set Google Charts options and offer only their own methods', () => {
    const { sheet, Charts } = setup();
    const column = sheet
      .newChart()
      .asColumnChart()
      .addRange(sheet.getRange('A1:C5'))
      .setTitle('Funnel')
      .setStacked()
      .setLegendPosition(Charts.Position.BOTTOM)
      .setColors(['#4285f4', '#db4437'])
      .setXAxisTitle('Month')
      .setYAxisTitle('People')
      .setNumHeaders(1)
      .build();
    expect(column.modify().getChartType()).toBe('COLUMN');
    const o = column.getOptions();
    expect([
      o.get('title'),
      o.get('isStacked'),
      o.get('legend.position'),
      o.get('colors'),
      o.get('hAxis.title'),
    ]).toEqual(['Funnel', true, 'bottom', ['#4285f4', '#db4437'], 'Month']);
    expect(column.getNumHeaders()).toBe(1);
    const pie = sheet.newChart().asPieChart();
    expect(pie.setTitle('Share').set3D()).toBe(pie);
    expect(() => pie.setStacked()).toThrow(TypeError);
    expect(() => sheet.newChart().setTitle('x')).toThrow(TypeError);
    expect(sheet.newChart().asBarChart().modify).toBeUndefined();
  });

  it('says what it does not emulate instead of answering', () => {
    const { sheet, Charts } = setup();
    const chart = sheet.newChart().asLineChart().addRange(sheet.getRange('A1:B5')).build();
    expect(() => chart.getBlob()).toThrow('not emulated: EmbeddedChart.getBlob');
    expect(() => chart.getNumHeaders()).toThrow(/not emulated/);
    expect(() => Charts.newBarChart()).toThrow('not emulated: Charts.newBarChart');
    expect(() => sheet.newChart().build()).toThrow(/not emulated/);
    expect(() => sheet.newChart().setChartType('DONUT')).toThrow('Invalid argument: type');
  });
});

describe('charts kept by the tab', () => {
  it('data ranges and the anchor cell follow inserted and deleted rows and columns', () => {
    const { sheet, Charts } = setup();
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(Charts.ChartType.BAR)
        .addRange(sheet.getRange('A1:C5'))
        .setPosition(7, 2, 10, 20)
        .build(),
    );
    sheet.insertRowsBefore(1, 2);
    sheet.insertColumnBefore(2);
    sheet.deleteRows(5, 1);
    const [chart] = sheet.getCharts();
    expect(chart.getRanges()[0].getA1Notation()).toBe('A3:D6');
    const info = chart.getContainerInfo();
    expect([info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()]).toEqual([8, 3, 10, 20]);
  });

  it('a duplicated tab gets its own copies of the charts', () => {
    const { ss, sheet, Charts } = setup();
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.LINE).addRange(sheet.getRange('A1:B5')).build());
    const copy = sheet.copyTo(ss);
    const [c] = copy.getCharts();
    expect(c.getChartId()).not.toBe(sheet.getCharts()[0].getChartId());
    expect(c.getRanges()[0].getSheet().getName()).toBe(copy.getName());
  });
});

describe('what the playground draws', () => {
  it('labels from the first column, one series per other column, named by the header row; values as they are now', () => {
    const { model, sheet } = setup();
    sheet.insertChart(
      sheet
        .newChart()
        .asColumnChart()
        .addRange(sheet.getRange('A1:C5'))
        .setTitle('Funnel')
        .setPosition(2, 5, 0, 0)
        .build(),
    );
    sheet.getRange('B5').setValue(30);
    const [view] = model.chartViews(sheet.getName());
    expect(view).toMatchObject({
      type: 'COLUMN',
      title: 'Funnel',
      position: { row: 2, column: 5, offsetX: 0, offsetY: 0 },
      labels: ['Jan', 'Feb', 'Mar', 'Apr'],
      series: [
        { name: 'Leads', values: [10, 12, 20, 30] },
        { name: 'Buyers', values: [2, 5, 4, 9] },
      ],
    });
    expect(view.table[0]).toEqual(['Month', 'Leads', 'Buyers']);
  });

  it('two ranges merge side by side; transposed data reads rows as series', () => {
    const { model, sheet, Charts } = setup();
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(Charts.ChartType.LINE)
        .addRange(sheet.getRange('A1:A5'))
        .addRange(sheet.getRange('C1:C5'))
        .build(),
    );
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(Charts.ChartType.LINE)
        .addRange(sheet.getRange('A1:C3'))
        .setTransposeRowsAndColumns(true)
        .setNumHeaders(1)
        .build(),
    );
    const [merged, transposed] = model.chartViews(sheet.getName());
    expect(merged.series).toEqual([{ name: 'Buyers', values: [2, 5, 4, 9] }]);
    expect(transposed.labels).toEqual(['Leads', 'Buyers']);
    expect(transposed.series).toEqual([
      { name: 'Jan', values: [10, 2] },
      { name: 'Feb', values: [12, 5] },
    ]);
  });
});
