// Teammates saving at the same moment: executions interleaved at service-call boundaries under the document lock.
import { col, rowWhere, setUpWorkbook, TAB } from './helpers';

const C = TAB.ru.clients;
const J = TAB.ru.journal;

describe('concurrent saves', () => {
  it('20 interleaved addClient and 20 logContact executions from different users lose nothing', async () => {
    const { wb, addon } = setUpWorkbook('ru');
    const base = addon.call('addClient', { fullName: 'Базовая Клиентка' }) as any;
    const clientsBefore = wb.values(C);
    const runs = [];
    for (let i = 0; i < 20; i++) {
      runs.push({
        user: `reception${i % 4}@clinic.test`,
        fn: 'addClient',
        args: [
          {
            fullName: `Клиентка Номер${i}`,
            phone: `+7 900 000-00-${String(i).padStart(2, '0')}`,
            allowDuplicate: true,
          },
        ],
      });
      runs.push({
        user: `doctor${i % 3}@clinic.test`,
        fn: 'logContact',
        args: [{ clientId: base.id, type: 'Покупка', amount: 100 }],
      });
    }
    const results = (await wb.concurrently(runs, { seed: 42 })) as any[];
    const outcomes = results.map((r) => r.result ?? r);
    expect(outcomes.every((r) => r.ok === true)).toBe(true);

    const clients = wb.values(C);
    expect(clients.length).toBe(clientsBefore.length + 20);
    const ids = clients.slice(1).map((r) => r[col(clients, 'ID')]);
    expect(new Set(ids).size).toBe(21);
    // The rows that were there are untouched except the totals of the client who bought 20 times.
    const baseRow = rowWhere(clients, 'ID', base.id)!;
    expect(baseRow['Покупок']).toBe(20);
    expect(baseRow['Сумма покупок']).toBe(2000);
    expect(baseRow['ФИО']).toBe('Базовая Клиентка');
    const journal = wb.values(J);
    expect(journal.length).toBe(21);
    expect(new Set(journal.slice(1).map((r) => r[col(journal, 'Кто записал')])).size).toBe(3);
  });

  it('a save that cannot get the lock in time writes nothing and says to try again', async () => {
    const { wb, addon } = setUpWorkbook('ru');
    const before = wb.values(C);
    const lock = wb.locks;
    expect(lock).toBeDefined();
    const results = (await wb.concurrently(
      [
        { user: 'boris@clinic.test', fn: 'holdDocumentLockForTest', args: [] },
        { user: 'anna@clinic.test', fn: 'addClient', args: [{ fullName: 'Петрова Анна' }] },
      ],
      {
        seed: 1,
        extraCode:
          'function holdDocumentLockForTest() { var l = LockService.getDocumentLock(); l.waitLock(1000); Utilities.sleep(20000); l.releaseLock(); }',
      },
    )) as any[];
    const added = results[1].result ?? results[1];
    expect(added.ok).toBe(false);
    expect(added.retryable).toBe(true);
    expect(added.errors._).toMatch(/попробуйте ещё раз/);
    expect(wb.values(C)).toEqual(before);
    void addon;
  });
});
