// The .xlsx download keeps every data-validation rule (not only dropdowns), each written once without overlapping
// ranges, and the conditional format rules (gradients as colour scales, formulas as expressions); loading the file
// gives the same rules back.

import ExcelJS from 'exceljs';
import { loadWorkbook } from '../../../local/index';
import { loadSpreadsheetModelFromXlsx } from '../../../local/spreadsheet/index';
import { fakeHooks, newModel } from './helpers';

async function reload(model: any, locale = 'en_US', timeZone = 'Europe/Moscow') {
  const buf = await model.toXlsx();
  const back = await loadSpreadsheetModelFromXlsx(buf, {
    timeZone,
    locale,
    owner: 'owner@example.com',
    hooks: fakeHooks(),
  });
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.load(buf);
  return { buf, back, backSs: back.spreadsheet as any, excel };
}

function describeRule(range: any) {
  const dv = range.getDataValidation();
  if (!dv) return null;
  const values = dv
    .getCriteriaValues()
    .map((v: any) =>
      v instanceof Date ? v.toISOString() : v && typeof v.getA1Notation === 'function' ? v.getA1Notation() : v,
    );
  return [dv.getCriteriaType(), values, dv.getAllowInvalid(), dv.getHelpText()];
}

describe('data validation in the .xlsx download (issue: only dropdowns were kept, each written twice)', () => {
  function clinic() {
    const ctx = newModel({ locale: 'en_US', timeZone: 'Europe/Moscow' });
    const { ss, app } = ctx;
    const sheet = ss.getActiveSheet();
    sheet.setName('Clients');
    const lists = ss.insertSheet('Lists');
    lists.getRange('A1:A3').setValues([['Dr. Ivanova'], ['Dr. Petrov'], ['Dr. Sidorova']]);
    const rule = () => app.newDataValidation().setAllowInvalid(false);
    const at = (a1: string, dv: any) => sheet.getRange(a1).setDataValidation(dv.build());
    at('A2:A50', rule().requireValueInList(['lead', 'client', 'lost']));
    at('B2:B50', rule().requireValueInRange(lists.getRange('A1:A3')));
    at('C2:C50', rule().requireTextIsEmail().setHelpText('An email such as anna@example.com'));
    at('D2:D50', rule().requireDate());
    at('E2:E50', rule().requireDateOnOrBefore(new Date('2026-03-15T00:00:00+03:00')));
    at('F2:F50', app.newDataValidation().requireNumberGreaterThanOrEqualTo(0).setAllowInvalid(true));
    at('G2:G50', rule().requireNumberBetween(1, 5));
    at('H2:H50', rule().requireTextIsUrl());
    at('I2:I50', rule().requireTextContains('+7'));
    at('J2:J50', rule().requireTextEqualTo('yes'));
    at('K2:K50', rule().requireCheckbox());
    at('L2:L50', rule().requireFormulaSatisfied('=L2<=F2'));
    at(
      'M2:M50',
      rule().requireDateBetween(new Date('2026-01-01T00:00:00+03:00'), new Date('2026-12-31T00:00:00+03:00')),
    );
    at('N2:N50', rule().requireTextDoesNotContain('@'));
    return { ...ctx, sheet };
  }

  it('keeps every kind of rule through save and load', async () => {
    const { model, sheet } = clinic();
    const { backSs } = await reload(model);
    const back = backSs.getSheetByName('Clients');
    for (const a1 of ['A2', 'B30', 'C2', 'D50', 'E7', 'F2', 'G2', 'H2', 'I2', 'J2', 'K2', 'L2', 'M9', 'N2'])
      expect([a1, describeRule(back.getRange(a1))]).toEqual([a1, describeRule(sheet.getRange(a1))]);
    expect(back.getRange('A51').getDataValidation()).toBeNull();
  });

  it('the reloaded rules still judge input as before (a formula rule away from its first cell too)', async () => {
    const { model } = clinic();
    const { back } = await reload(model);
    const sheet = (back.spreadsheet as any).getSheetByName('Clients');
    sheet.getRange('F10').setValue(3);
    (back as any).book.hooks.context.inScript = () => false;
    expect(() => back.userEdit('Clients', 'C10', 'not an email')).toThrow(/violates the data validation rules/);
    expect(() => back.userEdit('Clients', 'C10', 'anna@example.com')).not.toThrow();
    expect(() => back.userEdit('Clients', 'L10', '5')).toThrow(/violates/);
    expect(() => back.userEdit('Clients', 'L10', '2')).not.toThrow();
    expect(() => back.userEdit('Clients', 'E10', '3/16/2026')).toThrow(/violates/);
    expect(() => back.userEdit('Clients', 'B10', 'Dr. Petrov')).not.toThrow();
  });

  it('writes each rule once over its cells, with no overlapping ranges (as Excel reads the file)', async () => {
    const { model } = clinic();
    const { buf } = await reload(model);
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(buf)).file('xl/worksheets/sheet1.xml')!.async('string');
    const sqrefs = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    expect(sqrefs.sort()).toEqual(
      ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N'].map((c) => `${c}2:${c}50`).sort(),
    );
    expect(xml).toContain('<formula1>ISEMAIL(C2)</formula1>');
  });

  it('loadWorkbook gives the rules back to scripts', async () => {
    const { model } = clinic();
    const wb = await loadWorkbook(await model.toXlsx(), { timeZone: 'Europe/Moscow', locale: 'en_US' });
    const sheet = (wb.model.spreadsheet as any).getSheetByName('Clients');
    expect(sheet.getRange('C5').getDataValidation().getCriteriaType()).toBe('TEXT_IS_VALID_EMAIL');
    expect(sheet.getRange('A5').getDataValidation().getCriteriaValues()).toEqual([['lead', 'client', 'lost'], true]);
  });
});

