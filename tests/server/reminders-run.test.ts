// The morning run through the built add-on on the emulated sheet, fired by its daily trigger as its owner (FULL):
// who gets which letter on which day, exactly once, in the team digest and on the client's card.
import { spreadsheetCalls, TAB } from './helpers';
import {
  addClients,
  bulkClients,
  digests,
  journalEmails,
  LOG,
  lettersTo,
  sentLog,
  turnOn,
  until,
  type World,
  world,
} from './remindersWorld';

/** Five clients: three letters are due on 15 March, two clients must get none. */
function clinic(w: World) {
  return addClients(w, [
    {
      fullName: 'Петрова Анна Сергеевна',
      email: 'anna@mail.test',
      birthDate: '15.03.1990',
      emailConsentOn: '01.03.2026',
    },
    { fullName: 'Иванов Борис', email: 'boris@mail.test', birthDate: '15.03.1985' },
    {
      fullName: 'Орлова Вера',
      email: 'vera@mail.test',
      birthDate: '15.03.1992',
      emailConsentOn: '01.02.2026',
      unsubscribedOn: '01.03.2026',
    },
    {
      fullName: 'Сидоров Пётр Ильич',
      email: 'petr@mail.test',
      emailConsentOn: '01.03.2026',
      nextAppointmentOn: '16.03.2026 10:30',
      nextAppointmentWork: 'Гигиена',
    },
    {
      fullName: 'Зайцева Галина',
      email: 'galina@mail.test',
      emailConsentOn: '01.03.2026',
      subscriptionEndsOn: '16.03.2026',
    },
  ]);
}

