// Apps Script globals this runtime does not emulate: present (typeof X is 'object', as in Apps Script), but every
// member the add-on reads throws `not emulated: X.member` (the vm Proxy's answer for any missing member).

/** Global services of Apps Script (built-in and advanced-free) that Kartoteka's runtime leaves out. */
export const ABSENT_SERVICES = [
  'Browser',
  'CalendarApp',
  'CardService',
  'ConferenceDataService',
  'ContactsApp',
  'DataStudioApp',
  'DocumentApp',
  'DriveApp',
  'FormApp',
  'GmailApp',
  'GroupsApp',
  'Jdbc',
  'LanguageApp',
  'LinearOptimizationService',
  'Maps',
  'MimeType',
  'SitesApp',
  'SlidesApp',
  'UrlFetchApp',
  'XmlService',
] as const;

/** A global with no members of its own; the runtime's Proxy names it when a member is read. */
export class AbsentService {
  toString(): string {
    return 'AbsentService';
  }
}

export function absentServices(): Record<string, object> {
  return Object.fromEntries(ABSENT_SERVICES.map((name) => [name, new AbsentService()]));
}
