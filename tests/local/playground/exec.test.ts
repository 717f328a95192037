// The playground serves the add-on's web app at /exec (a link in an outbox email opens in the browser) and the active
// tab's charts at /api/charts; chart.js goes into the page, never into dist/.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { createWorkbook } from '../../../local/index';
import { type ExecWorkbook, withWebApp } from '../../../local/playground/exec';

const CODE = `
function doGet(e) {
  if (e.parameter.page) return HtmlService.createHtmlOutput('<form method="post"><button>Stop emails</button></form>').setTitle('Отписка');
  return ContentService.createTextOutput('token=' + e.parameter.token + ' user=' + Session.getActiveUser().getEmail());
}
function doPost(e) {
  SpreadsheetApp.getActiveSheet().getRange('A1').setValue('unsubscribed ' + e.parameter.email);
  return ContentService.createTextOutput(JSON.stringify({ ok: true })).setMimeType(ContentService.MimeType.JSON);
}
function mailLink() {
  MailApp.sendEmail('client@example.com', 'News', 'Unsubscribe: ' + ScriptApp.getService().getUrl() + '?token=t-1');
}
function chart() {
  var sheet = SpreadsheetApp.getActiveSheet();
  sheet.getRange('B1:C3').setValues([['Channel', 'Leads'], ['Avito', 12], ['2GIS', 7]]);
  sheet.insertChart(sheet.newChart().asPieChart().addRange(sheet.getRange('B1:C3')).setTitle('Leads').build());
}
`;

async function serve(webapp?: object) {
  const wb = createWorkbook({ user: 'anna@clinic.test', locale: 'en_US', timeZone: 'Europe/Moscow' });
  const addon = wb.loadAddon({ code: CODE, ...(webapp ? { webapp } : {}) });
  let changes = 0;
  const fallthrough = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(418);
    res.end('next');
  };
  const server = http.createServer(withWebApp(wb as unknown as ExecWorkbook, fallthrough, () => changes++));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  wb.webApp.setUrl(`${base}/exec`);
  return { wb, addon, server, base, changes: () => changes };
}

describe('GET and POST /exec', () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    s = await serve({ executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
  });
  afterAll(() => new Promise<void>((resolve) => s.server.close(() => resolve())));

  it('a link mailed by the add-on opens in the browser as an anonymous visitor', async () => {
    s.addon.call('mailLink');
    const link = /http\S+/.exec(s.wb.outbox[0].body)![0];
    expect(link).toBe(`${s.base}/exec?token=t-1`);
    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe('token=t-1 user=');
  });

  it('an HtmlOutput is served as a sandboxed page with its title; its form posts back to doPost', async () => {
    const page = await fetch(`${s.base}/exec?page=1`);
    expect(page.headers.get('content-security-policy')).toMatch(/sandbox allow-scripts allow-forms/);
    expect(await page.text()).toBe(
      '<!doctype html><html><head><meta charset="utf-8"><title>Отписка</title></head><body><form method="post"><button>Stop emails</button></form></body></html>',
    );
    const before = s.changes();
    const res = await fetch(`${s.base}/exec`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=client%40example.com',
    });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ ok: true });
    expect(s.wb.values('Sheet1')[0][0]).toBe('unsubscribed client@example.com');
    expect(s.changes()).toBeGreaterThan(before);
  });

  it('answers only on this machine and leaves other paths to the playground', async () => {
    // fetch cannot set Host (a rebinding attacker's DNS name arrives as the Host header).
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get(`${s.base}/exec?token=x`, { headers: { Host: 'evil.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBe(403);
    expect((await fetch(`${s.base}/api/state`)).status).toBe(418);
  });

  it('serves the charts of a tab with their current data', async () => {
    s.addon.call('chart');
    const res = await fetch(`${s.base}/api/charts?tab=Sheet1`);
    const [c] = await res.json();
    expect(c).toMatchObject({
      type: 'PIE',
      title: 'Leads',
      labels: ['Avito', '2GIS'],
      series: [{ name: 'Leads', values: [12, 7] }],
    });
    expect((await fetch(`${s.base}/api/charts?tab=Nope`)).status).toBe(404);
  });
});

describe('/exec when the web app is not deployed or not open to everyone', () => {
  it('says the manifest has no webapp section', async () => {
    const s = await serve();
    const res = await fetch(`${s.base}/exec`);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/no "webapp" section/);
    await new Promise<void>((resolve) => s.server.close(() => resolve()));
  });

  it('runs as the playground user when the web app needs a signed-in visitor', async () => {
    const s = await serve({ executeAs: 'USER_ACCESSING', access: 'ANYONE' });
    expect(await (await fetch(`${s.base}/exec?token=q`)).text()).toBe('token=q user=anna@clinic.test');
    await new Promise<void>((resolve) => s.server.close(() => resolve()));
  });
});

describe('the chart panel of the page', () => {
  it('bundles chart.js into the page script, while dist/Code.js has none of it', async () => {
    const out = await esbuild.build({
      entryPoints: [path.join(__dirname, '../../../local/playground/page/charts.tsx')],
      bundle: true,
      write: false,
      format: 'esm',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      logLevel: 'silent',
    });
    const js = out.outputFiles[0].text;
    expect(js).toContain('chart-panel');
    expect(js).toMatch(/class Chart\b|Chart\.register|registry/);
    const dist = path.join(__dirname, '../../../dist/Code.js');
    if (existsSync(dist)) expect(readFileSync(dist, 'utf8')).not.toMatch(/chart\.js|Chart\.register/);
  });
});
