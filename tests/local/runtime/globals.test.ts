// Every Apps Script global exists in the add-on's context: the emulated ones work (Charts, conditional formats and
// charts through SpreadsheetApp, Utilities.parseCsv), the others say `not emulated` instead of `X is not defined`.
import { createWorkbook } from '../../../local/index';
import { ABSENT_SERVICES } from '../../../local/runtime/services/absent';
import { workbookWith } from './helpers';

const PROBE = `
function probe(name, member) {
  try {
    var g = globalThis[name];
    if (typeof g !== 'object') return name + ' is ' + typeof g;
    g[member]();
    return 'no error';
  } catch (e) {
    return (e instanceof Error ? '' : 'not an Error: ') + e.message;
  }
}
function csv(text, delimiter) { return delimiter === undefined ? Utilities.parseCsv(text) : Utilities.parseCsv(text, delimiter); }
`;

describe('globals Apps Script has and this runtime does not emulate', () => {
  it.each([
    ['GmailApp', 'sendEmail'],
    ['DriveApp', 'getFiles'],
    ['UrlFetchApp', 'fetch'],
    ['CardService', 'newCardBuilder'],
    ['FormApp', 'create'],
    ['DocumentApp', 'create'],
    ['CalendarApp', 'getDefaultCalendar'],
    ['SlidesApp', 'create'],
    ['ContactsApp', 'getContacts'],
    ['Maps', 'newGeocoder'],
    ['Jdbc', 'getConnection'],
    ['XmlService', 'parse'],
    ['LanguageApp', 'translate'],
    ['Browser', 'msgBox'],
  ])('%s.%s throws "not emulated", not a ReferenceError', (name, member) => {
    const { addon } = workbookWith(PROBE);
    expect(addon.call('probe', name, member)).toBe(`not emulated: ${name}.${member}`);
  });

  it('covers the rest of the service list too', () => {
    const { addon } = workbookWith(PROBE);
    for (const name of ABSENT_SERVICES)
      expect(addon.call('probe', name, 'anything')).toBe(`not emulated: ${name}.anything`);
  });
});

describe('Utilities.parseCsv (developers.google.com/apps-script/reference/utilities/utilities#parsecsvcsv)', () => {
  const { addon } = workbookWith(PROBE);

  it('parses the reference examples: commas, and a tab as the delimiter', () => {
    expect(addon.call('csv', 'a,b,c\nd,e,f')).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(addon.call('csv', 'a\tb\tc\nd\te\tf', '\t')).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
  });

  it('reads quoted fields with the delimiter, doubled quotes and line breaks; CRLF; rows of any length', () => {
    expect(addon.call('csv', 'name;note\r\n"Иванова; Анна";"сказала ""да""\nи ушла"\r\nБорис\r\n', ';')).toEqual([
      ['name', 'note'],
      ['Иванова; Анна', 'сказала "да"\nи ушла'],
      ['Борис'],
    ]);
    expect(addon.call('csv', '')).toEqual([]);
  });

  it('refuses a delimiter that is not one character', () => {
    expect(() => addon.call('csv', 'a,b', ';;')).toThrow('Invalid argument: delimiter');
  });
});

describe('Charts, conditional formats and embedded charts from the add-on', () => {
  const CODE = `
function build() {
  var sheet = SpreadsheetApp.getActiveSheet();
  sheet.getRange('A1:B3').setValues([['Stage', 'Clients'], ['Lead', 40], ['Client', 12]]);
  var chart = sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:B3')).setTitle('Funnel')
    .setPosition(1, 4, 0, 0).build();
  sheet.insertChart(chart);
  var rule = SpreadsheetApp.newConditionalFormatRule().whenNumberLessThan(20).setBackground('#f4cccc')
    .setRanges([sheet.getRange('B2:B3')]).build();
  sheet.setConditionalFormatRules([rule]);
  var back = sheet.getCharts()[0];
  return [Charts.ChartType.COLUMN, typeof Charts.ChartType, back.getOptions().get('title'),
    back.getContainerInfo().getAnchorColumn(), sheet.getConditionalFormatRules().length,
    sheet.getConditionalFormatRules()[0].getBooleanCondition().getCriteriaType() === SpreadsheetApp.BooleanCriteria.NUMBER_LESS_THAN];
}`;

  it('work in the vm and are counted as service calls', () => {
    const wb = createWorkbook({ user: 'anna@clinic.test', locale: 'en_US' });
    const addon = wb.loadAddon({ code: CODE });
    expect(addon.call('build')).toEqual(['COLUMN', 'object', 'Funnel', 4, 1, true]);
    expect(wb.calls['Sheet.insertChart']).toBe(1);
    expect(wb.calls['EmbeddedColumnChartBuilder.setTitle']).toBe(1);
    expect(wb.calls['ConditionalFormatRuleBuilder.whenNumberLessThan']).toBe(1);
    const view = wb.view('Sheet1', { row: 2, column: 2, numRows: 2, numColumns: 1 });
    expect(view.cells.map((row) => row[0].background)).toEqual([undefined, '#f4cccc']);
    expect(wb.model.chartViews('Sheet1')[0].series).toEqual([{ name: 'Clients', values: [40, 12] }]);
  });
});
