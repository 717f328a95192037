// Inserting, deleting, moving and sorting rows and columns carries values, formats, rules, references and metadata.

import { newModel } from './helpers';

function setup() {
  const ctx = newModel({ locale: 'ru_RU' });
  const { ss, app } = ctx;
  const clients = ss.getActiveSheet();
  clients.setName('Клиенты');
  clients.getRange('A1:C3').setValues([
    ['Имя', 'Телефон', 'Статус'],
    ['Анна', '+79120000001', 'новый'],
    ['Борис', '+79120000002', 'клиент'],
  ]);
  const rule = app.newDataValidation().requireValueInList(['новый', 'клиент']).setAllowInvalid(false).build();
  clients.getRange('C2:C').setDataValidation(rule);
  clients.getRange('C:C').addDeveloperMetadata('kartoteka.column', 'status');
  clients.getRange('B2:B').setNumberFormat('@');
  clients.getRange('D1').setFormula('=COUNTIF(C2:C,"клиент")');
  const report = ss.insertSheet('Отчёт');
  report.getRange('A1').setFormula("=COUNTA('Клиенты'!C2:C)");
  report.getRange('B1').setFormula("='Клиенты'!C3");
  return { ...ctx, clients, report };
}

describe('inserting and deleting columns', () => {
  it('shifts values, validation, number formats, developer metadata and references from other tabs', () => {
    const { ss, clients, report } = setup();
    clients.insertColumnBefore(2);
    expect(clients.getRange('A1:D1').getValues()).toEqual([['Имя', '', 'Телефон', 'Статус']]);
    expect(clients.getRange('D2').getDataValidation()?.getCriteriaValues()[0]).toEqual(['новый', 'клиент']);
    expect(clients.getRange('C2').getDataValidation()).toBeNull();
    expect(clients.getRange('C5').getNumberFormat()).toBe('@');
    const found = ss.createDeveloperMetadataFinder().withKey('kartoteka.column').find();
    expect(found).toHaveLength(1);
    expect(found[0].getLocation().getColumn().getA1Notation()).toBe('D:D');
    expect(clients.getRange('E1').getFormula()).toBe('=COUNTIF(D2:D,"клиент")');
    expect(report.getRange('A1:B1').getFormulas()).toEqual([["=COUNTA('Клиенты'!D2:D)", "='Клиенты'!D3"]]);
    expect(report.getRange('A1:B1').getValues()).toEqual([[2, 'клиент']]);
  });

  it('deletes the developer metadata of a deleted column and turns references into #REF!', () => {
    const { ss, clients, report } = setup();
    clients.deleteColumn(3);
    expect(ss.createDeveloperMetadataFinder().withKey('kartoteka.column').find()).toHaveLength(0);
    expect(report.getRange('B1').getFormula()).toBe('=#REF!');
    expect(report.getRange('B1').getValue()).toBe('#REF!');
    expect(clients.getRange('C1').getFormula()).toBe('=COUNTIF(#REF!,"клиент")');
    expect(clients.getRange('A1:C1').getValues()).toEqual([['Имя', 'Телефон', '#REF!']]);
  });

  it('moves a column together with its metadata and keeps references pointing at the moved cells', () => {
    const { ss, clients, report } = setup();
    clients.moveColumns(clients.getRange('C:C'), 1);
    expect(clients.getRange('A1:C1').getValues()).toEqual([['Статус', 'Имя', 'Телефон']]);
    const [meta] = ss.createDeveloperMetadataFinder().withKey('kartoteka.column').find();
    expect(meta.getLocation().getColumn().getColumn()).toBe(1);
    expect(report.getRange('B1').getFormula()).toBe("='Клиенты'!A3");
    expect(report.getRange('B1').getValue()).toBe('клиент');
  });
});

