// Array results (FILTER, UNIQUE, SORT, SORTN, ARRAYFORMULA) against Google's function help
// (support.google.com/docs/answer/<id>) and the SORT rows of the emulator-fidelity issue.

import { sheetWith } from './sheet';

// The table of Google's SORTN help page (support.google.com/docs/answer/7354624).
const SCORES = [
  ['Student', 'Test 1 score', 'Test 2 score'],
  ['Alice', 100, 90],
  ['Bob', 75, 85],
  ['Carol', 80, 85],
  ['Devon', 100, 95],
  ['Eloise', 80, 90],
];

describe('FILTER (support.google.com/docs/answer/3093197)', () => {
  const s = sheetWith(SCORES);

  it('FILTER — 3093197: rows meeting every condition; FALSE/TRUE arrays as conditions', () => {
    expect(s.spill('=FILTER(A2:C6, B2:B6 > 78, C2:C6 < 95)', 4, 3)).toEqual([
      ['Alice', 100, 90],
      ['Carol', 80, 85],
      ['Eloise', 80, 90],
      ['', '', ''],
    ]);
    expect(s.spill('=FILTER(A2:A6, {TRUE; FALSE; FALSE; TRUE; FALSE})', 3, 1)).toEqual([['Alice'], ['Devon'], ['']]);
  });

  it('FILTER — 3093197: no match is #N/A ("No matches are found in FILTER evaluation")', () => {
    expect(s.value('=FILTER(A2:A6, B2:B6 > 100)')).toBe('#N/A');
  });
});

describe('UNIQUE (support.google.com/docs/answer/3093198)', () => {
  it('UNIQUE — 3093198: rows in order of first appearance, text compared case-sensitively', () => {
    const s = sheetWith([['ads'], ['friend'], ['Ads'], ['ads'], ['friend']]);
    expect(s.spill('=UNIQUE(A1:A5)', 4, 1)).toEqual([['ads'], ['friend'], ['Ads'], ['']]);
  });

  it('UNIQUE — 3093198: whole rows, by_column, exactly_once', () => {
    const s = sheetWith([
      ['a', 1],
      ['b', 2],
      ['a', 1],
      ['a', 2],
    ]);
    expect(s.spill('=UNIQUE(A1:B4)', 3, 2)).toEqual([
      ['a', 1],
      ['b', 2],
      ['a', 2],
    ]);
    expect(s.spill('=UNIQUE(A1:B4,FALSE,TRUE)', 2, 2)).toEqual([
      ['b', 2],
      ['a', 2],
    ]);
    expect(s.spill('=UNIQUE({1,2,1,3},TRUE)', 1, 3)).toEqual([[1, 2, 3]]);
  });
});

describe('SORT (support.google.com/docs/answer/3093150)', () => {
  const s = sheetWith(SCORES);

  it('SORT — 3093150 sample usage: SORT(range, column index, TRUE/FALSE)', () => {
    expect(s.spill('=SORT(A2:C6, 1, FALSE)', 5, 1)).toEqual([['Eloise'], ['Devon'], ['Carol'], ['Bob'], ['Alice']]);
    expect(s.spill('=SORT({1, 2; 3, 4; 5, 6}, 2, FALSE)', 3, 2)).toEqual([
      [5, 6],
      [3, 4],
      [1, 2],
    ]);
  });

  it('SORT — 3093150 sample usage: a range outside the data as sort_column (SORT(r,B1:B4,TRUE) of the issue)', () => {
    const t = sheetWith([
      ['c', 3],
      ['a', 1],
      ['b', 2],
      ['d', 0],
    ]);
    expect(t.spill('=SORT(A1:A4, B1:B4, TRUE)', 4, 1)).toEqual([['d'], ['a'], ['b'], ['c']]);
    expect(t.value('=SORT(A1:A4, B1:B3, TRUE)')).toBe('#VALUE!');
  });

  it('several sort columns break ties in order; other columns keep their original order (issue table)', () => {
    expect(s.spill('=SORT(A2:C6, 2, FALSE, 3, TRUE)', 5, 1)).toEqual([
      ['Alice'],
      ['Devon'],
      ['Carol'],
      ['Eloise'],
      ['Bob'],
    ]);
    expect(s.spill('=SORT(A2:C6, 2, TRUE, 1, TRUE)', 5, 1)).toEqual([
      ['Bob'],
      ['Carol'],
      ['Eloise'],
      ['Alice'],
      ['Devon'],
    ]);
    expect(s.spill('=SORT(A2:C6, 3, FALSE)', 5, 1)).toEqual([['Devon'], ['Alice'], ['Eloise'], ['Bob'], ['Carol']]);
  });

  it('SORT(FILTER(…), 1, FALSE) sorts the filtered rows (issue table)', () => {
    expect(s.spill('=SORT(FILTER(A2:C6, B2:B6 >= 80), 1, FALSE)', 5, 3)).toEqual([
      ['Eloise', 80, 90],
      ['Devon', 100, 95],
      ['Carol', 80, 85],
      ['Alice', 100, 90],
      ['', '', ''],
    ]);
  });

  it('numbers before text, blanks last in either direction; a column index past the range is #VALUE!', () => {
    const t = sheetWith([['b'], [2], [''], ['A'], [10]]);
    expect(t.spill('=SORT(A1:A5, 1, TRUE)', 5, 1)).toEqual([[2], [10], ['A'], ['b'], ['']]);
    expect(t.spill('=SORT(A1:A5, 1, FALSE)', 5, 1)).toEqual([['b'], ['A'], [10], [2], ['']]);
    expect(t.value('=SORT(A1:A5, 2, TRUE)')).toBe('#VALUE!');
  });
});

