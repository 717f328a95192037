// Derived card fields: purchases, total, last dates, frequency class and points, in full and incrementally.
import {
  applyFact,
  deriveAll,
  derivedRules,
  EMPTY_DERIVED,
  frequencyOf,
  isPurchase,
  sameFacts,
} from '../../src/domain/derived';
import { defaultSettings } from '../../src/domain/settings';

const s = defaultSettings('ru', 'ru_RU');

describe('derived fields', () => {
  it('a purchase is a purchase-kind contact or any contact with an amount', () => {
    expect(isPurchase({ kind: 'purchase', amount: 0 })).toBe(true);
    expect(isPurchase({ kind: 'visit', amount: 1500 })).toBe(true);
    expect(isPurchase({ kind: 'call', amount: 0 })).toBe(false);
  });

  it('classifies one-time, rare and regular by the Settings threshold', () => {
    expect(frequencyOf(0, s)).toBe('');
    expect(frequencyOf(1, s)).toBe('oneTime');
    expect(frequencyOf(2, s)).toBe('rare');
    expect(frequencyOf(3, s)).toBe('regular');
    expect(frequencyOf(3, { ...s, values: { ...s.values, regularPurchases: 5 } })).toBe('rare');
  });

  it('incremental updates equal a full recompute, whatever the order of back-dated entries', () => {
    const facts = [
      { clientId: 'C-000001', at: '2026-03-01T10:00', kind: 'call' as const, amount: 0 },
      { clientId: 'C-000001', at: '2026-03-05', kind: 'purchase' as const, amount: 1999.99 },
      { clientId: 'C-000002', at: '2026-02-01T09:00', kind: 'note' as const, amount: 0 },
      { clientId: 'C-000001', at: '2026-01-10T12:00', kind: 'visit' as const, amount: 500.01 },
    ];
    const all = deriveAll(facts, s);
    expect(all.get('C-000001')).toEqual({
      purchases: 2,
      totalSpent: 2500,
      lastContactOn: '2026-03-05',
      lastPurchaseOn: '2026-03-05',
      frequency: 'rare',
      loyaltyPoints: 125,
      servicesBought: '',
    });
    expect(all.get('C-000002')).toEqual(EMPTY_DERIVED);
    let inc = EMPTY_DERIVED;
    for (const f of [...facts].reverse().filter((f) => f.clientId === 'C-000001')) inc = applyFact(inc, f, s);
    expect(inc).toEqual(all.get('C-000001'));
  });
});

describe('what recompute compares', () => {
  it('compares the counted facts only; frequency and points follow from them and the rules', () => {
    const a = applyFact(EMPTY_DERIVED, { at: '2026-03-01', kind: 'purchase', amount: 100 }, s);
    expect(sameFacts(a, { ...a, frequency: 'regular', loyaltyPoints: 999 })).toBe(true);
    expect(sameFacts(a, { ...a, totalSpent: 101 })).toBe(false);
  });

  it('knows when the rules of frequency and points changed: threshold, percent or the labels language', () => {
    const base = derivedRules(s, 'ru');
    expect(derivedRules({ ...s, values: { ...s.values, regularPurchases: 5 } }, 'ru')).not.toBe(base);
    expect(derivedRules({ ...s, values: { ...s.values, loyaltyPercent: 7 } }, 'ru')).not.toBe(base);
    expect(derivedRules(s, 'en')).not.toBe(base);
    expect(derivedRules({ ...s, values: { ...s.values, atRiskDays: 30 } }, 'ru')).toBe(base);
  });
});
