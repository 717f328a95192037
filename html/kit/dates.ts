// Dates in the sidebars: shown as the sheet's locale writes them (15.03.2026, 03/15/2026), read with the domain parser.
import { daysBetween, parseDateInput } from '../../src/domain/normalize/date';
import type { DateCode } from '../../src/domain/normalize/result';
import type { Lang } from './i18n';

export interface DateStyle {
  lang: Lang;
  locale: string;
  timeZone: string;
  today: string;
}

/** True where the domain parser reads 01/02/2000 as January 2nd: the display follows the same order. */
export function isMonthFirst(locale: string): boolean {
  const probe = parseDateInput('01/02/2000', { timeZone: 'UTC', locale });
  return probe.ok && probe.value === '2000-01-02';
}

/** 'дд.мм.гггг' in Russian, 'mm/dd/yyyy' or 'dd/mm/yyyy' in English by the locale. */
export function datePlaceholder(style: Pick<DateStyle, 'lang' | 'locale'>): string {
  if (style.lang === 'ru') return 'дд.мм.гггг';
  return isMonthFirst(style.locale) ? 'mm/dd/yyyy' : 'dd/mm/yyyy';
}

/** '2026-03-15' → '15.03.2026' (ru), '03/15/2026' (en_US), '15/03/2026' (en_GB); a time part is kept as ' 10:30'. */
export function formatDay(iso: string, style: Pick<DateStyle, 'lang' | 'locale'>): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(String(iso ?? ''));
  if (!m) return String(iso ?? '');
  const [, y, mo, d, time] = m;
  let day: string;
  if (style.lang === 'ru') day = `${d}.${mo}.${y}`;
  else if (isMonthFirst(style.locale)) day = `${mo}/${d}/${y}`;
  else day = `${d}/${mo}/${y}`;
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
