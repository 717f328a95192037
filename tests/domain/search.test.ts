// Tests for client search: ids, phone fragments, emails and name words, in the documented ranking order.
import { buildSearchIndex, SEARCH_SCORE, searchClients, searchIndex } from '../../src/domain/search';

const clients = [
  { id: 'C-000001', fullName: 'Петрова Анна Сергеевна', phone: '+79123456789', email: 'anna@example.ru' },
  { id: 'C-000002', fullName: 'Анна Петровская', phone: '+79161112233', email: 'petrovskaya@mail.ru' },
  { id: 'C-000003', fullName: 'Семёнов Пётр', phone: '+74951234567', email: 'semenov@firma.ru' },
  { id: 'C-000123', fullName: 'John Smith', phone: '+14155552671', email: 'john.smith@example.com' },
  { id: 'C-000004', fullName: 'Иванов Иван', phone: '+79990001230', email: 'ivan123@example.ru' },
  { id: 'C-000005', fullName: 'Римский-Корсаков Николай', phone: '', email: '' },
  { id: 'C-000006', fullName: 'Анна', phone: '+79123456700', email: 'anna@other.ru' },
];

const found = (query: string) => searchClients(query, clients).map((m) => m.client.id);

describe('searchClients', () => {
  describe('finds names by word prefixes in any order, ignoring case and ё', () => {
    it.each([
      ['петр ан', ['C-000001', 'C-000002']],
      ['ан петр', ['C-000002', 'C-000001']],
      ['ПЕТРОВА', ['C-000001']],
      ['анна', ['C-000002', 'C-000006', 'C-000001']],
      ['семен', ['C-000003']],
      ['Семён Пётр', ['C-000003']],
      ['петр', ['C-000001', 'C-000002', 'C-000003']],
      ['корс', ['C-000005']],
      ['римский-корсаков', ['C-000005']],
      ['smi jo', ['C-000123']],
      ['етрова', []],
      ['петрова мария', []],
    ])('%p → %j', (query, ids) => {
      expect(found(query)).toEqual(ids);
    });
  });

  describe('finds phones by a fragment of 3+ digits, however it is typed', () => {
    it.each([
      ['912 345', ['C-000001', 'C-000006']],
      ['89123', ['C-000001', 'C-000006']],
      ['+7 912', ['C-000001', 'C-000006']],
      ['4567', ['C-000001', 'C-000003', 'C-000006']],
      ['(495) 123-45-67', ['C-000003']],
      ['8 (495) 123-45-67', ['C-000003']],
      ['555', ['C-000123']],
      ['91', []],
    ])('%p → %j', (query, ids) => {
      expect(found(query)).toEqual(ids);
    });

    it('marks a full number as an exact phone match', () => {
      expect(searchClients('8 912 345-67-89', clients)[0]).toEqual({
        client: clients[0],
        score: SEARCH_SCORE.exactContact,
        field: 'phone',
      });
    });
  });

  describe('finds emails', () => {
    it('by the whole address, ranked as an exact match', () => {
      expect(searchClients('Anna@Example.ru', clients)).toEqual([
        { client: clients[0], score: SEARCH_SCORE.exactContact, field: 'email' },
      ]);
    });
    it('by a piece of the address, after name matches', () => {
      expect(found('anna@')).toEqual(['C-000001', 'C-000006']);
      expect(searchClients('firma', clients)).toEqual([
        { client: clients[2], score: SEARCH_SCORE.fragment, field: 'email' },
      ]);
      expect(found('john')).toEqual(['C-000123']);
    });
  });

  describe('finds an id exactly, before anything else', () => {
    it('by the full id in any case', () => {
      expect(searchClients('c-000123', clients)).toEqual([
        { client: clients[3], score: SEARCH_SCORE.exactId, field: 'id' },
      ]);
    });
    it('typed with a Cyrillic look-alike letter on a Russian keyboard', () => {
      expect(searchClients('С-000123', clients)[0]).toEqual({
        client: clients[3],
        score: SEARCH_SCORE.exactId,
        field: 'id',
      });
    });
    it('by its number, ahead of phone fragments with the same digits', () => {
      const results = searchClients('123', clients);
      expect(results.map((m) => [m.client.id, m.field])).toEqual([
        ['C-000123', 'id'],
        ['C-000001', 'phone'],
        ['C-000003', 'phone'],
        ['C-000004', 'phone'],
        ['C-000006', 'phone'],
      ]);
      expect(found('000123')[0]).toBe('C-000123');
    });
  });

  it('ranks exact id > exact contact > name from the first word > other name words > fragments', () => {
    const mixed = [
      { id: 'A-1', fullName: 'Zed Annabel', phone: '', email: 'ann@x.io' },
      { id: 'A-2', fullName: 'Anna Zed', phone: '', email: '' },
      { id: 'A-3', fullName: 'Bob Bobson', phone: '', email: 'joann@x.io' },
      { id: 'ann', fullName: 'Carl Carlson', phone: '', email: '' },
    ];
    expect(searchClients('ann', mixed).map((m) => [m.client.id, m.score, m.field])).toEqual([
      ['ann', SEARCH_SCORE.exactId, 'id'],
      ['A-2', SEARCH_SCORE.nameFirstWord, 'name'],
      ['A-1', SEARCH_SCORE.nameOtherWord, 'name'],
      ['A-3', SEARCH_SCORE.fragment, 'email'],
    ]);
  });

  it('combines a name word and a phone fragment in one query', () => {
    expect(found('петрова 912')).toEqual(['C-000001']);
    expect(found('петрова 916')).toEqual([]);
  });

  it('returns nothing for an empty query and respects the limit', () => {
    expect(found('')).toEqual([]);
    expect(found('   ')).toEqual([]);
    expect(searchClients('анна', clients, { limit: 2 }).map((m) => m.client.id)).toEqual(['C-000002', 'C-000006']);
  });

  it('tolerates cards with missing fields', () => {
    const sparse = [{ id: '', fullName: '', phone: '', email: '' }, clients[0]];
    expect(searchClients('петр', sparse).map((m) => m.client.id)).toEqual(['C-000001']);
  });
});

