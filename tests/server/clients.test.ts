// Client cards and the journal through the built add-on: safe writes, normalising, funnel stamps, totals, search.
import { col, dropFormulaTabs, rowWhere, setUpWorkbook, spreadsheetCalls, TAB } from './helpers';

const C = TAB.ru.clients;
const J = TAB.ru.journal;

function addClient(addon: { call: (fn: string, ...a: unknown[]) => unknown }, input: Record<string, unknown>) {
  return addon.call('addClient', input) as any;
}

describe('addClient', () => {
  it('appends a card with an ID, today as createdOn, stage "Новый лид" and the phone as E.164', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const r = addClient(addon, {
      fullName: '  петрова анна сергеевна ',
      phone: '8 912 345-67-89',
      email: ' Anna@Mail.RU ',
    });
    expect(r).toMatchObject({ ok: true, id: 'C-000001', row: 2 });
    const row = rowWhere(wb.values(C), 'ID', 'C-000001')!;
    expect(row['ФИО']).toBe('Петрова Анна Сергеевна');
    expect(row['Телефон']).toBe('+7 912 345-67-89');
    expect(row.Email).toBe('anna@mail.ru');
    expect(row['Стадия']).toBe('Новый лид');
    const created = wb.displayValues(C)[1][col(wb.values(C), 'Создан')];
    expect(created).toBe('15.03.2026');
  });

  it('numbers IDs without reuse, even after a row is deleted', () => {
    const { wb, addon } = setUpWorkbook('ru');
    addClient(addon, { fullName: 'Один Первый' });
    addClient(addon, { fullName: 'Два Второй', allowDuplicate: true });
    wb.deleteRows(C, 3, 1);
    const third = addClient(addon, { fullName: 'Три Третий' });
    expect(third.id).toBe('C-000003');
  });

  it('rejects a bad phone with a Russian message beside the field and writes nothing', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const before = wb.values(C);
    const r = addClient(addon, { fullName: 'Петрова Анна', phone: '12-34', email: 'not-an-email' });
    expect(r.ok).toBe(false);
    expect(r.errors.phone).toMatch(/Телефон/);
    expect(r.errors.email).toMatch(/Email/);
    expect(wb.values(C)).toEqual(before);
  });

  it('explains errors in English on an English sheet', () => {
    const { addon } = setUpWorkbook('en');
    const r = addClient(addon, { fullName: '', birthDate: '31.02.2026' });
    expect(r.ok).toBe(false);
    expect(r.errors.fullName).toMatch(/Full name: required/);
    expect(r.errors.birthDate).toMatch(/Birth date/);
  });

  it('refuses computed or unknown fields', () => {
    const { addon } = setUpWorkbook('ru');
    const r = addClient(addon, { fullName: 'Петрова Анна', totalSpent: 100, id: 'C-999999' });
    expect(r.ok).toBe(false);
    expect(Object.keys(r.errors)).toEqual(expect.arrayContaining(['totalSpent', 'id']));
  });

  it('warns about a duplicate by phone, email or a very similar name, and adds anyway when asked', () => {
    const { wb, addon } = setUpWorkbook('ru');
    addClient(addon, { fullName: 'Петрова Анна Сергеевна', phone: '+7 912 345-67-89', email: 'anna@mail.ru' });
    const byPhone = addClient(addon, { fullName: 'Совсем Другая', phone: '89123456789' });
    expect(byPhone.ok).toBe(false);
    expect(byPhone.duplicates[0]).toMatchObject({ id: 'C-000001', fullName: 'Петрова Анна Сергеевна' });
    expect(byPhone.duplicates[0].reasons).toContain('phone');
    const byName = addClient(addon, { fullName: 'Анна Петрова' });
    expect(byName.duplicates?.[0]?.reasons).toContain('name');
    const byEmail = addClient(addon, { fullName: 'Кто-то Ещё', email: 'ANNA@mail.ru' });
    expect(byEmail.duplicates?.[0]?.reasons).toContain('email');
    expect(wb.values(C).length).toBe(2);
    const anyway = addClient(addon, { fullName: 'Анна Петрова', allowDuplicate: true });
    expect(anyway.ok).toBe(true);
    expect(wb.values(C).length).toBe(3);
  });

  it('accepts a back-dated card with milestone dates and stamps the milestones of its stage', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const r = addClient(addon, {
      fullName: 'Старый Клиент',
      createdOn: '10.01.2025',
      stage: 'Визит',
      firstContactOn: '2025-01-12',
    });
    expect(r.ok).toBe(true);
    const shown = wb.displayValues(C)[1];
    const values = wb.values(C);
    expect(shown[col(values, 'Создан')]).toBe('10.01.2025');
    expect(shown[col(values, 'Первый контакт')]).toBe('12.01.2025');
    expect(shown[col(values, 'Первый визит')]).toBe('15.03.2026');
    expect(shown[col(values, 'Первая покупка')]).toBe('');
  });
});

