// Issue 15's numbered cases, each as a person or a hostile editor would do it (the emulator's person actions, then
// the add-on's entries), through the built add-on: what used to go wrong now stops, says why, and changes nothing.
import { col } from './helpers';
import { addClients, type Clinic, clinic, letter, sheetState } from './trustWorld';

const C = 'Клиенты';
const J = 'Журнал';
const S = 'Настройки';

function twoClients(c: Clinic) {
  const [a, b] = addClients(c, [
    { fullName: 'Петрова Анна Сергеевна', phone: '+7 912 345-67-89', email: 'anna@mail.test' },
    { fullName: 'Иванов Пётр', phone: '+7 903 111-22-33' },
  ]);
  return { a, b };
}

const purchase = (c: Clinic, clientId: string, amount: unknown, extra: Record<string, unknown> = {}) =>
  c.call('logContact', { clientId, type: 'Покупка', amount, ...extra });

describe('1. a duplicated client ID', () => {
  it('a pasted copy of a row: every write for that ID stops naming both rows, recompute reports it, nothing is written', () => {
    const c = clinic();
    const { a } = twoClients(c);
    expect(purchase(c, a, 1000).ok).toBe(true);
    const row = c.rowOf(a);
    const copy = [...c.values(C)[row - 1]];
    copy[col(c.values(C), 'ФИО')] = 'Сидорова Мария';
    c.wb.paste(C, 'A4', [copy]);
    const before = sheetState(c);
    for (const r of [
      purchase(c, a, 500),
      c.call('updateClient', a, { notes: 'новая заметка' }),
      c.call('getClientCard', a),
    ]) {
      expect(r.ok).toBe(false);
      expect(r.errors._).toMatch(new RegExp(`ID ${a}.*строки 2, 4`));
    }
    expect(sheetState(c)).toEqual(before);
    // The owner merging is stopped too: it would move the wrong history and delete the wrong row.
    const merge = c.call('mergeClients', addClients(c, [{ fullName: 'Третий Клиент' }])[0], a);
    expect(merge.ok).toBe(false);
    expect(merge.errors._).toMatch(/строки 2, 4/);
    const recompute = c.call('recomputeClients');
    expect(recompute.ok).toBe(true);
    expect(recompute.summary.duplicateIds).toEqual([{ id: a, rows: [2, 4] }]);
    expect(recompute.message).toMatch(new RegExp(`Повторяющиеся ID.*${a} \\(2, 4\\)`));
    // Neither row got the other's total.
    expect(c.cell(C, 'Сумма покупок', 2)).toBe(1000);
    // A note on the pasted ID cell says what is wrong.
    const sheet = c.wb.model.spreadsheet.getSheetByName(C)!;
    expect(sheet.getRange(c.a1(C, 'ID', 4)).getNote()).toMatch(new RegExp(`${a}.*строке 2`));
  });

  it('an ID typed into another row: the writes stop, and once the copy is cleared they go on', () => {
    const c = clinic();
    const { a, b } = twoClients(c);
    c.wb.edit(C, c.a1(C, 'ID', c.rowOf(b)), a);
    const r = c.call('updateClient', a, { notes: 'x' });
    expect(r.ok).toBe(false);
    expect(r.errors._).toMatch(/строки 2, 3/);
    c.wb.edit(C, c.a1(C, 'ID', 3), '');
    expect(c.call('updateClient', a, { notes: 'x' }).ok).toBe(true);
  });
});

describe('2. the ID column of Clients deleted', () => {
  it('addClient and the nightly run stop with a repair hint; setup puts the column and the IDs back', () => {
    const c = clinic();
    const { a, b } = twoClients(c);
    purchase(c, a, 1500);
    const ids = c.values(C).map((r) => r[col(c.values(C), 'ID')]);
    const idColumn = col(c.values(C), 'ID') + 1;
    c.wb.deleteColumns(C, idColumn, 1);
    const before = sheetState(c);
    const added = c.call('addClient', { fullName: 'Новая Клиентка' });
    expect(added.ok).toBe(false);
    expect(added.errors._).toMatch(/пропал столбец «ID».*Ctrl\+Z.*Настроить \/ восстановить базу/);
    c.call('nightly');
    expect(c.call('recomputeClients').ok).toBe(false);
    expect(sheetState(c)).toEqual(before);
    const setup = c.call('setupDatabase');
    expect(setup.ok).toBe(true);
    expect(setup.message).toMatch(/ID возвращены строкам.*2/);
    const after = c.values(C);
    expect(col(after, 'ID') + 1).toBe(idColumn);
    expect(after.map((r) => r[col(after, 'ID')])).toEqual(ids);
    const recompute = c.call('recomputeClients');
    expect(recompute.summary).toMatchObject({ unknownClientRows: 0, idsAssigned: 0 });
    expect(c.cell(C, 'Сумма покупок', c.rowOf(a))).toBe(1500);
    expect(c.rowOf(b)).toBe(3);
  });
});

