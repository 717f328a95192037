// Phones are stored in the readable international form ('+7 912 345-67-89'); cells stored earlier as E.164
// ('+79123456789') and numbers typed by hand still match everywhere phones are compared. A number from another
// country says so; date errors give an example fitting the field.
import { duplicateFindPattern, findDuplicates } from '../../../src/domain/duplicates';
import { CLIENT_FIELDS } from '../../../src/domain/fields';
import { DuplicateIndex } from '../../../src/domain/import/dedupe';
import { dateExample } from '../../../src/domain/normalize/dateOrder';
import { normalizeMessage, phoneMessage } from '../../../src/domain/normalize/messages';
import { normalizePhone, phoneCellFix, phoneMatchKey, storedPhone } from '../../../src/domain/normalize/phone';
import { searchClients, searchFindPattern } from '../../../src/domain/search';
import { defaultSettings } from '../../../src/domain/settings';
import { normalizeField } from '../../../src/domain/validate';

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
    expect(phoneCellFix('912 34', 'RU')).toEqual({ ok: false, code: 'phone.tooShort' });
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

describe('a number from another country, typed without its code', () => {
  it("says whose number it looks like and how to write it, in the sheet's language", () => {
    const us = normalizePhone('8 (912) 345-67-89', 'US');
    expect(us).toEqual({ ok: false, code: 'phone.otherCountry', country: 'RU', suggestion: '+7 912 345-67-89' });
    if (us.ok) throw new Error('refused above');
    expect(phoneMessage('en', us, 'Phone')).toBe(
      'Phone: this looks like a number from Russia — add its country code: +7 912 345-67-89',
    );
    const ru = normalizePhone('(415) 555-2671 1', 'RU');
    expect(ru.ok).toBe(false);
    const gb = normalizePhone('020 7946 0958', 'RU');
    expect(gb).toMatchObject({ code: 'phone.otherCountry', country: 'GB', suggestion: '+44 20 7946 0958' });
    if (gb.ok) throw new Error('refused above');
    expect(phoneMessage('ru', gb, 'Телефон')).toBe(
      'Телефон: похоже на номер Великобритании — добавьте код страны: +44 20 7946 0958',
    );
  });

  it('is not said of a number missing digits, nor of one written with its "+"', () => {
    expect(normalizePhone('8 912 345 67', 'RU')).toEqual({ ok: false, code: 'phone.tooShort' });
    expect(normalizePhone('912345', 'RU')).toEqual({ ok: false, code: 'phone.tooShort' });
    expect(normalizePhone('+1 912 345 67 89 0', 'US')).toMatchObject({ ok: false });
    expect(normalizePhone('+1 912 345 67 89 0', 'US')).not.toMatchObject({ code: 'phone.otherCountry' });
  });

  it('reads without params too (an import report): "another country" and an example', () => {
    expect(normalizeMessage('en', 'phone.otherCountry', 'Phone')).toBe(
      'Phone: this looks like a number from another country — add its country code: +1 415 555 2671',
    );
  });
});

describe("date errors give an example fitting the field, in the sheet's order", () => {
  const env = (lang: 'ru' | 'en', locale: string) => ({
    lang,
    locale,
    timeZone: 'Europe/Moscow',
    today: '2026-03-15',
    settings: defaultSettings(lang, locale),
  });
  const birth = CLIENT_FIELDS.find((f) => f.key === 'birthDate')!;
  const appointment = CLIENT_FIELDS.find((f) => f.key === 'nextAppointmentOn')!;
  it('a birth date: a plausible one, and never one in the future', () => {
    expect(normalizeField(birth, 'вчера утром', env('ru', 'ru_RU'))).toEqual({
      ok: false,
      error: 'Дата рождения: не похоже на дату — пример: 15.03.1985',
    });
    expect(normalizeField(birth, '03/15/2030', env('en', 'en_US'))).toEqual({
      ok: false,
      error: 'Birth date: this date has not come yet — check the year, e.g. 03/15/1985',
    });
    expect(normalizeField(birth, '15.03.2026', env('ru', 'ru_RU'))).toEqual({ ok: true, value: '2026-03-15' });
  });
  it("other dates: today in the sheet's order", () => {
    expect(normalizeField(appointment, 'soon', env('en', 'en_US'))).toEqual({
      ok: false,
      error: 'Next appointment: this does not look like a date — e.g. 03/15/2026',
    });
    expect(dateExample('birthDate', 'en_GB', '2026-03-15')).toBe('15/03/1985');
  });
});
