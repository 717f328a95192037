// Files: .xlsx save-and-load keeps tabs, values, dates, formulas, formats, validation, frozen rows and hidden tabs;
// CSV loads as typed input.

import { loadSpreadsheetModelFromXlsx } from '../../../local/spreadsheet/index';
import { fakeHooks, newModel } from './helpers';

describe('xlsx', () => {
  it('round-trips a workbook: save then load gives the same tabs, values, formulas and settings', async () => {
    const { model, ss, app } = newModel({ locale: 'ru_RU', timeZone: 'Asia/Vladivostok' });
    const clients = ss.getActiveSheet();
    clients.setName('Клиенты');
    clients.getRange('A1:D3').setValues([
      ['Имя', 'Дата рождения', 'Сумма', 'Статус'],
      ['Анна', new Date('1990-05-17T00:00:00+10:00'), 1500.5, 'новый'],
      ['Борис', new Date('1985-12-01T00:00:00+10:00'), 200, 'клиент'],
    ]);
    clients.getRange('C2:C3').setNumberFormat('#,##0.00 [$₽-419]');
    clients
      .getRange('D2:D3')
      .setDataValidation(
        app.newDataValidation().requireValueInList(['новый', 'клиент']).setAllowInvalid(false).build(),
      );
    clients.setFrozenRows(1);
    clients.setColumnWidth(1, 210);
    const report = ss.insertSheet('Отчёт');
    report.getRange('A1:B1').setFormulas([["=SUM('Клиенты'!C2:C3)", '=COUNTIF(\'Клиенты\'!D2:D3,"новый")']]);
    const hidden = ss.insertSheet('Служебный');
    hidden.getRange('A1').setValue('config');
    hidden.hideSheet();

    const buf = await model.toXlsx();
    const back = await loadSpreadsheetModelFromXlsx(buf, {
      timeZone: 'Asia/Vladivostok',
      locale: 'ru_RU',
      owner: 'owner@example.com',
      hooks: fakeHooks(),
    });
    expect(back.sheetNames()).toEqual(['Клиенты', 'Отчёт', 'Служебный']);
    expect(back.values('Клиенты')).toEqual(model.values('Клиенты'));
    expect(back.displayValues('Клиенты')).toEqual(model.displayValues('Клиенты'));
    expect(back.formulas('Отчёт')).toEqual(model.formulas('Отчёт'));
    expect(back.values('Отчёт')).toEqual([[1700.5, 1]]);
    const view = back.view('Клиенты');
    expect(view.frozenRows).toBe(1);
    expect(view.columnWidths[1]).toBe(210);
    expect(view.cells[1][3].options).toEqual(['новый', 'клиент']);
    expect(back.view('Служебный').hidden).toBe(true);
    const dv = (back.spreadsheet as any).getSheetByName('Клиенты').getRange('D2').getDataValidation();
    expect(dv.getAllowInvalid()).toBe(false);
  });
});

describe('csv', () => {
  it('loads RFC 4180 text into a tab as typed input', () => {
    const { model } = newModel({ locale: 'ru_RU', timeZone: 'Europe/Moscow' });
    model.loadCsv(
      'Импорт',
      'Имя,Дата,Сумма,Комментарий\r\n"Анна ""А.""",15.03.2026,"1,5","строка 1\nстрока 2"\nБорис,,10,\n',
    );
    const values = model.values('Импорт');
    expect(values[0]).toEqual(['Имя', 'Дата', 'Сумма', 'Комментарий']);
    expect(values[1][0]).toBe('Анна "А."');
    expect((values[1][1] as Date).toISOString()).toBe('2026-03-14T21:00:00.000Z');
    expect(values[1].slice(2)).toEqual([1.5, 'строка 1\nстрока 2']);
    expect(values[2]).toEqual(['Борис', '', 10, '']);
  });
});
