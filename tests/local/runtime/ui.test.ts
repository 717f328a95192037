// The Ui: menus as onOpen builds them, dialogs, and alerts / prompts answered from the queue.
import { workbookWith } from './helpers';

const CODE = `
function onOpen() {
  var ui = SpreadsheetApp.getUi();
  ui.createMenu('Картотека').addItem('Новый клиент', 'newClient').addSeparator()
    .addSubMenu(ui.createMenu('Отчёты').addItem('Воронка', 'funnel')).addToUi();
  ui.createAddonMenu().addItem('Start', 'newClient').addToUi();
}
function confirmDelete() {
  var ui = SpreadsheetApp.getUi();
  var r = ui.alert('Удалить?', 'Строка 5 будет удалена', ui.ButtonSet.YES_NO);
  return r === ui.Button.YES ? 'deleted' : 'kept';
}
function ask() {
  var ui = SpreadsheetApp.getUi();
  var r = ui.prompt('Имя клиента', ui.ButtonSet.OK_CANCEL);
  return [String(r.getSelectedButton()), r.getResponseText()];
}
function hello() { return String(SpreadsheetApp.getUi().alert('Готово')); }
function dialog() { SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput('<p>hi</p>').setWidth(420), 'О программе'); }
`;

describe('Ui', () => {
  it('records menus with separators and submenus; onOpen twice keeps one menu per title', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('onOpen');
    addon.call('onOpen');
    expect(wb.ui.menus).toEqual([
      {
        title: 'Картотека',
        items: [
          { caption: 'Новый клиент', functionName: 'newClient' },
          { separator: true },
          { submenu: { title: 'Отчёты', items: [{ caption: 'Воронка', functionName: 'funnel' }] } },
        ],
      },
      { title: 'Kartoteka', items: [{ caption: 'Start', functionName: 'newClient' }], addon: true },
    ]);
  });

  it('answers alerts and prompts from the queue and records them', () => {
    const { wb, addon } = workbookWith(CODE);
    wb.ui.answers.push('NO', { button: 'OK', text: 'Анна' }, 'YES');
    expect(addon.call('confirmDelete')).toBe('kept');
    expect(addon.call('ask')).toEqual(['OK', 'Анна']);
    expect(addon.call('confirmDelete')).toBe('deleted');
    expect(wb.ui.alerts.map((a) => [a.kind, a.title, a.prompt, a.buttons, a.answer])).toEqual([
      ['alert', 'Удалить?', 'Строка 5 будет удалена', 'YES_NO', 'NO'],
      ['prompt', '', 'Имя клиента', 'OK_CANCEL', 'OK'],
      ['alert', 'Удалить?', 'Строка 5 будет удалена', 'YES_NO', 'YES'],
    ]);
  });

  it('clicks the first button when nothing is queued, and refuses an answer the dialog lacks', () => {
    const { wb, addon } = workbookWith(CODE);
    expect(addon.call('hello')).toBe('OK');
    wb.ui.answers.push('YES');
    expect(() => addon.call('hello')).toThrow('the queued answer YES is not a button of ButtonSet.OK');
  });

  it('records a modal dialog with its title and width', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('dialog');
    expect(wb.ui.dialogs[0]).toMatchObject({ title: 'О программе', width: 420, content: '<p>hi</p>', kind: 'modal' });
  });
});
