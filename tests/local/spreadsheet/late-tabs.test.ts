// A formula may name a tab before it exists (a segment tab written before its source): like Sheets, it shows #REF!
// until a tab of that name is created or an existing tab is renamed to it, and then computes from it.

import { newModel } from './helpers';

describe('formulas naming a tab created later', () => {
  it('show #REF! until the tab is inserted, then its values', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const report = ss.getActiveSheet();
    report.getRange('A1').setFormula('=Later!A1*2');
    report.getRange('A2').setFormula('=COUNTIF(\'Later tab\'!B2:B,"x")');
    expect(report.getRange('A1:A2').getValues()).toEqual([['#REF!'], ['#REF!']]);
    ss.insertSheet('Later').getRange('A1').setValue(21);
    const later = ss.insertSheet('Later tab');
    later.getRange('B2:B4').setValues([['x'], ['y'], ['x']]);
    expect(report.getRange('A1:A2').getValues()).toEqual([[42], [2]]);
    later.getRange('B3').setValue('x');
    expect(report.getRange('A2').getValue()).toBe(3);
    expect(report.getRange('A1:A2').getFormulas()).toEqual([['=Later!A1*2'], ['=COUNTIF(\'Later tab\'!B2:B,"x")']]);
  });

  it('compute once another tab is renamed to the name they use', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const report = ss.getActiveSheet();
    report.getRange('A1').setFormula('=SUM(Totals!A:A)');
    expect(report.getRange('A1').getValue()).toBe('#REF!');
    const tab = ss.insertSheet('Draft');
    tab.getRange('A1:A2').setValues([[5], [6]]);
    tab.setName('Totals');
    expect(report.getRange('A1').getValue()).toBe(11);
  });

  it('spill a FILTER over a tab created later, and go back to #REF! when it is deleted', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const report = ss.getActiveSheet();
    report.getRange('A1').setFormula('=FILTER(Clients!A2:A, Clients!B2:B="vip")');
    expect(report.getRange('A1').getValue()).toBe('#REF!');
    const clients = ss.insertSheet('Clients');
    clients.getRange('A1:B4').setValues([
      ['Name', 'Tag'],
      ['Anna', 'vip'],
      ['Boris', ''],
      ['Vera', 'vip'],
    ]);
    expect(report.getRange('A1:A3').getValues()).toEqual([['Anna'], ['Vera'], ['']]);
    ss.deleteSheet(clients);
    expect(report.getRange('A1:A2').getValues()).toEqual([['#REF!'], ['']]);
    expect(report.getRange('A1').getFormula()).toBe('=FILTER(#REF!, #REF!="vip")');
  });
});