describe('3. a required column of the Journal deleted', () => {
  it.each(['ID клиента', 'Сумма'])(
    'without "%s" logContact and recompute stop and change nothing; setup repairs',
    (header) => {
      const c = clinic();
      const { a } = twoClients(c);
      purchase(c, a, 700);
      c.wb.deleteColumns(J, col(c.values(J), header) + 1, 1);
      const before = sheetState(c);
      const logged = purchase(c, a, 300);
      expect(logged.ok).toBe(false);
      expect(logged.errors._).toMatch(new RegExp(`вкладке «Журнал» пропал столбец «${header}»`));
      expect(c.call('recomputeClients').ok).toBe(false);
      c.call('nightly');
      expect(sheetState(c)).toEqual(before);
      expect(c.call('setupDatabase').ok).toBe(true);
      expect(c.values(J)[0]).toContain(header);
      expect(purchase(c, a, 300).ok).toBe(true);
    },
  );
});

describe('4. tiny amounts', () => {
  it.each(['0.0000001', 1e-7])('%s is refused with a reason; the next purchase adds up to a number', (amount) => {
    const c = clinic();
    const { a } = twoClients(c);
    const before = sheetState(c);
    const r = purchase(c, a, amount);
    expect(r.ok).toBe(false);
    expect(r.errors.amount).toMatch(/меньше копейки/);
    expect(sheetState(c)).toEqual(before);
    expect(purchase(c, a, '1 500,50').totals.totalSpent).toBe(1500.5);
    expect(c.cell(C, 'Сумма покупок', c.rowOf(a))).toBe(1500.5);
  });
});

describe('5. row 1 deleted', () => {
  it('Clients: reads and writes stop instead of losing the first client; setup puts the headers back', () => {
    const c = clinic();
    const { a } = twoClients(c);
    c.wb.deleteRows(C, 1, 1);
    const card = c.call('getClientCard', a);
    expect(card.ok).toBe(false);
    expect(card.errors._).toMatch(/пропала строка заголовков/);
    expect(c.call('recomputeClients').ok).toBe(false);
    expect(c.call('setupDatabase').ok).toBe(true);
    expect(c.values(C)[0]).toEqual(expect.arrayContaining(['ФИО', 'ID', 'Телефон']));
    expect(c.call('getClientCard', a).card.client.fullName).toBe('Петрова Анна Сергеевна');
  });

  it('Journal: recompute stops rather than drop the first entry; after setup it counts it', () => {
    const c = clinic();
    const { a } = twoClients(c);
    purchase(c, a, 400);
    purchase(c, a, 600);
    c.wb.deleteRows(J, 1, 1);
    expect(c.call('recomputeClients').ok).toBe(false);
    expect(c.call('setupDatabase').ok).toBe(true);
    expect(c.call('recomputeClients').ok).toBe(true);
    expect(c.cell(C, 'Сумма покупок', c.rowOf(a))).toBe(1000);
  });
});

describe('6. a very long Settings list', () => {
  it('1,200 items are refused before anything is written; 450 fit and are saved whole', () => {
    const c = clinic();
    const before = sheetState(c);
    const many = Array.from({ length: 1200 }, (_, i) => `Услуга ${i + 1}`);
    const r = c.call('updateSettings', { lists: { services: many, channels: ['Сайт'] } });
    expect(r.ok).toBe(false);
    expect(r.errors.services).toMatch(/не больше 500 строк \(сейчас 1200\)/);
    expect(sheetState(c)).toEqual(before);
    const fit = Array.from({ length: 450 }, (_, i) => `Услуга ${i + 1}`);
    expect(c.call('updateSettings', { lists: { services: fit } }).ok).toBe(true);
    expect(c.call('getSettings').settings.lists.services).toEqual(fit);
  });
});

