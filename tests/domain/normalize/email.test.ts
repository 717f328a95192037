// Tests for email normalisation: pasted addresses become one lower-case address or a clear error code.
import { normalizeEmail } from '../../../src/domain/normalize/email';

describe('normalizeEmail', () => {
  it.each([
    ['anna@example.ru', 'anna@example.ru'],
    ['  Anna.Petrova@Example.RU ', 'anna.petrova@example.ru'],
    ['mailto:anna@example.ru', 'anna@example.ru'],
    ['MAILTO:Anna@Example.ru?subject=Hello', 'anna@example.ru'],
    ['<anna@example.ru>', 'anna@example.ru'],
    ['Anna Petrova <anna@example.ru>', 'anna@example.ru'],
    ['"Петрова Анна" <Anna@Mail.Ru>', 'anna@mail.ru'],
    ["john.o'brien+crm@sub.example.co.uk", "john.o'brien+crm@sub.example.co.uk"],
    ['a_b-c@my-clinic.com', 'a_b-c@my-clinic.com'],
    ['анна@почта.рф', 'анна@почта.рф'],
    ['user@xn--80a1acny.xn--p1ai', 'user@xn--80a1acny.xn--p1ai'],
    ['\u200banna@example.ru\ufeff', 'anna@example.ru'],
  ])('%p → %p', (input, value) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['anna'],
    ['anna@'],
    ['@example.ru'],
    ['anna@example'],
    ['anna@@example.ru'],
    ['anna@exa mple.ru'],
    ['anna petrova@example.ru'],
    ['anna..petrova@example.ru'],
    ['.anna@example.ru'],
    ['anna.@example.ru'],
    ['anna@-example.ru'],
    ['anna@example.ru.'],
    ['anna@example.r'],
    ['anna@example.123'],
    ['anna@exam_ple.ru'],
    ['anna(at)example.ru'],
    ['a'.repeat(65) + '@example.ru'],
    ['anna@' + 'a'.repeat(250) + '.ru'],
  ])('%p is not an address', (input) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, code: 'email.invalid' });
  });

  it.each([
    ['anna@example.ru, ivan@example.ru'],
    ['anna@example.ru; ivan@example.ru'],
    ['anna@example.ru ivan@example.ru'],
  ])('%p is two addresses in one field', (input) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, code: 'email.multiple' });
  });

  it('accepts an empty field as no email', () => {
    for (const empty of ['', '  ', null, undefined]) expect(normalizeEmail(empty)).toEqual({ ok: true, value: '' });
  });

  it('rejects values that are not text, such as a number cell', () => {
    expect(normalizeEmail(12345)).toEqual({ ok: false, code: 'email.invalid' });
    expect(normalizeEmail(new Date())).toEqual({ ok: false, code: 'email.invalid' });
  });
});
