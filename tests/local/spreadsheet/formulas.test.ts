// Formulas through the engine: cross-tab aggregates, spills, renames, the workbook clock and Sheets-only functions.

import { newModel } from './helpers';

function clientsWorkbook() {
  const ctx = newModel({ locale: 'ru_RU', timeZone: 'Europe/Moscow' });
  const clients = ctx.ss.insertSheet('Клиенты');
  clients.getRange('A1:C5').setValues([
    ['Имя', 'Врач', 'Сумма'],
    ['Анна', 'Иванов', 100],
    ['Борис', 'Петров', 250],
    ['Вера', 'Иванов', 50],
    ['Глеб', 'Сидоров', 0],
  ]);
  const report = ctx.ss.insertSheet('Отчёт');
  return { ...ctx, clients, report };
}

describe('formulas', () => {
  it('recomputes COUNTIFS, SUMIFS and FILTER across tabs after an edit', () => {
    const { clients, report } = clientsWorkbook();
    report.getRange('A1').setFormula('=COUNTIFS(\'Клиенты\'!B:B,"Иванов")');
    report.getRange('B1').setFormula("=SUMIFS('Клиенты'!C:C,'Клиенты'!B:B,\"Иванов\")");
    report.getRange('C1').setFormula("=FILTER('Клиенты'!A2:A,'Клиенты'!B2:B=\"Иванов\")");
    expect(report.getRange('A1:C3').getValues()).toEqual([
      [2, 150, 'Анна'],
      ['', '', 'Вера'],
      ['', '', ''],
    ]);
    expect(report.getLastRow()).toBe(2);
    clients.getRange('B5').setValue('Иванов');
    clients.getRange('C5').setValue(30);
    expect(report.getRange('A1:C3').getValues()).toEqual([
      [3, 180, 'Анна'],
      ['', '', 'Вера'],
      ['', '', 'Глеб'],
    ]);
    expect(report.getLastRow()).toBe(3);
  });

  it('spills ARRAYFORMULA and UNIQUE results so getValues reads them', () => {
    const { clients, report } = clientsWorkbook();
    report.getRange('A1').setFormula("=ARRAYFORMULA('Клиенты'!C2:C5*2)");
    report.getRange('B1').setFormula("=UNIQUE('Клиенты'!B2:B5)");
    expect(report.getRange('A1:B4').getValues()).toEqual([
      [200, 'Иванов'],
      [500, 'Петров'],
      [100, 'Сидоров'],
      [0, ''],
    ]);
    expect(clients.getRange('A1').getValue()).toBe('Имя');
  });

  it('rewrites formulas that refer to a renamed tab, as Sheets does', () => {
    const { ss, clients, report } = clientsWorkbook();
    report.getRange('A1').setFormula("=COUNTA('Клиенты'!A2:A)");
    clients.setName('Clients');
    expect(report.getRange('A1').getFormula()).toBe('=COUNTA(Clients!A2:A)');
    expect(report.getRange('A1').getValue()).toBe(4);
    ss.getSheetByName('Clients').setName('Мои клиенты');
    expect(report.getRange('A1').getFormula()).toBe("=COUNTA('Мои клиенты'!A2:A)");
  });

  it('keeps the user text of open-ended ranges and follows rows appended past the old end', () => {
    const { clients, report } = clientsWorkbook();
    report.getRange('A1').setFormula("=SUM('Клиенты'!C2:C)");
    expect(report.getRange('A1').getFormula()).toBe("=SUM('Клиенты'!C2:C)");
    clients.getRange('A6:C6').setValues([['Дина', 'Петров', 1000]]);
    clients.insertRowsAfter(1000, 5);
    clients.getRange(1003, 3).setValue(7);
    expect(report.getRange('A1').getValue()).toBe(1407);
  });

  it('evaluates TODAY() and NOW() on the workbook clock in the spreadsheet time zone', () => {
    const { ss, hooks } = newModel({ timeZone: 'Asia/Vladivostok', locale: 'ru_RU', now: '2026-03-15T15:30:00Z' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1').setFormula('=TODAY()');
    sheet.getRange('B1').setFormula('=NOW()');
    // 15:30 UTC is already 16 March in Vladivostok.
    expect(sheet.getRange('A1').getDisplayValue()).toBe('16.03.2026');
    expect((sheet.getRange('A1').getValue() as Date).getTime()).toBe(new Date('2026-03-16T00:00:00+10:00').getTime());
    expect((sheet.getRange('B1').getValue() as Date).getTime()).toBe(new Date('2026-03-15T15:30:00Z').getTime());
    hooks.clock.now = new Date('2026-03-20T01:00:00Z');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('20.03.2026');
  });

  it('knows bare TRUE/FALSE, IFS, TEXTJOIN and JOIN', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet
      .getRange('B1:B4')
      .setFormulas([
        ['=IF(TRUE,"yes","no")'],
        ['=IFS(A1="x",1,A1="a",2)'],
        ['=TEXTJOIN("-",TRUE,A1:A3)'],
        ['=JOIN(", ",A1:A3)'],
      ]);
    expect(sheet.getRange('B1:B4').getValues()).toEqual([['yes'], [2], ['a-b-c'], ['a, b, c']]);
  });

  it('implements REGEXMATCH case-sensitively, with RE2 inline flags, and rejects numbers', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:A2').setValues([['Anna@Example.com'], [123]]);
    sheet
      .getRange('B1:B5')
      .setFormulas([
        ['=REGEXMATCH(A1,"@example")'],
        ['=REGEXMATCH(A1,"(?i)@example")'],
        ['=REGEXMATCH(A1,"^[^@]+@[^@]+\\.com$")'],
        ['=REGEXMATCH(A2,"1")'],
        ['=REGEXMATCH(A1,"(")'],
      ]);
    expect(sheet.getRange('B1:B5').getValues()).toEqual([[false], [true], [true], ['#VALUE!'], ['#REF!']]);
  });

  it('reports formula errors as Sheets error strings', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:A3').setFormulas([['=1/0'], ['=VLOOKUP("x",C1:D2,2,FALSE)'], ['=NOSUCHFN(1)']]);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['#DIV/0!'], ['#N/A'], ['#NAME?']]);
  });

  it('shows date results of formulas as dates', () => {
    const { ss } = newModel({ locale: 'ru_RU', timeZone: 'Europe/Moscow' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1').setValue(new Date('2026-03-15T00:00:00+03:00'));
    sheet.getRange('B1').setFormula('=A1+7');
    sheet.getRange('C1').setFormula('=DATE(2026,1,31)');
    expect(sheet.getRange('B1:C1').getDisplayValues()).toEqual([['22.03.2026', '31.01.2026']]);
    expect((sheet.getRange('B1').getValue() as Date).getTime()).toBe(new Date('2026-03-22T00:00:00+03:00').getTime());
  });

  it('filters whole rows of a multi-column range (a segment tab) and says #N/A when nothing matches', () => {
    const { clients, report, ss } = clientsWorkbook();
    report.getRange('A1').setFormula("=FILTER('Клиенты'!A2:C,'Клиенты'!B2:B=\"Иванов\")");
    expect(report.getDataRange().getValues()).toEqual([
      ['Анна', 'Иванов', 100],
      ['Вера', 'Иванов', 50],
    ]);
    const empty = ss.insertSheet('Пусто');
    empty.getRange('A1').setFormula("=FILTER('Клиенты'!A2:C,'Клиенты'!B2:B=\"Никто\")");
    expect(empty.getRange('A1').getValue()).toBe('#N/A');
    clients.getRange('B3').setValue('Иванов');
    expect(report.getLastRow()).toBe(3);
  });

  it('evaluates SUMPRODUCT over conditions as arrays', () => {
    const { report } = clientsWorkbook();
    report.getRange('A1').setFormula("=SUMPRODUCT(('Клиенты'!B2:B5=\"Иванов\")*('Клиенты'!C2:C5))");
    expect(report.getRange('A1').getValue()).toBe(150);
  });
});
