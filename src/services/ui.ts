// Toasts and alerts in the open spreadsheet: how long operations show progress and end with a summary.
import { type Lang, t } from '../i18n';

/** A toast in the corner of the sheet, titled with the add-on's name. */
export function toast(lang: Lang, message: string, seconds = 5): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(message, t(lang, 'app.name'), seconds);
}

/** A modal alert with an OK button (menu commands end with one). */
export function alert(title: string, prompt: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, prompt, ui.ButtonSet.OK);
}
