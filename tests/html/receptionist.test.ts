// What a receptionist notices in the sidebars: dates that cannot be in the future, a purchase without an amount, the
// server's verdicts kept beside their fields, birthdays, "congratulated" only near one, and a next step that is due.
import { birthdayLine, birthdayNear, congratulatedFor, stepDue, stepDueText } from '../../html/kit/card';
import { NEW_CLIENT_LAYOUT, specsOf } from '../../html/kit/client-fields';
import { checkForm, dateExample, verdictErrors } from '../../html/kit/validate';
import { cardFacts, nextBirthday } from '../../src/domain/card';
import { defaultSettings } from '../../src/domain/settings';
import type { ClientCard } from '../../src/shared/api';

const ru = { lang: 'ru' as const, locale: 'ru_RU', timeZone: 'Europe/Moscow', today: '2026-03-15', phoneRegion: 'RU' };
const en = {
  lang: 'en' as const,
  locale: 'en_US',
  timeZone: 'America/New_York',
  today: '2026-03-15',
  phoneRegion: 'US',
};
const specs = (lang: 'ru' | 'en') => specsOf(NEW_CLIENT_LAYOUT, { lang, headers: {} });
const blank = Object.fromEntries(specs('ru').map((s) => [s.key, '']));

describe('the birth date in the new-client form', () => {
  it('refuses a future birth date with a plausible birth date as the example', () => {
    const { errors } = checkForm(specs('ru'), { ...blank, fullName: 'Анна Петрова', birthDate: '15.03.2030' }, ru);
    expect(errors.birthDate).toBe('Дата рождения: эта дата ещё не наступила — пример: 15.03.1985');
    const us = checkForm(specs('en'), { ...blank, fullName: 'Anna Lee', birthDate: '03/15/2030' }, en);
    expect(us.errors.birthDate).toBe('Birth date: this date has not come yet — e.g. 03/15/1985');
  });

  it('takes today as a birth date (a newborn) and any day before', () => {
    for (const birthDate of ['15.03.2026', '14.03.2026', '01.01.1950']) {
      const { errors, values } = checkForm(specs('ru'), { ...blank, fullName: 'Анна Петрова', birthDate }, ru);
      expect(errors).toEqual({});
      expect(values.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("gives a birth-date example in the sheet's own pattern, and today for other dates", () => {
    expect(dateExample('birthDate', ru)).toBe('15.03.1985');
    expect(dateExample('birthDate', en)).toBe('03/15/1985');
    expect(dateExample('nextAppointmentOn', ru)).toBe('15.03.2026');
    const typed = (c: typeof ru | typeof en, birthDate: string) =>
      checkForm(specs(c.lang), { ...blank, fullName: 'Anna Lee', birthDate }, c).errors.birthDate;
    expect(typed(ru, 'вчера')).toBe('Дата рождения: не похоже на дату — пример: 15.03.1985');
    expect(typed(en, 'soon')).toBe('Birth date: this does not look like a date — e.g. 03/15/1985');
    expect(
      checkForm(specs('ru'), { ...blank, fullName: 'Анна Петрова', birthDate: '31.02.1985' }, ru).errors.birthDate,
    ).toMatch(/^Дата рождения: такого дня нет в календаре/);
  });
});

describe('a purchase in the log-contact form', () => {
  const amount = (positive: boolean) => [{ key: 'amount', kind: 'amount' as const, label: 'Сумма', positive }];
  it('asks for an amount above zero', () => {
    expect(checkForm(amount(true), { amount: '' }, ru).errors.amount).toBe(
      'Сумма: для покупки укажите сумму больше нуля — например: 1 500',
    );
    expect(checkForm(amount(true), { amount: '0' }, ru).errors.amount).toMatch(/больше нуля/);
    expect(checkForm(amount(true), { amount: '1 500' }, ru)).toEqual({ values: { amount: 1500 }, errors: {} });
  });

  it('lets another contact go without one', () => {
    expect(checkForm(amount(false), { amount: '' }, ru)).toEqual({ values: {}, errors: {} });
  });
});

describe("the server's verdicts beside their fields", () => {
  const verdicts = { phone: { value: '8 (912) 345-67-89', message: 'Phone: this looks like a number from Russia' } };
  it('apply while the field holds the very text the server refused', () => {
    expect(verdictErrors(verdicts, { phone: ' 8 (912) 345-67-89 ' })).toEqual({
      phone: 'Phone: this looks like a number from Russia',
    });
  });
  it('no longer apply once the text changed', () => {
    expect(verdictErrors(verdicts, { phone: '+7 (912) 345-67-89' })).toEqual({});
  });
});

function card(client: Partial<ClientCard['client']>, today = '2026-03-15'): ClientCard {
  const settings = defaultSettings('ru', 'ru_RU');
  return {
    client: { lastContactOn: '', congratulatedOn: '', ...client } as ClientCard['client'],
    facts: cardFacts(settings, client as Record<string, string>, today) as ClientCard['facts'],
    journal: [],
    currency: 'RUB',
  };
}

describe('birthdays on the card', () => {
  const style = { ...ru };
  it('a birth date of today is not a birthday: the first one is in a year', () => {
    expect(nextBirthday('2026-03-15', '2026-03-15')).toEqual({ inDays: 365, age: 1 });
    expect(birthdayLine(card({ birthDate: '2026-03-15' }), 'ru', style)).toBe(
      'День рождения через 365 дней (15.03.2027), исполнится 1',
    );
  });

  it('a birthday today says the age turned', () => {
    expect(birthdayLine(card({ birthDate: '1990-03-15' }), 'en', style)).toBe('Birthday today, turns 36');
  });

  it('a birth date in the future is called out, never "turns -4"', () => {
    expect(nextBirthday('2030-03-20', '2026-03-15')).toBeNull();
    expect(birthdayLine(card({ birthDate: '2030-03-20' }), 'ru', style)).toBe(
      'Дата рождения 20.03.2030 ещё не наступила — проверьте её',
    );
    expect(birthdayLine(card({ birthDate: '2030-03-20' }), 'en', { ...en })).toBe(
      'The birth date 03/20/2030 is in the future — please check it',
    );
  });
});

describe('"Congratulated today" on the card', () => {
  it('is offered from three days before a birthday to three days after', () => {
    expect(birthdayNear('1990-03-18', '2026-03-15')).toBe('2026-03-18');
    expect(birthdayNear('1990-03-12', '2026-03-15')).toBe('2026-03-12');
    expect(birthdayNear('1990-03-15', '2026-03-15')).toBe('2026-03-15');
    expect(birthdayNear('1990-03-19', '2026-03-15')).toBeNull();
    expect(birthdayNear('1990-03-11', '2026-03-15')).toBeNull();
    // 196 days before the birthday: not offered.
    expect(birthdayNear('1990-09-27', '2026-03-15')).toBeNull();
    // Around New Year the window crosses the year.
    expect(birthdayNear('1990-01-01', '2025-12-30')).toBe('2026-01-01');
    expect(birthdayNear('1990-12-31', '2026-01-02')).toBe('2025-12-31');
  });

  it('is never offered without a birthday: no birth date, born today or later', () => {
    expect(birthdayNear('', '2026-03-15')).toBeNull();
    expect(birthdayNear('2026-03-15', '2026-03-15')).toBeNull();
    expect(birthdayNear('2026-03-13', '2026-03-15')).toBeNull();
  });

  it("counts a congratulation marked for this birthday, not last year's", () => {
    expect(congratulatedFor('2026-03-18', '2026-03-15')).toBe('2026-03-15');
    expect(congratulatedFor('2026-03-18', '2025-03-18')).toBe('');
    expect(congratulatedFor('2026-03-18', '')).toBe('');
  });
});

describe('the next step on the card', () => {
  it('is due today, overdue by some days, or not yet due', () => {
    expect(stepDue('2026-03-15', '2026-03-15')).toEqual({ state: 'today', late: 0 });
    expect(stepDue('2026-03-12', '2026-03-15')).toEqual({ state: 'overdue', late: 3 });
    expect(stepDue('2026-03-16', '2026-03-15')).toBeNull();
    expect(stepDue('', '2026-03-15')).toBeNull();
  });

  it("says so in the sheet's language", () => {
    expect(stepDueText({ state: 'today', late: 0 }, 'ru')).toBe('сегодня');
    expect(stepDueText({ state: 'overdue', late: 3 }, 'ru')).toBe('просрочен на 3 дня');
    expect(stepDueText({ state: 'overdue', late: 1 }, 'en')).toBe('1 day overdue');
  });
});