describe('text that Sheets would turn into a formula or a number', () => {
  const nasty = ['=1+1', '+7 912', '-x', '@x'];

  it('is stored as text by addClient, updateClient, logContact and updateSettings', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const added = addClient(addon, {
      fullName: 'Тест Формулы',
      notes: nasty[0],
      interests: nasty[1],
      callHours: nasty[2],
      address: nasty[3],
    });
    expect(added.ok).toBe(true);
    const id = added.id;
    expect(
      addon.call('updateClient', id, { nextAppointmentWork: '=HYPERLINK("x")', familyDates: '+100' }),
    ).toMatchObject({ ok: true });
    expect(
      addon.call('logContact', { clientId: id, type: 'Звонок', summary: '=SUM(A:A)', nextStep: '-1' }),
    ).toMatchObject({ ok: true });
    const settings = (addon.call('getSettings') as any).settings;
    expect(addon.call('updateSettings', { lists: { services: [...settings.lists.services, '@home'] } })).toMatchObject({
      ok: true,
    });

    for (const tab of [C, J, TAB.ru.settings]) {
      for (const row of wb.formulas(tab)) for (const f of row) expect(f).toBe('');
    }
    const row = rowWhere(wb.values(C), 'ID', id)!;
    expect(row['Заметки и предупреждения']).toBe('=1+1');
    expect(row['Интересы']).toBe('+7 912');
    expect(row['Когда звонить']).toBe('-x');
    expect(row['Адрес']).toBe('@x');
    expect(row['Что на записи']).toBe('=HYPERLINK("x")');
    expect(row['Семейные даты']).toBe('+100');
    const journal = rowWhere(wb.values(J), 'ID клиента', id)!;
    expect(journal['Что было']).toBe('=SUM(A:A)');
    expect(journal['Следующий шаг']).toBe('-1');
    expect(wb.values(TAB.ru.settings).some((r) => r.includes('@home'))).toBe(true);
  });
});

