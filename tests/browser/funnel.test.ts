// The Funnel tab of the playground's sample clinic in Chromium: its numbers in the grid, its charts drawn, and the
// README screenshot docs/screenshots/funnel.png.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, startPlayground } from '../../local/playground/server';
import { browserTestsEnabled, startBrowser } from './chromium';

const root = path.join(__dirname, '../..');
const run = browserTestsEnabled() ? describe : describe.skip;

jest.setTimeout(180_000);

run('the Funnel tab in a browser', () => {
  it('shows the sample clinic funnel with its three charts drawn, and saves the README screenshot funnel.png', async () => {
    if (!existsSync(path.join(root, 'dist/Code.js'))) throw new Error('dist/Code.js is missing: run `npm run build`');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kartoteka-funnel-'));
    // A fixed date keeps the screenshot the same from run to run.
    const args = parseArgs(
      [
        ...['--data', path.join(dir, 'clinic.xlsx'), '--lang', 'ru', '--fresh', '--now', '2026-03-16T10:00'],
        ...['--port', '0', '--no-open'],
      ],
      {},
    );
    const started = await startPlayground(args, root, () => undefined);
    const browser = await startBrowser({ viewport: { width: 1440, height: 900 } });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    try {
      await page.goto(started.url);
      await page.locator('.tab.active', { hasText: 'Клиенты' }).waitFor();
      await page.locator('.tabs').getByRole('button', { name: 'Воронка', exact: true }).click();
      const grid = page.locator('.grid-scroller[data-tab="Воронка"]');
      await grid.locator('[data-cell="A1"]', { hasText: 'Воронка продаж' }).waitFor();
      // The picker's month and the stage counts of the chosen month, computed by the sheet's formulas.
      // A dropdown cell: the grid shows its ▾.
      expect(await grid.locator('[data-cell="B4"]').textContent()).toBe('март 2026▾');
      const leads = Number((await grid.locator('[data-cell="B6"]').textContent())?.trim());
      expect(leads).toBeGreaterThan(0);
      await expect(grid.locator('[data-cell="D6"]').textContent()).resolves.toMatch(/₽/);
      // Charts: the stage bars of the chosen month, leads and buyers per month by channel — each drawn on a canvas.
      const charts = page.locator('aside.chart-panel figure.embedded-chart');
      await charts.first().waitFor();
      expect(await charts.count()).toBe(3);
      expect(await page.locator('aside.chart-panel figure.embedded-chart canvas').count()).toBe(3);
      await page.waitForTimeout(1200);
      mkdirSync(path.join(root, 'docs/screenshots'), { recursive: true });
      await page.screenshot({ path: path.join(root, 'docs/screenshots/funnel.png') });
    } finally {
      await browser.close();
      await started.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
