// Small sidebar rules: when to ask about duplicates, list navigation, the card's sentences, the template attributes.
import { birthdayLine, lastContactLine, newestFirst } from '../../html/kit/card';
import { identityQuery, reasonText } from '../../html/kit/duplicates';
import { viewOfFailure } from '../../html/kit/failure';
import { readPage } from '../../html/kit/page';
import { moveActive, searchable } from '../../html/kit/search';
import type { ClientCard, JournalEntry } from '../../src/shared/api';

const ru = { lang: 'ru' as const, locale: 'ru_RU', timeZone: 'Europe/Moscow', today: '2026-03-15', phoneRegion: 'RU' };

describe('duplicate check while typing', () => {
  it('asks only about what could match: a plausible phone, a valid email, two words of a name', () => {
    expect(identityQuery({ fullName: 'Анна', phone: '912', email: 'anna@' }, ru)).toBeNull();
    expect(identityQuery({ fullName: 'Анна  Петрова', phone: '', email: '' }, ru)).toEqual({
      fullName: 'Анна Петрова',
    });
    expect(identityQuery({ fullName: 'А', phone: '8 912 345-67-89', email: 'Anna@Mail.ru' }, ru)).toEqual({
      phone: '8 912 345-67-89',
      email: 'anna@mail.ru',
    });
  });

  it('says why a client looks the same', () => {
    expect(reasonText('ru', ['phone', 'name'])).toBe('тот же телефон, похожее имя');
    expect(reasonText('en', ['email'])).toBe('same email');
  });
});

describe('client search list', () => {
  it('moves the highlight with arrows and wraps around', () => {
    expect(moveActive(-1, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(0, 3, 'ArrowDown')).toBe(1);
    expect(moveActive(2, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(0, 3, 'ArrowUp')).toBe(2);
    expect(moveActive(-1, 3, 'ArrowUp')).toBe(2);
    expect(moveActive(0, 0, 'ArrowDown')).toBe(-1);
  });

  it('searches from two characters on', () => {
    expect(searchable(' a ')).toBe('');
    expect(searchable(' 91 ')).toBe('91');
  });
});

function entry(row: number, at: string, type: string): JournalEntry {
  const base = {
    clientId: 'C-000001',
    clientName: 'Анна',
    kind: '' as const,
    summary: '',
    item: '',
    amount: '' as const,
  };
  return { ...base, row, at, type, source: '', by: '', nextStep: '', nextStepOn: '' };
}

function card(facts: Partial<ClientCard['facts']>, client: Partial<ClientCard['client']> = {}): ClientCard {
  return {
    client: { lastContactOn: '', ...client } as ClientCard['client'],
    facts: {
      salutation: '',
      phoneDisplay: '',
      birthdayInDays: null,
      turnsAge: null,
      daysSinceLastContact: null,
      emailConsent: false,
      stageMilestone: '',
      ...facts,
    },
    journal: [],
    currency: 'RUB',
  };
}

describe('client card', () => {
  it('lists the journal newest first, later rows first within the same moment', () => {
    const list = [
      entry(2, '2026-03-01T10:00', 'a'),
      entry(3, '2026-03-10', 'b'),
      entry(4, '2026-03-01T10:00', 'c'),
      entry(5, '2026-02-01T09:00', 'd'),
    ];
    expect(newestFirst(list).map((e) => e.type)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('says when the birthday comes, with Russian plurals', () => {
    expect(birthdayLine(card({ birthdayInDays: 3, turnsAge: 36 }), 'ru', ru)).toBe(
      'День рождения через 3 дня (18.03.2026), исполнится 36',
    );
    expect(birthdayLine(card({ birthdayInDays: 0, turnsAge: 40 }), 'en', { ...ru, lang: 'en', locale: 'en_US' })).toBe(
      'Birthday today, turns 40',
    );
    expect(birthdayLine(card({}), 'ru', ru)).toBe('Дата рождения не указана');
  });

  it('says how long ago the last contact was', () => {
    expect(lastContactLine(card({ daysSinceLastContact: 5 }, { lastContactOn: '2026-03-10' }), 'ru', ru)).toBe(
      '10.03.2026 (5 дней назад)',
    );
    expect(lastContactLine(card({ daysSinceLastContact: 0 }, { lastContactOn: '2026-03-15' }), 'ru', ru)).toBe(
      '15.03.2026 (сегодня)',
    );
    expect(lastContactLine(card({}), 'en', { ...ru, lang: 'en' })).toBe('never');
  });
});

describe('template attributes', () => {
  const root = (attrs: Record<string, string>) => ({ getAttribute: (name: string) => attrs[name] ?? null });

  it('reads the language and the client id the server put on <html>', () => {
    expect(readPage(root({ lang: 'ru', 'data-client-id': 'C-000012' }))).toEqual({ lang: 'ru', clientId: 'C-000012' });
    expect(readPage(root({ lang: 'en', 'data-client-id': '' }))).toEqual({ lang: 'en', clientId: '' });
  });

  it('falls back safely on anything unexpected', () => {
    expect(readPage(root({ lang: '<?= lang ?>', 'data-client-id': '"><img src=x>' }))).toEqual({
      lang: 'en',
      clientId: '',
    });
    expect(readPage(root({}))).toEqual({ lang: 'en', clientId: '' });
  });
});

describe('server refusals', () => {
  it('puts field errors beside the fields on screen and the rest in the banner', () => {
    const view = viewOfFailure(
      { ok: false, errors: { phone: 'Телефон: плохо', _: 'Клиент не найден' } },
      ['phone'],
      'ru',
    );
    expect(view).toEqual({ beside: { phone: 'Телефон: плохо' }, banner: { text: 'Клиент не найден', retry: false } });
  });

  it('asks to check the marked fields when every error sits beside one', () => {
    expect(viewOfFailure({ ok: false, errors: { email: 'x' } }, ['email'], 'en').banner).toEqual({
      text: 'Please check the marked fields',
      retry: false,
    });
  });

  it('offers to try again after a lock timeout', () => {
    expect(viewOfFailure({ ok: false, errors: {}, retryable: true }, [], 'ru').banner).toEqual({
      text: 'Таблица занята другим сотрудником. Данные не записаны.',
      retry: true,
    });
    expect(viewOfFailure({ ok: false, errors: { _: 'Lock timeout' }, retryable: true }, [], 'en').banner).toEqual({
      text: 'Lock timeout',
      retry: true,
    });
  });
});