describe('logContact', () => {
  it('appends to the journal, moves a lead to first contact and stamps the date', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { id } = addClient(addon, { fullName: 'Петрова Анна' });
    wb.as('boris@clinic.test');
    const r = addon.call('logContact', {
      clientId: id,
      type: 'Звонок',
      summary: 'Записалась на чистку',
      nextStep: 'Напомнить',
      nextStepOn: '20.03.2026',
    }) as any;
    expect(r.ok).toBe(true);
    expect(r.totals.stage).toBe('Первый контакт');
    const journal = rowWhere(wb.values(J), 'ID клиента', id)!;
    expect(journal['Клиент']).toBe('Петрова Анна');
    expect(journal['Тип']).toBe('Звонок');
    expect(journal['Кто записал']).toBe('boris@clinic.test');
    const card = rowWhere(wb.values(C), 'ID', id)!;
    expect(card['Стадия']).toBe('Первый контакт');
    expect(card['Следующий шаг']).toBe('Напомнить');
    expect(wb.displayValues(C)[1][col(wb.values(C), 'Первый контакт')]).toBe('15.03.2026');
  });

  it('a purchase makes the client a "Клиент", counts totals, frequency and points', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { id } = addClient(addon, { fullName: 'Петрова Анна' });
    const first = addon.call('logContact', {
      clientId: id,
      type: 'Покупка',
      item: 'Отбеливание',
      amount: '12 500,50 ₽',
    }) as any;
    expect(first.totals).toMatchObject({
      stage: 'Клиент',
      purchases: 1,
      totalSpent: 12500.5,
      frequency: 'Разовый',
      loyaltyPoints: 625,
    });
    addon.call('logContact', { clientId: id, type: 'Визит', amount: 3000, at: '2026-03-10T10:00' });
    const third = addon.call('logContact', { clientId: id, type: 'Покупка', amount: '1 000' }) as any;
    expect(third.totals).toMatchObject({ purchases: 3, totalSpent: 16500.5, frequency: 'Постоянный' });
    const card = rowWhere(wb.values(C), 'ID', id)!;
    expect(card['Покупок']).toBe(3);
    expect(card['Сумма покупок']).toBe(16500.5);
    // Money shows in the Settings currency, with Sheets' no-break spaces in the ru locale.
    expect(wb.displayValues(C)[1][col(wb.values(C), 'Сумма покупок')].replace(/\u00a0/g, ' ')).toBe('16 500,50 ₽');
    const shown = wb.displayValues(C)[1];
    const values = wb.values(C);
    expect(shown[col(values, 'Первая покупка')]).toBe('15.03.2026');
    expect(shown[col(values, 'Первый визит')]).toBe('15.03.2026');
    expect(shown[col(values, 'Последняя покупка')]).toBe('15.03.2026');
  });

  it('rejects an unknown client, an unknown contact type and a negative amount, writing nothing', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { id } = addClient(addon, { fullName: 'Петрова Анна' });
    const before = [wb.values(C), wb.values(J)];
    const bad = addon.call('logContact', { clientId: 'C-000999', type: 'Звонок' }) as any;
    expect(bad.ok).toBe(false);
    expect(bad.errors.clientId).toMatch(/C-000999/);
    const badType = addon.call('logContact', { clientId: id, type: 'Телепатия', amount: '-5' }) as any;
    expect(badType.errors.type).toMatch(/Телепатия/);
    expect(badType.errors.amount).toBeTruthy();
    expect([wb.values(C), wb.values(J)]).toEqual(before);
  });

  it('finds the client after people sorted the sheet', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const a = addClient(addon, { fullName: 'Яковлева Яна' });
    addClient(addon, { fullName: 'Антонов Антон' });
    wb.sort(C, 1, true);
    const r = addon.call('logContact', { clientId: a.id, type: 'Покупка', amount: 500 }) as any;
    expect(r.ok).toBe(true);
    expect(rowWhere(wb.values(C), 'ID', a.id)!['Сумма покупок']).toBe(500);
    expect(rowWhere(wb.values(C), 'ФИО', 'Антонов Антон')!['Сумма покупок']).toBe(0);
  });
});

describe('logContact after people reshaped the sheet', () => {
  it('writes totals under the right headers after two total columns were swapped', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { id } = addClient(addon, { fullName: 'Петрова Анна' });
    const headers = () => wb.values(C)[0] as string[];
    const purchasesCol = headers().indexOf('Покупок') + 1;
    wb.moveColumns(C, purchasesCol, 1, purchasesCol + 2); // "Покупок" now after "Сумма покупок"
    expect(headers().indexOf('Покупок')).toBeGreaterThan(headers().indexOf('Сумма покупок'));
    addon.call('logContact', { clientId: id, type: 'Покупка', amount: 1234 });
    const card = rowWhere(wb.values(C), 'ID', id)!;
    expect(card['Покупок']).toBe(1);
    expect(card['Сумма покупок']).toBe(1234);
  });

  it('finds the client when the remembered row was deleted from under it', () => {
    const { wb, addon } = setUpWorkbook('ru');
    addClient(addon, { fullName: 'Первый Клиент' });
    const { id } = addClient(addon, { fullName: 'Второй Клиент' });
    wb.deleteRows(C, 2, 1);
    const r = addon.call('logContact', { clientId: id, type: 'Покупка', amount: 10 }) as any;
    expect(r.ok).toBe(true);
    expect(rowWhere(wb.values(C), 'ID', id)!['Сумма покупок']).toBe(10);
  });
});

