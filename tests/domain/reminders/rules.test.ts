// The reminder rules: which letters and digest lines a day brings, for birthdays, appointments, renewals, steps, gestures.
import {
  type ClientRecord,
  collectOccasions,
  gestureDate,
  gestureDueOn,
  type Occasion,
  occasionKey,
  parseOccasionKey,
} from '../../../src/domain/reminders/rules';
import { defaultReminderSettings, type ReminderSettings } from '../../../src/domain/reminders/settings';

const CONSENT = { email: 'anna@example.ru', emailConsentOn: '2024-01-10', unsubscribedOn: '' };

function client(row: number, values: Record<string, unknown>): ClientRecord {
  return { row, id: `C-${String(row).padStart(6, '0')}`, fullName: `Клиент ${row}`, ...CONSENT, ...values };
}

function collect(clients: ClientRecord[], today: string, patch: Partial<ReminderSettings> = {}, extra = {}) {
  return collectOccasions(clients, { today, locale: 'ru_RU', ...extra }, { ...defaultReminderSettings(), ...patch });
}

/** 'rule audience occasionDate' for each occasion: what a reader of the digest and the outbox would notice. */
function brief(list: Occasion[]): string[] {
  return list.map((o) => `${o.rule} ${o.audience} ${o.occasionDate}`);
}

