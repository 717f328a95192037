// The Kartoteka menu as data: each item names the global entry it runs.
import { type Lang, type MessageKey, t } from '../i18n';

export type MenuItem = { label: MessageKey; entry: string } | 'separator';

export const MENU: MenuItem[] = [
  { label: 'menu.newClient', entry: 'showNewClient' },
  { label: 'menu.logContact', entry: 'showLogContact' },
  { label: 'menu.clientCard', entry: 'showClientCard' },
  { label: 'menu.reminders', entry: 'showReminders' },
  { label: 'menu.mailings', entry: 'showMailings' },
  'separator',
  { label: 'menu.import', entry: 'showImport' },
  { label: 'menu.undoImport', entry: 'menuUndoImport' },
  'separator',
  { label: 'menu.setup', entry: 'menuSetupDatabase' },
  { label: 'menu.recompute', entry: 'menuRecomputeClients' },
  { label: 'menu.checkIntegrity', entry: 'menuCheckIntegrity' },
  { label: 'menu.restore', entry: 'menuRestoreClients' },
  { label: 'menu.verifyAudit', entry: 'menuVerifyAudit' },
  { label: 'menu.rebuildSegments', entry: 'rebuildSegments' },
  'separator',
  { label: 'menu.about', entry: 'showAbout' },
];

/** Builds the menu only; onOpen may run in AuthMode.NONE where no data may be touched. */
export function buildMenu(ui: GoogleAppsScript.Base.Ui, lang: Lang): void {
  const menu = ui.createMenu(t(lang, 'app.name'));
  for (const item of MENU) {
    if (item === 'separator') menu.addSeparator();
    else menu.addItem(t(lang, item.label), item.entry);
  }
  menu.addToUi();
}
