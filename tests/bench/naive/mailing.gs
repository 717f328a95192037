// The newsletter script people paste from tutorials, kept as the mailings bench's baseline
// (tests/bench/sections/mailings.ts): walk the client rows, read each cell it needs with getRange(r, c).getValue(),
// and send a MailApp email to everyone with an address and consent. No log: a second run sends everything again;
// no caps, no window, no unsubscribe link, no quota check; the client's name goes into the HTML unescaped.

var CLIENTS = 'Клиенты';

function columnIndex(sheet, title) {
  var headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
  var col = headers.indexOf(title) + 1;
  if (col === 0) throw new Error('No column ' + title);
  return col;
}

// biome-ignore lint/correctness/noUnusedVariables: an Apps Script entry, called by name
function sendNewsletterNaive() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(CLIENTS);
  var nameCol = columnIndex(sheet, 'ФИО');
  var emailCol = columnIndex(sheet, 'Email');
  var consentCol = columnIndex(sheet, 'Согласие на рассылку');
  var lastRow = sheet.getLastRow();
  var sent = 0;
  var r, consent, email, name;
  for (r = 2; r <= lastRow; r++) {
    consent = sheet.getRange(r, consentCol).getValue();
    if (!consent) continue;
    email = sheet.getRange(r, emailCol).getValue();
    if (!email) continue;
    name = sheet.getRange(r, nameCol).getValue();
    MailApp.sendEmail({
      to: email,
      subject: name + ', весенние новости',
      htmlBody: '<p>Здравствуйте, ' + name + '!</p><p>У нас весна.</p>',
    });
    sent++;
  }
  return sent;
}
