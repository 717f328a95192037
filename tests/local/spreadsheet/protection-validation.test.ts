// Protections stop non-editors (scripts and people alike); validation rejects a person's input but not a script's.

import { newModel } from './helpers';

const PROTECTED =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

describe('protections', () => {
  function protectedSheet() {
    const ctx = newModel({ locale: 'en_US' });
    const sheet = ctx.ss.getActiveSheet();
    sheet.getRange('A1:B1').setValues([['Name', 'Note']]);
    const p = sheet.getRange('A1:B1').protect().setDescription('Header');
    p.removeEditors(p.getEditors());
    return { ...ctx, sheet, p };
  }

  it('refuses a script write by a user who is not an editor and writes nothing', () => {
    const { sheet, hooks, p } = protectedSheet();
    expect(p.getEditors().map((u: any) => u.getEmail())).toEqual(['owner@example.com']);
    hooks.actor.user = 'manager@example.com';
    expect(() =>
      sheet.getRange('A1:C2').setValues([
        ['x', 'y', 'z'],
        [1, 2, 3],
      ]),
    ).toThrow(PROTECTED);
    expect(sheet.getRange('A1:C2').getValues()).toEqual([
      ['Name', 'Note', ''],
      ['', '', ''],
    ]);
    expect(p.canEdit()).toBe(false);
    sheet.getRange('A2').setValue('allowed');
    expect(sheet.getRange('A2').getValue()).toBe('allowed');
  });

  it('lets the owner and added editors write, and never blocks a warning-only protection', () => {
    const { sheet, hooks, p } = protectedSheet();
    sheet.getRange('A1').setValue('Owner edit');
    hooks.actor.user = 'doctor@example.com';
    p.addEditor('doctor@example.com');
    sheet.getRange('B1').setValue('Editor edit');
    p.removeEditor('doctor@example.com').setWarningOnly(true);
    sheet.getRange('B1').setValue('Warned edit');
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['Owner edit', 'Warned edit']]);
  });

  it('blocks a person editing a protected cell the same way', () => {
    const { model, hooks } = protectedSheet();
    hooks.actor.user = 'manager@example.com';
    hooks.actor.inScript = false;
    expect(() => model.userEdit('Sheet1', 'A1', 'hack')).toThrow(PROTECTED);
    expect(model.values('Sheet1')).toEqual([['Name', 'Note']]);
  });

  it('honours unprotected ranges of a sheet protection and blocks structure changes', () => {
    const { ss, app, hooks } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    const p = sheet.protect().setDescription('Whole tab');
    p.setUnprotectedRanges([sheet.getRange('B2:B')]);
    p.removeEditors(p.getEditors());
    hooks.actor.user = 'manager@example.com';
    sheet.getRange('B5').setValue('free');
    expect(() => sheet.getRange('A5').setValue('locked')).toThrow(PROTECTED);
    expect(() => sheet.insertColumnBefore(1)).toThrow(PROTECTED);
    expect(ss.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    expect(ss.getProtections(app.ProtectionType.RANGE)).toHaveLength(0);
    expect(sheet.getRange('B5').getValue()).toBe('free');
  });
});

describe('data validation', () => {
  function validated() {
    const ctx = newModel({ locale: 'ru_RU' });
    const sheet = ctx.ss.getActiveSheet();
    const rule = ctx.app
      .newDataValidation()
      .requireValueInList(['новый', 'клиент'], true)
      .setAllowInvalid(false)
      .setHelpText('Выберите статус из списка')
      .build();
    sheet.getRange('B2:B').setDataValidation(rule);
    return { ...ctx, sheet, rule };
  }

  it('rejects a person entering a value outside the list and changes nothing', () => {
    const { model, sheet, hooks } = validated();
    hooks.actor.inScript = false;
    sheet.getRange('B2').setValue('новый');
    expect(() => model.userEdit('Лист1', 'B2', 'чужой')).toThrow(/B2.*Выберите статус из списка/);
    expect(sheet.getRange('B2').getValue()).toBe('новый');
    const change = model.userEdit('Лист1', 'B2', 'клиент');
    expect(change).toMatchObject({ kind: 'EDIT', sheetName: 'Лист1', value: 'клиент', oldValue: 'новый' });
  });

  it('lets a script write an invalid value (scripts bypass validation)', () => {
    const { sheet } = validated();
    sheet.getRange('B3').setValue('чужой');
    expect(sheet.getRange('B3').getValue()).toBe('чужой');
  });

  it('allows invalid input by default, as new Apps Script rules do', () => {
    const { model, app, ss } = newModel({ locale: 'ru_RU' });
    const sheet = ss.getActiveSheet();
    const rule = app.newDataValidation().requireNumberBetween(1, 10).build();
    expect(rule.getAllowInvalid()).toBe(true);
    sheet.getRange('A1').setDataValidation(rule);
    model.userEdit('Лист1', 'A1', '99');
    expect(sheet.getRange('A1').getValue()).toBe(99);
  });

  it('checks a pasted block against validation and a range rule', () => {
    const { model, app, ss } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    const lists = ss.insertSheet('Lists');
    lists.getRange('A1:A2').setValues([['Dr. Ivanov'], ['Dr. Petrov']]);
    sheet
      .getRange('A1:A10')
      .setDataValidation(
        app.newDataValidation().requireValueInRange(lists.getRange('A1:A2')).setAllowInvalid(false).build(),
      );
    expect(model.view('Sheet1', { row: 1, column: 1, numRows: 1, numColumns: 1 }).cells[0][0].options).toEqual([
      'Dr. Ivanov',
      'Dr. Petrov',
    ]);
    const change = model.userPaste('Sheet1', 'A1', [['Dr. Petrov'], ['Dr. Ivanov']], { valuesOnly: true });
    expect(change.value).toBeUndefined();
    expect(change.range?.getA1Notation()).toBe('A1:A2');
    expect(() => model.userPaste('Sheet1', 'A3', [['Dr. Who']], { valuesOnly: true })).toThrow(
      /violates the data validation rules/,
    );
    expect(sheet.getRange('A3').getValue()).toBe('');
  });

  it('a normal paste brings the source cells without validation: the value lands and the rule is gone', () => {
    const { sheet, model, app } = validated();
    sheet
      .getRange('C1:C5')
      .setDataValidation(app.newDataValidation().requireValueInList(['yes', 'no']).setAllowInvalid(false).build());
    model.userPaste(sheet.getName(), 'C2:C3', [['maybe'], ['perhaps']]);
    expect(sheet.getRange('C2:C3').getValues()).toEqual([['maybe'], ['perhaps']]);
    expect(sheet.getRange('C2').getDataValidation()).toBeNull();
    expect(sheet.getRange('C4').getDataValidation()).not.toBeNull();
  });

  it('returns rule details through getDataValidation', () => {
    const { sheet } = validated();
    const dv = sheet.getRange('B10').getDataValidation();
    expect(dv.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(dv.getCriteriaValues()).toEqual([['новый', 'клиент'], true]);
    expect(dv.getHelpText()).toBe('Выберите статус из списка');
    expect(sheet.getRange('A10').getDataValidation()).toBeNull();
  });
});
