// TextFinder patterns: every client the search ranking or the duplicate rule accepts has a cell the pattern matches
// (so Sheets' server-side search never hides a result), and a sharp query leaves most of the base out.
import { duplicateFindPattern, findDuplicates } from '../../src/domain/duplicates';
import { type FindPattern, oneEditAlternatives } from '../../src/domain/findPattern';
import { phoneMatchKey } from '../../src/domain/normalize/phone';
import { SEARCH_SCORE, searchClients, searchFindPattern, searchStrongPattern } from '../../src/domain/search';

type Client = { id: string; fullName: string; phone: string; email: string };

/** What TextFinder does: the pattern, case-insensitive, against each searched cell as shown. */
function matches(find: FindPattern | null, client: Client): boolean {
  if (!find) return false;
  const re = new RegExp(find.pattern, 'i');
  return find.fields.some((f) => re.test(String(client[f] ?? '')));
}

// A deterministic generator, so a failure names a case that can be replayed.
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}
const pick = <T>(r: () => number, list: T[]) => list[Math.floor(r() * list.length)];

const SURNAMES = ['Петрова', 'Петров', 'Семёнов', 'Иванова', 'Кузнецов', 'Римский-Корсаков', 'Smith', "O'Brien", 'Ли'];
const NAMES = ['Анна', 'Пётр', 'Мария', 'Ян', 'Ольга', 'John', 'Ана', 'Ефим'];
const PATRONYMICS = ['Сергеевна', 'Петрович', '', 'Ивановна', ''];
const PHONE_FORMS = [
  (d: string) => `+7${d}`,
  (d: string) => `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
  (d: string) => `+7 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
  (d: string) => d,
  (d: string) => `+7${d} доб. 12`,
];

