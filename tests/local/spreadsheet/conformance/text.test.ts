// Text functions and TEXT format codes against Google's function help (support.google.com/docs/answer/<id>).

import { sheetWith } from './sheet';

const NBSP = '\u00a0';

describe('TEXT (support.google.com/docs/answer/3094139)', () => {
  const en = sheetWith();
  const ru = sheetWith([], { locale: 'ru_RU', timeZone: 'Europe/Moscow' });

  it.each([
    ['=TEXT(1.23,"$0.00")', '$1.23'],
    ['=TEXT(12.3,"000.00")', '012.30'],
    ['=TEXT(12.305,"00.00")', '12.31'],
    ['=TEXT(12.3,"###.##")', '12.3'],
    ['=TEXT(DATE(1969,7,20),"yyyy-MM")', '1969-07'],
  ])('TEXT — 3094139 sample usage and notes: %s gives %s', (formula, expected) => {
    expect(en.value(formula)).toBe(expected);
  });

  it('month and day names in en_US: mmm yyyy, mmmm, dddd, ddd (issue table)', () => {
    expect(en.value('=TEXT(DATE(2026,1,5),"mmm yyyy")')).toBe('Jan 2026');
    expect(en.value('=TEXT(DATE(2026,1,5),"mmmm")')).toBe('January');
    expect(en.value('=TEXT(DATE(2026,1,5),"dddd")')).toBe('Monday');
    expect(en.value('=TEXT(DATE(2026,1,5),"ddd, d mmm")')).toBe('Mon, 5 Jan');
    expect(en.value('=TEXT(DATE(2026,1,5),"mmmmm")')).toBe('J');
  });

  it('month and day names in ru_RU: short months with a dot, genitive beside a day, weekday names', () => {
    expect(ru.value('=TEXT(DATE(2026,1,5),"mmm yyyy")')).toBe('янв. 2026');
    expect(ru.value('=TEXT(DATE(2026,3,5),"mmmm yyyy")')).toBe('март 2026');
    expect(ru.value('=TEXT(DATE(2026,3,5),"d mmmm yyyy")')).toBe('5 марта 2026');
    expect(ru.value('=TEXT(DATE(2026,1,5),"dddd")')).toBe('понедельник');
  });

  it('percent, grouping and sections (issue table)', () => {
    expect(en.value('=TEXT(0.256,"0.0%")')).toBe('25.6%');
    expect(en.value('=TEXT(1234567.8,"#,##0")')).toBe('1,234,568');
    expect(en.value('=TEXT(-5,"0;(0)")')).toBe('(5)');
    expect(en.value('=TEXT(5,"0;(0)")')).toBe('5');
    expect(en.value('=TEXT(0,"0.0;-0.0;""zero""")')).toBe('zero');
    expect(en.value('=TEXT(-1234.5,"#,##0.00")')).toBe('-1,234.50');
    expect(en.value('=TEXT(1234567,"#,##0,")')).toBe('1,235');
  });

  it('in ru_RU (formulas written by scripts in en-US syntax) the pattern keeps en-US syntax and shows a comma decimal and no-break-space groups', () => {
    expect(ru.value('=TEXT(1234567.8,"#,##0")')).toBe(`1${NBSP}234${NBSP}568`);
    expect(ru.value('=TEXT(1234.5,"#,##0.00")')).toBe(`1${NBSP}234,50`);
    expect(ru.value('=TEXT(0.256,"0.0%")')).toBe('25,6%');
  });

  it('literals and escapes: quoted text, backslash, and text passed through the text section', () => {
    expect(en.value('=TEXT(5,"""Total: ""0")')).toBe('Total: 5');
    expect(en.value('=TEXT(5,"0"" pcs""")')).toBe('5 pcs');
    expect(en.value('=TEXT(1234,"\\#0")')).toBe('#1234');
    expect(en.value('=TEXT("abc","0.00")')).toBe('abc');
  });

  it('times: 12-hour clock with AM/PM, 24-hour clock, elapsed hours', () => {
    expect(en.value('=TEXT(TIME(14,5,9),"h:mm AM/PM")')).toBe('2:05 PM');
    expect(en.value('=TEXT(TIME(14,5,9),"HH:mm:ss")')).toBe('14:05:09');
    expect(en.value('=TEXT(1.5,"[h]:mm")')).toBe('36:00');
  });

  it('numbers written as text are read in the sheet locale first', () => {
    expect(en.value('=TEXT("2026-03-01","mmm d")')).toBe('Mar 1');
    expect(ru.value('=TEXT("1,5","0.00")')).toBe('1,50');
  });

  it('patterns Google documents as unsupported in TEXT (?, *, fractions) throw not emulated', () => {
    expect(() => en.value('=TEXT(24,"#.0?")')).toThrow('not emulated: TEXT format "#.0?"');
    expect(() => en.value('=TEXT(4.34,"# ?/?")')).toThrow(/not emulated: TEXT format/);
  });

  it('cell number formats show values with the same engine (getDisplayValues)', () => {
    const s = sheetWith([[46027, 0.256, 1234567.8, -5]]);
    s.sheet.getRange('A1:D1').setNumberFormats([['mmm yyyy', '0.0%', '#,##0', '0;(0)']]);
    expect(s.sheet.getRange('A1:D1').getDisplayValues()).toEqual([['Jan 2026', '25.6%', '1,234,568', '(5)']]);
  });
});

