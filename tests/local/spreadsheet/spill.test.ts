// Array results (FILTER, UNIQUE, ARRAYFORMULA) fill exactly the cells their result needs, as in Google Sheets: a
// value in the way shows "#REF! Array result was not expanded because it would overwrite data in X" and the result
// comes back once the cell is cleared; a result longer than the tab is #REF! until rows are inserted.

import { newModel } from './helpers';

/** A Data tab: 1,000 rows, every third one 'match' (334 of them), column C a running number. */
function segmentWorkbook() {
  const ctx = newModel({ locale: 'en_US', timeZone: 'Europe/Moscow' });
  const data = ctx.ss.getActiveSheet().setName('Data');
  data.insertRowsAfter(1000, 100);
  const rows: unknown[][] = [['Name', 'Kind', 'N']];
  for (let i = 1; i <= 1000; i++) rows.push([`Client ${i}`, i % 3 === 1 ? 'match' : 'other', i]);
  data.getRange(1, 1, rows.length, 3).setValues(rows);
  const seg = ctx.ss.insertSheet('Segment');
  const book = ctx.model.book;
  const message = (a1: string) => {
    const r = seg.getRange(a1);
    return book.spillMessage(book.sheetByName('Segment')!, r.getRow() - 1, r.getColumn() - 1);
  };
  return { ...ctx, data, seg, message };
}

