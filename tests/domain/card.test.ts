// Card rules: what a new card gets, totals as stored, first-date backfill from the journal, facts, consent, IDs.
import {
  backfillFromJournal,
  cardFacts,
  derivedOf,
  derivedValues,
  displayPhone,
  newCardFields,
} from '../../src/domain/card';
import { mayEmail } from '../../src/domain/consent';
import { applyFact, EMPTY_DERIVED } from '../../src/domain/derived';
import { clientId, clientIdNumber, largestIdNumber } from '../../src/domain/ids';
import { defaultSettings } from '../../src/domain/settings';

const ru = defaultSettings('ru', 'ru_RU');

describe('a new card', () => {
  it('gets today, the first stage and zero totals, keeping what was entered', () => {
    expect(newCardFields(ru, { fullName: 'Анна' }, '2026-03-15')).toEqual({
      createdOn: '2026-03-15',
      stage: 'Новый лид',
      purchases: 0,
      totalSpent: 0,
      loyaltyPoints: 0,
    });
    expect(
      newCardFields(ru, { createdOn: '2025-01-10', stage: 'Визит', firstContactOn: '2025-01-12' }, '2026-03-15'),
    ).toEqual({
      purchases: 0,
      totalSpent: 0,
      loyaltyPoints: 0,
      visitOn: '2026-03-15',
    });
  });
});

describe('totals on the card', () => {
  it('read back what they wrote, frequency through its label in either language', () => {
    const d = applyFact(EMPTY_DERIVED, { at: '2026-03-01', kind: 'purchase', amount: 12500.5 }, ru);
    expect(derivedOf(derivedValues('ru', d))).toEqual(d);
    expect(derivedOf(derivedValues('en', d))).toEqual(d);
    expect(derivedValues('ru', d).frequency).toBe('Разовый');
  });
});

describe('backfill from the journal', () => {
  const first = { contact: '2026-01-10', purchase: '2026-02-01' };

  it('fills empty first dates and makes a buyer a client', () => {
    expect(backfillFromJournal(ru, { stage: 'Новый лид', firstContactOn: '', firstPurchaseOn: '' }, first, 2)).toEqual({
      firstContactOn: '2026-01-10',
      firstPurchaseOn: '2026-02-01',
      stage: 'Клиент',
    });
  });

  it('changes nothing already filled, nor the stage of someone who never bought', () => {
    expect(
      backfillFromJournal(
        ru,
        { stage: 'Клиент', firstContactOn: '2025-12-01', firstPurchaseOn: '2026-02-01' },
        first,
        1,
      ),
    ).toEqual({});
    expect(
      backfillFromJournal(
        ru,
        { stage: 'Визит', firstContactOn: '2026-01-10' },
        { contact: '2026-01-10', purchase: '' },
        0,
      ),
    ).toEqual({});
    expect(backfillFromJournal(ru, { stage: 'Новый лид' }, undefined, 0)).toEqual({});
  });

  it('moves a lost client who bought back to "client"', () => {
    expect(
      backfillFromJournal(
        ru,
        { stage: 'Отказ', firstContactOn: '2026-01-10', firstPurchaseOn: '2026-02-01' },
        first,
        1,
      ),
    ).toEqual({ stage: 'Клиент' });
  });
});

describe('consent to email', () => {
  it('needs an address and a consent date, and any unsubscribe date wins', () => {
    expect(mayEmail({ email: 'a@b.ru', emailConsentOn: '2026-03-01' })).toBe(true);
    expect(mayEmail({ email: '', emailConsentOn: '2026-03-01' })).toBe(false);
    expect(mayEmail({ email: 'a@b.ru', emailConsentOn: '' })).toBe(false);
    expect(mayEmail({ email: 'a@b.ru', emailConsentOn: '2026-03-01', unsubscribedOn: '2026-03-05' })).toBe(false);
    expect(mayEmail({ email: 'a@b.ru', emailConsentOn: '2026-03-10', unsubscribedOn: '2026-03-05' })).toBe(false);
    expect(mayEmail({ email: '  ', emailConsentOn: '2026-03-01' })).toBe(false);
  });
});

describe('card facts', () => {
  it('greets by name and patronymic, counts days to the birthday and since the last contact', () => {
    const facts = cardFacts(
      ru,
      {
        fullName: 'Петрова Анна Сергеевна',
        phone: '+79123456789',
        birthDate: '1990-03-20',
        lastContactOn: '2026-03-01',
        stage: 'Визит',
        email: 'a@b.ru',
        emailConsentOn: '2026-03-01',
      },
      '2026-03-15',
    );
    expect(facts).toEqual({
      salutation: 'Анна Сергеевна',
      phoneDisplay: '+7 912 345-67-89',
      birthdayInDays: 5,
      turnsAge: 36,
      daysSinceLastContact: 14,
      emailConsent: true,
      stageMilestone: 'visit',
    });
    expect(displayPhone('8 (912) абв', 'RU')).toBe('8 (912) абв');
  });
});

describe('client IDs', () => {
  it('are C- and six digits, numbered from the largest present', () => {
    expect(clientId(7)).toBe('C-000007');
    expect(clientId(1234567)).toBe('C-1234567');
    expect(clientIdNumber('C-000123')).toBe(123);
    expect(clientIdNumber('мусор')).toBe(0);
    expect(largestIdNumber(['C-000002', '', 'C-000010', 'x'])).toBe(10);
  });
});
