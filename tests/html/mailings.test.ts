// The "Send to a segment…" form as values: the request it sends, what it refuses beside which field (an http(s)
// button link, a schedule in the past), the excluded members by reason, and the segment's own template variant.

import type { DateStyle } from '../../html/kit/dates';
import { EMPTY, excludedGroups, linkProblem, OWN, requestOf, scheduleAt, variantOf } from '../../html/mailings/form';
import type { MailingExcluded } from '../../src/shared/mailings';

const ru: DateStyle = { lang: 'ru', locale: 'ru_RU', timeZone: 'Europe/Moscow', today: '2026-03-16' };
const en: DateStyle = { lang: 'en', locale: 'en_US', timeZone: 'America/New_York', today: '2026-03-16' };

describe('button links', () => {
  it.each([
    'https://clinic.ru/zapis',
    'http://127.0.0.1:5173/book?x=1',
    'HTTPS://Clinic.RU',
    'http://localhost:8080/',
    'https://клиника.рф/запись',
  ])('takes the web address %s', (url) => {
    expect(linkProblem(url)).toBeUndefined();
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'mailto:a@b.ru',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'clinic.ru/zapis',
    'ftp://clinic.ru',
  ])('refuses %s as not http(s)', (url) => {
    expect(linkProblem(url)).toBe('scheme');
  });

  it.each(['https://', 'https://clinic ru/x', 'http://.', 'https://a.ru/"onmouseover="x'])(
    'refuses %s as no web address',
    (url) => {
      expect(linkProblem(url)).toBe('invalid');
    },
  );
});

describe('the request the form sends', () => {
  it('sends a saved template by its name, now', () => {
    const r = requestOf({ ...EMPTY, segment: 'Постоянные', template: 'Новости' }, ru);
    expect(r).toEqual({ ok: true, request: { segment: 'Постоянные', template: 'Новости' } });
  });

  it('sends a letter written here, with its button only when both text and link are given', () => {
    const v = { ...EMPTY, segment: 'Regular', template: OWN, subject: ' Spring ', body: 'Hi {{First name}}' };
    expect(requestOf(v, en)).toEqual({
      ok: true,
      request: { segment: 'Regular', template: { subject: 'Spring', body: 'Hi {{First name}}' } },
    });
    const withButton = { ...v, buttonText: 'Book now', buttonUrl: 'https://clinic.com/book' };
    expect(requestOf(withButton, en)).toEqual({
      ok: true,
      request: {
        segment: 'Regular',
        template: {
          subject: 'Spring',
          body: 'Hi {{First name}}',
          button: { text: 'Book now', url: 'https://clinic.com/book' },
        },
      },
    });
  });

  it('refuses a javascript: link beside the link field, in the sheet’s language, and sends nothing', () => {
    const v = { ...EMPTY, segment: 'S', template: OWN, subject: 's', body: 'b', buttonText: 'Go' };
    const ruAnswer = requestOf({ ...v, buttonUrl: 'javascript:alert(1)' }, ru);
    expect(ruAnswer).toEqual({
      ok: false,
      errors: { buttonUrl: 'Ссылка должна начинаться с http:// или https:// — например: https://clinic.ru/zapis' },
    });
    const enAnswer = requestOf({ ...v, buttonUrl: 'https://clinic .com' }, en);
    expect(enAnswer).toEqual({
      ok: false,
      errors: { buttonUrl: 'This does not look like a web address — for example: https://clinic.com/book' },
    });
  });

  it('asks for the missing half of a button, and for the segment, template, subject and body', () => {
    expect(requestOf({ ...EMPTY, template: OWN, buttonText: 'Записаться' }, ru)).toEqual({
      ok: false,
      errors: {
        segment: 'Выберите сегмент',
        subject: 'Тема: заполните поле',
        body: 'Текст письма: заполните поле',
        buttonUrl: 'Укажите ссылку для кнопки «Записаться»',
      },
    });
    const noText = requestOf(
      { ...EMPTY, segment: 'S', template: OWN, subject: 's', body: 'b', buttonUrl: 'https://a.ru' },
      en,
    );
    expect(noText).toEqual({ ok: false, errors: { buttonText: 'Write the button text, for example: Book now' } });
    expect(requestOf({ ...EMPTY, segment: 'S' }, en)).toEqual({
      ok: false,
      errors: { template: 'Choose a template or write a letter' },
    });
  });

  it('schedules at the typed day and hour in the sheet’s own date order', () => {
    const ruAnswer = requestOf(
      { ...EMPTY, segment: 'S', template: 'T', when: 'schedule', day: '20.03.2026', hour: '9' },
      ru,
    );
    expect(ruAnswer).toEqual({ ok: true, request: { segment: 'S', template: 'T', at: '2026-03-20T09:00' } });
    const enAnswer = requestOf(
      { ...EMPTY, segment: 'S', template: 'T', when: 'schedule', day: '03/20/2026', hour: '14' },
      en,
    );
    expect(enAnswer).toEqual({ ok: true, request: { segment: 'S', template: 'T', at: '2026-03-20T14:00' } });
  });

  it('refuses a day that has passed, an hour that has passed today, and a day that is not a date', () => {
    const base = { ...EMPTY, segment: 'S', template: 'T', when: 'schedule' };
    expect(requestOf({ ...base, day: '15.03.2026', hour: '10' }, ru)).toEqual({
      ok: false,
      errors: { day: 'Этот день уже прошёл — выберите сегодня (16.03.2026) или позже' },
    });
    expect(requestOf({ ...base, day: '03/16/2026', hour: '9' }, en, '2026-03-16T10:30')).toEqual({
      ok: false,
      errors: { hour: 'This hour has passed (it is 10:30 now)' },
    });
    expect(requestOf({ ...base, day: '03/16/2026', hour: '11' }, en, '2026-03-16T10:30')).toMatchObject({ ok: true });
    expect(requestOf({ ...base, day: '31.02.2026', hour: '10' }, ru)).toEqual({
      ok: false,
      errors: { day: 'Не похоже на дату — например: 16.03.2026' },
    });
    expect(requestOf({ ...base, day: '', hour: '' }, en)).toEqual({
      ok: false,
      errors: { day: 'Give the day', hour: 'Choose the hour' },
    });
  });

  it('builds the schedule time only from a whole day and an hour of the day', () => {
    expect(scheduleAt('2026-03-20', '0')).toBe('2026-03-20T00:00');
    expect(scheduleAt('2026-03-20', '24')).toBe('');
    expect(scheduleAt('2026-03-20', '')).toBe('');
    expect(scheduleAt('20.03.2026', '9')).toBe('');
  });
});

