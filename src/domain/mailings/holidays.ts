// The Holidays tab: greetings the morning run sends on their day every year, to a segment (or everyone who agreed
// to letters), with a template from the Templates tab. Seeded for the sheet's language and country.
import type { Lang } from '../../i18n';
import { type FieldDef, type FieldType, headerKey } from '../fields';
import { isLeapYear } from '../reminders/dates';
import { isActive } from '../segments/definitions';
import type { SettingsTabSpec } from '../tabs';
import { mailText } from './messages';

export interface HolidayRowValues {
  row?: number;
  date: unknown;
  segment: unknown;
  template: unknown;
  active: unknown;
}

export interface Holiday {
  row?: number;
  /** 'mm-dd'. */
  monthDay: string;
  /** A segment's name as in the Segments tab, or '' for everyone who agreed to letters. */
  segment: string;
  template: string;
}

/** The segment cell's word for "every client who agreed to letters". */
export const ALL_WITH_CONSENT: Record<Lang, string> = { ru: 'все с согласием', en: 'all with consent' };

export function isAllSegment(name: unknown): boolean {
  const k = headerKey(name);
  return k === '' || k === headerKey(ALL_WITH_CONSENT.ru) || k === headerKey(ALL_WITH_CONSENT.en);
}

const MONTHS: Array<readonly string[]> = [
  ['янв', 'jan'],
  ['фев', 'feb'],
  ['мар', 'mar'],
  ['апр', 'apr'],
  ['мая', 'май', 'may'],
  ['июн', 'jun'],
  ['июл', 'jul'],
  ['авг', 'aug'],
  ['сен', 'sep'],
  ['окт', 'oct'],
  ['ноя', 'nov'],
  ['дек', 'dec'],
];

const DAYS_IN = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthDay(month: number, day: number): string | undefined {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN[month - 1])) return undefined;
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  const i = MONTHS.findIndex((names) => names.some((n) => w.startsWith(n)));
  return i >= 0 ? i + 1 : undefined;
}

/**
 * A holiday's day and month: '08.03', '8.3', '8 марта', 'March 8', '03/08' (month first in English sheets), or a
 * date the sheet made of it ('2026-03-08'; the year is ignored). Undefined when it cannot be read.
 */
export function readMonthDay(value: unknown, lang: Lang): string | undefined {
  const s = String(value ?? '').trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return monthDay(Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s*[.-]\s*(\d{1,2})(?:\s*[.-]\s*\d{2,4})?$/.exec(s);
  if (m) return monthDay(Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*\d{2,4})?$/.exec(s);
  if (m) return lang === 'en' ? monthDay(Number(m[1]), Number(m[2])) : monthDay(Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\s+(\p{L}+)\.?$/u.exec(s);
  if (m && monthOf(m[2])) return monthDay(monthOf(m[2])!, Number(m[1]));
  m = /^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$/u.exec(s);
  if (m && monthOf(m[1])) return monthDay(monthOf(m[1])!, Number(m[2]));
  return undefined;
}

/** 'mm-dd' as the sheet's language writes it: '08.03' or '03/08'. */
export function formatMonthDay(md: string, lang: Lang): string {
  const [mm, dd] = md.split('-');
  return lang === 'ru' ? `${dd}.${mm}` : `${mm}/${dd}`;
}

/** The rows a new Holidays tab starts with (Russian sheets: New Year, 23 February, 8 March). */
export function defaultHolidays(lang: Lang): Array<Record<string, string>> {
  const all = ALL_WITH_CONSENT[lang];
  const yes = lang === 'ru' ? 'да' : 'yes';
  if (lang === 'en') return [{ date: '01/01', segment: all, template: 'New Year', active: yes }];
  return [
    { date: '01.01', segment: all, template: 'Новый год', active: yes },
    { date: '23.02', segment: all, template: '23 февраля', active: yes },
    { date: '08.03', segment: all, template: '8 марта', active: yes },
  ];
}

export interface HolidayProblem {
  row?: number;
  message: string;
}

/** The tab's rows → active holidays; a row whose date cannot be read or without a template is reported. */
export function readHolidays(
  rows: readonly HolidayRowValues[],
  lang: Lang,
): { holidays: Holiday[]; problems: HolidayProblem[] } {
  const holidays: Holiday[] = [];
  const problems: HolidayProblem[] = [];
  for (const r of rows) {
    const date = String(r.date ?? '').trim();
    const template = String(r.template ?? '').trim();
    if (!date && !template) continue;
    if (!isActive(r.active)) continue;
    const md = readMonthDay(date, lang);
    if (!md) {
      problems.push({ row: r.row, message: mailText(lang, 'holiday.badDate', { row: r.row ?? '', value: date }) });
      continue;
    }
    if (!template) {
      problems.push({ row: r.row, message: mailText(lang, 'holiday.noTemplate', { row: r.row ?? '' }) });
      continue;
    }
    const segment = String(r.segment ?? '').trim();
    holidays.push({ row: r.row, monthDay: md, segment: isAllSegment(segment) ? '' : segment, template });
  }
  return { holidays, problems };
}

/** The holidays whose day is `today` (a 29 February holiday is kept on 28 February in other years). */
export function holidaysOn(holidays: readonly Holiday[], today: string): Holiday[] {
  const md = today.slice(5);
  const leap = isLeapYear(Number(today.slice(0, 4)));
  return holidays.filter((h) => h.monthDay === md || (!leap && md === '02-28' && h.monthDay === '02-29'));
}

const column = (key: string, type: FieldType, ru: string, en: string, width: number): FieldDef => ({
  key,
  type,
  header: { ru, en },
  group: 'system',
  width,
});

/** The Holidays tab: one row per greeting (day and month, segment, template, active). */
export const HOLIDAYS_TAB: SettingsTabSpec & { fields: FieldDef[] } = {
  kind: 'settings',
  key: 'holidays',
  name: { ru: 'Праздники', en: 'Holidays' },
  fields: [
    column('date', 'text', 'День и месяц', 'Month and day', 120),
    column('segment', 'text', 'Кому (сегмент)', 'To (segment)', 200),
    column('template', 'text', 'Шаблон письма', 'Letter template', 220),
    column('active', 'text', 'Включено', 'On', 90),
  ],
  seed: (lang) => defaultHolidays(lang),
};
