// Reminder settings: defaults, a strict patch (unknown keys and bad values are errors, nothing changes), a lenient read.
import {
  DEFAULT_REMINDER_SETTINGS,
  defaultReminderSettings,
  digestQuotaNeed,
  patchReminderSettings,
  readStoredReminderSettings,
  validateReminderSettings,
} from '../../../src/domain/reminders/settings';

function frozen<T>(v: T): T {
  return JSON.parse(JSON.stringify(v), (_k, x) => (x && typeof x === 'object' ? Object.freeze(x) : x));
}

describe('reminder settings', () => {
  describe('the defaults', () => {
    it('are off, at 9:00, with birthday, appointment and renewal letters, 29 Feb on 28 Feb, offer a day before', () => {
      expect(defaultReminderSettings()).toEqual({
        enabled: false,
        hour: 9,
        recipients: [],
        birthdayDaysAhead: 7,
        renewalDaysAhead: 14,
        clientRules: ['birthday', 'appointment', 'renewal'],
        feb29: 'feb28',
        renewalOfferDaysBefore: 1,
        maxGreetingDelayDays: 2,
        digestQuotaReserve: 1,
        senderName: '',
      });
    });

    it('come as a fresh copy each time, so changing one never changes the defaults', () => {
      const a = defaultReminderSettings();
      a.recipients.push('x@example.com');
      a.clientRules.pop();
      expect(defaultReminderSettings().recipients).toEqual([]);
      expect(DEFAULT_REMINDER_SETTINGS.clientRules).toHaveLength(3);
    });
  });

  describe('patchReminderSettings', () => {
    const current = frozen({ ...defaultReminderSettings(), recipients: ['boss@clinic.ru'] });

    it('applies a partial object and leaves the other settings as they were', () => {
      const result = patchReminderSettings(current, { hour: 8, feb29: 'mar1' }, 'ru');
      expect(result).toEqual({ ok: true, value: { ...current, hour: 8, feb29: 'mar1' } });
    });

    it('reads the recipients from a list or a text, normalised, repeats dropped', () => {
      const result = patchReminderSettings(
        current,
        { recipients: ' Anna@Clinic.RU; boss@clinic.ru,\nanna@clinic.ru ' },
        'en',
      );
      expect(result.ok && result.value.recipients).toEqual(['anna@clinic.ru', 'boss@clinic.ru']);
      const list = patchReminderSettings(current, { recipients: ['mailto:Doc@Clinic.ru', ''] }, 'en');
      expect(list.ok && list.value.recipients).toEqual(['doc@clinic.ru']);
    });

    it('takes whole numbers typed as text, and keeps client rules in their own order without repeats', () => {
      const result = patchReminderSettings(
        current,
        { hour: '7', clientRules: ['renewal', 'birthday', 'renewal'] },
        'ru',
      );
      expect(result.ok && result.value.hour).toBe(7);
      expect(result.ok && result.value.clientRules).toEqual(['birthday', 'renewal']);
    });

    it('refuses unknown keys with a localized error naming each, and changes nothing', () => {
      const result = patchReminderSettings(current, { hour: 8, hours: 9, colour: 'red' }, 'ru');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors.map((e) => [e.key, e.code])).toEqual([
        ['hours', 'settings.unknownKey'],
        ['colour', 'settings.unknownKey'],
      ]);
      expect(result.errors[0].message).toBe('Неизвестная настройка «hours» — проверьте название');
      expect(current.hour).toBe(9);
    });

    it.each([
      ['hour', 24, 'Hour of the morning run: a whole number from 0 to 23'],
      ['hour', 8.5, 'Hour of the morning run: a whole number from 0 to 23'],
      ['birthdayDaysAhead', -1, 'Birthdays: days ahead: a whole number from 0 to 60'],
      ['renewalOfferDaysBefore', 'завтра', 'Renewal offer: days before the end: a whole number from 0 to 60'],
      ['maxGreetingDelayDays', 30, 'A greeting may still go at most this many days late: a whole number from 0 to 14'],
      ['digestQuotaReserve', 0, 'Mail quota kept for the digest: a whole number from 1 to 50'],
      ['enabled', 'yes', 'Reminders on: must be on or off (true or false)'],
      ['feb29', 'feb29', 'A 29 February birthday in a common year: choose 28 February (feb28) or 1 March (mar1)'],
      [
        'clientRules',
        ['birthday', 'holiday'],
        'Letters to clients: unknown rule "holiday" — use birthday, appointment, renewal',
      ],
      ['clientRules', 'birthday', 'Letters to clients: must be a list'],
      [
        'recipients',
        'boss@clinic.ru, not an address',
        'Digest recipients: "not an address" does not look like an email address — e.g. anna@example.com',
      ],
      ['senderName', 'x'.repeat(101), 'Signature and sender name: 100 characters at most'],
    ])('refuses %s = %j with the message "%s"', (key, value, message) => {
      const result = patchReminderSettings(current, { [key]: value }, 'en');
      expect(result).toEqual({ ok: false, errors: [{ key, code: expect.any(String), message }] });
    });

    it('reports every bad value at once, in Russian too', () => {
      const result = patchReminderSettings(current, { hour: -1, recipients: ['нет'] }, 'ru');
      expect(!result.ok && result.errors.map((e) => e.message)).toEqual([
        'Час утренней рассылки: нужно целое число от 0 до 23',
        'Получатели сводки: «нет» не похоже на адрес почты — пример: anna@example.ru',
      ]);
    });

    it('refuses to switch on with nobody to write to', () => {
      const none = patchReminderSettings(defaultReminderSettings(), { enabled: true, clientRules: [] }, 'en');
      expect(!none.ok && none.errors[0].code).toBe('settings.nothingToSend');
      const digestOnly = patchReminderSettings(
        defaultReminderSettings(),
        { enabled: true, clientRules: [], recipients: 'a@b.ru' },
        'en',
      );
      expect(digestOnly.ok).toBe(true);
    });

    it('refuses anything that is not an object', () => {
      for (const patch of [null, 'hour=8', [1, 2], 5]) {
        const result = patchReminderSettings(current, patch, 'en');
        expect(!result.ok && result.errors[0].code).toBe('settings.notObject');
      }
    });

    it('tidies the sender name (spaces and control characters)', () => {
      const result = patchReminderSettings(current, { senderName: '  Клиника\n«Улыбка»\u0007 ' }, 'ru');
      expect(result.ok && result.value.senderName).toBe('Клиника «Улыбка»');
    });
  });

  describe('validateReminderSettings', () => {
    it('checks a whole object as strictly as a patch, filling what is absent from the defaults', () => {
      expect(validateReminderSettings({ hour: 10 }, 'en')).toEqual({
        ok: true,
        value: { ...defaultReminderSettings(), hour: 10 },
      });
      expect(validateReminderSettings({ hour: 10, extra: 1 }, 'en').ok).toBe(false);
    });
  });

  describe('readStoredReminderSettings', () => {
    it('keeps the good values, falls back to defaults for bad or unknown ones and reports them', () => {
      const { settings, problems } = readStoredReminderSettings(
        { hour: 30, recipients: ['a@b.ru'], legacy: true },
        'en',
      );
      expect(settings).toEqual({ ...defaultReminderSettings(), recipients: ['a@b.ru'] });
      expect(problems.map((p) => p.key)).toEqual(['hour', 'legacy']);
    });

    it('gives the defaults for nothing stored, and a problem for a stored non-object', () => {
      expect(readStoredReminderSettings(undefined, 'ru')).toEqual({
        settings: defaultReminderSettings(),
        problems: [],
      });
      expect(readStoredReminderSettings('garbage', 'ru').problems).toHaveLength(1);
    });
  });

  describe('digestQuotaNeed', () => {
    it('keeps at least one quota unit per digest recipient, and none without recipients', () => {
      const s = defaultReminderSettings();
      expect(digestQuotaNeed(s)).toBe(0);
      expect(digestQuotaNeed({ ...s, recipients: ['a@b.ru'] })).toBe(1);
      expect(digestQuotaNeed({ ...s, recipients: ['a@b.ru', 'c@d.ru', 'e@f.ru'] })).toBe(3);
      expect(digestQuotaNeed({ ...s, recipients: ['a@b.ru'], digestQuotaReserve: 5 })).toBe(5);
    });
  });
});
