// Letter templates: placeholders by key or header in both languages, dates as the sheet shows them, escaping, fallbacks.
import {
  defaultTemplates,
  type RenderContext,
  readTemplates,
  renderTemplate,
  templateRuleFromText,
  unknownPlaceholders,
} from '../../../src/domain/reminders/templates';

const ru: RenderContext = { lang: 'ru', dateFormat: 'dd.mm.yyyy', today: '2026-03-15', senderName: 'Клиника «Улыбка»' };
const en: RenderContext = {
  lang: 'en',
  dateFormat: 'm/d/yyyy',
  dateTimeFormat: 'm/d/yyyy h:mm AM/PM',
  today: '2026-03-15',
  senderName: 'Smile Dental',
};
const anna = {
  fullName: 'Петрова Анна Сергеевна',
  birthDate: '1985-03-15',
  nextAppointmentOn: '2026-03-16T10:30',
  nextAppointmentWork: 'Профессиональная чистка',
  subscriptionEndsOn: '2026-03-16',
};

describe('renderTemplate', () => {
  describe('the default Russian templates', () => {
    const t = defaultTemplates('ru');

    it('greet by first name and patronymic and sign with the sender', () => {
      const r = renderTemplate(t.birthday, anna, ru);
      expect(r.subject).toBe('Анна Сергеевна, с днём рождения!');
      expect(r.body.split('\n')[0]).toBe('Здравствуйте, Анна Сергеевна!');
      expect(r.body.endsWith('С теплом,\nКлиника «Улыбка»')).toBe(true);
      expect(r).toMatchObject({ missing: [], unknown: [] });
    });

    it('remind of the appointment with the date as the sheet shows it, the time and what is planned', () => {
      const r = renderTemplate(t.appointment, anna, ru);
      expect(r.subject).toBe('Напоминаем о записи на 16.03.2026');
      expect(r.body).toContain(
        'Напоминаем, что ждём вас завтра, 16.03.2026.\nВремя: 10:30\nЧто запланировано: Профессиональная чистка\n',
      );
    });

    it('leave out the lines whose value is missing, and report it', () => {
      const r = renderTemplate(t.appointment, { fullName: 'Анна', nextAppointmentOn: '2026-03-16' }, ru);
      expect(r.body).toContain('ждём вас завтра, 16.03.2026.\n\nЕсли планы изменились');
      expect(r.body).not.toContain('Время');
      expect(r.missing.sort()).toEqual(['appointmentTime', 'nextAppointmentWork']);
    });

    it('offer renewal with the end date', () => {
      const r = renderTemplate(t.renewal, anna, ru);
      expect(r.subject).toBe('Анна Сергеевна, ваш абонемент действует до 16.03.2026');
      expect(r.body).toContain('Ваш абонемент действует до 16.03.2026.');
    });

    it('fall back to "Здравствуйте!" without a name, drop the name from the subject and report it', () => {
      const r = renderTemplate(t.birthday, { fullName: 'ООО «Ромашка»' }, ru);
      expect(r.subject).toBe('С днём рождения!');
      expect(r.body.split('\n')[0]).toBe('Здравствуйте!');
      expect(r.missing).toEqual(['name']);
    });

    it('sign as "Ваша команда" when no sender name is set, and report it', () => {
      const r = renderTemplate(t.birthday, anna, { ...ru, senderName: '' });
      expect(r.body.endsWith('С теплом,\nВаша команда')).toBe(true);
      expect(r.missing).toEqual(['sender']);
    });
  });

  describe('the default English templates', () => {
    const t = defaultTemplates('en');
    const john = { fullName: 'John Smith', nextAppointmentOn: '2026-03-16T14:05', subscriptionEndsOn: '2026-03-16' };

    it('greet by first name with dates and times as an en_US sheet shows them', () => {
      expect(renderTemplate(t.birthday, john, en).subject).toBe('Happy birthday, John!');
      const r = renderTemplate(t.appointment, john, en);
      expect(r.subject).toBe('A reminder of your appointment on 3/16/2026');
      expect(r.body).toContain(
        'Dear John,\n\nJust a reminder that we are expecting you tomorrow, 3/16/2026.\nTime: 2:05 PM\n',
      );
      expect(renderTemplate(t.renewal, john, en).subject).toBe('Your subscription runs until 3/16/2026');
    });

    it('fall back to "Hello," without a name', () => {
      const r = renderTemplate(t.birthday, { fullName: '' }, { ...en, senderName: '' });
      expect(r.subject).toBe('Happy birthday!');
      expect(r.body.split('\n')[0]).toBe('Hello,');
      expect(r.body.endsWith('Your team')).toBe(true);
    });
  });

  describe('placeholders', () => {
    const t = (body: string) => ({ subject: 's', body });

    it.each([
      ['{{birthDate}}', '15.03.1985'],
      ['{{Дата рождения}}', '15.03.1985'],
      ['{{Birth date}}', '15.03.1985'],
      ['{{ ДАТА   рождения }}', '15.03.1985'],
      ['{{ДР}}', '15.03.1985'],
      ['{{Следующая запись}}', '16.03.2026 10:30'],
      ['{{Next appointment}}', '16.03.2026 10:30'],
      ['{{Дата приёма}}', '16.03.2026'],
      ['{{Appointment date}}', '16.03.2026'],
      ['{{Имя}}', 'Анна Сергеевна'],
      ['{{First name}}', 'Анна Сергеевна'],
      ['{{name}}', 'Анна Сергеевна'],
      ['{{fullName}}', 'Петрова Анна Сергеевна'],
      ['{{ФИО}}', 'Петрова Анна Сергеевна'],
      ['{{Возраст}}', '41'],
      ['{{Дата}}', '15.03.2026'],
      ['{{Отправитель}}', 'Клиника «Улыбка»'],
    ])('fills %s with %j', (placeholder, value) => {
      expect(renderTemplate(t(placeholder), anna, ru).body).toBe(value);
    });

    it('accepts a header renamed in this sheet', () => {
      const ctx = { ...ru, headers: { nextAppointmentOn: 'Дата следующего визита' } };
      expect(renderTemplate(t('{{Дата следующего визита}}'), anna, ctx).body).toBe('16.03.2026 10:30');
    });

    it('formats dates with the format the sheet uses, month names included', () => {
      expect(renderTemplate(t('{{birthDate}}'), anna, { ...ru, dateFormat: 'd mmmm yyyy' }).body).toBe('15 марта 1985');
      expect(renderTemplate(t('{{birthDate}}'), anna, { ...en, dateFormat: 'mm/dd/yyyy' }).body).toBe('03/15/1985');
    });

    it('formats amounts with the language’s separators', () => {
      expect(renderTemplate(t('{{totalSpent}}'), { totalSpent: 12500.5 }, ru).body).toBe('12\u00a0500,5');
      expect(renderTemplate(t('{{Total spent}}'), { totalSpent: 12500.5 }, en).body).toBe('12,500.5');
    });

    it('takes the age of the occasion when given (a greeting a day late still says the age turned)', () => {
      expect(renderTemplate(t('{{Age}}'), anna, { ...ru, today: '2026-03-14', age: 41 }).body).toBe('41');
      expect(renderTemplate(t('{{Age}}'), anna, { ...ru, today: '2026-03-14' }).body).toBe('40');
    });

    it('reports a missing value by its field key and an unknown placeholder by its name', () => {
      const r = renderTemplate(t('Дата: {{Дата рождения}}\n{{Фамилия}} {{company}}'), { fullName: 'Анна' }, ru);
      expect(r.missing).toEqual(['birthDate', 'company']);
      expect(r.unknown).toEqual(['Фамилия']);
      expect(r.body).toBe('');
    });

    it('uses a fallback written in the placeholder, and still reports the missing value', () => {
      const r = renderTemplate(t('Дорогой {{Имя|друг}}!'), { fullName: '' }, ru);
      expect(r.body).toBe('Дорогой друг!');
      expect(r.missing).toEqual(['name']);
    });

    it('fills further placeholders the caller names, and reports an empty one', () => {
      const ctx = { ...ru, extra: { Ссылка: 'https://clinic.example/book', Скидка: '' } };
      const r = renderTemplate(t('Запись: {{ссылка}}\nСкидка: {{Скидка}}'), anna, ctx);
      expect(r.body).toBe('Запись: https://clinic.example/book');
      expect(r.missing).toEqual(['Скидка']);
      expect(unknownPlaceholders({ subject: '{{Ссылка}}', body: '{{Купон}}' }, ctx)).toEqual(['Купон']);
    });

    it('tidies the commas an empty value leaves behind', () => {
      const r = renderTemplate(
        { subject: '{{Имя}}, ждём вас', body: 'Спасибо, {{Имя}}, что вы с нами.\nЖдём вас, {{Имя}}!' },
        {},
        ru,
      );
      expect(r.subject).toBe('Ждём вас');
      expect(r.body).toBe('Спасибо, что вы с нами.\nЖдём вас!');
    });
  });

  describe('escaping', () => {
    const markup = {
      fullName: 'Анна <script>alert(1)</script>',
      nextAppointmentWork: '=HYPERLINK("http://evil.example","жми") & <b>bold</b>',
      notes: 'O\'Brien "quoted"',
    };
    const tpl = { subject: 'Запись: {{Что на записи}}', body: '{{ФИО}}\n{{Что на записи}}\n{{notes}}' };

    it('escapes every value in the HTML body, so markup and formulas arrive as text', () => {
      const r = renderTemplate(tpl, markup, ru);
      expect(r.htmlBody).not.toMatch(/<script|<b>|<a /);
      expect(r.htmlBody).toContain('Анна &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(r.htmlBody).toContain(
        '=HYPERLINK(&quot;http://evil.example&quot;,&quot;жми&quot;) &amp; &lt;b&gt;bold&lt;/b&gt;',
      );
      expect(r.htmlBody).toContain('O&#39;Brien &quot;quoted&quot;');
    });

    it('keeps the plain body exactly as typed', () => {
      expect(renderTemplate(tpl, markup, ru).body).toBe(
        'Анна <script>alert(1)</script>\n=HYPERLINK("http://evil.example","жми") & <b>bold</b>\nO\'Brien "quoted"',
      );
    });

    it('escapes the template text itself too and keeps paragraphs and line breaks', () => {
      const r = renderTemplate({ subject: 's', body: 'a < b\nc\n\nd' }, {}, ru);
      expect(r.htmlBody).toContain('<p style="margin:0 0 1em">a &lt; b<br>c</p><p style="margin:0 0 1em">d</p>');
    });
  });

  describe('the subject', () => {
    it('loses line breaks from the template and from values', () => {
      const r = renderTemplate(
        { subject: 'Запись\nна {{Что на записи}}', body: '' },
        { nextAppointmentWork: 'Чистка\r\nи осмотр' },
        ru,
      );
      expect(r.subject).toBe('Запись на Чистка и осмотр');
    });

    it('is cut to 250 characters', () => {
      const r = renderTemplate({ subject: '{{notes}}', body: '' }, { notes: 'x'.repeat(400) }, ru);
      expect(r.subject).toHaveLength(250);
    });
  });
});

