// A file uploaded to the playground becomes a tab as File → Import makes one: CSV read as typed input in the sheet's
// locale (UTF-8 or Windows-1251), an .xlsx's first sheet with its values kept (dates, numbers, text as text).
import ExcelJS from 'exceljs';
import { createWorkbook } from '../../../local/index';
import { BridgeError } from '../../../local/playground/bridge';
import { csvText, tabFromUpload, uploadTabName } from '../../../local/playground/upload';
import type { PlaygroundWorkbook } from '../../../local/playground/workbook';

function book(): PlaygroundWorkbook {
  return createWorkbook({
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    user: 'anna@clinic.test',
    now: '2026-03-15T10:00:00',
  }) as unknown as PlaygroundWorkbook;
}

const values = (wb: PlaygroundWorkbook, tab: string) =>
  (wb as unknown as { values(t: string): unknown[][] }).values(tab);

describe('an uploaded file becomes a tab', () => {
  it('a CSV in UTF-8 with a BOM: dates and numbers read as the sheet reads typed input, named after the file', async () => {
    const wb = book();
    const text = '\uFEFFФИО,Дата\n"Петрова Анна",12.01.2026\n';
    const name = await tabFromUpload(wb, 'Пациенты.csv', Buffer.from(text, 'utf8').toString('base64'));
    expect(name).toBe('Пациенты');
    const [head, row] = values(wb, name);
    expect(head).toEqual(['ФИО', 'Дата']);
    expect(row[0]).toBe('Петрова Анна');
    expect(Object.prototype.toString.call(row[1])).toBe('[object Date]');
  });

  it('a CSV saved by Russian Excel (Windows-1251) is read as Cyrillic text', () => {
    const cp1251 = Buffer.from([0xd4, 0xc8, 0xce, 0x2c, 0xc8, 0xec, 0xff]);
    expect(csvText(cp1251)).toBe('ФИО,Имя');
  });

  it('an .xlsx: the first sheet with dates as dates, text as text (never a number), numbers as numbers', async () => {
    const x = new ExcelJS.Workbook();
    const ws = x.addWorksheet('Лист1');
    ws.addRow(['ФИО', 'Карта', 'Визитов', 'Дата', 'VIP']);
    ws.addRow(['Петрова Анна', '007', 3, new Date(Date.UTC(2026, 0, 12)), true]);
    const bytes = Buffer.from(await x.xlsx.writeBuffer());
    const wb = book();
    const name = await tabFromUpload(wb, 'clients.xlsx', bytes.toString('base64'));
    expect(name).toBe('clients');
    const [, row] = values(wb, name);
    expect(row.slice(0, 3)).toEqual(['Петрова Анна', '007', 3]);
    expect(Object.prototype.toString.call(row[3])).toBe('[object Date]');
    expect(row[4]).toBe(true);
  });

  it('never takes the name of a tab that exists, and refuses other kinds of file', async () => {
    expect(uploadTabName('Клиенты.csv', ['Клиенты', 'Клиенты (2)'])).toBe('Клиенты (3)');
    expect(uploadTabName('a/b:c.csv', [])).toBe('a b c');
    await expect(tabFromUpload(book(), 'notes.txt', '')).rejects.toBeInstanceOf(BridgeError);
    await expect(tabFromUpload(book(), 'notes.txt', '')).rejects.toThrow('Загрузить можно файл .csv или .xlsx.');
    const garbage = Buffer.from('not a zip').toString('base64');
    await expect(tabFromUpload(book(), 'clients.xlsx', garbage)).rejects.toThrow(
      'Файл не читается как книга Excel (.xlsx).',
    );
  });
});
