// The sidebars in a real browser against the built add-on on a local workbook: what a receptionist sees and writes.
import { sidebarSuite } from './addon';
import { browserTestsEnabled } from './chromium';
import { screenshot } from './harness';

const describeBrowser = browserTestsEnabled() ? describe : describe.skip;

describeBrowser('sidebars in chromium', () => {
  const { freshAddon, open, rowsOf, addClient, addClientAt } = sidebarSuite();

  it('adds a client: Enter saves, the row appears in the Clients tab, the form is ready for the next one', async () => {
    const env = freshAddon('ru');
    const sidebar = await open(env, 'showNewClient');
    const { page } = sidebar;
    await page.fill('#f-fullName', 'Петрова Анна Сергеевна');
    await page.fill('#f-phone', '8 912 345-67-89');
    await page.fill('#f-email', 'Anna@Example.ru');
    await page.press('#f-email', 'Enter');
    await page.waitForSelector('.banner.success');
    expect(await page.textContent('.banner.success')).toMatch(/C-\d{6}/);
    const rows = rowsOf(env, env.setup.clients);
    expect(rows.length).toBe(1);
    expect(rows[0]).toEqual(expect.arrayContaining(['Петрова Анна Сергеевна', 'anna@example.ru']));
    expect(await page.inputValue('#f-fullName')).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-fullName');
    expect(sidebar.errors).toEqual([]);
    await page.close();
  });

  it('shows a bad phone beside the field in Russian and writes nothing', async () => {
    const env = freshAddon('ru');
    const sidebar = await open(env, 'showNewClient');
    const { page } = sidebar;
    await page.fill('#f-fullName', 'Смирнов Олег');
    await page.fill('#f-phone', '912 34');
    await page.click('button[type=submit]');
    await page.waitForSelector('#f-phone-error');
    expect(await page.textContent('#f-phone-error')).toMatch(/^Телефон: в номере не хватает цифр/);
    expect(await page.getAttribute('#f-phone', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-phone', 'aria-describedby')).toBe('f-phone-error');
    expect(sidebar.calls.map((c) => c.fn)).not.toContain('addClient');

    // A number that looks right to the browser but not to the server's full check: the server's error lands beside the field.
    await page.fill('#f-phone', '+7 000 000-00-00');
    await page.press('#f-phone', 'Enter');
    await page.waitForSelector('#f-phone-error');
    expect(await page.textContent('#f-phone-error')).toMatch(/Телефон/);
    expect(sidebar.calls.map((c) => c.fn)).toContain('addClient');
    expect(rowsOf(env, env.setup.clients)).toEqual([]);
    await page.close();
  });

  it("shows the server's verdict on a phone while the person is still typing", async () => {
    const env = freshAddon('ru');
    const sidebar = await open(env, 'showNewClient');
    const { page } = sidebar;
    await page.fill('#f-fullName', 'Смирнов Олег');
    await page.fill('#f-phone', '+7 000 000-00-00');
    await page.waitForSelector('#f-phone-error');
    expect(await page.textContent('#f-phone-error')).toMatch(/^Телефон:/);
    expect(sidebar.calls.map((c) => c.fn)).toContain('checkDuplicates');
    expect(sidebar.calls.map((c) => c.fn)).not.toContain('addClient');
    await page.close();
  });

  it('offers "Try again" when the sheet is busy, and the retry saves', async () => {
    const env = freshAddon('ru');
    let busy = true;
    // The server's answer to a document lock it could not get in time; the retry reaches the real add-on.
    const sidebar = await open(env, 'showNewClient', (fn, args) => {
      if (fn === 'addClient' && busy) {
        busy = false;
        return { ok: false, errors: { _: 'Таблица занята, попробуйте ещё раз' }, retryable: true };
      }
      return env.addon.call(fn, ...args);
    });
    const { page } = sidebar;
    await page.fill('#f-fullName', 'Петрова Анна Сергеевна');
    await page.press('#f-fullName', 'Enter');
    await page.waitForSelector('.banner.error >> text=Попробовать ещё раз');
    expect(await page.textContent('.banner.error')).toContain('Таблица занята');
    expect(rowsOf(env, env.setup.clients)).toEqual([]);
    await page.click('.banner.error >> text=Попробовать ещё раз');
    await page.waitForSelector('.banner.success');
    expect(rowsOf(env, env.setup.clients).length).toBe(1);
    await page.close();
  });

  it('warns about a duplicate while typing, and "add anyway" adds it', async () => {
    const env = freshAddon('ru');
    addClient(env, { fullName: 'Петрова Анна', phone: '+7 912 345-67-89' });
    const sidebar = await open(env, 'showNewClient');
    const { page } = sidebar;
    await page.fill('#f-fullName', 'Анна Петрова');
    await page.fill('#f-phone', '89123456789');
    await page.waitForSelector('.warn');
    expect(await page.textContent('.warn')).toContain('Петрова Анна');
    await page.click('.warn >> text=Всё равно добавить');
    await page.waitForSelector('.banner.success');
    expect(rowsOf(env, env.setup.clients).length).toBe(2);
    await page.close();
  });

  it('renders a script-looking name as text and runs nothing', async () => {
    const env = freshAddon('en');
    const name = 'Eve <img src=x onerror="alert(1)"><script>alert(2)</script>';
    const id = addClient(env, { fullName: name });
    const sidebar = await open(env, 'showClientCard');
    const { page } = sidebar;
    await page.fill('#picker', id);
    await page.waitForSelector('[role=option][aria-selected=true]');
    await page.press('#picker', 'Enter');
    await page.waitForSelector('[data-testid=card-name]');
    const shown = await page.textContent('[data-testid=card-name]');
    expect(shown).toContain('<img src=x');
    expect(shown).toContain('<script>');
    expect(await page.locator('article img, article script').count()).toBe(0);
    await page.waitForTimeout(200);
    expect(sidebar.dialogs).toEqual([]);
    expect(sidebar.errors).toEqual([]);
    await page.close();
  });

  it('finds a client by a fragment of the phone number, with arrow keys and Enter', async () => {
    const env = freshAddon('ru');
    addClient(env, { fullName: 'Иванов Пётр', phone: '+7 903 111-22-33' });
    addClient(env, { fullName: 'Петрова Анна Сергеевна', phone: '+7 912 345-67-89' });
    const sidebar = await open(env, 'showClientCard');
    const { page } = sidebar;
    await page.fill('#picker', '345 67');
    await page.waitForSelector('[role=listbox] [role=option]');
    const options = await page.locator('[role=listbox] [role=option] .name').allTextContents();
    expect(options).toEqual(['Петрова Анна Сергеевна']);
    await page.press('#picker', 'ArrowDown');
    await page.press('#picker', 'Enter');
    await page.waitForSelector('[data-testid=card-name]');
    expect(await page.textContent('[data-testid=card-name]')).toBe('Петрова Анна Сергеевна');
    await page.close();
  });

  it('logs a purchase: the new total shows at once and on the card', async () => {
    const env = freshAddon('ru');
    const id = addClient(env, { fullName: 'Петрова Анна Сергеевна', phone: '+7 912 345-67-89' });
    const log = await open(env, 'showLogContact');
    await log.page.fill('#picker', 'петр');
    await log.page.waitForSelector('[role=option][aria-selected=true]');
    await log.page.press('#picker', 'Enter');
    await log.page.waitForSelector('[data-testid=picked-name]');
    const purchase = await log.page.$$eval('#f-type option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value).find((v) => v === 'Покупка'),
    );
    await log.page.selectOption('#f-type', purchase ?? '');
    await log.page.fill('#f-amount', '1 500');
    await log.page.fill('#f-summary', 'Гигиена');
    await log.page.click('button[type=submit]');
    await log.page.waitForSelector('[data-testid=total]');
    expect((await log.page.textContent('[data-testid=total]'))?.replace(/\s/g, ' ')).toBe('1 500 ₽');
    expect(rowsOf(env, env.setup.journal).length).toBe(1);
    expect(log.calls.find((c) => c.fn === 'logContact')?.args[0]).toMatchObject({ clientId: id, amount: 1500 });
    await log.page.close();

    const card = await open(env, 'showClientCard');
    await card.page.fill('#picker', id);
    await card.page.waitForSelector('[role=option][aria-selected=true]');
    await card.page.press('#picker', 'Enter');
    await card.page.waitForSelector('[data-testid=total]');
    expect((await card.page.textContent('[data-testid=total]'))?.replace(/\s/g, ' ')).toBe('1 500 ₽');
    expect(await card.page.textContent('.timeline')).toContain('Гигиена');
    await card.page.close();
  });

  it('marks a client congratulated today from the card', async () => {
    const env = freshAddon('ru');
    const id = addClient(env, { fullName: 'Петрова Анна Сергеевна', birthDate: '1990-03-18' });
    const card = await open(env, 'showClientCard');
    await card.page.fill('#picker', id);
    await card.page.waitForSelector('[role=option][aria-selected=true]');
    await card.page.press('#picker', 'Enter');
    await card.page.waitForSelector('text=День рождения через 3 дня');
    await card.page.click('text=Поздравлен сегодня');
    await card.page.waitForSelector('.banner.success');
    const got = env.addon.call('getClientCard', id) as { card: { client: { congratulatedOn: string } } };
    expect(got.card.client.congratulatedOn).toBe('2026-03-15');
    await card.page.close();
  });

  it('Esc clears a started form, and closes the sidebar when the form is empty', async () => {
    const env = freshAddon('en');
    const sidebar = await open(env, 'showNewClient');
    const { page } = sidebar;
    await page.fill('#f-fullName', 'Anna Peterson');
    await page.fill('#f-phone', '+1 415 555 2671');
    await page.press('#f-phone', 'Escape');
    expect(await page.inputValue('#f-fullName')).toBe('');
    expect(await page.inputValue('#f-phone')).toBe('');
    expect(sidebar.closed()).toBe(false);
    await page.press('#f-fullName', 'Escape');
    await page.waitForFunction(() => true);
    expect(sidebar.closed()).toBe(true);
    expect(rowsOf(env, env.setup.clients)).toEqual([]);
    await page.close();
  });

  it('opens the log and the card for the client in the selected row', async () => {
    const env = freshAddon('ru');
    addClient(env, { fullName: 'Иванов Пётр' });
    const { row } = addClientAt(env, { fullName: 'Петрова Анна Сергеевна' });
    env.wb.select(env.setup.clients, `A${row}`);
    const log = await open(env, 'showLogContact');
    await log.page.waitForSelector('[data-testid=picked-name]');
    expect(await log.page.textContent('[data-testid=picked-name]')).toBe('Петрова Анна Сергеевна');
    await log.page.close();
    const card = await open(env, 'showClientCard');
    await card.page.waitForSelector('[data-testid=card-name]');
    expect(await card.page.textContent('[data-testid=card-name]')).toBe('Петрова Анна Сергеевна');
    await card.page.close();
  });

  it('plans the next step from the card with a date typed the Russian way', async () => {
    const env = freshAddon('ru');
    const { row, id } = addClientAt(env, { fullName: 'Петрова Анна Сергеевна' });
    env.wb.select(env.setup.clients, `A${row}`);
    const card = await open(env, 'showClientCard');
    const { page } = card;
    await page.waitForSelector('[data-testid=card-name]');
    await page.click('text=Запланировать шаг');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-nextStep');
    await page.fill('#f-nextStep', 'Позвонить про имплантацию');
    await page.fill('#f-nextStepOn', '20.3.26');
    await page.press('#f-nextStepOn', 'Enter');
    await page.waitForSelector('.banner.success');
    const got = env.addon.call('getClientCard', id) as { card: { client: { nextStep: string; nextStepOn: string } } };
    expect(got.card.client).toMatchObject({ nextStep: 'Позвонить про имплантацию', nextStepOn: '2026-03-20' });
    expect(await page.textContent('.facts')).toContain('20.03.2026');
    await page.close();
  });

  it('edits a card field inline and sends only what changed', async () => {
    const env = freshAddon('ru');
    const { row, id } = addClientAt(env, { fullName: 'Петрова Анна Сергеевна', phone: '+7 912 345-67-89' });
    env.wb.select(env.setup.clients, `A${row}`);
    const card = await open(env, 'showClientCard');
    const { page } = card;
    await page.waitForSelector('[data-testid=card-name]');
    await page.click('text=Изменить данные');
    await page.fill('.inline-form #f-email', 'не почта');
    await page.press('.inline-form #f-email', 'Enter');
    await page.waitForSelector('#f-email-error');
    expect(await page.textContent('#f-email-error')).toMatch(/^Email: не похоже на адрес почты/);
    await page.fill('.inline-form #f-email', 'anna@example.ru');
    await page.press('.inline-form #f-email', 'Enter');
    await page.waitForSelector('.banner.success');
    const update = card.calls.filter((c) => c.fn === 'updateClient');
    expect(update.map((c) => c.args)).toEqual([[id, { email: 'anna@example.ru' }]]);
    expect(await page.textContent('.card-head')).toContain('anna@example.ru');
    await page.close();
  });

  it.each(['ru', 'en'] as const)('renders each sidebar in %s and saves screenshots', async (lang) => {
    const env = freshAddon(lang);
    const ru = lang === 'ru';
    const { id, row } = addClientAt(env, {
      fullName: ru ? 'Петрова Анна Сергеевна' : 'Anna Peterson',
      phone: ru ? '+7 912 345-67-89' : '+1 415 555 2671',
      email: 'anna@example.com',
      birthDate: '1990-03-18',
      notes: ru ? 'Аллергия на лидокаин' : 'Allergic to lidocaine',
      nextStep: ru ? 'Перезвонить про план лечения' : 'Call back about the treatment plan',
      nextStepOn: '2026-03-15',
    });
    env.addon.call('logContact', {
      clientId: id,
      type: ru ? 'Покупка' : 'Purchase',
      amount: 5000,
      summary: ru ? 'Гигиена' : 'Hygiene',
    });
    env.addon.call('logContact', {
      clientId: id,
      type: ru ? 'Звонок' : 'Call',
      summary: ru ? 'Напомнили о записи' : 'Reminded of the visit',
    });

    const expected = {
      showNewClient: ru ? 'Добавить клиента' : 'Add client',
      showLogContact: ru ? 'Записать контакт' : 'Log contact',
      showClientCard: ru ? 'Найти клиента' : 'Find a client',
    };
    env.wb.select(env.setup.clients, `A${row}`);
    const names = { showNewClient: 'new-client', showLogContact: 'log-contact', showClientCard: 'client-card' };
    for (const entry of Object.keys(expected) as Array<keyof typeof expected>) {
      const sidebar = await open(env, entry);
      const { page } = sidebar;
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.textContent('body')).toContain(expected[entry]);
      if (entry === 'showNewClient') {
        // Unfold every group so the screenshot shows the whole form.
        const folded = page.locator('.group h2 button[aria-expanded=false]');
        while ((await folded.count()) > 0) await folded.first().click();
      } else {
        await page.waitForSelector(entry === 'showClientCard' ? '.timeline' : '[data-testid=picked-name]');
      }
      // Nothing sticks out of the 300 px sidebar.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      // A window as tall as the form: the sticky "Add client" row then sits under the last field, as a person
      // scrolled to the end sees it (a full-page capture would paint it halfway down).
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: 300, height });
      await screenshot(page, `${names[entry]}-${lang}`);
      expect(sidebar.errors).toEqual([]);
      await page.close();
    }
  });
});
