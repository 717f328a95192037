// The merge policy: which field wins, which texts are joined, which dates keep the earliest, and the record kept.
import { CLIENT_FIELDS } from '../../src/domain/fields';
import { cardSnapshot, mergePlan } from '../../src/domain/merge';

describe('mergePlan', () => {
  const keep = {
    id: 'C-000001',
    fullName: 'Петрова Анна',
    phone: '+79123456789',
    notes: 'аллергия на лидокаин',
    createdOn: '2026-02-01',
    firstContactOn: '2026-02-03',
    totalSpent: 100,
    email: '',
  };
  const drop = {
    id: 'C-000002',
    fullName: 'Петрова Анна Сергеевна',
    phone: '+79990000000',
    email: 'anna@mail.ru',
    notes: 'любит утро',
    createdOn: '2025-12-24',
    firstContactOn: '2026-03-01',
    totalSpent: 700,
  };
  const plan = mergePlan(CLIENT_FIELDS, keep, drop, 'ru');

  it('moves over what only the removed card has', () => {
    expect(plan.patch.email).toBe('anna@mail.ru');
  });

  it('joins notes, one per line', () => {
    expect(plan.patch.notes).toBe('аллергия на лидокаин\nлюбит утро');
  });

  it('keeps the earlier of two milestone dates', () => {
    expect(plan.patch.createdOn).toBe('2025-12-24');
    expect('firstContactOn' in plan.patch).toBe(false);
  });

  it('keeps the kept card on a conflict and lists the removed value', () => {
    expect('phone' in plan.patch).toBe(false);
    expect(plan.overruled).toEqual(['ФИО: Петрова Анна Сергеевна', 'Телефон: +79990000000']);
  });

  it('never merges computed fields: totals come from the joined journal', () => {
    expect('totalSpent' in plan.patch).toBe(false);
    expect('id' in plan.patch).toBe(false);
  });

  it('records every filled field of the removed card, in the other language too', () => {
    expect(cardSnapshot(CLIENT_FIELDS, drop, 'en')).toBe(
      'Full name: Петрова Анна Сергеевна; Phone: +79990000000; Email: anna@mail.ru; Total spent: 700; First contact: 2026-03-01; ID: C-000002; Notes and warnings: любит утро; Created on: 2025-12-24',
    );
  });
});
