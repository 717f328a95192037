// Apps Script entry points: every export becomes a top-level function in dist/Code.js. No logic here.

import { showAboutDialog } from './server/dialogs';
import { buildMenu } from './server/menu';
import { currentLang } from './services/locale';

/**
 * Builds the Kartoteka menu when the spreadsheet opens.
 * @param {GoogleAppsScript.Events.SheetsOnOpen} e the open event
 */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  void e;
  buildMenu(SpreadsheetApp.getUi(), currentLang());
}

/**
 * Runs when the add-on is installed: shows the menu at once.
 * @param {GoogleAppsScript.Events.AddonOnInstall} e the install event
 */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/** Menu: About Kartoteka. */
export function showAbout(): void {
  showAboutDialog(currentLang());
}
