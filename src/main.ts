// Apps Script entry points: every export becomes a top-level function in dist/Code.js. No logic here.
import * as api from './server/api';
import { showAboutDialog, showSidebar } from './server/dialogs';
import * as imports from './server/importApi';
import * as mailings from './server/mailings';
import { buildMenu } from './server/menu';
import { menuRecompute, menuSetup } from './server/menuActions';
import * as reminders from './server/reminders';
import * as trust from './server/trustMenu';
import { doGet as unsubscribePage } from './server/unsubscribe';
import { currentLang } from './services/locale';
import type { ClientInput, ClientPatch, ContactInput, ServerApi } from './shared/api';
import type { ImportRequest } from './shared/import';
import type { MailingRequest } from './shared/mailings';
import type { ReminderPatch } from './shared/reminders';

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

/** Menu: New client — the sidebar form. */
export function showNewClient(): void {
  showSidebar('new-client', currentLang());
}

/**
 * Menu: Log contact — for the given client, else the client in the selected row, else found by search.
 * @param {string=} clientId a client ID such as C-000123 (a sidebar may pass one)
 */
export function showLogContact(clientId?: string): void {
  showSidebar('log-contact', currentLang(), api.clientToOpen(clientId));
}

/**
 * Menu: Client card — for the given client, else the client in the selected row, else found by search.
 * @param {string=} clientId a client ID such as C-000123 (the duplicate warning passes one)
 */
export function showClientCard(clientId?: string): void {
  showSidebar('client-card', currentLang(), api.clientToOpen(clientId));
}

/** Menu: Reminders — on/off, hour, recipients, rules, Run now and What will be sent today. */
export function showReminders(): void {
  showSidebar('reminders', currentLang());
}

/** Menu: Set up / repair database, with progress toasts and a summary. */
export function menuSetupDatabase(): void {
  menuSetup();
}

/** Menu: Rebuild segments and funnel — every generated tab from the sheet as it is now, with progress toasts. */
export function rebuildSegments() {
  return api.rebuildSegments();
}

/**
 * The clients of a segment, selected by the rules its tab's formula uses (what mailings send to).
 * @param {string} name the segment's name as in the Segments tab
 */
export function segmentMembers(name: string) {
  return api.segmentMembers(name);
}

/** Menu: Check the database — clients against the last snapshot, duplicate IDs, the audit chain. */
export function menuCheckIntegrity(): void {
  trust.menuCheckIntegrity();
}

/** Menu: Restore vanished clients from the snapshot (owner and admins). */
export function menuRestoreClients(): void {
  trust.menuRestoreClients();
}

/** Menu: Verify the audit log against its hash chain (owner and admins). */
export function menuVerifyAudit(): void {
  trust.menuVerifyAudit();
}

/** The daily integrity check now; returns the report and its sentences. */
export function checkIntegrity() {
  return api.checkIntegrity();
}

/** Brings vanished clients back from the snapshot and IDs back to rows that lost them. */
export function restoreClients() {
  return api.restoreClients();
}

/** Checks every audit entry against the hash chain; says which rows were altered or deleted. */
export function verifyAudit() {
  return api.verifyAudit();
}

/** Menu: Recompute totals from the journal. */
export function menuRecomputeClients(): void {
  menuRecompute();
}

/** Creates missing tabs and columns and restores validation, formats, protection and triggers. */
export function setupDatabase() {
  return api.setupDatabase();
}

/** Adds a client card; returns its ID, field errors, or likely duplicates. */
export function addClient(input: ClientInput) {
  return api.addClient(input);
}

/** Changes fields of a client card. */
export function updateClient(id: string, patch: ClientPatch) {
  return api.updateClient(id, patch);
}

/** Appends a contact to the journal and updates the client's stage and totals. */
export function logContact(input: ContactInput) {
  return api.logContact(input);
}

/** A client card with facts and the journal timeline, newest first. */
export function getClientCard(id: string) {
  return api.getClientCard(id);
}

/** Clients matching a name, a phone fragment, an email or an ID, best first. */
export function searchClients(query: string) {
  return api.searchClients(query);
}

/** Clients that look like the one being typed (same phone or email, very similar name). */
export function checkDuplicates(input: Record<string, unknown>) {
  return api.checkDuplicates(input);
}

/** Merges dropId into keepId: journal re-pointed, no value lost, the merge recorded. */
export function mergeClients(keepId: string, dropId: string) {
  return api.mergeClients(keepId, dropId);
}

/** Recomputes every client's totals from the journal. */
export function recomputeClients() {
  return api.recomputeClients();
}

/** The Settings lists and values. */
export function getSettings() {
  return api.getSettings();
}

/** Changes Settings lists or values after validating them. */
export function updateSettings(patch: Parameters<typeof api.updateSettings>[0]) {
  return api.updateSettings(patch);
}

/** What a sidebar needs to render: language, lists, today, headers, selected client. */
export function getFormContext() {
  return api.getFormContext();
}

/**
 * Installable onEdit trigger: stamps funnel dates when Stage is edited by hand.
 * @param {GoogleAppsScript.Events.SheetsOnEdit} e the edit event
 */
export function onEditInstalled(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  api.onEditInstalled(e);
}

/**
 * Installable onChange trigger: notices inserted, removed or moved columns.
 * @param {GoogleAppsScript.Events.SheetsOnChange} e the change event
 */
export function onChangeInstalled(e: GoogleAppsScript.Events.SheetsOnChange): void {
  api.onChangeInstalled(e);
}

/** Nightly trigger: recomputes totals from the journal. */
export function nightly(): void {
  api.nightly();
}

