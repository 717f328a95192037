// Counting, summing and averaging functions (what segment and funnel tabs are built from) against Google's
// function help (support.google.com/docs/answer/<id>).

import { sheetWith } from './sheet';

// A small ledger: stage, amount, source, visit date.
const LEDGER = [
  ['Stage', 'Amount', 'Source', 'Visit'],
  ['lead', 10, 'ads', new Date('2026-01-10T00:00:00-05:00')],
  ['client', 25, 'ads', new Date('2026-02-03T00:00:00-05:00')],
  ['client', 40, 'friend', new Date('2026-02-20T00:00:00-05:00')],
  ['lost', 5, 'Ads', new Date('2026-03-01T00:00:00-05:00')],
  ['client', 'n/a', 'friend', ''],
  ['lead', 30, '', new Date('2026-03-10T00:00:00-05:00')],
];

describe('COUNTIF, COUNTIFS, SUMIF, SUMIFS', () => {
  const s = sheetWith(LEDGER);

  it('COUNTIF — support.google.com/docs/answer/3093480: comparisons, text (case-insensitive), wildcards', () => {
    expect(s.value('=COUNTIF(B2:B7,">20")')).toBe(3);
    expect(s.value('=COUNTIF(A2:A7,"client")')).toBe(3);
    expect(s.value('=COUNTIF(C2:C7,"ads")')).toBe(3);
    expect(s.value('=COUNTIF(A2:A7,"l*")')).toBe(3);
    expect(s.value('=COUNTIF(C2:C7,"<>ads")')).toBe(3);
    expect(s.value('=COUNTIF(C2:C7,"")')).toBe(1);
  });

  it('COUNTIFS — support.google.com/docs/answer/3256550: every criterion must hold, dates compared with DATE()', () => {
    expect(s.value('=COUNTIFS(B2:B7,">20",C2:C7,"ads")')).toBe(1);
    expect(s.value('=COUNTIFS(A2:A7,"client",D2:D7,"<"&DATE(2026,2,15))')).toBe(1);
    expect(s.value('=COUNTIFS(A2:A,"lead")')).toBe(2);
  });

  it('SUMIF — support.google.com/docs/answer/3093583: criterion on the range itself or on another range', () => {
    expect(s.value('=SUMIF(B2:B7,">20")')).toBe(95);
    expect(s.value('=SUMIF(A2:A7,"client",B2:B7)')).toBe(65);
  });

  it('SUMIFS — support.google.com/docs/answer/3238496: sum_range first, then criteria pairs', () => {
    expect(s.value('=SUMIFS(B2:B7,A2:A7,"client")')).toBe(65);
    expect(s.value('=SUMIFS(B2:B7,A2:A7,"client",C2:C7,"friend")')).toBe(40);
    expect(s.value('=SUMIFS(B2:B7,D2:D7,">="&DATE(2026,2,1),D2:D7,"<"&DATE(2026,3,1))')).toBe(65);
  });
});