describe('7. the change trigger missing', () => {
  it('a column inserted after ID: logging a next step does not overwrite the person’s new column', () => {
    const c = clinic();
    const { a } = twoClients(c);
    c.call('dropTriggers_', ['onChangeInstalled', 'onEditInstalled']);
    const id = col(c.values(C), 'ID') + 1;
    c.wb.insertColumns(C, id + 1, 1);
    c.wb.edit(C, `${letter(id + 1)}1`, 'Мой столбец');
    c.wb.edit(C, `${letter(id + 1)}2`, 'моё');
    const r = c.call('logContact', { clientId: a, type: 'Звонок', nextStep: 'Перезвонить', nextStepOn: '20.03.2026' });
    expect(r.ok).toBe(true);
    expect(c.cell(C, 'Мой столбец', 2)).toBe('моё');
    expect(c.cell(C, 'Следующий шаг', 2)).toBe('Перезвонить');
  });

  it('the Clients and Journal tab names swapped: a contact still lands in the journal, not as a junk client', () => {
    const c = clinic();
    const { a } = twoClients(c);
    c.call('dropTriggers_', ['onChangeInstalled', 'onEditInstalled']);
    c.wb.renameSheet(C, 'tmp');
    c.wb.renameSheet(J, C);
    c.wb.renameSheet('tmp', J);
    const clientsBefore = c.values(J); // the Clients tab now named "Журнал"
    const r = purchase(c, a, 900);
    expect(r.ok).toBe(true);
    expect(c.values(J)).toHaveLength(clientsBefore.length);
    const journal = c.values(C);
    expect(journal[journal.length - 1][col(journal, 'ID клиента')]).toBe(a);
  });
});

describe('8. the Settings tab cleared', () => {
  it('a change says what is wrong instead of "saved", and writes nothing', () => {
    const c = clinic();
    // The owner selects the whole tab and presses Delete.
    const blank = c.values(S).map((r) => r.map(() => ''));
    c.wb.paste(S, 'A1', blank, { valuesOnly: true });
    const before = sheetState(c);
    const r = c.call('updateSettings', { values: { currency: 'EUR' } });
    expect(r.ok).toBe(false);
    expect(r.errors._).toMatch(/потеряла списки или значения — ничего не сохранено/);
    expect(sheetState(c)).toEqual(before);
  });
});

