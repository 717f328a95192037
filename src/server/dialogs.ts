// Opens the sidebars and dialogs built from html/ (dist/<name>.html).
import { type Lang, t } from '../i18n';

export function showAboutDialog(lang: Lang): void {
  const template = HtmlService.createTemplateFromFile('about');
  template.lang = lang;
  const html = template.evaluate().setTitle(t(lang, 'about.title')).setWidth(420).setHeight(320);
  SpreadsheetApp.getUi().showModalDialog(html, t(lang, 'about.title'));
}