describe('a person typing in the Clients tab', () => {
  it('turns a row with a new name into a card at once: ID, created today, first stage, zero totals', () => {
    const { wb, addon } = setUpWorkbook('ru');
    addClient(addon, { fullName: 'Петрова Анна' });
    wb.clock.set('2026-03-17T12:00:00');
    wb.paste(C, 'A3:B4', [
      ['Сидоров Олег Петрович', '8 901 234-56-78'],
      ['Кузнецова Мария', '+7 916 555-12-34'],
    ]);
    const values = wb.values(C);
    const oleg = rowWhere(values, 'ФИО', 'Сидоров Олег Петрович')!;
    expect(oleg).toMatchObject({ ID: 'C-000002', Стадия: 'Новый лид', Покупок: 0 });
    expect(rowWhere(values, 'ФИО', 'Кузнецова Мария')!.ID).toBe('C-000003');
    expect(wb.displayValues(C)[2][col(values, 'Создан')]).toBe('17.03.2026');
    const logged = addon.call('logContact', { clientId: 'C-000003', type: 'Звонок' }) as any;
    expect(logged.totals.fullName).toBe('Кузнецова Мария');
  });
});

describe('a person editing the Stage cell', () => {
  it('stamps the milestone dates through the installable onEdit trigger', () => {
    const { wb, addon } = setUpWorkbook('ru');
    addClient(addon, { fullName: 'Петрова Анна' });
    const values = wb.values(C);
    const letter = String.fromCharCode(65 + col(values, 'Стадия'));
    wb.clock.set('2026-03-16T11:00:00');
    wb.edit(C, `${letter}2`, 'Визит');
    const shown = wb.displayValues(C)[1];
    expect(shown[col(values, 'Первый контакт')]).toBe('16.03.2026');
    expect(shown[col(values, 'Первый визит')]).toBe('16.03.2026');
    expect(shown[col(values, 'Первая покупка')]).toBe('');
  });
});

