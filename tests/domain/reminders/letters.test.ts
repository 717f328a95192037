// A client letter from its occasion: the same text for the preview and the send, and its journal line.
import { composeLetter, journalSummary } from '../../../src/domain/reminders/letters';
import { clientOccasions, collectOccasions } from '../../../src/domain/reminders/rules';
import { defaultReminderSettings } from '../../../src/domain/reminders/settings';
import { defaultTemplates } from '../../../src/domain/reminders/templates';

const anna = {
  row: 2,
  id: 'C-000001',
  fullName: 'Петрова Анна Сергеевна',
  email: 'Anna@Example.ru',
  emailConsentOn: '2024-01-01',
  birthDate: '1985-03-13',
};

describe('composeLetter', () => {
  it('fills the rule’s template for the client, addressed to the normalised email', () => {
    const [greeting] = clientOccasions(
      collectOccasions([anna], { today: '2026-03-15' }, defaultReminderSettings()).occasions,
    );
    const letter = composeLetter(
      greeting,
      anna,
      { ...defaultTemplates('ru'), birthday: { subject: '{{Имя}}, вам {{Возраст}}!', body: 'Поздравляем!' } },
      { lang: 'ru', dateFormat: 'dd.mm.yyyy', today: '2026-03-15' },
    );
    expect(letter).toMatchObject({
      key: 'C-000001|birthday|2026-03-13',
      to: 'anna@example.ru',
      row: 2,
      rule: 'birthday',
      subject: 'Анна Сергеевна, вам 41!',
      body: 'Поздравляем!',
      missing: [],
    });
  });
});

describe('journalSummary', () => {
  it('says what kind of letter went and its subject, in the sheet’s language', () => {
    expect(journalSummary({ rule: 'appointment', subject: 'Напоминаем о записи на 16.03.2026' }, 'ru')).toBe(
      'Письмо (напоминание о записи): «Напоминаем о записи на 16.03.2026»',
    );
    expect(journalSummary({ rule: 'renewal', subject: 'Your subscription runs until 3/16/2026' }, 'en')).toBe(
      'Email (renewal offer): "Your subscription runs until 3/16/2026"',
    );
  });
});
