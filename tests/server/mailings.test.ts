// Mailings in the built add-on (dist/Code.js) on the emulated sheet with the virtual clock: a mailing reaches exactly
// the consenting, subscribed members once, each with their segment's variant and name; re-sent and overlapping
// mailings send nothing twice; client data arrives escaped; the test letter goes to the user only; the unsubscribe
// link works once and forged, altered or expired ones change nothing.
import { wallToInstant } from '../../local/playground/workbook';
import { TAB } from './helpers';
import { addClients, journalEmails, LOG, TEMPLATES, until, type World, world } from './remindersWorld';

const CONSENT = '2026-01-10';
const ALL = 'все с согласием';

/** Appends rows to the Email templates tab as a person types them (by header). */
function addTemplates(w: World, rows: Array<Record<string, string>>): void {
  const sheet = (w.wb.model.spreadsheet as any).getSheetByName(TEMPLATES[w.lang]);
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[];
  for (const r of rows) sheet.appendRow(header.map((h) => r[h] ?? ''));
}

function purchases(w: World, clientId: string, n: number): void {
  for (let i = 0; i < n; i++) {
    const r = w.call('logContact', { clientId, type: 'Покупка', amount: 1000, item: 'Консультация' });
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
}

function clientRow(w: World, id: string): Record<string, unknown> {
  const values = w.wb.values(TAB[w.lang].clients);
  const row = values.find((r) => r.includes(id));
  return Object.fromEntries(values[0].map((h, i) => [String(h), row?.[i]]));
}

const linkIn = (body: string) => /(https:\/\/\S+\/exec\?u=\S+)/.exec(body)?.[1] ?? '';
const outcomeOf = (html: string) => /data-outcome="(\w+)"/.exec(html)?.[1];

describe('a mailing to a segment (Monday 16 March 2026, 11:00, inside the window)', () => {
  let w: World;
  let ids: Record<string, string>;

  beforeAll(() => {
    w = world('ru', { now: '2026-03-16T11:00' });
    const [anna, boris, kira, vera, gleb, dina, ivan] = addClients(w, [
      { fullName: 'Анна Петрова', email: 'anna@mail.test', emailConsentOn: CONSENT },
      { fullName: 'Борис Орлов', email: 'boris@mail.test', emailConsentOn: CONSENT },
      { fullName: 'Кира Смирнова', email: 'kira@mail.test', emailConsentOn: CONSENT },
      { fullName: 'Вера Без Согласия', email: 'vera@mail.test' },
      { fullName: 'Глеб Отписался', email: 'gleb@mail.test', emailConsentOn: CONSENT, unsubscribedOn: '2026-02-01' },
      { fullName: 'Дина Без Почты', emailConsentOn: CONSENT },
      {
        fullName: '<img src=x onerror=alert(1)> =HYPERLINK("http://evil.test";"жми")',
        email: 'ivan@mail.test',
        emailConsentOn: CONSENT,
      },
    ]);
    ids = { anna, boris, kira, vera, gleb, dina, ivan };
    purchases(w, boris, 1);
    purchases(w, kira, 3);
    addTemplates(w, [
      { Письмо: 'Весна', Тема: '{{Имя}}, весенние новости', Текст: 'Здравствуйте, {{Имя}}!\n\nУ нас весна.' },
      {
        Письмо: 'Весна',
        'Сегмент (вариант)': 'Постоянные',
        Тема: '{{Имя}}, для постоянных — скидка',
        Текст: 'Здравствуйте, {{Имя}}! Спасибо, что вы с нами.',
        Кнопка: 'Записаться',
        'Ссылка кнопки': 'https://clinic.test/book',
      },
      {
        Письмо: 'Весна',
        'Сегмент (вариант)': 'Потенциальные',
        Тема: '{{Имя}}, первый визит со скидкой',
        Текст: 'Здравствуйте, {{Имя}}! Приходите знакомиться.\nКарта на имя: {{ФИО}}',
      },
    ]);
  });

  it('previews exactly the consenting, subscribed members with an address, each with their variant, and says why the rest are left out', () => {
    const p = w.call('previewMailing', { segment: ALL, template: 'Весна' });
    expect(p.ok).toBe(true);
    const byId = Object.fromEntries(p.recipients.map((r: any) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual([ids.anna, ids.boris, ids.kira, ids.ivan].sort());
    expect(byId[ids.anna].variant).toBe('Потенциальные');
    expect(byId[ids.boris].variant).toBe('');
    expect(byId[ids.kira].variant).toBe('Постоянные');
    expect(byId[ids.kira].email).toBe('kira@mail.test');
    expect(p.excluded.map((e: any) => [e.id, e.reason]).sort()).toEqual(
      [
        [ids.vera, 'noConsent'],
        [ids.gleb, 'unsubscribed'],
        [ids.dina, 'noEmail'],
      ].sort(),
    );
    expect(p.excluded.find((e: any) => e.id === ids.vera).reasonText).toBe('нет согласия на рассылку');
    expect(p.counts).toMatchObject({ members: 7, recipients: 4, excluded: 3 });
    expect(p.when).toBe('Письма уйдут сейчас.');
    expect(p.heldUntil).toBeUndefined();
    const kira = w.call('previewMailing', { segment: ALL, template: 'Весна' }, ids.kira);
    expect(kira.sample.subject).toBe('Кира, для постоянных — скидка');
    expect(kira.sample.htmlBody).toContain('href="https://clinic.test/book"');
    expect(w.wb.outbox).toHaveLength(0);
  });

  it('lists for the sidebar the segments with their sizes, the templates with their variants, caps and window', () => {
    const v = w.call('mailingsView').view;
    const size = (name: string) => v.segments.find((s: any) => s.name === name)?.size;
    expect(v.segments[0]).toEqual({ key: '', name: ALL, size: 4 });
    expect([size('Постоянные'), size('Разовые'), size('Потенциальные')]).toEqual([1, 1, 5]);
    expect(v.templates.find((t: any) => t.name === 'Весна')).toEqual({
      name: 'Весна',
      variants: ['', 'Постоянные', 'Потенциальные'],
      subject: '{{Имя}}, весенние новости',
      hasButton: true,
    });
    expect(v.templates.map((t: any) => t.name)).toEqual(['Новый год', '23 февраля', '8 марта', 'Весна']);
    expect(v).toMatchObject({
      caps: { per7: 2, per30: 6 },
      window: { days: [1, 2, 3, 4, 5], from: 10, to: 19 },
      timeZone: 'Europe/Moscow',
      mailings: [],
      problems: [],
    });
    expect(v.unsubscribeUrl).toMatch(/^https:\/\/script\.google\.com\/macros\/s\/\S+\/exec$/);
  });

  it('refuses a request it cannot read with a localized error and sends nothing', () => {
    const bad = w.call('previewMailing', { segment: 'Нет такого', template: 'Весна' });
    expect(bad.ok).toBe(false);
    expect(bad.errors.segment).toContain('Нет такого');
    const js = w.call('sendMailing', {
      segment: ALL,
      template: { subject: 'Акция', body: 'Текст', button: { text: 'Жми', url: 'javascript:alert(1)' } },
    });
    expect(js).toMatchObject({
      ok: false,
      errors: { button: 'ссылка кнопки должна начинаться с http:// или https:// (сейчас: javascript:alert(1))' },
    });
    const past = w.call('sendMailing', { segment: ALL, template: 'Весна', at: '2026-03-01T10:00' });
    expect(past.errors.at).toBe('Время отправки 2026-03-01T10:00 уже прошло.');
    expect(w.wb.outbox).toHaveLength(0);
  });

  it('sends a test letter to the user only, marked, and logs nothing for the client', () => {
    const logBefore = w.wb.values(LOG.ru).length;
    const t = w.call('testMailing', { segment: ALL, template: 'Весна' }, ids.kira);
    expect(t).toMatchObject({ ok: true, to: 'anna@clinic.test', subject: '[ТЕСТ] Кира, для постоянных — скидка' });
    expect(w.wb.outbox.map((m) => m.to)).toEqual(['anna@clinic.test']);
    expect(w.wb.values(LOG.ru).length).toBe(logBefore);
    expect(journalEmails(w)).toHaveLength(0);
    // Its footer link cannot unsubscribe the client.
    expect(outcomeOf(w.wb.webApp.get(linkIn(w.wb.outbox[0].body)).body)).toBe('invalid');
    expect(clientRow(w, ids.kira)['Отписался']).toBe('');
  });

  it('sends each recipient one letter of their variant with their own name, escaped, logged on their card', () => {
    const r = w.call('sendMailing', { segment: ALL, template: 'Весна' });
    expect(r).toMatchObject({ ok: true, queued: 4, sent: 4 });
    expect(r.mailingId).toMatch(/^M-20260316-1100-/);
    const letters = w.wb.outbox.filter((m) => !m.subject.startsWith('[ТЕСТ]'));
    expect(letters.map((m) => m.to).sort()).toEqual([
      'anna@mail.test',
      'boris@mail.test',
      'ivan@mail.test',
      'kira@mail.test',
    ]);
    const mail = (addr: string) => letters.find((m) => m.to === addr)!;
    expect(mail('anna@mail.test').subject).toBe('Анна, первый визит со скидкой');
    expect(mail('boris@mail.test').subject).toBe('Борис, весенние новости');
    expect(mail('kira@mail.test').subject).toBe('Кира, для постоянных — скидка');
    expect(mail('kira@mail.test').htmlBody).toContain('>Записаться</a>');
    // Markup and formula text in a name arrive as text.
    const ivan = mail('ivan@mail.test');
    expect(ivan.htmlBody).not.toMatch(/<img/i);
    expect(ivan.htmlBody).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(ivan.htmlBody).toContain('=HYPERLINK(&quot;http://evil.test&quot;;&quot;жми&quot;)');
    // Every marketing letter carries the unsubscribe link, in both bodies.
    for (const m of letters) {
      expect(linkIn(m.body)).toContain('/exec?u=C-');
      expect(m.htmlBody).toContain('Отписаться от рассылки</a>');
    }
    const journal = journalEmails(w);
    expect(journal.map((j) => j['ID клиента']).sort()).toEqual([ids.anna, ids.boris, ids.kira, ids.ivan].sort());
    expect(String(journal.find((j) => j['ID клиента'] === ids.kira)!['Что было'])).toBe(
      'Письмо (Рассылка «Весна» → все с согласием): Кира, для постоянных — скидка',
    );
    // The Sent log keeps the client's name as text, its formula text inert.
    const log = w.wb.values(LOG.ru);
    const nameCol = log[0].indexOf('Клиент');
    expect(log.slice(1).some((row) => String(row[nameCol]).includes('=HYPERLINK("http://evil.test"'))).toBe(true);
    expect(
      w.wb
        .formulas(LOG.ru)
        .flat()
        .every((f) => f === ''),
    ).toBe(true);
  });

  it('sends nothing twice: the same mailing again, or an overlapping segment with the same letter', () => {
    const before = w.wb.outbox.length;
    const again = w.call('sendMailing', { segment: ALL, template: 'Весна' });
    expect(again).toMatchObject({ ok: true, queued: 0, sent: 0 });
    expect(again.message).toContain('новых писем нет');
    const overlap = w.call('sendMailing', { segment: 'Постоянные', template: 'Весна' });
    expect(overlap).toMatchObject({ ok: true, queued: 0, sent: 0 });
    const preview = w.call('previewMailing', { segment: 'Постоянные', template: 'Весна' });
    expect(preview.excluded.map((e: any) => [e.id, e.reason])).toEqual([[ids.kira, 'alreadySent']]);
    until(w, '2026-03-16T15:00');
    expect(w.wb.outbox.length).toBe(before);
  });

  it('lists the mailings sent, with their counts', () => {
    const list = w.call('mailingsView').view.mailings;
    expect(list.map((m: any) => [m.template, m.segment, m.state, m.queued, m.sent])).toEqual([
      ['Весна', 'Постоянные', 'done', 0, 0],
      ['Весна', ALL, 'done', 0, 0],
      ['Весна', ALL, 'done', 4, 4],
    ]);
    expect(new Set(list.map((m: any) => m.mailingId)).size).toBe(3);
  });

  it('reaches only the segment asked for', () => {
    const r = w.call('sendMailing', {
      segment: 'Разовые',
      template: { subject: '{{Имя}}, мы скучаем', body: 'Здравствуйте, {{Имя}}!' },
    });
    expect(r).toMatchObject({ ok: true, queued: 1, sent: 1 });
    expect(w.wb.outbox.at(-1)).toMatchObject({ to: 'boris@mail.test', subject: 'Борис, мы скучаем' });
  });

  it('unsubscribes by a valid link once; forged and altered links change nothing', () => {
    const kiraLetter = w.wb.outbox.find((m) => m.to === 'kira@mail.test')!;
    const link = linkIn(kiraLetter.body);
    const journalBefore = w.wb.values(TAB.ru.journal).length;
    const forged = link.replace(`u=${ids.kira}`, `u=${ids.anna}`);
    expect(outcomeOf(w.wb.webApp.get(forged).body)).toBe('invalid');
    const altered = link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const page = w.wb.webApp.get(altered);
    expect(outcomeOf(page.body)).toBe('invalid');
    expect(page.body).toContain('Ссылка недействительна');
    expect(outcomeOf(w.wb.webApp.get(`${link.split('&t=')[0]}&t=20260316.${'A'.repeat(43)}`).body)).toBe('invalid');
    expect(clientRow(w, ids.anna)['Отписался']).toBe('');
    expect(clientRow(w, ids.kira)['Отписался']).toBe('');
    expect(w.wb.values(TAB.ru.journal).length).toBe(journalBefore);

    const done = w.wb.webApp.get(link);
    expect(done.status).toBe(200);
    expect(outcomeOf(done.body)).toBe('done');
    expect(done.body).toContain('Вы отписались от рассылки');
    expect(done.body).not.toContain(ids.kira);
    expect(clientRow(w, ids.kira)['Отписался']).toBeInstanceOf(Date);
    const journal = w.wb.values(TAB.ru.journal);
    expect(journal.length).toBe(journalBefore + 1);
    expect(journal.at(-1)).toContain('Отписался от рассылки по ссылке из письма');
    expect(outcomeOf(w.wb.webApp.get(link).body)).toBe('already');
    expect(w.wb.values(TAB.ru.journal).length).toBe(journalBefore + 1);
    const next = w.call('previewMailing', { segment: ALL, template: { subject: 'Новости', body: 'Текст' } });
    expect(next.excluded.find((e: any) => e.id === ids.kira).reason).toBe('unsubscribed');
  });

  it('refuses an expired link (over a year old) and changes nothing', () => {
    const link = linkIn(w.wb.outbox.find((m) => m.to === 'boris@mail.test')!.body);
    // The clock moves on without running the nightly triggers of 400 days.
    w.wb.clock.set(wallToInstant('2027-04-20T12:00', w.tz));
    expect(outcomeOf(w.wb.webApp.get(link).body)).toBe('invalid');
    expect(clientRow(w, ids.boris)['Отписался']).toBe('');
  });
});
