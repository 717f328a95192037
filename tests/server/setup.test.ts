// Set up / repair database, run through the built add-on on the emulated spreadsheet.
import { CLIENT_FIELDS, JOURNAL_FIELDS } from '../../src/domain/fields';
import { col, openWorkbook, setUpWorkbook, TAB } from './helpers';

// The audit log grows by design (setup writes the entries queued before it): every other tab is compared.
function snapshot(wb: { sheetNames(): string[]; values(t: string): unknown[][]; formulas(t: string): string[][] }) {
  return Object.fromEntries(
    wb
      .sheetNames()
      .filter((name) => name !== 'Аудит' && name !== 'Audit')
      .map((name) => [name, { values: wb.values(name), formulas: wb.formulas(name) }]),
  );
}

describe('setupDatabase', () => {
  it('builds Clients, Journal and Settings in Russian on an empty ru_RU sheet', () => {
    const { wb, addon } = openWorkbook('ru');
    const result = addon.call('setupDatabase') as any;
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/База готова/);
    expect(wb.sheetNames()).toEqual(expect.arrayContaining([TAB.ru.clients, TAB.ru.journal, TAB.ru.settings]));
    expect(wb.sheetNames()).not.toContain('Лист1');
    const clients = wb.values(TAB.ru.clients);
    expect(clients[0]).toEqual(CLIENT_FIELDS.map((f) => f.header.ru));
    expect(wb.values(TAB.ru.journal)[0]).toEqual(JOURNAL_FIELDS.map((f) => f.header.ru));
    const settings = wb.values(TAB.ru.settings);
    // People see labels and values; the machine keys are row metadata, not a column.
    expect(settings[0].slice(0, 3)).toEqual(['Параметр', 'Значение', '']);
    expect(settings.flat()).not.toContain('phoneRegion');
    expect(settings[0]).toContain('Стадии воронки');
    const stages = settings
      .slice(1)
      .map((r) => r[col(settings, 'Стадии воронки')])
      .filter(Boolean);
    expect(stages).toEqual(['Новый лид', 'Первый контакт', 'Визит', 'Клиент', 'Отказ']);
    const view = wb.view(TAB.ru.clients);
    expect(view.frozenRows).toBe(1);
    expect(wb.toasts.length).toBeGreaterThan(0);
  });

  it('speaks English on an en_US sheet', () => {
    const { wb } = setUpWorkbook('en');
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(['Clients', 'Journal', 'Settings']));
    expect(wb.values('Clients')[0][0]).toBe('Full name');
  });

  it('applies dropdowns fed from Settings, date and amount validation, and warning-only protection of computed columns', () => {
    const { wb } = setUpWorkbook('ru');
    const view = wb.view(TAB.ru.clients, { row: 1, column: 1, numRows: 3, numColumns: CLIENT_FIELDS.length });
    const headers = wb.values(TAB.ru.clients)[0];
    const stageCell = view.cells[1][headers.indexOf('Стадия')];
    expect(stageCell.options).toEqual(['Новый лид', 'Первый контакт', 'Визит', 'Клиент', 'Отказ']);
    expect(view.cells[1][headers.indexOf('ID')].protected).toBe(true);
    expect(view.cells[1][headers.indexOf('Сумма покупок')].protected).toBe(true);
    expect(() => wb.edit(TAB.ru.clients, 'D2', 'Неизвестная стадия')).toThrow();
    expect(wb.values(TAB.ru.clients).length).toBe(1);
  });

  it('changes no cell when run a second time', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const added = addon.call('addClient', { fullName: 'Петрова Анна Сергеевна', phone: '8 912 345-67-89' }) as any;
    expect(added.ok).toBe(true);
    const before = snapshot(wb);
    const again = addon.call('setupDatabase') as any;
    expect(again.ok).toBe(true);
    expect(snapshot(wb)).toEqual(before);
  });

  it('survives inserted, renamed, reordered columns and a paste over validation: values stay, rules return, fields land right', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const first = addon.call('addClient', {
      fullName: 'Иванов Пётр',
      phone: '+7 903 111-22-33',
      email: 'petr@mail.ru',
    }) as any;
    expect(first.ok).toBe(true);
    const tab = TAB.ru.clients;
    wb.insertColumns(tab, 2, 1); // a person's own column between ФИО and Телефон
    wb.edit(tab, 'B1', 'Моя колонка');
    wb.edit(tab, 'B2', 'моё значение');
    const headers = () => wb.values(tab)[0] as string[];
    const phoneCol = headers().indexOf('Телефон') + 1;
    wb.edit(tab, `${String.fromCharCode(64 + phoneCol)}1`, 'Мобильный'); // renamed header
    const emailCol = headers().indexOf('Email') + 1;
    wb.moveColumns(tab, emailCol, 1, phoneCol); // email now before the phone
    const stageCol = headers().indexOf('Стадия') + 1;
    wb.paste(tab, `${String.fromCharCode(64 + stageCol)}3:${String.fromCharCode(64 + stageCol)}4`, [
      ['что угодно'],
      ['ещё'],
    ]);
    const valuesBefore = wb.values(tab);

    const repaired = addon.call('setupDatabase') as any;
    expect(repaired.ok).toBe(true);
    expect(wb.values(tab)).toEqual(valuesBefore);
    expect(headers()).toContain('Мобильный');
    expect(headers()).toContain('Моя колонка');
    const view = wb.view(tab, { row: 1, column: 1, numRows: 5, numColumns: headers().length });
    expect(view.cells[3][headers().indexOf('Стадия')].options).toContain('Клиент');

    const second = addon.call('addClient', {
      fullName: 'Сидорова Мария',
      phone: '8 (926) 555-44-33',
      email: 'Maria@Example.RU',
      source: 'Instagram',
    }) as any;
    expect(second.ok).toBe(true);
    const values = wb.values(tab);
    const row = values.find((r) => r.includes(second.id))!;
    expect(row[headers().indexOf('ФИО')]).toBe('Сидорова Мария');
    expect(row[headers().indexOf('Мобильный')]).toBe('+7 926 555-44-33');
    expect(row[headers().indexOf('Email')]).toBe('maria@example.ru');
    expect(row[headers().indexOf('Источник')]).toBe('Instagram');
    expect(row[headers().indexOf('Моя колонка')]).toBe('');
    expect(values[1][headers().indexOf('Моя колонка')]).toBe('моё значение');
  });

  it('adds missing columns at the end of an older layout without touching data', () => {
    const { wb, addon } = openWorkbook('ru');
    const sheet = wb.sheetNames()[0];
    wb.renameSheet(sheet, 'Клиенты');
    wb.paste('Клиенты', 'A1:C2', [
      ['ФИО', 'Телефон', 'Дата рождения'],
      ['Козлова Ольга', '+7 912 000-00-01', '01.02.1990'],
    ]);
    const result = addon.call('setupDatabase') as any;
    expect(result.ok).toBe(true);
    const values = wb.values('Клиенты');
    expect(values[0].slice(0, 3)).toEqual(['ФИО', 'Телефон', 'Дата рождения']);
    expect(values[1][0]).toBe('Козлова Ольга');
    expect(values[0].length).toBe(CLIENT_FIELDS.length);
    expect(values[0]).toContain('ID');
  });
});

