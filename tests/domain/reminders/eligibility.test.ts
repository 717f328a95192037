// Who may receive a letter: address, consent as a date, opt-out on or after the consent.
import { emailEligibility } from '../../../src/domain/reminders/eligibility';

const reading = { today: '2026-03-15', locale: 'ru_RU' };
const client = (email: string, emailConsentOn: string, unsubscribedOn: string) => ({
  email,
  emailConsentOn,
  unsubscribedOn,
});

describe('emailEligibility', () => {
  describe('the matrix of address, consent and opt-out', () => {
    it.each([
      // email, consent, unsubscribed → result
      ['anna@example.ru', '2025-01-10', '', { ok: true, email: 'anna@example.ru' }],
      [' Anna@Example.RU ', '2025-01-10', '', { ok: true, email: 'anna@example.ru' }],
      ['', '2025-01-10', '', { ok: false, reason: 'noEmail' }],
      ['   ', '', '', { ok: false, reason: 'noEmail' }],
      ['anna@', '2025-01-10', '', { ok: false, reason: 'invalidEmail' }],
      ['a@x.ru, b@y.ru', '2025-01-10', '', { ok: false, reason: 'invalidEmail' }],
      ['anna@example.ru', '', '', { ok: false, reason: 'noConsent' }],
      ['anna@example.ru', 'да', '', { ok: false, reason: 'noConsent' }],
      ['anna@example.ru', '2026-03-20', '', { ok: false, reason: 'noConsent' }],
      ['anna@example.ru', '2025-01-10', '2025-06-01', { ok: false, reason: 'unsubscribed' }],
      ['anna@example.ru', '2025-01-10', '2025-01-10', { ok: false, reason: 'unsubscribed' }],
      ['anna@example.ru', '2025-06-01', '2025-01-10', { ok: true, email: 'anna@example.ru' }],
      ['anna@example.ru', '', '2025-01-10', { ok: false, reason: 'unsubscribed' }],
      ['anna@example.ru', '2025-01-10', 'отписалась', { ok: false, reason: 'unsubscribed' }],
      ['anna@example.ru', '10.01.2025', '', { ok: true, email: 'anna@example.ru' }],
      ['', '', '2025-01-10', { ok: false, reason: 'noEmail' }],
    ])('email %j, consent %j, opted out %j → %j', (email, consent, unsubscribed, expected) => {
      expect(emailEligibility(client(email, consent, unsubscribed), reading)).toEqual(expected);
    });
  });

  it('counts consent given today', () => {
    expect(emailEligibility(client('a@b.ru', '2026-03-15', ''), reading).ok).toBe(true);
  });

  it('works on records without the consent columns at all (nobody consented)', () => {
    expect(emailEligibility({ email: 'a@b.ru' }, reading)).toEqual({ ok: false, reason: 'noConsent' });
  });
});
