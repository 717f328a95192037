// Dates and money in the sidebars: the locale's way of writing them, and reading what people type.
import { datePlaceholder, daysFromToday, formatDay, formatMoney, isMonthFirst, parseDay } from '../../html/kit/dates';

const ru = { lang: 'ru' as const, locale: 'ru_RU', timeZone: 'Europe/Moscow', today: '2026-03-15' };
const us = { lang: 'en' as const, locale: 'en_US', timeZone: 'America/New_York', today: '2026-03-15' };
const gb = { lang: 'en' as const, locale: 'en_GB', timeZone: 'Europe/London', today: '2026-03-15' };
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('sidebar dates', () => {
  it('writes a date as the sheet locale does', () => {
    expect(formatDay('2026-03-05', ru)).toBe('05.03.2026');
    expect(formatDay('2026-03-05', us)).toBe('03/05/2026');
    expect(formatDay('2026-03-05', gb)).toBe('05/03/2026');
    expect(formatDay('2026-03-05T14:30', ru)).toBe('05.03.2026 14:30');
    expect(formatDay('2026-03-05T00:00', us)).toBe('03/05/2026');
    expect(formatDay('', ru)).toBe('');
  });

  it('reads the month first exactly where the domain parser does', () => {
    expect(isMonthFirst('en_US')).toBe(true);
    expect(isMonthFirst('en_GB')).toBe(false);
    expect(isMonthFirst('ru_RU')).toBe(false);
    expect(datePlaceholder(ru)).toBe('дд.мм.гггг');
    expect(datePlaceholder(us)).toBe('mm/dd/yyyy');
    expect(datePlaceholder(gb)).toBe('dd/mm/yyyy');
  });

  it('reads typed dates into yyyy-mm-dd and round-trips what it shows', () => {
    expect(parseDay('15.3.26', ru)).toEqual({ ok: true, value: '2026-03-15' });
    expect(parseDay('3/15/2026', us)).toEqual({ ok: true, value: '2026-03-15' });
    expect(parseDay('31.02.2026', ru)).toEqual({ ok: false, code: 'date.noSuchDay' });
    expect(parseDay('завтра', ru).ok).toBe(false);
    for (const style of [ru, us, gb]) {
      expect(parseDay(formatDay('2026-11-04', style), style)).toEqual({ ok: true, value: '2026-11-04' });
    }
  });

  it('counts days from today', () => {
    expect(daysFromToday('2026-03-20', '2026-03-15')).toBe(5);
    expect(daysFromToday('2026-03-10T10:00', '2026-03-15')).toBe(-5);
    expect(daysFromToday('', '2026-03-15')).toBeNull();
  });

  it('shows money in the sheet currency', () => {
    expect(plain(formatMoney(12500, 'RUB', 'ru'))).toBe('12 500 ₽');
    expect(formatMoney(1500.5, 'USD', 'en')).toBe('$1,500.50');
    expect(formatMoney(0, 'EUR', 'en')).toBe('€0');
    expect(formatMoney(10, 'NOT-A-CODE', 'en')).toBe('10 NOT-A-CODE');
  });
});