describe('SORTN (support.google.com/docs/answer/7354624)', () => {
  const s = sheetWith(SCORES);

  it('SORTN — 7354624 example 1: without sort columns, the first row by every column', () => {
    expect(s.spill('=SORTN(A2:C6)', 2, 3)).toEqual([
      ['Alice', 100, 90],
      ['', '', ''],
    ]);
  });

  it('SORTN — 7354624 example 2: the first 2 rows', () => {
    expect(s.spill('=SORTN(A2:C6, 2)', 3, 1)).toEqual([['Alice'], ['Bob'], ['']]);
  });

  it('SORTN — 7354624 example 3: ties mode 0 keeps exactly n rows, ties in their original order', () => {
    expect(s.spill('=SORTN(A2:C6, 3, 0, B2:B6, FALSE)', 4, 3)).toEqual([
      ['Alice', 100, 90],
      ['Devon', 100, 95],
      ['Carol', 80, 85],
      ['', '', ''],
    ]);
  });

  it('SORTN — 7354624 example 4: ties mode 1 adds the rows tied with the nth', () => {
    expect(s.spill('=SORTN(A2:C6, 3, 1, B2:B6, FALSE)', 5, 1)).toEqual([
      ['Alice'],
      ['Devon'],
      ['Carol'],
      ['Eloise'],
      [''],
    ]);
  });

  it('SORTN — 7354624 example 5: ties mode 2 drops rows duplicating the sort values of an earlier row', () => {
    expect(s.spill('=SORTN(A2:C6, 3, 2, B2:B6, FALSE)', 4, 1)).toEqual([['Alice'], ['Carol'], ['Bob'], ['']]);
  });

  it('SORTN — 7354624 example 6: ties mode 3 shows the first n distinct sort values with all their rows', () => {
    expect(s.spill('=SORTN(A2:C6, 3, 3, B2:B6, FALSE)', 6, 1)).toEqual([
      ['Alice'],
      ['Devon'],
      ['Carol'],
      ['Eloise'],
      ['Bob'],
      [''],
    ]);
    expect(s.spill('=SORTN(A2:C6, 2, 3, B2:B6, FALSE)', 5, 1)).toEqual([
      ['Alice'],
      ['Devon'],
      ['Carol'],
      ['Eloise'],
      [''],
    ]);
  });

  it('SORTN — 7354624 example 7: two sort columns, column indexes', () => {
    expect(s.spill('=SORTN(A2:C6, 3, 3, 2, FALSE, 3, FALSE)', 4, 1)).toEqual([['Devon'], ['Alice'], ['Eloise'], ['']]);
  });
});

describe('ARRAYFORMULA (support.google.com/docs/answer/3093275)', () => {
  const s = sheetWith([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);

  it('ARRAYFORMULA — 3093275 sample usage: element-wise arithmetic and an aggregate over a conditional array', () => {
    expect(s.spill('=ARRAYFORMULA(A1:C1+A2:C2)', 1, 3)).toEqual([[5, 7, 9]]);
    expect(s.value('=ARRAYFORMULA(SUM(IF(A1:A3>3,A1:A3,0)))')).toBe(11);
  });

  it('a column of per-row results, as generated tabs use', () => {
    expect(s.spill('=ARRAYFORMULA(IF(A1:A3>3,"big","small"))', 3, 1)).toEqual([['small'], ['big'], ['big']]);
  });
});

describe('CHOOSECOLS and CHOOSEROWS (support.google.com/docs/answer/13197914)', () => {
  const s = sheetWith([
    ['Student', 'Math', 'History', 'Science', 'Gym'],
    ['Harry', 95, 70, 82, 78],
    ['Jenny', 85, 91, 100, 80],
    ['Lily', 76, 88, 80, 95],
    ['Sunny', 60, 77, 89, 80],
  ]);

  it('CHOOSECOLS — 13197914 example 1: =CHOOSECOLS(A1:E5, 1, 3, 2)', () => {
    expect(s.spill('=CHOOSECOLS(A1:E5, 1, 3, 2)', 5, 3)).toEqual([
      ['Student', 'History', 'Math'],
      ['Harry', 70, 95],
      ['Jenny', 91, 85],
      ['Lily', 88, 76],
      ['Sunny', 77, 60],
    ]);
  });

  it('CHOOSECOLS — 13197914 example 2: negative numbers count from the right', () => {
    expect(s.spill('=CHOOSECOLS(A1:E5, 1, -1, -2)', 5, 3)).toEqual([
      ['Student', 'Gym', 'Science'],
      ['Harry', 78, 82],
      ['Jenny', 80, 100],
      ['Lily', 95, 80],
      ['Sunny', 80, 89],
    ]);
    expect(s.value('=CHOOSECOLS(A1:E5, 6)')).toBe('#VALUE!');
  });

  it('CHOOSEROWS picks rows the same way; both take the result of FILTER', () => {
    expect(s.spill('=CHOOSEROWS(A1:E5, 1, -1)', 2, 2)).toEqual([
      ['Student', 'Math'],
      ['Sunny', 60],
    ]);
    expect(s.spill('=CHOOSECOLS(FILTER(A2:E5, B2:B5 > 80), 1, 4)', 3, 2)).toEqual([
      ['Harry', 82],
      ['Jenny', 100],
      ['', ''],
    ]);
  });
});
