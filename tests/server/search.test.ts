// Search and the duplicate check through Sheets' TextFinder: every match found wherever it sits, the best ones
// even when a query matches thousands of cells, and only the rows holding matches read.
import { col, setUpWorkbook, spreadsheetCalls, TAB } from './helpers';

const C = TAB.ru.clients;

function fill(wb: any, n: number, card: (i: number) => { name: string; phone?: string; email?: string }) {
  const values = wb.values(C);
  const width = values[0].length;
  const rows = [];
  for (let i = 1; i <= n; i++) {
    const c = card(i);
    const row = new Array(width).fill('');
    row[col(values, 'ФИО')] = c.name;
    row[col(values, 'Телефон')] = c.phone ? `'${c.phone}` : '';
    row[col(values, 'Email')] = c.email ?? '';
    row[col(values, 'ID')] = `C-${String(i).padStart(6, '0')}`;
    row[col(values, 'Стадия')] = 'Новый лид';
    rows.push(row);
  }
  const sheet = wb.model.spreadsheet.getSheetByName(C);
  if (sheet.getMaxRows() < n + 1) sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
  sheet.getRange(2, 1, n, width).setValues(rows);
}

describe('searchClients', () => {
  it('finds every match scattered through the sheet, not only those near the first', () => {
    const { wb, addon } = setUpWorkbook('ru');
    fill(wb, 3000, (i) => ({ name: i % 150 === 0 ? `Петрова Анна${i}` : `Клиент Номер${i}` }));
    addon.call('recomputeClients');
    const r = addon.call('searchClients', 'петрова') as any;
    expect(r.hits.map((h: any) => h.id)).toEqual(
      Array.from({ length: 20 }, (_, k) => `C-${String((k + 1) * 150).padStart(6, '0')}`),
    );
  });

  it('puts an exact ID first even when the digits also match thousands of phones', () => {
    const { wb, addon } = setUpWorkbook('ru');
    fill(wb, 8000, (i) => ({ name: `Клиент Номер${i}`, phone: `+7917990${String(i).padStart(4, '0')}` }));
    addon.call('recomputeClients');
    const r = addon.call('searchClients', '7990') as any;
    expect(r.hits[0]).toMatchObject({ id: 'C-007990', matched: 'id', row: 7991 });
    expect(r.hits.length).toBe(20);
  });

  it('reads hand-typed phones, Cyrillic look-alike IDs and ё as the ranking does', () => {
    const { wb, addon } = setUpWorkbook('ru');
    fill(wb, 50, (i) =>
      i === 7
        ? { name: 'Семёнов Пётр', phone: '8 (912) 345-67-89', email: 'Petr@Mail.ru' }
        : { name: `Клиент Номер${i}`, phone: `+7900${String(i).padStart(7, '0')}` },
    );
    const found = (q: string) => (addon.call('searchClients', q) as any).hits.map((h: any) => h.id);
    expect(found('345 67')).toEqual(['C-000007']);
    expect(found('семен петр')).toEqual(['C-000007']);
    expect(found('С-000007')[0]).toBe('C-000007');
    expect(found('petr@mail')).toEqual(['C-000007']);
    wb.resetCalls();
    expect(found('нет такого')).toEqual([]);
    expect(spreadsheetCalls(wb.calls)).toBeLessThanOrEqual(5);
  });
});

describe('checkDuplicates', () => {
  it('finds a card typed by hand with another phone format and a typo in the name, among thousands', () => {
    const { wb, addon } = setUpWorkbook('ru');
    fill(wb, 5000, (i) =>
      i === 4321
        ? { name: 'Кузнецова Мария Ивановна', phone: '8 916 555-12-34' }
        : { name: `Клиент Номер${i}`, phone: `+7900${String(i).padStart(7, '0')}` },
    );
    const byPhone = addon.call('checkDuplicates', { fullName: 'Совсем Другая', phone: '+7 (916) 555 12 34' }) as any;
    expect(byPhone.duplicates.map((d: any) => [d.id, d.reasons])).toEqual([['C-004321', ['phone']]]);
    const byName = addon.call('checkDuplicates', { fullName: 'Мария Кузнецва' }) as any;
    expect(byName.duplicates.map((d: any) => [d.id, d.reasons])).toEqual([['C-004321', ['name']]]);
  });
});
