// Developer metadata: where it can live, how finders select it, and how it follows its column.

import { newModel } from './helpers';

describe('developer metadata', () => {
  it('can be added to the spreadsheet, a sheet, whole rows and whole columns but not arbitrary ranges', () => {
    const { ss } = newModel();
    const sheet = ss.getActiveSheet();
    ss.addDeveloperMetadata('schema', '3');
    sheet.addDeveloperMetadata('role', 'clients', 'PROJECT');
    sheet.getRange('B:B').addDeveloperMetadata('field', 'phone');
    sheet.getRange('5:5').addDeveloperMetadata('row-id');
    expect(() => sheet.getRange('A1:B2').addDeveloperMetadata('x')).toThrow(
      'Adding developer metadata to arbitrary ranges is not currently supported.',
    );
    expect(ss.getDeveloperMetadata().map((m: any) => [m.getKey(), m.getValue()])).toEqual([['schema', '3']]);
    expect(sheet.getDeveloperMetadata()[0].getVisibility()).toBe('PROJECT');
    expect(sheet.getRange('B:B').getDeveloperMetadata()[0].getValue()).toBe('phone');
    const row = ss.createDeveloperMetadataFinder().withLocationType('ROW').find()[0];
    expect(row.getKey()).toBe('row-id');
    expect(row.getValue()).toBeNull();
    expect(row.getLocation().getRow().getA1Notation()).toBe('5:5');
  });

  it('finds by key, value, id and visibility, and by intersecting locations from a range', () => {
    const { ss } = newModel();
    const sheet = ss.getActiveSheet();
    sheet.getRange('B:B').addDeveloperMetadata('field', 'phone');
    sheet.getRange('C:C').addDeveloperMetadata('field', 'email');
    const [email] = ss.createDeveloperMetadataFinder().withKey('field').withValue('email').find();
    expect(ss.createDeveloperMetadataFinder().withId(email.getId()).find()[0].getValue()).toBe('email');
    expect(ss.createDeveloperMetadataFinder().withVisibility('DOCUMENT').find()).toHaveLength(2);
    expect(sheet.getRange('A1:B3').createDeveloperMetadataFinder().find()).toHaveLength(0);
    const hits = sheet.getRange('A1:C3').createDeveloperMetadataFinder().onIntersectingLocations().find();
    expect(hits.map((m: any) => m.getValue()).sort()).toEqual(['email', 'phone']);
  });

  it('follows its column through inserts and moves and can be moved or removed by script', () => {
    const { ss } = newModel();
    const sheet = ss.getActiveSheet();
    sheet.getRange('B:B').addDeveloperMetadata('field', 'phone');
    sheet.insertColumnsBefore(1, 2);
    const [m] = sheet.createDeveloperMetadataFinder().withKey('field').find();
    expect(m.getLocation().getColumn().getA1Notation()).toBe('D:D');
    m.moveToColumn(sheet.getRange('F:F'));
    expect(m.getLocation().getColumn().getColumn()).toBe(6);
    m.remove();
    expect(ss.createDeveloperMetadataFinder().find()).toHaveLength(0);
  });
});
