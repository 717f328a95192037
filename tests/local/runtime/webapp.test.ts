// The add-on as a web app: ScriptApp.getService(), the manifest's webapp section, and requests run as doGet/doPost
// with the event object of developers.google.com/apps-script/guides/web, the way tests of the add-on will call it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorkbook } from '../../../local/index';

const ECHO = `
function doGet(e) {
  return ContentService.createTextOutput(JSON.stringify(e)).setMimeType(ContentService.MimeType.JSON);
}
function doPost(e) {
  return ContentService.createTextOutput(JSON.stringify(e)).setMimeType(ContentService.MimeType.JSON);
}
function url() {
  var s = ScriptApp.getService();
  return { url: s.getUrl(), enabled: s.isEnabled() };
}
`;

function deployed(code: string, webapp: object = { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' }) {
  const wb = createWorkbook({ user: 'anna@clinic.test', now: '2026-03-15T09:00:00' });
  const addon = wb.loadAddon({ code, webapp });
  return { wb, addon };
}

describe('ScriptApp.getService (developers.google.com/apps-script/reference/script/service)', () => {
  it('getUrl() is null and isEnabled() false while the script is not deployed as a web app', () => {
    const wb = createWorkbook({ user: 'anna@clinic.test' });
    const addon = wb.loadAddon({ code: ECHO });
    expect(addon.call('url')).toEqual({ url: null, enabled: false });
    expect(() => wb.webApp.get('?a=1')).toThrow(/not deployed/);
  });

  it("reads the manifest's webapp section next to Code.js; the URL has the deployed /macros/s/<id>/exec form", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kartoteka-webapp-'));
    writeFileSync(path.join(dir, 'Code.js'), ECHO);
    writeFileSync(
      path.join(dir, 'appsscript.json'),
      JSON.stringify({
        timeZone: 'Europe/Moscow',
        webapp: { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' },
      }),
    );
    const wb = createWorkbook({ user: 'anna@clinic.test' });
    const addon = wb.loadAddon(path.join(dir, 'Code.js'));
    const { url, enabled } = addon.call('url') as { url: string; enabled: boolean };
    expect(enabled).toBe(true);
    expect(url).toMatch(/^https:\/\/script\.google\.com\/macros\/s\/AKfycb[\w-]+\/exec$/);
    expect(wb.webApp.url).toBe(url);
  });

  it('reports the URL the web app is served at (the playground sets its own /exec)', () => {
    const { wb, addon } = deployed(ECHO);
    wb.webApp.setUrl('http://127.0.0.1:5173/exec');
    expect(addon.call('url')).toEqual({ url: 'http://127.0.0.1:5173/exec', enabled: true });
  });
});

describe('doGet / doPost with the event object (developers.google.com/apps-script/guides/web)', () => {
  it('GET: queryString, parameter (first values), parameters (all values), contentLength -1', () => {
    const { wb } = deployed(ECHO);
    const res = wb.webApp.get('?token=abc&x=1&x=2&name=Anna+%D0%9F&flag');
    expect(res.status).toBe(200);
    expect(res.kind).toBe('text');
    expect(res.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({
      queryString: 'token=abc&x=1&x=2&name=Anna+%D0%9F&flag',
      parameter: { token: 'abc', x: '1', name: 'Anna П', flag: '' },
      parameters: { token: ['abc'], x: ['1', '2'], name: ['Anna П'], flag: [''] },
      contextPath: '',
      contentLength: -1,
    });
  });

  it('GET without a query: queryString null, no parameters; the path after /exec is pathInfo', () => {
    const { wb } = deployed(ECHO);
    expect(JSON.parse(wb.webApp.get('').body)).toEqual({
      queryString: null,
      parameter: {},
      parameters: {},
      contextPath: '',
      contentLength: -1,
    });
    const e = JSON.parse(wb.webApp.get('https://script.google.com/macros/s/AKfycbX/exec/hello?n=1').body);
    expect(e.pathInfo).toBe('hello');
    expect(e.parameter).toEqual({ n: '1' });
  });

  it('POST of a form: its fields join the parameters; postData carries the body', () => {
    const { wb } = deployed(ECHO);
    const body = 'email=anna%40example.com&choice=stop&choice=all';
    const e = JSON.parse(wb.webApp.post('?token=abc', body).body);
    expect(e.parameter).toEqual({ token: 'abc', email: 'anna@example.com', choice: 'stop' });
    expect(e.parameters.choice).toEqual(['stop', 'all']);
    expect(e.contentLength).toBe(body.length);
    expect(e.postData).toEqual({
      length: body.length,
      type: 'application/x-www-form-urlencoded',
      contents: body,
      name: 'postData',
    });
  });

  it('POST of JSON: parameters stay those of the query; the script reads postData.contents', () => {
    const { wb } = deployed(ECHO);
    const e = JSON.parse(wb.webApp.post('', '{"id":"C-000001"}', { contentType: 'application/json' }).body);
    expect(e.parameter).toEqual({});
    expect(JSON.parse(e.postData.contents)).toEqual({ id: 'C-000001' });
    expect(e.postData.type).toBe('application/json');
  });

  it('an HtmlOutput becomes the page, with its title; returning nothing gives Google’s message', () => {
    const { wb } = deployed(`
      function doGet(e) {
        if (e.parameter.page === 'none') return;
        return HtmlService.createHtmlOutput('<p>You are unsubscribed</p>').setTitle('Kartoteka');
      }`);
    const page = wb.webApp.get('?page=bye');
    expect(page).toMatchObject({ status: 200, kind: 'html', body: '<p>You are unsubscribed</p>', title: 'Kartoteka' });
    expect(wb.webApp.get('?page=none').body).toBe('The script completed but did not return anything.');
  });

  it('errors: the script’s own, a missing doPost, and no Ui in a web app', () => {
    const { wb } = deployed(`
      function doGet(e) {
        if (e.parameter.ui) SpreadsheetApp.getUi();
        throw new Error('Unknown token');
      }`);
    expect(wb.webApp.get('?t=1')).toMatchObject({ status: 500, kind: 'error', body: 'Unknown token' });
    expect(wb.webApp.get('?ui=1').body).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(wb.webApp.post('', 'a=1')).toMatchObject({ status: 404, body: 'Script function not found: doPost' });
    expect(wb.executions.at(-1)?.kind).toBe('webapp');
  });
});

describe('who runs it (the deployment’s "Execute as" and "Who has access")', () => {
  it('as the deployer: an anonymous visitor runs the script under the owner, who stays unnamed to it', () => {
    const { wb } = deployed(`
      function doGet() {
        var who = Session.getActiveUser().getEmail() + '|' + Session.getEffectiveUser().getEmail();
        return ContentService.createTextOutput(who);
      }`);
    expect(wb.webApp.get('').body).toBe('|anna@clinic.test');
    expect(wb.webApp.get('', { user: 'anna@clinic.test' }).body).toBe('anna@clinic.test|anna@clinic.test');
  });

  it('as the visitor: the script runs as whoever opened the link', () => {
    const { wb } = deployed(
      `function doGet() { return ContentService.createTextOutput(Session.getActiveUser().getEmail()); }`,
      {
        executeAs: 'USER_ACCESSING',
        access: 'ANYONE',
      },
    );
    expect(wb.webApp.get('', { user: 'boris@clinic.test' }).body).toBe('boris@clinic.test');
    expect(wb.webApp.get('').status).toBe(401);
  });

  it('access MYSELF lets only the owner in; DOMAIN only the owner’s domain', () => {
    const code = `function doGet() { return ContentService.createTextOutput('ok'); }`;
    const mine = deployed(code, { executeAs: 'USER_DEPLOYING', access: 'MYSELF' }).wb;
    expect(mine.webApp.get('').status).toBe(401);
    expect(mine.webApp.get('', { user: 'boris@clinic.test' }).status).toBe(403);
    expect(mine.webApp.get('', { user: 'anna@clinic.test' }).body).toBe('ok');
    const domain = deployed(code, { access: 'DOMAIN' }).wb;
    expect(domain.webApp.get('', { user: 'boris@clinic.test' }).body).toBe('ok');
    expect(domain.webApp.get('', { user: 'eve@elsewhere.test' }).status).toBe(403);
  });

  it('a link mailed by the script opens the web app', () => {
    const { wb, addon } = deployed(`
      function sendLink() {
        MailApp.sendEmail('client@example.com', 'Unsubscribe', 'Open ' + ScriptApp.getService().getUrl() + '?token=t1');
      }
      function doGet(e) { return ContentService.createTextOutput('token ' + e.parameter.token); }`);
    wb.webApp.setUrl('http://127.0.0.1:5173/exec');
    addon.call('sendLink');
    const link = /http\S+/.exec(wb.outbox[0].body)![0];
    expect(link).toBe('http://127.0.0.1:5173/exec?token=t1');
    expect(wb.webApp.get(link).body).toBe('token t1');
  });
});
