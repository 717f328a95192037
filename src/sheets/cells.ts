// Converts between domain values (strings, numbers, 'yyyy-mm-dd' dates) and what a Sheets cell holds.
import type { FieldDef } from '../domain/fields';
import { serialToIso } from '../domain/normalize/date';
import { asSheetText } from '../domain/normalize/text';
import { dateToWall, wallToDate } from '../services/env';

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** A serial number in a date column (a date typed where the format was lost) as the domain's wall time. */
function serialToWall(serial: number, withTime: boolean): string {
  const day = serialToIso(serial);
  if (!withTime) return day;
  const minutes = Math.min(Math.round((serial - Math.floor(serial)) * 1440), 1439);
  return `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** What the domain sees for a cell of this field. Unparseable text in a date column stays as typed. */
export function fromCell(field: FieldDef, cell: unknown, tz: string): string | number {
  if (cell === '' || cell === null || cell === undefined) return '';
  switch (field.type) {
    case 'date':
    case 'datetime':
      if (isDate(cell)) return dateToWall(cell, tz, field.type === 'datetime');
      if (typeof cell === 'number') return serialToWall(cell, field.type === 'datetime');
      return String(cell).trim();
    case 'amount':
    case 'count':
      if (typeof cell === 'number') return cell;
      return String(cell).trim();
    default:
      if (isDate(cell)) return dateToWall(cell, tz, false);
      return String(cell).trim();
  }
}

/** What to write for a domain value: Dates for dates, numbers for numbers, text that Sheets will keep as text. */
export function toCell(field: FieldDef, value: unknown, tz: string): unknown {
  if (value === '' || value === null || value === undefined) return '';
  switch (field.type) {
    case 'date':
    case 'datetime': {
      const text = String(value);
      return /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(text) ? wallToDate(text, tz) : asSheetText(text);
    }
    case 'amount':
    case 'count':
      return typeof value === 'number' ? value : asSheetText(String(value));
    default:
      return asSheetText(String(value));
  }
}
