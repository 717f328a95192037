// Conditional format rules: the builder and getters of Apps Script's reference, the rules a tab keeps through row and
// column changes, and the look they give cells in the grid view (not what getBackground reports).

import { newModel } from './helpers';

function setup() {
  const ctx = newModel({ locale: 'en_US', timeZone: 'Europe/Moscow', now: '2026-03-15T09:00:00Z' });
  const sheet = ctx.ss.getActiveSheet();
  const look = (a1: string) => {
    const r = sheet.getRange(a1);
    const cell = ctx.model.view(sheet.getName(), { row: r.getRow(), column: r.getColumn(), numRows: 1, numColumns: 1 })
      .cells[0][0];
    return { background: cell.background, fontColor: cell.fontColor, fontWeight: cell.fontWeight };
  };
  return { ...ctx, sheet, look };
}

describe('ConditionalFormatRuleBuilder (developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder)', () => {
  it('runs the reference example: cells of A1:B3 holding a number between 1 and 10 turn red', () => {
    const { app, sheet, look } = setup();
    sheet.getRange('A1:B3').setValues([
      [1, 11],
      [5, 'x'],
      ['', 10],
    ]);
    const range = sheet.getRange('A1:B3');
    const rule = app
      .newConditionalFormatRule()
      .whenNumberBetween(1, 10)
      .setBackground('#FF0000')
      .setRanges([range])
      .build();
    const rules = sheet.getConditionalFormatRules();
    rules.push(rule);
    sheet.setConditionalFormatRules(rules);

    expect(look('A1').background).toBe('#ff0000');
    expect(look('A2').background).toBe('#ff0000');
    expect(look('B3').background).toBe('#ff0000');
    expect(look('B1').background).toBeUndefined();
    expect(look('B2').background).toBeUndefined();
    expect(look('A3').background).toBeUndefined();
    // The cell's own format is untouched: Range.getBackground does not see conditional colours.
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
  });

  it('reads back what was built (reference: ConditionalFormatRule, BooleanCondition)', () => {
    const { app, sheet } = setup();
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenTextContains('vip')
        .setBackground('#b7e1cd')
        .setFontColor('#0b8043')
        .setBold(true)
        .setItalic(false)
        .setRanges([sheet.getRange('C2:C100'), sheet.getRange('E2:E')])
        .build(),
    ]);
    const [rule] = sheet.getConditionalFormatRules();
    const cond = rule.getBooleanCondition();
    expect(cond.getCriteriaType()).toBe(app.BooleanCriteria.TEXT_CONTAINS);
    expect(cond.getCriteriaValues()).toEqual(['vip']);
    expect([cond.getBackground(), cond.getFontColor(), cond.getBold(), cond.getItalic(), cond.getUnderline()]).toEqual([
      '#b7e1cd',
      '#0b8043',
      true,
      false,
      null,
    ]);
    expect(rule.getGradientCondition()).toBeNull();
    expect(rule.getRanges().map((r: any) => r.getA1Notation())).toEqual(['C2:C100', 'E2:E']);
  });

  it('copy() gives an independent builder', () => {
    const { app, sheet } = setup();
    const red = app
      .newConditionalFormatRule()
      .whenCellEmpty()
      .setBackground('#ff0000')
      .setRanges([sheet.getRange('A1:A5')]);
    const blue = red.copy().setBackground('#0000ff').build();
    expect(red.build().getBooleanCondition().getBackground()).toBe('#ff0000');
    expect(blue.getBooleanCondition().getBackground()).toBe('#0000ff');
    expect(blue.copy().getRanges()[0].getA1Notation()).toBe('A1:A5');
  });

  it('refuses a rule without a condition, an unknown criteria and a colour it cannot read', () => {
    const { app } = setup();
    expect(() => app.newConditionalFormatRule().setBackground('#ff0000').build()).toThrow(/condition/);
    expect(() => app.newConditionalFormatRule().withCriteria('NO_SUCH', [])).toThrow('Invalid argument: criteria');
    expect(() => app.newConditionalFormatRule().setBackground('rgb(1,2,3)')).toThrow(/not emulated/);
  });
});

