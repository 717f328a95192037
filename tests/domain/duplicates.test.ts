// Tests for duplicate matching: same phone, same email or a very similar name, ranked contact matches first.
import { findDuplicates, namesLookAlike, withinOneEdit } from '../../src/domain/duplicates';
import { nameTokens } from '../../src/domain/normalize/name';

const clients = [
  { id: 'C-000001', fullName: 'Петрова Анна Сергеевна', phone: '+79123456789', email: 'anna@example.ru' },
  { id: 'C-000002', fullName: 'Иванов Иван', phone: '+79130000000', email: '' },
  { id: 'C-000003', fullName: 'Анна Петрова', phone: '', email: 'petrova@mail.ru' },
  { id: 'C-000004', fullName: 'Семёнова Ольга', phone: '+79995550000', email: 'Olga@Example.RU' },
  { id: 'C-000005', fullName: 'John Smith', phone: '+14155552671', email: 'john@example.com' },
  { id: 'C-000006', fullName: 'Анна', phone: '', email: '' },
  { id: 'C-000007', fullName: 'Петров Иван', phone: '+79123456789', email: '' },
];

const ids = (matches: Array<{ id: string }>) => matches.map((m) => m.id);

describe('findDuplicates', () => {
  it('finds the card with the same phone and says why', () => {
    const found = findDuplicates({ phone: '+79995550000' }, clients);
    expect(found).toEqual([{ ...clients[3], reasons: ['phone'] }]);
  });

  it('compares emails without regard to case or spaces', () => {
    expect(ids(findDuplicates({ email: ' olga@example.ru' }, clients))).toEqual(['C-000004']);
  });

  it.each([
    ['Петрова Анна', ['C-000003', 'C-000001']],
    ['анна петрова', ['C-000003', 'C-000001']],
    ['Петрова Ана', ['C-000001', 'C-000003']],
    ['Петрвоа Анна', ['C-000001', 'C-000003']],
    ['Петрова Анна Сергеевна', ['C-000001', 'C-000003']],
    ['Семенова Ольга', ['C-000004']],
    ['SMITH JOHN', ['C-000005']],
    ['Jon Smith', ['C-000005']],
    ['Иванова Ивана', []],
    ['Анна', []],
    ['Петрова', []],
    ['Петрова Анна Ивановна Мария', []],
  ])('by name %p finds %j', (fullName, expected) => {
    expect(ids(findDuplicates({ fullName }, clients))).toEqual(expected);
  });

  it('finds a name whose every word is short and one of them misses a letter', () => {
    const short = [{ id: 'L', fullName: 'Анна Ли', phone: '', email: '' }];
    expect(ids(findDuplicates({ fullName: 'Ли Ана' }, short))).toEqual(['L']);
    expect(ids(findDuplicates({ fullName: 'Ли Ян' }, short))).toEqual([]);
  });

  it('never matches on a single word, even an exact one', () => {
    expect(findDuplicates({ fullName: 'Анна' }, clients)).toEqual([]);
    expect(findDuplicates({ fullName: 'Анна Петрова' }, clients).some((m) => m.id === 'C-000006')).toBe(false);
  });

  it('lists phone and email matches before name-only ones, more reasons first, the same name before a similar one', () => {
    const found = findDuplicates(
      { fullName: 'Анна Петрова', phone: '+79123456789', email: 'petrova@mail.ru' },
      clients,
    );
    expect(found.map((m) => [m.id, m.reasons])).toEqual([
      ['C-000003', ['email', 'name']],
      ['C-000001', ['phone', 'name']],
      ['C-000007', ['phone']],
    ]);
  });

  it('leaves out the card being edited and respects the limit', () => {
    const found = findDuplicates({ phone: '+79123456789' }, clients, { excludeId: 'C-000001' });
    expect(ids(found)).toEqual(['C-000007']);
    expect(ids(findDuplicates({ phone: '+79123456789' }, clients, { limit: 1 }))).toEqual(['C-000001']);
  });

  it('ignores empty and too short contact values', () => {
    expect(findDuplicates({ phone: '', email: '' }, clients)).toEqual([]);
    expect(findDuplicates({ phone: '+7' }, clients)).toEqual([]);
    expect(findDuplicates({}, clients)).toEqual([]);
  });

  it('matches a stored display form of the same number', () => {
    const withDisplay = [{ id: 'X', fullName: '', phone: '+7 912 345-67-89', email: '' }];
    expect(ids(findDuplicates({ phone: '+79123456789' }, withDisplay))).toEqual(['X']);
  });

  it('scans 100,000 cards and finds exactly the cards matching by phone and by a mistyped name', () => {
    // Names spelled from syllables that differ in both letters, so no two cards are one typo apart.
    const syllables = ['ба', 'ве', 'ги', 'до', 'зу'];
    const spell = (n: number) => Array.from({ length: 8 }, (_, k) => syllables[Math.floor(n / 5 ** k) % 5]).join('');
    const many = Array.from({ length: 100000 }, (_, i) => ({
      id: `C-${String(i + 1).padStart(6, '0')}`,
      fullName: `${spell(i)} Тестовый`,
      phone: `+7900${String(i).padStart(7, '0')}`,
      email: `client${i}@example.ru`,
    }));
    const typo = spell(77777).replace(/^(.)(.)/, '$2$1');
    const found = findDuplicates({ fullName: `Тестовый ${typo}`, phone: '+79000012345' }, many);
    expect(found.map((m) => [m.id, m.reasons])).toEqual([
      ['C-012346', ['phone']],
      ['C-077778', ['name']],
    ]);
  });
});

describe('name similarity', () => {
  it.each([
    ['анна', 'ана', true],
    ['петрова', 'петрвоа', true],
    ['петрова', 'петров', true],
    ['петрова', 'петровна', true],
    ['петрова', 'петро', false],
    ['иван', 'иванов', false],
    ['ab', 'ba', true],
    ['', 'a', true],
  ])('%s and %s are within one edit: %p', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });

  it.each([
    ['Петрова Анна', 'Анна Петрова', true],
    ['Петрова Анна', 'Петрова Анна Сергеевна', true],
    ['Петрова Анна', 'Петрова Анна Мария', false],
    ['Ян Ли', 'Ия Ли', false],
    ['Ян Ли', 'Ли Ян', true],
    ['Анна', 'Анна', false],
    ['Анна Анна', 'Анна Петрова', false],
    ['Петров Александр', 'Петрова Александра', false],
    ['Иванов Евгений', 'Иванов Евгения', false],
    ['Иванов Евгений', 'Иванов Евгени', true],
  ])('%s ≈ %s: %p', (a, b, expected) => {
    expect(namesLookAlike(nameTokens(a), nameTokens(b))).toBe(expected);
  });
});
