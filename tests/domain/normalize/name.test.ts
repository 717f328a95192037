// Tests for names: tidy case, split Russian and English full names, greeting names and duplicate keys.
import {
  cleanName,
  isCompanyLike,
  isPatronymic,
  nameKey,
  normalizeName,
  salutationName,
  splitFullName,
} from '../../../src/domain/normalize/name';

describe('cleanName', () => {
  it.each([
    ['  петрова   анна  сергеевна ', 'Петрова Анна Сергеевна'],
    ['ПЕТРОВА АННА СЕРГЕЕВНА', 'Петрова Анна Сергеевна'],
    ['пЕТРОВА аННА', 'Петрова Анна'],
    ['Петрова Анна', 'Петрова Анна'],
    ['римский-корсаков николай андреевич', 'Римский-Корсаков Николай Андреевич'],
    ['СЕМЁНОВ ПЁТР', 'Семёнов Пётр'],
    ['JOHN SMITH', 'John Smith'],
    ['ludwig van beethoven', 'Ludwig van Beethoven'],
    ['LUDWIG VAN BEETHOVEN', 'Ludwig van Beethoven'],
    ['Jean-Claude Van Damme', 'Jean-Claude Van Damme'],
    ["o'brien", "O'Brien"],
    ['MCDONALD ronald', 'McDonald Ronald'],
    ['McDonald', 'McDonald'],
    ['DiCaprio Leonardo', 'DiCaprio Leonardo'],
    ['мамедов рашид ахмед оглы', 'Мамедов Рашид Ахмед оглы'],
    ['петрова а.с.', 'Петрова А.С.'],
    ['henry ford ii', 'Henry Ford II'],
    ['Анна\u00a0Петрова\t', 'Анна Петрова'],
    ['ооо «ромашка»', 'ООО «ромашка»'],
    ['Acme llc', 'Acme LLC'],
    ['', ''],
  ])('%p → %p', (input, clean) => {
    expect(cleanName(input)).toBe(clean);
  });

  it('turns nothing and non-text into an empty name', () => {
    expect(cleanName(null)).toBe('');
    expect(cleanName(undefined)).toBe('');
    expect(cleanName({ name: 'Anna' })).toBe('');
  });
});

describe('normalizeName', () => {
  it('returns the cleaned name', () => {
    expect(normalizeName('  АННА петрова ')).toEqual({ ok: true, value: 'Анна Петрова' });
  });
  it.each([
    ['', 'name.empty'],
    ['   ', 'name.empty'],
    [null, 'name.empty'],
    ['123 456', 'name.noLetters'],
    ['---', 'name.noLetters'],
    ['Анна '.repeat(50), 'name.tooLong'],
  ])('%p → %s', (input, code) => {
    expect(normalizeName(input)).toEqual({ ok: false, code });
  });
});

