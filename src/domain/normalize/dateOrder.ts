// How a spreadsheet locale writes a calendar date: the one place that decides day/month order for the parser, the
// cell formats setup applies and the sidebars. Orders follow the locales' short date (CLDR, which Sheets uses):
// en_PH writes 3/15/2026 (month first) while es_US writes 15/3/2026 (day first), though both are "US-like".

/** A Sheets number format for date cells. */
export type DatePattern = 'dd.mm.yyyy' | 'mm/dd/yyyy' | 'dd/mm/yyyy' | 'yyyy-mm-dd';

// Month first: English (and Filipino, Cebuano, Cherokee) in these regions, and Spanish in Puerto Rico; a bare 'en'.
const MONTH_FIRST_REGIONS = new Set(['US', 'PH', 'PR', 'GU', 'MH', 'AS', 'UM', 'VI', 'MP']);
const MONTH_FIRST_LANGUAGES = new Set(['en', 'fil', 'ceb', 'chr']);
const MONTH_FIRST_LOCALES = new Set(['es_PR']);
// Languages that write dd.mm.yyyy.
const DOTTED = new Set(['ru', 'uk', 'be', 'kk', 'de', 'pl', 'cs', 'tr', 'fi', 'nb', 'da']);
// Languages that write dd/mm/yyyy outside month-first regions.
const SLASHED = new Set(['en', 'fr', 'es', 'it', 'pt']);

function parts(locale: string | undefined): { language: string; region: string } {
  const [language = '', region = ''] = String(locale ?? '').split(/[-_]/);
  return { language: language.toLowerCase(), region: region.toUpperCase() };
}

/** The date format Sheets shows in this locale (and the order people type dates in). */
export function datePattern(locale: string | undefined): DatePattern {
  const { language, region } = parts(locale);
  if (monthFirstIn(language, region)) return 'mm/dd/yyyy';
  if (DOTTED.has(language)) return 'dd.mm.yyyy';
  if (SLASHED.has(language)) return 'dd/mm/yyyy';
  return 'yyyy-mm-dd';
}

function monthFirstIn(language: string, region: string): boolean {
  if (!region) return language === 'en';
  if (MONTH_FIRST_LOCALES.has(`${language}_${region}`)) return true;
  return MONTH_FIRST_LANGUAGES.has(language) && MONTH_FIRST_REGIONS.has(region);
}

/** True where 01/02/2000 means January 2nd. */
export function isMonthFirst(locale: string | undefined): boolean {
  return datePattern(locale) === 'mm/dd/yyyy';
}

/**
 * A date a person would type into a field, in the locale's pattern: a plausible birth date for a birth date, today
 * for the others (the example in a date error).
 */
export function dateExample(key: string, locale: string | undefined, today: string): string {
  return formatIsoDate(key === 'birthDate' ? '1985-03-15' : today, locale);
}

/** '2026-03-05' in the locale's pattern ('05.03.2026', '03/05/2026', '05/03/2026', '2026-03-05'). */
export function formatIsoDate(iso: string, locale: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  switch (datePattern(locale)) {
    case 'dd.mm.yyyy':
      return `${d}.${mo}.${y}`;
    case 'mm/dd/yyyy':
      return `${mo}/${d}/${y}`;
    case 'dd/mm/yyyy':
      return `${d}/${mo}/${y}`;
    default:
      return iso;
  }
}