describe('rows', () => {
  it('appendRow writes after the last row and a grown row inherits the formats of the row above', () => {
    const { ss } = newModel({ locale: 'ru_RU' });
    const sheet = ss.getActiveSheet();
    sheet.deleteRows(4, 997);
    sheet.getRange('A1:B3').setValues([
      ['Дата', 'Сумма'],
      ['01.03.2026', 10],
      ['02.03.2026', 20],
    ]);
    sheet.getRange('B3').setNumberFormat('#,##0.00');
    sheet.appendRow(['03.03.2026', 1234.5]);
    expect(sheet.getMaxRows()).toBe(4);
    expect(sheet.getLastRow()).toBe(4);
    expect(sheet.getRange('A4:B4').getDisplayValues()).toEqual([['03.03.2026', '1\u00a0234,50']]);
  });

  it('inserting rows above shifts formulas and named ranges; deleting rows shrinks ranges', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.getRange('B1').setFormula('=SUM(A1:A3)');
    ss.setNamedRange('Amounts', sheet.getRange('A1:A3'));
    sheet.getRange('C1').setFormula('=SUM(Amounts)');
    sheet.insertRowsBefore(2, 2);
    expect(sheet.getRange('B1').getFormula()).toBe('=SUM(A1:A5)');
    expect(ss.getRangeByName('Amounts').getA1Notation()).toBe('A1:A5');
    sheet.deleteRows(4, 1);
    expect(sheet.getRange('A1:A4').getValues()).toEqual([[1], [''], [''], [3]]);
    expect(sheet.getRange('B1').getFormula()).toBe('=SUM(A1:A4)');
    expect(sheet.getRange('B1:C1').getValues()).toEqual([[4, 4]]);
  });

  it('grows and shrinks the frozen band when rows are inserted or deleted inside it', () => {
    const { ss } = newModel();
    const sheet = ss.getActiveSheet();
    sheet.setFrozenRows(2);
    sheet.insertRowBefore(1);
    expect(sheet.getFrozenRows()).toBe(3);
    sheet.insertRowAfter(5);
    expect(sheet.getFrozenRows()).toBe(3);
    sheet.deleteRows(2, 3);
    expect(sheet.getFrozenRows()).toBe(1);
  });

  it('refuses to delete all non-frozen rows', () => {
    const { ss } = newModel();
    const sheet = ss.getActiveSheet();
    expect(() => sheet.deleteRows(1, 1000)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
  });
});

describe('sorting', () => {
  it('moves whole rows (values, formats, validation, row metadata) and keeps relative references of formulas', () => {
    const { ss, app } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:C4').setValues([
      ['Name', 'Visits', 'Double'],
      ['Cleo', 3, '=B2*2'],
      ['Abe', 1, '=B3*2'],
      ['Bea', '', '=B4*2'],
    ]);
    sheet.setFrozenRows(1);
    sheet.getRange('A2').setBackground('#ff0000');
    sheet.getRange('2:2').addDeveloperMetadata('row', 'cleo');
    sheet.getRange('D3').setDataValidation(app.newDataValidation().requireCheckbox().build());
    sheet.sort(1);
    expect(sheet.getRange('A2:C4').getValues()).toEqual([
      ['Abe', 1, 2],
      ['Bea', '', 0],
      ['Cleo', 3, 6],
    ]);
    expect(sheet.getRange('C2:C4').getFormulas()).toEqual([['=B2*2'], ['=B3*2'], ['=B4*2']]);
    expect(sheet.getRange('A4').getBackground()).toBe('#ff0000');
    expect(sheet.getRange('D2').getDataValidation()?.getCriteriaType()).toBe('CHECKBOX');
    const [meta] = sheet.createDeveloperMetadataFinder().withKey('row').find();
    expect(meta.getLocation().getRow().getRow()).toBe(4);
    sheet.getRange('A2:C4').sort({ column: 2, ascending: false });
    expect(sheet.getRange('A2:A4').getValues()).toEqual([['Cleo'], ['Abe'], ['Bea']]);
  });
});
