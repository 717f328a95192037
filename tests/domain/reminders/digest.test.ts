// The morning digest: sections a team reads over coffee, links to rows, escaped client text, the fullness warning.
import { buildDigest, type DigestInput, rowLink, sheetUsage } from '../../../src/domain/reminders/digest';
import type { ClientOccasion, ClientRecord } from '../../../src/domain/reminders/rules';
import { collectOccasions } from '../../../src/domain/reminders/rules';
import { defaultReminderSettings } from '../../../src/domain/reminders/settings';
import { defaultTemplates } from '../../../src/domain/reminders/templates';

const today = '2026-03-15';
const URL = 'https://docs.google.com/spreadsheets/d/abc123/edit';
const consent = { email: 'x@example.ru', emailConsentOn: '2024-01-01' };
const clients: ClientRecord[] = [
  { row: 2, id: 'C-000001', fullName: 'Петрова Анна Сергеевна', birthDate: '1985-03-15', ...consent },
  { row: 3, id: 'C-000002', fullName: 'Иванов Пётр', birthDate: '1990-03-18' },
  {
    row: 4,
    id: 'C-000003',
    fullName: 'Сидорова Мария',
    nextAppointmentOn: '2026-03-16T10:30',
    nextAppointmentWork: 'Чистка',
    responsible: 'д-р Котов',
    ...consent,
  },
  { row: 5, id: 'C-000004', fullName: 'Орлов Илья', nextAppointmentOn: '2026-03-16T09:00' },
  { row: 6, id: 'C-000005', fullName: 'Кузнецова Ольга', subscriptionEndsOn: '2026-03-20' },
  {
    row: 7,
    id: 'C-000006',
    fullName: 'Смирнов Олег',
    nextStep: 'Перезвонить',
    nextStepOn: '2026-03-10',
    responsible: 'Белова',
  },
  {
    row: 8,
    id: 'C-000007',
    fullName: 'Волкова Ирина',
    nextStep: 'Счёт',
    nextStepOn: '2026-03-15',
    responsible: 'Абрамов',
  },
  { row: 9, id: 'C-000008', fullName: 'Зайцев Антон', nextStep: 'Узнать про отзыв', nextStepOn: '2026-03-14' },
  {
    row: 10,
    id: 'C-000009',
    fullName: 'Морозова Ева',
    nextStep: 'Напомнить',
    nextStepOn: '2026-03-12',
    responsible: 'Белова',
  },
  { row: 11, id: 'C-000010', fullName: 'Лебедев Юрий', birthDate: '31.02.1990' },
];
const settings = { ...defaultReminderSettings(), recipients: ['team@clinic.ru'] };
const collected = collectOccasions(clients, { today, locale: 'ru_RU' }, settings);

function digest(over: Partial<DigestInput> = {}) {
  return buildDigest({
    lang: 'ru',
    today,
    dateFormat: 'dd.mm.yyyy',
    occasions: collected.occasions,
    birthdayDaysAhead: settings.birthdayDaysAhead,
    problems: collected.problems,
    template: defaultTemplates('ru').digest,
    spreadsheetUrl: URL,
    clientsGid: 0,
    ...over,
  });
}

/** The plain body's section with this title, as its lines. */
function section(body: string, title: string): string[] {
  const part = body.split('\n\n').find((p) => p.startsWith(title.toUpperCase()));
  return part ? part.split('\n').slice(1) : [];
}

