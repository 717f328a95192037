// The reminder script people paste from tutorials, kept as the bench's baseline (tests/bench/sections/morning.ts):
// walk the client rows, read each cell it needs with getRange(r, c).getValue(), and send a MailApp email per match.
// No log: a second run sends everything again; no quota check; the day is the script's, not the sheet's.

var SHEET = 'Клиенты';

function columnOf(sheet, title) {
  var headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
  var col = headers.indexOf(title) + 1;
  if (col === 0) throw new Error('No column ' + title);
  return col;
}

function sameDay(a, b) {
  return a.getDate() === b.getDate() && a.getMonth() === b.getMonth();
}

// biome-ignore lint/correctness/noUnusedVariables: an Apps Script entry, called by name
function sendRemindersNaive() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEET);
  var nameCol = columnOf(sheet, 'ФИО');
  var emailCol = columnOf(sheet, 'Email');
  var birthCol = columnOf(sheet, 'Дата рождения');
  var visitCol = columnOf(sheet, 'Следующая запись');
  var today = new Date();
  var tomorrow = new Date(today.getTime() + 24 * 60 * 60 * 1000);
  var lastRow = sheet.getLastRow();
  var sent = 0;
  var r, birth, visit, email, name;
  for (r = 2; r <= lastRow; r++) {
    birth = sheet.getRange(r, birthCol).getValue();
    visit = sheet.getRange(r, visitCol).getValue();
    if (birth instanceof Date && sameDay(birth, today)) {
      email = sheet.getRange(r, emailCol).getValue();
      name = sheet.getRange(r, nameCol).getValue();
      if (email) {
        MailApp.sendEmail(email, 'С днём рождения, ' + name + '!', 'Поздравляем вас с днём рождения!');
        sent++;
      }
    }
    if (visit instanceof Date && sameDay(visit, tomorrow)) {
      email = sheet.getRange(r, emailCol).getValue();
      name = sheet.getRange(r, nameCol).getValue();
      if (email) {
        MailApp.sendEmail(email, 'Напоминание о записи', name + ', ждём вас завтра.');
        sent++;
      }
    }
  }
  return sent;
}
