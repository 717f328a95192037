// Tests for dates: typed text in both locales, Sheets date cells in several zones, serials, and date arithmetic.
import * as vm from 'node:vm';
import {
  addDays,
  type DateOptions,
  daysBetween,
  isoToSerial,
  nextAnniversary,
  parseDateInput,
  serialToIso,
  todayIn,
} from '../../../src/domain/normalize/date';

const ru: DateOptions = { timeZone: 'Europe/Moscow', locale: 'ru_RU', today: '2026-03-10' };
const us: DateOptions = { timeZone: 'America/Los_Angeles', locale: 'en_US', today: '2026-03-10' };
const gb: DateOptions = { timeZone: 'Europe/London', locale: 'en_GB', today: '2026-03-10' };

describe('parseDateInput', () => {
  describe('reads dates as typed', () => {
    it.each<[unknown, DateOptions, string]>([
      ['15.03.2026', ru, '2026-03-15'],
      ['15.3.26', ru, '2026-03-15'],
      ['5.3.2026', ru, '2026-03-05'],
      ['15/03/2026', ru, '2026-03-15'],
      ['15-03-2026', ru, '2026-03-15'],
      ['15.03.2026 10:30', ru, '2026-03-15'],
      ['15.03.2026 г.', ru, '2026-03-15'],
      ['15.03', ru, '2026-03-15'],
      ['15032026', ru, '2026-03-15'],
      ['20260315', ru, '2026-03-15'],
      ['3/15/2026', us, '2026-03-15'],
      ['03/05/2026', us, '2026-03-05'],
      ['03/05/2026', gb, '2026-05-03'],
      ['03.05.2026', ru, '2026-05-03'],
      ['3/15/26', us, '2026-03-15'],
      ['15/03/2026', us, '2026-03-15'],
      ['03.15.2026', ru, '2026-03-15'],
      ['2026-03-15', ru, '2026-03-15'],
      ['2026-3-5', us, '2026-03-05'],
      ['2026/03/15', us, '2026-03-15'],
      ['2026-03-15 18:00', ru, '2026-03-15'],
      ['15 марта 2026', ru, '2026-03-15'],
      ['15 марта 2026 года', ru, '2026-03-15'],
      ['15 мар 2026', ru, '2026-03-15'],
      ['15 мар. 2026', ru, '2026-03-15'],
      ['1 мая 2026', ru, '2026-05-01'],
      ['3 Мая 1985', ru, '1985-05-03'],
      ['15 март 2026', ru, '2026-03-15'],
      ['15 марта', ru, '2026-03-15'],
      ['March 15, 2026', us, '2026-03-15'],
      ['15 Mar 2026', gb, '2026-03-15'],
      ['15-Mar-2026', gb, '2026-03-15'],
      ['Sept 1, 2026', us, '2026-09-01'],
      ['1st of May 2026', gb, '2026-05-01'],
      ['March 15', us, '2026-03-15'],
      ['2026 March 15', us, '2026-03-15'],
    ])('%p (%j) → %s', (input, opts, iso) => {
      expect(parseDateInput(input, opts)).toEqual({ ok: true, value: iso });
    });
  });

  describe('puts two-digit years within ten years ahead of today, else in the last century', () => {
    it.each([
      ['15.03.36', '2036-03-15'],
      ['15.03.37', '1937-03-15'],
      ['01.01.00', '2000-01-01'],
      ['12.07.85', '1985-07-12'],
    ])('%s → %s (today 2026-03-10)', (input, iso) => {
      expect(parseDateInput(input, ru)).toEqual({ ok: true, value: iso });
    });
  });

  describe('reads an instant as the calendar date in the sheet time zone', () => {
    it.each([
      ['2026-03-15T10:00:00Z', 'Europe/Moscow', '2026-03-15'],
      ['2026-03-15T22:30:00Z', 'Europe/Moscow', '2026-03-16'],
      ['2026-03-15T22:30:00Z', 'America/Los_Angeles', '2026-03-15'],
      ['2026-03-15T02:00:00Z', 'America/Los_Angeles', '2026-03-14'],
      ['2026-03-15T15:00:00+10:00', 'Asia/Vladivostok', '2026-03-15'],
      ['2026-03-15T15:00:00.000Z', 'Asia/Vladivostok', '2026-03-16'],
    ])('%s in %s → %s', (input, timeZone, iso) => {
      expect(parseDateInput(input, { timeZone, today: '2026-03-10' })).toEqual({ ok: true, value: iso });
    });
  });

  describe('reads a Sheets date cell (midnight in the sheet zone) as that calendar date', () => {
    it.each([
      // 15 March 2026 00:00 in each zone, as the instant Apps Script hands over.
      [new Date('2026-03-14T21:00:00Z'), 'Europe/Moscow', '2026-03-15'],
      [new Date('2026-03-14T14:00:00Z'), 'Asia/Vladivostok', '2026-03-15'],
      [new Date('2026-03-15T07:00:00Z'), 'America/Los_Angeles', '2026-03-15'],
      [new Date('2026-01-15T08:00:00Z'), 'America/Los_Angeles', '2026-01-15'],
      [new Date('1985-07-11T20:00:00Z'), 'Europe/Moscow', '1985-07-12'],
      [new Date('2024-02-28T14:00:00Z'), 'Asia/Vladivostok', '2024-02-29'],
    ])('%p in %s → %s', (input, timeZone, iso) => {
      expect(parseDateInput(input, { timeZone })).toEqual({ ok: true, value: iso });
    });

    it('accepts a Date made in another JavaScript realm, as the bundled add-on hands over', () => {
      const foreign = vm.runInNewContext("new Date('2026-03-14T21:00:00Z')");
      expect(foreign instanceof Date).toBe(false);
      expect(parseDateInput(foreign, { timeZone: 'Europe/Moscow' })).toEqual({ ok: true, value: '2026-03-15' });
    });

    it('gives the same instant different dates in zones on either side of midnight', () => {
      const instant = new Date('2026-03-14T21:00:00Z');
      expect(parseDateInput(instant, { timeZone: 'Europe/Moscow' })).toEqual({ ok: true, value: '2026-03-15' });
      expect(parseDateInput(instant, { timeZone: 'America/Los_Angeles' })).toEqual({ ok: true, value: '2026-03-14' });
    });
  });

  describe('reads Sheets serial numbers', () => {
    it.each([
      [46096, '2026-03-15'],
      [46096.75, '2026-03-15'],
      [45351, '2024-02-29'],
      [2, '1900-01-01'],
      [25569, '1970-01-01'],
    ])('%p → %s', (serial, iso) => {
      expect(parseDateInput(serial, ru)).toEqual({ ok: true, value: iso });
    });
  });

  describe('rejects what is not a real date', () => {
    it.each<[unknown, DateOptions, string]>([
      ['31.02.2026', ru, 'date.noSuchDay'],
      ['29.02.2026', ru, 'date.noSuchDay'],
      ['31.04.2026', ru, 'date.noSuchDay'],
      ['00.01.2026', ru, 'date.noSuchDay'],
      ['2026-02-30', ru, 'date.noSuchDay'],
      ['2026-02-30T10:00:00Z', ru, 'date.noSuchDay'],
      ['13.13.2026', ru, 'date.invalid'],
      ['15.03.1899', ru, 'date.outOfRange'],
      ['15.03.2201', ru, 'date.outOfRange'],
      ['1800-01-01', ru, 'date.outOfRange'],
      [1, ru, 'date.outOfRange'],
      [-5, ru, 'date.outOfRange'],
      [1e9, ru, 'date.outOfRange'],
      [Number.NaN, ru, 'date.invalid'],
      [new Date('garbage'), ru, 'date.invalid'],
      ['завтра', ru, 'date.invalid'],
      ['15 смарта 2026', ru, 'date.invalid'],
      ['15.03.202', ru, 'date.invalid'],
      ['2026', ru, 'date.invalid'],
      ['15 марта мая 2026', ru, 'date.invalid'],
      ['32 марта 2026', ru, 'date.noSuchDay'],
      ['3/15/2026 ok', us, 'date.invalid'],
      [true, ru, 'date.invalid'],
    ])('%p (%j) → %s', (input, opts, code) => {
      expect(parseDateInput(input, opts)).toEqual({ ok: false, code });
    });
  });

  it('accepts an empty field as no date', () => {
    for (const empty of ['', '   ', null, undefined])
      expect(parseDateInput(empty, ru)).toEqual({ ok: true, value: '' });
  });
});

