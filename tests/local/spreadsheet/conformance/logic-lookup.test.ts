// Logical, information, lookup and reference functions against Google's function help
// (support.google.com/docs/answer/<id>).

import { sheetWith } from './sheet';

describe('IF, IFS, SWITCH, AND, OR, IFERROR', () => {
  const s = sheetWith([['foo'], [true], [85], [2], ['']]);

  it('IF — support.google.com/docs/answer/3093364 sample usage', () => {
    expect(s.value('=IF(A1 = "foo","A1 is foo")')).toBe('A1 is foo');
    expect(s.value('=IF(A2,"A2 was true","A2 was false")')).toBe('A2 was true');
    expect(s.value('=IF(TRUE,4,5)')).toBe(4);
    expect(s.value('=IF(A1 = "bar","yes")')).toBe(false);
  });

  it('IFS — support.google.com/docs/answer/7014145: the first true condition; none is #N/A', () => {
    expect(s.value('=IFS(A3>90,"A",A3>80,"B",A3>70,"C")')).toBe('B');
    expect(s.value('=IFS(A3>90,"A",A3>88,"B")')).toBe('#N/A');
  });

  it('SWITCH — support.google.com/docs/answer/7013690: cases, then the default', () => {
    expect(s.value('=SWITCH(A4,1,"One",2,"Two","No match")')).toBe('Two');
    expect(s.value('=SWITCH(7,1,"One",2,"Two","No match")')).toBe('No match');
    expect(s.value('=SWITCH(7,1,"One",2,"Two")')).toBe('#N/A');
  });

  it('AND and OR — support.google.com/docs/answer/3093301 and 3093306', () => {
    expect(s.value('=AND(A3>80,A4=2)')).toBe(true);
    expect(s.value('=AND(TRUE,FALSE,TRUE)')).toBe(false);
    expect(s.value('=OR(A3>90,A4=2)')).toBe(true);
    expect(s.value('=OR(FALSE,A3<0)')).toBe(false);
  });

  it('IFERROR — support.google.com/docs/answer/3093304: the fallback, or blank without one', () => {
    expect(s.value('=IFERROR(1/0,"Error in division")')).toBe('Error in division');
    expect(s.value('=IFERROR(A3*2,"x")')).toBe(170);
    expect(s.value('=IFERROR(1/0)')).toBe('');
  });
});

describe('ISBLANK, ISNUMBER, N', () => {
  const s = sheetWith([[''], [42], ['42'], [true], [new Date('2026-03-01T00:00:00-05:00')]]);

  it('ISBLANK — support.google.com/docs/answer/3093290: only empty cells; an empty string is not blank', () => {
    expect(s.value('=ISBLANK(A1)')).toBe(true);
    expect(s.value('=ISBLANK(A2)')).toBe(false);
    expect(s.value('=ISBLANK("")')).toBe(false);
  });

  it('ISNUMBER — support.google.com/docs/answer/3093296: numbers and dates, not numeric text', () => {
    expect(s.value('=ISNUMBER(A2)')).toBe(true);
    expect(s.value('=ISNUMBER(A5)')).toBe(true);
    expect(s.value('=ISNUMBER("42")')).toBe(false);
    expect(s.value('=ISNUMBER(A4)')).toBe(false);
  });

  it('N — support.google.com/docs/answer/3093357: numbers as they are, TRUE as 1, text as 0', () => {
    expect(s.value('=N(A2)')).toBe(42);
    expect(s.value('=N(A4)')).toBe(1);
    expect(s.value('=N("hello")')).toBe(0);
    expect(s.value('=N(A5)')).toBe(46082);
  });
});

describe('INDEX, MATCH, VLOOKUP, XLOOKUP', () => {
  const s = sheetWith([
    ['ID', 'Name', 'Visits'],
    [10001, 'Anna', 3],
    [10002, 'Boris', 7],
    [10003, 'Vera', 1],
    [10004, 'Gleb', 7],
  ]);

  it('INDEX — support.google.com/docs/answer/3098242: row and column offsets into a range', () => {
    expect(s.value('=INDEX(A1:C5,4,2)')).toBe('Vera');
    expect(s.value('=INDEX(B2:B5,2)')).toBe('Boris');
    expect(s.value('=INDEX(A1:C5,9,1)')).toBe('#REF!');
  });

  it('MATCH — support.google.com/docs/answer/3093378: exact (0) and sorted (1) searches', () => {
    expect(s.value('=MATCH("Vera",B2:B5,0)')).toBe(3);
    expect(s.value('=MATCH("vera",B2:B5,0)')).toBe(3);
    expect(s.value('=MATCH(10003.5,A2:A5,1)')).toBe(3);
    expect(s.value('=MATCH("Zoe",B2:B5,0)')).toBe('#N/A');
    expect(s.value('=INDEX(C2:C5,MATCH("Gleb",B2:B5,0))')).toBe(7);
  });

  it('VLOOKUP — support.google.com/docs/answer/3093318: exact match with FALSE, #N/A when absent', () => {
    expect(s.value('=VLOOKUP(10003,A2:C5,2,FALSE)')).toBe('Vera');
    expect(s.value('=VLOOKUP(10005,A2:C5,2,FALSE)')).toBe('#N/A');
    expect(s.value('=VLOOKUP(10003.9,A2:C5,3,TRUE)')).toBe(1);
  });

  it('XLOOKUP — support.google.com/docs/answer/12405947: result range, missing value, first match', () => {
    expect(s.value('=XLOOKUP("Boris",B2:B5,A2:A5)')).toBe(10002);
    expect(s.value('=XLOOKUP("Zoe",B2:B5,A2:A5,"not found")')).toBe('not found');
    expect(s.value('=XLOOKUP("Zoe",B2:B5,A2:A5)')).toBe('#N/A');
    expect(s.value('=XLOOKUP(7,C2:C5,B2:B5)')).toBe('Boris');
  });
});

