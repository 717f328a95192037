// What a segment tab lists and in which order, from its conditions: name, phone and email, then the fields the
// conditions are about (the dates the segment is about among them), the total spent, the ID. Birthdays are sorted
// by day of month (or days until), date segments by their date, the rest by total spent, biggest first.
import type { Lang } from '../../i18n';
import { CLIENT_FIELDS, type FieldDef } from '../fields';
import { type Condition, fieldKind } from './grammar';
import { segText } from './messages';

export const CLIENT_FIELD_BY_KEY = new Map(CLIENT_FIELDS.map((f) => [f.key, f]));

export type ColumnFormat = 'text' | 'date' | 'datetime' | 'money' | 'count';

export interface SegmentColumn {
  /** The client field shown (or the date a helper column is computed from). */
  field: string;
  /** A computed column: day of month of a yearly date, or days until its next anniversary. */
  helper?: 'day' | 'inDays';
  format: ColumnFormat;
}

export interface SegmentPlan {
  columns: SegmentColumn[];
  /** 0-based columns and direction, in order; the name breaks ties. */
  sort: Array<{ column: number; asc: boolean }>;
}

/** Regions whose calendars start the week on Sunday (WEEKDAY type 1 in the formulas). */
const SUNDAY_REGIONS = new Set(['US', 'CA', 'JP', 'BR', 'MX', 'IL', 'KR', 'TW', 'HK', 'PH', 'SA', 'ZA']);

export function weekStartsOnSunday(locale: string): boolean {
  const region = (String(locale).split(/[-_]/)[1] ?? '').toUpperCase();
  return SUNDAY_REGIONS.has(region);
}

function formatOf(field: FieldDef): ColumnFormat {
  switch (field.type) {
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'amount':
      return 'money';
    case 'count':
      return 'count';
    default:
      return 'text';
  }
}

export function planSegment(conditions: Condition[]): SegmentPlan {
  const columns: SegmentColumn[] = [];
  const add = (key: string, helper?: SegmentColumn['helper']) => {
    const found = columns.findIndex((c) => c.field === key && c.helper === helper);
    if (found >= 0) return found;
    const field = CLIENT_FIELD_BY_KEY.get(key)!;
    columns.push({ field: key, helper, format: helper ? 'count' : formatOf(field) });
    return columns.length - 1;
  };
  for (const key of ['fullName', 'phone', 'email']) add(key);
  const sort: SegmentPlan['sort'] = [];
  for (const c of conditions) {
    const field = CLIENT_FIELD_BY_KEY.get(c.field)!;
    const at = add(c.field);
    if (sort.length) continue;
    const kind = fieldKind(field);
    if (kind === 'yearly' && (c.op === 'thisMonth' || c.op === 'today'))
      sort.push({ column: add(c.field, 'day'), asc: true });
    else if (kind === 'yearly' && c.op === 'nextDays') sort.push({ column: add(c.field, 'inDays'), asc: true });
    else if (kind === 'date' && !['empty', 'notEmpty'].includes(c.op)) sort.push({ column: at, asc: true });
  }
  const spent = add('totalSpent');
  if (!sort.length) sort.push({ column: spent, asc: false });
  add('id');
  sort.push({ column: 0, asc: true });
  return { columns, sort };
}

/** Column headers in the sheet's language. */
export function columnHeader(lang: Lang, column: SegmentColumn): string {
  const field = CLIENT_FIELD_BY_KEY.get(column.field)!;
  if (column.helper === 'day') return segText(lang, 'head.day');
  if (column.helper === 'inDays') return segText(lang, 'head.inDays');
  return field.header[lang];
}
