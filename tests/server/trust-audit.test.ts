// The audit log through the built add-on: every write the add-on makes and the edits people make by hand, appended
// in one block per run, each entry chained to the one above so a deleted or altered entry is found.
import { col } from './helpers';
import { addClients, auditRows, clinic, letter } from './trustWorld';

const C = 'Клиенты';
const A = 'Аудит';

describe('the audit log', () => {
  it('records who, when, what, which client, which field, before → after, for the add-on’s writes and hand edits', () => {
    const c = clinic();
    const [id] = addClients(c, [{ fullName: 'Петрова Анна', phone: '+7 912 345-67-89' }]);
    c.wb.as('boris@clinic.test');
    c.call('updateClient', id, { phone: '+7 912 000-00-01' });
    c.call('logContact', { clientId: id, type: 'Покупка', amount: 1200 });
    c.wb.edit(C, c.a1(C, 'Адрес', 2), 'ул. Мира, 5');
    c.wb.edit(C, c.a1(C, 'Адрес', 2), 'ул. Мира, 7');
    c.wb.paste(C, c.a1(C, 'Компания', 2), [['ООО «Ромашка»']]);
    c.wb.deleteRows('Журнал', 2, 1);
    c.wb.as('anna@clinic.test');
    const rows = auditRows(c);
    const find = (o: Record<string, unknown>) => rows.find((r) => Object.entries(o).every(([k, v]) => r[k] === v));
    expect(find({ Действие: 'addClient', 'ID клиента': id, Кто: 'anna@clinic.test' })?.Стало).toMatch(
      /fullName: Петрова Анна/,
    );
    expect(find({ Действие: 'updateClient', Поле: 'phone' })).toMatchObject({
      Кто: 'boris@clinic.test',
      'ID клиента': id,
      Было: '+7 912 345-67-89',
      Стало: '+7 912 000-00-01',
    });
    expect(find({ Действие: 'logContact', Вкладка: 'Журнал' })?.Стало).toMatch(/amount: 1200/);
    expect(find({ Действие: 'logContact', Поле: 'totalSpent' })).toMatchObject({ Было: '0', Стало: '1200' });
    expect(find({ Действие: 'правка вручную', Стало: 'ул. Мира, 7' })).toMatchObject({
      Кто: 'boris@clinic.test',
      Было: 'ул. Мира, 5',
      Поле: 'address',
      'ID клиента': id,
      Строка: 2,
    });
    expect(find({ Действие: 'вставка вручную', Поле: 'company' })?.Стало).toBe('ООО «Ромашка»');
    expect(find({ Действие: 'удалены строки вручную', Поле: 'REMOVE_ROW' })).toMatchObject({
      Кто: 'boris@clinic.test',
    });
    expect(rows.map((r) => r['№'])).toEqual(rows.map((_, i) => i + 1));
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(String(r['Контрольная сумма'])))).toBe(true);
    expect(rows.every((r) => /^2026-03-15 \d\d:\d\d:\d\d$/.test(String(r.Когда)))).toBe(true);
  });

  it('is written in one block per run, and a save costs no Spreadsheet call for it', () => {
    const c = clinic();
    const [id] = addClients(c, [{ fullName: 'Петрова Анна' }]);
    c.call('verifyAudit');
    for (let i = 0; i < 5; i++) c.call('updateClient', id, { notes: `заметка ${i}` });
    expect(c.wb.calls['Range.setValues'] ?? 0).toBeGreaterThan(0);
    c.wb.resetCalls();
    c.call('updateClient', id, { notes: 'ещё' });
    const audited = c.wb.values(A).length;
    expect(Object.keys(c.wb.calls).some((k) => k.startsWith('Sheet.') && c.wb.calls[k] > 3)).toBe(false);
    c.wb.resetCalls();
    c.call('verifyAudit');
    expect(c.wb.values(A).length).toBe(audited + 6);
    expect(c.wb.calls['Range.setValues']).toBe(1);
  });

  it('is locked for real: a teammate cannot edit it by hand', () => {
    const c = clinic();
    addClients(c, [{ fullName: 'Петрова Анна' }]);
    c.call('verifyAudit');
    c.wb.as('boris@clinic.test');
    expect(() => c.wb.edit(A, 'J2', 'подделка')).toThrow(/protected/);
  });

  it('finds an altered entry, a deleted one and deleted last ones, and says which rows', () => {
    const c = clinic();
    const [id] = addClients(c, [{ fullName: 'Петрова Анна' }]);
    for (let i = 0; i < 6; i++) c.call('updateClient', id, { notes: `заметка ${i}` });
    expect(c.call('verifyAudit')).toMatchObject({ ok: true, intact: true });
    // The owner may edit the locked tab; with the triggers gone, not even the edit itself is on record.
    c.call('dropTriggers_', ['onEditInstalled', 'onChangeInstalled']);
    const v = c.values(A);
    const after = `${letter(col(v, 'Стало') + 1)}4`;
    c.wb.edit(A, after, 'другое');
    let r = c.call('verifyAudit');
    expect(r.intact).toBe(false);
    expect(r.message).toMatch(/запись в строке 4 изменена/);
    c.wb.edit(A, after, String(v[3][col(v, 'Стало')]));
    c.wb.deleteRows(A, 6, 1);
    r = c.call('verifyAudit');
    expect(r.message).toMatch(/удалены записи перед строкой 6/);
    c.wb.deleteRows(A, c.wb.values(A).length - 1, 2);
    r = c.call('verifyAudit');
    expect(r.message).toMatch(/удалены последние записи/);
  });
});