describe('unknownPlaceholders', () => {
  it('lists names that are neither keys, headers, aliases nor special names', () => {
    expect(
      unknownPlaceholders({ subject: '{{Имя}} {{Фамилия}}', body: '{{birthDate}} {{foo}} {{Фамилия}}' }, {}),
    ).toEqual(['Фамилия', 'foo']);
  });
});

describe('readTemplates', () => {
  it('takes each rule’s template from the Templates tab by its label in either language', () => {
    const { templates, problems } = readTemplates(
      [
        { row: 2, rule: 'День рождения', subject: 'С праздником, {{Имя}}!', body: 'Текст' },
        { row: 3, rule: 'Appointment reminder', subject: 'Завтра', body: 'Ждём' },
      ],
      'ru',
    );
    expect(templates.birthday).toEqual({ subject: 'С праздником, {{Имя}}!', body: 'Текст' });
    expect(templates.appointment).toEqual({ subject: 'Завтра', body: 'Ждём' });
    expect(templates.renewal).toEqual(defaultTemplates('ru').renewal);
    expect(problems).toEqual([]);
  });

  it('keeps the default for an empty template and reports unknown rules, repeats and placeholders by row', () => {
    const { templates, problems } = readTemplates(
      [
        { row: 2, rule: 'Birthday', subject: '', body: 'x' },
        { row: 3, rule: 'Holiday', subject: 'a', body: 'b' },
        { row: 4, rule: 'Renewal offer', subject: 'Hi {{Surname}}', body: 'b' },
        { row: 5, rule: 'renewal', subject: 'again', body: 'b' },
        { row: 6, rule: '', subject: '', body: '' },
      ],
      'en',
    );
    expect(templates.birthday).toEqual(defaultTemplates('en').birthday);
    expect(templates.renewal.subject).toBe('Hi {{Surname}}');
    expect(problems.map((p) => [p.row, p.code, p.value])).toEqual([
      [2, 'template.empty', 'Birthday'],
      [3, 'template.unknownRule', 'Holiday'],
      [4, 'template.unknownPlaceholder', 'Surname'],
      [5, 'template.duplicateRule', 'renewal'],
    ]);
    expect(problems[1].message).toBe(
      'Templates, row 3: unknown rule "Holiday" — use Birthday, Appointment reminder, Renewal offer, Morning digest',
    );
    expect(problems[2].message).toBe(
      'Templates, row 4: unknown placeholder {{Surname}} — it will be empty in the letter',
    );
  });

  it('knows the rule labels in both languages', () => {
    expect(templateRuleFromText('Утренняя сводка')).toBe('digest');
    expect(templateRuleFromText('напоминание о записи')).toBe('appointment');
    expect(templateRuleFromText('Morning digest')).toBe('digest');
    expect(templateRuleFromText('что-то')).toBeUndefined();
  });
});
