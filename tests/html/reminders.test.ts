// The Reminders sidebar's form values and sentences: only what changed is sent, and each letter says why it goes.
import { patchOf, valuesOf } from '../../html/reminders/form';
import { missingLabel, why } from '../../html/reminders/texts';
import { defaultReminderSettings } from '../../src/domain/reminders';
import type { PreviewLetter } from '../../src/shared/reminders';

describe('the settings form', () => {
  const saved = { ...defaultReminderSettings(), recipients: ['team@clinic.test'] };

  it('shows saved settings as field values and sends nothing when nothing changed', () => {
    const v = valuesOf(saved);
    expect(v).toMatchObject({
      hour: '9',
      recipients: 'team@clinic.test',
      birthdayDaysAhead: '7',
      rule_birthday: 'yes',
    });
    expect(patchOf(saved, v)).toEqual({});
  });

  it('sends only the changed fields, numbers as numbers and anything else as typed for the server to check', () => {
    const v = {
      ...valuesOf(saved),
      hour: '8',
      renewalDaysAhead: 'ten',
      rule_renewal: '',
      recipients: 'a@b.ru\nc@d.ru',
    };
    expect(patchOf(saved, v)).toEqual({
      hour: 8,
      renewalDaysAhead: 'ten',
      clientRules: ['appointment', 'birthday'],
      recipients: 'a@b.ru\nc@d.ru',
    });
  });
});

describe('why a letter goes today', () => {
  const letter = (over: Partial<PreviewLetter>): PreviewLetter => ({
    key: 'k',
    clientId: 'C-000001',
    name: 'Анна',
    row: 2,
    rule: 'birthday',
    to: 'a@b.ru',
    date: '15.03.2026',
    inDays: 0,
    status: 'send',
    subject: '',
    body: '',
    missing: [],
    ...over,
  });

  it('names the occasion and its date in the sheet’s language', () => {
    expect(why('ru', letter({ age: 36 }))).toBe('день рождения 15.03.2026, 36 лет');
    expect(why('ru', letter({ age: 41 }))).toBe('день рождения 15.03.2026, 41 год');
    expect(why('en', letter({ age: 41 }))).toBe('birthday 15.03.2026, turns 41');
    expect(why('ru', letter({ inDays: -1 }))).toBe('день рождения был 15.03.2026, поздравление с опозданием');
    expect(why('en', letter({ rule: 'appointment', date: '03/16/2026', time: '10:30' }))).toBe(
      'appointment tomorrow, 03/16/2026 at 10:30',
    );
    expect(why('en', letter({ rule: 'renewal', date: '03/16/2026' }))).toBe('subscription ends 03/16/2026');
  });
});

describe('placeholders without a value', () => {
  it('are named as people know them: the signature setting, a column header, what a placeholder stands for', () => {
    expect(missingLabel('ru', 'sender')).toBe('Подпись и имя отправителя');
    expect(missingLabel('ru', 'nextAppointmentWork')).toBe('Что на записи');
    expect(missingLabel('en', 'name')).toBe('first name');
  });
});