describe('date arithmetic', () => {
  it('finds today in the sheet zone, not the machine zone', () => {
    const now = new Date('2026-03-14T22:30:00Z');
    expect(todayIn(now, 'Europe/Moscow')).toBe('2026-03-15');
    expect(todayIn(now, 'America/Los_Angeles')).toBe('2026-03-14');
    expect(todayIn(now, 'Asia/Vladivostok')).toBe('2026-03-15');
  });

  it.each([
    ['2026-03-15', 1, '2026-03-16'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 0, '2026-03-29'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('addDays(%s, %i) = %s', (iso, n, result) => {
    expect(addDays(iso, n)).toBe(result);
  });

  it('counts days between dates across month, year and daylight-saving changes', () => {
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2026-04-01', '2026-03-01')).toBe(-31);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('converts between dates and Sheets serials both ways', () => {
    expect(isoToSerial('2026-03-15')).toBe(46096);
    expect(isoToSerial('1899-12-30')).toBe(0);
    expect(isoToSerial('1900-03-01')).toBe(61);
    expect(serialToIso(61)).toBe('1900-03-01');
    for (const iso of ['1900-01-01', '1999-12-31', '2024-02-29', '2200-12-31']) {
      expect(serialToIso(isoToSerial(iso))).toBe(iso);
    }
  });

  describe('nextAnniversary', () => {
    it.each([
      ['1985-03-15', '2026-03-10', { date: '2026-03-15', inDays: 5, age: 41 }],
      ['1985-03-10', '2026-03-10', { date: '2026-03-10', inDays: 0, age: 41 }],
      ['1985-03-09', '2026-03-10', { date: '2027-03-09', inDays: 364, age: 42 }],
      ['1990-12-31', '2026-12-30', { date: '2026-12-31', inDays: 1, age: 36 }],
      ['1990-01-01', '2026-12-30', { date: '2027-01-01', inDays: 2, age: 37 }],
      ['2000-02-29', '2026-02-01', { date: '2026-02-28', inDays: 27, age: 26 }],
      ['2000-02-29', '2027-03-01', { date: '2028-02-29', inDays: 365, age: 28 }],
      ['2000-02-29', '2028-02-29', { date: '2028-02-29', inDays: 0, age: 28 }],
    ])('born %s, today %s', (birth, today, next) => {
      expect(nextAnniversary(birth, today)).toEqual(next);
    });
  });
});