function base(seed: number, n: number): Client[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const digits = `9${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
    const name = [pick(r, SURNAMES), pick(r, NAMES), pick(r, PATRONYMICS)].filter(Boolean).join(' ');
    return {
      id: r() < 0.1 ? `С-${String(i + 1).padStart(6, '0')}` : `C-${String(i + 1).padStart(6, '0')}`,
      fullName: r() < 0.2 ? name.toUpperCase() : name,
      phone: r() < 0.1 ? '' : pick(r, PHONE_FORMS)(digits),
      email: r() < 0.3 ? '' : `${pick(r, ['anna', 'petrov', 'john.smith', 'x'])}${i}@Mail.ru`,
    };
  });
}

describe('searchFindPattern', () => {
  const clients = base(7, 400);
  const queries = [
    'петр ан',
    'анна',
    'ПЕТРОВА',
    'семен',
    'Семён Пётр',
    'корс',
    'римский-корсаков',
    'smi jo',
    "o'br",
    '912 345',
    '8 912',
    '+7 9',
    '123',
    '12',
    'C-000012',
    'с-000012',
    '000012',
    'mail.ru',
    'anna1',
    'PETROV3@MAIL.RU',
    'петрова 9',
    'ли',
    'ян',
  ];
  // Plus pieces of real cells: a name word prefix, phone digits, an email fragment.
  const r = rng(11);
  for (let i = 0; i < 60; i++) {
    const c = pick(r, clients);
    const word = pick(r, c.fullName.split(/\s+/));
    queries.push(word.slice(0, 2 + Math.floor(r() * 4)));
    const digits = c.phone.replace(/\D/g, '');
    if (digits.length > 6) queries.push(digits.slice(2, 5 + Math.floor(r() * 4)));
    if (c.email) queries.push(c.email.slice(0, 4));
  }

  it.each(queries)('every client the ranking accepts for %p has a matching cell', (query) => {
    const find = searchFindPattern(query);
    const accepted = searchClients(query, clients, { limit: 10000 }).map((m) => m.client);
    for (const client of accepted)
      expect({ query, client, found: matches(find, client) }).toMatchObject({ found: true });
  });

  it.each(queries)(
    'the strong pattern finds every exact ID, phone, email and first-word name match for %p',
    (query) => {
      const strong = searchStrongPattern(query);
      for (const m of searchClients(query, clients, { limit: 10000 })) {
        if (m.score < SEARCH_SCORE.nameFirstWord) continue;
        expect({ query, client: m.client, found: matches(strong, m.client) }).toMatchObject({ found: true });
      }
    },
  );

  it('leaves most of the base out for a sharp query', () => {
    const find = searchFindPattern('C-000012');
    expect(clients.filter((c) => matches(find, c)).length).toBeLessThanOrEqual(2);
    const phone = searchFindPattern(clients[5].phone.replace(/\D/g, '').slice(-7));
    expect(clients.filter((c) => matches(phone, c)).length).toBeLessThan(5);
  });

  it('is null for an empty query', () => {
    expect(searchFindPattern('  ')).toBeNull();
  });
});

describe('duplicateFindPattern', () => {
  const clients = base(3, 400);
  const keyed = clients.map((c, row) => ({
    ...c,
    row,
    phone: phoneMatchKey(c.phone, 'RU'),
    email: c.email.toLowerCase(),
  }));

  // Candidates as people type them: another word order, one typo, a patronymic more or less, another phone format.
  function candidates(seed: number) {
    const r = rng(seed);
    const out: Array<{ fullName?: string; phone?: string; email?: string }> = [];
    for (let i = 0; i < 150; i++) {
      const c = pick(r, clients);
      let words = c.fullName.split(' ');
      if (r() < 0.5) words = [...words].reverse();
      if (r() < 0.3 && words.length === 3) words = words.slice(0, 2);
      const w = Math.floor(r() * words.length);
      const word = words[w];
      const at = Math.floor(r() * word.length);
      const edits = [
        word.slice(0, at) + word.slice(at + 1),
        `${word.slice(0, at)}x${word.slice(at + 1)}`,
        `${word.slice(0, at)}а${word.slice(at)}`,
        word.slice(0, at) + (word[at + 1] ?? '') + word[at] + word.slice(at + 2),
      ];
      if (r() < 0.7) words[w] = pick(r, edits);
      const digits = c.phone.replace(/\D/g, '').slice(-10);
      out.push({
        fullName: words.join(' '),
        phone: r() < 0.5 && digits ? pick(r, PHONE_FORMS)(digits) : undefined,
        email: r() < 0.3 && c.email ? ` ${c.email.toUpperCase()} ` : undefined,
      });
    }
    return out;
  }

  it.each([1, 2, 3])('every card the duplicate rule flags has a matching cell (candidates set %i)', (seed) => {
    for (const candidate of candidates(seed)) {
      const find = duplicateFindPattern(candidate);
      const phone = candidate.phone ? phoneMatchKey(candidate.phone, 'RU') : '';
      for (const d of findDuplicates({ ...candidate, phone }, keyed, { limit: 10000 })) {
        const raw = clients[d.row];
        expect({ candidate, raw, found: matches(find, raw) }).toMatchObject({ found: true });
      }
    }
  });

  it('finds a name typed with a typo and in another order, but not a different person', () => {
    const find = duplicateFindPattern({ fullName: 'Анна Петорва' });
    expect(matches(find, { id: '', fullName: 'Петрова Анна Сергеевна', phone: '', email: '' })).toBe(true);
    expect(matches(find, { id: '', fullName: 'Петрова Мария', phone: '', email: '' })).toBe(false);
  });

  it('is null with nothing to compare', () => {
    expect(duplicateFindPattern({ fullName: 'Анна' })).toBeNull();
  });
});

describe('oneEditAlternatives', () => {
  it('covers every spelling one insertion, deletion, replacement or swap away', () => {
    const re = new RegExp(`^(?:${oneEditAlternatives('анна').join('|')})$`, 'i');
    for (const w of ['анна', 'ана', 'анн', 'аннна', 'анма', 'нана', 'АННА', 'анёа']) expect(re.test(w)).toBe(true);
    for (const w of ['ан', 'мария', 'аннаа2']) expect(re.test(w)).toBe(false);
  });
});
