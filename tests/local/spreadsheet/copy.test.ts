// Copying ranges and filling formulas: relative references move with the copy, absolute ones stay.

import { newModel } from './helpers';

describe('copying and filling', () => {
  it('setFormula on a block adjusts relative references per cell', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:B3').setValues([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    sheet.getRange('C1:C3').setFormula('=A1*B1+$A$1');
    expect(sheet.getRange('C1:C3').getFormulas()).toEqual([['=A1*B1+$A$1'], ['=A2*B2+$A$1'], ['=A3*B3+$A$1']]);
    expect(sheet.getRange('C1:C3').getValues()).toEqual([[11], [41], [91]]);
  });

  it('copyTo carries values, formulas, number formats, styles and validation', () => {
    const { ss, app } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:B1').setValues([[5, '=A1*2']]);
    sheet.getRange('A1').setNumberFormat('0.00').setBackground('#00ff00');
    sheet.getRange('A1').setDataValidation(app.newDataValidation().requireNumberGreaterThan(0).build());
    sheet.getRange('A1:B1').copyTo(sheet.getRange('A3'));
    expect(sheet.getRange('A3:B3').getFormulas()).toEqual([['', '=A3*2']]);
    expect(sheet.getRange('A3:B3').getDisplayValues()).toEqual([['5.00', '10']]);
    expect(sheet.getRange('A3').getBackground()).toBe('#00ff00');
    expect(sheet.getRange('A3').getDataValidation()?.getCriteriaType()).toBe('NUMBER_GREATER_THAN');
    sheet.getRange('B1').copyTo(sheet.getRange('C5'), app.CopyPasteType.PASTE_VALUES, false);
    expect(sheet.getRange('C5').getFormula()).toBe('');
    expect(sheet.getRange('C5').getValue()).toBe(10);
  });

  it('insertCheckboxes adds a checkbox rule and unchecked values; check() ticks them', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:A2').insertCheckboxes();
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[false], [false]]);
    expect(sheet.getRange('A1').getDataValidation()?.getCriteriaType()).toBe('CHECKBOX');
    sheet.getRange('A2').check();
    expect(sheet.getRange('A2').isChecked()).toBe(true);
  });

  it('moveRows carries the row and keeps references pointing at it', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet.getRange('B1').setFormula('=A3');
    sheet.moveRows(sheet.getRange('3:3'), 1);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['c'], ['a'], ['b']]);
    expect(sheet.getRange('B2').getFormula()).toBe('=A1');
    expect(sheet.getRange('B2').getValue()).toBe('c');
  });
});
