// Phones are stored in the readable international form ('+7 912 345-67-89'); cells stored earlier as E.164
// ('+79123456789') and numbers typed by hand still match everywhere phones are compared.
import { duplicateFindPattern, findDuplicates } from '../../../src/domain/duplicates';
import { DuplicateIndex } from '../../../src/domain/import/dedupe';
import { normalizePhone, phoneCellFix, phoneMatchKey, storedPhone } from '../../../src/domain/normalize/phone';
import { searchClients, searchFindPattern } from '../../../src/domain/search';

const stored = (text: string, region = 'RU') => {
  const r = normalizePhone(text, region as 'RU');
  if (!r.ok) throw new Error(r.code);
  return storedPhone(r);
};

describe('the stored form of a phone', () => {
  it.each([
    ['8 912 345-67-89', 'RU', '+7 912 345-67-89'],
    ['+79123456789', 'RU', '+7 912 345-67-89'],
    ['79123456789', 'RU', '+7 912 345-67-89'],
    ['(415) 555-2671', 'US', '+1 415 555 2671'],
    ['+44 20 7946 0958', 'RU', '+44 20 7946 0958'],
    ['+7 495 123-45-67 доб. 12', 'RU', '+7 495 123-45-67 ext. 12'],
  ])('%s (%s) → %s', (typed, region, expected) => {
    expect(stored(typed, region)).toBe(expected);
    // Stored text read back is stored again unchanged.
    expect(stored(expected, region)).toBe(expected);
  });

  it('a cell typed by hand: the stored form, or the problem when it is not a number', () => {
    expect(phoneCellFix('8 (912) 345-67-89', 'RU')).toEqual({ value: '+7 912 345-67-89' });
    expect(phoneCellFix(79123456789, 'RU')).toEqual({ value: '+7 912 345-67-89' });
    expect(phoneCellFix('', 'RU')).toEqual({ value: '' });
    expect(phoneCellFix('912 34', 'RU')).toEqual({ code: 'phone.tooShort' });
  });
});

describe('old E.164 cells and new readable ones match alike', () => {
  const clients = [
    { id: 'C-000001', fullName: 'Петрова Анна', phone: '+79123456789', email: '' },
    { id: 'C-000002', fullName: 'Иванов Пётр', phone: '+7 903 111-22-33', email: '' },
  ];

  it('duplicate keys', () => {
    for (const region of ['RU', 'US']) {
      expect(phoneMatchKey('+79123456789', region)).toBe(phoneMatchKey('+7 912 345-67-89', region));
      expect(phoneMatchKey('+7 912 345-67-89 ext. 12', region)).toBe('+79123456789');
    }
    expect(phoneMatchKey('8 912 345-67-89', 'RU')).toBe('+79123456789');
  });

  it('the duplicate warning, typed either way, against either kind of cell', () => {
    // As the duplicate check compares them: both sides through the match key.
    const keyed = clients.map((c) => ({ ...c, phone: phoneMatchKey(c.phone, 'RU') }));
    for (const typed of ['+7 912 345-67-89', '89123456789', '+79031112233', '8 903 111 22 33']) {
      expect(findDuplicates({ phone: phoneMatchKey(typed, 'RU') }, keyed)).toHaveLength(1);
    }
    const pattern = new RegExp(duplicateFindPattern({ phone: '8 903 111-22-33' })!.pattern, 'i');
    expect(pattern.test('+7 903 111-22-33')).toBe(true);
    expect(pattern.test('+79031112233')).toBe(true);
  });

  it('search by a fragment of the number', () => {
    for (const query of ['912 345', '345-67', '903111', '8 903 111']) {
      expect(searchClients(query, clients)).toHaveLength(1);
      const find = new RegExp(searchFindPattern(query)!.pattern, 'i');
      expect(clients.filter((c) => find.test(c.phone))).toHaveLength(1);
    }
  });

  it('import finds a card stored either way', () => {
    const index = new DuplicateIndex('RU');
    index.add({ kind: 'existing', row: 2, id: 'C-000001' } as never, {
      fullName: 'Петрова Анна',
      phone: '+79123456789',
    });
    index.add({ kind: 'existing', row: 3, id: 'C-000002' } as never, {
      fullName: 'Иванов Пётр',
      phone: '+7 903 111-22-33',
    });
    expect(index.find({ fullName: 'Смирнова', phone: '8 (912) 345-67-89' })).toBeTruthy();
    expect(index.find({ fullName: 'Смирнов', phone: '+7 903 111 22 33' })).toBeTruthy();
    expect(index.find({ fullName: 'Кто-то', phone: '+7 999 000-00-00' })).toBeUndefined();
  });
});
