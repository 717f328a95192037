// Tests for the import's duplicate index: it finds what a full scan with findDuplicates finds, and judges matches.

import { findDuplicates } from '../../../src/domain/duplicates';
import { DuplicateIndex } from '../../../src/domain/import';
import { isPatronymic, nameTokens } from '../../../src/domain/normalize/name';
import { phoneMatchKey } from '../../../src/domain/normalize/phone';

// A fixed pseudo-random sequence: the same cards on every run.
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const SURNAMES = [
  'Петров',
  'Иванов',
  'Сидоров',
  'Козлов',
  'Новиков',
  'Смирнов',
  'Орлов',
  'Волков',
  'Зайцев',
  'Фёдоров',
];
const FIRST = ['Анна', 'Мария', 'Елена', 'Ольга', 'Ирина', 'Сергей', 'Иван', 'Дмитрий', 'Павел', 'Юрий'];
const MIDDLE = ['Сергеевна', 'Ивановна', 'Петровна', 'Сергеевич', 'Иванович', 'Петрович'];

function typo(word: string, rnd: () => number): string {
  const i = Math.floor(rnd() * (word.length - 1)) + 1;
  const kind = Math.floor(rnd() * 3);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + 'а' + word.slice(i);
  return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
}

describe('DuplicateIndex', () => {
  it('looks at every card with the same contact, the same name (any order, patronymic or not) or one typo', () => {
    const rnd = random(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const cards = Array.from({ length: 1000 }, (_, i) => ({
      id: `C-${i}`,
      fullName: `${pick(SURNAMES)}${rnd() < 0.5 ? 'а' : ''} ${pick(FIRST)}${rnd() < 0.5 ? ` ${pick(MIDDLE)}` : ''}`,
      phone: rnd() < 0.7 ? `+7912${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}` : '',
      email: rnd() < 0.3 ? `user${Math.floor(rnd() * 2000)}@mail.ru` : '',
    }));
    const index = new DuplicateIndex('RU');
    for (const c of cards) index.add({ id: c.id }, c);
    const core = (name: string) =>
      nameTokens(name)
        .filter((w) => !isPatronymic(w))
        .sort()
        .join(' ');
    let compared = 0;
    for (let n = 0; n < 250; n++) {
      const base = pick(cards);
      const words = base.fullName.split(' ');
      const typoed = rnd() < 0.5;
      if (typoed) words[0] = typo(words[0], rnd);
      if (words.length === 3 && rnd() < 0.3) words.pop();
      if (rnd() < 0.3) words.reverse();
      const candidate = {
        fullName: words.join(' '),
        phone: rnd() < 0.3 ? base.phone : '',
        email: rnd() < 0.3 ? base.email : '',
      };
      const looked = new Set(index.pool(candidate).map((at) => (index.ref(at) as { id: string }).id));
      const full = findDuplicates({ ...candidate, phone: phoneMatchKey(candidate.phone, 'RU') }, cards, {
        limit: 100000,
      });
      // A namesake with another phone or email is someone else: the lookup need not compare it.
      const otherContact = (d: { phone: string; email: string }) =>
        !!(d.phone && candidate.phone && d.phone !== candidate.phone) ||
        !!(d.email && candidate.email && d.email !== candidate.email);
      const mustFind = full
        .filter(
          (d) =>
            d.reasons.includes('phone') ||
            d.reasons.includes('email') ||
            (core(d.fullName) === core(candidate.fullName) && !otherContact(d)),
        )
        .map((d) => d.id);
      if (full.some((d) => d.id === base.id)) mustFind.push(base.id);
      expect(mustFind.filter((id) => !looked.has(id))).toEqual([]);
      compared += mustFind.length;
    }
    expect(compared).toBeGreaterThan(250);
  });

  it('judges: a shared contact with the same name is the same person; another name, phone or birthday is not', () => {
    const index = new DuplicateIndex('RU');
    index.add({ id: 'C-1' }, { fullName: 'Петрова Анна Сергеевна', phone: '+79123456789', birthDate: '1985-03-14' });
    index.add({ id: 'C-2' }, { fullName: 'Козлов Дмитрий', phone: '+79990001122', email: '' });
    const verdict = (values: Record<string, string>) => {
      const hit = index.find(values);
      return hit && [(hit.ref as { id: string }).id, hit.verdict, hit.reasons.join('+')];
    };
    expect(verdict({ fullName: 'Анна Петрова', phone: '8 912 345-67-89' })).toEqual(['C-1', 'same', 'phone+name']);
    expect(verdict({ fullName: 'Анна', phone: '+79123456789' })).toEqual(['C-1', 'same', 'phone']);
    expect(verdict({ fullName: '', phone: '+79123456789' })).toEqual(['C-1', 'same', 'phone']);
    expect(verdict({ fullName: 'Петров Игорь', phone: '+79123456789' })).toEqual(['C-1', 'otherPerson', 'phone']);
    expect(verdict({ fullName: 'Петрова Анна', phone: '+79123456789', birthDate: '2015-06-01' })).toEqual([
      'C-1',
      'otherPerson',
      'phone+name',
    ]);
    expect(verdict({ fullName: 'Петрова Анна Сергеевна', phone: '' })).toEqual(['C-1', 'same', 'name']);
    expect(verdict({ fullName: 'Петрова Анна', birthDate: '1985-03-14' })).toEqual(['C-1', 'same', 'name']);
    expect(verdict({ fullName: 'Петрова Анна' })).toEqual(['C-1', 'possible', 'name']);
    expect(verdict({ fullName: 'Козлов Дмитрий', phone: '+79991112233' })).toBeUndefined();
    expect(verdict({ fullName: 'Петрова Анна', phone: '+79990000000', birthDate: '1985-03-14' })).toEqual([
      'C-1',
      'possible',
      'name',
    ]);
    expect(verdict({ fullName: 'Петрова Анна', birthDate: '1990-01-01' })).toBeUndefined();
    expect(verdict({ fullName: 'Орлова Ирина', phone: '+79995550000' })).toBeUndefined();
  });
});
