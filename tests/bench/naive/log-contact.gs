// The contact logger people paste from tutorials, kept as the bench's baseline (tests/bench/sections/addon.ts):
// find the client's row by reading the ID column one cell at a time, append the contact with appendRow, then
// update the totals one cell at a time. It works; it is the call count that hurts.

var CLIENTS_SHEET = 'Клиенты';
var JOURNAL_SHEET = 'Журнал';

function columnOf(sheet, title) {
  var headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
  var col = headers.indexOf(title) + 1;
  if (col === 0) throw new Error('No column ' + title);
  return col;
}

// biome-ignore lint/correctness/noUnusedVariables: an Apps Script entry, called by name
function logContactNaive(clientId, type, amount) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sheet = ss.getSheetByName(CLIENTS_SHEET);
  var idCol = columnOf(sheet, 'ID');
  var row = -1;
  var lastRow = sheet.getLastRow();
  var r, now, name, count, total;

  for (r = 2; r <= lastRow; r++) {
    if (sheet.getRange(r, idCol).getValue() === clientId) {
      row = r;
      break;
    }
  }
  if (row === -1) throw new Error('Client not found: ' + clientId);

  now = new Date();
  name = sheet.getRange(row, columnOf(sheet, 'ФИО')).getValue();
  ss.getSheetByName(JOURNAL_SHEET).appendRow([
    now,
    clientId,
    name,
    type,
    '',
    '',
    amount || '',
    '',
    Session.getActiveUser().getEmail(),
    '',
    '',
  ]);

  sheet.getRange(row, columnOf(sheet, 'Последний контакт')).setValue(now);
  if (amount) {
    count = sheet.getRange(row, columnOf(sheet, 'Покупок'));
    count.setValue((Number(count.getValue()) || 0) + 1);
    total = sheet.getRange(row, columnOf(sheet, 'Сумма покупок'));
    total.setValue((Number(total.getValue()) || 0) + Number(amount));
    sheet.getRange(row, columnOf(sheet, 'Последняя покупка')).setValue(now);
  }
  return { row: row };
}
