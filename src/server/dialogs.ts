// Opens the sidebars and dialogs built from html/ (dist/<name>.html) with only non-user data as template variables.
import { CLIENT_ID_PATTERN } from '../domain/validate';
import { type Lang, type MessageKey, t } from '../i18n';

export function showAboutDialog(lang: Lang): void {
  const template = HtmlService.createTemplateFromFile('about');
  template.lang = lang;
  const html = template.evaluate().setTitle(t(lang, 'about.title')).setWidth(420).setHeight(320);
  SpreadsheetApp.getUi().showModalDialog(html, t(lang, 'about.title'));
}

export type SidebarName = 'new-client' | 'log-contact' | 'client-card' | 'reminders' | 'import' | 'mailings';

const TITLES: Record<SidebarName, MessageKey> = {
  'new-client': 'sidebar.newClient',
  'log-contact': 'sidebar.logContact',
  'client-card': 'sidebar.clientCard',
  reminders: 'sidebar.reminders',
  import: 'sidebar.import',
  mailings: 'sidebar.mailings',
};

/** Shows a sidebar; clientId is passed only when it is a well-formed ID (it lands in an HTML attribute). */
export function showSidebar(name: SidebarName, lang: Lang, clientId = ''): void {
  const template = HtmlService.createTemplateFromFile(name);
  template.lang = lang;
  template.clientId = CLIENT_ID_PATTERN.test(clientId) ? clientId : '';
  const html = template.evaluate().setTitle(t(lang, TITLES[name])).setWidth(300);
  SpreadsheetApp.getUi().showSidebar(html);
}
