// The morning run's texts: every message in both languages, the same placeholders in each, Russian plurals.
import {
  DEFAULT_TEMPLATES,
  DIGEST_TEXT,
  DROP_LABELS,
  EXCLUSION_LABELS,
  PLACEHOLDER_NAMES,
  PROBLEM_LABELS,
  plural,
  RULE_LABELS,
  reminderMessage,
  SETTING_LABELS,
  TEMPLATE_RULE_LABELS,
  YEARS,
} from '../../../src/domain/reminders/messages';
import { renderTemplate } from '../../../src/domain/reminders/templates';

const params = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

describe('reminder messages', () => {
  it.each([
    ['digest texts', DIGEST_TEXT],
    ['settings labels', SETTING_LABELS],
    ['rule labels', RULE_LABELS],
    ['exclusions', EXCLUSION_LABELS],
    ['drop reasons', DROP_LABELS],
    ['row problems', PROBLEM_LABELS],
    ['template rules', TEMPLATE_RULE_LABELS],
  ])('has the same %s in Russian and English, with the same placeholders, Russian in Cyrillic', (_name, table) => {
    const t = table as Record<'ru' | 'en', Record<string, string>>;
    expect(Object.keys(t.ru).sort()).toEqual(Object.keys(t.en).sort());
    for (const key of Object.keys(t.ru)) {
      expect(params(t.ru[key])).toEqual(params(t.en[key]));
      if (!/\p{L}/u.test(t.ru[key].replace(/\{\w+\}/g, ''))) continue;
      expect(t.ru[key]).toMatch(/[а-яё]/i);
      expect(t.en[key]).not.toMatch(/[а-яё]/i);
    }
  });

  it('fills the setting’s label into a settings error', () => {
    expect(reminderMessage('ru', 'settings.outOfRange', { key: 'hour', min: 0, max: 23 })).toBe(
      'Час утренней рассылки: нужно целое число от 0 до 23',
    );
  });

  it('declines Russian numbers (1 год, 2 года, 5 лет, 11 лет, 21 год, 112 лет)', () => {
    expect([1, 2, 5, 11, 21, 22, 112].map((n) => `${n} ${plural('ru', n, YEARS)}`)).toEqual([
      '1 год',
      '2 года',
      '5 лет',
      '11 лет',
      '21 год',
      '22 года',
      '112 лет',
    ]);
    expect(plural('en', 1, YEARS)).toBe('year');
    expect(plural('en', 2, YEARS)).toBe('years');
  });

  it('has placeholder names in both languages for every special value', () => {
    for (const names of Object.values(PLACEHOLDER_NAMES)) {
      expect(names.some((n) => /[а-яё]/i.test(n))).toBe(true);
      expect(names.some((n) => /^[a-z ]+$/i.test(n))).toBe(true);
    }
  });

  it.each(['ru', 'en'] as const)('has %s default templates that use only known placeholders', (lang) => {
    for (const t of Object.values(DEFAULT_TEMPLATES[lang])) {
      expect(renderTemplate(t, {}, { lang, dateFormat: 'dd.mm.yyyy' }).unknown).toEqual([]);
    }
  });
});
