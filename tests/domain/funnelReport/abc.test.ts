// ABC classes of clients by revenue (src/domain/funnelReport/abc.ts).
import { abcClasses } from '../../../src/domain/funnelReport/abc';
import { seeded } from '../reminders/random';

describe('ABC classes by revenue', () => {
  it('A brings the first 80% of revenue, B the next 15%, C the rest; no revenue, no class', () => {
    // Total 1000: 500 and 300 reach 80% (A); 100 and 50 the next 15% (B); the small ones are C.
    expect(abcClasses([50, 500, 0, 30, 300, 100, 20, '', 'n/a', -5])).toEqual([
      'B',
      'A',
      '',
      'C',
      'A',
      'B',
      'C',
      '',
      '',
      '',
    ]);
  });

  it('the top client is A even when it alone brings more than 80%', () => {
    expect(abcClasses([9000, 500, 400, 100])).toEqual(['A', 'B', 'C', 'C']);
  });

  it('equal revenues share a class, whatever the row order', () => {
    expect(abcClasses([100, 100, 100, 100, 100])).toEqual(['A', 'A', 'A', 'A', 'A']);
    const r = seeded(5);
    for (let run = 0; run < 50; run++) {
      const revenues = Array.from({ length: 40 }, () => (r.chance(0.2) ? 0 : r.pick([100, 250, 999.99, 3000, 12000])));
      const classes = abcClasses(revenues);
      const shuffled = revenues.map((v, i) => ({ v, i })).sort(() => r.next() - 0.5);
      const again = abcClasses(shuffled.map((x) => x.v));
      shuffled.forEach((x, k) => {
        expect(again[k]).toBe(classes[x.i]);
      });
      const byValue = new Map<number, string>();
      revenues.forEach((v, i) => {
        expect(byValue.get(v) ?? classes[i]).toBe(classes[i]);
        byValue.set(v, classes[i]);
      });
      // A class never goes up as revenue goes down.
      const sorted = revenues.map((v, i) => [v, classes[i]] as const).filter(([v]) => v > 0);
      sorted.sort((a, b) => b[0] - a[0]);
      const rank = { A: 0, B: 1, C: 2, '': 3 };
      for (let k = 1; k < sorted.length; k++) expect(rank[sorted[k][1]]).toBeGreaterThanOrEqual(rank[sorted[k - 1][1]]);
    }
  });

  it('money amounts with cents are compared exactly', () => {
    // The first two bring exactly 80% of 1000.00: the third is B.
    expect(abcClasses([0.1, 400.1, 399.9, 199.9])).toEqual(['C', 'A', 'A', 'B']);
  });
});