describe('which rule a cell shows', () => {
  it('the first rule (in order) that matches decides', () => {
    const { app, sheet, look } = setup();
    sheet.getRange('A1:A3').setValues([[50], [150], [5]]);
    const r = sheet.getRange('A1:A3');
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenNumberGreaterThanOrEqualTo(100)
        .setBackground('#00ff00')
        .setRanges([r])
        .build(),
      app
        .newConditionalFormatRule()
        .whenNumberGreaterThan(10)
        .setBackground('#ffff00')
        .setBold(true)
        .setRanges([r])
        .build(),
    ]);
    expect(look('A1')).toEqual({ background: '#ffff00', fontColor: undefined, fontWeight: 'bold' });
    expect(look('A2').background).toBe('#00ff00');
    expect(look('A2').fontWeight).toBeUndefined();
    expect(look('A3').background).toBeUndefined();
  });

  it('text conditions compare what the cell shows, ignoring case; blanks match only "is empty"', () => {
    const { app, sheet, look } = setup();
    sheet.getRange('A1:A4').setValues([['Anna VIP'], ['anna'], [''], ['Zed']]);
    const r = [sheet.getRange('A1:A4')];
    sheet.setConditionalFormatRules([
      app.newConditionalFormatRule().whenTextContains('vip').setBackground('#000001').setRanges(r).build(),
      app.newConditionalFormatRule().whenTextEqualTo('ANNA').setBackground('#000002').setRanges(r).build(),
      app.newConditionalFormatRule().whenCellEmpty().setBackground('#000003').setRanges(r).build(),
      app.newConditionalFormatRule().whenTextDoesNotContain('q').setBackground('#000004').setRanges(r).build(),
    ]);
    expect(['A1', 'A2', 'A3', 'A4'].map((a) => look(a).background)).toEqual([
      '#000001',
      '#000002',
      '#000003',
      '#000004',
    ]);
  });

  it('date conditions: before today, tomorrow, after a date, in the past week (RelativeDate)', () => {
    const { app, sheet, look } = setup();
    // 2026-03-15 in Moscow.
    sheet
      .getRange('A1:A5')
      .setValues([
        [new Date('2026-03-10T12:00:00Z')],
        [new Date('2026-03-16T12:00:00Z')],
        [new Date('2026-04-01T12:00:00Z')],
        [new Date('2026-03-15T12:00:00Z')],
        ['2026-03-01 is text'],
      ]);
    const r = [sheet.getRange('A1:A5')];
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenDateEqualTo(app.RelativeDate.TOMORROW)
        .setBackground('#000001')
        .setRanges(r)
        .build(),
      app
        .newConditionalFormatRule()
        .whenDateAfter(new Date('2026-03-20T00:00:00Z'))
        .setBackground('#000002')
        .setRanges(r)
        .build(),
      app
        .newConditionalFormatRule()
        .whenDateBefore(app.RelativeDate.TODAY)
        .setBackground('#000003')
        .setRanges(r)
        .build(),
      app
        .newConditionalFormatRule()
        .whenDateEqualTo(app.RelativeDate.PAST_WEEK)
        .setBackground('#000004')
        .setRanges(r)
        .build(),
    ]);
    expect(['A1', 'A2', 'A3', 'A4', 'A5'].map((a) => look(a).background)).toEqual([
      '#000003',
      '#000001',
      '#000002',
      '#000004',
      undefined,
    ]);
    const cond = sheet.getConditionalFormatRules()[0].getBooleanCondition();
    expect(cond.getCriteriaType()).toBe('DATE_EQUAL_TO_RELATIVE');
    expect(cond.getCriteriaValues()).toEqual(['TOMORROW']);
  });

  it('a custom formula is relative to the top-left cell of the range', () => {
    const { app, sheet, look } = setup();
    sheet.getRange('A1:C4').setValues([
      ['Name', 'Spent', 'Limit'],
      ['Ann', 700, 500],
      ['Bob', 100, 500],
      ['Cid', 900, 500],
    ]);
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=$B2>$C2')
        .setFontColor('#cc0000')
        .setRanges([sheet.getRange('A2:C4')])
        .build(),
    ]);
    expect(['A2', 'C2', 'A3', 'B4'].map((a) => look(a).fontColor)).toEqual([
      '#cc0000',
      '#cc0000',
      undefined,
      '#cc0000',
    ]);
  });

  it('a gradient colours numbers between its min and max points (reference: GradientCondition)', () => {
    const { app, sheet, look } = setup();
    sheet.getRange('A1:A4').setValues([[0], [50], [100], ['n/a']]);
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .setGradientMinpoint('#ffffff')
        .setGradientMaxpoint('#57bb8a')
        .setRanges([sheet.getRange('A1:A4')])
        .build(),
    ]);
    expect(['A1', 'A2', 'A3', 'A4'].map((a) => look(a).background)).toEqual([
      '#ffffff',
      '#abddc5',
      '#57bb8a',
      undefined,
    ]);
    const g = sheet.getConditionalFormatRules()[0].getGradientCondition();
    expect([g.getMinColor(), g.getMinType(), g.getMinValue(), g.getMaxType(), g.getMidType(), g.getMidColor()]).toEqual(
      ['#ffffff', 'MIN', '', 'MAX', null, ''],
    );
  });

  it('a gradient with a numeric midpoint and percent ends', () => {
    const { app, sheet, look } = setup();
    sheet.getRange('A1:A5').setValues([[0], [10], [20], [30], [40]]);
    const I = app.InterpolationType;
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .setGradientMinpointWithValue('#ff0000', I.PERCENT, '25')
        .setGradientMidpointWithValue('#ffffff', I.NUMBER, '20')
        .setGradientMaxpointWithValue('#0000ff', I.PERCENTILE, '75')
        .setRanges([sheet.getRange('A1:A5')])
        .build(),
    ]);
    expect(['A1', 'A2', 'A3', 'A4', 'A5'].map((a) => look(a).background)).toEqual([
      '#ff0000',
      '#ff0000',
      '#ffffff',
      '#0000ff',
      '#0000ff',
    ]);
  });
});

