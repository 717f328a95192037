// R1C1 notation both ways (developers.google.com/apps-script/reference/spreadsheet/range#setFormulaR1C1(String),
// #getFormulaR1C1(), #getFormulasR1C1()): R1/C1 absolute, R[-1]/C[2] relative to the formula's cell, a bare R or C
// the cell's own row or column, a row or column part alone the whole row or column.

import { newModel } from './helpers';

function sheet() {
  const { ss } = newModel({ locale: 'en_US' });
  const clients = ss.insertSheet('Clients');
  const report = ss.getActiveSheet();
  return { ss, report, clients };
}

describe('R1C1 formulas', () => {
  it('setFormulaR1C1: the sum of the 3 rows above B5 (Range.setFormulaR1C1 example)', () => {
    const { report } = sheet();
    report.getRange('B2:B4').setValues([[1], [2], [3]]);
    report.getRange('B5').setFormulaR1C1('=SUM(R[-3]C[0]:R[-1]C[0])');
    expect(report.getRange('B5').getFormula()).toBe('=SUM(B2:B4)');
    expect(report.getRange('B5').getValue()).toBe(6);
  });

  it.each([
    ['=R1C[-5]', '=C$1'],
    ['=SUM(C[-1])', '=SUM(G:G)'],
    ['=R[0]C', '=H5'],
    ['=RC[1]*2', '=I5*2'],
    ['=R2C3', '=$C$2'],
    ['=R[-1]C2', '=$B4'],
    ['=Clients!R3C3', '=Clients!$C$3'],
    ['=COUNTIF(Clients!C3,"x")', '=COUNTIF(Clients!$C:$C,"x")'],
    ["='My tab'!R1C1:R2C2", "='My tab'!$A$1:$B$2"],
    ['=SUM(R[1])', '=SUM(6:6)'],
    ['=LEN("R1C1")+ROUND(R1C1,0)', '=LEN("R1C1")+ROUND($A$1,0)'],
    ['=R[-5]C', '=#REF!'],
  ])('writes %s in H5 as %s', (r1c1, a1) => {
    const { ss, report } = sheet();
    ss.insertSheet('My tab');
    report.getRange('H5').setFormulaR1C1(r1c1);
    expect(report.getRange('H5').getFormula()).toBe(a1);
  });

  it('setFormulaR1C1 on a block gives each cell its own references', () => {
    const { report } = sheet();
    report.getRange('A1:A3').setValues([[1], [2], [3]]);
    report.getRange('B1:B3').setFormulaR1C1('=RC[-1]*10');
    expect(report.getRange('B1:B3').getFormulas()).toEqual([['=A1*10'], ['=A2*10'], ['=A3*10']]);
    expect(report.getRange('B1:B3').getValues()).toEqual([[10], [20], [30]]);
  });

  it('setFormulasR1C1: a row of sums and a row of averages (Range.setFormulasR1C1 example)', () => {
    const { report } = sheet();
    const sum = '=SUM(R[-3]C[0]:R[-1]C[0])';
    const avg = '=AVERAGE(R[-4]C[0]:R[-2]C[0])';
    report.getRange('B5:D6').setFormulasR1C1([
      [sum, sum, sum],
      [avg, avg, avg],
    ]);
    expect(report.getRange('B5:D6').getFormulas()).toEqual([
      ['=SUM(B2:B4)', '=SUM(C2:C4)', '=SUM(D2:D4)'],
      ['=AVERAGE(B2:B4)', '=AVERAGE(C2:C4)', '=AVERAGE(D2:D4)'],
    ]);
  });

  it('RangeList.setFormulaR1C1 writes into each range (RangeList.setFormulaR1C1 example)', () => {
    const { report } = sheet();
    report.getRangeList(['A11', 'C11']).setFormulaR1C1('=SUM(R[-3]C[0]:R[-1]C[0])');
    expect(report.getRange('A11:C11').getFormulas()).toEqual([['=SUM(A8:A10)', '', '=SUM(C8:C10)']]);
  });

  it('getFormulaR1C1 reads a formula back relative to its cell, and null where there is none', () => {
    const { report } = sheet();
    report.getRange('B5').setFormula('=SUM(B2:B4)+$A$1+C$1+Clients!$C:$C');
    expect(report.getRange('B5').getFormulaR1C1()).toBe('=SUM(R[-3]C[0]:R[-1]C[0])+R1C1+R1C[1]+Clients!C3:C3');
    report.getRange('A1').setValue(5);
    expect(report.getRange('A1').getFormulaR1C1()).toBeNull();
    expect(report.getRange('Z9').getFormulaR1C1()).toBeNull();
  });

  it('getFormulasR1C1 gives null for cells without a formula and round-trips through setFormulasR1C1', () => {
    const { report } = sheet();
    report.getRange('A1:B2').setFormulas([
      ['=B1', ''],
      ['=SUM(A$1:A1)', '=G:G'],
    ]);
    const r1c1 = report.getRange('A1:B2').getFormulasR1C1();
    expect(r1c1).toEqual([
      ['=R[0]C[1]', null],
      ['=SUM(R1C[0]:R[-1]C[0])', '=C[5]:C[5]'],
    ]);
    report.getRange('D4:E5').setFormulasR1C1(r1c1.map((row: Array<string | null>) => row.map((f) => f ?? '')));
    expect(report.getRange('D4:E5').getFormulas()).toEqual([
      ['=E4', ''],
      ['=SUM(D$1:D4)', '=J:J'],
    ]);
  });
});
