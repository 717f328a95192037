// A mailing in the playground, in Chromium, through the UI only: open "Send to a segment…", pick a segment, write a
// letter with a button (a javascript: link is refused beside its field), see who gets it and who does not, preview
// it for two clients, send a test (it lands in the Outbox), send after the confirmation with the count, read the
// letters in the Outbox with the client's name and button, click "unsubscribe" in one → the web-app page says done →
// the Clients tab shows the date and a second look at the audience leaves that client out as unsubscribed.
// The English sidebar opens and previews on a small sheet of its own; both save their README screenshots.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { createWorkbook } from '../../local/index';
import { parseArgs, type Started, startPlayground } from '../../local/playground/server';
import type { MailingPreview, MailingsView } from '../../src/shared/mailings';
import { type Browser, browserTestsEnabled, startBrowser } from './chromium';
import { openHtml, SCREENSHOTS, screenshot, startSidebarBrowser } from './harness';

const root = path.join(__dirname, '../..');
const run = browserTestsEnabled() ? describe : describe.skip;

jest.setTimeout(180_000);

function sidebar(page: Page): FrameLocator {
  return page.frameLocator('iframe[name="sidebar"]');
}

async function menu(page: Page, top: string, item: string): Promise<void> {
  await page.getByRole('button', { name: top }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

type Answer<T> = ({ ok: true } & T) | { ok: false; errors?: Record<string, string> };

run('a mailing in the playground', () => {
  let dir: string;
  let started: Started;
  let browser: Browser;
  let page: Page;
  /** The segment the test writes to, its first recipient and the client who unsubscribes. */
  let segment: string;
  let recipients: MailingPreview['recipients'];

  const call = <T>(fn: string, ...args: unknown[]) => started.wb.addon?.call(fn, ...args) as T;
  /** Who each email in the Outbox went to, oldest first. */
  const sentTo = () => (started.wb.outbox as Array<{ to: string }>).map((m) => m.to);

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/mailings.html'))) throw new Error('dist/ is missing: run `npm run build`');
    dir = mkdtempSync(path.join(os.tmpdir(), 'kartoteka-mailings-'));
    // A private copy of the build (a rebuild of dist/ meanwhile cannot pull files from under the playground).
    const home = path.join(dir, 'root');
    mkdirSync(home);
    cpSync(path.join(root, 'dist'), path.join(home, 'dist'), { recursive: true });
    symlinkSync(path.join(root, 'local'), path.join(home, 'local'));
    // A Monday morning inside the sending window, so "now" means now.
    const args = parseArgs(
      [
        ...['--data', path.join(dir, 'clinic.xlsx'), '--lang', 'ru', '--fresh', '--clients', '40'],
        ...['--now', '2026-03-16T10:30', '--port', '0', '--no-open'],
      ],
      {},
    );
    started = await startPlayground(args, home, (m: string) => console.log('playground server:', m));
    // The segment with the most recipients, so the letters, the exclusions and the unsubscribe all have someone.
    const view = call<Answer<{ view: MailingsView }>>('mailingsView');
    if (!view.ok) throw new Error(`mailingsView: ${JSON.stringify(view)}`);
    const inline = { subject: 's', body: 'b' };
    // Segments of the Segments tab (the "all with consent" choice has no key).
    const sized = view.view.segments
      .filter((s) => s.key)
      .map((s) => {
        const p = call<Answer<MailingPreview>>('previewMailing', { segment: s.name, template: inline });
        return { name: s.name, preview: p.ok ? p : null };
      });
    const best = sized
      .filter((s) => s.preview && s.preview.counts.recipients >= 2 && s.preview.counts.excluded >= 1)
      .sort((a, b) => (b.preview?.counts.recipients ?? 0) - (a.preview?.counts.recipients ?? 0))[0];
    if (!best?.preview) throw new Error(`no segment with 2+ recipients and an exclusion: ${JSON.stringify(sized)}`);
    segment = best.name;
    recipients = best.preview.recipients;
    browser = await startBrowser({ viewport: { width: 1440, height: 900 } });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => console.log('playground page error:', e.message));
    await page.goto(started.url);
    await page.locator('.tab.active', { hasText: 'Клиенты' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await started?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens from the menu, refuses a javascript: link beside its field and previews the letter per client', async () => {
    await menu(page, 'Картотека', 'Рассылка по сегменту…');
    const bar = sidebar(page);
    await bar.locator('#f-segment').waitFor();
    await bar.locator('#f-segment').selectOption(segment);
    await bar.locator('#f-template').selectOption({ label: 'Написать своё письмо…' });
    await bar.locator('#f-subject').fill('Весенняя чистка со скидкой');
    await bar.locator('#f-body').fill('{{Имя}}, здравствуйте!\nВ марте профессиональная гигиена со скидкой 20%.');
    await bar.locator('#f-buttonText').fill('Записаться');
    await bar.locator('#f-buttonUrl').fill('javascript:alert(1)');
    await bar.getByRole('button', { name: 'Кто получит' }).click();
    await expect(bar.locator('#f-buttonUrl-error').textContent()).resolves.toBe(
      'Ссылка должна начинаться с http:// или https:// — например: https://clinic.ru/zapis',
    );
    // The focus goes to the field to fix.
    await expect(bar.locator('#f-buttonUrl').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await bar.locator('#f-buttonUrl').fill('https://ulybka.example/zapis');
    await bar.locator('#f-buttonUrl').press('Enter');
    const audience = bar.getByTestId('audience');
    await audience.waitFor();
    await expect(audience.locator('.count').textContent()).resolves.toMatch(
      new RegExp(`^Получат письмо: ${recipients.length} из \\d+$`),
    );
    expect(await bar.getByTestId('excluded').textContent()).toMatch(/Не получат: \d+/);
    // The letter as the first recipient gets it: their name, the button; then as the second.
    const letter = bar.frameLocator('[data-testid=letter] iframe');
    const first = firstName(recipients[0].name);
    await letter.locator('body', { hasText: first }).waitFor();
    await letter.getByRole('link', { name: 'Записаться' }).waitFor();
    await bar.locator('#f-client').selectOption(recipients[1].id);
    await letter.locator('body', { hasText: firstName(recipients[1].name) }).waitFor();
    // The screenshot shows who gets it and the letter itself.
    await bar.getByTestId('audience').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'mailings-ru.png') });
    // The plain-text alternative carries the link as text.
    await bar.getByRole('button', { name: 'Простой текст' }).click();
    await expect(bar.getByTestId('plain').textContent()).resolves.toContain('https://ulybka.example/zapis');
  });

  it('sends a test to me: it appears in the Outbox and no client got anything', async () => {
    const bar = sidebar(page);
    await bar.getByRole('button', { name: 'Отправить тест мне' }).click();
    await bar.locator('form .banner.success').waitFor();
    await page.getByRole('button', { name: 'Исходящие (1)' }).waitFor();
    expect(sentTo()).toEqual(['anna@clinic.test']);
  });

  it('sends after a confirmation that shows the count, with a result line', async () => {
    const bar = sidebar(page);
    await bar.getByRole('button', { name: 'Отправить…' }).click();
    const confirm = bar.getByTestId('confirm');
    await confirm.waitFor();
    const n = recipients.length;
    expect(await confirm.textContent()).toContain(
      `Отправить письмо ${n} ${n % 10 === 1 && n % 100 !== 11 ? 'клиенту' : 'клиентам'}?`,
    );
    // Nothing went before the yes.
    expect(started.wb.outbox).toHaveLength(1);
    await confirm.getByRole('button', { name: `Да, отправить (${n})` }).click();
    await bar.locator('.send .banner.success').waitFor({ timeout: 60_000 });
    const to = sentTo().slice(1);
    expect(to.sort()).toEqual(recipients.map((r) => r.email).sort());
  });

  it('shows the letters in the Outbox with the name and button; unsubscribing in one marks that client', async () => {
    const who = recipients[0];
    await page.getByRole('button', { name: `Исходящие (${recipients.length + 1})` }).click();
    const outbox = page.getByRole('dialog', { name: 'Исходящие' });
    await outbox.locator('.mail-list li', { hasText: who.email }).getByRole('button').click();
    const letter = outbox.frameLocator('iframe.mail-frame');
    await letter.locator('body', { hasText: firstName(who.name) }).waitFor();
    await letter.getByRole('link', { name: 'Записаться' }).waitFor();
    const [visit] = await Promise.all([
      browser.context.waitForEvent('page'),
      letter.getByRole('link', { name: /отписаться/i }).click(),
    ]);
    await visit.waitForLoadState();
    expect(visit.url()).toMatch(new RegExp(`^${started.url}exec\\?`));
    await expect(visit.locator('body').textContent()).resolves.toMatch(/отписал|отписк/i);
    await visit.close();
    await page.getByRole('button', { name: 'Закрыть исходящие' }).click();

    // The sheet shows the date on the client's row (the page learns of the change by itself).
    const nameCell = page.locator('.grid-scroller[data-tab="Клиенты"] [data-cell^="A"]', { hasText: who.name }).first();
    const row = (await nameCell.getAttribute('data-cell'))!.replace(/^A/, '');
    const headers = page.locator('.sticky-top [data-row="1"] [data-cell]');
    const texts = await headers.allTextContents();
    const index = texts.findIndex((t) => t.replace('▾', '').trim() === 'Отписался');
    expect(index).toBeGreaterThanOrEqual(0);
    const column = (await headers.nth(index).getAttribute('data-cell'))!.replace(/\d+$/, '');
    await page.locator(`[data-cell="${column}${row}"]`, { hasText: '16.03.2026' }).waitFor({ timeout: 10_000 });

    // A second look at the same audience leaves them out, as unsubscribed.
    const bar = sidebar(page);
    await bar.getByRole('button', { name: 'Кто получит' }).click();
    const excluded = bar.getByTestId('excluded');
    const group = excluded.getByRole('button', { name: /отпис/i });
    await group.click();
    await excluded.locator('li', { hasText: who.name }).waitFor();
  });
});

