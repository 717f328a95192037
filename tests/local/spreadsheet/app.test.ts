// SpreadsheetApp and Spreadsheet: tabs, activity, toasts, named ranges, owners, text finder and the playground view.

import { createSpreadsheetModel } from '../../../local/spreadsheet/index';
import { fakeHooks, newModel } from './helpers';

describe('SpreadsheetApp and Spreadsheet', () => {
  it('starts with one tab named by locale, 1000 × 26', () => {
    const ru = newModel({ locale: 'ru_RU' });
    expect(ru.model.sheetNames()).toEqual(['Лист1']);
    const en = createSpreadsheetModel({ timeZone: 'UTC', locale: 'en_US', owner: 'o@example.com', hooks: fakeHooks() });
    const sheet = (en.spreadsheet as any).getSheets()[0];
    expect([sheet.getName(), sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getSheetId()]).toEqual([
      'Sheet1',
      1000,
      26,
      0,
    ]);
  });

  it('inserts, finds, reorders, renames and deletes tabs; insertSheet activates the new tab', () => {
    const { ss, app } = newModel({ locale: 'en_US' });
    const clients = ss.insertSheet('Clients');
    expect(app.getActiveSheet().getName()).toBe('Clients');
    const journal = ss.insertSheet('Journal', 0);
    expect(ss.getSheets().map((s: any) => s.getName())).toEqual(['Journal', 'Sheet1', 'Clients']);
    expect(journal.getIndex()).toBe(1);
    expect(ss.getSheetById(clients.getSheetId()).getName()).toBe('Clients');
    expect(ss.getSheetByName('Nope')).toBeNull();
    expect(() => ss.insertSheet('clients')).toThrow(
      'A sheet with the name "clients" already exists. Please enter another name.',
    );
    ss.deleteSheet(journal);
    expect(ss.getSheets().map((s: any) => s.getName())).toEqual(['Sheet1', 'Clients']);
    expect(ss.getRange('Clients!B2').getA1Notation()).toBe('B2');
    expect(ss.getRange('Clients!B2').getSheet().getName()).toBe('Clients');
  });

  it('tracks the selection made by a person and exposes it through the active range and selection', () => {
    const { model, app } = newModel({ locale: 'en_US' });
    (model.spreadsheet as any).insertSheet('Clients');
    model.select('Clients', 'B3:C4');
    expect(app.getActiveSheet().getName()).toBe('Clients');
    expect(app.getActiveRange().getA1Notation()).toBe('B3:C4');
    expect(app.getSelection().getCurrentCell().getA1Notation()).toBe('B3');
    expect(app.getActiveSpreadsheet().getActiveSheet().getName()).toBe('Clients');
  });

  it('sends toasts and asks the execution layer for the Ui', () => {
    const { ss, app, hooks } = newModel();
    ss.toast('Saved', 'Kartoteka');
    ss.toast('Done');
    expect(hooks.toasts).toEqual([
      { message: 'Saved', title: 'Kartoteka', timeout: 5 },
      { message: 'Done', title: '', timeout: 5 },
    ]);
    expect(() => app.getUi()).toThrow('no Ui in spreadsheet tests');
  });

  it('exposes enums whose values stringify to their names', () => {
    const { app } = newModel();
    expect(String(app.DataValidationCriteria.VALUE_IN_LIST)).toBe('VALUE_IN_LIST');
    expect(app.ProtectionType.SHEET).toBe('SHEET');
    expect(app.DeveloperMetadataVisibility.PROJECT).toBe('PROJECT');
    expect(app.DeveloperMetadataLocationType.COLUMN).toBe('COLUMN');
  });

  it('keeps named ranges, the owner and editors', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    ss.setNamedRange('Statuses', sheet.getRange('A1:A3'));
    expect(ss.getNamedRanges().map((n: any) => n.getName())).toEqual(['Statuses']);
    expect(ss.getRangeByName('Statuses').getA1Notation()).toBe('A1:A3');
    ss.removeNamedRange('Statuses');
    expect(ss.getRangeByName('Statuses')).toBeNull();
    ss.addEditor('manager@example.com');
    expect(ss.getOwner().getEmail()).toBe('owner@example.com');
    expect(ss.getEditors().map((u: any) => u.getEmail())).toEqual(['owner@example.com', 'manager@example.com']);
  });
});