describe('LEN, TRIM, LOWER, UPPER', () => {
  const s = sheetWith([['  lorem   ipsum  '], ['Straße']]);

  it('LEN — support.google.com/docs/answer/3094081 sample usage', () => {
    expect(s.value('=LEN("lorem ipsum")')).toBe(11);
    expect(s.value('=LEN(A1)')).toBe(17);
    expect(s.value('=LEN(A99)')).toBe(0);
  });

  it('TRIM — support.google.com/docs/answer/3094140: leading, trailing and repeated spaces removed', () => {
    expect(s.value('=TRIM(" lorem ipsum")')).toBe('lorem ipsum');
    expect(s.value('=TRIM(A1)')).toBe('lorem ipsum');
  });

  it('LOWER and UPPER — support.google.com/docs/answer/3094067 and 3094219', () => {
    expect(s.value('=LOWER("LOREM IPSUM")')).toBe('lorem ipsum');
    expect(s.value('=UPPER("lorem ipsum")')).toBe('LOREM IPSUM');
    expect(s.value('=UPPER("Анна")')).toBe('АННА');
  });
});

describe('SPLIT (support.google.com/docs/answer/3094136)', () => {
  const s = sheetWith([['Alas, poor Yorick']]);

  it('splits by each delimiter character and drops empty parts by default; numbers become numbers', () => {
    expect(s.spill('=SPLIT("1,2,3", ",")', 1, 3)).toEqual([[1, 2, 3]]);
    expect(s.spill('=SPLIT(A1, " ,")', 1, 3)).toEqual([['Alas', 'poor', 'Yorick']]);
  });

  it('split_by_each FALSE splits by the whole delimiter; remove_empty_text FALSE keeps empty parts', () => {
    expect(s.spill('=SPLIT("a--b-c", "--", FALSE)', 1, 2)).toEqual([['a', 'b-c']]);
    expect(s.spill('=SPLIT("a,,b", ",", TRUE, FALSE)', 1, 3)).toEqual([['a', '', 'b']]);
  });
});

describe('REGEXMATCH, REGEXEXTRACT, REGEXREPLACE, JOIN', () => {
  const s = sheetWith();

  it('REGEXMATCH — support.google.com/docs/answer/3098292 sample usage', () => {
    expect(s.value('=REGEXMATCH("Spreadsheets", "S.r")')).toBe(true);
    expect(s.value('=REGEXMATCH("Spreadsheets", "^r")')).toBe(false);
  });

  it('REGEXEXTRACT — support.google.com/docs/answer/3098244 sample usage', () => {
    expect(s.value('=REGEXEXTRACT("Google Doc 101", "[0-9]+")')).toBe('101');
    expect(s.value('=REGEXEXTRACT("The price is $1.23", "\\$([0-9.]+)")')).toBe('1.23');
  });

  it('REGEXREPLACE — support.google.com/docs/answer/3098245 sample usage', () => {
    expect(s.value('=REGEXREPLACE("Spreadsheets", "S.*d", "Bed")')).toBe('Bedsheets');
  });

  it('JOIN — support.google.com/docs/answer/3094077 sample usage', () => {
    expect(s.value('=JOIN(" and-a ",{1,2,"1 2 3 4"})')).toBe('1 and-a 2 and-a 1 2 3 4');
    expect(s.value('=JOIN(",",{1,2,3},4,"5")')).toBe('1,2,3,4,5');
  });
});

describe('VALUE and ISEMAIL', () => {
  const s = sheetWith();

  it('VALUE — support.google.com/docs/answer/3094220: text to a plain number, dates included (issue table)', () => {
    expect(s.value('=VALUE("123")')).toBe(123);
    expect(s.value('=VALUE("2026-03-01")')).toBe(46082);
    expect(s.display('=VALUE("2026-03-01")')).toBe('46082');
    expect(s.value('=VALUE("12%")')).toBe(0.12);
    expect(s.value('=VALUE("$1,234.50")')).toBe(1234.5);
    expect(s.value('=VALUE("abc")')).toBe('#VALUE!');
  });

  it('ISEMAIL — support.google.com/docs/answer/3256503 sample usage', () => {
    expect(s.value('=ISEMAIL("noreply@google.com")')).toBe(true);
    expect(s.value('=ISEMAIL("johndoe@yourname.com")')).toBe(true);
    expect(s.value('=ISEMAIL("janesmith@yourname.xyz")')).toBe(true);
    expect(s.value('=ISEMAIL("noreply@google")')).toBe(false);
    expect(s.value('=ISEMAIL("no reply@google.com")')).toBe(false);
    expect(s.value('=ISEMAIL(42)')).toBe(false);
  });
});
