// The emulator's rule for functions: a function Google Sheets has either computes as Sheets does or throws
// `not emulated: NAME` (when the formula is written and when it is evaluated); a name Sheets does not know is
// #NAME?, as in Sheets. The list of Sheets' functions is local/spreadsheet/function-names.ts.

import ExcelJS from 'exceljs';
import { loadWorkbook } from '../../../../local/index';
import { GOOGLE_SHEETS_FUNCTIONS, SHEETS_FUNCTION_NAMES } from '../../../../local/spreadsheet/function-names';
import { notEmulatedFunctions } from '../../../../local/spreadsheet/functions';
import { sheetWith } from './sheet';

describe('functions Google Sheets has and the emulator does not compute', () => {
  it('setFormula, setValue and setValues throw not emulated: NAME and write nothing', () => {
    const s = sheetWith([['keep', 'keep']]);
    expect(() => s.sheet.getRange('A1').setFormula('=GOOGLEFINANCE("NASDAQ:GOOG")')).toThrow(
      'not emulated: GOOGLEFINANCE',
    );
    expect(() => s.sheet.getRange('A1').setValue('=SPARKLINE({1,2,3})')).toThrow('not emulated: SPARKLINE');
    expect(() => s.sheet.getRange('A1:B1').setValues([['=1+1', '=IFERROR(IMPORTRANGE("x","A1"),0)']])).toThrow(
      'not emulated: IMPORTRANGE',
    );
    expect(s.sheet.getRange('A1:B1').getValues()).toEqual([['keep', 'keep']]);
    expect(() => s.sheet.getRange('A1').setFormula('=MAP(A1:A3, LAMBDA(x, x*2))')).toThrow('not emulated: MAP');
  });

  it('a cell formatted as plain text (@) keeps such a formula as text, as Sheets does', () => {
    const s = sheetWith();
    s.sheet.getRange('A1').setNumberFormat('@').setValue('=GOOGLEFINANCE("GOOG")');
    expect(s.sheet.getRange('A1').getValue()).toBe('=GOOGLEFINANCE("GOOG")');
  });

  it('a formula read from a file is kept, and reading its value throws not emulated: NAME', async () => {
    const xlsx = new ExcelJS.Workbook();
    const tab = xlsx.addWorksheet('Sheet1');
    tab.getCell('A1').value = 2;
    tab.getCell('B1').value = { formula: 'GOOGLEFINANCE("GOOG")' } as ExcelJS.CellFormulaValue;
    tab.getCell('C1').value = { formula: 'B1*A1' } as ExcelJS.CellFormulaValue;
    const wb = await loadWorkbook(Buffer.from(await xlsx.xlsx.writeBuffer()), { locale: 'en_US' });
    const sheet = wb.model.spreadsheet.getSheets()[0];
    expect(sheet.getRange('B1').getFormula()).toBe('=GOOGLEFINANCE("GOOG")');
    expect(sheet.getRange('A1').getValue()).toBe(2);
    expect(() => sheet.getRange('B1').getValue()).toThrow('not emulated: GOOGLEFINANCE');
    expect(() => sheet.getRange('C1').getDisplayValue()).toThrow('not emulated: GOOGLEFINANCE');
  });

  it('OFFSET with computed offsets (HyperFormula only takes literal ones) throws when evaluated', () => {
    const s = sheetWith([[1], [2], [3]]);
    expect(s.value('=OFFSET(A1,2,0)')).toBe(3);
    expect(() => s.value('=OFFSET(A1,A2,0)')).toThrow('not emulated: OFFSET with computed arguments');
    expect(() => s.value('=OFFSET(A1)')).toThrow('not emulated: OFFSET with fewer than 3 arguments');
  });

  it('every name on Google\'s function list computes or throws not emulated — never "#NAME?"', () => {
    const s = sheetWith([
      [1, 2],
      [3, 4],
    ]);
    const refused = new Set(notEmulatedFunctions());
    const wrong: string[] = [];
    for (const name of SHEETS_FUNCTION_NAMES) {
      const formula = `=${name}(A1)`;
      try {
        const v = s.value(formula);
        if (v === '#NAME?') wrong.push(`${name} gave #NAME?`);
        if (refused.has(name)) wrong.push(`${name} computed though listed as not emulated`);
      } catch (e) {
        const message = (e as Error).message;
        if (!message.startsWith(`not emulated: ${name}`)) wrong.push(`${name}: ${message}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(SHEETS_FUNCTION_NAMES.size).toBeGreaterThan(500);
    expect(Object.keys(GOOGLE_SHEETS_FUNCTIONS)).toContain('Parser');
  });

  it('the functions of the issue table compute (QUERY, AVERAGEIFS, COUNTUNIQUEIFS, LET, INDIRECT, TO_DATE, ISEMAIL)', () => {
    const s = sheetWith([
      ['Name', 'Score'],
      ['a', 1],
      ['b', 3],
    ]);
    expect(s.value('=QUERY(A1:B3,"select sum(B) label sum(B) \'\'",1)')).toBe(4);
    expect(s.value('=AVERAGEIFS(B2:B3,A2:A3,"<>c")')).toBe(2);
    expect(s.value('=COUNTUNIQUEIFS(A2:A3,B2:B3,">0")')).toBe(2);
    expect(s.value('=LET(x,B3,x*2)')).toBe(6);
    expect(s.value('=INDIRECT("B2")')).toBe(1);
    expect(s.display('=TO_DATE(46082)')).toBe('3/1/2026');
    expect(s.value('=ISEMAIL("a@b.co")')).toBe(true);
  });
});

describe('names Google Sheets does not have', () => {
  it('are #NAME?, including functions only HyperFormula has', () => {
    const s = sheetWith([[1], [2]]);
    expect(s.value('=NOSUCHFUNCTION(1)')).toBe('#NAME?');
    expect(s.value('=MAXPOOL(A1:A2,1)')).toBe('#NAME?');
    expect(s.value('=ISBINARY("101")')).toBe('#NAME?');
    expect(s.value('=HF.ADD(1,2)')).toBe('#NAME?');
  });

  it("Sheets' operator functions are there under their own names", () => {
    const s = sheetWith();
    expect(s.value('=ADD(1,2)')).toBe(3);
    expect(s.value('=CONCAT("a","b")')).toBe('ab');
    expect(s.value('=GTE(2,2)')).toBe(true);
    expect(s.value('=UNARY_PERCENT(50)')).toBe(0.5);
    expect(s.value('=ISBETWEEN(5,1,10)')).toBe(true);
    expect(s.value('=ISBETWEEN(10,1,10,TRUE,FALSE)')).toBe(false);
  });
});