describe('9. entries that destroy or reconfigure data', () => {
  it('an editor gets a clear refusal for settings, merge, setup, restore and the audit; an admin may', () => {
    const c = clinic();
    const { a, b } = twoClients(c);
    c.wb.as('boris@clinic.test');
    const before = sheetState(c);
    const refused = [
      c.call('updateSettings', { lists: { contactTypes: [{ label: 'Звонок', kind: 'call' }] } }),
      c.call('mergeClients', a, b),
      c.call('setupDatabase'),
      c.call('restoreClients'),
      c.call('verifyAudit'),
      c.call('checkIntegrity'),
    ];
    for (const r of refused) {
      expect(r.ok).toBe(false);
      expect(r.errors._).toMatch(/только владелец таблицы \(anna@clinic\.test\) или администратор.*Ничего не изменено/);
    }
    expect(sheetState(c)).toEqual(before);
    // The Settings tab is locked for real: Sheets refuses Boris's hand edit.
    expect(() => c.wb.edit(S, 'B2', 'USD')).toThrow(/protected/);
    c.wb.as('anna@clinic.test');
    expect(c.call('updateSettings', { lists: { admins: ['boris@clinic.test'] } }).ok).toBe(true);
    c.wb.as('boris@clinic.test');
    expect(c.call('mergeClients', a, b).ok).toBe(true);
    c.wb.edit(S, 'B2', 'USD');
  });

  it('updateClient, updateSettings, setup, recompute and hand edits leave who did what in the audit log', () => {
    const c = clinic();
    const { a } = twoClients(c);
    c.wb.as('boris@clinic.test');
    c.call('updateClient', a, { notes: 'аллергия на лидокаин' });
    c.wb.edit(C, c.a1(C, 'Адрес', 2), 'ул. Ленина, 1');
    c.call('recomputeClients');
    c.wb.as('anna@clinic.test');
    c.call('updateSettings', { values: { currency: 'EUR' } });
    // Setup that repairs something (the ID column deleted by hand) is on record with what it wrote back.
    c.wb.deleteColumns(C, col(c.values(C), 'ID') + 1, 1);
    c.call('setupDatabase');
    const log = c.call('verifyAudit');
    expect(log).toMatchObject({ ok: true, intact: true });
    const v = c.values('Аудит');
    const rows = v.slice(1).map((r) => Object.fromEntries(v[0].map((h, i) => [String(h), r[i]])));
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Кто: 'boris@clinic.test',
          Действие: 'updateClient',
          'ID клиента': a,
          Поле: 'notes',
          Было: '',
          Стало: 'аллергия на лидокаин',
        }),
        expect.objectContaining({
          Кто: 'boris@clinic.test',
          Действие: 'правка вручную',
          Стало: 'ул. Ленина, 1',
          'ID клиента': a,
        }),
        expect.objectContaining({
          Кто: 'anna@clinic.test',
          Действие: 'updateSettings',
          Поле: 'currency',
          Стало: 'EUR',
        }),
        expect.objectContaining({ Кто: 'anna@clinic.test', Действие: 'setupDatabase', Поле: 'id', Стало: a }),
      ]),
    );
  });

  it('the trigger handlers called from a console with made-up events do nothing', () => {
    const c = clinic();
    twoClients(c);
    const before = sheetState(c);
    expect(() => c.call('onEditInstalled', { range: {} })).not.toThrow();
    expect(() => c.call('onEditInstalled', { range: { getSheet: 1 } })).not.toThrow();
    expect(() => c.call('onChangeInstalled', { changeType: 'REMOVE_ROW', source: {} })).not.toThrow();
    expect(sheetState(c)).toEqual(before);
  });
});

