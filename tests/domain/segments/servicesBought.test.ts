// "Services bought", the card column segments read for "bought this service": kept by logging a contact and by the
// full recompute, the same whatever order the journal's purchases come in.
import { addService, applyFact, deriveAll, EMPTY_DERIVED, splitServices } from '../../../src/domain/derived';
import { defaultSettings } from '../../../src/domain/settings';
import { forSeeds } from '../reminders/random';

const s = defaultSettings('ru', 'ru_RU');

describe('services bought', () => {
  it('a purchase adds its service once, spelled as in Settings; contacts without a purchase add nothing', () => {
    let d = applyFact(EMPTY_DERIVED, { at: '2026-03-01', kind: 'purchase', amount: 100, item: 'имплантация' }, s);
    d = applyFact(d, { at: '2026-03-02', kind: 'visit', amount: 0, item: 'Отбеливание' }, s);
    d = applyFact(d, { at: '2026-03-03', kind: 'visit', amount: 500, item: 'Консультация' }, s);
    d = applyFact(d, { at: '2026-03-04', kind: 'purchase', amount: 0, item: 'ИМПЛАНТАЦИЯ' }, s);
    expect(d.servicesBought).toBe('Консультация; Имплантация');
    expect(splitServices(d.servicesBought)).toEqual(['Консультация', 'Имплантация']);
  });

  it('items not in Settings follow the listed ones alphabetically, a semicolon inside an item cannot split it', () => {
    expect(addService('Отбеливание', 'Зубная щётка', s)).toBe('Отбеливание; Зубная щётка');
    expect(addService('', 'Паста; мята', s)).toBe('Паста, мята');
  });

  it('the full recompute equals the incremental one in any order of the purchases', () => {
    const items = ['Консультация', 'имплантация', 'Имплантация', 'Зубная щётка', 'зубная щётка', 'Нить', ''];
    forSeeds(30, (r) => {
      const facts = Array.from({ length: 8 }, (_, i) => ({
        clientId: 'C-1',
        at: `2026-03-${String(10 + i).padStart(2, '0')}`,
        kind: r.pick(['purchase', 'visit', 'call'] as const),
        amount: r.chance(0.5) ? 100 : 0,
        item: r.pick(items),
      }));
      const shuffled = [...facts].sort(() => r.next() - 0.5);
      expect(deriveAll(shuffled, s).get('C-1')?.servicesBought).toBe(deriveAll(facts, s).get('C-1')?.servicesBought);
    });
  });
});
