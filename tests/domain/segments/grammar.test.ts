// The condition language of the Segments tab: what people type in Russian or English, and the localized sentence
// they get back when a cell cannot be read (never an exception out of the rebuild).

import {
  ConditionError,
  conditionsText,
  type GrammarEnv,
  isActive,
  parseConditions,
  readSegments,
} from '../../../src/domain/segments';
import { defaultSettings } from '../../../src/domain/settings';

const env = (lang: 'ru' | 'en'): GrammarEnv => ({
  lang,
  locale: lang === 'ru' ? 'ru_RU' : 'en_US',
  today: '2026-03-15',
  timeZone: 'UTC',
  settings: defaultSettings(lang, lang === 'ru' ? 'ru_RU' : 'en_US'),
});
const ru = env('ru');
const en = env('en');

function error(text: string, e: GrammarEnv = ru): string {
  try {
    parseConditions(text, e);
  } catch (err) {
    if (err instanceof ConditionError) return err.text;
    throw err;
  }
  throw new Error(`read without an error: ${text}`);
}

describe('the condition language', () => {
  it('reads numbers, Settings values, dates and the "N days" comparisons in Russian', () => {
    expect(
      parseConditions(
        'Покупок >= {Постоянный клиент: покупок не меньше} и Последняя покупка не менее {atRiskDays} дней назад',
        ru,
      ),
    ).toEqual([
      { field: 'purchases', op: 'ge', operand: { kind: 'setting', key: 'regularPurchases' } },
      { field: 'lastPurchaseOn', op: 'agoAtLeast', days: { kind: 'setting', key: 'atRiskDays' } },
    ]);
    expect(parseConditions('Абонемент до в ближайшие 14 дней; Создан >= 01.03.2026', ru)).toEqual([
      { field: 'subscriptionEndsOn', op: 'nextDays', days: { kind: 'number', value: 14 } },
      { field: 'createdOn', op: 'ge', operand: { kind: 'date', value: '2026-03-01' } },
    ]);
  });

  it('reads the same conditions in English, and English words in a Russian sheet', () => {
    expect(parseConditions('Birth date this month and Next appointment is this week', en)).toEqual([
      { field: 'birthDate', op: 'thisMonth' },
      { field: 'nextAppointmentOn', op: 'thisWeek' },
    ]);
    expect(parseConditions('Subscription ends in the next 7 days', ru)[0]).toMatchObject({ op: 'nextDays' });
  });

  it('a value runs to the next field: "и" inside a service name stays in it; quotes keep anything', () => {
    expect(parseConditions('Услуга (первый запрос) = Чистка и полировка и Покупок = 0', ru)).toEqual([
      { field: 'interest', op: 'eq', operand: { kind: 'text', value: 'Чистка и полировка' } },
      { field: 'purchases', op: 'eq', operand: { kind: 'number', value: 0 } },
    ]);
    expect(parseConditions('Купленные услуги не включает «Пломба; штифт и Покупок = 1»', ru)).toEqual([
      { field: 'servicesBought', op: 'notIncludes', operand: { kind: 'text', value: 'Пломба; штифт и Покупок = 1' } },
    ]);
    expect(parseConditions('Source = "Google Ads", Tags contains vip', en)).toEqual([
      { field: 'source', op: 'eq', operand: { kind: 'text', value: 'Google Ads' } },
      { field: 'tags', op: 'contains', operand: { kind: 'text', value: 'vip' } },
    ]);
  });

  it('reads a stage reached by its stage label or milestone word', () => {
    expect(parseConditions('Стадия достигла Визит', ru)[0]).toMatchObject({
      op: 'reached',
      operand: { kind: 'milestone', value: 'visit' },
    });
    expect(parseConditions('Stage reached purchase', en)[0].operand).toEqual({ kind: 'milestone', value: 'client' });
  });

  it('writes conditions back as people read them', () => {
    const text = 'Покупок >= {Постоянный клиент: покупок не меньше} и Дата рождения в этом месяце';
    expect(conditionsText('ru', parseConditions(text, ru))).toBe(text);
  });

  it('a blank cell has no conditions (every client)', () => {
    expect(parseConditions('  ', ru)).toEqual([]);
  });

  it('explains in the sheet language what cannot be read', () => {
    expect(error('Возраст > 30')).toContain('начинается с заголовка колонки вкладки «Клиенты»');
    expect(error('Age > 30', en)).toContain('starts with a column header of the Clients tab');
    expect(error('Покупок много')).toContain('после «Покупок» нужно сравнение');
    expect(error('Покупок содержит 3')).toContain('«содержит» не подходит к полю «Покупок»');
    expect(error('Покупок >= три')).toContain('«три» — не число');
    expect(error('Создан >= вчера')).toContain('не дата');
    expect(error('Покупок >= {порог}')).toContain('нет настройки {порог}');
    expect(error('Источник = «Instagram')).toContain('не закрыта кавычка');
    expect(error('Источник =')).toContain('не хватает значения');
    expect(error('Стадия достигла Луны')).toContain('нет такой стадии');
    expect(error('Дата рождения на этой неделе')).toContain('не подходит к полю «Дата рождения»');
  });
});

describe('rows of the Segments tab', () => {
  const row = (over: Record<string, unknown>) => ({
    row: 2,
    key: 'k',
    name: 'Сегмент',
    active: true,
    conditions: '',
    ...over,
  });

  it('a ticked checkbox or yes/да is active; a blank or unticked row is off', () => {
    for (const v of [true, 'TRUE', 'да', 'Yes', 'x']) expect(isActive(v)).toBe(true);
    for (const v of [false, '', 'нет', 0]) expect(isActive(v)).toBe(false);
  });

  it('an unreadable row, an unnamed one and a repeated name get a sentence, the others are read', () => {
    const read = readSegments(
      [
        row({ row: 2, name: 'Постоянные', conditions: 'Покупок >= 3' }),
        row({ row: 3, name: 'постоянные', conditions: 'Покупок >= 5' }),
        row({ row: 4, name: '', conditions: 'Покупок = 1' }),
        row({ row: 5, name: 'Странные', conditions: 'Рост > 2' }),
        row({ row: 6, name: 'Выключенный', active: false, conditions: 'Рост > 2' }),
      ],
      ru,
    );
    expect(read.map((r) => (r.ok ? 'ok' : r.error))).toEqual([
      'ok',
      'сегмент «постоянные» уже есть выше — дайте другое название',
      'у сегмента нет названия',
      expect.stringMatching(/^Не понял условие: «Рост > 2»/),
      'Выключен',
    ]);
  });
});
