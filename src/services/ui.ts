// Toasts and alerts in the open spreadsheet: how long operations show progress and end with a summary.
import { type Lang, t } from '../i18n';

/** A toast in the corner of the sheet, titled with the add-on's name. */
export function toast(lang: Lang, message: string, seconds = 5): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(message, t(lang, 'app.name'), seconds);
}

/** A Yes/No question before something that cannot be taken back from the menu; true for Yes. */
export function confirm(title: string, prompt: string): boolean {
  const ui = SpreadsheetApp.getUi();
  return ui.alert(title, prompt, ui.ButtonSet.YES_NO) === ui.Button.YES;
}

/** A modal alert with an OK button (menu commands end with one). */
export function alert(title: string, prompt: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, prompt, ui.ButtonSet.OK);
}
