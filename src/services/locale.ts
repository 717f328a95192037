// The language the add-on speaks in this spreadsheet: the sheet's own locale, else the user's.
import { type Lang, langFromLocale } from '../i18n';

/** Works in every AuthMode: in NONE the spreadsheet cannot be read, so the user's locale decides. */
export function currentLang(): Lang {
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    if (ss) return langFromLocale(ss.getSpreadsheetLocale());
  } catch (_e) {
    // AuthMode.NONE or LIMITED without a bound document: fall through to the user's locale.
  }
  try {
    return langFromLocale(Session.getActiveUserLocale());
  } catch (_e) {
    return 'en';
  }
}
