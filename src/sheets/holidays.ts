// The Holidays tab (settings-like: one row per greeting, seeded by setup in the sheet's language), read as rows.
import { HOLIDAYS_TAB, type HolidayRowValues } from '../domain/mailings';
import { readTabByName } from './fastRead';
import { NotSetUpError } from './records';

/** The holiday rows people keep; null when the tab does not exist (no greetings are sent). */
export function readHolidayRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tz: string): HolidayRowValues[] | null {
  try {
    const { rows } = readTabByName(ss, HOLIDAYS_TAB, tz);
    return rows.map((r) => ({ row: r.row, date: r.date, segment: r.segment, template: r.template, active: r.active }));
  } catch (e) {
    if (e instanceof NotSetUpError) return null;
    throw e;
  }
}