/** The reminder settings, who sends, and the last run. */
export function getReminderSettings() {
  return reminders.getReminderSettings();
}

/**
 * Changes reminder settings (a partial object; unknown keys are an error, nothing is written on any error).
 * @param {Object} patch e.g. { recipients: ['anna@clinic.ru'], birthdayDaysAhead: 7 }
 */
export function saveReminderSettings(patch: ReminderPatch) {
  return reminders.saveReminderSettings(patch);
}

/**
 * Turns reminders on: one daily run at the set hour in the spreadsheet's time zone, from this account.
 * @param {Object=} opts { takeOver: true } to send from this account in place of a teammate's
 */
export function enableReminders(opts?: { takeOver?: boolean }) {
  return reminders.enableReminders(opts);
}

/** Turns reminders off. */
export function disableReminders() {
  return reminders.disableReminders();
}

/**
 * The morning run (the daily trigger and "Run now"): client letters, then the team digest, exactly once each.
 * @param {GoogleAppsScript.Events.TimeDriven=} e the time-driven event (absent for "Run now")
 */
export function runDailyJob(e?: GoogleAppsScript.Events.TimeDriven) {
  return reminders.runDailyJob(e);
}

/** One-off trigger: continues a morning run that stopped before the time limit. */
export function continueDailyJob() {
  return reminders.continueDailyJob();
}

/** The dry run of today's morning: every letter that would go and why, and the digest; nothing is sent. */
export function previewToday() {
  return reminders.previewToday();
}

/** Where the current morning run is (for the Reminders sidebar's progress line). */
export function reminderProgress() {
  return reminders.reminderProgress();
}

/** Menu: Import clients — pick a tab, check the mapping, import with progress and a summary. */
export function showImport(): void {
  showSidebar('import', currentLang());
}

/** Menu: Undo last import — asks first, then removes its rows and restores the cards it filled in. */
export function menuUndoImport(): void {
  imports.menuUndoImport();
}

/** Tabs of this spreadsheet that can be imported (not Kartoteka's own). */
export function importSources() {
  return imports.importSources();
}

/**
 * The proposed mapping of a tab: each column's field with samples, and the problems found in its first rows.
 * @param {string} sheetName the tab to import from
 * @param {Object=} request { headerRow, overrides: [{ column, target }], duplicates } to refresh after changes
 */
export function previewImport(sheetName: string, request?: ImportRequest) {
  return imports.previewImport(sheetName, request);
}

/**
 * Imports a tab as client cards and journal history in one batch; returns the import ID and counts.
 * @param {string} sheetName the tab to import from
 * @param {Object=} options { overrides: [{ column, target }], duplicates: 'merge' | 'keepApart' | 'skip', addToLists }
 */
export function importClients(sheetName: string, options?: ImportRequest) {
  return imports.importClients(sheetName, options);
}

/** Where the last import stands (the sidebar's progress line). */
export function importStatus() {
  return imports.importStatus();
}

/**
 * Undoes an import: removes exactly its cards and journal rows and restores the cards it merged into.
 * @param {string} importId the import's ID, e.g. IMP-20260315-101230
 */
export function undoImport(importId: string) {
  return imports.undoImport(importId);
}

/** One-off trigger: continues an import longer than one execution. */
export function continueImport() {
  return imports.continueImport();
}

/** Menu: Send to a segment — pick a segment and a letter, see who gets it, preview, test, send or schedule. */
export function showMailings(): void {
  showSidebar('mailings', currentLang());
}

/** Segments with sizes, templates with variants, caps, window and the scheduled mailings (the sidebar's lists). */
export function mailingsView() {
  return mailings.mailingsView();
}

/**
 * Who a mailing would reach, who is excluded and why, and the letter one client would get; nothing is sent.
 * @param {Object} request { segment: 'Regular', template: 'News' | { subject, body, button?: { text, url } }, at? }
 * @param {string=} clientId the client whose letter to show (default: the first recipient)
 */
export function previewMailing(request: MailingRequest, clientId?: string) {
  return mailings.previewMailing(request, clientId);
}

/**
 * Sends one letter marked [TEST] to you, as the client would get it; nothing is logged for the client.
 * @param {Object} request as for previewMailing
 * @param {string=} clientId the client whose letter to send (default: the first recipient)
 */
export function testMailing(request: MailingRequest, clientId?: string) {
  return mailings.testMailing(request, clientId);
}

/**
 * Sends a mailing to a segment now, or at request.at ('yyyy-mm-ddTHH:mm', the sheet's zone); each client once.
 * @param {Object} request { segment, template, at? }
 */
export function sendMailing(request: MailingRequest) {
  return mailings.sendMailing(request);
}

/**
 * Cancels the letters of a scheduled mailing that have not gone yet.
 * @param {string} mailingId e.g. M-20260315-0900-1a2b
 */
export function cancelMailing(mailingId: string) {
  return mailings.cancelMailing(mailingId);
}

/** One-off trigger: sends mailing letters whose slot has come and continues a long mailing. */
export function continueMailings() {
  return mailings.continueMailings();
}

/**
 * The unsubscribe web app: ?u=<client ID>&t=<token> from a letter's footer.
 * @param {GoogleAppsScript.Events.DoGet} e the request
 */
export function doGet(e?: GoogleAppsScript.Events.DoGet) {
  return unsubscribePage(e);
}

/**
 * Compile-time binding to the contract the sidebars use: every ServerApi method must be an entry above with a
 * compatible signature, so renaming or reshaping one breaks `tsc`, not a click.
 */
type Bound<T extends ServerApi> = T;
export type ServerEntries = Bound<Pick<typeof import('./main'), keyof ServerApi>>;
