// The Reminders sidebar in Debian's chromium against the built add-on: turning on, settings with errors beside the
// fields, "What will be sent today" with each letter's text, and "Run now" with its summary.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorkbook } from '../../local/index';
import { type Browser, browserTestsEnabled } from './chromium';
import { openHtml, ROOT, ready, type SidebarPage, screenshot, startSidebarBrowser } from './harness';

const describeBrowser = browserTestsEnabled() ? describe : describe.skip;

let browser: Browser;
let addonDir: string;

beforeAll(async () => {
  const dist = path.join(ROOT, 'dist');
  if (!existsSync(path.join(dist, 'reminders.html'))) {
    execFileSync('node', ['esbuild.config.mjs'], { cwd: ROOT, stdio: 'ignore' });
  }
  // A private copy of the build, so a rebuild of dist/ while the tests run cannot pull files from under them.
  addonDir = mkdtempSync(path.join(tmpdir(), 'kartoteka-reminders-'));
  cpSync(dist, addonDir, { recursive: true });
  if (browserTestsEnabled()) browser = await startSidebarBrowser();
}, 60000);

afterAll(async () => {
  await browser?.close();
  if (addonDir) rmSync(addonDir, { recursive: true, force: true });
});

function clinic(lang: 'ru' | 'en') {
  const wb = createWorkbook({
    timeZone: lang === 'ru' ? 'Europe/Moscow' : 'America/New_York',
    locale: lang === 'ru' ? 'ru_RU' : 'en_US',
    now: '2026-03-15T08:00:00',
    user: 'anna@clinic.test',
  });
  const addon = wb.loadAddon(path.join(addonDir, 'Code.js'));
  expect((addon.call('setupDatabase') as { ok: boolean }).ok).toBe(true);
  const ru = lang === 'ru';
  for (const c of [
    {
      fullName: ru ? 'Петрова Анна Сергеевна' : 'Anna Smith',
      email: 'anna@mail.test',
      birthDate: ru ? '15.03.1990' : '03/15/1990',
    },
    {
      fullName: ru ? 'Сидоров Пётр' : 'Peter Brown',
      email: 'petr@mail.test',
      nextAppointmentOn: ru ? '16.03.2026 10:30' : '03/16/2026 10:30',
    },
  ]) {
    const r = addon.call('addClient', { ...c, emailConsentOn: ru ? '01.03.2026' : '03/01/2026' }) as {
      ok: boolean;
    };
    expect(r.ok).toBe(true);
  }
  return { wb, addon };
}

async function openReminders(env: ReturnType<typeof clinic>): Promise<SidebarPage> {
  env.addon.call('showReminders');
  const html = env.wb.ui.sidebars[env.wb.ui.sidebars.length - 1].content;
  const sidebar = await openHtml(browser.context, html, (fn, args) => env.addon.call(fn, ...args));
  await ready(sidebar);
  await sidebar.page.waitForSelector('[data-testid=status]');
  return sidebar;
}

describeBrowser('the Reminders sidebar', () => {
  it('turns reminders on, shows bad settings beside their fields, previews the letters and runs the morning', async () => {
    const env = clinic('ru');
    const sidebar = await openReminders(env);
    const { page } = sidebar;
    expect(await page.textContent('[data-testid=status]')).toContain('Выключены');
    await page.fill('#f-recipients', 'team@clinic.test\nне адрес');
    await page.fill('#f-birthdayDaysAhead', '100');
    await page.click('form button[type=submit]');
    await page.waitForSelector('#f-recipients-error');
    expect(await page.textContent('#f-recipients-error')).toMatch(/«не адрес» не похоже на адрес почты/);
    expect(await page.textContent('#f-birthdayDaysAhead-error')).toMatch(/от 0 до 60/);
    expect(env.addon.call('getReminderSettings')).toMatchObject({ reminders: { settings: { recipients: [] } } });
    await page.fill('#f-recipients', 'team@clinic.test');
    await page.fill('#f-birthdayDaysAhead', '10');
    await page.click('form button[type=submit]');
    await page.waitForSelector('form .banner.success');
    await page.getByRole('button', { name: 'Включить' }).click();
    await page.getByText('Включены: каждый день в 09:00 (Europe/Moscow)').waitFor();
    expect(env.wb.triggers.filter((t) => t.handler === 'runDailyJob')).toHaveLength(1);

    await page.getByRole('button', { name: 'Что уйдёт сегодня' }).click();
    await page.waitForSelector('[data-testid=preview]');
    expect(await page.textContent('[data-testid=preview]')).toContain('Письма клиентам: 2');
    expect(await page.textContent('[data-testid=preview]')).toContain('запись завтра, 16.03.2026 в 10:30');
    await page.getByRole('button', { name: 'Петрова Анна Сергеевна' }).click();
    await page.getByText('Анна Сергеевна, с днём рождения!').waitFor();
    expect(env.wb.outbox).toEqual([]);
    await screenshot(page, 'reminders-ru');

    await page.getByRole('button', { name: 'Запустить сейчас' }).click();
    await page.locator('.today .banner.success', { hasText: 'Отправлено писем клиентам: 2.' }).waitFor();
    expect(env.wb.outbox.map((m) => m.to).sort()).toEqual(['anna@mail.test', 'petr@mail.test', 'team@clinic.test']);
    await page.getByText('Последний запуск', { exact: false }).waitFor();
    expect(sidebar.errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('offers a teammate to send from their own account instead', async () => {
    const env = clinic('en');
    env.addon.call('saveReminderSettings', { recipients: ['team@clinic.test'] });
    env.addon.call('enableReminders');
    env.wb.as('boris@clinic.test');
    const sidebar = await openReminders(env);
    const { page } = sidebar;
    await page.getByText('Letters go from anna@clinic.test').waitFor();
    await page.getByRole('button', { name: 'Send from my account' }).click();
    await page.getByText('Letters go from you (boris@clinic.test)').waitFor();
    expect(env.addon.call('getReminderSettings')).toMatchObject({ reminders: { sender: 'boris@clinic.test' } });
    expect(sidebar.errors).toEqual([]);
    await page.close();
  }, 120_000);
});
