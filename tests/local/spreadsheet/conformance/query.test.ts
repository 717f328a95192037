// QUERY's common subset (support.google.com/docs/answer/3093343, the Google Visualization API Query Language):
// select, where with and/or, comparisons, contains, starts with, date literals, order by, limit, offset, label,
// group by with count/sum, the headers argument — and `not emulated: QUERY …` for the rest.

import { sheetWith, ymd } from './sheet';

const d = (iso: string) => new Date(`${iso}T00:00:00-05:00`);

const CLIENTS = [
  ['Name', 'Stage', 'Amount', 'Visit', 'Source'],
  ['Anna', 'client', 100, d('2026-01-10'), 'ads'],
  ['Boris', 'lead', 50, d('2026-02-01'), 'friend'],
  ['Vera', 'client', 250, d('2026-02-15'), 'ads'],
  ['Gleb', 'lost', 0, d('2026-03-01'), 'ads'],
  ['Dina', 'client', 30, d('2026-03-05'), 'friend'],
];

describe('QUERY (support.google.com/docs/answer/3093343)', () => {
  const s = sheetWith(CLIENTS);

  it('select and where with the header row carried over; order by descending', () => {
    expect(s.spill(`=QUERY(A1:E6, "select A, C where B = 'client' order by C desc", 1)`, 5, 2)).toEqual([
      ['Name', 'Amount'],
      ['Vera', 250],
      ['Anna', 100],
      ['Dina', 30],
      ['', ''],
    ]);
  });

  it('where with and, or, parentheses, comparisons and not', () => {
    expect(
      s.spill(`=QUERY(A1:E6, "select A where B = 'client' and (C > 50 or E = 'friend')", 1)`, 4, 1).flat(),
    ).toEqual(['Name', 'Anna', 'Vera', 'Dina']);
    expect(s.spill(`=QUERY(A1:E6, "select A where not B = 'client' and C <> 0", 1)`, 3, 1).flat()).toEqual([
      'Name',
      'Boris',
      '',
    ]);
  });

  it('contains, starts with, ends with, like, matches — text compared case-sensitively', () => {
    expect(s.spill(`=QUERY(A1:E6, "select A where E contains 'rie'", 1)`, 3, 1).flat()).toEqual([
      'Name',
      'Boris',
      'Dina',
    ]);
    expect(s.spill(`=QUERY(A1:E6, "select A where A starts with 'V'", 1)`, 2, 1).flat()).toEqual(['Name', 'Vera']);
    expect(s.spill(`=QUERY(A1:E6, "select A where A starts with 'v'", 1)`, 2, 1).flat()).toEqual(['Name', '']);
    expect(s.spill(`=QUERY(A1:E6, "select A where A ends with 'na'", 1)`, 3, 1).flat()).toEqual([
      'Name',
      'Anna',
      'Dina',
    ]);
    expect(s.spill(`=QUERY(A1:E6, "select A where A like '_e%'", 1)`, 2, 1).flat()).toEqual(['Name', 'Vera']);
    expect(s.spill(`=QUERY(A1:E6, "select A where A matches '[A-D].*a'", 1)`, 4, 1).flat()).toEqual([
      'Name',
      'Anna',
      'Dina',
      '',
    ]);
  });

  it('date literals compare with a date column; dates come back as dates', () => {
    expect(s.spill(`=QUERY(A1:E6, "select A where D >= date '2026-02-15'", 1)`, 4, 1).flat()).toEqual([
      'Name',
      'Vera',
      'Gleb',
      'Dina',
    ]);
    const out = s.spill(`=QUERY(A1:E6, "select D where A = 'Anna'", 1)`, 2, 1);
    expect(out[0][0]).toBe('Visit');
    expect(ymd(out[1][0])).toBe('2026-01-10');
  });

  it('order by, limit and offset', () => {
    expect(s.spill(`=QUERY(A1:E6, "select A order by C limit 2", 1)`, 3, 1).flat()).toEqual(['Name', 'Gleb', 'Dina']);
    expect(s.spill(`=QUERY(A1:E6, "select A order by C limit 2 offset 1", 1)`, 3, 1).flat()).toEqual([
      'Name',
      'Dina',
      'Boris',
    ]);
    expect(s.spill(`=QUERY(A1:E6, "select A, B order by B, A desc", 1)`, 6, 2)).toEqual([
      ['Name', 'Stage'],
      ['Vera', 'client'],
      ['Dina', 'client'],
      ['Anna', 'client'],
      ['Boris', 'lead'],
      ['Gleb', 'lost'],
    ]);
  });

  it('group by with count and sum: groups in ascending order, labels "count Name" / "sum Amount"', () => {
    expect(s.spill(`=QUERY(A1:E6, "select B, count(A), sum(C) group by B", 1)`, 4, 3)).toEqual([
      ['Stage', 'count Name', 'sum Amount'],
      ['client', 3, 380],
      ['lead', 1, 50],
      ['lost', 1, 0],
    ]);
    expect(s.spill(`=QUERY(A1:E6, "select E, avg(C), max(C) where B = 'client' group by E", 1)`, 3, 3)).toEqual([
      ['Source', 'avg Amount', 'max Amount'],
      ['ads', 175, 250],
      ['friend', 30, 30],
    ]);
  });

  it("label renames columns; label … '' drops the header row", () => {
    expect(s.spill(`=QUERY(A1:E6, "select A, C where C > 60 label C 'Total'", 1)`, 3, 2)).toEqual([
      ['Name', 'Total'],
      ['Anna', 100],
      ['Vera', 250],
    ]);
    expect(s.spill(`=QUERY(A1:E6, "select sum(C) label sum(C) ''", 1)`, 2, 1)).toEqual([[430], ['']]);
  });

  it('headers 0 reads every row as data; headers left out is guessed from a text row above numbers', () => {
    expect(s.spill(`=QUERY(A2:E6, "select A where C > 60", 0)`, 3, 1).flat()).toEqual(['Anna', 'Vera', '']);
    expect(s.spill(`=QUERY(A1:E6, "select A where C > 60")`, 3, 1).flat()).toEqual(['Name', 'Anna', 'Vera']);
  });

  it('a column takes the type most of its values have; the others are null', () => {
    const t = sheetWith([['Amount'], [10], ['n/a'], [30], ['']]);
    expect(t.spill('=QUERY(A1:A5, "select count(A)", 1)', 2, 1)).toEqual([['count Amount'], [2]]);
    expect(t.spill('=QUERY(A1:A5, "select A where A is null", 1)', 3, 1)).toEqual([['Amount'], [''], ['']]);
  });

  it('an array is queried by Col1, Col2, …; the query may come from a cell', () => {
    const t = sheetWith([['select Col2 where Col1 > 1']]);
    expect(t.spill('=QUERY({1,2;3,4;5,6}, "select Col2 where Col1 > 1", 0)', 3, 1)).toEqual([[4], [6], ['']]);
    expect(t.spill('=QUERY({1,2;3,4;5,6}, A1, 0)', 3, 1)).toEqual([[4], [6], ['']]);
  });

  it('nothing selected with no header row is #N/A; a query Sheets rejects is #VALUE!', () => {
    expect(s.value(`=QUERY(A2:E6, "select A where C > 1000", 0)`)).toBe('#N/A');
    expect(s.value(`=QUERY(A1:E6, "select Z", 1)`)).toBe('#VALUE!');
    expect(s.value(`=QUERY(A1:E6, "select A where B > 5", 1)`)).toBe('#VALUE!');
    // Two columns from Z1 would need column AA: Sheets shows #REF! there, so this one is written to T1.
    expect(s.spill(`=QUERY(A1:E6, "select A, C", 1)`, 1, 1)[0][0]).toBe('Name');
    expect(s.value(`=QUERY(A1:E6, "select A, sum(C)", 1)`)).toBe('#VALUE!');
  });

  it('outside the subset: pivot, format, options, scalar functions throw not emulated: QUERY …', () => {
    expect(() => s.value(`=QUERY(A1:E6, "select B, sum(C) group by B pivot E", 1)`)).toThrow(
      'not emulated: QUERY pivot',
    );
    expect(() => s.value(`=QUERY(A1:E6, "select A, C format C '#,##0'", 1)`)).toThrow('not emulated: QUERY format');
    expect(() => s.value(`=QUERY(A1:E6, "select upper(A)", 1)`)).toThrow('not emulated: QUERY function upper()');
    expect(() => s.value(`=QUERY(A1:E6, "select C * 2", 1)`)).toThrow('not emulated: QUERY expressions in select');
    // A query read from a cell is checked when the formula is evaluated.
    s.sheet.getRange('G1').setValue('select A pivot B');
    expect(() => s.value('=QUERY(A1:E6, G1, 1)')).toThrow('not emulated: QUERY pivot');
  });
});
