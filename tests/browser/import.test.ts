// Import in the playground, in Chromium, through the UI only: upload the clinic's CSV, check the mapping in the
// sidebar, import, read the Import report tab, undo — and the base is empty again; then the same with an .xlsx file
// worded another way (dates as date cells), undone from the menu.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FrameLocator, Page } from 'playwright-core';
import { parseArgs, type Started, startPlayground } from '../../local/playground/server';
import { gridOf, ruPatients, ruVariants } from '../domain/import/fixtures';
import { csvOf } from '../server/importWorld';
import { type Browser, browserTestsEnabled, startBrowser } from './chromium';
import { SCREENSHOTS } from './harness';

const root = path.join(__dirname, '../..');
const run = browserTestsEnabled() ? describe : describe.skip;

jest.setTimeout(180_000);

function sidebar(page: Page): FrameLocator {
  return page.frameLocator('iframe[name="sidebar"]');
}

/** A menu item clicked; the click returns once the server ran it, which takes long on a busy machine. */
async function menu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Картотека' }).click({ timeout: 120_000 });
  await page.getByRole('menuitem', { name: item }).click({ timeout: 120_000 });
}

/** A tab's grid on screen, waited for by a cell's text. */
async function openTab(page: Page, name: string, cell: string, text: string | RegExp): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await page.locator('.tabs').getByRole('button', { name, exact: true }).click();
    try {
      await page.locator(`.grid-scroller[data-tab="${name}"] [data-cell="${cell}"]`, { hasText: text }).waitFor({
        timeout: 5000,
      });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

/**
 * The split-name sheet (a title row, surname, name and patronymic apart, a second phone) as Excel saves it: the
 * first-contact and birth dates that are real dates as date cells, the rest as typed.
 */
async function excelFile(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Лист1');
  const variant = ruVariants[1];
  const dateColumns = new Set(['Первичное обращение', 'Д.р.']);
  for (const row of gridOf(variant, ruPatients)) {
    ws.addRow(
      row.map((cell, i) => {
        const m =
          typeof cell === 'string' &&
          dateColumns.has(variant.columns[i]?.header) &&
          /^(\d\d)\.(\d\d)\.(\d{4})$/.exec(cell);
        if (!m) return cell;
        const day = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
        return day.getUTCDate() === Number(m[1]) ? day : cell;
      }),
    );
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

run('import in the playground', () => {
  let dir: string;
  let started: Started;
  let browser: Browser;
  let page: Page;
  let csv: string;
  let xlsx: string;

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/Code.js'))) throw new Error('dist/Code.js is missing: run `npm run build`');
    dir = mkdtempSync(path.join(os.tmpdir(), 'kartoteka-import-'));
    // A private copy of the build (a rebuild of dist/ meanwhile cannot pull files from under the playground).
    const home = path.join(dir, 'root');
    mkdirSync(home);
    cpSync(path.join(root, 'dist'), path.join(home, 'dist'), { recursive: true });
    symlinkSync(path.join(root, 'local'), path.join(home, 'local'));
    csv = path.join(dir, 'Пациенты.csv');
    writeFileSync(csv, csvOf(gridOf(ruVariants[0], ruPatients)));
    xlsx = path.join(dir, 'Пациенты 2026.xlsx');
    writeFileSync(xlsx, await excelFile());
    const args = parseArgs(
      ['--data', path.join(dir, 'clinic.xlsx'), '--empty', '--fresh', '--port', '0', '--no-open'],
      {},
    );
    started = await startPlayground(args, home, (m: string) => console.log('playground server:', m));
    browser = await startBrowser({ viewport: { width: 1440, height: 900 } });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => console.log('playground page error:', e.message));
    await page.goto(started.url);
    await menu(page, 'Настроить / восстановить базу');
    const alert = page.getByRole('alertdialog');
    await alert.waitFor();
    await alert.getByRole('button', { name: 'ОК' }).click();
    await page.locator('.tabs').getByRole('button', { name: 'Клиенты', exact: true }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await started?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a CSV as a new tab and opens the import sidebar on it with every column mapped', async () => {
    await page.getByTestId('upload').setInputFiles(csv);
    await page.locator('.tab.active', { hasText: 'Пациенты' }).waitFor();
    const bar = sidebar(page);
    await bar.getByTestId('mapping').waitFor();
    await expect(bar.locator('#source').inputValue()).resolves.toBe('Пациенты');
    const columns = bar.getByTestId('column');
    await expect(columns.count()).resolves.toBe(15);
    // The field each column goes to, as the selects show it.
    const chosen = await columns
      .locator('select')
      .evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? ''));
    expect(chosen).toEqual(
      expect.arrayContaining([
        'ФИО',
        'Телефон',
        'Email',
        'Дата рождения',
        'Адрес',
        'Первый контакт',
        'Следующая запись',
        'Что на записи',
        'Рекламный канал «Instagram» (отметки)',
      ]),
    );
    await expect(bar.getByTestId('sample').textContent()).resolves.toContain('новых карточек 5');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'import-ru.png') });
  });

  it('imports with a summary, and the Import report lists what could not be read', async () => {
    const bar = sidebar(page);
    await bar.getByRole('button', { name: 'Импортировать 7 строк' }).click();
    const summary = bar.getByTestId('summary');
    await summary.waitFor({ timeout: 60_000 });
    await expect(summary.textContent()).resolves.toMatch(/новых карточек 5.*значений оставлено как было 3/);
    await openTab(page, 'Клиенты', 'A2', 'Петрова Анна Сергеевна');
    await openTab(page, 'Отчёт импорта', 'A1', 'Импорт');
    await page
      .locator('.grid-scroller[data-tab="Отчёт импорта"] [data-cell]', { hasText: '31.02.1990' })
      .first()
      .waitFor();
  });

  it('undoes the import from the sidebar: no card, no journal row, no report row is left', async () => {
    const bar = sidebar(page);
    await bar.getByRole('button', { name: 'Отменить этот импорт' }).click();
    await bar.getByRole('button', { name: 'Да, отменить' }).click();
    await bar.getByTestId('undone').filter({ hasText: 'отменён' }).waitFor({ timeout: 60_000 });
    await openTab(page, 'Клиенты', 'A1', 'ФИО');
    await expect(page.locator('.grid-scroller[data-tab="Клиенты"] [data-cell="A2"]').textContent()).resolves.toBe('');
    await openTab(page, 'Журнал', 'A1', /.+/);
    await expect(page.locator('.grid-scroller[data-tab="Журнал"] [data-cell="A2"]').textContent()).resolves.toBe('');
  });

  it('imports an .xlsx worded another way with no manual mapping, and Undo last import in the menu takes it back', async () => {
    await page.getByTestId('upload').setInputFiles(xlsx);
    await page.locator('.tab.active', { hasText: 'Пациенты 2026' }).waitFor();
    const bar = sidebar(page);
    await bar.getByTestId('mapping').waitFor();
    await expect(bar.locator('#source').inputValue()).resolves.toBe('Пациенты 2026');
    const chosen = await bar
      .getByTestId('column')
      .locator('select')
      .evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? ''));
    expect(chosen).toHaveLength(18);
    expect(chosen).toEqual(
      expect.arrayContaining(['Фамилия', 'Телефон', 'Email', 'Дата рождения', 'Первый контакт', 'Следующая запись']),
    );
    await bar.getByRole('button', { name: /^Импортировать \d+ строк/ }).click();
    const summary = bar.getByTestId('summary');
    await summary.waitFor({ timeout: 60_000 });
    await expect(summary.textContent()).resolves.toMatch(/новых карточек 5/);
    await openTab(page, 'Клиенты', 'A2', 'Петрова Анна Сергеевна');
    // The second phone, which has no field of its own, is a column of Clients under its own header.
    await page
      .locator('.grid-scroller[data-tab="Клиенты"] [data-cell$="1"]', { hasText: 'Телефон 2' })
      .first()
      .waitFor();

    // The menu names the import and asks first (the playground answers Yes and shows the question), then says what
    // it did.
    await menu(page, 'Отменить последний импорт');
    const asked = page.getByRole('alertdialog').filter({ hasText: 'с листа «Пациенты 2026»?' });
    await asked.waitFor({ timeout: 60_000 });
    await asked.getByRole('button', { name: 'ОК' }).click();
    const done = page.getByRole('alertdialog').filter({ hasText: /отменён: удалено карточек 5/ });
    await done.waitFor({ timeout: 60_000 });
    await done.getByRole('button', { name: 'ОК' }).click();
    await openTab(page, 'Клиенты', 'A1', 'ФИО');
    await expect(page.locator('.grid-scroller[data-tab="Клиенты"] [data-cell="A2"]').textContent()).resolves.toBe('');
  });
});
