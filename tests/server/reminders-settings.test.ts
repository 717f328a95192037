// Switching reminders on and off through the built add-on: one daily trigger at the hour in the spreadsheet's zone,
// one sender however many teammates click, settings checked whole (nothing written on bad input), ru and en.
import { TAB } from './helpers';
import { addClients, bulkClients, LOG, lettersTo, TEMPLATES, turnOn, until, world } from './remindersWorld';

const daily = (w: ReturnType<typeof world>) => w.wb.triggers.filter((t) => t.handler === 'runDailyJob');

/** The Settings tab's row of the hour value, found by its label as a person would. */
const hourRow = (w: ReturnType<typeof world>) =>
  w.wb.values(TAB.ru.settings).findIndex((r) => String(r[0]).startsWith('Час утренней рассылки')) + 1;

describe('reminder settings', () => {
  it('start off, at 9:00, birthdays 7 and renewals 14 days ahead, all three client rules; the hour is the Settings tab’s', () => {
    const w = world('ru');
    const r = w.call('getReminderSettings');
    expect(r.ok).toBe(true);
    expect(r.reminders.settings).toMatchObject({
      enabled: false,
      hour: 9,
      recipients: [],
      birthdayDaysAhead: 7,
      renewalDaysAhead: 14,
      clientRules: ['birthday', 'appointment', 'renewal'],
    });
    expect(r.reminders).toMatchObject({
      sender: '',
      me: 'anna@clinic.test',
      takeOver: false,
      timeZone: 'Europe/Moscow',
    });
    w.wb.edit(TAB.ru.settings, `B${hourRow(w)}`, 7);
    expect(w.call('getReminderSettings').reminders.settings.hour).toBe(7);
  });

  it('saves a partial object, and the hour goes to the Settings tab (one home for it)', () => {
    const w = world('ru');
    const r = w.call('saveReminderSettings', {
      hour: 8,
      recipients: 'team@clinic.test; boss@clinic.test',
      birthdayDaysAhead: 3,
    });
    expect(r).toMatchObject({ ok: true, message: 'Настройки напоминаний сохранены.' });
    expect(r.reminders.settings).toMatchObject({
      hour: 8,
      recipients: ['team@clinic.test', 'boss@clinic.test'],
      birthdayDaysAhead: 3,
      renewalDaysAhead: 14,
    });
    expect(w.wb.values(TAB.ru.settings)[hourRow(w) - 1][1]).toBe(8);
    expect(w.call('getSettings').settings.values.reminderHour).toBe(8);
  });

  it('refuses unknown keys and bad values with Russian messages and writes nothing', () => {
    const w = world('ru');
    const before = w.wb.values(TAB.ru.settings);
    const props = JSON.stringify(w.wb.properties.document());
    const r = w.call('saveReminderSettings', { hour: 25, recipients: ['не адрес'], colour: 'red' });
    expect(r.ok).toBe(false);
    expect(r.errors.hour).toBe('Час утренней рассылки: нужно целое число от 0 до 23');
    expect(r.errors.recipients).toMatch(/«не адрес» не похоже на адрес почты/);
    expect(r.errors.colour).toBe('Неизвестная настройка «colour» — проверьте название');
    expect(w.wb.values(TAB.ru.settings)).toEqual(before);
    expect(JSON.stringify(w.wb.properties.document())).toBe(props);
    expect(daily(w)).toEqual([]);
  });

  it('explains errors in English on an English sheet', () => {
    const w = world('en');
    const r = w.call('saveReminderSettings', { renewalDaysAhead: -1 });
    expect(r.errors.renewalDaysAhead).toBe('Subscriptions ending: days ahead: a whole number from 0 to 90');
    const off = w.call('saveReminderSettings', { clientRules: [] });
    expect(off.ok).toBe(true);
    const on = w.call('enableReminders');
    expect(on.ok).toBe(false);
    expect(on.errors._).toBe(
      'To switch reminders on, add at least one digest recipient or one rule that writes to clients',
    );
    expect(daily(w)).toEqual([]);
  });

  it('setup creates the Email templates tab with the default letters in the sheet’s language, and the Sent log', () => {
    for (const lang of ['ru', 'en'] as const) {
      const w = world(lang);
      const rows = w.wb.values(TEMPLATES[lang]);
      // The morning run's columns and letters come first; mailings add their own after them.
      expect(rows[0].slice(0, 3)).toEqual(lang === 'ru' ? ['Письмо', 'Тема', 'Текст'] : ['Letter', 'Subject', 'Text']);
      expect(rows.slice(1, 5).map((r) => r[0])).toEqual(
        lang === 'ru'
          ? ['День рождения', 'Напоминание о записи', 'Продление абонемента', 'Утренняя сводка']
          : ['Birthday', 'Appointment reminder', 'Renewal offer', 'Morning digest'],
      );
      expect(rows[1][1]).toBe(lang === 'ru' ? '{{Имя}}, с днём рождения!' : 'Happy birthday, {{First name}}!');
      expect(w.wb.values(LOG[lang])[0][1]).toBe(lang === 'ru' ? 'Состояние' : 'State');
    }
  });

  it('a template edited in the tab is what clients get', () => {
    const w = world('ru');
    addClients(w, [
      { fullName: 'Петрова Анна', email: 'anna@mail.test', birthDate: '15.03.1990', emailConsentOn: '01.03.2026' },
    ]);
    w.wb.edit(TEMPLATES.ru, 'B2', 'С праздником, {{Имя}}! Вам {{Возраст}}');
    turnOn(w);
    until(w, '2026-03-15T10:00');
    expect(w.wb.outbox.find((m) => m.to === 'anna@mail.test')?.subject).toBe('С праздником, Анна! Вам 36');
  });
});

