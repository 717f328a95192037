// The playground's grid, menus and dialogs in Chromium, driven as a person does: keyboard and mouse only.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { parseArgs, type Started, startPlayground } from '../../local/playground/server';
import { type Browser, browserTestsEnabled, startBrowser } from './chromium';

const root = path.join(__dirname, '../..');
const run = browserTestsEnabled() ? describe : describe.skip;

jest.setTimeout(120_000);

const CLIENTS = 30;

/** The grid cell under a header of the tab on screen. */
async function cellUnder(page: Page, header: string, row: number): Promise<Locator> {
  const headers = page.locator('.sticky-top [data-row="1"] [data-cell]');
  await headers.first().waitFor();
  const texts = await headers.allTextContents();
  const index = texts.findIndex((t) => t.replace('▾', '').trim() === header);
  if (index < 0) throw new Error(`no column ${header} in ${texts.join(' | ')}`);
  const a1 = (await headers.nth(index).getAttribute('data-cell'))!.replace(/\d+$/, String(row));
  return page.locator(`.grid-scroller [data-cell="${a1}"]`);
}

const text = async (cell: Locator) => ((await cell.textContent()) ?? '').replace('▾', '').trim();

/** Waits until the server holds `expected` in a cell (what the page shows may be a pending edit). */
async function stored(started: Started, tab: string, a1: string): Promise<string> {
  const wb = started.wb as unknown as { displayValues(t: string): string[][] };
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return wb.displayValues(tab)[Number(m[2]) - 1]?.[col - 1] ?? '';
}

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

