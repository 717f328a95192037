// What people type into the tabs by hand, through the built add-on and its installable onEdit: phones take the
// stored form, a stage alone invents no purchase, computed columns carry no dropdown, Settings hides its keys.
import { VALUE_DEFS } from '../../src/domain/settings';
import { col, openWorkbook, setUpWorkbook, TAB } from './helpers';

const C = TAB.ru.clients;
const S = TAB.ru.settings;

function letterOf(values: unknown[][], header: string): string {
  return String.fromCharCode(65 + col(values, header));
}

describe('phones typed into the Clients tab', () => {
  it('take the readable international form as the row gets its ID, and an edited phone does too', () => {
    const { wb } = setUpWorkbook('ru');
    const values = wb.values(C);
    wb.paste(C, `A2:${letterOf(values, 'Телефон')}2`, [
      ['Петрова Анна', ...Array(col(values, 'Телефон') - 1).fill(''), '8 912 3456789'],
    ]);
    const row = () => wb.values(C)[1];
    expect(row()[col(values, 'ID')]).toMatch(/^C-\d{6}$/);
    expect(row()[col(values, 'Телефон')]).toBe('+7 912 345-67-89');
    wb.edit(C, `${letterOf(values, 'Телефон')}2`, '+79031112233');
    expect(row()[col(values, 'Телефон')]).toBe('+7 903 111-22-33');
  });

  it('keep what was typed when it is not a number, with a note saying why, cleared once the phone is fixed', () => {
    const { wb } = setUpWorkbook('ru');
    wb.edit(C, 'A2', 'Петрова Анна');
    const values = wb.values(C);
    const cell = `${letterOf(values, 'Телефон')}2`;
    const phoneCol = col(values, 'Телефон');
    const note = () => wb.view(C, { row: 2, column: phoneCol + 1, numRows: 1, numColumns: 1 }).cells[0][0].note ?? '';
    wb.edit(C, cell, '912 34');
    expect(wb.values(C)[1][phoneCol]).toBe('912 34');
    expect(note()).toBe('Картотека: Телефон: в номере не хватает цифр — пример: +7 912 345-67-89');
    wb.edit(C, cell, '8 (912) 345-67-89');
    expect(wb.values(C)[1][phoneCol]).toBe('+7 912 345-67-89');
    expect(note()).toBe('');
  });

  it("never replace a person's own note on the phone cell", () => {
    const { wb } = setUpWorkbook('ru');
    wb.edit(C, 'A2', 'Петрова Анна');
    const values = wb.values(C);
    const phoneCol = col(values, 'Телефон');
    wb.model.spreadsheet
      .getSheetByName(C)!
      .getRange(2, phoneCol + 1)
      .setNote('звонить после 18:00');
    wb.edit(C, `${letterOf(values, 'Телефон')}2`, 'позвонить Ане');
    const cell = wb.view(C, { row: 2, column: phoneCol + 1, numRows: 1, numColumns: 1 }).cells[0][0];
    expect(cell.value).toBe('позвонить Ане');
    expect(cell.note).toBe('звонить после 18:00');
  });
});

describe('phones stored by the add-on and older E.164 cells', () => {
  it('are found alike by search and by the duplicate check', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const fresh = addon.call('addClient', { fullName: 'Петрова Анна', phone: '8 912 345-67-89' }) as any;
    const old = addon.call('addClient', { fullName: 'Иванов Пётр', phone: '+7 903 111-22-33' }) as any;
    const values = wb.values(C);
    const phoneCol = col(values, 'Телефон');
    expect(values[1][phoneCol]).toBe('+7 912 345-67-89');
    // A cell written by an older version (E.164), by a script: no edit trigger runs.
    wb.model.spreadsheet
      .getSheetByName(C)!
      .getRange(3, phoneCol + 1)
      .setValue("'+79031112233");
    expect(wb.values(C)[2][phoneCol]).toBe('+79031112233');
    const found = (q: string) => ((addon.call('searchClients', q) as any).hits as any[]).map((h) => h.id);
    expect(found('912 345')).toEqual([fresh.id]);
    expect(found('903 111')).toEqual([old.id]);
    expect(found('89031112233')).toEqual([old.id]);
    const dup = (phone: string) =>
      ((addon.call('checkDuplicates', { phone }) as any).duplicates as any[]).map((d) => d.id);
    expect(dup('+79123456789')).toEqual([fresh.id]);
    expect(dup('8 903 111 22 33')).toEqual([old.id]);
  });

  it('an English sheet says a Russian-format number is Russian, while the person types', () => {
    const { addon } = setUpWorkbook('en');
    const r = addon.call('checkDuplicates', { phone: '8 (912) 345-67-89' }) as any;
    expect(r.fieldErrors.phone).toBe(
      'Phone: this looks like a number from Russia — add its country code: +7 912 345-67-89',
    );
    const add = addon.call('addClient', { fullName: 'Anna Peterson', phone: '8 (912) 345-67-89' }) as any;
    expect(add.ok).toBe(false);
    expect(add.errors.phone).toBe(r.fieldErrors.phone);
  });
});