describe('buildDigest', () => {
  describe('in Russian', () => {
    const d = digest();

    it('has the template’s subject with today’s date and opens with its greeting', () => {
      expect(d.subject).toBe('Картотека: план на 15.03.2026');
      expect(d.body.startsWith('Доброе утро! Вот что сегодня в базе клиентов.')).toBe(true);
    });

    it('lists today’s birthdays with the age and the next days’ with date and how soon', () => {
      expect(section(d.body, 'Дни рождения сегодня')).toEqual(['• Петрова Анна Сергеевна, 41 год']);
      expect(section(d.body, 'Дни рождения в ближайшие 7 дней')).toEqual([
        '• 18.03.2026 (через 3 дня): Иванов Пётр, 36 лет',
      ]);
    });

    it('lists tomorrow’s appointments by time with the work and the doctor', () => {
      expect(section(d.body, 'Завтра записаны')).toEqual([
        '• 09:00 Орлов Илья',
        '• 10:30 Сидорова Мария — Чистка (д-р Котов)',
      ]);
    });

    it('lists subscriptions ending soon', () => {
      expect(section(d.body, 'Заканчиваются абонементы и договоры')).toEqual([
        '• 20.03.2026 (через 5 дней): Кузнецова Ольга',
      ]);
    });

    it('groups next steps by the person responsible, most overdue first, the unassigned last', () => {
      expect(section(d.body, 'Следующие шаги на сегодня и просроченные')).toEqual([
        'Абрамов:',
        '• 15.03.2026: Волкова Ирина — Счёт',
        'Белова:',
        '• 10.03.2026 (просрочено на 5 дней): Смирнов Олег — Перезвонить',
        '• 12.03.2026 (просрочено на 3 дня): Морозова Ева — Напомнить',
        'Без ответственного:',
        '• 14.03.2026 (просрочено на 1 день): Зайцев Антон — Узнать про отзыв',
      ]);
    });

    it('lists unreadable rows with their row numbers and what is wrong', () => {
      expect(section(d.body, 'Строки, которые не удалось прочитать')).toEqual([
        '• строка 11: Лебедев Юрий — Дата рождения: не читается дата «31.02.1990»',
      ]);
    });

    it('links every client name to its row in the Clients tab', () => {
      expect(d.htmlBody).toContain(`<a href="${URL}#gid=0&amp;range=A2">Петрова Анна Сергеевна</a>`);
      expect(d.htmlBody).toContain(`<a href="${URL}#gid=0&amp;range=A11">Лебедев Юрий</a>`);
    });
  });

  it('says what went to clients, what waits, what failed, who was left out and what was dropped', () => {
    const sent = collected.occasions
      .filter((o): o is ClientOccasion => o.audience === 'client')
      .map((o) => ({
        key: o.key,
        clientId: o.clientId,
        rule: o.rule,
        occasionDate: o.occasionDate,
        facts: o.reason,
        row: o.row,
      }));
    const d = digest({
      sent,
      waiting: 4,
      failed: 1,
      excluded: 2,
      dropped: [
        {
          key: 'C-000009|birthday|2026-03-12',
          clientId: 'C-000009',
          rule: 'birthday',
          occasionDate: '2026-03-12',
          reason: 'tooLate',
          facts: { name: 'Морозова Ева', inDays: -3 },
          row: 10,
        },
      ],
    });
    expect(section(d.body, 'Письма клиентам')).toEqual([
      'Отправлено сегодня: 2 письма',
      'Ждут следующего запуска (не хватило квоты писем): 4',
      'Не удалось отправить, повторим при следующем запуске: 1',
      'Не получат письмо (нет согласия, отписались или нет адреса): 2',
      '• Сидорова Мария — напоминание о записи',
      '• Петрова Анна Сергеевна — поздравление с днём рождения',
      'Не отправлены:',
      '• Морозова Ева — поздравление с днём рождения 12.03.2026: не ушло вовремя, отправлять поздно',
    ]);
  });

  it('says how late a birthday greeting went', () => {
    const late = {
      key: 'C-1|birthday|2026-03-13',
      clientId: 'C-1',
      rule: 'birthday',
      occasionDate: '2026-03-13',
      facts: { name: 'Анна', inDays: -2 },
      row: 2,
    };
    expect(section(digest({ sent: [late] }).body, 'Письма клиентам')).toContain(
      '• Анна — поздравление с днём рождения (с опозданием на 2 дня)',
    );
  });

  it('reports sends that started but were not confirmed, with what to do', () => {
    const d = digest({
      stalePending: [
        {
          key: 'C-000001|birthday|2026-03-15',
          clientId: 'C-000001',
          rule: 'birthday',
          occasionDate: today,
          updatedAt: '2026-03-15T09:02',
          facts: { name: 'Петрова Анна Сергеевна', inDays: 0 },
          row: 2,
        },
      ],
    });
    const lines = section(d.body, 'Письма без подтверждения отправки');
    expect(lines[0]).toMatch(/Проверьте папку «Отправленные»/);
    expect(lines[1]).toBe(
      '• Петрова Анна Сергеевна — поздравление с днём рождения на 15.03.2026, отправка начата 2026-03-15 09:02',
    );
  });

  describe('how full the spreadsheet is', () => {
    it('tells the cells used without a warning below 70%', () => {
      const d = digest({ cellsUsed: 6_999_999 });
      expect(section(d.body, 'Заполненность таблицы')).toEqual([
        'Использовано 6\u00a0999\u00a0999 из 10\u00a0000\u00a0000 ячеек (69,9%).',
      ]);
      expect(d.htmlBody).not.toContain('#c5221f');
    });

    it('warns from 70% and says what to do', () => {
      const d = digest({ cellsUsed: 7_000_000, lang: 'en', template: defaultTemplates('en').digest });
      expect(section(d.body, 'How full the spreadsheet is')).toEqual([
        '7,000,000 of 10,000,000 cells used (70%).',
        expect.stringMatching(
          /^Google stops a spreadsheet at 10 million cells .* Move old journal rows to an archive copy/,
        ),
      ]);
      expect(d.htmlBody).toContain('color:#c5221f');
    });

    it('computes the share of Google’s 10 million cell limit', () => {
      expect(sheetUsage(2_500_000)).toEqual({ used: 2_500_000, limit: 10_000_000, percent: 25, warn: false });
      expect(sheetUsage(9_999_999).warn).toBe(true);
    });
  });

  it('escapes client text in the HTML and keeps it as typed in the plain text', () => {
    const evil: ClientRecord[] = [
      {
        row: 2,
        id: 'C-1',
        fullName: '<img src=x onerror=alert(1)>',
        nextStepOn: today,
        nextStep: '=HYPERLINK("http://x","y")',
      },
    ];
    const d = digest({ occasions: collectOccasions(evil, { today }, settings).occasions, problems: [] });
    expect(d.htmlBody).not.toMatch(/<img/);
    expect(d.htmlBody).toContain(
      '&lt;img src=x onerror=alert(1)&gt;</a> — =HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)',
    );
    expect(d.body).toContain('<img src=x onerror=alert(1)> — =HYPERLINK("http://x","y")');
  });

  it('says there is nothing urgent on a quiet day and still reports the fullness', () => {
    const d = digest({ occasions: [], problems: [], cellsUsed: 1000 });
    expect(d.body).toBe(
      'Доброе утро! Вот что сегодня в базе клиентов.\n\nСегодня ничего срочного.\n\nЗАПОЛНЕННОСТЬ ТАБЛИЦЫ\nИспользовано 1\u00a0000 из 10\u00a0000\u00a0000 ячеек (0%).',
    );
  });

  it('shows 50 lines of a long list and counts the rest', () => {
    const many: ClientRecord[] = Array.from({ length: 60 }, (_, i) => ({
      row: i + 2,
      id: `C-${i}`,
      fullName: `Клиент ${i}`,
      nextStepOn: '2026-03-01',
    }));
    const d = digest({ occasions: collectOccasions(many, { today }, settings).occasions, problems: [] });
    const lines = section(d.body, 'Следующие шаги на сегодня и просроченные');
    expect(lines).toHaveLength(1 + 50 + 1);
    expect(lines[51]).toBe('…и ещё 10');
    expect(d.htmlBody).toContain('<li>…и ещё 10</li>');
  });

  it('writes in English for an English sheet, with dates as that sheet shows them', () => {
    const en: ClientRecord[] = [
      { row: 2, id: 'C-1', fullName: 'John Smith', birthDate: '1990-03-17' },
      { row: 3, id: 'C-2', fullName: 'Mary Jones', nextStepOn: '2026-03-13', nextStep: 'Call back' },
    ];
    const d = digest({
      lang: 'en',
      dateFormat: 'm/d/yyyy',
      template: defaultTemplates('en').digest,
      occasions: collectOccasions(en, { today, locale: 'en_US' }, settings).occasions,
      problems: [],
    });
    expect(d.subject).toBe('Kartoteka: your day, 3/15/2026');
    expect(section(d.body, 'Birthdays in the next 7 days')).toEqual(['• 3/17/2026 (in 2 days): John Smith, turns 36']);
    expect(section(d.body, 'Next steps due today and overdue')).toEqual([
      'No one assigned:',
      '• 3/13/2026 (overdue by 2 days): Mary Jones — Call back',
    ]);
  });

  it('builds row links from the spreadsheet URL, dropping any fragment it had', () => {
    expect(rowLink(`${URL}#gid=5`, 123, 42)).toBe(`${URL}#gid=123&range=A42`);
  });

  it('leaves names unlinked when no spreadsheet URL is given', () => {
    expect(digest({ spreadsheetUrl: undefined }).htmlBody).not.toContain('<a ');
  });
});