describe('conditional formats in the .xlsx download', () => {
  function rules() {
    const ctx = newModel({ locale: 'en_US', timeZone: 'Europe/Moscow', now: '2026-03-15T09:00:00Z' });
    const { ss, app } = ctx;
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:C4').setValues([
      ['Ann VIP', 10, new Date('2026-03-10T12:00:00Z')],
      ['', 55, new Date('2026-03-16T12:00:00Z')],
      ['Bob', 90, new Date('2026-03-15T12:00:00Z')],
      ['vip Cid', -1, new Date('2027-01-01T12:00:00Z')],
    ]);
    const R = app.RelativeDate;
    const b = () => app.newConditionalFormatRule();
    const A = [sheet.getRange('A1:A4')];
    const C = [sheet.getRange('C1:C4')];
    sheet.setConditionalFormatRules([
      b().whenTextStartsWith('vip').setBackground('#000001').setRanges(A).build(),
      b().whenTextContains('vip').setFontColor('#000002').setBold(true).setRanges(A).build(),
      b().whenCellEmpty().setBackground('#000003').setItalic(true).setRanges(A).build(),
      b().whenTextEndsWith('b').setUnderline(true).setStrikethrough(true).setRanges(A).build(),
      b().whenTextEqualTo('ann vip').setBackground('#000004').setRanges(A).build(),
      b()
        .whenTextDoesNotContain('q')
        .setBackground('#000005')
        .setRanges([sheet.getRange('A5:A6')])
        .build(),
      b()
        .whenCellNotEmpty()
        .setBackground('#000006')
        .setRanges([sheet.getRange('A7')])
        .build(),
      b()
        .whenNumberLessThan(0)
        .setBackground('#000007')
        .setRanges([sheet.getRange('B1:B4')])
        .build(),
      b()
        .whenNumberBetween(40, 60)
        .setBackground('#000008')
        .setRanges([sheet.getRange('B1:B4')])
        .build(),
      b().whenDateEqualTo(R.TOMORROW).setBackground('#000009').setRanges(C).build(),
      b().whenDateBefore(R.PAST_WEEK).setBackground('#00000a').setRanges(C).build(),
      b().whenDateEqualTo(R.PAST_WEEK).setBackground('#00000b').setRanges(C).build(),
      b().whenDateAfter(new Date('2026-12-31T00:00:00+03:00')).setBackground('#00000c').setRanges(C).build(),
      b()
        .whenFormulaSatisfied('=$B1>50')
        .setBackground('#00000d')
        .setRanges([sheet.getRange('D1:E4'), sheet.getRange('G1')])
        .build(),
      b()
        .setGradientMinpoint('#ffffff')
        .setGradientMidpointWithValue('#ffff00', app.InterpolationType.PERCENTILE, '50')
        .setGradientMaxpointWithValue('#57bb8a', app.InterpolationType.NUMBER, '100')
        .setRanges([sheet.getRange('F1:F4')])
        .build(),
    ]);
    sheet.getRange('F1:F4').setValues([[0], [25], [50], [100]]);
    return { ...ctx, sheet };
  }

  function snapshot(sheet: any) {
    return sheet.getConditionalFormatRules().map((r: any) => {
      const b = r.getBooleanCondition();
      const g = r.getGradientCondition();
      const ranges = r.getRanges().map((x: any) => x.getA1Notation());
      if (g)
        return [
          ranges,
          'gradient',
          [g.getMinColor(), g.getMinType(), g.getMinValue()],
          [g.getMidColor(), g.getMidType(), g.getMidValue()],
          [g.getMaxColor(), g.getMaxType(), g.getMaxValue()],
        ];
      const values = b.getCriteriaValues().map((v: any) => (v instanceof Date ? v.toISOString() : v));
      return [
        ranges,
        b.getCriteriaType(),
        values,
        b.getBackground(),
        b.getFontColor(),
        b.getBold(),
        b.getItalic(),
        b.getUnderline(),
        b.getStrikethrough(),
      ];
    });
  }

  it('keeps every rule, in order, through save and load; cells look the same', async () => {
    const { model, sheet } = rules();
    const { back, backSs } = await reload(model);
    expect(snapshot(backSs.getActiveSheet())).toEqual(snapshot(sheet));
    const looks = (m: any) =>
      m
        .view(sheet.getName(), { row: 1, column: 1, numRows: 7, numColumns: 7 })
        .cells.map((row: any[]) => row.map((c) => [c.background, c.fontColor, c.fontWeight]));
    const shown = JSON.stringify(looks(model));
    for (const color of ['#000001', '#000003', '#000008', '#000009', '#00000b', '#00000c', '#00000d', '#57bb8a'])
      expect(shown).toContain(color);
    expect(looks(back)).toEqual(looks(model));
  });

  it('Excel reads a colour scale and formula expressions relative to the first cell', async () => {
    const { model } = rules();
    const { excel } = await reload(model);
    const cf = (excel.worksheets[0] as any).conditionalFormattings as Array<{ ref: string; rules: any[] }>;
    const scale = cf.find((e) => e.rules[0].type === 'colorScale')!;
    expect(scale.ref).toBe('F1:F4');
    expect(scale.rules[0].cfvo).toEqual([
      { type: 'min' },
      { type: 'percentile', value: 50 },
      { type: 'num', value: 100 },
    ]);
    const formula = cf.find((e) => e.ref === 'D1:E4 G1')!;
    expect(formula.rules[0]).toMatchObject({ type: 'expression', formulae: ['$B1>50'] });
    const between = cf.find((e) => e.rules[0].type === 'cellIs' && e.rules[0].operator === 'between')!;
    expect(between.rules[0].formulae).toEqual(['40', '60']);
  });
});