describe('TextFinder', () => {
  it('finds, matches case and entire cells, uses regular expressions and replaces', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:B3').setValues([
      ['Anna', 'anna@example.com'],
      ['Boris', 'ANNA'],
      ['Vera', 'vera@example.com'],
    ]);
    expect(
      sheet
        .createTextFinder('anna')
        .findAll()
        .map((r: any) => r.getA1Notation()),
    ).toEqual(['A1', 'B1', 'B2']);
    expect(
      sheet
        .createTextFinder('anna')
        .matchCase(true)
        .findAll()
        .map((r: any) => r.getA1Notation()),
    ).toEqual(['B1']);
    expect(
      sheet
        .createTextFinder('anna')
        .matchEntireCell(true)
        .findAll()
        .map((r: any) => r.getA1Notation()),
    ).toEqual(['A1', 'B2']);
    const finder = sheet.getRange('B1:B3').createTextFinder('@example\\.com$').useRegularExpression(true);
    expect(finder.findNext().getA1Notation()).toBe('B1');
    expect(finder.findNext().getA1Notation()).toBe('B3');
    expect(sheet.getRange('B1:B3').createTextFinder('example.com').replaceAllWith('clinic.ru')).toBe(2);
    expect(sheet.getRange('B1:B3').getValues()).toEqual([['anna@clinic.ru'], ['ANNA'], ['vera@clinic.ru']]);
    expect(sheet.createTextFinder('nobody').findNext()).toBeNull();
  });
});

describe('view', () => {
  it('describes what a person sees: display text, formulas, dropdowns, styles, notes and protection', () => {
    const { model, ss, app, hooks } = newModel({ locale: 'ru_RU' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:B2').setValues([
      ['Сумма', 'Статус'],
      [1500, 'новый'],
    ]);
    sheet.getRange('A2').setNumberFormat('#,##0.00').setBackground('#fff2cc').setNote('в рублях');
    sheet.getRange('A1:B1').setFontWeight('bold');
    sheet
      .getRange('B2')
      .setDataValidation(app.newDataValidation().requireValueInList(['новый', 'клиент']).setHelpText('Статус').build());
    sheet.getRange('C1').setFormula('=A2*2');
    sheet.getRange('A1:C1').protect().removeEditors(['owner@example.com']);
    sheet.setFrozenRows(1);
    hooks.actor.user = 'someone@example.com';
    const view = model.view('Лист1');
    expect([view.lastRow, view.lastColumn, view.frozenRows]).toEqual([2, 3, 1]);
    expect(view.cells[1][0]).toMatchObject({
      display: '1\u00a0500,00',
      value: 1500,
      background: '#fff2cc',
      note: 'в рублях',
    });
    expect(view.cells[0][0]).toMatchObject({ fontWeight: 'bold', protected: true });
    expect(view.cells[1][1]).toMatchObject({ options: ['новый', 'клиент'], validationHelp: 'Статус' });
    expect(view.cells[0][2]).toMatchObject({ formula: '=A2*2', value: 3000, display: '3000' });
    expect(model.view('Лист1', { row: 2, column: 2, numRows: 1, numColumns: 1 }).cells).toHaveLength(1);
  });

  it('reports structural user changes as onChange kinds', () => {
    const { model } = newModel();
    expect(model.userInsertRows('Лист1', 1, 2).kind).toBe('INSERT_ROW');
    expect(model.userDeleteRows('Лист1', 1, 1).kind).toBe('REMOVE_ROW');
    expect(model.userInsertColumns('Лист1', 1, 1).kind).toBe('INSERT_COLUMN');
    expect(model.userDeleteColumns('Лист1', 1, 1).kind).toBe('REMOVE_COLUMN');
    expect(model.userRenameSheet('Лист1', 'Клиенты')).toMatchObject({ kind: 'OTHER', sheetName: 'Клиенты' });
    expect((model.spreadsheet as any).getActiveSheet().getMaxRows()).toBe(1001);
  });
});