describe('the menu commands for long operations', () => {
  it('Set up / repair shows progress toasts and ends with one summary alert, never the same text twice', () => {
    const { wb, addon } = openWorkbook('ru');
    addon.call('menuSetupDatabase');
    const toasts = wb.toasts.map((t: any) => String(t.message ?? t));
    expect(toasts[0]).toBe('Настраиваю базу…');
    expect(toasts).toContain('Создаю вкладку «Журнал»…');
    const alerts = (wb.ui as any).alerts;
    expect(alerts.length).toBe(1);
    expect(alerts[0].title).toBe('Настроить / восстановить базу');
    expect(alerts[0].prompt).toMatch(/^База готова\. Созданы вкладки: Клиенты, Журнал, Настройки, Шаблоны писем/);
    // The toasts are progress only: none repeats the summary, and no step is announced twice.
    expect(toasts.filter((m: string) => /База готова/.test(m))).toEqual([]);
    expect(new Set(toasts).size).toBe(toasts.length);
  });

  it('Recompute shows a start toast and a summary toast with the counts', () => {
    const { wb, addon } = setUpWorkbook('en');
    addon.call('addClient', { fullName: 'Anna Lee' });
    addon.call('menuRecomputeClients');
    const toasts = wb.toasts.map((t: any) => String(t.message ?? t));
    expect(toasts.at(-2)).toBe('Recomputing client totals from the journal…');
    expect(toasts.at(-1)).toMatch(/^Totals recomputed\. Clients: 1, changed: \d+, journal rows: 0/);
  });
});

describe('the triggers setup installs', () => {
  it('are one set however often the owner runs setup, and a teammate running it adds none and is told who owns them', () => {
    const { wb, addon } = setUpWorkbook('ru');
    addon.call('setupDatabase');
    addon.call('setupDatabase');
    const handlers = () => wb.triggers.map((t: any) => `${t.handler}@${t.owner}`).sort();
    expect(handlers()).toEqual([
      'nightly@anna@clinic.test',
      'onChangeInstalled@anna@clinic.test',
      'onEditInstalled@anna@clinic.test',
    ]);
    expect(wb.triggers.find((t: any) => t.handler === 'nightly')?.schedule).toMatchObject({
      hour: 3,
      tz: 'Europe/Moscow',
    });
    // Only the owner and the admins run setup: Boris is made an admin first.
    expect((addon.call('updateSettings', { lists: { admins: ['boris@clinic.test'] } }) as any).ok).toBe(true);
    wb.as('boris@clinic.test');
    const second = addon.call('setupDatabase') as any;
    expect(second.summary.triggers).toMatch(/anna@clinic\.test/);
    expect(handlers()).toHaveLength(3);
  });
});