run('the grid as a person uses it (English clinic)', () => {
  let dir: string;
  let started: Started;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/Code.js'))) throw new Error('dist/Code.js is missing: run `npm run build`');
    dir = mkdtempSync(path.join(os.tmpdir(), 'kartoteka-grid-'));
    const args = parseArgs(
      [
        ...['--data', path.join(dir, 'clinic.xlsx'), '--lang', 'en', '--fresh', '--clients', String(CLIENTS)],
        ...['--now', '2026-03-16T10:00', '--port', '0', '--no-open'],
      ],
      {},
    );
    started = await startPlayground(args, root, (m: string) => console.log('playground server:', m));
    browser = await startBrowser({ viewport: { width: 1440, height: 900 } });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => console.log('playground page error:', e.message));
    await page.goto(started.url);
    await page.locator('.tab.active', { hasText: 'Clients' }).waitFor();
    await page.locator('.grid-scroller [data-cell="A2"]').filter({ hasText: /\S/ }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await started?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const delay of [0, 20]) {
    it(`keeps every keystroke typed ${delay} ms apart across Tab and Enter`, async () => {
      const row = CLIENTS + 2 + (delay ? 1 : 0);
      await (await cellUnder(page, 'Full name', row)).click();
      await page.keyboard.type('Jane Doe', { delay });
      await page.keyboard.press('Tab', { delay });
      await page.keyboard.type('6175550188', { delay });
      await page.keyboard.press('Tab', { delay });
      await page.keyboard.type('jane@example.com', { delay });
      await page.keyboard.press('Enter', { delay });
      await until(async () => (await stored(started, 'Clients', `C${row}`)) !== '', 'the email to be saved');
      expect(await stored(started, 'Clients', `A${row}`)).toBe('Jane Doe');
      expect((await stored(started, 'Clients', `B${row}`)).replace(/\D/g, '')).toMatch(/6175550188$/);
      expect(await stored(started, 'Clients', `C${row}`)).toBe('jane@example.com');
      // Enter after Tabs goes to the next row under the cell where the typing began, as in Sheets.
      await expect(page.getByTestId('cell-ref').textContent()).resolves.toBe(`A${row + 1}`);
      await (await cellUnder(page, 'Email', row)).filter({ hasText: 'jane@example.com' }).waitFor();
    });
  }

  it('opens a dropdown with one click on ▾, keeps it open, and the pick is a person’s edit that runs triggers', async () => {
    // A client not yet at the visit stage: picking "Visit" makes the edit trigger stamp the first-visit date.
    let row = 2;
    for (; row <= CLIENTS + 1; row++) {
      const stage = await text(await cellUnder(page, 'Stage', row));
      if (['New lead', 'First contact'].includes(stage) && !(await text(await cellUnder(page, 'First visit', row))))
        break;
    }
    expect(row).toBeLessThanOrEqual(CLIENTS + 1);
    const stage = await cellUnder(page, 'Stage', row);
    await stage.hover();
    await stage.getByRole('button', { name: 'Choose a value' }).click();
    const list = page.getByRole('listbox');
    await list.waitFor();
    // Still open well after the click (it used to close within milliseconds).
    await page.waitForTimeout(500);
    expect(await list.isVisible()).toBe(true);
    expect(await list.getByRole('option').allTextContents()).toEqual(
      expect.arrayContaining(['New lead', 'First contact', 'Visit', 'Client', 'Lost']),
    );
    // Esc closes it and changes nothing; so does a click outside.
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    await stage.getByRole('button', { name: 'Choose a value' }).click();
    await list.waitFor();
    await page.locator('.formula-bar').click();
    await list.waitFor({ state: 'detached' });
    // Opened again, a click on an item edits the cell.
    await stage.getByRole('button', { name: 'Choose a value' }).click();
    await list.getByRole('option', { name: 'Visit', exact: true }).click();
    await list.waitFor({ state: 'detached' });
    await stage.filter({ hasText: 'Visit' }).waitFor();
    await (await cellUnder(page, 'First visit', row)).filter({ hasText: '03/16/2026' }).waitFor();
    expect(await stored(started, 'Clients', `D${row}`)).toBe('Visit');
  });

  it('chooses from the dropdown with the keyboard: Enter opens it, arrows move, Enter picks', async () => {
    const stage = await cellUnder(page, 'Stage', 2);
    await stage.click();
    const before = await text(stage);
    await page.keyboard.press('Enter');
    const list = page.getByRole('listbox');
    await list.waitFor();
    const options = await list.getByRole('option').allTextContents();
    // The current value is highlighted; one step down (wrapping at the end) is the next item.
    const target = options[(options.indexOf(before) + 1) % options.length];
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await list.waitFor({ state: 'detached' });
    await until(async () => (await stored(started, 'Clients', 'D2')) === target, `D2 to become ${target}`);
  });

  it('shows the rows of Journal and Settings after Clients was scrolled down, and each tab keeps its place', async () => {
    const grid = page.locator('.grid-scroller');
    await grid.hover();
    await page.mouse.wheel(0, 2400);
    await until(async () => (await grid.evaluate((el) => el.scrollTop)) > 2000, 'Clients to scroll');
    await page.locator('.grid-scroller [data-row="120"]').waitFor();
    const clientsTop = await grid.evaluate((el) => el.scrollTop);
    for (const [tab, first] of [
      ['Journal', 'When'],
      ['Settings', ''],
    ]) {
      await page.locator('.tabs').getByRole('button', { name: tab, exact: true }).click();
      await page.locator(`.grid-scroller[data-tab="${tab}"]`).waitFor();
      if (first) await page.locator('.sticky-top [data-cell="A1"]', { hasText: first }).waitFor();
      // Row 2 is on screen: inside the grid's box, not only the header.
      const row2 = page.locator('.grid-scroller [data-cell="A2"]');
      await row2.filter({ hasText: /\S/ }).waitFor();
      const box = (await row2.boundingBox())!;
      const frame = (await grid.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(frame.y);
      expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height);
    }
    await page.locator('.tabs').getByRole('button', { name: 'Clients', exact: true }).click();
    await page.locator('.grid-scroller[data-tab="Clients"] [data-row="120"]').waitFor();
    expect(await grid.evaluate((el) => el.scrollTop)).toBe(clientsTop);
    await grid.evaluate((el) => {
      el.scrollTop = 0;
    });
  });

  it('draws menus as Sheets does: a vertical list of full-width items without button borders', async () => {
    await page.getByRole('button', { name: 'Kartoteka', exact: true }).click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    await expectVerticalMenu(menu);
    expect(await menu.locator('hr.menu-sep').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    await page.locator('.rownum', { hasText: /^5$/ }).click({ button: 'right' });
    await expectVerticalMenu(menu);
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Insert 1 row above',
      'Insert 1 row below',
      'Delete row 5',
    ]);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    await page.locator('.colhead', { hasText: /^B$/ }).click({ button: 'right' });
    await expectVerticalMenu(menu);
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Insert 1 column left',
      'Insert 1 column right',
      'Delete column B',
      'Sort sheet A to Z',
      'Sort sheet Z to A',
    ]);
    // A click elsewhere closes it.
    await page.locator('.formula-bar').click();
    await menu.waitFor({ state: 'detached' });
  });

  it("asks about a warning-protected cell in Sheets' own dialog, never a browser confirm box", async () => {
    const browserDialogs: string[] = [];
    const onDialog = (d: { message(): string; dismiss(): Promise<void> }) => {
      browserDialogs.push(d.message());
      void d.dismiss();
    };
    page.on('dialog', onDialog);
    try {
      const total = await cellUnder(page, 'Purchases', 2);
      const before = await text(total);
      await total.click();
      await page.keyboard.type('99');
      await page.keyboard.press('Enter');
      const question = page.getByRole('alertdialog', { name: 'Heads up!' });
      await question.waitFor();
      expect(await question.textContent()).toContain("shouldn't be changed accidentally");
      await question.getByRole('button', { name: 'Cancel' }).click();
      await question.waitFor({ state: 'detached' });
      expect(await text(total)).toBe(before);
      expect(await stored(started, 'Clients', (await total.getAttribute('data-cell'))!)).toBe(before);

      // A value the Stage rule refuses: Sheets' message, in the sheet's language, in the page's own dialog.
      const stage = await cellUnder(page, 'Stage', 3);
      const was = await text(stage);
      await stage.click();
      await page.keyboard.type('Unknown');
      await page.keyboard.press('Enter');
      const problem = page.getByRole('alertdialog', { name: 'There was a problem' });
      await problem.waitFor();
      expect(await problem.textContent()).toMatch(
        /The data you entered in cell D3 violates the data validation rules set on this cell\./,
      );
      await page.keyboard.press('Enter');
      await problem.waitFor({ state: 'detached' });
      await stage.filter({ hasText: was }).waitFor();
      expect(browserDialogs).toEqual([]);
    } finally {
      page.off('dialog', onDialog);
    }
  });

  it('renames a tab in place on a double-click, with no browser prompt', async () => {
    const tabs = page.locator('.tabs');
    await tabs.getByRole('button', { name: 'Settings', exact: true }).dblclick();
    const name = tabs.getByRole('textbox', { name: 'Sheet name' });
    await name.fill('Options');
    await page.keyboard.press('Enter');
    await tabs.getByRole('button', { name: 'Options', exact: true }).waitFor();
    expect((started.wb as unknown as { sheetNames(): string[] }).sheetNames()).toContain('Options');
    await tabs.getByRole('button', { name: 'Options', exact: true }).dblclick();
    await name.fill('Settings');
    await page.keyboard.press('Enter');
    await tabs.getByRole('button', { name: 'Settings', exact: true }).waitFor();
  });

  it('says which triggers ran when the clock moves, as whom and when', async () => {
    const clock = page.getByTestId('clock');
    const before = await clock.getAttribute('data-wall');
    expect(before).toMatch(/^2026-03-16T/);
    await page.getByRole('button', { name: 'Next morning 9:00' }).click();
    await until(async () => (await clock.getAttribute('data-wall')) === '2026-03-17T09:00', 'the clock to move');
    expect(await clock.textContent()).toMatch(/^Tue, 3\/17\/2026, 9:00\sAM$/);
    const notice = page.getByRole('status', { name: 'Triggers ran' });
    await notice.waitFor();
    const runs = notice.getByTestId('trigger-run');
    expect(await runs.count()).toBeGreaterThan(0);
    const first = await runs.first().textContent();
    expect(first).toMatch(/time-driven/);
    expect(first).toMatch(/as anna@clinic\.test · completed/);
    // The log keeps them after the notice is gone.
    await notice.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: /^Triggers \(\d+\)$/ }).click();
    const log = page.getByRole('dialog', { name: 'Triggers' });
    await log.getByTestId('trigger-run').first().waitFor();
    expect(await log.textContent()).toContain('anna@clinic.test');
    await log.getByRole('button', { name: 'Close trigger log' }).click();
  });
});

/** Items stacked top to bottom, all as wide as the menu, with no border of their own; hover highlights one. */
async function expectVerticalMenu(menu: Locator): Promise<void> {
  await menu.waitFor();
  const items = menu.locator(':scope > .menu-item');
  const boxes = [];
  for (let i = 0; i < (await items.count()); i++) boxes.push((await items.nth(i).boundingBox())!);
  expect(boxes.length).toBeGreaterThan(2);
  for (let i = 1; i < boxes.length; i++) {
    expect(boxes[i].x).toBe(boxes[0].x);
    expect(boxes[i].width).toBe(boxes[0].width);
    expect(boxes[i].y).toBeGreaterThanOrEqual(boxes[i - 1].y + boxes[i - 1].height);
  }
  const look = (i: number) =>
    items.nth(i).evaluate((el) => {
      const s = getComputedStyle(el);
      return { border: s.borderTopWidth, background: s.backgroundColor };
    });
  await items.nth(1).hover();
  const hovered = await look(1);
  const other = await look(boxes.length - 1);
  expect(hovered.border).toBe('0px');
  expect(other.border).toBe('0px');
  expect(hovered.background).not.toBe(other.background);
}
