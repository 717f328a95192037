// Journal rules: what a row's amount and type mean, first dates from facts, and the one shape of a new entry.
import { addFirstDates, factOf, journalAmount, journalEntry, kindReader } from '../../src/domain/journal';
import { parseAmount } from '../../src/domain/normalize/amount';
import { defaultSettings } from '../../src/domain/settings';
import { validateContact } from '../../src/domain/validate';

const settings = defaultSettings('ru', 'ru_RU');
const env = {
  lang: 'ru' as const,
  settings,
  timeZone: 'Europe/Moscow',
  locale: 'ru_RU',
  today: '2026-03-15',
  now: '2026-03-15T09:00',
};

describe('journalAmount', () => {
  it('reads "1 500,50 ₽" typed into the journal as 1500.5 (recompute used to read 0)', () => {
    expect(journalAmount('1 500,50 ₽')).toBe(1500.5);
  });

  it('reads "1,500" (typed as \'1,500, a text cell) as 1500 (recompute used to read 1.5)', () => {
    expect(journalAmount('1,500')).toBe(1500);
  });

  it('takes number cells as they are and reads blanks and words as no amount', () => {
    expect(journalAmount(2500)).toBe(2500);
    expect(journalAmount('')).toBe(0);
    expect(journalAmount(null)).toBe(0);
    expect(journalAmount('бесплатно')).toBe(0);
    expect(journalAmount('-500')).toBe(-500);
  });

  it.each(['1 500,50 ₽', '1,500', '$1,500.50', '1.500,50', '12 500', "1'500", '700', '0,5', '1500,-'])(
    'reads %p exactly as logging a contact reads it',
    (typed) => {
      const logged = validateContact({ clientId: 'C-000001', type: 'Покупка', amount: typed }, env);
      expect(logged.ok).toBe(true);
      if (logged.ok) expect(journalAmount(typed)).toBe(logged.values.amount);
      expect(journalAmount(typed)).toBe((parseAmount(typed) as { value: number }).value);
    },
  );
});

describe('facts of journal rows', () => {
  it('knows the kind of a type label (memoised) and the amount of the row', () => {
    const kindOf = kindReader(settings);
    expect(factOf({ at: '2026-03-01T10:00', type: 'Покупка', amount: '1 000' }, kindOf)).toEqual({
      at: '2026-03-01T10:00',
      kind: 'purchase',
      amount: 1000,
      item: '',
    });
    expect(factOf({ at: '2026-03-01', type: 'звонок', amount: '' }, kindOf).kind).toBe('call');
    expect(factOf({ at: '2026-03-01', type: 'Что-то своё', amount: '' }, kindOf).kind).toBeUndefined();
  });

  it('keeps the earliest contact (notes do not count) and the earliest purchase, in any order', () => {
    const facts = [
      { at: '2026-03-05T10:00', kind: 'purchase' as const, amount: 100 },
      { at: '2026-01-02', kind: 'note' as const, amount: 0 },
      { at: '2026-02-10T09:00', kind: 'call' as const, amount: 0 },
      { at: '2026-04-01', kind: 'visit' as const, amount: 300 },
    ];
    const forward = facts.reduce(addFirstDates, undefined as never);
    const backward = [...facts].reverse().reduce(addFirstDates, undefined as never);
    expect(forward).toEqual({ contact: '2026-02-10', purchase: '2026-03-05' });
    expect(backward).toEqual(forward);
  });
});

describe('journalEntry', () => {
  it('fills every field it is not given with a blank', () => {
    expect(journalEntry({ at: '2026-03-15T09:00', clientId: 'C-000001', type: 'Заметка', summary: 'x' })).toEqual({
      at: '2026-03-15T09:00',
      clientId: 'C-000001',
      clientName: '',
      type: 'Заметка',
      summary: 'x',
      item: '',
      amount: '',
      source: '',
      by: '',
      nextStep: '',
      nextStepOn: '',
    });
  });
});
