// Recompute from the journal (menu and nightly): hand-typed amounts read as logging reads them, rules changes
// reach every card, and the cost stays a few reads of the columns it needs.
import { col, rowWhere, setUpWorkbook, TAB } from './helpers';

const C = TAB.ru.clients;
const J = TAB.ru.journal;

/** A journal row typed by a person (paste), as header → value. */
function typeIntoJournal(wb: any, values: Record<string, unknown>) {
  const journal = wb.values(J);
  const row = new Array(journal[0].length).fill('');
  for (const [header, value] of Object.entries(values)) row[col(journal, header)] = value;
  const at = journal.length + 1;
  wb.paste(J, `A${at}:${String.fromCharCode(64 + row.length)}${at}`, [row]);
}

describe('recompute', () => {
  it("reads amounts kept as text in the journal as logging a contact reads them: '1 500,50 ₽ and '1,500", () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { id } = addon.call('addClient', { fullName: 'Петрова Анна' }) as any;
    typeIntoJournal(wb, { Когда: '10.03.2026', 'ID клиента': id, Тип: 'Покупка', Сумма: "'1 500,50 ₽" });
    typeIntoJournal(wb, { Когда: '11.03.2026', 'ID клиента': id, Тип: 'Покупка', Сумма: "'1,500" });
    const amounts = wb
      .values(J)
      .slice(1)
      .map((r: unknown[]) => r[col(wb.values(J), 'Сумма')]);
    expect(amounts).toEqual(['1 500,50 ₽', '1,500']);
    expect((addon.call('recomputeClients') as any).ok).toBe(true);
    const card = rowWhere(wb.values(C), 'ID', id)!;
    expect(card['Покупок']).toBe(2);
    expect(card['Сумма покупок']).toBe(3000.5);
    const shown = (addon.call('getClientCard', id) as any).card.journal.map((e: any) => e.amount);
    expect(shown).toEqual([1500, 1500.5]);
  });

  it('rewrites every frequency after the "regular" threshold changes in Settings', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { id } = addon.call('addClient', { fullName: 'Петрова Анна' }) as any;
    addon.call('logContact', { clientId: id, type: 'Покупка', amount: 100 });
    addon.call('logContact', { clientId: id, type: 'Покупка', amount: 100 });
    addon.call('recomputeClients');
    expect(rowWhere(wb.values(C), 'ID', id)!['Частота']).toBe('Редкий');
    expect((addon.call('updateSettings', { values: { regularPurchases: 2 } }) as any).ok).toBe(true);
    const r = addon.call('recomputeClients') as any;
    expect(r.summary.changed).toBe(1);
    expect(rowWhere(wb.values(C), 'ID', id)!['Частота']).toBe('Постоянный');
  });

  it('backfills first dates from the journal and writes nothing on a second run', () => {
    const { wb, addon } = setUpWorkbook('ru');
    const { id } = addon.call('addClient', { fullName: 'Петрова Анна' }) as any;
    typeIntoJournal(wb, { Когда: '01.02.2026', 'ID клиента': id, Тип: 'Звонок' });
    typeIntoJournal(wb, { Когда: '05.02.2026', 'ID клиента': id, Тип: 'Покупка', Сумма: 700 });
    addon.call('recomputeClients');
    const shown = wb.displayValues(C)[1];
    const values = wb.values(C);
    expect(shown[col(values, 'Первый контакт')]).toBe('01.02.2026');
    expect(shown[col(values, 'Первая покупка')]).toBe('05.02.2026');
    expect(shown[col(values, 'Стадия')]).toBe('Клиент');
    wb.resetCalls();
    const again = addon.call('recomputeClients') as any;
    expect(again.summary.changed).toBe(0);
    expect(wb.calls['Range.setValues']).toBeUndefined();
  });
});
