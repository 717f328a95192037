// Range values as Apps Script sees them: Sheets' value semantics for writes and reads.

import { newModel } from './helpers';

describe('Range values', () => {
  it('rejects setValues with the wrong number of rows or columns using Apps Script wording', () => {
    const { ss } = newModel();
    const sheet = ss.getActiveSheet();
    expect(() =>
      sheet.getRange('A1:B1').setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 1.',
    );
    expect(() =>
      sheet.getRange('A1:B2').setValues([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
  });

  it('turns a string starting with = into a formula, but keeps an apostrophe-prefixed one as text', () => {
    const { ss } = newModel();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1').setValue('=1+1');
    sheet.getRange('A2').setValue("'=1+1");
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[2], ['=1+1']]);
    expect(sheet.getRange('A1:A2').getFormulas()).toEqual([['=1+1'], ['']]);
    expect(sheet.getRange('A2').getDisplayValue()).toBe('=1+1');
  });

  it('keeps apostrophe text literal and does not return the apostrophe', () => {
    const { ss } = newModel();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:C1').setValues([["'00123", "'15.03.2026", "'TRUE"]]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['00123', '15.03.2026', 'TRUE']]);
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([['00123', '15.03.2026', 'TRUE']]);
  });

  it('stores text as is in a plain-text (@) cell', () => {
    const { ss } = newModel();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:A2').setNumberFormat('@');
    sheet.getRange('A1:A2').setValues([['89123456789'], ['=SUM(1,2)']]);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['89123456789'], ['=SUM(1,2)']]);
    expect(sheet.getRange('A2').getFormula()).toBe('');
  });

  it('reads typed input in the ru_RU locale like a person typing', () => {
    const { ss } = newModel({ locale: 'ru_RU', timeZone: 'Europe/Moscow' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:F1').setValues([['15.03.2026', '1,5', '1 500', 'TRUE', 'false', 'Анна']]);
    const [row] = sheet.getRange('A1:F1').getValues();
    expect(Object.prototype.toString.call(row[0])).toBe('[object Date]');
    expect((row[0] as Date).toISOString()).toBe('2026-03-14T21:00:00.000Z');
    expect(row.slice(1)).toEqual([1.5, 1500, true, false, 'Анна']);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('15.03.2026');
  });

  it('reads typed input in the en_US locale', () => {
    const { ss } = newModel({ locale: 'en_US', timeZone: 'America/New_York' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:D1').setValues([['3/15/2026', '1.5', '1,500', '1,5']]);
    const [row] = sheet.getRange('A1:D1').getValues();
    expect((row[0] as Date).toISOString()).toBe('2026-03-15T04:00:00.000Z');
    expect(row.slice(1)).toEqual([1.5, 1500, '1,5']);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('3/15/2026');
  });

  it('returns empty strings for empty cells and clears a cell written with null or an empty string', () => {
    const { ss } = newModel();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:B1').setValues([[5, 'x']]);
    sheet.getRange('A1:B1').setValues([[null, '']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', '']]);
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getRange('A1:B1').isBlank()).toBe(true);
  });

  it.each([
    ['Asia/Vladivostok', '2026-03-15T00:00:00+10:00'],
    ['America/Los_Angeles', '2026-03-08T00:00:00-08:00'],
    ['America/Los_Angeles', '2026-03-09T00:00:00-07:00'],
    ['America/Los_Angeles', '2026-03-08T03:30:00-07:00'],
  ])('round-trips a Date in %s (%s)', (timeZone, iso) => {
    const { ss } = newModel({ timeZone, locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    const d = new Date(iso);
    sheet.getRange('A1').setValue(d);
    sheet.getRange('A2:A2').setValues([[d]]);
    const back = sheet.getRange('A1:A2').getValues();
    expect((back[0][0] as Date).getTime()).toBe(d.getTime());
    expect((back[1][0] as Date).getTime()).toBe(d.getTime());
  });

  it('shows a midnight Date as a date and a timed Date with its time, in the spreadsheet zone', () => {
    const { ss } = newModel({ timeZone: 'America/Los_Angeles', locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1').setValue(new Date('2026-03-08T00:00:00-08:00'));
    sheet.getRange('A2').setValue(new Date('2026-03-08T10:15:00-07:00'));
    expect(sheet.getRange('A1:A2').getDisplayValues()).toEqual([['3/8/2026'], ['3/8/2026 10:15:00']]);
  });

  it('reads a date-only typed value back as midnight in the spreadsheet time zone', () => {
    const { ss } = newModel({ timeZone: 'Asia/Vladivostok', locale: 'ru_RU' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1').setValue('15.03.2026');
    expect((sheet.getRange('A1').getValue() as Date).getTime()).toBe(new Date('2026-03-15T00:00:00+10:00').getTime());
  });

  it('fills every cell of a range with setValue and reads the top-left with getValue', () => {
    const { ss } = newModel();
    const sheet = ss.getActiveSheet();
    sheet.getRange('B2:C3').setValue(7);
    expect(sheet.getRange('B2:C3').getValues()).toEqual([
      [7, 7],
      [7, 7],
    ]);
    expect(sheet.getRange('B2:C3').getValue()).toBe(7);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C3');
  });

  it('resolves whole-column, whole-row and open-ended A1 ranges', () => {
    const { ss } = newModel();
    const sheet = ss.getActiveSheet();
    expect(sheet.getRange('C:C').getNumRows()).toBe(1000);
    expect(sheet.getRange('C:C').getA1Notation()).toBe('C:C');
    expect(sheet.getRange('1:1').getNumColumns()).toBe(26);
    const open = sheet.getRange('A2:C');
    expect([open.getRow(), open.getNumRows(), open.getNumColumns()]).toEqual([2, 999, 3]);
    expect(() => sheet.getRange('nonsense here')).toThrow('Range not found');
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
  });

  it('throws for Apps Script methods the emulator does not implement', () => {
    const { ss } = newModel();
    expect(() => ss.getActiveSheet().getRange('A1').merge()).toThrow('not emulated: Range.merge');
  });
});
