// A tab name Sheets allows and Excel refuses ('Сегменты: сводка') no longer stops the playground from saving its
// workbook or the .xlsx download: the file holds a look-alike name, and loading it gives the tab its own name back,
// with the formulas and dropdowns that point at it.

import ExcelJS from 'exceljs';
import { loadSpreadsheetModelFromXlsx } from '../../../local/spreadsheet/index';
import { excelSheetName, sheetsSheetName } from '../../../local/spreadsheet/xlsx-names';
import { fakeHooks, newModel } from './helpers';

describe('tab names with characters Excel refuses, in the .xlsx file', () => {
  it.each(['Сегменты: сводка', 'Q1/Q2 * [draft]?', 'back\\slash', "'quoted'"])(
    '%s is written under a name Excel accepts and read back as it was',
    (name) => {
      const excel = excelSheetName(name);
      expect(excel).not.toMatch(/[*?:/\\[\]]|^'|'$/);
      expect(excel).toHaveLength(name.length);
      expect(sheetsSheetName(excel)).toBe(name);
    },
  );

  it('saves and loads a workbook with such a tab, a formula naming it and a dropdown drawn from it', async () => {
    const { model, ss, app } = newModel();
    const clients = ss.getActiveSheet();
    clients.setName('Клиенты');
    const overview = ss.insertSheet('Сегменты: сводка');
    overview.getRange('A1:A2').setValues([['Постоянные'], ['Разовые']]);
    overview.getRange('B1:B2').setValues([[12], [30]]);
    clients.getRange('A1').setFormula("=SUM('Сегменты: сводка'!B1:B2)");
    clients
      .getRange('B1:B5')
      .setDataValidation(app.newDataValidation().requireValueInRange(overview.getRange('A1:A2')).build());

    const buf = await model.toXlsx();
    const file = new ExcelJS.Workbook();
    await file.xlsx.load(buf as unknown as ArrayBuffer);
    expect(file.worksheets.map((ws) => ws.name)).toEqual(['Клиенты', 'Сегменты\u2236 сводка']);
    expect((file.getWorksheet('Клиенты')!.getCell('A1').value as { formula: string }).formula).toBe(
      "SUM('Сегменты\u2236 сводка'!B1:B2)",
    );

    const back = (
      await loadSpreadsheetModelFromXlsx(buf, {
        timeZone: 'Europe/Moscow',
        locale: 'ru_RU',
        owner: 'owner@example.com',
        hooks: fakeHooks(),
      })
    ).spreadsheet as any;
    expect(back.getSheets().map((s: any) => s.getName())).toEqual(['Клиенты', 'Сегменты: сводка']);
    const a1 = back.getSheetByName('Клиенты').getRange('A1');
    expect(a1.getFormula()).toBe("=SUM('Сегменты: сводка'!B1:B2)");
    expect(a1.getValue()).toBe(42);
    const rule = back.getSheetByName('Клиенты').getRange('B2').getDataValidation();
    const [source] = rule.getCriteriaValues();
    expect(source.getSheet().getName()).toBe('Сегменты: сводка');
    expect(source.getA1Notation()).toBe('A1:A2');
  });
});