describe('the Stage cell set by hand', () => {
  it('to "Клиент" stamps first contact and visit, but no first purchase without one', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const added = addon.call('addClient', { fullName: 'Петрова Анна' }) as { ok: boolean; id: string };
    const values = wb.values(C);
    wb.edit(C, `${letterOf(values, 'Стадия')}2`, 'Клиент');
    const shown = wb.displayValues(C)[1];
    expect(shown[col(values, 'Первый контакт')]).toBe('15.03.2026');
    expect(shown[col(values, 'Первый визит')]).toBe('15.03.2026');
    expect(shown[col(values, 'Первая покупка')]).toBe('');
    const card = (addon.call('getClientCard', added.id) as any).card;
    expect(card.facts.stageMilestone).toBe('client');
    expect(card.client.purchases).toBe(0);
    // The first purchase logged afterwards is what fills it.
    wb.clock.set('2026-03-20T10:00:00');
    addon.call('logContact', { clientId: added.id, type: 'Покупка', amount: 1500 });
    expect(wb.displayValues(C)[1][col(values, 'Первая покупка')]).toBe('20.03.2026');
  });
});

describe('computed columns', () => {
  it('carry no dropdown: Frequency shows no ▾, Stage still does', () => {
    const { wb, addon } = setUpWorkbook('ru');
    addon.call('addClient', { fullName: 'Петрова Анна' });
    const headers = wb.values(C)[0] as string[];
    const view = wb.view(C, { row: 1, column: 1, numRows: 3, numColumns: headers.length });
    expect(view.cells[1][headers.indexOf('Частота')].options).toBeUndefined();
    expect(view.cells[2][headers.indexOf('Частота')].options).toBeUndefined();
    expect(view.cells[1][headers.indexOf('Частота')].protected).toBe(true);
    expect(view.cells[1][headers.indexOf('Стадия')].options).toContain('Клиент');
  });
});

describe('the Settings tab', () => {
  const label = (key: string, lang: 'ru' | 'en' = 'ru') => VALUE_DEFS.find((d) => d.key === key)!.label[lang];

  it('shows people labels and values only; the keys stay out of sight and values are read by them', () => {
    const { wb, addon } = setUpWorkbook('en');
    const grid = wb.values('Settings');
    expect(grid[0].slice(0, 2)).toEqual(['Setting', 'Value']);
    const keys: string[] = VALUE_DEFS.map((d) => d.key);
    expect(grid.flat().filter((v) => keys.includes(String(v)))).toEqual([]);
    const row = grid.findIndex((r) => r[0] === label('currency', 'en')) + 1;
    wb.edit('Settings', `B${row}`, 'EUR');
    expect((addon.call('getSettings') as any).settings.values.currency).toBe('EUR');
  });

  it('finds a value whose label a person renamed by the tag on its row', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const grid = wb.values(S);
    const row = grid.findIndex((r) => r[0] === label('regularPurchases')) + 1;
    wb.edit(S, `A${row}`, 'Постоянный — от стольких покупок');
    wb.edit(S, `B${row}`, 4);
    expect((addon.call('getSettings') as any).settings.values.regularPurchases).toBe(4);
  });

  it('reads an older tab with its key column, and setup moves the keys out of sight keeping every value', () => {
    const { wb, addon } = openWorkbook('ru');
    wb.renameSheet(wb.sheetNames()[0], S);
    wb.paste(S, 'A1:C4', [
      ['Параметр', 'Значение', 'Ключ'],
      [label('currency'), 'USD', 'currency'],
      ['Сколько покупок у постоянного', 3, 'regularPurchases'],
      [label('loyaltyPercent'), 7, 'loyaltyPercent'],
    ]);
    // Before any repair the old tab is read as it is: by label, and by key where the label is its own.
    const before = (addon.call('getSettings') as any).settings.values;
    expect(before).toMatchObject({ currency: 'USD', regularPurchases: 3, loyaltyPercent: 7 });

    expect((addon.call('setupDatabase') as any).ok).toBe(true);
    const grid = wb.values(S);
    expect(grid[0][2]).toBe('');
    expect(grid.slice(0, 4).map((r) => r.slice(0, 3))).toEqual([
      ['Параметр', 'Значение', ''],
      [label('currency'), 'USD', ''],
      ['Сколько покупок у постоянного', 3, ''],
      [label('loyaltyPercent'), 7, ''],
    ]);
    // Values the old tab lacked are added under their labels.
    expect(grid.map((r) => r[0])).toContain(label('phoneRegion'));
    const after = (addon.call('getSettings') as any).settings.values;
    expect(after).toMatchObject({ currency: 'USD', regularPurchases: 3, loyaltyPercent: 7, phoneRegion: 'RU' });
    // A second repair changes nothing.
    const again = JSON.stringify(wb.values(S));
    addon.call('setupDatabase');
    expect(JSON.stringify(wb.values(S))).toBe(again);
  });
});
