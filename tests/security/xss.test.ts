// XSS: markup in client data (typed or pasted into the sheet) and in the email templates (a Templates tab is edited
// by people) is shown as text by every sidebar and arrives escaped in every letter; nothing runs.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorkbook } from '../../local/index';
import { defaultTemplates, renderTemplate, TEMPLATE_RULES } from '../../src/domain/reminders/templates';
import { type Browser, browserTestsEnabled } from '../browser/chromium';
import { openHtml, ROOT, ready, startSidebarBrowser } from '../browser/harness';
import { XSS_PAYLOADS } from './payloads';

const FIELDS = ['fullName', 'company', 'address', 'notes', 'interests', 'familyDates', 'nextStep', 'tags', 'callHours'];

/** Every tag a letter's HTML may hold is the renderer's own wrapper; anything else would be markup from data. */
const FOREIGN_TAG = /<(?!\/?(div|p|br)\b)[a-z!/?]/i;

describe('email templates', () => {
  it.each(TEMPLATE_RULES)('%s: client values and template text with markup arrive escaped', (rule) => {
    for (const lang of ['ru', 'en'] as const) {
      const template = defaultTemplates(lang)[rule];
      for (const p of XSS_PAYLOADS) {
        const client = { fullName: p, email: 'a@b.test', nextAppointmentWork: p, subscriptionEndsOn: '2026-03-16' };
        const hostile = { subject: `${template.subject} ${p}`, body: `${template.body}\n${p}\n{{fullName}}` };
        for (const t of [template, hostile]) {
          const r = renderTemplate(t, client, {
            lang,
            dateFormat: 'dd.mm.yyyy',
            today: '2026-03-15',
            extra: { list: p },
          });
          expect(r.htmlBody).not.toMatch(FOREIGN_TAG);
          expect(r.htmlBody).not.toMatch(/<[^>]*\son\w+=/i);
          expect(r.subject).not.toMatch(/[\r\n]/);
        }
      }
    }
  });
});

const describeBrowser = browserTestsEnabled() ? describe : describe.skip;

describeBrowser('sidebars in chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    const dist = path.join(ROOT, 'dist');
    if (!existsSync(path.join(dist, 'client-card.html'))) execFileSync('node', ['esbuild.config.mjs'], { cwd: ROOT });
    dir = mkdtempSync(path.join(tmpdir(), 'kartoteka-xss-'));
    cpSync(dist, dir, { recursive: true });
    browser = await startSidebarBrowser();
  }, 60000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`the card and the contact log show ${XSS_PAYLOADS.length} payloads in every text field as text`, async () => {
    const wb = createWorkbook({
      timeZone: 'Europe/Moscow',
      locale: 'en_US',
      now: '2026-03-15T09:00:00',
      user: 'anna@clinic.test',
    });
    const addon = wb.loadAddon(path.join(dir, 'Code.js'));
    expect((addon.call('setupDatabase') as any).ok).toBe(true);
    const ids: string[] = [];
    // Three cards carry every payload: each field a different one, so all ten are rendered somewhere.
    for (let k = 0; k < 3; k++) {
      const at = (i: number) => XSS_PAYLOADS[(i + k * FIELDS.length) % XSS_PAYLOADS.length];
      const p = at(0);
      const input: Record<string, unknown> = { allowDuplicate: true };
      FIELDS.forEach((f, i) => {
        input[f] = f === 'fullName' ? `Eve ${at(i)}` : at(i);
      });
      const r = addon.call('addClient', input) as any;
      expect(r.ok).toBe(true);
      ids.push(r.id);
      addon.call('logContact', { clientId: r.id, type: 'Call', summary: p, nextStep: p });
    }
    for (const id of ids) {
      addon.call('showClientCard', id);
      const html = wb.ui.sidebars[wb.ui.sidebars.length - 1].content;
      const sidebar = await openHtml(browser.context, html, (fn, args) => addon.call(fn, ...args));
      await ready(sidebar);
      await sidebar.page.waitForSelector('[data-testid=card-name]');
      const text = await sidebar.page.textContent('body');
      expect(text).toContain('window.__xss');
      await sidebar.page.waitForTimeout(150);
      expect(await sidebar.page.evaluate(() => (window as any).__xss)).toBeUndefined();
      expect(await sidebar.page.locator('main img, main script, main svg, main iframe, main style').count()).toBe(0);
      expect(sidebar.dialogs).toEqual([]);
      expect(sidebar.errors).toEqual([]);
      await sidebar.page.close();
    }
    addon.call('showLogContact');
    const log = await openHtml(browser.context, wb.ui.sidebars[wb.ui.sidebars.length - 1].content, (fn, args) =>
      addon.call(fn, ...args),
    );
    await ready(log);
    // The date fields' calendar buttons are the sidebar's own icons; the names found must add none.
    const icons = await log.page.locator('main svg').count();
    await log.page.fill('#picker', 'Eve');
    await log.page.waitForSelector('[role=option]');
    expect(await log.page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(await log.page.locator('main img, main script, main iframe, main style').count()).toBe(0);
    expect(await log.page.locator('main svg').count()).toBe(icons);
    expect(log.dialogs).toEqual([]);
    await log.page.close();
  }, 400_000);
});