describe('search, card, merge and recompute', () => {
  it('finds a client by a phone fragment, a name in any order and an email', () => {
    const { addon } = setUpWorkbook('ru');
    addClient(addon, { fullName: 'Петрова Анна Сергеевна', phone: '+7 912 345-67-89', email: 'anna@mail.ru' });
    addClient(addon, { fullName: 'Иванов Пётр', phone: '+7 903 111-22-33' });
    const byPhone = addon.call('searchClients', '345 67') as any;
    expect(byPhone.hits[0]).toMatchObject({ id: 'C-000001', phoneDisplay: '+7 912 345-67-89' });
    expect((addon.call('searchClients', 'анна петр') as any).hits[0].id).toBe('C-000001');
    expect((addon.call('searchClients', 'ivanov') as any).hits).toEqual([]);
    expect((addon.call('searchClients', 'mail.ru') as any).hits[0].id).toBe('C-000001');
  });

  it('shows a card with facts and the journal newest first', () => {
    const { addon } = setUpWorkbook('ru');
    const { id } = addClient(addon, {
      fullName: 'Петрова Анна Сергеевна',
      birthDate: '20.03.1990',
      email: 'a@b.ru',
      emailConsentOn: '01.03.2026',
    });
    addon.call('logContact', { clientId: id, type: 'Звонок', at: '2026-03-01T10:00', summary: 'первый' });
    addon.call('logContact', { clientId: id, type: 'Покупка', amount: 100, summary: 'второй' });
    const r = addon.call('getClientCard', id) as any;
    expect(r.ok).toBe(true);
    expect(r.card.facts).toMatchObject({
      salutation: 'Анна Сергеевна',
      birthdayInDays: 5,
      turnsAge: 36,
      emailConsent: true,
    });
    expect(r.card.journal.map((e: any) => e.summary)).toEqual(['второй', 'первый']);
    expect(r.card.client.totalSpent).toBe(100);
  });

  it('merges two cards: journal re-pointed, values kept, the merge recorded', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const keep = addClient(addon, {
      fullName: 'Петрова Анна',
      phone: '+7 912 345-67-89',
      notes: 'аллергия на лидокаин',
    });
    const drop = addClient(addon, {
      fullName: 'Петрова Анна Сергеевна',
      email: 'anna@mail.ru',
      phone: '+7 999 000-00-00',
      allowDuplicate: true,
    });
    addon.call('logContact', { clientId: drop.id, type: 'Покупка', amount: 700 });
    const r = addon.call('mergeClients', keep.id, drop.id) as any;
    expect(r).toMatchObject({ ok: true, id: keep.id, moved: 1 });
    const clients = wb.values(C);
    expect(clients.length).toBe(2);
    const kept = rowWhere(clients, 'ID', keep.id)!;
    expect(kept.Email).toBe('anna@mail.ru');
    expect(String(kept['Заметки и предупреждения'])).toMatch(/аллергия на лидокаин/);
    expect(String(kept['Заметки и предупреждения'])).toMatch(/\+7 999 000-00-00/);
    expect(kept['Сумма покупок']).toBe(700);
    const journal = wb.values(J);
    expect(journal.slice(1).every((r) => r[col(journal, 'ID клиента')] === keep.id)).toBe(true);
    expect(journal.some((r) => String(r[col(journal, 'Что было')]).includes(drop.id))).toBe(true);
  });

  it('merges into a card that sits below the removed one, with both journals counted', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const older = addClient(addon, { fullName: 'Смирнова Ольга', phone: '+7 900 111-11-11' });
    const newer = addClient(addon, { fullName: 'Смирнова Ольга Петровна', allowDuplicate: true });
    addon.call('logContact', { clientId: older.id, type: 'Покупка', amount: 300, at: '2026-03-01T10:00' });
    addon.call('logContact', { clientId: newer.id, type: 'Покупка', amount: 200 });
    const r = addon.call('mergeClients', newer.id, older.id) as any;
    expect(r.ok).toBe(true);
    const kept = rowWhere(wb.values(C), 'ID', newer.id)!;
    expect(kept).toMatchObject({ Покупок: 2, 'Сумма покупок': 500, Телефон: '+7 900 111-11-11' });
    expect(wb.values(C).length).toBe(2);
    expect(rowWhere(wb.values(C), 'ID', older.id)).toBeUndefined();
  });

  it('recompute counts rows people typed into the journal by hand and gives hand-typed clients an ID', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { id } = addClient(addon, { fullName: 'Петрова Анна' });
    const journal = wb.values(J);
    const width = journal[0].length;
    const row = new Array(width).fill('');
    row[col(journal, 'Когда')] = '12.03.2026';
    row[col(journal, 'ID клиента')] = id;
    row[col(journal, 'Тип')] = 'Покупка';
    row[col(journal, 'Сумма')] = 2500;
    const last = String.fromCharCode(64 + width);
    wb.paste(J, `A2:${last}2`, [row]);
    // A row written while no trigger ran (e.g. before setup installed them) has no ID yet.
    wb.model.spreadsheet.getSheetByName(C)!.getRange('A3').setValue('Ручной Клиент');
    const r = addon.call('recomputeClients') as any;
    expect(r.ok).toBe(true);
    expect(r.summary).toMatchObject({ idsAssigned: 1 });
    const card = rowWhere(wb.values(C), 'ID', id)!;
    expect(card['Сумма покупок']).toBe(2500);
    expect(card['Стадия']).toBe('Клиент');
    expect(rowWhere(wb.values(C), 'ФИО', 'Ручной Клиент')!.ID).toBe('C-000002');
  });
});

