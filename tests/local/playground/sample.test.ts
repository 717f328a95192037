// The sample clinic generator: the same seed gives the same clinic, and the clinic looks like a real one.
import { generateClinic } from '../../../local/playground/sample';

describe('generateClinic', () => {
  const today = '2026-03-15';

  it('gives the same clinic for the same seed and a different one for another seed', () => {
    const a = generateClinic({ lang: 'ru', seed: 7, today });
    const b = generateClinic({ lang: 'ru', seed: 7, today });
    const c = generateClinic({ lang: 'ru', seed: 8, today });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(c.clients.map((x) => x.fullName)).not.toEqual(a.clients.map((x) => x.fullName));
  });

  it('writes Russian clients with patronymics, +7 9xx mobiles and the clinic services', () => {
    const clinic = generateClinic({ lang: 'ru', clients: 300, seed: 1, today });
    expect(clinic.clients).toHaveLength(300);
    for (const c of clinic.clients) {
      expect(c.fullName).toMatch(/^[А-ЯЁ][а-яё]+(-[А-ЯЁ][а-яё]+)? [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+(ич|на)$/);
      expect(c.fullName).not.toMatch(/(ий(ов|ев)|[йь]ов)(ич|на)$/);
      expect(c.phone).toMatch(/^\+7 9\d\d \d{3}-\d\d-\d\d$/);
      if (c.email) expect(c.email).toMatch(/^[a-z0-9.]+@example\.(com|org|net)$/);
    }
    expect(clinic.clients.map((c) => c.fullName).join(',')).toMatch(/Дмитриевич|Дмитриевна|Сергеевич|Сергеевна/);
    const women = clinic.clients.filter((c) => /на$/.test(c.fullName));
    expect(women.every((c) => /(а|ая) /.test(c.fullName))).toBe(true);
    expect(new Set(clinic.clients.map((c) => c.phone)).size).toBe(300);
    expect(new Set(clinic.clients.map((c) => c.service))).toEqual(
      new Set(['Гигиена полости рта', 'Лечение кариеса', 'Имплантация', 'Отбеливание', 'Брекеты']),
    );
    expect(clinic.sources).toEqual(
      expect.arrayContaining(['Яндекс.Директ', 'ВКонтакте', '2ГИС', 'Сарафанное радио', 'Avito']),
    );
  });

  it('spreads clients over the funnel and keeps a year of history that never runs past today', () => {
    const clinic = generateClinic({ lang: 'ru', seed: 3, today });
    const stages = new Set(clinic.clients.map((c) => c.stage));
    expect(stages).toEqual(new Set(['new', 'contacted', 'visited', 'bought', 'lost']));
    const days = clinic.contacts.map((c) => c.at.slice(0, 10));
    expect(days.every((d) => d <= today && d >= '2025-03-15')).toBe(true);
    expect([...days].sort()).toEqual(days);
    const purchases = clinic.contacts.filter((c) => c.kind === 'purchase');
    expect(purchases.length).toBeGreaterThan(100);
    expect(purchases.every((p) => typeof p.amount === 'number' && p.amount > 0)).toBe(true);
    // Every lost lead says why, nobody else has a reason.
    expect(clinic.clients.every((c) => (c.stage === 'lost') === (c.lostReason !== ''))).toBe(true);
    // Every buyer bought at least once; nobody else did.
    clinic.clients.forEach((c, i) => {
      const bought = purchases.some((p) => p.client === i);
      expect(bought).toBe(c.stage === 'bought');
    });
    // What was said fits the kind of contact: no call notes under messages and the other way round.
    const said = (kind: string) => new Set(clinic.contacts.filter((c) => c.kind === kind).map((c) => c.summary));
    const calls = said('call');
    expect([...said('message')].filter((s) => calls.has(s))).toEqual([]);
    // A booked appointment was arranged lately, not a year ago.
    for (const c of clinic.contacts.filter((x) => x.nextDate)) {
      expect(c.at.slice(0, 10) >= '2026-03-09').toBe(true);
      expect(c.nextDate > today).toBe(true);
    }
    // Ad spend: a row per paid channel per month for twelve months.
    const months = new Set(clinic.spend.map((s) => s.month));
    expect([...months].sort()).toEqual([...months]);
    expect(months.size).toBe(12);
    expect(months.has('2026-03')).toBe(true);
    expect(clinic.spend.some((s) => s.channel === 'Сарафанное радио')).toBe(false);
  });

  it('writes an English clinic with English names and fictional 555-01xx numbers', () => {
    const clinic = generateClinic({ lang: 'en', clients: 50, seed: 1, today });
    expect(clinic.clients.every((c) => /^[A-Z][a-z]+( [A-Z]\.)? [A-Z][a-z]+$/.test(c.fullName))).toBe(true);
    expect(clinic.clients.every((c) => /^\+1 \d{3}-555-01\d\d$/.test(c.phone))).toBe(true);
    expect(clinic.services).toContain('Braces');
  });
});
