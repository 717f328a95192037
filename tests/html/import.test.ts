// The import sidebar's texts: counts of rows in the word form Russian needs (1 строку, 3 строки, 11 строк, 21 строку).
import { imt } from '../../html/import/texts';

describe('the import sidebar says how many rows in the right form', () => {
  it.each([
    [1, 'Импортировать 1 строку', 'Import 1 row'],
    [3, 'Импортировать 3 строки', 'Import 3 rows'],
    [7, 'Импортировать 7 строк', 'Import 7 rows'],
    [11, 'Импортировать 11 строк', 'Import 11 rows'],
    [21, 'Импортировать 21 строку', 'Import 21 rows'],
    [104, 'Импортировать 104 строки', 'Import 104 rows'],
  ])('%i rows: the button', (rows, ru, en) => {
    expect(imt('ru', 'importRows', { rows })).toBe(ru);
    expect(imt('en', 'importRows', { rows })).toBe(en);
  });

  it('counts a tab in the list of tabs as a noun after a number', () => {
    expect([1, 2, 5, 22].map((rows) => imt('ru', 'rows', { rows }))).toEqual([
      '1 строка',
      '2 строки',
      '5 строк',
      '22 строки',
    ]);
    expect(imt('ru', 'continuing', { done: 10000, total: 21 })).toMatch(/^Импортировано 10000 из 21 строки;/);
  });
});