/** How the letter greets: the first name (and patronymic) after the family name in a Russian full name. */
function firstName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return parts.length > 1 ? parts[1] : parts[0];
}

run('the English sidebar', () => {
  let browser: Browser;
  let addonDir: string;

  beforeAll(async () => {
    // A private copy of the build, as above.
    addonDir = mkdtempSync(path.join(os.tmpdir(), 'kartoteka-mailings-en-'));
    cpSync(path.join(root, 'dist'), addonDir, { recursive: true });
    browser = await startSidebarBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    if (addonDir) rmSync(addonDir, { recursive: true, force: true });
  });

  it('opens, lists the segments with their sizes, previews a template, schedules it for later and cancels it', async () => {
    const wb = createWorkbook({
      timeZone: 'America/New_York',
      locale: 'en_US',
      now: '2026-03-16T10:30:00',
      user: 'anna@clinic.test',
    });
    const addon = wb.loadAddon(path.join(addonDir, 'Code.js'));
    expect((addon.call('setupDatabase') as { ok: boolean }).ok).toBe(true);
    for (const [fullName, email, consent] of [
      ['Anna Smith', 'anna@mail.test', '03/01/2026'],
      ['Peter Brown', 'peter@mail.test', '03/01/2026'],
      ['Mary Jones', 'mary@mail.test', ''],
    ]) {
      const r = addon.call('addClient', { fullName, email, emailConsentOn: consent, stage: 'New lead' }) as {
        ok: boolean;
      };
      expect(r).toMatchObject({ ok: true });
    }
    // Segment sizes come from the segments' rules on the Clients tab, with no rebuild of the segment tabs.
    addon.call('showMailings');
    const html = wb.ui.sidebars[wb.ui.sidebars.length - 1].content;
    const bar = await openHtml(browser.context, html, (fn, args) => addon.call(fn, ...args));
    const { page } = bar;
    // Loaded: the form context, then the lists (a busy machine may take a while for both).
    await page.locator('#f-segment').waitFor({ timeout: 60_000 });
    const view = addon.call('mailingsView') as { ok: true; view: MailingsView };
    const withMembers = view.view.segments.find((s) => s.key && s.size >= 2);
    expect(withMembers).toBeDefined();
    const label = `${withMembers!.name} (${withMembers!.size})`;
    await page.locator('#f-segment').selectOption({ label });
    const template = view.view.templates[0];
    expect(template).toBeDefined();
    await page.locator('#f-template').selectOption(template.name);
    await page.getByTestId('audience').waitFor();
    await expect(page.getByTestId('audience').locator('.count').textContent()).resolves.toMatch(
      /^Will get the letter: \d+ of \d+$/,
    );
    await page
      .frameLocator('[data-testid=letter] iframe')
      .locator('body', { hasText: /Anna|Peter|Mary/ })
      .waitFor();
    await page.getByTestId('rules').filter({ hasText: 'Letters go' }).waitFor();
    // A member left out can be looked at too, and the sidebar says why the letter will not go to them.
    const out = (
      addon.call('previewMailing', { segment: withMembers!.name, template: template.name }) as MailingPreview
    ).excluded[0];
    await page.locator('#f-client').selectOption(out.id);
    await page
      .getByTestId('not-sent')
      .filter({ hasText: `This client will not get it: ${out.reasonText}` })
      .waitFor();
    await page.locator('#f-client').selectOption({ index: 0 });
    await page.getByTestId('not-sent').waitFor({ state: 'detached' });
    // One language per sheet: nothing on screen is in Russian.
    expect(await page.locator('main').textContent()).not.toMatch(/[А-Яа-яЁё]/);
    await screenshot(page, 'mailings-en');
    expect(wb.outbox).toEqual([]);

    // Scheduled for a Saturday noon: the sidebar says when it will really go, asks with the count, lists it, and
    // it can be cancelled before it goes.
    await page.getByLabel('Schedule').check();
    await page.locator('#f-day').fill('03/14/2026');
    await page.locator('#f-hour').selectOption('12');
    await page.getByRole('button', { name: 'Who gets it' }).click();
    await expect(page.locator('#f-day-error').textContent()).resolves.toBe(
      'This day has passed — choose today (03/16/2026) or later',
    );
    await page.locator('#f-day').fill('03/21/2026');
    await page.getByRole('button', { name: 'Who gets it' }).click();
    // Saturday is outside the window (Mon–Fri from 10:00): the letters wait for Monday morning.
    await page.getByTestId('when').filter({ hasText: 'The letters go Mon 03/23/2026 10:00.' }).waitFor();
    await page.getByRole('button', { name: 'Schedule…' }).click();
    const confirm = page.getByTestId('confirm');
    await confirm.filter({ hasText: 'The letters go Mon 03/23/2026 10:00.' }).waitFor();
    await confirm.filter({ hasText: /^Schedule the letter to \d+ clients? for 03\/21\/2026 12:00\?/ }).waitFor();
    await confirm.getByRole('button', { name: /^Yes, schedule \(\d+\)$/ }).click();
    await page.locator('.send .banner.success').waitFor();
    expect(wb.outbox).toEqual([]);
    const listed = page.getByTestId('mailings').locator('li', { hasText: '03/21/2026 12:00' });
    await listed.filter({ hasText: 'scheduled' }).waitFor();
    await listed.getByRole('button', { name: 'Cancel' }).click();
    await listed.getByRole('button', { name: 'Yes, cancel it' }).click();
    await listed.filter({ hasText: 'cancelled' }).waitFor();
    // Monday comes and nothing goes.
    wb.clock.set('2026-03-23T12:00:00');
    wb.runDueTriggers();
    expect(wb.outbox).toEqual([]);
    expect(bar.errors).toEqual([]);
    await page.close();
  });
});