describe('AVERAGEIF, AVERAGEIFS, COUNTUNIQUE, COUNTUNIQUEIFS', () => {
  const s = sheetWith(LEDGER);

  it('AVERAGEIF (Docs Editors Help "AVERAGEIF"): numbers of the average range where the criterion holds', () => {
    expect(s.value('=AVERAGEIF(B2:B7,">20")')).toBeCloseTo(95 / 3, 10);
    expect(s.value('=AVERAGEIF(A2:A7,"client",B2:B7)')).toBe(32.5);
  });

  it('AVERAGEIFS — support.google.com/docs/answer/3256534: text in the average range is skipped; no match is #DIV/0!', () => {
    expect(s.value('=AVERAGEIFS(B2:B7,A2:A7,"client")')).toBe(32.5);
    expect(s.value('=AVERAGEIFS(B2:B7,A2:A7,"lead",C2:C7,"ads")')).toBe(10);
    expect(s.value('=AVERAGEIFS(B2:B7,D2:D7,">="&DATE(2026,2,1))')).toBeCloseTo(100 / 4, 10);
    expect(s.value('=AVERAGEIFS(B2:B7,A2:A7,"nobody")')).toBe('#DIV/0!');
  });

  it('COUNTUNIQUE — support.google.com/docs/answer/3093405 sample usage: values and ranges, blanks ignored', () => {
    const t = sheetWith([[3], [5], ['x'], ['X'], [''], [5]]);
    expect(t.value('=COUNTUNIQUE(1,1,2,3,5,8,13)')).toBe(6);
    expect(t.value('=COUNTUNIQUE(A1:A6)')).toBe(4);
    expect(t.value('=COUNTUNIQUE(1,1,2,3,5,8,13,A1,A2:A3)')).toBe(7);
  });

  it('COUNTUNIQUEIFS — support.google.com/docs/answer/9584429: unique values where the criteria hold, 0 when none', () => {
    expect(s.value('=COUNTUNIQUEIFS(A2:A7,B2:B7,">20")')).toBe(2);
    expect(s.value('=COUNTUNIQUEIFS(C2:C7,A2:A7,"client")')).toBe(2);
    expect(s.value('=COUNTUNIQUEIFS(A2:A7,B2:B7,">5",C2:C7,"ads")')).toBe(2);
    expect(s.value('=COUNTUNIQUEIFS(A2:A7,B2:B7,">1000")')).toBe(0);
  });
});

describe('COUNTA, COUNTBLANK, SUMPRODUCT, MAX, MIN, ROUND', () => {
  const s = sheetWith(LEDGER);

  it('COUNTA — support.google.com/docs/answer/3093991: values of any kind, extra arguments counted', () => {
    expect(s.value('=COUNTA(B2:B7)')).toBe(6);
    expect(s.value('=COUNTA(C2:C7)')).toBe(5);
    expect(s.value('=COUNTA(C2:C7,4,26)')).toBe(7);
  });

  it('COUNTBLANK — support.google.com/docs/answer/3093403', () => {
    expect(s.value('=COUNTBLANK(C2:C7)')).toBe(1);
    expect(s.value('=COUNTBLANK(A2:D7)')).toBe(2);
  });

  it('SUMPRODUCT — support.google.com/docs/answer/3094294: products of arrays, conditions as arrays', () => {
    expect(s.value('=SUMPRODUCT({1,2,3},{4,5,6})')).toBe(32);
    expect(s.value('=SUMPRODUCT((A2:A7="client")*(C2:C7="friend"))')).toBe(2);
  });

  it('MAX and MIN — support.google.com/docs/answer/3094013 and 3094017: text ignored in ranges', () => {
    expect(s.value('=MAX(B2:B7)')).toBe(40);
    expect(s.value('=MAX(B2:B7,42)')).toBe(42);
    expect(s.value('=MIN(B2:B7)')).toBe(5);
    expect(s.value('=MAX(F1:F5)')).toBe(0);
  });

  it('RANK, RANK.EQ, RANK.AVG (Docs Editors Help "RANK"): descending unless is_ascending, ties share a rank', () => {
    const t = sheetWith([[10], [30], [20], [30], ['x']]);
    expect(t.value('=RANK(30,A1:A5)')).toBe(1);
    expect(t.value('=RANK(20,A1:A5)')).toBe(3);
    expect(t.value('=RANK(10,A1:A5,TRUE)')).toBe(1);
    expect(t.value('=RANK.EQ(20,A1:A5,1)')).toBe(2);
    expect(t.value('=RANK.AVG(30,A1:A5)')).toBe(1.5);
    expect(t.value('=RANK(25,A1:A5)')).toBe('#N/A');
  });

  it('ROUND — support.google.com/docs/answer/3093440: halves away from zero, negative places', () => {
    expect(s.value('=ROUND(99.44,1)')).toBe(99.4);
    expect(s.value('=ROUND(2.5)')).toBe(3);
    expect(s.value('=ROUND(-2.5)')).toBe(-3);
    expect(s.value('=ROUND(1234.5678,-2)')).toBe(1200);
  });
});