describe('who is left out', () => {
  const x = (id: string, reason: MailingExcluded['reason'], reasonText: string): MailingExcluded => ({
    id,
    name: `Client ${id}`,
    reason,
    reasonText,
  });

  it('groups the excluded members by reason, consent first, with the reason as the server words it', () => {
    const groups = excludedGroups([
      x('C-000003', 'cap', 'over the cap'),
      x('C-000001', 'noEmail', 'no email'),
      x('C-000002', 'noConsent', 'no consent'),
      x('C-000004', 'cap', 'over the cap'),
      x('C-000005', 'unsubscribed', 'unsubscribed'),
    ]);
    expect(groups.map((g) => [g.reason, g.text, g.members.map((m) => m.id)])).toEqual([
      ['noConsent', 'no consent', ['C-000002']],
      ['unsubscribed', 'unsubscribed', ['C-000005']],
      ['cap', 'over the cap', ['C-000003', 'C-000004']],
      ['noEmail', 'no email', ['C-000001']],
    ]);
  });
});

describe('the template note', () => {
  const view = {
    templates: [
      { name: 'News', variants: ['Regular'], subject: 'News', hasButton: true },
      { name: 'Hello', variants: [], subject: 'Hello', hasButton: false },
    ],
  };

  it('says when the segment has its own variant of the template', () => {
    expect(variantOf(view, 'News', 'Regular')?.own).toBe(true);
    expect(variantOf(view, 'News', 'One-time')?.own).toBe(false);
    expect(variantOf(view, 'Hello', 'Regular')?.own).toBe(false);
    expect(variantOf(view, 'Gone', 'Regular')).toBeNull();
  });
});