describe('spilled array results', () => {
  it('fill only the cells the result needs; spilled cells read as values without a formula', () => {
    const { seg } = segmentWorkbook();
    seg.getRange('A2').setFormula('=FILTER(Data!A2:A, Data!B2:B="match")');
    expect(seg.getRange('A2').getValue()).toBe('Client 1');
    expect(seg.getRange('A3').getValue()).toBe('Client 4');
    expect(seg.getRange('A335').getValue()).toBe('Client 1000');
    expect(seg.getRange('A336').getValue()).toBe('');
    expect(seg.getLastRow()).toBe(335);
    expect(seg.getRange('A3').getFormula()).toBe('');
    expect(seg.getRange('A2:A4').getFormulas()).toEqual([['=FILTER(Data!A2:A, Data!B2:B="match")'], [''], ['']]);
    expect(seg.getRange('A333:A336').getDisplayValues()).toEqual([
      ['Client 994'],
      ['Client 997'],
      ['Client 1000'],
      [''],
    ]);
  });

  it('lets a value sit far below the result (A900 when the result ends at row 335)', () => {
    const { seg } = segmentWorkbook();
    seg.getRange('A2').setFormula('=FILTER(Data!A2:A, Data!B2:B="match")');
    seg.getRange('A900').setValue('note');
    expect(seg.getRange('A2').getValue()).toBe('Client 1');
    expect(seg.getRange('A335').getValue()).toBe('Client 1000');
    expect(seg.getLastRow()).toBe(900);
  });

  it('shows #REF! while a value is in the way and spills again, formula unchanged, once it is cleared', () => {
    const { seg, message } = segmentWorkbook();
    const formula = '=FILTER(Data!A2:A, Data!B2:B="match")';
    seg.getRange('A2').setFormula(formula);
    seg.getRange('A100').setValue('typed here');
    expect(seg.getRange('A2').getValue()).toBe('#REF!');
    expect(message('A2')).toBe('Array result was not expanded because it would overwrite data in A100.');
    expect(seg.getRange('A3').getValue()).toBe('');
    expect(seg.getRange('A100').getValue()).toBe('typed here');
    expect(seg.getLastRow()).toBe(100);
    seg.getRange('A100').clearContent();
    expect(seg.getRange('A2').getValue()).toBe('Client 1');
    expect(seg.getRange('A100').getValue()).toBe('Client 295');
    expect(seg.getRange('A2').getFormula()).toBe(formula);
    expect(message('A2')).toBeUndefined();
  });

  it('is blocked the same way by a person typing into the spill area', () => {
    const { model, seg } = segmentWorkbook();
    seg.getRange('A2').setFormula('=FILTER(Data!A2:A, Data!B2:B="match")');
    model.userEdit('Segment', 'A10', 'x');
    expect(seg.getRange('A2').getDisplayValue()).toBe('#REF!');
    model.userEdit('Segment', 'A10', null);
    expect(seg.getRange('A10').getDisplayValue()).toBe('Client 25');
  });

  it('grows into a blocker when the data grows, and shrinks away from it', () => {
    const { data, seg } = segmentWorkbook();
    seg.getRange('A2').setFormula('=FILTER(Data!A2:A, Data!B2:B="match")');
    seg.getRange('A337').setValue('below');
    expect(seg.getRange('A2').getValue()).toBe('Client 1');
    data.getRange('B3:B4').setValues([['match'], ['match']]);
    expect(seg.getRange('A2').getValue()).toBe('#REF!');
    data.getRange('B4').setValue('other');
    expect(seg.getRange('A2').getValue()).toBe('Client 1');
    expect(seg.getRange('A336').getValue()).toBe('Client 1000');
  });

  it('says #REF! for a result longer than the tab: the grid does not grow and getLastRow stays within it', () => {
    const { seg, message } = segmentWorkbook();
    seg.getRange('A800').setFormula('=FILTER(Data!A2:A, Data!B2:B="match")');
    expect(seg.getMaxRows()).toBe(1000);
    expect(seg.getRange('A800').getValue()).toBe('#REF!');
    expect(message('A800')).toBe('Result was not automatically expanded, please insert more rows (133).');
    expect(seg.getLastRow()).toBe(800);
    expect(seg.getLastRow()).toBeLessThanOrEqual(seg.getMaxRows());
    expect(seg.getRange(seg.getLastRow(), 1).getValue()).toBe('#REF!');
    seg.insertRowsAfter(1000, 133);
    expect(seg.getRange('A800').getValue()).toBe('Client 1');
    expect(seg.getRange('A1133').getValue()).toBe('Client 1000');
    expect(seg.getLastRow()).toBe(1133);
  });

  it('keeps two results apart: the one that would overlap the other shows #REF!', () => {
    const { ss, seg } = segmentWorkbook();
    const small = ss.insertSheet('Small');
    small.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    seg.getRange('A1').setFormula('=ARRAYFORMULA(Small!A1:A3&"!")');
    seg.getRange('B1').setFormula('=TRANSPOSE(Small!A1:A3)');
    expect(seg.getRange('A1:A3').getValues()).toEqual([['a!'], ['b!'], ['c!']]);
    expect(seg.getRange('B1').getValue()).toBe('a');
    seg.getRange('A2').setFormula('=TRANSPOSE(Small!A1:A3)');
    // A2 now holds a formula: the first result is blocked; A2's own result spills along row 2.
    expect(seg.getRange('A1').getValue()).toBe('#REF!');
    expect(seg.getRange('A2:C2').getValues()).toEqual([['a', 'b', 'c']]);
  });

  it('gives other formulas the spilled values to read, and follows them when the data changes', () => {
    const { data, seg } = segmentWorkbook();
    seg.getRange('A2').setFormula('=FILTER(Data!C2:C, Data!B2:B="match")');
    seg.getRange('C1').setFormula('=SUM(A2:A)');
    seg.getRange('D1').setFormula('=COUNTIF(A2:A,">500")');
    seg.getRange('E1').setFormula('=A3');
    let sum = 0;
    for (let i = 1; i <= 1000; i += 3) sum += i;
    expect(seg.getRange('C1:E1').getValues()).toEqual([[sum, 167, 4]]);
    data.getRange('B3').setValue('match');
    expect(seg.getRange('C1:E1').getValues()).toEqual([[sum + 2, 167, 2]]);
  });

  it('feeds one array result into another (UNIQUE of a FILTER)', () => {
    const { seg } = segmentWorkbook();
    seg.getRange('A1').setFormula('=FILTER(Data!B2:B, Data!C2:C<=4)');
    seg.getRange('C1').setFormula('=UNIQUE(A1:A4)');
    expect(seg.getRange('C1:C3').getValues()).toEqual([['match'], ['other'], ['']]);
  });

  it('shows #REF! for a result that would cover cells it reads', () => {
    const { seg } = segmentWorkbook();
    seg.getRange('A5').setValue(1);
    seg.getRange('A1').setFormula('=ARRAYFORMULA(A5:A6*2)');
    expect(seg.getRange('A1').getValue()).toBe(2);
    seg.getRange('A3').setFormula('=ARRAYFORMULA(A3:A4+1)');
    expect(seg.getRange('A3').getValue()).toBe('#REF!');
  });

  it('moves with its anchor when rows are inserted above, and disappears with a deleted anchor row', () => {
    const { seg } = segmentWorkbook();
    seg.getRange('A2').setFormula('=FILTER(Data!A2:A, Data!B2:B="match")');
    seg.insertRowsBefore(1, 2);
    expect(seg.getRange('A4').getFormula()).toBe('=FILTER(Data!A2:A, Data!B2:B="match")');
    expect(seg.getRange('A4:A5').getValues()).toEqual([['Client 1'], ['Client 4']]);
    expect(seg.getRange('A2').getValue()).toBe('');
    expect(seg.getLastRow()).toBe(337);
    seg.deleteRow(4);
    expect(seg.getRange('A4').getValue()).toBe('');
    expect(seg.getLastRow()).toBe(0);
  });

  it('follows the clock: a result filtered by TODAY() changes when the day does', () => {
    const { ss, seg, hooks } = segmentWorkbook();
    const visits = ss.insertSheet('Visits');
    visits.getRange('A1:B3').setValues([
      ['Anna', new Date('2026-03-15T12:00:00+03:00')],
      ['Boris', new Date('2026-03-16T12:00:00+03:00')],
      ['Vera', new Date('2026-03-17T12:00:00+03:00')],
    ]);
    seg.getRange('A1').setFormula('=FILTER(Visits!A1:A3, Visits!B1:B3>=TODAY()+1)');
    expect(seg.getRange('A1:A3').getValues().flat()).toEqual(['Boris', 'Vera', '']);
    hooks.clock.now = new Date('2026-03-16T09:00:00Z');
    expect(seg.getRange('A1:A3').getValues().flat()).toEqual(['Vera', '', '']);
  });

  it('keeps dates of the filtered column as dates', () => {
    const { ss, seg } = segmentWorkbook();
    const visits = ss.insertSheet('Visits');
    visits.getRange('A1:B3').setValues([
      [new Date('2026-03-01T12:00:00+03:00'), 'x'],
      [new Date('2026-03-02T12:00:00+03:00'), 'y'],
      [new Date('2026-03-03T12:00:00+03:00'), 'x'],
    ]);
    visits.getRange('A1:A3').setNumberFormat('yyyy-mm-dd');
    seg.getRange('A1').setFormula('=FILTER(Visits!A1:A3, Visits!B1:B3="x")');
    const values = seg.getRange('A1:A2').getValues();
    expect(values[0][0]).toEqual(new Date('2026-03-01T12:00:00+03:00'));
    expect(values[1][0]).toEqual(new Date('2026-03-03T12:00:00+03:00'));
    expect(seg.getRange('A2').getDisplayValue()).toMatch(/^3\/3\/2026/);
  });
});
