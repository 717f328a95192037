// On the right day: calendar dates in the spreadsheet's time zone whatever the script's, 29 February birthdays, and
// the mail quota (what does not fit waits for the next runs in priority order, none twice, none lost).
import { addClients, bulkClients, digests, lettersTo, sentLog, turnOn, until, world } from './remindersWorld';

/** Days (in the sheet's zone) on which each address got a letter. */
function sendDays(w: ReturnType<typeof world>, tz: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
  for (const m of w.wb.outbox) out[m.to] = [...(out[m.to] ?? []), day.format(m.at)];
  return out;
}

describe('a birthday on 15 March is greeted on 15 March in the spreadsheet’s zone', () => {
  it.each([
    ['Asia/Vladivostok', 'America/Los_Angeles'],
    ['America/Los_Angeles', 'Asia/Vladivostok'],
  ])('sheet in %s, script in %s', (timeZone, scriptTimeZone) => {
    const w = world('ru', { timeZone, scriptTimeZone, now: '2026-03-13T10:00:00' });
    addClients(w, [
      { fullName: 'Петрова Анна', email: 'anna@mail.test', birthDate: '15.03.1990', emailConsentOn: '01.03.2026' },
    ]);
    turnOn(w);
    until(w, '2026-03-14T23:59');
    expect(lettersTo(w)).toEqual([]);
    until(w, '2026-03-17T12:00');
    expect(sendDays(w, timeZone)['anna@mail.test']).toEqual(['2026-03-15']);
    const greeting = w.wb.outbox.find((m) => m.to === 'anna@mail.test')!;
    expect(greeting.subject).toBe('Анна, с днём рождения!');
    // 9:00 in the sheet's zone.
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(greeting.at);
    expect(hour).toBe('09:00');
    expect(sentLog(w).find((r) => r.Письмо === 'поздравление с днём рождения')?.Ключ).toMatch(
      /\|birthday\|2026-03-15$/,
    );
  });
});

describe('29 February birthdays', () => {
  const born = {
    fullName: 'Високосов Иван',
    email: 'ivan@mail.test',
    birthDate: '29.02.2000',
    emailConsentOn: '01.01.2026',
  };

  it('are greeted on 28 February in a common year by default, once', () => {
    const w = world('ru', { now: '2026-02-26T10:00:00' });
    addClients(w, [born]);
    turnOn(w);
    until(w, '2026-03-03T12:00');
    expect(sendDays(w, w.tz)['ivan@mail.test']).toEqual(['2026-02-28']);
    const onTheDay = digests(w).filter((d) => d.body.includes('ДНИ РОЖДЕНИЯ СЕГОДНЯ'));
    expect(onTheDay.map((d) => d.subject)).toEqual(['Картотека: план на 28.02.2026']);
    expect(onTheDay[0].body).toContain('Високосов Иван, 26 лет');
  });

  it('on 1 March when the setting says so', () => {
    const w = world('ru', { now: '2026-02-26T10:00:00' });
    addClients(w, [born]);
    turnOn(w, { feb29: 'mar1' });
    until(w, '2026-03-03T12:00');
    expect(sendDays(w, w.tz)['ivan@mail.test']).toEqual(['2026-03-01']);
  });

  it('and on 29 February itself in a leap year', () => {
    const w = world('en', { now: '2028-02-27T10:00:00' });
    addClients(w, [{ ...born, fullName: 'Ivan Leap', birthDate: '02/29/2000', emailConsentOn: '01/01/2028' }]);
    turnOn(w);
    until(w, '2028-03-02T12:00');
    expect(sendDays(w, w.tz)['ivan@mail.test']).toEqual(['2028-02-29']);
    const greeting = w.wb.outbox.find((m) => m.to === 'ivan@mail.test')!;
    expect(greeting.subject).toBe('Happy birthday, Ivan!');
  });
});

describe('the mail quota', () => {
  it('quota 5 with 10 greetings due: 4 letters and the digest a day, the rest on the following days, none twice', () => {
    const w = world('ru', { mailQuota: 5 });
    bulkClients(w, 10, '03-15');
    turnOn(w);
    until(w, '2026-03-15T23:00');
    expect(lettersTo(w)).toHaveLength(4);
    expect(digests(w)).toHaveLength(1);
    expect(digests(w)[0].body).toContain('Ждут следующего запуска (не хватило квоты писем): 6');
    until(w, '2026-03-17T23:00');
    const to = lettersTo(w);
    expect(to).toHaveLength(10);
    expect(new Set(to).size).toBe(10);
    expect(digests(w)).toHaveLength(3);
    const days = sendDays(w, w.tz);
    expect(Object.values(days).filter((d) => d[0] === '2026-03-16')).toHaveLength(4);
    expect(days['team@clinic.test']).toEqual(['2026-03-15', '2026-03-16', '2026-03-17']);
    // Every letter went within its greeting window and the Sent log shows each as sent once.
    expect(sentLog(w).filter((r) => r.Состояние === 'отправлено')).toHaveLength(13);
    expect(sentLog(w).filter((r) => r.Состояние !== 'отправлено')).toEqual([]);
  });

  it('sends in priority order: appointment reminders first, then renewals, then greetings', () => {
    const w = world('ru', { mailQuota: 4 });
    addClients(w, [
      { fullName: 'Ан Ан', email: 'b1@mail.test', birthDate: '15.03.1990', emailConsentOn: '01.03.2026' },
      { fullName: 'Бе Бе', email: 'b2@mail.test', birthDate: '15.03.1991', emailConsentOn: '01.03.2026' },
      { fullName: 'Ве Ве', email: 'r1@mail.test', subscriptionEndsOn: '16.03.2026', emailConsentOn: '01.03.2026' },
      { fullName: 'Ге Ге', email: 'a1@mail.test', nextAppointmentOn: '16.03.2026 11:00', emailConsentOn: '01.03.2026' },
      { fullName: 'Де Де', email: 'a2@mail.test', nextAppointmentOn: '16.03.2026 12:00', emailConsentOn: '01.03.2026' },
    ]);
    turnOn(w);
    until(w, '2026-03-15T09:30');
    expect(lettersTo(w)).toEqual(['a1@mail.test', 'a2@mail.test', 'r1@mail.test']);
    until(w, '2026-03-16T23:00');
    expect(lettersTo(w).slice(3).sort()).toEqual(['b1@mail.test', 'b2@mail.test']);
  });

  it('a greeting that cannot go within the set days waits through the day, then is dropped and reported, not sent late', () => {
    const w = world('ru', { mailQuota: 2 });
    bulkClients(w, 4, '03-15');
    turnOn(w, { maxGreetingDelayDays: 0 });
    until(w, '2026-03-15T23:30');
    expect(lettersTo(w)).toHaveLength(1);
    expect(digests(w)[0].body).toContain('Ждут следующего запуска (не хватило квоты писем): 3');
    // The quota never came back that day: the next morning drops them and says so.
    until(w, '2026-03-16T12:00');
    expect(lettersTo(w)).toHaveLength(1);
    const dropped = sentLog(w).filter((r) => r.Состояние === 'отменено');
    expect(dropped).toHaveLength(3);
    expect(dropped[0].Примечание).toBe('не ушло вовремя, отправлять поздно');
    expect(digests(w)[1].body).toMatch(
      /Не отправлены:\n• Клиент\d+ Тестовый — поздравление с днём рождения 15\.03\.2026: не ушло вовремя/,
    );
    until(w, '2026-03-18T12:00');
    expect(lettersTo(w)).toHaveLength(1);
  });
});
