// The row-by-row import people paste from tutorials, kept as the bench's baseline (tests/bench/sections/import.ts):
// read the source tab once, then for every row take the next client number from a document property (read, then
// write) and append the card with appendRow. No normalising, no duplicates check, no journal, no undo.

var CLIENTS_SHEET = 'Клиенты';
var COUNTER = 'naiveNextId';
// Source columns (name, phone, email, first contact, birth date) → Clients headers.
var TARGETS = ['ФИО', 'Телефон', 'Email', 'Первый контакт', 'Дата рождения'];

function pad6(n) {
  var s = String(n);
  while (s.length < 6) s = '0' + s;
  return s;
}

// biome-ignore lint/correctness/noUnusedVariables: an Apps Script entry, called by name
function importNaive(sourceName) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var rows = ss.getSheetByName(sourceName).getDataRange().getValues();
  var clients = ss.getSheetByName(CLIENTS_SHEET);
  var header = clients.getRange(1, 1, 1, clients.getLastColumn()).getValues()[0];
  var props = PropertiesService.getDocumentProperties();
  var idColumn = header.indexOf('ID');
  var columns = [];
  var r, c, next, row;
  for (c = 0; c < TARGETS.length; c++) columns.push(header.indexOf(TARGETS[c]));
  for (r = 1; r < rows.length; r++) {
    next = Number(props.getProperty(COUNTER) || '1');
    props.setProperty(COUNTER, String(next + 1));
    row = [];
    for (c = 0; c < header.length; c++) row.push('');
    row[idColumn] = 'C-' + pad6(next);
    for (c = 0; c < columns.length; c++) row[columns[c]] = rows[r][c];
    clients.appendRow(row);
  }
  return rows.length - 1;
}
