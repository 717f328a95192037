// The playground end to end in Chromium, through the UI only: setup, a new client, a purchase, a stage edit, the night.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { parseArgs, type Started, startPlayground } from '../../local/playground/server';
import { type Browser, browserTestsEnabled, startBrowser } from './chromium';

const root = path.join(__dirname, '../..');
const run = browserTestsEnabled() ? describe : describe.skip;

jest.setTimeout(120_000);

async function launch(): Promise<Browser & { page: Page }> {
  const browser = await startBrowser({ viewport: { width: 1440, height: 900 } });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return { ...browser, page };
}

async function menu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Картотека' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** The grid cell under a header of the Clients tab, in a data row. */
async function cellUnder(page: Page, header: string, row: number) {
  const headers = page.locator('.sticky-top [data-row="1"] [data-cell]');
  const texts = await headers.allTextContents();
  const index = texts.findIndex((t) => t.replace('▾', '').trim() === header);
  if (index < 0) throw new Error(`no column ${header} in ${texts.join(' | ')}`);
  const a1 = (await headers.nth(index).getAttribute('data-cell'))!.replace(/\d+$/, String(row));
  return page.locator(`[data-cell="${a1}"]`);
}

/** Opens a tab and waits until its grid shows its first header (a click during a re-render is tried again). */
async function openTab(page: Page, name: string, firstHeader: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await page.locator('.tabs').getByRole('button', { name, exact: true }).click();
    try {
      await page
        .locator(`.grid-scroller[data-tab="${name}"] .sticky-top [data-cell="A1"]`, { hasText: firstHeader })
        .waitFor({ timeout: 5000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

function sidebar(page: Page): FrameLocator {
  return page.frameLocator('iframe[name="sidebar"]');
}

run('the playground in a browser', () => {
  let dir: string;
  let started: Started;
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  // Browser alert/confirm/prompt boxes the page opened: the playground's questions are its own dialogs.
  const browserDialogs: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/Code.js'))) throw new Error('dist/Code.js is missing: run `npm run build`');
    dir = mkdtempSync(path.join(os.tmpdir(), 'kartoteka-e2e-'));
    const args = parseArgs(
      ['--data', path.join(dir, 'clinic.xlsx'), '--empty', '--fresh', '--port', '0', '--no-open'],
      {},
    );
    // What the server logs (a function or trigger that threw) is printed: it explains a failing step.
    started = await startPlayground(args, root, (m: string) => console.log('playground server:', m));
    browser = await launch();
    page = browser.page;
    page.on('pageerror', (e) => console.log('playground page error:', e.message));
    page.on('dialog', (d) => {
      browserDialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(started.url);
  });

  afterAll(async () => {
    await browser?.close();
    await started?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs setup from the menu and shows the new tabs', async () => {
    await menu(page, 'Настроить / восстановить базу');
    const alert = page.getByRole('alertdialog');
    await alert.waitFor();
    await alert.getByRole('button', { name: 'ОК' }).click();
    for (const tab of ['Клиенты', 'Журнал', 'Настройки']) {
      await page.locator('.tabs').getByRole('button', { name: tab, exact: true }).waitFor();
    }
    await page.locator('.tabs').getByRole('button', { name: 'Клиенты', exact: true }).click();
    await page.locator('.tab.active', { hasText: 'Клиенты' }).waitFor();
    await page.locator('.sticky-top [data-cell="A1"]', { hasText: 'ФИО' }).waitFor();
  });

  it("speaks the sheet's language in its own bar: clock, buttons, outbox, download", async () => {
    const bar = page.locator('.topbar');
    for (const name of ['Следующее утро, 9:00', '+1 час', '+1 день', 'Исходящие (0)']) {
      await bar.getByRole('button', { name, exact: true }).waitFor();
    }
    await bar.getByRole('button', { name: /^Триггеры \(\d+\)$/ }).waitFor();
    await bar.getByRole('link', { name: 'Скачать .xlsx' }).waitFor();
    // Apart from addresses, the zone and the file type, nothing in the bar is in English.
    const words = ((await bar.textContent()) ?? '')
      .replace(/\S+@\S+\.test/g, '')
      .replace(/Europe\/Moscow|\.xlsx/g, '')
      .match(/[A-Za-z]{2,}/g);
    expect(words).toBeNull();
  });

  it('adds a client in the sidebar and shows the row in the grid', async () => {
    await menu(page, 'Новый клиент…');
    const form = sidebar(page);
    await form.locator('#f-fullName').fill('Петрова Анна Сергеевна');
    await form.locator('#f-phone').fill('8 912 345-67-89');
    await form.getByRole('button', { name: 'Добавить клиента' }).click();
    await form.locator('.banner.success').waitFor();
    await page.locator('[data-cell="A2"]', { hasText: 'Петрова Анна Сергеевна' }).waitFor();
    await (await cellUnder(page, 'Телефон', 2)).filter({ hasText: '912' }).waitFor();
  });

  it("logs a purchase for the selected client and the card's total changes", async () => {
    const total = await cellUnder(page, 'Сумма покупок', 2);
    await page.locator('[data-cell="A2"]').click();
    await page.getByTestId('cell-formula').filter({ hasText: 'Петрова Анна Сергеевна' }).waitFor();
    await menu(page, 'Записать контакт…');
    const form = sidebar(page);
    await form.locator('[data-testid="picked-name"]', { hasText: 'Петрова Анна Сергеевна' }).waitFor();
    await form.locator('#f-type').selectOption({ label: 'Покупка' });
    await form.locator('#f-amount').fill('15 000');
    await form.getByRole('button', { name: 'Записать контакт' }).click();
    await form.locator('[data-testid="total"]', { hasText: /15\s000/ }).waitFor();
    await total.filter({ hasText: /15\s000/ }).waitFor();
    expect(await (await cellUnder(page, 'Покупок', 2)).textContent()).toBe('1');
    await page.getByRole('button', { name: 'Закрыть боковую панель' }).click();
    await page.locator('iframe[name="sidebar"]').waitFor({ state: 'detached' });
  });

  it('stamps the milestone date when a person changes a Stage cell in the grid', async () => {
    // A client typed by hand on a selected cell (Cyrillic arrives as text input, not key by key)…
    await page.locator('[data-cell="A3"]').click();
    await page.keyboard.type('Иванов Пётр Ильич');
    await page.keyboard.press('Enter');
    await page.locator('[data-cell="A3"]', { hasText: 'Иванов Пётр Ильич' }).waitFor();
    const visit = await cellUnder(page, 'Первый визит', 3);
    expect((await visit.textContent())?.trim()).toBe('');
    // …then moved to "Визит" from the cell's dropdown list.
    const stage = await cellUnder(page, 'Стадия', 3);
    await stage.hover();
    await stage.getByRole('button', { name: 'Выбрать значение' }).click();
    await page.getByRole('listbox').getByRole('option', { name: 'Визит', exact: true }).click();
    await stage.filter({ hasText: 'Визит' }).waitFor();
    const today = (await page.getByTestId('clock').getAttribute('data-wall'))!.match(/(\d{4})-(\d\d)-(\d\d)/)!;
    await visit.filter({ hasText: `${today[3]}.${today[2]}.${today[1]}` }).waitFor();
  });

  it("refuses a value the Stage dropdown does not offer with Sheets' message", async () => {
    const stage = await cellUnder(page, 'Стадия', 3);
    await stage.click();
    // Typing over a dropdown cell starts a text editor, as in Sheets (Latin keys: Playwright types others as IME text).
    await page.keyboard.type('Unknown');
    await page.keyboard.press('Enter');
    const problem = page.getByRole('alertdialog', { name: 'Возникла проблема' });
    await problem.waitFor();
    const cell = await stage.getAttribute('data-cell');
    expect((await problem.locator('.error-text').textContent())?.trim()).toMatch(
      new RegExp(
        `^Данные, введенные в ячейку ${cell}, нарушают правила проверки данных, установленные для этой ячейки\\.`,
      ),
    );
    await problem.getByRole('button', { name: 'ОК' }).click();
    expect((await stage.textContent())?.replace('▾', '').trim()).toBe('Визит');
  });

  it('asks before a person edits a protected total, as Sheets does for warning-only protection', async () => {
    const total = await cellUnder(page, 'Покупок', 2);
    const before = (await total.textContent())?.trim();
    expect(await total.getAttribute('class')).toMatch(/protected/);
    await total.click();
    await page.keyboard.type('99');
    await page.keyboard.press('Enter');
    // The page's own dialog, in the sheet's language, not a browser confirm box.
    const question = page.getByRole('alertdialog', { name: 'Внимание!' });
    await question.waitFor();
    expect(await question.textContent()).toMatch(/не следует менять случайно/);
    await question.getByRole('button', { name: 'Отмена' }).click();
    await question.waitFor({ state: 'detached' });
    await total.filter({ hasText: before }).waitFor();
    expect(browserDialogs).toEqual([]);
    expect((await total.textContent())?.trim()).toBe(before);
  });

  it('pastes two clients copied from Excel under the selected cell', async () => {
    await page.locator('[data-cell="A4"]').click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData(
        'text/plain',
        'Сидоров Олег Петрович\t8 901 234-56-78\r\nКузнецова Мария Ивановна\t+7 916 555-12-34\r\n',
      );
      const grid = document.querySelector('.grid-scroller') as HTMLElement;
      grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.locator('[data-cell="A4"]', { hasText: 'Сидоров Олег Петрович' }).waitFor();
    await page.locator('[data-cell="A5"]', { hasText: 'Кузнецова Мария Ивановна' }).waitFor();
    await page.locator('[data-cell="B5"]', { hasText: '916' }).waitFor();
  });

  it("advances the clock past the night and shows the nightly job's effect", async () => {
    // Rows typed or pasted by hand became cards at once (their IDs came from the edit trigger)…
    await (await cellUnder(page, 'ID', 3)).filter({ hasText: /^C-\d{6}$/ }).waitFor();
    await (await cellUnder(page, 'ID', 5)).filter({ hasText: /^C-\d{6}$/ }).waitFor();
    // …but a purchase typed straight into the journal counts only after the nightly recompute.
    const total = await cellUnder(page, 'Сумма покупок', 2);
    const id = (await (await cellUnder(page, 'ID', 2)).textContent())!.trim();
    await openTab(page, 'Журнал', 'Когда');
    const journal = page.locator('.grid-scroller[data-tab="Журнал"]');
    await journal.locator('[data-cell="A3"]').click();
    await journal.locator('[data-cell="A3"].selected').waitFor();
    await page.evaluate((clientId) => {
      const data = new DataTransfer();
      data.setData('text/plain', `15.03.2026\t${clientId}\t\tПокупка\tпо телефону\t\t2 000\r\n`);
      const grid = document.querySelector('.grid-scroller') as HTMLElement;
      grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, id);
    await journal.locator('[data-cell="B3"]', { hasText: id }).waitFor();
    await openTab(page, 'Клиенты', 'ФИО');
    await total.filter({ hasText: /15\s000/ }).waitFor();
    const before = (await page.getByTestId('clock').textContent())!;
    await page.getByRole('button', { name: 'Следующее утро, 9:00' }).click();
    await page.getByTestId('clock').filter({ hasNotText: before }).waitFor();
    expect(await page.getByTestId('clock').getAttribute('data-wall')).toMatch(/T09:00$/);
    // The clock reads as the sheet's language writes dates: «пн, 16.03.2026, 09:00».
    expect(await page.getByTestId('clock').textContent()).toMatch(/^[а-я]{2}, \d\d\.\d\d\.\d{4}, 09:00$/);
    await total.filter({ hasText: /17\s000/ }).waitFor();
    // The page says which triggers ran on the way, as whom.
    const notice = page.getByRole('status', { name: 'Сработали триггеры' });
    await notice.getByTestId('trigger-run').first().waitFor();
    expect(await notice.textContent()).toMatch(/по времени.*от имени anna@clinic\.test · выполнено/);
  });

  it('sorts the sheet from the column header menu, keeping the header row', async () => {
    await page.locator('.colhead', { hasText: /^A$/ }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Сортировать лист от А до Я' }).click();
    await page.locator('[data-cell="A2"]', { hasText: 'Иванов Пётр Ильич' }).waitFor();
    const names = [];
    for (let row = 2; row <= 5; row++) names.push((await page.locator(`[data-cell="A${row}"]`).textContent())?.trim());
    expect(names).toEqual([
      'Иванов Пётр Ильич',
      'Кузнецова Мария Ивановна',
      'Петрова Анна Сергеевна',
      'Сидоров Олег Петрович',
    ]);
    expect((await page.locator('[data-cell="A1"]').textContent())?.trim()).toBe('ФИО');
    // The totals moved with their client.
    await (await cellUnder(page, 'Сумма покупок', 4)).filter({ hasText: /17\s000/ }).waitFor();
  });

  it('lists a sent email in the outbox with its HTML body', async () => {
    // The add-on sends no mail yet: a runtime-level send, as the morning digest will.
    const wb = started.wb as unknown as {
      addon: unknown;
      loadAddon(src: { code: string }): { call(fn: string): unknown };
    };
    const addon = wb.addon;
    wb.loadAddon({
      code: `function digest() { MailApp.sendEmail({ to: 'team@clinic.test', subject: 'Утренняя сводка', htmlBody: '<h1>Сводка</h1><p>Сегодня 2 дня рождения</p>', name: 'Картотека' }); }`,
    }).call('digest');
    wb.addon = addon;
    await page.getByRole('button', { name: 'Исходящие (1)' }).click();
    const outbox = page.getByRole('dialog', { name: 'Исходящие' });
    await outbox.getByText('Утренняя сводка').first().waitFor();
    await outbox.getByText('кому team@clinic.test', { exact: false }).waitFor();
    await page.frameLocator('.mail-frame').getByText('Сегодня 2 дня рождения').waitFor();
  });
});

run('the sample clinic in a browser', () => {
  const LANGS = [
    { lang: 'ru', file: 'playground.png', clients: 'Клиенты', menu: 'Картотека', card: 'Карточка клиента' },
    { lang: 'en', file: 'playground-en.png', clients: 'Clients', menu: 'Kartoteka', card: 'Client card' },
  ] as const;

  for (const shot of LANGS) {
    it(`opens on the seeded ${shot.lang} clinic and saves the README screenshot ${shot.file}`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'kartoteka-shot-'));
      // A fixed date keeps the screenshot the same from run to run.
      const args = parseArgs(
        [
          ...['--data', path.join(dir, 'clinic.xlsx'), '--lang', shot.lang, '--fresh', '--now', '2026-03-16T10:00'],
          ...['--port', '0', '--no-open'],
        ],
        {},
      );
      const started = await startPlayground(args, root, () => undefined);
      const browser = await launch();
      const { page } = browser;
      try {
        await page.goto(started.url);
        await page.locator('.tab.active', { hasText: shot.clients }).waitFor();
        await page.locator('[data-testid="clock"][data-wall^="2026-03-16T10:"]').waitFor();
        await page.locator('[data-cell="A2"]').filter({ hasText: /\S/ }).waitFor();
        expect(await page.locator('.grid-scroller [role="row"]').count()).toBeGreaterThan(20);
        await page.locator('[data-cell="A4"]').click();
        await page.getByRole('button', { name: shot.menu, exact: true }).click();
        await page.getByRole('menuitem', { name: shot.card }).click();
        await sidebar(page).locator('main').filter({ hasText: /\S/ }).waitFor();
        // The card sidebar is 300 px wide, as in Sheets.
        expect(Math.round((await page.locator('aside.sidebar').boundingBox())!.width)).toBe(300);
        await page.waitForTimeout(800);
        mkdirSync(path.join(root, 'docs/screenshots'), { recursive: true });
        await page.screenshot({ path: path.join(root, 'docs/screenshots', shot.file) });
      } finally {
        await browser.close();
        await started.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