describe('searchIndex over 100,000 cards', () => {
  const surnames = ['Петров', 'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Соколов', 'Лебедев', 'Козлов'];
  const names = ['Анна', 'Иван', 'Мария', 'Пётр', 'Ольга', 'Сергей', 'Елена', 'Дмитрий', 'Наталья', 'Алексей'];
  const many = Array.from({ length: 100000 }, (_, i) => ({
    id: `C-${String(i + 1).padStart(6, '0')}`,
    fullName: `${surnames[i % 8]} ${names[Math.floor(i / 8) % 10]} ${i}`,
    phone: `+79${String(100000000 + i * 7)}`,
    email: `c${i}@example.ru`,
  }));
  const index = buildSearchIndex(many);

  it('finds the one card with an exact phone first', () => {
    const results = searchIndex(index, '8 910 034 5678', { limit: 5 });
    // 100345678 = 100000000 + 49382 * 7 + 4, so no card has that exact number.
    expect(results.every((m) => m.score < SEARCH_SCORE.exactContact)).toBe(true);
    const exact = searchIndex(index, `+7 9${100000000 + 49382 * 7}`, { limit: 5 });
    expect(exact[0]).toEqual({ client: many[49382], score: SEARCH_SCORE.exactContact, field: 'phone' });
  });

  it('finds all cards with a name pair, in list order, up to the limit', () => {
    const results = searchIndex(index, 'козл ольг', { limit: 1000 });
    // Козлов is surname 7, Ольга name 4: i % 8 === 7 and floor(i / 8) % 10 === 4 → one card in every 80.
    expect(results).toHaveLength(1000);
    expect(results[0].client.id).toBe('C-000040');
    expect(results.every((m) => m.client.fullName.startsWith('Козлов Ольга'))).toBe(true);
    expect(results.map((m) => Number(m.client.id.slice(2)))).toEqual(
      [...results.map((m) => Number(m.client.id.slice(2)))].sort((a, b) => a - b),
    );
  });

  it('puts an exact id ahead of thousands of phone fragments', () => {
    const results = searchIndex(index, '777', { limit: 3 });
    expect(results[0]).toEqual({ client: many[776], score: SEARCH_SCORE.exactId, field: 'id' });
    expect(results.slice(1).every((m) => m.field === 'phone' && m.client.phone.includes('777'))).toBe(true);
  });

  it('gives the same answer as the one-off wrapper', () => {
    expect(searchIndex(index, 'петр анна 1', { limit: 20 })).toEqual(searchClients('петр анна 1', many, { limit: 20 }));
  });
});
