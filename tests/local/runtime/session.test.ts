// Session and ContentService: who runs, what a consumer account hides, and the text a doGet returns.
import { workbookWith } from './helpers';

const CODE = `
function who() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getActiveUserLocale(), Session.getScriptTimeZone()]; }
function key() { return Session.getTemporaryActiveUserKey(); }
function doGet(e) {
  var out = ContentService.createTextOutput(JSON.stringify({ q: e.parameter.q, mode: String(e.authMode) }));
  return out.setMimeType(ContentService.MimeType.JSON);
}
function mime() { var o = doGet({ parameter: { q: 'x' }, authMode: ScriptApp.AuthMode.FULL }); return [String(o.getMimeType()), o.getContent()]; }
`;

describe('Session', () => {
  it('reports the acting user, their language and the script zone', () => {
    const { wb, addon } = workbookWith(CODE, { scriptTimeZone: 'Asia/Vladivostok' });
    expect(addon.call('who')).toEqual(['anna@clinic.test', 'anna@clinic.test', 'ru', 'Asia/Vladivostok']);
    wb.as('boris@clinic.test', { locale: 'en_US' });
    expect(addon.call('who')).toEqual(['boris@clinic.test', 'boris@clinic.test', 'en', 'Asia/Vladivostok']);
  });

  it("hides a consumer account's email from getActiveUser but not from getEffectiveUser", () => {
    const { wb, addon } = workbookWith(CODE);
    wb.as('gmail.user@gmail.test', { hideEmail: true });
    expect((addon.call('who') as string[]).slice(0, 2)).toEqual(['', 'gmail.user@gmail.test']);
  });

  it('gives each user a stable temporary key that is not the email', () => {
    const { wb, addon } = workbookWith(CODE);
    const anna = addon.call('key');
    expect(addon.call('key')).toBe(anna);
    wb.as('boris@clinic.test');
    expect(addon.call('key')).not.toBe(anna);
    expect(String(anna)).not.toContain('anna');
  });
});

describe('ContentService', () => {
  it('returns a JSON text output from doGet', () => {
    const { addon } = workbookWith(CODE);
    expect(addon.call('mime')).toEqual(['JSON', '{"q":"x","mode":"FULL"}']);
  });
});