describe('rules kept by the tab', () => {
  it('ranges follow inserted and deleted rows and columns; a rule whose cells are all deleted goes', () => {
    const { app, sheet } = setup();
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenCellNotEmpty()
        .setBackground('#ff0000')
        .setRanges([sheet.getRange('B2:C10')])
        .build(),
      app
        .newConditionalFormatRule()
        .whenCellEmpty()
        .setBackground('#00ff00')
        .setRanges([sheet.getRange('E5:E6')])
        .build(),
    ]);
    sheet.insertRowsBefore(1, 2);
    sheet.insertColumnBefore(1);
    sheet.deleteRows(5, 3);
    expect(sheet.getConditionalFormatRules().map((r: any) => r.getRanges()[0].getA1Notation())).toEqual([
      'C4:D9',
      'F5',
    ]);
    sheet.deleteColumn(6);
    expect(sheet.getConditionalFormatRules()).toHaveLength(1);
  });

  it('a custom formula keeps pointing at its cells after rows are inserted above, and $-anchored cells move', () => {
    const { app, sheet, look } = setup();
    sheet.getRange('A1:B4').setValues([
      [500, 'limit'],
      ['Ann', 700],
      ['Bob', 100],
      ['Cid', 900],
    ]);
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=$B2>$A$1')
        .setBackground('#ff0000')
        .setRanges([sheet.getRange('A2:B4')])
        .build(),
    ]);
    sheet.insertRowsBefore(1, 1);
    sheet.insertRowsBefore(3, 1);
    expect(sheet.getRange('A2').getValue()).toBe(500);
    expect(['A3', 'A4', 'A5', 'B6'].map((a) => look(a).background)).toEqual([
      undefined,
      '#ff0000',
      undefined,
      '#ff0000',
    ]);
    const cond = sheet.getConditionalFormatRules()[0].getBooleanCondition();
    // Rows inserted right above a range move it; the formula is re-based on its new top-left.
    expect(cond.getCriteriaValues()).toEqual(['=$B4>$A$2']);
    expect(sheet.getConditionalFormatRules()[0].getRanges()[0].getA1Notation()).toBe('A4:B6');
  });

  it('clearConditionalFormatRules removes them; a range on another tab is refused', () => {
    const { app, ss, sheet, look } = setup();
    sheet.getRange('A1').setValue(1);
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenCellNotEmpty()
        .setBackground('#ff0000')
        .setRanges([sheet.getRange('A1')])
        .build(),
    ]);
    expect(look('A1').background).toBe('#ff0000');
    sheet.clearConditionalFormatRules();
    expect(sheet.getConditionalFormatRules()).toEqual([]);
    expect(look('A1').background).toBeUndefined();
    const other = ss.insertSheet('Other');
    const rule = app
      .newConditionalFormatRule()
      .whenCellEmpty()
      .setRanges([other.getRange('A1')])
      .build();
    expect(() => sheet.setConditionalFormatRules([rule])).toThrow(/another sheet/);
  });

  it('a duplicated tab keeps its rules, on its own cells', () => {
    const { app, ss, sheet } = setup();
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenCellEmpty()
        .setBackground('#ff0000')
        .setRanges([sheet.getRange('A1:A3')])
        .build(),
    ]);
    const copy = sheet.copyTo(ss);
    copy.insertRowBefore(1);
    expect(copy.getConditionalFormatRules()[0].getRanges()[0].getA1Notation()).toBe('A2:A4');
    expect(copy.getConditionalFormatRules()[0].getRanges()[0].getSheet().getName()).toBe(copy.getName());
    expect(sheet.getConditionalFormatRules()[0].getRanges()[0].getA1Notation()).toBe('A1:A3');
  });
});
