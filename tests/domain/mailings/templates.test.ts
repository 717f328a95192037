// Marketing templates: per-segment variants, call-to-action buttons (http/https only), escaped client values and the
// unsubscribe footer every marketing letter carries.
import {
  chooseVariant,
  isHttpUrl,
  type MailingTemplate,
  readButton,
  readMailingTemplates,
  renderMarketing,
} from '../../../src/domain/mailings';
import type { RenderContext } from '../../../src/domain/reminders';

const ctx: RenderContext = { lang: 'ru', dateFormat: 'dd.mm.yyyy', today: '2026-03-16', senderName: 'Клиника' };

describe('button links', () => {
  it.each(['https://clinic.ru/book', 'http://clinic.ru', 'https://clinic.ru/a?b=1&c=2#x'])('accepts %s', (url) => {
    expect(isHttpUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'ftp://clinic.ru',
    'clinic.ru',
    'https://',
    'https://clinic.ru/"><script>',
    'data:text/html,hi',
    ' https://a b.ru',
  ])('refuses %s', (url) => {
    expect(isHttpUrl(url)).toBe(false);
  });

  it('explains a refused button in the sheet language', () => {
    expect(readButton('Записаться', 'javascript:alert(1)', 'ru')).toEqual({
      ok: false,
      error: 'ссылка кнопки должна начинаться с http:// или https:// (сейчас: javascript:alert(1))',
    });
    expect(readButton('Book', '', 'en')).toEqual({ ok: false, error: 'the button "Book" has no link' });
    expect(readButton('', '', 'en')).toEqual({ ok: true });
  });
});

describe('the Templates tab rows', () => {
  const rows = [
    { row: 2, rule: 'День рождения', subject: 'x', body: 'y' },
    { row: 6, rule: 'Весенняя акция', segment: '', subject: 'Весна', body: 'Скидка {{Имя}}' },
    {
      row: 7,
      rule: 'Весенняя акция',
      segment: 'Постоянные',
      subject: 'Для своих',
      body: 'Спасибо',
      buttonText: 'Записаться',
      buttonUrl: 'https://clinic.ru/book',
    },
    { row: 8, rule: 'Плохая кнопка', subject: 'a', body: 'b', buttonText: 'Жми', buttonUrl: 'javascript:x' },
  ];

  it('reads marketing templates (not the rules), keeps the holiday defaults and leaves out a bad button row', () => {
    const { templates, problems } = readMailingTemplates(rows, 'ru');
    expect(templates.map((t) => [t.name, t.segment])).toEqual([
      ['Новый год', ''],
      ['23 февраля', ''],
      ['8 марта', ''],
      ['Весенняя акция', ''],
      ['Весенняя акция', 'Постоянные'],
    ]);
    expect(templates[4].button).toEqual({ text: 'Записаться', url: 'https://clinic.ru/book' });
    expect(problems).toEqual([
      {
        row: 8,
        name: 'Плохая кнопка',
        message:
          'Шаблон в строке 8 не используется: ссылка кнопки должна начинаться с http:// или https:// (сейчас: javascript:x)',
      },
    ]);
  });

  it('chooses the variant of a segment the client is in, else the plain one', () => {
    const variants: MailingTemplate[] = [
      { name: 'A', segment: '', subject: 'plain', body: 'b' },
      { name: 'A', segment: 'Постоянные', subject: 'regular', body: 'b' },
      { name: 'A', segment: 'Потенциальные', subject: 'potential', body: 'b' },
    ];
    expect(chooseVariant(variants, (s) => s === 'Постоянные')?.subject).toBe('regular');
    expect(chooseVariant(variants, (s) => s === 'Потенциальные')?.subject).toBe('potential');
    expect(chooseVariant(variants, () => false)?.subject).toBe('plain');
    expect(chooseVariant(variants.slice(1), () => false, 'Потенциальные')?.subject).toBe('potential');
  });
});

describe('a marketing letter', () => {
  const client = { fullName: '<b>Анна</b> "=HYPERLINK(\\"http://x\\")" Петрова', email: 'a@b.ru' };
  const link = 'https://script.google.com/macros/s/X/exec?u=C-000001&t=20260316.abc';

  it('escapes client values and carries the button and the unsubscribe footer', () => {
    const letter = renderMarketing(
      {
        subject: '{{Имя}}, весна!',
        body: 'Здравствуйте, {{ФИО}}!',
        button: { text: 'Записаться <сейчас>', url: 'https://clinic.ru/book?a=1&b=2' },
      },
      client,
      ctx,
      link,
    );
    expect(letter.htmlBody).not.toContain('<b>');
    expect(letter.htmlBody).toContain('&lt;b&gt;Анна&lt;/b&gt;');
    expect(letter.htmlBody).toContain('&quot;=HYPERLINK(');
    expect(letter.htmlBody).toContain('href="https://clinic.ru/book?a=1&amp;b=2"');
    expect(letter.htmlBody).toContain('Записаться &lt;сейчас&gt;');
    expect(letter.htmlBody).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
    expect(letter.htmlBody).toContain('Отписаться от рассылки');
    expect(letter.body).toContain(`Отписаться от рассылки: ${link}`);
    expect(letter.body).toContain('Записаться <сейчас>: https://clinic.ru/book?a=1&b=2');
  });

  it('says to reply when the unsubscribe web app is not deployed', () => {
    const letter = renderMarketing({ subject: 's', body: 'b' }, client, { ...ctx, lang: 'en' }, '');
    expect(letter.body).toContain('To stop these emails, reply to this one.');
    expect(letter.htmlBody).toContain('To stop these emails, reply to this one.');
  });
});
