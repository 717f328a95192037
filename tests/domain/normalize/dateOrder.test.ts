// Day/month order, decided once (datePattern) and used alike by the parser, the cell formats setup applies and the
// sidebars. Orders follow each locale's short date in CLDR, the locale data Google Sheets formats dates with.
import { datePlaceholder, formatDay, isMonthFirst as sidebarMonthFirst } from '../../../html/kit/dates';
import { parseDateInput } from '../../../src/domain/normalize/date';
import { datePattern, formatIsoDate, isMonthFirst } from '../../../src/domain/normalize/dateOrder';
import { dateFormat } from '../../../src/sheets/setup';

const LOCALES = [
  'ru_RU',
  'uk_UA',
  'kk_KZ',
  'en_US',
  'en_GB',
  'en_PH',
  'en_AU',
  'en_CA',
  'en_IN',
  'en',
  'es_US',
  'es_PR',
  'es_ES',
  'es_MX',
  'fr_FR',
  'fr_CA',
  'de_DE',
  'it_IT',
  'pt_BR',
  'pl_PL',
  'ja_JP',
  'zh_CN',
  'ko_KR',
  'fil_PH',
  'ru_US',
];

describe('datePattern', () => {
  it.each([
    ['ru_RU', 'dd.mm.yyyy'],
    ['de_DE', 'dd.mm.yyyy'],
    ['en_US', 'mm/dd/yyyy'],
    ['en', 'mm/dd/yyyy'],
    ['en_GB', 'dd/mm/yyyy'],
    ['fr_FR', 'dd/mm/yyyy'],
    ['ja_JP', 'yyyy-mm-dd'],
    ['en-US', 'mm/dd/yyyy'],
  ])('%s writes %s', (locale, pattern) => {
    expect(datePattern(locale)).toBe(pattern);
  });

  it('en_PH is month first: 03/05/2026 is March 5 and cells show mm/dd/yyyy', () => {
    expect(datePattern('en_PH')).toBe('mm/dd/yyyy');
    expect(parseDateInput('03/05/2026', { timeZone: 'Asia/Manila', locale: 'en_PH' })).toEqual({
      ok: true,
      value: '2026-03-05',
    });
    expect(dateFormat('en_PH')).toBe('mm/dd/yyyy');
    expect(formatDay('2026-03-05', { lang: 'en', locale: 'en_PH' })).toBe('03/05/2026');
  });

  it('es_US is day first (Spanish short dates): 03/05/2026 is 3 May and cells show dd/mm/yyyy', () => {
    expect(datePattern('es_US')).toBe('dd/mm/yyyy');
    expect(parseDateInput('03/05/2026', { timeZone: 'America/New_York', locale: 'es_US' })).toEqual({
      ok: true,
      value: '2026-05-03',
    });
    expect(dateFormat('es_US')).toBe('dd/mm/yyyy');
    expect(formatDay('2026-05-03', { lang: 'en', locale: 'es_US' })).toBe('03/05/2026');
  });

  it('Spanish in Puerto Rico and English-speaking US territories stay month first', () => {
    expect(isMonthFirst('es_PR')).toBe(true);
    expect(isMonthFirst('en_GU')).toBe(true);
    expect(isMonthFirst('ru_US')).toBe(false);
  });
});

describe('the parser, the cell format and the sidebars agree', () => {
  it.each(LOCALES)('%s: a date shown the locale way reads back as the same day', (locale) => {
    for (const iso of ['2026-03-05', '2026-11-04', '2026-12-31']) {
      const shown = formatIsoDate(iso, locale);
      expect(parseDateInput(shown, { timeZone: 'UTC', locale, today: '2026-06-01' })).toEqual({ ok: true, value: iso });
      expect(formatDay(iso, { lang: 'en', locale })).toBe(shown);
    }
  });

  it.each(LOCALES)('%s: setup formats cells with the pattern the parser reads', (locale) => {
    expect(dateFormat(locale)).toBe(datePattern(locale));
    expect(sidebarMonthFirst(locale)).toBe(datePattern(locale).startsWith('mm'));
    const ambiguous = parseDateInput('01/02/2000', { timeZone: 'UTC', locale });
    expect(ambiguous).toEqual({ ok: true, value: isMonthFirst(locale) ? '2000-01-02' : '2000-02-01' });
  });

  it('the sidebar placeholder is the pattern, in Russian letters on a Russian sheet', () => {
    expect(datePlaceholder({ lang: 'ru', locale: 'ru_RU' })).toBe('дд.мм.гггг');
    expect(datePlaceholder({ lang: 'en', locale: 'en_PH' })).toBe('mm/dd/yyyy');
    expect(datePlaceholder({ lang: 'en', locale: 'de_DE' })).toBe('dd.mm.yyyy');
  });
});