describe('cost in Spreadsheet calls', () => {
  function fill(wb: any, n: number) {
    const values = wb.values(C);
    const width = values[0].length;
    const rows = [];
    for (let i = 1; i <= n; i++) {
      const row = new Array(width).fill('');
      row[col(values, 'ФИО')] = `Клиент Номер${i}`;
      row[col(values, 'Телефон')] = `'+7900${String(i).padStart(7, '0')}`;
      row[col(values, 'ID')] = `C-${String(i).padStart(6, '0')}`;
      row[col(values, 'Стадия')] = 'Новый лид';
      rows.push(row);
    }
    const sheet = wb.model.spreadsheet.getSheetByName(C);
    if (sheet.getMaxRows() < n + 1) sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
    sheet.getRange(2, 1, n, width).setValues(rows);
  }

  it.each([1000, 100000])('addClient and logContact cost at most 6 each with %i clients', (n) => {
    const { wb, addon } = setUpWorkbook('ru');
    dropFormulaTabs(wb);
    fill(wb, n);
    addon.call('recomputeClients');
    addon.call('getFormContext');
    wb.resetCalls();
    const added = addClient(addon, { fullName: 'Новая Клиентка', phone: '+7 999 123-45-67' });
    expect(added.ok).toBe(true);
    const addCalls = spreadsheetCalls(wb.calls);
    wb.resetCalls();
    const logged = addon.call('logContact', { clientId: added.id, type: 'Покупка', amount: 100 }) as any;
    expect(logged.ok).toBe(true);
    const logCalls = spreadsheetCalls(wb.calls);
    expect(addCalls).toBeLessThanOrEqual(6);
    expect(logCalls).toBeLessThanOrEqual(6);
    console.log(`${n} clients: addClient ${addCalls} calls, logContact ${logCalls} calls`);
  });

  it.each([1000, 100000])('searchClients and checkDuplicates cost at most 8 each with %i clients', (n) => {
    const { wb, addon } = setUpWorkbook('ru');
    dropFormulaTabs(wb);
    fill(wb, n);
    addon.call('recomputeClients');
    wb.resetCalls();
    const search = addon.call('searchClients', '900 000 12') as any;
    const searchCalls = spreadsheetCalls(wb.calls);
    expect(search.hits.length).toBe(n >= 1300 ? 20 : 0);
    wb.resetCalls();
    const dup = addon.call('checkDuplicates', { fullName: 'Номер7 Клиент', phone: '+7 900 000-00-42' }) as any;
    const dupCalls = spreadsheetCalls(wb.calls);
    expect(dup.duplicates.map((d: any) => d.id)).toEqual(expect.arrayContaining(['C-000042', 'C-000007']));
    expect(searchCalls).toBeLessThanOrEqual(8);
    expect(dupCalls).toBeLessThanOrEqual(8);
    console.log(`${n} clients: searchClients ${searchCalls} calls, checkDuplicates ${dupCalls} calls`);
  });
});

describe('the nightly job', () => {
  it('recomputes totals after a night when people typed purchases into the journal by hand', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { id } = addClient(addon, { fullName: 'Петрова Анна' });
    const journal = wb.values(J);
    const row = new Array(journal[0].length).fill('');
    row[col(journal, 'Когда')] = '14.03.2026';
    row[col(journal, 'ID клиента')] = id;
    row[col(journal, 'Тип')] = 'Покупка';
    row[col(journal, 'Сумма')] = 4200;
    wb.paste(J, `A2:${String.fromCharCode(64 + row.length)}2`, [row]);
    expect(rowWhere(wb.values(C), 'ID', id)!['Сумма покупок']).toBe(0);
    wb.clock.set('2026-03-16T08:00:00');
    wb.runDueTriggers();
    const card = rowWhere(wb.values(C), 'ID', id)!;
    expect(card['Сумма покупок']).toBe(4200);
    expect(card['Частота']).toBe('Разовый');
  });
});