describe('collectOccasions', () => {
  describe('birthdays', () => {
    it('greets the client on the day and lists the birthday in the digest with the age turned', () => {
      const { occasions } = collect([client(2, { birthDate: '1985-03-15' })], '2026-03-15');
      expect(brief(occasions)).toEqual(['birthday digest 2026-03-15', 'birthday client 2026-03-15']);
      expect(occasions[1]).toEqual({
        key: 'C-000002|birthday|2026-03-15',
        clientId: 'C-000002',
        row: 2,
        rule: 'birthday',
        occasionDate: '2026-03-15',
        audience: 'client',
        reason: { name: 'Клиент 2', inDays: 0, age: 41 },
        email: 'anna@example.ru',
        dueOn: '2026-03-15',
        lastOn: '2026-03-17',
      });
    });

    it('lists birthdays of the next N days in the digest only, and none beyond N', () => {
      const clients = [client(2, { birthDate: '1985-03-18' }), client(3, { birthDate: '1985-03-23' })];
      const { occasions } = collect(clients, '2026-03-15', { birthdayDaysAhead: 7 });
      expect(brief(occasions)).toEqual(['birthday digest 2026-03-18']);
      expect(occasions[0].reason.inDays).toBe(3);
      expect(brief(collect(clients, '2026-03-15', { birthdayDaysAhead: 8 }).occasions)).toHaveLength(2);
    });

    it('looks across the year end: on 29 December a 2 January birthday is 4 days ahead, next year', () => {
      const { occasions } = collect([client(2, { birthDate: '1990-01-02' })], '2026-12-29');
      expect(brief(occasions)).toEqual(['birthday digest 2027-01-02']);
      expect(occasions[0]).toMatchObject({ key: 'C-000002|birthday|2027-01-02', reason: { inDays: 4, age: 37 } });
    });

    it('still greets a 31 December birthday on 1 January (within the allowed delay), keyed by last year’s date', () => {
      const { occasions } = collect([client(2, { birthDate: '1990-12-31' })], '2027-01-01', {
        maxGreetingDelayDays: 2,
      });
      expect(brief(occasions)).toEqual(['birthday client 2026-12-31']);
      expect(occasions[0]).toMatchObject({
        dueOn: '2026-12-31',
        lastOn: '2027-01-02',
        reason: { inDays: -1, age: 36 },
      });
    });

    it('gives up on a greeting once it is more days late than allowed', () => {
      const clients = [client(2, { birthDate: '1990-03-12' })];
      expect(brief(collect(clients, '2026-03-14', { maxGreetingDelayDays: 2 }).occasions)).toEqual([
        'birthday client 2026-03-12',
      ]);
      expect(collect(clients, '2026-03-15', { maxGreetingDelayDays: 2 }).occasions).toEqual([]);
      expect(collect(clients, '2026-03-13', { maxGreetingDelayDays: 0 }).occasions).toEqual([]);
    });

    it('does not greet belatedly for days before reminders were switched on', () => {
      const clients = [client(2, { birthDate: '1990-03-14' })];
      expect(collect(clients, '2026-03-15', {}, { notBefore: '2026-03-15' }).occasions).toEqual([]);
      expect(brief(collect(clients, '2026-03-15', {}, { notBefore: '2026-03-14' }).occasions)).toHaveLength(1);
    });

    describe('on 29 February', () => {
      const leapling = [client(2, { birthDate: '1988-02-29' })];

      it('greets on 28 February in a common year by default, and not on 1 March', () => {
        expect(brief(collect(leapling, '2027-02-28').occasions)).toEqual([
          'birthday digest 2027-02-28',
          'birthday client 2027-02-28',
        ]);
        expect(brief(collect(leapling, '2027-03-01', { maxGreetingDelayDays: 0 }).occasions)).toEqual([]);
      });

      it('greets on 1 March in a common year when the setting says so, and not on 28 February', () => {
        expect(brief(collect(leapling, '2027-02-28', { feb29: 'mar1', birthdayDaysAhead: 0 }).occasions)).toEqual([]);
        expect(brief(collect(leapling, '2027-03-01', { feb29: 'mar1' }).occasions)).toEqual([
          'birthday digest 2027-03-01',
          'birthday client 2027-03-01',
        ]);
      });

      it('greets on 29 February itself in a leap year, whatever the setting', () => {
        for (const feb29 of ['feb28', 'mar1'] as const) {
          expect(brief(collect(leapling, '2028-02-28', { feb29, birthdayDaysAhead: 0 }).occasions)).toEqual([]);
          expect(brief(collect(leapling, '2028-02-29', { feb29 }).occasions)).toEqual([
            'birthday digest 2028-02-29',
            'birthday client 2028-02-29',
          ]);
        }
      });

      it('counts the days ahead to the observed day in the digest', () => {
        const { occasions } = collect(leapling, '2027-02-25');
        expect(occasions[0]).toMatchObject({ occasionDate: '2027-02-28', reason: { inDays: 3, age: 39 } });
      });
    });

    it('lists the birthday but writes no letter when the birthday rule is off for clients', () => {
      const { occasions } = collect([client(2, { birthDate: '1985-03-15' })], '2026-03-15', {
        clientRules: ['appointment'],
      });
      expect(brief(occasions)).toEqual(['birthday digest 2026-03-15']);
    });

    it('leaves out the age when the birth year is not known (typed without a year)', () => {
      const { occasions } = collect([client(2, { birthDate: '15.03' })], '2026-03-15');
      expect(occasions[0].reason).toEqual({ name: 'Клиент 2', inDays: 0 });
    });
  });

  describe('appointments', () => {
    it('reminds the client the day before and lists the visit with its time, work and doctor', () => {
      const c = client(5, {
        nextAppointmentOn: '2026-03-16T10:30',
        nextAppointmentWork: 'Чистка',
        responsible: 'Иванов',
      });
      const { occasions } = collect([c], '2026-03-15');
      expect(brief(occasions)).toEqual(['appointment digest 2026-03-16', 'appointment client 2026-03-16']);
      expect(occasions[1]).toMatchObject({
        key: 'C-000005|appointment|2026-03-16',
        dueOn: '2026-03-15',
        lastOn: '2026-03-15',
        reason: { inDays: 1, time: '10:30', work: 'Чистка', responsible: 'Иванов' },
      });
    });

    it.each([
      ['2026-01-31', '2026-02-01T09:00'],
      ['2026-02-28', '2026-03-01T09:00'],
      ['2028-02-28', '2028-02-29T09:00'],
      ['2026-12-31', '2027-01-01T09:00'],
    ])('on %s finds the appointment of %s (tomorrow across month and year ends)', (today, at) => {
      expect(brief(collect([client(2, { nextAppointmentOn: at })], today).occasions)).toEqual([
        `appointment digest ${at.slice(0, 10)}`,
        `appointment client ${at.slice(0, 10)}`,
      ]);
    });

    it('says nothing about appointments today or the day after tomorrow', () => {
      const clients = [
        client(2, { nextAppointmentOn: '2026-03-15T10:00' }),
        client(3, { nextAppointmentOn: '2026-03-17T10:00' }),
      ];
      expect(collect(clients, '2026-03-15').occasions).toEqual([]);
    });

    it('reads an appointment without a time, and one typed as text in the sheet’s order', () => {
      const { occasions } = collect(
        [client(2, { nextAppointmentOn: '2026-03-16' }), client(3, { nextAppointmentOn: '16.03.2026 18:00' })],
        '2026-03-15',
      );
      expect(occasions.filter((o) => o.audience === 'digest').map((o) => o.reason.time)).toEqual([undefined, '18:00']);
    });
  });

  describe('renewals', () => {
    it('offers renewal the day before the end by default, and lists the end in the digest', () => {
      const { occasions } = collect([client(2, { subscriptionEndsOn: '2026-03-16' })], '2026-03-15');
      expect(brief(occasions)).toEqual(['renewal digest 2026-03-16', 'renewal client 2026-03-16']);
      expect(occasions[1]).toMatchObject({ dueOn: '2026-03-15', lastOn: '2026-03-16', reason: { inDays: 1 } });
    });

    it('offers N days before when configured, not earlier', () => {
      const clients = [
        client(2, { subscriptionEndsOn: '2026-03-18' }),
        client(3, { subscriptionEndsOn: '2026-03-19' }),
      ];
      const { occasions } = collect(clients, '2026-03-15', { renewalOfferDaysBefore: 3 });
      expect(brief(occasions)).toEqual([
        'renewal digest 2026-03-18',
        'renewal client 2026-03-18',
        'renewal digest 2026-03-19',
      ]);
    });

    it('still offers on the end day itself (a late offer beats none), and nothing once it has ended', () => {
      expect(brief(collect([client(2, { subscriptionEndsOn: '2026-03-15' })], '2026-03-15').occasions)).toEqual([
        'renewal digest 2026-03-15',
        'renewal client 2026-03-15',
      ]);
      expect(collect([client(2, { subscriptionEndsOn: '2026-03-14' })], '2026-03-15').occasions).toEqual([]);
    });

    it('lists ends up to the days-ahead setting in the digest', () => {
      const clients = [
        client(2, { subscriptionEndsOn: '2026-03-29' }),
        client(3, { subscriptionEndsOn: '2026-03-30' }),
      ];
      expect(brief(collect(clients, '2026-03-15', { renewalDaysAhead: 14 }).occasions)).toEqual([
        'renewal digest 2026-03-29',
      ]);
    });

    it('works across the year end', () => {
      const { occasions } = collect([client(2, { subscriptionEndsOn: '2027-01-01' })], '2026-12-31');
      expect(brief(occasions)).toEqual(['renewal digest 2027-01-01', 'renewal client 2027-01-01']);
    });
  });

  describe('next steps', () => {
    it('lists steps due today and overdue ones with the days overdue and the person responsible', () => {
      const clients = [
        client(2, { nextStep: 'Перезвонить', nextStepOn: '2026-03-15', responsible: 'Петрова' }),
        client(3, { nextStep: 'Отправить счёт', nextStepOn: '2026-03-10', responsible: 'Иванов' }),
        client(4, { nextStep: 'Позже', nextStepOn: '2026-03-16' }),
        client(5, { nextStep: 'Без даты' }),
      ];
      const { occasions } = collect(clients, '2026-03-15');
      expect(occasions.map((o) => [o.rule, o.audience, o.row, o.reason])).toEqual([
        ['nextStep', 'digest', 2, { name: 'Клиент 2', inDays: 0, text: 'Перезвонить', responsible: 'Петрова' }],
        ['nextStep', 'digest', 3, { name: 'Клиент 3', inDays: -5, text: 'Отправить счёт', responsible: 'Иванов' }],
      ]);
    });
  });

  describe('planned gestures', () => {
    it('lists a birthday gesture ("подарок") from three days before the birthday through the day', () => {
      const c = (today: string) =>
        collect([client(2, { plannedGesture: 'Подарок — сертификат', birthDate: '1985-03-18' })], today, {
          birthdayDaysAhead: 0,
          clientRules: [],
        }).occasions;
      expect(brief(c('2026-03-14'))).toEqual([]);
      expect(brief(c('2026-03-15'))).toEqual(['gesture digest 2026-03-18']);
      expect(brief(c('2026-03-18'))).toEqual(['birthday digest 2026-03-18', 'gesture digest 2026-03-18']);
      expect(brief(c('2026-03-19'))).toEqual([]);
    });

    it('drops the gesture once the client was marked congratulated for this birthday', () => {
      const clients = [
        client(2, { plannedGesture: 'поздравить', birthDate: '1985-03-18', congratulatedOn: '2026-03-16' }),
      ];
      expect(collect(clients, '2026-03-17', { birthdayDaysAhead: 0 }).occasions).toEqual([]);
      const lastYear = [
        client(2, { plannedGesture: 'поздравить', birthDate: '1985-03-18', congratulatedOn: '2025-03-18' }),
      ];
      expect(brief(collect(lastYear, '2026-03-17', { birthdayDaysAhead: 0 }).occasions)).toEqual([
        'gesture digest 2026-03-18',
      ]);
    });

    it('lists a dated gesture from three days before its day until a week after', () => {
      const c = (today: string) => brief(collect([client(2, { plannedGesture: 'позвонить 20.03' })], today).occasions);
      expect(c('2026-03-16')).toEqual([]);
      expect(c('2026-03-17')).toEqual(['gesture digest 2026-03-20']);
      expect(c('2026-03-27')).toEqual(['gesture digest 2026-03-20']);
      expect(c('2026-03-28')).toEqual([]);
    });

    it('does not list an undated gesture that is not about a birthday (no day to remind of)', () => {
      expect(
        collect([client(2, { plannedGesture: 'позвонить', birthDate: '1985-03-16' })], '2026-03-15', {
          birthdayDaysAhead: 0,
        }).occasions,
      ).toEqual([]);
    });
  });

  describe('rows that cannot be read', () => {
    it('reports unreadable dates and emails with the row, and still applies the other rules to that row', () => {
      const c = client(7, { birthDate: '31.02.1990', email: 'anna@', nextStepOn: '2026-03-15', nextStep: 'Звонок' });
      const { occasions, problems } = collect([c], '2026-03-15');
      expect(problems).toEqual([
        {
          row: 7,
          clientId: 'C-000007',
          name: 'Клиент 7',
          field: 'birthDate',
          value: '31.02.1990',
          code: 'unreadableDate',
        },
        { row: 7, clientId: 'C-000007', name: 'Клиент 7', field: 'email', value: 'anna@', code: 'invalidEmail' },
      ]);
      expect(brief(occasions)).toEqual(['nextStep digest 2026-03-15']);
    });

    it('lists a row without an ID in the digest but writes it no letter (there is no exactly-once key)', () => {
      const { occasions, problems } = collect([client(9, { id: '', birthDate: '1985-03-15' })], '2026-03-15');
      expect(problems.map((p) => p.code)).toEqual(['missingId']);
      expect(occasions.map((o) => [o.audience, o.clientId])).toEqual([['digest', '#9']]);
    });

    it('writes to the first row of a repeated ID only, and reports the repeat', () => {
      const { occasions, problems } = collect(
        [client(2, { id: 'C-1', birthDate: '1985-03-15' }), client(3, { id: 'C-1', birthDate: '1985-03-15' })],
        '2026-03-15',
      );
      expect(problems).toMatchObject([{ row: 3, code: 'duplicateId', value: 'C-1' }]);
      expect(occasions.filter((o) => o.audience === 'client').map((o) => o.row)).toEqual([2]);
    });

    it('skips blank rows silently', () => {
      expect(collect([{ row: 4, id: '', fullName: '', email: '' }], '2026-03-15')).toEqual({
        occasions: [],
        excluded: [],
        problems: [],
      });
    });
  });

  describe('clients who may not be written to', () => {
    it('keeps them in the digest and returns their letter as excluded with the reason', () => {
      const clients = [
        client(2, { birthDate: '1985-03-15', emailConsentOn: '' }),
        client(3, { birthDate: '1985-03-15', unsubscribedOn: '2025-02-01' }),
        client(4, { birthDate: '1985-03-15', email: '' }),
      ];
      const { occasions, excluded } = collect(clients, '2026-03-15');
      expect(brief(occasions)).toEqual([
        'birthday digest 2026-03-15',
        'birthday digest 2026-03-15',
        'birthday digest 2026-03-15',
      ]);
      expect(excluded.map((e) => [e.occasion.row, e.reason])).toEqual([
        [2, 'noConsent'],
        [3, 'unsubscribed'],
        [4, 'noEmail'],
      ]);
    });
  });

  it('orders occasions by rule (appointment, renewal, birthday, next step, gesture), then by row', () => {
    const clients = [
      client(2, { birthDate: '1985-03-15', nextStepOn: '2026-03-01' }),
      client(3, { nextAppointmentOn: '2026-03-16T09:00', subscriptionEndsOn: '2026-03-16' }),
    ];
    expect(collect(clients, '2026-03-15', { clientRules: [] }).occasions.map((o) => `${o.rule}:${o.row}`)).toEqual([
      'appointment:3',
      'renewal:3',
      'birthday:2',
      'nextStep:2',
    ]);
  });
});