describe('10–14. hardened input', () => {
  it('10. bidi and zero-width controls are stripped from names, so a look-alike is caught as a duplicate', () => {
    const c = clinic();
    twoClients(c);
    const r = c.call('addClient', { fullName: 'Петрова\u2066 Анна\u202e Сергеевна\u200b' });
    expect(r.ok).toBe(false);
    expect(r.duplicates[0].fullName).toBe('Петрова Анна Сергеевна');
    const added = c.call('addClient', { fullName: '\u202eИгорь\u2069 Смирнов', allowDuplicate: true });
    expect(c.cell(C, 'ФИО', added.row)).toBe('Игорь Смирнов');
  });

  it('11. a payload with its own "__proto__" key (as JSON from a sidebar) is refused under that key, for every entry', () => {
    const c = clinic();
    const { a } = twoClients(c);
    const before = sheetState(c);
    const calls: Array<[string, string]> = [
      ['addClient', '[{"fullName":"Иван Петров","__proto__":{"isAdmin":true}}]'],
      ['updateClient', `["${a}",{"notes":"x","__proto__":"x"}]`],
      ['logContact', `[{"clientId":"${a}","type":"Звонок","__proto__":"x"}]`],
      ['updateSettings', '[{"values":{"currency":"EUR"},"__proto__":{"x":1}}]'],
      ['updateSettings', '[{"values":{"currency":"EUR","__proto__":"x"}}]'],
      ['updateSettings', '[{"lists":{"services":["Брекеты"],"__proto__":["x"]}}]'],
      ['saveReminderSettings', '[{"hour":10,"__proto__":"x"}]'],
    ];
    for (const [fn, args] of calls) {
      const r = c.callJson(fn, args);
      expect([fn, r.ok]).toEqual([fn, false]);
      expect([fn, Object.keys(r.errors)]).toEqual([fn, ['__proto__']]);
      expect(Object.values(r.errors)[0]).toMatch(/«__proto__»/);
    }
    // Any other key beside lists and values is refused too, not ignored.
    const other = c.callJson('updateSettings', '[{"values":{"currency":"EUR"},"currency":"EUR"}]');
    expect(other.errors.currency).toMatch(/Поле «currency» нельзя заполнить/);
    expect(sheetState(c)).toEqual(before);
    expect(c.call('getReminderSettings').reminders.settings.hour).toBe(9);
  });

  it('11. payloads with keys of Object.prototype ("constructor", "prototype", "toString") are refused under those keys', () => {
    const c = clinic();
    const before = sheetState(c);
    for (const key of ['constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      const r = c.call('addClient', { fullName: 'Иван Петров', [key]: 'x' });
      expect(r.ok).toBe(false);
      expect(Object.keys(r.errors)).toContain(key);
    }
    expect(sheetState(c)).toEqual(before);
  });

  it('12. text over its limit is an error naming the limit, never a silent cut', () => {
    const c = clinic();
    const { a } = twoClients(c);
    const before = sheetState(c);
    const notes = c.call('updateClient', a, { notes: 'я'.repeat(1_000_000) });
    expect(notes.errors.notes).toMatch(/не больше 50\s000 символов, сейчас 1\s000\s000/);
    const address = c.call('addClient', { fullName: 'Иван Петров', address: 'д'.repeat(2001) });
    expect(address.errors.address).toMatch(/не больше 2\s000 символов/);
    expect(sheetState(c)).toEqual(before);
    expect(c.call('updateClient', a, { notes: 'я'.repeat(50_000) }).ok).toBe(true);
  });

  it('13. arrays and objects where text is expected are refused: ID, list items, a 1,000,000-character item', () => {
    const c = clinic();
    const { a } = twoClients(c);
    const before = sheetState(c);
    expect(c.call('updateClient', [a], { notes: 'x' }).ok).toBe(false);
    expect(c.call('updateClient', a, { notes: ['x'] }).errors.notes).toMatch(/ожидается текст|text expected|Заметки/);
    const obj = c.call('updateSettings', { lists: { services: [{ a: 1 }] } });
    expect(obj.errors.services).toMatch(/строка 1 — не текст/);
    const huge = c.call('updateSettings', { lists: { services: ['x'.repeat(1_000_000)] } });
    expect(huge.errors.services).toMatch(/длиннее 200 символов/);
    expect(sheetState(c)).toEqual(before);
  });

  it('14. a lower-case ID is the same client for every entry', () => {
    const c = clinic();
    const { a } = twoClients(c);
    const lower = a.toLowerCase();
    expect(c.call('updateClient', lower, { notes: 'ok' }).ok).toBe(true);
    expect(c.call('getClientCard', lower).card.client.id).toBe(a);
    expect(purchase(c, lower, 100).clientId).toBe(a);
  });
});

describe('15–17. dates and amounts', () => {
  it('15. a contact at an instant keeps its time in the sheet’s zone; impossible birth dates are refused', () => {
    const c = clinic();
    const { a } = twoClients(c);
    expect(c.call('logContact', { clientId: a, type: 'Звонок', at: '2026-03-15T06:00Z' }).ok).toBe(true);
    const j = c.wb.displayValues(J);
    expect(j[j.length - 1][col(c.values(J), 'Когда')]).toBe('15.03.2026 09:00');
    expect(c.call('updateClient', a, { birthDate: '01.01.2200' }).ok).toBe(false);
    expect(c.call('updateClient', a, { birthDate: '16.03.2026' }).errors.birthDate).toMatch(/ещё не наступила/);
    expect(c.call('updateClient', a, { birthDate: '01.01.1899' }).ok).toBe(false);
    expect(c.call('updateClient', a, { birthDate: '15.03.1990' }).ok).toBe(true);
  });

  it('16. onEditInstalled({ range: {} }) from a sidebar is harmless', () => {
    const c = clinic();
    expect(c.call('onEditInstalled', { range: {} })).toBeUndefined();
  });

  it('17. journal amounts typed by hand: "abc" and "12abc" are reported and not counted; "\'1,500" reads as 1500 everywhere', () => {
    const c = clinic();
    const { a } = twoClients(c);
    purchase(c, a, 100);
    const j = c.values(J);
    const width = j[0].length;
    const row = (amount: unknown) => {
      const r = new Array(width).fill('');
      r[col(j, 'Когда')] = new Date('2026-03-14T09:00:00+03:00');
      r[col(j, 'ID клиента')] = a;
      r[col(j, 'Тип')] = 'Покупка';
      r[col(j, 'Сумма')] = amount;
      return r;
    };
    // A paste from elsewhere brings its own (no) validation: the amounts land as typed.
    c.wb.paste(J, `A${j.length + 1}`, [row('abc'), row('12abc'), row("'1,500")]);
    const r = c.call('recomputeClients');
    expect(r.summary.unreadableAmountRows).toEqual([j.length + 1, j.length + 2]);
    expect(r.message).toMatch(new RegExp(`не читаются как число.*строки ${j.length + 1}, ${j.length + 2}`));
    expect(c.cell(C, 'Сумма покупок', c.rowOf(a))).toBe(1600);
    expect(c.cell(C, 'Покупок', c.rowOf(a))).toBe(2);
    expect(purchase(c, a, "'1,500").ok).toBe(false);
    expect(purchase(c, a, '1,500').totals.totalSpent).toBe(3100);
  });
});

describe('18. a merge racing an update', () => {
  it.each([1, 2, 3, 4, 5])('the merged notes survive whichever runs first (seed %i)', async (seed) => {
    const c = clinic();
    const [keep, drop] = addClients(c, [
      { fullName: 'Петрова Анна', notes: 'старая заметка' },
      { fullName: 'Петрова Анна Сергеевна', notes: 'аллергия' },
    ]);
    const results = await c.wb.concurrently(
      [
        { fn: 'mergeClients', args: [keep, drop] },
        {
          fn: 'updateClient',
          args: [keep, { notes: 'старая заметка, позвонить', ifUnchanged: { notes: 'старая заметка' } }],
        },
      ],
      { seed },
    );
    const notes = String(c.cell(C, 'Заметки и предупреждения', c.rowOf(keep)));
    expect(notes).toMatch(/аллергия/);
    const update = results.find((r: any) => r.fn === 'updateClient') as any;
    if (update.value.ok) expect(notes).toMatch(/позвонить/);
    else expect(update.value.errors._).toMatch(/Карточку успели изменить/);
  });
});

describe('the playground observations', () => {
  it('a purchase with an empty amount asks for the amount and does not make the person a client', () => {
    const c = clinic();
    const { a } = twoClients(c);
    const before = sheetState(c);
    const r = purchase(c, a, '');
    expect(r.ok).toBe(false);
    expect(r.errors.amount).toMatch(/для покупки укажите сумму/);
    expect(sheetState(c)).toEqual(before);
  });

  it('pasted rows with an invalid email get a note, and the email rule comes back on those cells', () => {
    const c = clinic();
    twoClients(c);
    const v = c.values(C);
    const row = new Array(v[0].length).fill('');
    row[col(v, 'ФИО')] = 'Кузнецова Ольга';
    row[col(v, 'Email')] = 'olga(at)mail';
    c.wb.paste(C, 'A4', [row]);
    const sheet = c.wb.model.spreadsheet.getSheetByName(C)!;
    const cell = sheet.getRange(c.a1(C, 'Email', 4));
    expect(cell.getNote()).toMatch(/это не адрес почты/);
    expect(String(cell.getDataValidation()?.getCriteriaType())).toBe('TEXT_IS_VALID_EMAIL');
  });

  it('a pasted duplicate phone is warned about on the cell and in the audit log', () => {
    const c = clinic();
    const { a } = twoClients(c);
    const v = c.values(C);
    const row = new Array(v[0].length).fill('');
    row[col(v, 'ФИО')] = 'Совсем Другая';
    row[col(v, 'Телефон')] = '8 912 345 67 89';
    c.wb.paste(C, 'A4', [row]);
    const sheet = c.wb.model.spreadsheet.getSheetByName(C)!;
    expect(sheet.getRange(c.a1(C, 'Телефон', 4)).getNote()).toMatch(
      new RegExp(`такой же телефон у ${a} \\(строка 2\\)`),
    );
    c.call('verifyAudit');
    const audit = c.values('Аудит');
    expect(audit.some((r) => r.includes('phone') && String(r[col(audit, 'Стало')]).includes(a))).toBe(true);
  });
});
