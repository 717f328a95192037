// Dates in the sidebars: shown as the sheet's locale writes them (15.03.2026, 03/15/2026), read with the domain parser.
import { daysBetween, parseDateInput } from '../../src/domain/normalize/date';
import { datePattern, formatIsoDate } from '../../src/domain/normalize/dateOrder';
import type { DateCode } from '../../src/domain/normalize/result';
import type { Lang } from './i18n';

export interface DateStyle {
  lang: Lang;
  locale: string;
  timeZone: string;
  today: string;
}

/** True where dates are month first: the domain's datePattern decides, for the parser, cell formats and sidebars. */
export function isMonthFirst(locale: string): boolean {
  return datePattern(locale) === 'mm/dd/yyyy';
}

/** 'дд.мм.гггг' in Russian, else the locale's pattern ('mm/dd/yyyy', 'dd/mm/yyyy', 'dd.mm.yyyy', 'yyyy-mm-dd'). */
export function datePlaceholder(style: Pick<DateStyle, 'lang' | 'locale'>): string {
  const pattern = datePattern(style.locale);
  if (style.lang === 'ru') return pattern.replace(/d/g, 'д').replace(/m/g, 'м').replace(/y/g, 'г');
  return pattern;
}

/** '2026-03-15' → '15.03.2026' (ru), '03/15/2026' (en_US), '15/03/2026' (en_GB); a time part is kept as ' 10:30'. */
export function formatDay(iso: string, style: Pick<DateStyle, 'lang' | 'locale'>): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(String(iso ?? ''));
  if (!m) return String(iso ?? '');
  const [, date, time] = m;
  const day = formatIsoDate(date, style.locale);
  return time && time !== '00:00' ? `${day} ${time}` : day;
}

export type DayParse = { ok: true; value: string } | { ok: false; code: DateCode };

/** What a person typed → 'yyyy-mm-dd' ('' stays ''), with the sheet's rules for day/month order and short years. */
export function parseDay(text: string, style: DateStyle): DayParse {
  return parseDateInput(text, { timeZone: style.timeZone, locale: style.locale, today: style.today });
}

/** Whole days from today to iso (negative in the past), or null without a date. */
export function daysFromToday(iso: string, today: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}/.test(String(iso ?? ''))) return null;
  return daysBetween(today, iso.slice(0, 10));
}

/** '12 500 ₽' / '$12,500.00' in the sheet's currency; a plain number when the code is unknown to the browser. */
export function formatMoney(amount: number, currency: string, lang: Lang): string {
  const n = Number(amount) || 0;
  try {
    return new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', {
      style: 'currency',
      currency: currency || 'RUB',
      maximumFractionDigits: Number.isInteger(n) ? 0 : 2,
      minimumFractionDigits: Number.isInteger(n) ? 0 : 2,
    }).format(n);
  } catch (_e) {
    return `${n} ${currency}`.trim();
  }
}
