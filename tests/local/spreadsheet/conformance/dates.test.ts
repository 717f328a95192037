// Date functions against Google's function help (support.google.com/docs/answer/<id>); the spreadsheet is in
// America/New_York unless said, dates come back from getValues as Dates at midnight of that zone.

import { sheetWith, ymd } from './sheet';

describe('DATE, YEAR, MONTH, DAY, WEEKDAY, TODAY', () => {
  const s = sheetWith();

  it('DATE — support.google.com/docs/answer/3092969: DATE(1969,7,20) is serial 25404 shown as a date', () => {
    expect(ymd(s.value('=DATE(1969,7,20)'))).toBe('1969-07-20');
    expect(s.display('=DATE(1969,7,20)')).toBe('7/20/1969');
    expect(s.value('=DATE(1969,7,20)+0*1')).toBeInstanceOf(Date);
    expect(s.value('=N(DATE(1969,7,20))')).toBe(25404);
    expect(ymd(s.value('=DATE(2026,13,1)'))).toBe('2027-01-01');
  });

  it('YEAR, MONTH, DAY — support.google.com/docs/answer/3093061, 3093052, 3093040', () => {
    expect(s.value('=YEAR(DATE(1969,7,20))')).toBe(1969);
    expect(s.value('=MONTH(DATE(1969,7,20))')).toBe(7);
    expect(s.value('=DAY(DATE(1969,7,20))')).toBe(20);
    expect(s.value('=YEAR("7/20/1969")')).toBe(1969);
    expect(s.value('=MONTH(40909)')).toBe(1);
  });

  it('WEEKDAY — support.google.com/docs/answer/3092985: types 1 (Sunday=1), 2 (Monday=1), 3 (Monday=0)', () => {
    // 20 July 1969 was a Sunday.
    expect(s.value('=WEEKDAY(DATE(1969,7,20))')).toBe(1);
    expect(s.value('=WEEKDAY(DATE(1969,7,20),2)')).toBe(7);
    expect(s.value('=WEEKDAY(DATE(1969,7,20),3)')).toBe(6);
    expect(s.value('=WEEKDAY(DATE(2026,3,16),2)')).toBe(1);
  });

  it('TODAY — support.google.com/docs/answer/3092984: the date in the spreadsheet zone, recomputed as the clock moves', () => {
    const t = sheetWith([], { timeZone: 'Asia/Vladivostok', now: '2026-03-15T23:30:00' });
    expect(ymd(t.value('=TODAY()'), 'Asia/Vladivostok')).toBe('2026-03-15');
    expect(t.value('=TODAY()-DATE(2026,3,1)')).toBe(14);
  });
});

describe('EOMONTH, EDATE, DATEDIF, NETWORKDAYS', () => {
  const s = sheetWith([[new Date('1969-07-20T00:00:00-04:00')]]);

  it('EOMONTH — support.google.com/docs/answer/3093044: last day of the month months away', () => {
    expect(ymd(s.value('=EOMONTH(DATE(1969,7,20),1)'))).toBe('1969-08-31');
    expect(ymd(s.value('=EOMONTH(A1,0)'))).toBe('1969-07-31');
    expect(ymd(s.value('=EOMONTH(DATE(2024,3,15),-1)'))).toBe('2024-02-29');
    expect(ymd(s.value('=EOMONTH("7/20/1969",-1)'))).toBe('1969-06-30');
  });

  it('EDATE — support.google.com/docs/answer/3092974: same day months away, clamped to the month end', () => {
    expect(ymd(s.value('=EDATE(DATE(1969,7,20),1)'))).toBe('1969-08-20');
    expect(ymd(s.value('=EDATE(A1,-7)'))).toBe('1968-12-20');
    expect(ymd(s.value('=EDATE(DATE(2026,1,31),1)'))).toBe('2026-02-28');
  });

  it('DATEDIF — support.google.com/docs/answer/6055612: units D, M, Y, MD, YM, YD', () => {
    expect(s.value('=DATEDIF(DATE(1969,7,16),DATE(1969,7,24),"D")')).toBe(8);
    expect(s.value('=DATEDIF(DATE(1969,7,16),DATE(2026,3,1),"Y")')).toBe(56);
    expect(s.value('=DATEDIF(DATE(1969,7,16),DATE(2026,3,1),"M")')).toBe(679);
    expect(s.value('=DATEDIF(DATE(1969,7,16),DATE(2026,3,1),"MD")')).toBe(13);
    expect(s.value('=DATEDIF(DATE(1969,7,16),DATE(2026,3,1),"YM")')).toBe(7);
    expect(s.value('=DATEDIF(DATE(1969,7,16),DATE(2026,3,1),"YD")')).toBe(228);
    expect(s.value('=DATEDIF(DATE(2026,3,1),DATE(1969,7,16),"D")')).toBe('#NUM!');
  });

  it('NETWORKDAYS — support.google.com/docs/answer/3092979: weekdays between two dates, holidays excluded', () => {
    const h = sheetWith([[new Date('1969-07-21T00:00:00-04:00')], [new Date('1969-07-20T00:00:00-04:00')]]);
    // 16 July 1969 was a Wednesday, 24 July a Thursday.
    expect(h.value('=NETWORKDAYS(DATE(1969,7,16),DATE(1969,7,24))')).toBe(7);
    expect(h.value('=NETWORKDAYS(DATE(1969,7,16),DATE(1969,7,24),A1:A2)')).toBe(6);
    expect(h.value('=NETWORKDAYS(DATE(1969,7,24),DATE(1969,7,16))')).toBe(-7);
  });
});

describe('DATEVALUE, TIMEVALUE, TO_DATE', () => {
  const en = sheetWith();
  const ru = sheetWith([], { locale: 'ru_RU', timeZone: 'Europe/Moscow' });

  it('DATEVALUE — support.google.com/docs/answer/3093039: a number, not a Date (issue table)', () => {
    expect(en.value('=DATEVALUE("2026-03-01")')).toBe(46082);
    expect(en.display('=DATEVALUE("2026-03-01")')).toBe('46082');
    expect(en.value('=DATEVALUE("1969-7-20")')).toBe(25404);
    expect(en.value('=DATEVALUE("7/20/1969")')).toBe(25404);
    expect(en.value('=DATEVALUE("7/20/1969 14:30")')).toBe(25404);
    expect(ru.value('=DATEVALUE("20.07.1969")')).toBe(25404);
    expect(en.value('=DATEVALUE("not a date")')).toBe('#VALUE!');
  });

  it('DATEVALUE of a date written with month names is not emulated rather than guessed', () => {
    expect(() => en.value('=DATEVALUE("July 20, 1969")')).toThrow(
      'not emulated: DATEVALUE of a date written with month names',
    );
  });

  it('TIMEVALUE — support.google.com/docs/answer/3267350: the fraction of a day', () => {
    expect(en.value('=TIMEVALUE("2:15 PM")')).toBe(0.59375);
    expect(en.value('=TIMEVALUE("14:15")')).toBe(0.59375);
    expect(en.value('=TIMEVALUE("7/20/1969 6:00")')).toBe(0.25);
  });

  it('TO_DATE — support.google.com/docs/answer/3094239: a number shown as a date, other values unchanged', () => {
    expect(ymd(en.value('=TO_DATE(25405)'))).toBe('1969-07-21');
    expect(en.display('=TO_DATE(25405)')).toBe('7/21/1969');
    expect(en.value('=TO_DATE("abc")')).toBe('abc');
    expect(en.value('=TO_DATE(TRUE)')).toBe(true);
  });
});
