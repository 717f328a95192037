// Tests for the error sentences: every code is explained in both languages and names the field.
import { normalizeMessage, normalizeMessages } from '../../../src/domain/normalize/messages';

describe('normalizeMessages', () => {
  const ruCodes = Object.keys(normalizeMessages.ru).sort();
  const enCodes = Object.keys(normalizeMessages.en).sort();

  it('explains the same codes in Russian and English', () => {
    expect(ruCodes).toEqual(enCodes);
    expect(ruCodes.length).toBeGreaterThanOrEqual(16);
  });

  it.each(ruCodes)('%s names the field and gives an example or a way out in both languages', (code) => {
    for (const lang of ['ru', 'en'] as const) {
      const text = normalizeMessages[lang][code as keyof typeof normalizeMessages.ru];
      expect(text.startsWith('{field}: ')).toBe(true);
      expect(text.length).toBeLessThan(130);
    }
    expect(normalizeMessages.ru[code as keyof typeof normalizeMessages.ru]).toMatch(/[а-я]/);
    expect(normalizeMessages.en[code as keyof typeof normalizeMessages.en]).not.toMatch(/[а-я]/);
  });

  it('fills in the field label', () => {
    expect(normalizeMessage('ru', 'phone.invalid', 'Телефон')).toBe(
      'Телефон: не похоже на номер телефона — пример: +7 912 345-67-89',
    );
    expect(normalizeMessage('en', 'date.noSuchDay', 'Birthday')).toBe(
      'Birthday: there is no such day in the calendar — check the day and the month',
    );
  });
});
