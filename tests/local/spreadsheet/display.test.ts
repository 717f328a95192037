// Display values: number and date formats rendered in the spreadsheet locale, as Range.getDisplayValue shows them.

import { formatValue } from '../../../local/spreadsheet/numfmt';
import { newModel } from './helpers';

describe('display values', () => {
  it.each([
    ['0', 1234.567, '1235', '1235'],
    ['0.00', 1234.5, '1234,50', '1234.50'],
    ['#,##0', 1234567.8, '1\u00a0234\u00a0568', '1,234,568'],
    ['#,##0.00', -1234.5, '-1\u00a0234,50', '-1,234.50'],
    ['#,##0.00 [$₽-419]', 1500, '1\u00a0500,00 ₽', '1,500.00 ₽'],
    ['0%', 0.256, '26%', '26%'],
    ['0.0%', 0.256, '25,6%', '25.6%'],
    ['"$"#,##0.00', 12, '$12,00', '$12.00'],
  ])('renders %s', (format, value, ru, en) => {
    expect(formatValue(value, format, 'ru_RU')).toBe(ru);
    expect(formatValue(value, format, 'en_US')).toBe(en);
  });

  it('renders date formats on the sheet and the automatic date format by locale', () => {
    const ru = newModel({ locale: 'ru_RU', timeZone: 'Europe/Moscow' });
    const sheet = ru.ss.getActiveSheet();
    const d = new Date('2026-03-05T14:07:09+03:00');
    sheet.getRange('A1:E1').setValues([[d, d, d, d, d]]);
    sheet
      .getRange('A1:E1')
      .setNumberFormats([['dd.mm.yyyy', 'yyyy-mm-dd', 'dd.mm.yyyy hh:mm', 'mm/dd/yyyy', 'd mmmm yyyy']]);
    expect(sheet.getRange('A1:E1').getDisplayValues()).toEqual([
      ['05.03.2026', '2026-03-05', '05.03.2026 14:07', '03/05/2026', '5 марта 2026'],
    ]);
    sheet.getRange('A2').setValue(new Date('2026-03-15T00:00:00+03:00'));
    expect(sheet.getRange('A2').getDisplayValue()).toBe('15.03.2026');
    const en = newModel({ locale: 'en_US', timeZone: 'America/Chicago' });
    const s2 = en.ss.getActiveSheet();
    s2.getRange('A1').setValue(new Date('2026-03-15T00:00:00-05:00'));
    expect(s2.getRange('A1').getDisplayValue()).toBe('3/15/2026');
  });

  it('shows numbers in the automatic format with the locale decimal separator', () => {
    const { ss } = newModel({ locale: 'ru_RU' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:D1').setValues([[1.5, 1 / 3, 1500, true]]);
    expect(sheet.getRange('A1:D1').getDisplayValues()).toEqual([['1,5', '0,3333333333', '1500', 'TRUE']]);
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.###############');
  });

  it('shows text in a @ cell and numbers typed with a thousands separator keep their grouping', () => {
    const { ss } = newModel({ locale: 'en_US' });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1').setValue('1,500');
    sheet.getRange('B1').setValue('12%');
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[1500, 0.12]]);
    expect(sheet.getRange('A1:B1').getDisplayValues()).toEqual([['1,500', '12%']]);
  });
});
