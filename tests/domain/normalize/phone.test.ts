// Tests for phone normalisation: what receptionists type → E.164, display form, extension, or an error code.
import {
  type CountryCode,
  formatPhone,
  normalizePhone,
  phoneDigits,
  phoneMatchKey,
  regionFromLocale,
} from '../../../src/domain/normalize/phone';

type Row = [input: unknown, region: CountryCode, e164: string, display: string, ext?: string];

const valid: Row[] = [
  // Russian mobiles, typed every way people type them
  ['8 912 345-67-89', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['+7 (912) 345-67-89', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['9123456789', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['8(912)3456789', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['89123456789', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['79123456789', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['+79123456789', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['8-912-345-67-89', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['8.912.345.67.89', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['+7\u00a0912\u00a0345\u00a067\u00a089', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['  +7 912 345 67 89  ', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['+7 912 345–67–89', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['(912) 345-67-89', 'RU', '+79123456789', '+7 912 345-67-89'],
  ['+7 999 123 45 67', 'RU', '+79991234567', '+7 999 123-45-67'],
  // Sheets hands a phone typed without spaces over as a number
  [79123456789, 'RU', '+79123456789', '+7 912 345-67-89'],
  [89123456789, 'RU', '+79123456789', '+7 912 345-67-89'],
  [442079460958, 'RU', '+442079460958', '+44 20 7946 0958'],
  // Russian landlines and toll-free
  ['8 495 123-45-67', 'RU', '+74951234567', '+7 495 123-45-67'],
  ['(495) 123-45-67', 'RU', '+74951234567', '+7 495 123-45-67'],
  ['4951234567', 'RU', '+74951234567', '+7 495 123-45-67'],
  ['8 (800) 555-35-35', 'RU', '+78005553535', '+7 800 555-35-35'],
  ['+7 (3812) 12-34-56', 'RU', '+73812123456', '+7 381 212-34-56'],
  // Extensions in Russian and English spellings
  ['+7 912 345 67 89 доб. 123', 'RU', '+79123456789', '+7 912 345-67-89 ext. 123', '123'],
  ['+7 912 345 67 89 доб 5', 'RU', '+79123456789', '+7 912 345-67-89 ext. 5', '5'],
  ['8 495 123-45-67, доб. 12', 'RU', '+74951234567', '+7 495 123-45-67 ext. 12', '12'],
  ['+7 495 123 45 67 вн. 12', 'RU', '+74951234567', '+7 495 123-45-67 ext. 12', '12'],
  ['+7 495 123 45 67 внутр. 305', 'RU', '+74951234567', '+7 495 123-45-67 ext. 305', '305'],
  ['+7 912 345 67 89 ext. 12', 'RU', '+79123456789', '+7 912 345-67-89 ext. 12', '12'],
  ['+7 912 345 67 89 #12', 'RU', '+79123456789', '+7 912 345-67-89 ext. 12', '12'],
  ['+7 912 345 67 89 x12', 'RU', '+79123456789', '+7 912 345-67-89 ext. 12', '12'],
  ['+1 (415) 555-2671 ext. 7', 'US', '+14155552671', '+1 415 555 2671 ext. 7', '7'],
  // Kazakhstan shares +7 and the 8 trunk
  ['+7 701 123 4567', 'KZ', '+77011234567', '+7 701 123 4567'],
  ['8 701 123 4567', 'KZ', '+77011234567', '+7 701 123 4567'],
  ['8 701 123 4567', 'RU', '+77011234567', '+7 701 123 4567'],
  ['+7 (7172) 12-34-56', 'KZ', '+77172123456', '+7 7172 12 34 56'],
  // Ukraine, USA, Great Britain
  ['+380 50 123 4567', 'RU', '+380501234567', '+380 50 123 4567'],
  ['050 123 4567', 'UA', '+380501234567', '+380 50 123 4567'],
  ['+380 44 123 4567', 'UA', '+380441234567', '+380 44 123 4567'],
  ['+1 (415) 555-2671', 'RU', '+14155552671', '+1 415 555 2671'],
  ['(415) 555-2671', 'US', '+14155552671', '+1 415 555 2671'],
  ['415.555.2671', 'US', '+14155552671', '+1 415 555 2671'],
  ['1-415-555-2671', 'US', '+14155552671', '+1 415 555 2671'],
  ['+44 20 7946 0958', 'RU', '+442079460958', '+44 20 7946 0958'],
  ['020 7946 0958', 'GB', '+442079460958', '+44 20 7946 0958'],
  ['07911 123456', 'GB', '+447911123456', '+44 7911 123456'],
];

type Bad = [input: unknown, region: CountryCode, code: string];
const invalid: Bad[] = [
  ['912345', 'RU', 'phone.tooShort'],
  ['123', 'RU', 'phone.tooShort'],
  ['8 912 345 67', 'RU', 'phone.tooShort'],
  ['+7 912 345 67 89 0', 'RU', 'phone.tooLong'],
  ['+7 912 345 67 89 01 23', 'RU', 'phone.tooLong'],
  ['+1 415 555 267', 'US', 'phone.tooShort'],
  ['abc', 'RU', 'phone.invalid'],
  ['нет телефона', 'RU', 'phone.invalid'],
  ['+7 123 456 78 90', 'RU', 'phone.invalid'],
  ['+7 600 123 45 67', 'RU', 'phone.invalid'],
  ['+1 555 555 5555', 'US', 'phone.invalid'],
  ['+999 1234567', 'RU', 'phone.invalidCountry'],
  ['+7 912 345 67 89; +7 913 111 22 33', 'RU', 'phone.multiple'],
  ['8 912 345-67-89 или 8 913 111-22-33', 'RU', 'phone.multiple'],
  ['+7 912 345 67 89\n+7 913 111 22 33', 'RU', 'phone.multiple'],
  [79123456789.5, 'RU', 'phone.invalid'],
  [-79123456789, 'RU', 'phone.invalid'],
  [{ phone: '+79123456789' }, 'RU', 'phone.invalid'],
];

describe('normalizePhone', () => {
  describe('stores a recognisable number as E.164 with a readable display form', () => {
    // Rows padded to five cells: jest hands a callback to a test function with more parameters than cells.
    const rows = valid.map(([input, region, e164, display, ext]) => [input, region, e164, display, ext ?? ''] as const);
    it.each(rows)('%p in %s → %s', (input, region, e164, display, ext) => {
      const result = normalizePhone(input, region);
      expect(result).toEqual(ext ? { ok: true, e164, display, ext } : { ok: true, e164, display });
    });
  });

  describe('explains what is wrong with anything else', () => {
    it.each(invalid)('%p in %s → %s', (input, region, code) => {
      expect(normalizePhone(input, region)).toEqual({ ok: false, code });
    });
  });

  it('accepts an empty field, whitespace or nothing as no phone at all', () => {
    for (const empty of ['', '   ', '\u00a0', null, undefined]) {
      expect(normalizePhone(empty, 'RU')).toEqual({ ok: true, e164: '', display: '' });
    }
  });

  it('reads its own display form back to the same number (what is written to the sheet re-parses)', () => {
    for (const [input, region] of valid) {
      const first = normalizePhone(input, region);
      if (!first.ok) throw new Error(`expected ${String(input)} to be valid`);
      const again = normalizePhone(first.display, 'US');
      expect(again).toEqual(first);
    }
  });

  it('tells apart the same national digits dialled in different countries', () => {
    expect(normalizePhone('9123456789', 'RU')).toMatchObject({ e164: '+79123456789' });
    expect(normalizePhone('9123456789', 'US')).toMatchObject({ e164: '+19123456789' });
  });
});

describe('formatPhone', () => {
  it.each([
    ['+79123456789', undefined, '+7 912 345-67-89'],
    ['+79123456789', '123', '+7 912 345-67-89 ext. 123'],
    ['79123456789', undefined, '+7 912 345-67-89'],
    ['+14155552671', undefined, '+1 415 555 2671'],
    ['+442079460958', '', '+44 20 7946 0958'],
    ['+380501234567', undefined, '+380 50 123 4567'],
    ['', undefined, ''],
  ])('%s (ext %p) is shown as %p', (e164, ext, shown) => {
    expect(formatPhone(e164, ext)).toBe(shown);
  });

  it('shows an unparseable stored value as it is rather than losing it', () => {
    expect(formatPhone('call the office')).toBe('call the office');
  });
});

describe('phoneDigits', () => {
  it.each([
    ['+7 (912) 345-67-89', '79123456789'],
    ['8 912 345 67 89 доб. 12', '8912345678912'],
    ['no digits', ''],
    [79123456789, '79123456789'],
  ])('%p → %p', (input, digits) => {
    expect(phoneDigits(input)).toBe(digits);
  });
});

describe('regionFromLocale', () => {
  it.each([
    ['ru_RU', 'RU'],
    ['en_US', 'US'],
    ['en_GB', 'GB'],
    ['uk_UA', 'UA'],
    ['kk_KZ', 'KZ'],
    ['ru-KZ', 'KZ'],
    ['ru', 'RU'],
    ['uk', 'UA'],
    ['de_AT', 'AT'],
    ['en', 'US'],
    ['xx_ZZ', 'US'],
    ['', 'US'],
  ])('%p → %s', (locale, region) => {
    expect(regionFromLocale(locale)).toBe(region);
  });
});

describe('phoneMatchKey', () => {
  it('gives a stored E.164 phone and the same number typed by hand the same key', () => {
    expect(phoneMatchKey('+79123456789 ext. 12', 'RU')).toBe('+79123456789');
    expect(phoneMatchKey('8 912 345-67-89', 'RU')).toBe('+79123456789');
    expect(phoneMatchKey('9123456789', 'RU')).toBe('+79123456789');
    expect(phoneMatchKey('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(phoneMatchKey('', 'RU')).toBe('');
  });
});