describe('occasion keys', () => {
  it('are client|rule|date and read back into their parts', () => {
    expect(occasionKey('C-000001', 'birthday', '2026-03-15')).toBe('C-000001|birthday|2026-03-15');
    expect(parseOccasionKey('C-000001|birthday|2026-03-15')).toEqual({
      clientId: 'C-000001',
      rule: 'birthday',
      occasionDate: '2026-03-15',
    });
    expect(parseOccasionKey('garbage')).toBeUndefined();
  });
});

describe('gestureDate', () => {
  const r = { today: '2026-12-30', locale: 'ru_RU' };
  it.each([
    ['подарок 05.01', '2027-01-05'],
    ['позвонить 20.12', '2026-12-20'],
    ['цветы 5 января', '2027-01-05'],
    ['визит 2026-06-01', '2026-06-01'],
    ['звонок 15.03.2025', '2025-03-15'],
    ['позвонить', ''],
    ['купить 2 шт', ''],
  ])('reads the day in %j as %j', (text, day) => {
    expect(gestureDate(text, r)).toBe(day);
  });

  it('reads English dates, month first in en_US', () => {
    expect(gestureDate('call March 20', { today: '2026-03-15', locale: 'en_US' })).toBe('2026-03-20');
    expect(gestureDate('gift 3/20', { today: '2026-03-15', locale: 'en_US' })).toBe('2026-03-20');
  });

  it('does not take 29 February of a common year for a day', () => {
    expect(gestureDueOn('подарок 29.02', [], '', { today: '2027-02-27', locale: 'ru_RU' })).toBe('');
  });
});
