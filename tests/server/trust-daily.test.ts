// The daily integrity check and restore through the built add-on: the nightly run compares the clients with the
// last snapshot, reports vanished and blanked clients with their last known data, and a menu command restores them.
import { col } from './helpers';
import { addClients, clinic } from './trustWorld';

const C = 'Клиенты';

function nextNight(c: ReturnType<typeof clinic>, day: string) {
  c.wb.clock.set(`${day}T04:00:00`);
  return c.wb.runDueTriggers();
}

describe('the daily integrity check', () => {
  it('keeps a hidden, locked snapshot; reports vanished and blanked clients with their last known data', () => {
    const c = clinic();
    const ids = addClients(c, [
      { fullName: 'Петрова Анна', phone: '+7 912 345-67-89', notes: 'аллергия на лидокаин' },
      { fullName: 'Иванов Пётр', email: 'petr@mail.test' },
      { fullName: 'Сидорова Мария', phone: '+7 903 111-22-33' },
      { fullName: 'Кузнецов Олег' },
    ]);
    c.call('logContact', { clientId: ids[0], type: 'Покупка', amount: 2500 });
    expect(nextNight(c, '2026-03-16').map((f: any) => f.handler)).toContain('nightly');
    const first = c.call('checkIntegrity');
    expect(first.report).toMatchObject({ clients: 4, vanishedCount: 0, blankedCount: 0 });
    const snapshot = c.wb.model.spreadsheet.getSheetByName('Снимок базы')!;
    expect(snapshot.isSheetHidden()).toBe(true);
    // A leaving manager deletes two rows and blanks a third.
    c.wb.as('boris@clinic.test');
    c.wb.deleteRows(C, c.rowOf(ids[0]), 1);
    c.wb.deleteRows(C, c.rowOf(ids[1]), 1);
    const row = c.rowOf(ids[2]);
    c.wb.edit(C, c.a1(C, 'ФИО', row), '');
    c.wb.edit(C, c.a1(C, 'Телефон', row), '');
    expect(() => c.wb.edit('Снимок базы', 'B2', 'x')).toThrow(/protected/);
    c.wb.as('anna@clinic.test');
    nextNight(c, '2026-03-17');
    const r = c.call('checkIntegrity');
    expect(r.report.vanished.map((v: any) => [v.id, v.fullName, v.phone])).toEqual([
      [ids[0], 'Петрова Анна', '+7 912 345-67-89'],
      [ids[1], 'Иванов Пётр', ''],
    ]);
    expect(r.report.blanked.map((b: any) => [b.id, b.fullName])).toEqual([[ids[2], 'Сидорова Мария']]);
    expect(r.message).toMatch(new RegExp(`Пропали клиенты \\(2\\): ${ids[0]} Петрова Анна, ${ids[1]} Иванов Пётр`));
    expect(r.message).toMatch(/стёрты имя или контакты \(1\): .*Сидорова Мария/);
    // Restore brings the vanished back with their card and totals.
    const restored = c.call('restoreClients');
    expect(restored.restored).toEqual([ids[0], ids[1]]);
    const back = c.rowOf(ids[0]);
    expect(c.cell(C, 'ФИО', back)).toBe('Петрова Анна');
    expect(c.cell(C, 'Заметки и предупреждения', back)).toBe('аллергия на лидокаин');
    expect(c.cell(C, 'Сумма покупок', back)).toBe(2500);
    expect(c.call('checkIntegrity').report.vanishedCount).toBe(0);
  });

  it('the morning digest carries the check’s findings as their own section', () => {
    // Yesterday's check keeps the snapshot; a client deleted since is reported by the next morning's run.
    const c = clinic('ru', { now: '2026-03-14T09:00:00' });
    const ids = addClients(c, [{ fullName: 'Петрова Анна', phone: '+7 912 345-67-89' }, { fullName: 'Иванов Пётр' }]);
    c.call('checkIntegrity');
    c.wb.deleteRows(C, c.rowOf(ids[0]), 1);
    expect(c.call('saveReminderSettings', { recipients: ['team@clinic.test'] }).ok).toBe(true);
    c.wb.clock.set('2026-03-15T09:00:00');
    expect(c.call('runDailyJob').ok).toBe(true);
    const digest = c.wb.outbox.find((m: any) => m.to === 'team@clinic.test');
    expect(digest?.body).toMatch(/ПРОВЕРКА БАЗЫ/);
    expect(digest?.body).toMatch(new RegExp(`Пропали клиенты \\(1\\): ${ids[0]} Петрова Анна`));
  });

  it('a merge is not reported as a vanished client', () => {
    const c = clinic();
    const [keep, drop] = addClients(c, [{ fullName: 'Петрова Анна' }, { fullName: 'Петрова Анна Сергеевна' }]);
    c.call('checkIntegrity');
    expect(c.call('mergeClients', keep, drop).ok).toBe(true);
    expect(c.call('checkIntegrity').report.vanishedCount).toBe(0);
  });

  it('warns when this account’s edit triggers are gone', () => {
    const c = clinic();
    addClients(c, [{ fullName: 'Петрова Анна' }]);
    c.call('dropTriggers_', ['onEditInstalled']);
    expect(c.call('checkIntegrity').message).toMatch(/Триггеры правок не установлены/);
  });

  it('the snapshot fits a hundred thousand clients: one row each, the card in one cell', () => {
    const c = clinic();
    addClients(c, [{ fullName: 'Петрова Анна', notes: 'я'.repeat(50_000) }]);
    c.call('checkIntegrity');
    const snap = c.values('Снимок базы');
    expect(snap).toHaveLength(2);
    expect(String(snap[1][col(snap, 'Карточка')]).length).toBeLessThan(50_000);
  });
});
