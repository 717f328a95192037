// Calendar helpers of the morning run: date cells read as records hold them, observed birthdays, Sheets formats.
import { formatValue } from '../../../local/spreadsheet/numfmt';
import { addDays, daysBetween, isoToSerial } from '../../../src/domain/normalize/date';
import {
  birthdaysAround,
  dayFromNumber,
  dayNumber,
  daysFrom,
  formatSheetDate,
  formatSheetTime,
  observedBirthday,
  plusDays,
  readDay,
  wallMinutes,
} from '../../../src/domain/reminders/dates';

const reading = { today: '2026-03-14', locale: 'ru_RU' };

describe('readDay', () => {
  it('takes yyyy-mm-dd and yyyy-mm-ddTHH:mm as the adapter writes them', () => {
    expect(readDay('2026-03-15', reading)).toEqual({ ok: true, day: '2026-03-15', time: '' });
    expect(readDay('2026-03-15T09:30', reading)).toEqual({ ok: true, day: '2026-03-15', time: '09:30' });
  });

  it('reads text typed where the date format was lost, in the sheet locale’s order', () => {
    expect(readDay('15.03.2026 9:30', reading)).toEqual({ ok: true, day: '2026-03-15', time: '09:30' });
    expect(readDay('3/4/2026', { ...reading, locale: 'en_US' })).toEqual({ ok: true, day: '2026-03-04', time: '' });
    expect(readDay('3/4/2026', reading)).toEqual({ ok: true, day: '2026-04-03', time: '' });
    expect(readDay('15 марта 1985', reading)).toEqual({ ok: true, day: '1985-03-15', time: '' });
  });

  it('treats an empty cell as no date and anything unreadable as a failure', () => {
    expect(readDay('', reading)).toEqual({ ok: true, day: '', time: '' });
    expect(readDay(undefined, reading)).toEqual({ ok: true, day: '', time: '' });
    expect(readDay('  ', reading)).toEqual({ ok: true, day: '', time: '' });
    expect(readDay('скоро', reading)).toEqual({ ok: false });
    expect(readDay('2026-02-30', reading)).toEqual({ ok: false });
    expect(readDay('32.13.1990', reading)).toEqual({ ok: false });
  });
});

describe('observedBirthday', () => {
  it('keeps every ordinary birthday on its own day', () => {
    expect(observedBirthday('1985-03-15', 2027, 'feb28')).toBe('2027-03-15');
    expect(observedBirthday('1985-12-31', 2027, 'mar1')).toBe('2027-12-31');
  });

  it('moves 29 February to 28 February in common years by default, or to 1 March when chosen', () => {
    expect(observedBirthday('1988-02-29', 2027, 'feb28')).toBe('2027-02-28');
    expect(observedBirthday('1988-02-29', 2027, 'mar1')).toBe('2027-03-01');
  });

  it('keeps 29 February in leap years, including 2000 and not 2100', () => {
    expect(observedBirthday('1988-02-29', 2028, 'feb28')).toBe('2028-02-29');
    expect(observedBirthday('1988-02-29', 2000, 'mar1')).toBe('2000-02-29');
    expect(observedBirthday('1988-02-29', 2100, 'feb28')).toBe('2100-02-28');
  });

  it('gives the years around today, so windows across New Year find last and next year’s birthday', () => {
    expect(birthdaysAround('1990-01-02', '2026-12-31', 'feb28')).toEqual(['2025-01-02', '2026-01-02', '2027-01-02']);
  });
});

describe('wallMinutes', () => {
  it('counts minutes between wall times across midnight and month ends', () => {
    expect(wallMinutes('2026-03-01T00:05') - wallMinutes('2026-02-28T23:55')).toBe(10);
    expect(wallMinutes('2026-03-15') - wallMinutes('2026-03-14T23:00')).toBe(60);
    expect(wallMinutes('not a time')).toBeNaN();
  });
});

describe('formatSheetDate', () => {
  // The emulator's display formats model Sheets (local/spreadsheet/numfmt.ts): both must agree.
  const patterns = [
    'dd.mm.yyyy',
    'mm/dd/yyyy',
    'm/d/yyyy',
    'dd/mm/yyyy',
    'yyyy-mm-dd',
    'dd.mm.yyyy hh:mm',
    'mm/dd/yyyy hh:mm',
    'm/d/yyyy h:mm AM/PM',
    'd mmmm yyyy',
    'mmmm yyyy',
    'dddd, mmmm d, yyyy',
    'd mmm yy',
    'ddd d.m.yy',
  ];
  const cases: Array<[string, string]> = [
    ['2026-03-05', '14:05'],
    ['2026-12-31', '00:30'],
    ['2028-02-29', '12:00'],
    ['1999-01-09', '09:07'],
  ];
  for (const [locale, lang] of [
    ['ru_RU', 'ru'],
    ['en_US', 'en'],
  ] as const) {
    it.each(patterns)(`shows dates as a Sheets cell with the format %s shows them in ${locale}`, (pattern) => {
      for (const [day, time] of cases) {
        const [h, m] = time.split(':').map(Number);
        const serial = isoToSerial(day) + (h * 60 + m) / 1440;
        const withTime = /h/i.test(pattern);
        const expected = formatValue(withTime ? serial : isoToSerial(day), pattern, locale);
        expect(formatSheetDate(day, pattern, lang, withTime ? time : '')).toBe(expected);
      }
    });
  }

  it('shows a date without a time under a date-and-time format as the date alone', () => {
    expect(formatSheetDate('2026-03-15', 'dd.mm.yyyy hh:mm', 'ru')).toBe('15.03.2026');
    expect(formatSheetDate('2026-03-15', 'm/d/yyyy h:mm AM/PM', 'en')).toBe('3/15/2026');
  });

  it('shows only the time part with formatSheetTime', () => {
    expect(formatSheetTime('14:05', 'dd.mm.yyyy hh:mm', 'ru')).toBe('14:05');
    expect(formatSheetTime('14:05', 'm/d/yyyy h:mm AM/PM', 'en')).toBe('2:05 PM');
    expect(formatSheetTime('', 'dd.mm.yyyy hh:mm', 'ru')).toBe('');
  });
});

describe('day numbers', () => {
  it('agree with the calendar of the date normaliser over four centuries of days', () => {
    for (let n = -47000; n < 100000; n += 37) {
      const day = dayFromNumber(n);
      expect(day).toBe(addDays('1970-01-01', n));
      expect(dayNumber(day)).toBe(n);
      expect(plusDays(day, 400)).toBe(addDays(day, 400));
      expect(daysFrom(day, '2026-03-15')).toBe(daysBetween(day, '2026-03-15'));
    }
  });

  it('step over 29 February only in leap years', () => {
    expect(plusDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(plusDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(plusDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(plusDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(plusDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(plusDays('2027-01-01', -1)).toBe('2026-12-31');
  });
});