describe('LET (support.google.com/docs/answer/13190535)', () => {
  it('LET — 13190535 example 1: categorise the average rating', () => {
    const s = sheetWith([
      ['Product', 'January ratings', 'February ratings', 'March ratings'],
      ['Red t-shirt', 3.5, 4, 3],
      ['Black jeans', 4.5, 5, 3.5],
      ['Hat', 3, 2.5, 2],
    ]);
    s.sheet.getRange('E2:E4').setFormula('=LET(avg, AVERAGE(B2:D2), IF(avg>=4, "Great", IF(avg>=3, "Good", "Poor")))');
    expect(s.sheet.getRange('E2:E4').getValues()).toEqual([['Good'], ['Great'], ['Poor']]);
    s.sheet.getRange('D4').setValue(5);
    expect(s.sheet.getRange('E4').getValue()).toBe('Good');
  });

  it('LET — 13190535 example 2: filter the rows of Fred and replace blanks with a dash', () => {
    const s = sheetWith([
      ['Rep', 'Region', 'Product', 'Profit'],
      ['Amy', 'East', 'Apple', 1.33],
      ['Fred', 'South', 'Banana', 0.09],
      ['Amy', 'West', 'Mango', 1.85],
      ['Fred', 'North', '', 0.82],
      ['Fred', 'West', 'Banana', 1.25],
      ['Amy', 'East', 'Apple', 0.72],
      ['Fred', 'North', 'Mango', 0.54],
    ]);
    expect(
      s.spill(
        '=LET(criteria, "Fred", range, FILTER(A2:D8, A2:A8=criteria), ARRAYFORMULA(IF(ISBLANK(range), "-", range)))',
        4,
        4,
      ),
    ).toEqual([
      ['Fred', 'South', 'Banana', 0.09],
      ['Fred', 'North', '-', 0.82],
      ['Fred', 'West', 'Banana', 1.25],
      ['Fred', 'North', 'Mango', 0.54],
    ]);
  });

  it('LET — 13190535 scoping: names declared earlier are seen by later values; names are case-insensitive', () => {
    const s = sheetWith();
    expect(s.value('=LET(x, 1, y, LET(z, 2, x+z), x+y)')).toBe(4);
    expect(s.value('=LET(Price, 100, tax, 0.2, price*(1+TAX))')).toBe(120);
  });
});

describe('INDIRECT (support.google.com/docs/answer/3093377)', () => {
  it('reads an A1 reference written as text, on this tab or on a named tab, and follows edits', () => {
    const s = sheetWith([
      ['B3', ''],
      ['', ''],
      ['', 42],
    ]);
    const other = s.ss.insertSheet('My clients');
    other.getRange('A1:A3').setValues([[5], [6], [7]]);
    expect(s.value('=INDIRECT(A1)')).toBe(42);
    expect(s.value('=INDIRECT("B3")')).toBe(42);
    expect(s.value('=SUM(INDIRECT("\'My clients\'!A1:A3"))')).toBe(18);
    expect(s.value('=INDIRECT("\'My clients\'!A"&2)')).toBe(6);
    other.getRange('A2').setValue(60);
    expect(s.sheet.getRange('Z1').getValue()).toBe(60);
  });

  it('whole columns and rows; R1C1 text with is_A1_notation FALSE; a tab that does not exist is #REF!', () => {
    const s = sheetWith([
      [1, 2],
      [3, 4],
    ]);
    expect(s.value('=SUM(INDIRECT("B:B"))')).toBe(6);
    expect(s.value('=SUM(INDIRECT("2:2"))')).toBe(7);
    expect(s.value('=INDIRECT("R2C1",FALSE)')).toBe(3);
    // Relative to the formula's cell, Z1: one row down, 24 columns left is B2.
    expect(s.value('=INDIRECT("R[1]C[-24]",FALSE)')).toBe(4);
    expect(s.value('=INDIRECT("Nowhere!A1")')).toBe('#REF!');
  });
});
