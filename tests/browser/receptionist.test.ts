// A receptionist's day in the sidebars, driven like a person (mouse clicks, typing, Tab and Enter) in chromium:
// field errors that stay consistent, the duplicate warning in sight, birth dates, purchases, birthdays, next steps.
import { sidebarSuite } from './addon';
import { browserTestsEnabled } from './chromium';
import type { SidebarPage } from './harness';

const describeBrowser = browserTestsEnabled() ? describe : describe.skip;
// Each test sets up a whole workbook (tabs, rules, generated tabs) first; on a busy machine that takes a while.
jest.setTimeout(180000);

/** Clicks a field and types into it as a person does (what was there is selected and replaced). */
async function typeInto(sidebar: SidebarPage, selector: string, text: string): Promise<void> {
  await sidebar.page.click(selector);
  await sidebar.page.keyboard.press('Control+A');
  await sidebar.page.keyboard.type(text, { delay: 15 });
}

const focusedId = (sidebar: SidebarPage) => sidebar.page.evaluate(() => document.activeElement?.id ?? '');
const calls = (sidebar: SidebarPage, fn: string) => sidebar.calls.filter((c) => c.fn === fn);

describeBrowser('a receptionist in the sidebars', () => {
  const { freshAddon, open, rowsOf, addClient, addClientAt } = sidebarSuite();

  describe('new client: every invalid field shows its error, before and after "Add client"', () => {
    it('English sheet: a Russian-format phone and 02/30/1985 — both errors after submit, the phone one stays once the date is fixed', async () => {
      const env = freshAddon('en');
      const sidebar = await open(env, 'showNewClient');
      const { page } = sidebar;
      await typeInto(sidebar, '#f-fullName', 'Anna Peterson');
      await page.keyboard.press('Tab');
      await page.keyboard.type('8 (912) 345-67-89', { delay: 15 });
      // The server's full check answers while the person is still typing.
      await page.waitForSelector('#f-phone-error');
      const phoneError = await page.textContent('#f-phone-error');
      // A Russian number in a US sheet is named as such, with its country code (not "extra digits").
      expect(phoneError).toBe('Phone: this looks like a number from Russia — add its country code: +7 912 345-67-89');
      await typeInto(sidebar, '#f-birthDate', '02/30/1985');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#f-birthDate-error');
      expect(await page.textContent('#f-birthDate-error')).toMatch(/^Birth date: there is no such day/);
      // The phone error is still there: the submit did not forget what the server said about it.
      expect(await page.textContent('#f-phone-error')).toBe(phoneError);
      expect(await page.textContent('.banner.error')).toBe('Please check the marked fields');
      expect(await focusedId(sidebar)).toBe('f-phone');

      // Fixing the date alone: the phone error is still shown, and nothing is sent.
      await typeInto(sidebar, '#f-birthDate', '02/28/1985');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#f-birthDate-error', { state: 'detached' });
      expect(await page.textContent('#f-phone-error')).toBe(phoneError);
      expect(calls(sidebar, 'addClient')).toEqual([]);

      // With the country code the number is fine, and the client is added.
      await typeInto(sidebar, '#f-phone', '+7 912 345-67-89');
      expect(await page.locator('#f-phone-error').count()).toBe(0);
      await page.keyboard.press('Enter');
      await page.waitForSelector('.banner.success');
      expect(rowsOf(env, env.setup.clients).length).toBe(1);
      expect(sidebar.errors).toEqual([]);
      await page.close();
    });
  });

  describe('new client: the duplicate warning', () => {
    it('shows in sight near the button; Enter moves the focus to it and adds nothing; "Add anyway" adds; the next keystroke clears "Client added"', async () => {
      const env = freshAddon('ru');
      addClient(env, { fullName: 'Петрова Анна Сергеевна', phone: '+7 912 345-67-89' });
      const sidebar = await open(env, 'showNewClient');
      const { page } = sidebar;
      await typeInto(sidebar, '#f-fullName', 'Анна Петрова');
      await page.keyboard.press('Tab');
      await page.keyboard.type('89123456789', { delay: 15 });
      await page.waitForSelector('.warn');
      // Visible without scrolling, just above the "Add client" button.
      const viewport = page.viewportSize()!;
      const warn = (await page.locator('.warn').boundingBox())!;
      const button = (await page.locator('button[type=submit]').boundingBox())!;
      expect(warn.y).toBeGreaterThanOrEqual(0);
      expect(button.y + button.height).toBeLessThanOrEqual(viewport.height);
      expect(warn.y + warn.height).toBeLessThanOrEqual(button.y);
      expect(await page.textContent('.warn')).toContain('Петрова Анна Сергеевна');

      // Enter: the server refuses the likely duplicate, and the focus goes to the warning that says why.
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'dup-warning');
      expect(rowsOf(env, env.setup.clients).length).toBe(1);
      expect(
        calls(sidebar, 'addClient').map((c) => (c.args[0] as { allowDuplicate?: boolean }).allowDuplicate),
      ).toEqual([undefined]);
      // Enter again on the warning adds nothing: adding anyway is an explicit choice.
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
      expect(rowsOf(env, env.setup.clients).length).toBe(1);
      // Tab leads to the warning's choices; "Add anyway" is one click.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Открыть карточку');
      await page.click('.warn button.secondary');
      await page.waitForSelector('.banner.success');
      expect(rowsOf(env, env.setup.clients).length).toBe(2);
      expect(await page.locator('.warn').count()).toBe(0);

      // The next client: the first keystroke clears the last one's "Client added".
      expect(await focusedId(sidebar)).toBe('f-fullName');
      await page.keyboard.type('С');
      expect(await page.locator('.banner.success').count()).toBe(0);
      expect(sidebar.errors).toEqual([]);
      await page.close();
    });
  });

  describe('birth dates', () => {
    it('a future birth date is refused beside the field with a birth-date example, and nothing is written', async () => {
      const env = freshAddon('ru');
      const sidebar = await open(env, 'showNewClient');
      const { page } = sidebar;
      await typeInto(sidebar, '#f-fullName', 'Смирнова Ольга');
      await typeInto(sidebar, '#f-birthDate', '15.03.2030');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#f-birthDate-error');
      expect(await page.textContent('#f-birthDate-error')).toBe(
        'Дата рождения: эта дата ещё не наступила — пример: 15.03.1985',
      );
      expect(calls(sidebar, 'addClient')).toEqual([]);
      expect(rowsOf(env, env.setup.clients)).toEqual([]);
      await page.close();
    });

    it('the card: a birthday today says the age, a baby born today has the first birthday in a year, a future date is called out', async () => {
      const env = freshAddon('ru');
      const birthdayToday = addClientAt(env, { fullName: 'Иванова Мария', birthDate: '1990-03-15' });
      const bornToday = addClientAt(env, { fullName: 'Иванов Малыш', birthDate: '2026-03-15' });
      const typo = addClientAt(env, { fullName: 'Козлова Ольга' });
      // A birth date typed into the sheet by hand, from before the sidebar refused future dates.
      const headers = env.wb.values(env.setup.clients)[0] as string[];
      const column = String.fromCharCode(65 + headers.indexOf('Дата рождения'));
      env.wb.edit(env.setup.clients, `${column}${typo.row}`, '20.03.2030');
      const lines: string[] = [];
      for (const { row } of [birthdayToday, bornToday, typo]) {
        env.wb.select(env.setup.clients, `A${row}`);
        const card = await open(env, 'showClientCard');
        await card.page.waitForSelector('[data-testid=birthday]');
        lines.push((await card.page.textContent('[data-testid=birthday]')) ?? '');
        expect(await card.page.locator('text=исполняется 0').count()).toBe(0);
        await card.page.close();
      }
      expect(lines).toEqual([
        'День рождения сегодня, исполняется 36',
        'День рождения через 365 дней (15.03.2027), исполнится 1',
        'Дата рождения 20.03.2030 ещё не наступила — проверьте её',
      ]);
    });
  });

  describe('log contact', () => {
    it('a purchase asks for its amount and logs nothing without one', async () => {
      const env = freshAddon('en');
      const { row } = addClientAt(env, { fullName: 'Anna Peterson' });
      env.wb.select(env.setup.clients, `A${row}`);
      const sidebar = await open(env, 'showLogContact');
      const { page } = sidebar;
      await page.waitForSelector('[data-testid=picked-name]');
      await page.selectOption('#f-type', 'Purchase');
      await page.click('#f-summary');
      await page.keyboard.type('Whitening', { delay: 15 });
      await page.click('button[type=submit]');
      await page.waitForSelector('#f-amount-error');
      expect(await page.textContent('#f-amount-error')).toBe(
        'Amount: a purchase needs an amount above zero, e.g. 1,500',
      );
      expect(await focusedId(sidebar)).toBe('f-amount');
      expect(calls(sidebar, 'logContact')).toEqual([]);
      await page.keyboard.type('250', { delay: 15 });
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=total]');
      expect(rowsOf(env, env.setup.journal).length).toBe(1);
      await page.close();
    });

    it('a call that finishes the due step clears it from the card (ticked by default when the step is due)', async () => {
      const env = freshAddon('ru');
      const { id, row } = addClientAt(env, {
        fullName: 'Петрова Анна Сергеевна',
        nextStep: 'Позвонить про имплантацию',
        nextStepOn: '2026-03-15',
      });
      env.wb.select(env.setup.clients, `A${row}`);
      const sidebar = await open(env, 'showLogContact');
      const { page } = sidebar;
      await page.waitForSelector('#f-stepDone');
      expect(await page.isChecked('#f-stepDone')).toBe(true);
      expect(await page.textContent('label[for=f-stepDone]')).toBe('Шаг выполнен: «Позвонить про имплантацию»');
      await page.click('#f-summary');
      await page.keyboard.type('Записали на 20-е', { delay: 15 });
      await page.click('button[type=submit]');
      await page.waitForSelector('.banner.success');
      expect(await page.textContent('.banner.success')).toBe('Контакт записан, шаг выполнен');
      const card = env.addon.call('getClientCard', id) as {
        card: { client: { nextStep: string; nextStepOn: string } };
      };
      expect(card.card.client).toMatchObject({ nextStep: '', nextStepOn: '' });
      expect(rowsOf(env, env.setup.journal).length).toBe(1);
      await page.close();
    });
  });

  describe('the client card', () => {
    it('highlights a step due today and an overdue one', async () => {
      const env = freshAddon('en');
      const due = addClientAt(env, { fullName: 'Anna Peterson', nextStep: 'Call back', nextStepOn: '2026-03-15' });
      const late = addClientAt(env, { fullName: 'Mark Lee', nextStep: 'Send the plan', nextStepOn: '2026-03-12' });
      const later = addClientAt(env, { fullName: 'Rose Hall', nextStep: 'Check-up', nextStepOn: '2026-04-01' });
      const seen: Array<[string | null, string | null, string | null]> = [];
      for (const { row } of [due, late, later]) {
        env.wb.select(env.setup.clients, `A${row}`);
        const card = await open(env, 'showClientCard');
        const step = card.page.locator('[data-testid=next-step]');
        await step.waitFor();
        const tag = step.locator('.due-tag');
        seen.push([
          await step.getAttribute('class'),
          (await tag.count()) ? await tag.textContent() : null,
          await step.evaluate((el) => el.firstChild?.textContent ?? ''),
        ]);
        await card.page.close();
      }
      expect(seen).toEqual([
        ['due today', 'due today', 'Call back — 03/15/2026'],
        ['due overdue', '3 days overdue', 'Send the plan — 03/12/2026'],
        [null, null, 'Check-up — 04/01/2026'],
      ]);
    });

    it('offers "Congratulated today" only near the birthday, and the mark can be undone', async () => {
      const env = freshAddon('ru');
      const far = addClientAt(env, { fullName: 'Далёкая Дата', birthDate: '1990-09-27' });
      const near = addClientAt(env, { fullName: 'Петрова Анна Сергеевна', birthDate: '1990-03-18' });
      env.wb.select(env.setup.clients, `A${far.row}`);
      const farCard = await open(env, 'showClientCard');
      await farCard.page.waitForSelector('[data-testid=birthday]');
      expect(await farCard.page.textContent('[data-testid=birthday]')).toContain('через 196 дней');
      expect(await farCard.page.locator('text=Поздравлен сегодня').count()).toBe(0);
      await farCard.page.close();

      env.wb.select(env.setup.clients, `A${near.row}`);
      const card = await open(env, 'showClientCard');
      const { page } = card;
      await page.click('text=Поздравлен сегодня');
      await page.waitForSelector('.banner.success >> text=Отменить');
      const congratulated = () =>
        (env.addon.call('getClientCard', near.id) as { card: { client: { congratulatedOn: string } } }).card.client
          .congratulatedOn;
      expect(congratulated()).toBe('2026-03-15');
      // Marked: the card says so and no longer offers the button.
      expect(await page.textContent('[data-testid=birthday]')).toContain('Поздравлен 15.03.2026');
      expect(await page.locator('.quick >> text=Поздравлен сегодня').count()).toBe(0);
      await page.click('.banner.success >> text=Отменить');
      await page.waitForSelector('.banner.success >> text=Отметка снята');
      expect(congratulated()).toBe('');
      expect(await page.locator('.quick >> text=Поздравлен сегодня').count()).toBe(1);
      expect(card.errors).toEqual([]);
      await page.close();
    });
  });
});
