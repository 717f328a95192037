// The Holidays tab: days read as people write them, defaults per language, the day's holidays, and the audience.
import {
  defaultHolidays,
  holidayKey,
  holidaysOn,
  mailingKey,
  parseMarketingKey,
  planAudience,
  readHolidays,
  readMonthDay,
} from '../../../src/domain/mailings';

describe('holiday days', () => {
  it.each([
    ['08.03', 'ru', '03-08'],
    ['8.3', 'ru', '03-08'],
    ['8 марта', 'ru', '03-08'],
    ['23 февраля', 'ru', '02-23'],
    ['2026-03-08', 'ru', '03-08'],
    ['03/08', 'en', '03-08'],
    ['March 8', 'en', '03-08'],
    ['Dec 25th', 'en', '12-25'],
  ] as const)('%s (%s)', (text, lang, md) => {
    expect(readMonthDay(text, lang)).toBe(md);
  });

  it('refuses days that do not exist', () => {
    expect(readMonthDay('31.02', 'ru')).toBeUndefined();
    expect(readMonthDay('скоро', 'ru')).toBeUndefined();
  });

  it('seeds New Year, 23 February and 8 March in Russian sheets, New Year in English ones', () => {
    expect(defaultHolidays('ru').map((h) => h.template)).toEqual(['Новый год', '23 февраля', '8 марта']);
    expect(defaultHolidays('en').map((h) => h.template)).toEqual(['New Year']);
  });

  it('reads active rows, reports unreadable ones, and finds the day (29 February on the 28th)', () => {
    const { holidays, problems } = readHolidays(
      [
        { row: 2, date: '08.03', segment: 'все с согласием', template: '8 марта', active: 'да' },
        { row: 3, date: '29.02', segment: 'Постоянные', template: 'Високосный', active: true },
        { row: 4, date: 'весной', segment: '', template: 'x', active: 'да' },
        { row: 5, date: '01.01', segment: '', template: 'Новый год', active: 'нет' },
      ],
      'ru',
    );
    expect(holidays.map((h) => [h.monthDay, h.segment, h.template])).toEqual([
      ['03-08', '', '8 марта'],
      ['02-29', 'Постоянные', 'Високосный'],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'Праздники, строка 4: дата «весной» не читается — напишите день и месяц, например 08.03.',
    ]);
    expect(holidaysOn(holidays, '2026-03-08').map((h) => h.template)).toEqual(['8 марта']);
    expect(holidaysOn(holidays, '2027-02-28').map((h) => h.template)).toEqual(['Високосный']);
    expect(holidaysOn(holidays, '2028-02-28')).toEqual([]);
  });
});

describe('keys and the audience', () => {
  it('leaves out a client the 30-day cap would hold for more than a week, and holds one it frees sooner', () => {
    const base = {
      members: [
        { id: 'C-1', fullName: 'Анна', email: 'a@x.ru', emailConsentOn: '2026-01-10' },
        { id: 'C-2', fullName: 'Борис', email: 'b@x.ru', emailConsentOn: '2026-01-10' },
      ],
      log: new Map(),
      keyOf: (id: string) => `mail:h:${id}`,
      at: '2026-03-16T11:00',
      window: { days: [1, 2, 3, 4, 5], from: 10, to: 19 },
      caps: { per7: 2, per30: 3 },
      reading: { today: '2026-03-16' },
      lang: 'ru' as const,
    };
    const { recipients, excluded } = planAudience({
      ...base,
      history: new Map([
        // Three letters in 30 days, the oldest on 5 March: free on 4 April, 19 days away.
        ['C-1', ['2026-03-05T10:00', '2026-03-06T10:00', '2026-03-07T10:00']],
        // Three, the oldest on 15 February: free on 17 March at 10:00.
        ['C-2', ['2026-02-15T10:00', '2026-03-01T10:00', '2026-03-02T10:00']],
      ]),
    });
    expect(excluded).toEqual([
      {
        id: 'C-1',
        name: 'Анна',
        reason: 'cap',
        reasonText: 'превышен лимит писем — ближайшее окно дальше недели',
      },
    ]);
    expect(recipients).toEqual([{ id: 'C-2', email: 'b@x.ru', name: 'Борис', slot: '2026-03-17T10:00' }]);
  });

  it('keys a letter per content and client, a greeting per holiday, year and client', () => {
    expect(parseMarketingKey(mailingKey('0abc123', 'C-000001'))).toEqual({
      kind: 'mail',
      hash: '0abc123',
      clientId: 'C-000001',
    });
    expect(parseMarketingKey(holidayKey('03-08', '2026', 'C-000001'))).toEqual({
      kind: 'holiday',
      monthDay: '03-08',
      year: '2026',
      clientId: 'C-000001',
    });
    expect(parseMarketingKey('C-000001|birthday|2026-03-08')).toBeUndefined();
  });

  it('sorts members into recipients and the excluded with the reason, each once', () => {
    const consent = '2026-01-10';
    const { recipients, excluded } = planAudience({
      members: [
        { id: 'C-1', fullName: 'Анна', email: 'a@x.ru', emailConsentOn: consent },
        { id: 'C-1', fullName: 'Анна', email: 'a@x.ru', emailConsentOn: consent },
        { id: 'C-2', fullName: 'Борис', email: 'b@x.ru' },
        { id: 'C-3', fullName: 'Вера', email: 'v@x.ru', emailConsentOn: consent, unsubscribedOn: '2026-02-01' },
        { id: 'C-4', fullName: 'Глеб', email: '', emailConsentOn: consent },
        { id: 'C-5', fullName: 'Дина', email: 'd@x.ru', emailConsentOn: consent },
        { id: 'C-6', fullName: 'Ева', email: 'e@x.ru', emailConsentOn: consent },
      ],
      log: new Map([
        [
          'mail:h:C-5',
          { key: 'mail:h:C-5', state: 'sent', attempts: 1, firstDueOn: '2026-03-10', updatedAt: '2026-03-10T10:00' },
        ],
      ]),
      history: new Map([['C-6', ['2026-03-12T10:00', '2026-03-13T10:00']]]),
      keyOf: (id) => `mail:h:${id}`,
      at: '2026-03-16T11:00',
      window: { days: [1, 2, 3, 4, 5], from: 10, to: 19 },
      caps: { per7: 2, per30: 6 },
      reading: { today: '2026-03-16' },
      lang: 'en',
    });
    expect(recipients).toEqual([
      { id: 'C-1', email: 'a@x.ru', name: 'Анна', slot: '2026-03-16T11:00' },
      { id: 'C-6', email: 'e@x.ru', name: 'Ева', slot: '2026-03-19T10:00' },
    ]);
    expect(excluded.map((e) => [e.id, e.reason, e.reasonText])).toEqual([
      ['C-2', 'noConsent', 'no consent to emails'],
      ['C-3', 'unsubscribed', 'unsubscribed'],
      ['C-4', 'noEmail', 'no email'],
      ['C-5', 'alreadySent', 'this letter was already sent or is waiting to go'],
    ]);
  });
});