describe('switching reminders on', () => {
  it('installs one daily trigger at 9:00 in the spreadsheet’s zone (not the script’s), however often it is turned on', () => {
    const w = world('ru', { timeZone: 'Asia/Vladivostok', scriptTimeZone: 'America/Los_Angeles' });
    const on = turnOn(w);
    expect(on.message).toBe(
      'Напоминания включены: каждый день в 9:00 (Asia/Vladivostok), письма уходят от anna@clinic.test.',
    );
    w.call('enableReminders');
    w.call('enableReminders');
    expect(daily(w)).toHaveLength(1);
    expect(daily(w)[0]).toMatchObject({ owner: 'anna@clinic.test' });
    // 9:00 in Vladivostok (UTC+10) is 23:00 UTC the day before.
    expect(daily(w)[0].nextDue?.toISOString()).toBe('2026-03-14T23:00:00.000Z');
  });

  it('moves the trigger when the hour changes, from the sidebar or by hand in the Settings tab', () => {
    const w = world('ru');
    turnOn(w);
    w.call('saveReminderSettings', { hour: 8 });
    expect(daily(w)).toHaveLength(1);
    expect(daily(w)[0].nextDue?.toISOString()).toBe('2026-03-15T05:00:00.000Z');
    // By hand: the run at 8:00 still happens, and the trigger moves to 7:00 from the next day.
    w.wb.edit(TAB.ru.settings, `B${hourRow(w)}`, 7);
    until(w, '2026-03-15T08:30');
    expect(w.wb.outbox).toHaveLength(1);
    expect(daily(w)).toHaveLength(1);
    expect(daily(w)[0].nextDue?.toISOString()).toBe('2026-03-16T04:00:00.000Z');
  });

  it('two teammates turning it on make one sender: the second sees who sends, and may take over', () => {
    const w = world('ru');
    addClients(w, [
      { fullName: 'Петрова Анна', email: 'anna@mail.test', birthDate: '16.03.1990', emailConsentOn: '01.03.2026' },
    ]);
    turnOn(w);
    w.wb.as('boris@clinic.test');
    const view = w.call('getReminderSettings').reminders;
    expect(view).toMatchObject({ sender: 'anna@clinic.test', me: 'boris@clinic.test', takeOver: true });
    const second = w.call('enableReminders');
    expect(second.ok).toBe(false);
    expect(second.errors._).toBe(
      'Напоминания уже отправляет anna@clinic.test. Чтобы письма уходили с вашего адреса, нажмите «Отправлять от меня».',
    );
    expect(daily(w).map((t) => t.owner)).toEqual(['anna@clinic.test']);
    // Boris saves other settings without becoming the sender.
    expect(w.call('saveReminderSettings', { birthdayDaysAhead: 5 }).ok).toBe(true);
    const taken = w.call('enableReminders', { takeOver: true });
    expect(taken.ok).toBe(true);
    expect(taken.reminders).toMatchObject({ sender: 'boris@clinic.test', takeOver: false });
    // Anna's trigger cannot be deleted by Boris; it stops counting and removes itself at its next hour.
    expect(
      daily(w)
        .map((t) => t.owner)
        .sort(),
    ).toEqual(['anna@clinic.test', 'boris@clinic.test']);
    until(w, '2026-03-16T12:00');
    expect(daily(w).map((t) => t.owner)).toEqual(['boris@clinic.test']);
    expect(w.wb.outbox.map((m) => [m.at.toISOString().slice(0, 10), m.to, m.from])).toEqual([
      ['2026-03-15', 'team@clinic.test', 'boris@clinic.test'],
      ['2026-03-16', 'anna@mail.test', 'boris@clinic.test'],
      ['2026-03-16', 'team@clinic.test', 'boris@clinic.test'],
    ]);
  });

  it('two teammates clicking "Turn on" at the same moment still make one sender', async () => {
    const w = world('ru');
    w.call('saveReminderSettings', { recipients: ['team@clinic.test'] });
    const results = await w.wb.concurrently(
      [
        { fn: 'enableReminders', user: 'anna@clinic.test' },
        { fn: 'enableReminders', user: 'boris@clinic.test' },
      ],
      { seed: 7 },
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const view = w.call('getReminderSettings').reminders;
    until(w, '2026-03-16T12:00');
    // Whoever came second is the sender; the other trigger removed itself at its first hour.
    expect(daily(w).map((t) => t.owner)).toEqual([view.sender]);
    expect(w.wb.outbox.filter((m) => m.to === 'team@clinic.test')).toHaveLength(2);
    expect(new Set(w.wb.outbox.map((m) => m.from))).toEqual(new Set([view.sender]));
  });

  it('turning off removes the trigger; turned off by a teammate, the sender’s trigger removes itself', () => {
    const w = world('ru');
    addClients(w, [
      { fullName: 'Петрова Анна', email: 'anna@mail.test', birthDate: '15.03.1990', emailConsentOn: '01.03.2026' },
    ]);
    turnOn(w);
    w.wb.as('boris@clinic.test');
    const off = w.call('disableReminders');
    expect(off.message).toBe(
      'Напоминания выключены. Запуск у anna@clinic.test остановится сам в ближайший час рассылки.',
    );
    until(w, '2026-03-15T12:00');
    expect(w.wb.outbox).toEqual([]);
    expect(daily(w)).toEqual([]);
    w.wb.as('anna@clinic.test');
    turnOn(w);
    w.call('disableReminders');
    expect(daily(w)).toEqual([]);
    until(w, '2026-03-16T12:00');
    expect(lettersTo(w)).toEqual([]);
  });

  it('switched off by a teammate mid-morning, the sender’s pending continuation sends nothing more', () => {
    const w = world('ru', { mailQuota: 2 });
    bulkClients(w, 4, '03-15');
    turnOn(w);
    until(w, '2026-03-15T09:30');
    expect(lettersTo(w)).toHaveLength(1);
    expect(w.wb.triggers.filter((t) => t.handler === 'continueDailyJob')).toHaveLength(1);
    w.wb.as('boris@clinic.test');
    w.call('disableReminders');
    until(w, '2026-03-15T23:00');
    expect(lettersTo(w)).toHaveLength(1);
    expect(w.wb.triggers.filter((t) => t.handler === 'continueDailyJob')).toEqual([]);
  });

  it('has a menu item that opens the Reminders sidebar', () => {
    const w = world('en');
    w.call('onOpen', { authMode: 'LIMITED' });
    expect(w.wb.ui.menus[0].items).toContainEqual({ caption: 'Reminders…', functionName: 'showReminders' });
    w.call('showReminders');
    expect((w.wb.ui.sidebars as any[]).at(-1)).toMatchObject({ title: 'Reminders' });
  });
});
