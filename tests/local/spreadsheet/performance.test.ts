// Large tabs: 100,000 rows × 40 columns of plain values write and read back intact (timing lives in benchmarks).

import { newModel } from './helpers';

describe('large tabs', () => {
  it('writes and reads 100,000 rows × 40 columns with setValues/getValues', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.insertRowsAfter(1000, 99_000);
    sheet.insertColumnsAfter(26, 14);
    const rows: unknown[][] = [];
    for (let r = 0; r < 100_000; r++) {
      const row: unknown[] = [];
      for (let c = 0; c < 40; c++)
        row.push(c % 4 === 0 ? `Client ${r}` : c % 4 === 1 ? r * c : c % 4 === 2 ? r % 2 === 0 : '');
      rows.push(row);
    }
    sheet.getRange(1, 1, 100_000, 40).setValues(rows);
    expect(sheet.getLastRow()).toBe(100_000);
    expect(sheet.getLastColumn()).toBe(39);
    const back = sheet.getDataRange().getValues();
    expect(back.length).toBe(100_000);
    expect(back[99_999].slice(0, 4)).toEqual(['Client 99999', 99_999, false, '']);
    expect(back[12_345][37]).toBe(12_345 * 37);
    // A formula over the big tab still computes.
    const report = ss.insertSheet('Report');
    report.getRange('A1').setFormula('=COUNTIF(Sheet1!C:C,TRUE)');
    expect(report.getRange('A1').getValue()).toBe(50_000);
  });
});