describe('splitFullName', () => {
  it.each([
    ['Петрова Анна Сергеевна', { last: 'Петрова', first: 'Анна', middle: 'Сергеевна', script: 'cyrillic' }],
    ['петрова анна сергеевна', { last: 'Петрова', first: 'Анна', middle: 'Сергеевна', script: 'cyrillic' }],
    ['Анна Сергеевна Петрова', { last: 'Петрова', first: 'Анна', middle: 'Сергеевна', script: 'cyrillic' }],
    ['Иванов Пётр Ильич', { last: 'Иванов', first: 'Пётр', middle: 'Ильич', script: 'cyrillic' }],
    ['Роман Аркадьевич Абрамович', { last: 'Абрамович', first: 'Роман', middle: 'Аркадьевич', script: 'cyrillic' }],
    ['Абрамович Роман Аркадьевич', { last: 'Абрамович', first: 'Роман', middle: 'Аркадьевич', script: 'cyrillic' }],
    ['Анна Петрова', { last: 'Петрова', first: 'Анна', script: 'cyrillic' }],
    ['Петрова Анна', { last: 'Петрова', first: 'Анна', script: 'cyrillic' }],
    ['Смирнов Кузьма', { last: 'Смирнов', first: 'Кузьма', script: 'cyrillic' }],
    ['Анна Сергеевна', { first: 'Анна', middle: 'Сергеевна', script: 'cyrillic' }],
    [
      'Римский-Корсаков Николай Андреевич',
      { last: 'Римский-Корсаков', first: 'Николай', middle: 'Андреевич', script: 'cyrillic' },
    ],
    ['Мамедов Рашид Ахмед оглы', { last: 'Мамедов', first: 'Рашид', middle: 'Ахмед оглы', script: 'cyrillic' }],
    ['Алиева Лейла Рашидкызы', { last: 'Алиева', first: 'Лейла', middle: 'Рашидкызы', script: 'cyrillic' }],
    ['Петрова А. С.', { last: 'Петрова', first: 'А.', middle: 'С.', script: 'cyrillic' }],
    ['А.С. Петрова', { last: 'Петрова', first: 'А.', middle: 'С.', script: 'cyrillic' }],
    ['Петрова', { last: 'Петрова', script: 'cyrillic' }],
    ['Анна', { first: 'Анна', script: 'cyrillic' }],
    ['Петрова, Анна Сергеевна', { last: 'Петрова', first: 'Анна', middle: 'Сергеевна', script: 'cyrillic' }],
    ['John Smith', { last: 'Smith', first: 'John', script: 'latin' }],
    ['JOHN SMITH', { last: 'Smith', first: 'John', script: 'latin' }],
    ['John Fitzgerald Kennedy', { last: 'Kennedy', first: 'John', middle: 'Fitzgerald', script: 'latin' }],
    ['Smith, John', { last: 'Smith', first: 'John', script: 'latin' }],
    ['Smith, John Paul', { last: 'Smith', first: 'John', middle: 'Paul', script: 'latin' }],
    ['Ludwig van Beethoven', { last: 'van Beethoven', first: 'Ludwig', script: 'latin' }],
    ['Martin Luther King Jr.', { last: 'King Jr.', first: 'Martin', middle: 'Luther', script: 'latin' }],
    ['Madonna', { first: 'Madonna', script: 'latin' }],
    ['Anna Петрова', { last: 'Петрова', first: 'Anna', script: 'mixed' }],
    ['', { script: 'cyrillic' }],
  ])('%p', (full, parts) => {
    expect(splitFullName(full)).toEqual(parts);
  });
});

describe('salutationName', () => {
  it.each([
    ['Петрова Анна Сергеевна', 'Анна Сергеевна'],
    ['ПЕТРОВА АННА СЕРГЕЕВНА', 'Анна Сергеевна'],
    ['Анна Сергеевна Петрова', 'Анна Сергеевна'],
    ['Анна Петрова', 'Анна'],
    ['Петрова Анна', 'Анна'],
    ['Анна', 'Анна'],
    ['Мамедов Рашид Ахмед оглы', 'Рашид Ахмед оглы'],
    ['John Smith', 'John'],
    ['Smith, John', 'John'],
    ['Петрова А. С.', ''],
    ['Петрова', ''],
    ['ООО «Ромашка»', ''],
    ['ИП Иванов Иван Иванович', ''],
    ['Acme LLC', ''],
    ['Apple Inc.', ''],
    ['"Dental Care"', ''],
    ['Клиника доктора Петрова', ''],
    ['', ''],
  ])('%p → %p', (full, greeting) => {
    expect(salutationName(full)).toBe(greeting);
  });
});

describe('isPatronymic and isCompanyLike', () => {
  it.each(['Сергеевна', 'Иванович', 'Ильич', 'Никитична', 'Ильинична', 'Саввична', 'оглы', 'Рашидкызы'])(
    '%s is a patronymic',
    (word) => expect(isPatronymic(word)).toBe(true),
  );
  it.each(['Анна', 'Петрова', 'Ич', 'Smith'])('%s is not a patronymic', (word) =>
    expect(isPatronymic(word)).toBe(false),
  );
  it.each(['ООО Ромашка', 'ИП Петров', 'Acme, Inc.', 'Салон «Лилия»', 'Dental Clinic'])('%s is a company', (s) =>
    expect(isCompanyLike(s)).toBe(true),
  );
  it.each(['Петрова Анна', 'John Smith', 'Инна Ооржак'])('%s is a person', (s) => expect(isCompanyLike(s)).toBe(false));
});

describe('nameKey', () => {
  it('is the same for one name typed in any order, case, spacing or with ё', () => {
    const key = nameKey('Семёнова Анна');
    expect(key).toBe('анна семенова');
    for (const variant of ['анна СЕМЕНОВА', '  Семенова,  Анна ', 'Анна Семёнова.']) expect(nameKey(variant)).toBe(key);
  });
  it('differs for different names and splits hyphenated ones into words', () => {
    expect(nameKey('Анна Петрова')).not.toBe(nameKey('Анна Петровa Сергеевна'));
    expect(nameKey('Римский-Корсаков Николай')).toBe('корсаков николай римский');
    expect(nameKey('')).toBe('');
  });
});
