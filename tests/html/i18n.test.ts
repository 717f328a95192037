// The sidebars' message catalog: both languages complete, placeholders filled, Russian plurals right.
import { daysWord, KIT_MESSAGES, tr } from '../../html/kit/i18n';

describe('sidebar messages', () => {
  it('has every message in Russian and English with the same placeholders', () => {
    const ruKeys = Object.keys(KIT_MESSAGES.ru).sort();
    expect(Object.keys(KIT_MESSAGES.en).sort()).toEqual(ruKeys);
    const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of ruKeys as Array<keyof typeof KIT_MESSAGES.ru>) {
      expect(KIT_MESSAGES.en[key].trim()).not.toBe('');
      expect([key, params(KIT_MESSAGES.en[key])]).toEqual([key, params(KIT_MESSAGES.ru[key])]);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(tr('ru', 'added', { id: 'C-000123' })).toBe('Клиент добавлен: C-000123');
    expect(tr('en', 'added', { id: 'C-000123' })).toBe('Client added: C-000123');
    expect(tr('en', 'added')).toBe('Client added: {id}');
  });

  it.each([
    [1, 'день'],
    [2, 'дня'],
    [4, 'дня'],
    [5, 'дней'],
    [11, 'дней'],
    [12, 'дней'],
    [14, 'дней'],
    [21, 'день'],
    [22, 'дня'],
    [25, 'дней'],
    [101, 'день'],
    [111, 'дней'],
  ])('says "через %i %s" in Russian', (n, word) => {
    expect(daysWord('ru', n)).toBe(word);
  });

  it('says day or days in English', () => {
    expect(daysWord('en', 1)).toBe('day');
    expect(daysWord('en', 0)).toBe('days');
    expect(daysWord('en', 3)).toBe('days');
  });
});