describe('the morning run', () => {
  it('at 9:00 sends the birthday greeting, the appointment reminder and the renewal offer, then one digest', () => {
    const w = world('ru');
    clinic(w);
    turnOn(w);
    const fired = until(w, '2026-03-15T12:00');
    const runs = fired.filter((f) => f.handler === 'runDailyJob');
    expect(runs.map((f) => [f.owner, f.error])).toEqual([['anna@clinic.test', undefined]]);
    expect(lettersTo(w).sort()).toEqual(['anna@mail.test', 'galina@mail.test', 'petr@mail.test']);
    const byTo = Object.fromEntries(w.wb.outbox.map((m) => [m.to, m]));
    expect(byTo['anna@mail.test'].subject).toBe('Анна Сергеевна, с днём рождения!');
    expect(byTo['anna@mail.test'].body).toMatch(/^Здравствуйте, Анна Сергеевна!/);
    expect(byTo['petr@mail.test'].body).toContain('Время: 10:30');
    expect(byTo['petr@mail.test'].body).toContain('Что запланировано: Гигиена');
    expect(byTo['galina@mail.test'].subject).toBe('Галина, ваш абонемент действует до 16.03.2026');
    // Every letter and the digest went out at 9:00 in the sheet's zone, from the trigger's owner.
    for (const m of w.wb.outbox) {
      expect(m.from).toBe('anna@clinic.test');
      expect(m.at.toISOString().slice(0, 16)).toBe('2026-03-15T06:00');
    }
    const [digest] = digests(w);
    expect(digests(w)).toHaveLength(1);
    expect(digest.subject).toBe('Картотека: план на 15.03.2026');
    expect(digest.body).toContain('ДНИ РОЖДЕНИЯ СЕГОДНЯ');
    expect(digest.body).toContain('Петрова Анна Сергеевна, 36 лет');
    expect(digest.body).toContain('10:30 Сидоров Пётр Ильич — Гигиена');
    expect(digest.body).toContain('Отправлено сегодня: 3 письма');
    expect(digest.body).toContain('Не получат письмо (нет согласия, отписались или нет адреса): 2');
  });

  it('logs each letter as sent in the Sent log and as an email on the client’s card (the journal)', () => {
    const w = world('ru');
    const [anna] = clinic(w);
    turnOn(w);
    until(w, '2026-03-15T12:00');
    const log = sentLog(w);
    expect(log.map((r) => [r.Ключ, r.Состояние, r.Попыток])).toEqual(
      expect.arrayContaining([
        [`${anna}|birthday|2026-03-15`, 'отправлено', 1],
        ['*|digest|2026-03-15', 'отправлено', 1],
      ]),
    );
    expect(log).toHaveLength(4);
    const entries = journalEmails(w);
    expect(entries).toHaveLength(3);
    const annas = entries.find((e) => e['ID клиента'] === anna)!;
    expect(annas.Тип).toBe('Письмо');
    expect(annas['Что было']).toBe('Письмо (поздравление с днём рождения): «Анна Сергеевна, с днём рождения!»');
    const card = w.call('getClientCard', anna);
    expect(card.card.journal.map((j: any) => j.summary)).toContain(
      'Письмо (поздравление с днём рождения): «Анна Сергеевна, с днём рождения!»',
    );
  });

  it('re-run the same day (Run now, then the trigger again) sends 0 new emails', () => {
    const w = world('ru');
    clinic(w);
    turnOn(w);
    until(w, '2026-03-15T09:30');
    const sent = w.wb.outbox.length;
    expect(sent).toBe(4);
    const again = w.call('runDailyJob');
    expect(again.ok).toBe(true);
    expect(again.summary).toMatchObject({ sent: 0, skipped: 3, digest: 'already' });
    expect(again.message).toMatch(/Уже отправлены раньше: 3\. Сводка сегодня уже отправлена\./);
    until(w, '2026-03-15T23:00');
    expect(w.wb.outbox).toHaveLength(sent);
  });

  it('two overlapping runs (two teammates clicking Run now at once) send each letter once and one digest', async () => {
    const w = world('ru', { now: '2026-03-15T08:00:00' });
    clinic(w);
    turnOn(w);
    const results = await w.wb.concurrently(
      [
        { fn: 'runDailyJob', user: 'anna@clinic.test' },
        { fn: 'runDailyJob', user: 'boris@clinic.test' },
      ],
      { seed: 3 },
    );
    expect(results.map((r) => r.ok && (r.value as { ok: boolean }).ok)).toEqual([true, true]);
    expect(lettersTo(w).sort()).toEqual(['anna@mail.test', 'galina@mail.test', 'petr@mail.test']);
    expect(digests(w)).toHaveLength(1);
    expect(sentLog(w).filter((r) => r.Состояние === 'отправлено')).toHaveLength(4);
    expect(journalEmails(w)).toHaveLength(3);
  }, 180_000);

  it('sends nothing to clients without consent or after they opted out, on any day of the greeting window', () => {
    const w = world('ru');
    clinic(w);
    turnOn(w);
    until(w, '2026-03-18T12:00');
    const to = lettersTo(w);
    expect(to).not.toContain('boris@mail.test');
    expect(to).not.toContain('vera@mail.test');
    expect(to.filter((t) => t === 'anna@mail.test')).toHaveLength(1);
  });

  it('a consent given after an opt-out counts again (the later date wins)', () => {
    const w = world('ru');
    addClients(w, [
      {
        fullName: 'Орлова Вера',
        email: 'vera@mail.test',
        birthDate: '15.03.1992',
        unsubscribedOn: '01.01.2026',
        emailConsentOn: '01.03.2026',
      },
    ]);
    turnOn(w);
    until(w, '2026-03-15T12:00');
    expect(lettersTo(w)).toEqual(['vera@mail.test']);
  });

  it('greets nobody belatedly for days before reminders were switched on', () => {
    const w = world('ru', { now: '2026-03-16T10:00:00' });
    clinic(w);
    turnOn(w);
    until(w, '2026-03-17T12:00');
    expect(lettersTo(w)).toEqual([]);
    expect(digests(w)).toHaveLength(1);
  });

  it('the digest links each client to their row and speaks English on an English sheet', () => {
    const w = world('en');
    addClients(w, [
      { fullName: 'Anna Smith', email: 'anna@mail.test', birthDate: '03/15/1990', emailConsentOn: '03/01/2026' },
    ]);
    turnOn(w);
    until(w, '2026-03-15T12:00');
    const [greeting] = w.wb.outbox.filter((m) => m.to === 'anna@mail.test');
    expect(greeting.subject).toBe('Happy birthday, Anna!');
    const [digest] = digests(w);
    expect(digest.subject).toBe('Kartoteka: your day, 03/15/2026');
    expect(digest.body).toContain('BIRTHDAYS TODAY');
    const gid = (w.wb.model.spreadsheet as any).getSheetByName(TAB.en.clients).getSheetId();
    expect(digest.htmlBody).toMatch(new RegExp(`#gid=${gid}&amp;range=A2">Anna Smith</a>`));
    expect(sentLog(w).map((r) => r.State)).toEqual(['sent', 'sent']);
  });

  it('a letter the mail service refuses is logged as failed and retried by the next run; nothing goes twice', () => {
    const w = world('ru');
    clinic(w);
    turnOn(w);
    // The 2nd send of the morning fails: the run stops (the service is in trouble) after 1 of 3 letters.
    w.wb.mail.failOnSend(2);
    until(w, '2026-03-15T09:05');
    expect(lettersTo(w)).toHaveLength(1);
    const failed = sentLog(w).filter((r) => r.Состояние === 'ошибка');
    expect(failed).toHaveLength(1);
    expect(failed[0].Примечание).toBe('Service error: Mail');
    // The continuation ten minutes later sends exactly the other two, then the digest.
    until(w, '2026-03-15T12:00');
    expect(lettersTo(w).sort()).toEqual(['anna@mail.test', 'galina@mail.test', 'petr@mail.test']);
    expect(digests(w)).toHaveLength(1);
    expect(sentLog(w).filter((r) => r.Состояние === 'отправлено')).toHaveLength(4);
    expect(w.wb.triggers.filter((t) => t.handler === 'continueDailyJob')).toEqual([]);
  });

  it('shows the exact letters of the dry run ("What will be sent today") and sends or writes nothing', () => {
    const w = world('ru', { now: '2026-03-15T08:00:00' });
    clinic(w);
    turnOn(w);
    const logBefore = w.wb.values(LOG.ru);
    const r = w.call('previewToday');
    expect(r.ok).toBe(true);
    expect(w.wb.outbox).toEqual([]);
    expect(w.wb.values(LOG.ru)).toEqual(logBefore);
    const p = r.preview;
    expect(p.letters.map((l: any) => [l.name, l.rule, l.status])).toEqual([
      ['Сидоров Пётр Ильич', 'appointment', 'send'],
      ['Зайцева Галина', 'renewal', 'send'],
      ['Петрова Анна Сергеевна', 'birthday', 'send'],
    ]);
    expect(p.letters[0]).toMatchObject({ date: '16.03.2026', time: '10:30', to: 'petr@mail.test' });
    expect(p.excluded.map((x: any) => x.reason)).toEqual([
      'нет согласия на рассылку (дата в «Согласие на рассылку»)',
      'отписался от писем',
    ]);
    expect(p.digest.subject).toBe('Картотека: план на 15.03.2026');
    expect(p.digest.body).toContain('Отправлено сегодня: 3 письма');
    // What the preview shows is what goes.
    until(w, '2026-03-15T12:00');
    for (const l of p.letters) {
      const sent = w.wb.outbox.find((m) => m.to === l.to)!;
      expect([sent.subject, sent.body]).toEqual([l.subject, l.body]);
    }
    const after = w.call('previewToday').preview;
    expect(after.letters.map((l: any) => l.status)).toEqual(['sent', 'sent', 'sent']);
    expect(after.digest).toBeNull();
  });
});

describe('what the morning costs in Spreadsheet calls', () => {
  /** A morning with n greetings due: its calls, and those of Run now right after (the plan alone). */
  function morning(n: number) {
    const w = world('ru');
    bulkClients(w, n, '03-15');
    turnOn(w);
    until(w, '2026-03-15T05:00');
    w.wb.resetCalls();
    until(w, '2026-03-15T12:00');
    const calls = spreadsheetCalls(w.wb.calls);
    const mail = w.wb.calls['MailApp.sendEmail'];
    w.wb.resetCalls();
    w.call('runDailyJob');
    return { calls, mail, plan: spreadsheetCalls(w.wb.calls) };
  }

  it('plans in at most 12 calls and adds 5 Spreadsheet calls and one MailApp call per letter', () => {
    const few = morning(2);
    const many = morning(8);
    // 12 with a cold cache of the sheet's zone and locale, 10 with a warm one: the same at any number of letters.
    expect(few.plan).toBeLessThanOrEqual(12);
    expect(many.plan).toBe(few.plan);
    expect([few.mail, many.mail]).toEqual([3, 9]);
    // A letter: its Sent-log row read, written pending and sent, and its journal entry appended.
    expect((many.calls - few.calls) / 6).toBe(5);
  });
});
