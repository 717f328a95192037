// When mailing letters go, in the built add-on with the virtual clock: a letter due on Saturday goes on Monday
// morning inside the hours; the caps hold a third letter of the week to its slot; a scheduled mailing goes at its
// hour; holiday greetings go on the day in the sheet's zone (not the script's); a quota too small continues the
// next day with nothing lost or repeated.
import { wallToInstant } from '../../local/playground/workbook';
import { addClients, LOG, TEMPLATES, turnOn, until, type World, world } from './remindersWorld';

const CONSENT = '2026-01-10';

/** Wall time of a sent letter in the sheet's zone ('yyyy-mm-ddTHH:mm'). */
function sentAt(w: World, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: w.tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

const to = (w: World, subject: RegExp) =>
  w.wb.outbox
    .filter((m) => subject.test(m.subject))
    .map((m) => m.to)
    .sort();

describe('the sending window, the caps and a scheduled mailing', () => {
  let w: World;

  beforeAll(() => {
    // Saturday 14 March 2026, 11:00 in Moscow.
    w = world('ru', { now: '2026-03-14T11:00' });
    addClients(w, [
      { fullName: 'Анна Петрова', email: 'anna@mail.test', emailConsentOn: CONSENT },
      { fullName: 'Борис Орлов', email: 'boris@mail.test', emailConsentOn: CONSENT },
    ]);
  });

  it('holds a letter sent on Saturday to Monday at the window’s first hour, and the preview says so', () => {
    const request = { segment: 'все с согласием', template: { subject: 'Новости {{Имя}}', body: 'Текст' } };
    const p = w.call('previewMailing', request);
    expect(p.heldUntil).toBe('2026-03-16T10:00');
    expect(p.when).toBe('Сейчас вне окна отправки (пн–пт 10:00–19:00) — письма уйдут пн 16.03.2026 10:00.');
    const r = w.call('sendMailing', request);
    expect(r).toMatchObject({ ok: true, queued: 2, sent: 0 });
    expect(r.message).toBe('Рассылка «Новости {{Имя}}» → «все с согласием»: 2 писем уйдут пн 16.03.2026 10:00.');
    until(w, '2026-03-16T09:59');
    expect(w.wb.outbox).toHaveLength(0);
    until(w, '2026-03-16T10:30');
    expect(to(w, /^Новости/)).toEqual(['anna@mail.test', 'boris@mail.test']);
    for (const m of w.wb.outbox) expect(sentAt(w, m.at) >= '2026-03-16T10:00').toBe(true);
    for (const m of w.wb.outbox) expect(sentAt(w, m.at) < '2026-03-16T19:00').toBe(true);
    const view = w.call('mailingsView').view;
    expect(view.mailings[0]).toMatchObject({ state: 'done', queued: 2, sent: 2 });
  });

  it('lets the second letter of the week go and holds the third to the day the cap frees', () => {
    until(w, '2026-03-17T12:00');
    const second = w.call('sendMailing', { segment: 'все с согласием', template: { subject: 'Второе', body: 'Т' } });
    expect(second).toMatchObject({ queued: 2, sent: 2 });
    const third = { segment: 'все с согласием', template: { subject: 'Третье', body: 'Т' } };
    const p = w.call('previewMailing', third);
    // Two letters went on 16 and 17 March: the cap of 2 a week frees when the first is 7 days old.
    expect(p.recipients.map((r: any) => r.heldUntil)).toEqual(['2026-03-23T10:00', '2026-03-23T10:00']);
    expect(p.when).toContain('ждут из‑за лимита писем');
    expect(w.call('sendMailing', third)).toMatchObject({ queued: 2, sent: 0 });
    until(w, '2026-03-23T09:59');
    expect(to(w, /^Третье/)).toEqual([]);
    until(w, '2026-03-23T11:00');
    expect(to(w, /^Третье/)).toEqual(['anna@mail.test', 'boris@mail.test']);
  });

  it('sends a scheduled mailing at its hour, and a cancelled one never', () => {
    until(w, '2026-03-31T09:00');
    const at = w.call('sendMailing', {
      segment: 'все с согласием',
      template: { subject: 'По расписанию', body: 'Т' },
      at: '2026-03-31T15:00',
    });
    expect(at).toMatchObject({ ok: true, queued: 2, sent: 0 });
    const gone = w.call('sendMailing', {
      segment: 'все с согласием',
      template: { subject: 'Отменённое', body: 'Т' },
      at: '2026-03-31T16:00',
    });
    expect(w.call('cancelMailing', gone.mailingId)).toMatchObject({
      ok: true,
      message: 'Рассылка отменена: 2 писем не уйдут.',
    });
    until(w, '2026-03-31T14:59');
    expect(to(w, /^По расписанию/)).toEqual([]);
    until(w, '2026-03-31T17:00');
    expect(to(w, /^По расписанию/)).toEqual(['anna@mail.test', 'boris@mail.test']);
    expect(to(w, /^Отменённое/)).toEqual([]);
  });
});

describe('holiday greetings', () => {
  it('go on the day in the sheet’s zone (Vladivostok) while the script runs in Los Angeles, once a year', () => {
    const w = world('ru', {
      now: '2026-03-07T12:00',
      timeZone: 'Asia/Vladivostok',
      scriptTimeZone: 'America/Los_Angeles',
    });
    addClients(w, [
      { fullName: 'Анна Петрова', email: 'anna@mail.test', emailConsentOn: CONSENT },
      { fullName: 'Вера Без Согласия', email: 'vera@mail.test' },
    ]);
    // A Templates tab from before mailings (no segment or button columns) still reads.
    const templates = (w.wb.model.spreadsheet as any).getSheetByName(TEMPLATES.ru);
    expect(templates.getRange(1, 4, 1, 3).getValues()[0]).toEqual(['Сегмент (вариант)', 'Кнопка', 'Ссылка кнопки']);
    templates.deleteColumns(4, 3);
    turnOn(w);
    until(w, '2026-03-07T23:59');
    expect(to(w, /8 Марта/)).toEqual([]);
    // 8 March 09:00 in Vladivostok is still 7 March in Los Angeles; the greeting waits for the window's 10:00.
    until(w, '2026-03-08T09:30');
    expect(to(w, /8 Марта/)).toEqual([]);
    until(w, '2026-03-08T10:30');
    expect(to(w, /8 Марта/)).toEqual(['anna@mail.test']);
    expect(w.wb.outbox.find((m) => /8 Марта/.test(m.subject))!.subject).toBe('Анна, с 8 Марта!');
    until(w, '2026-03-10T10:30');
    expect(to(w, /8 Марта/)).toEqual(['anna@mail.test']);
    const log = w.wb.values(LOG.ru);
    expect(log.filter((r) => String(r[log[0].indexOf('Ключ')]).startsWith('holiday:0308:2026:'))).toHaveLength(1);
  });
});

describe('a mailing larger than the mail quota', () => {
  it('sends what the quota allows and the rest the next day, none twice', () => {
    const w = world('en', { now: '2026-03-16T11:00', mailQuota: 3 });
    const people = Array.from({ length: 5 }, (_, i) => ({
      fullName: `Client ${i + 1} Test`,
      email: `c${i + 1}@mail.test`,
      emailConsentOn: CONSENT,
    }));
    addClients(w, people);
    const r = w.call('sendMailing', {
      segment: 'all with consent',
      template: { subject: 'News', body: 'Hi {{First name}}' },
    });
    expect(r).toMatchObject({ ok: true, queued: 5, sent: 3 });
    expect(r.message).toContain('The other 2 continue by themselves.');
    until(w, '2026-03-16T18:00');
    expect(w.wb.outbox).toHaveLength(3);
    // Google renews the quota 24 hours after the first send; the run looks again every hour until then.
    until(w, '2026-03-17T14:00');
    expect(w.wb.outbox.map((m) => m.to).sort()).toEqual(people.map((p) => p.email).sort());
    w.wb.clock.set(wallToInstant('2026-03-18T12:00', w.tz));
    w.wb.runDueTriggers();
    expect(w.wb.outbox).toHaveLength(5);
  });
});
