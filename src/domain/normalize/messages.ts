// Russian and English sentences for every normalisation error code; {field} is the label of the field being filled,
// {example} a value fitting the field (a date in the sheet's order, a phone written with its country code).
import type { NormalizeCode, PhoneCode } from './result';

export const normalizeMessages = {
  ru: {
    'phone.invalid': '{field}: не похоже на номер телефона — пример: +7 912 345-67-89',
    'phone.tooShort': '{field}: в номере не хватает цифр — пример: +7 912 345-67-89',
    'phone.tooLong':
      '{field}: в номере лишние цифры — добавочный укажите после «доб.», например: +7 495 123-45-67 доб. 12',
    'phone.invalidCountry': '{field}: неизвестный код страны — проверьте цифры после «+», например: +7, +380, +1',
    'phone.multiple': '{field}: здесь помещается один номер — второй запишите в отдельное поле или в заметку',
    'phone.otherCountry': '{field}: похоже на номер {country} — добавьте код страны: {example}',
    'email.invalid': '{field}: не похоже на адрес почты — пример: anna@example.ru',
    'email.multiple': '{field}: здесь помещается один адрес — второй запишите в заметку',
    'name.empty': '{field}: заполните, например: Петрова Анна Сергеевна',
    'name.noLetters': '{field}: в имени нет ни одной буквы — пример: Петрова Анна Сергеевна',
    'name.tooLong': '{field}: слишком длинно — не больше 200 символов',
    'date.invalid': '{field}: не похоже на дату — пример: {example}',
    'date.noSuchDay': '{field}: такого дня нет в календаре — проверьте число и месяц',
    'date.outOfRange': '{field}: год должен быть между 1900 и 2200 — пример: {example}',
    'amount.invalid': '{field}: не похоже на сумму — пример: 1 500,50',
    'amount.negative': '{field}: сумма не может быть отрицательной — пример: 1 500',
    'amount.tooLarge': '{field}: слишком большая сумма — проверьте количество нулей',
    'amount.tooSmall': '{field}: сумма меньше копейки — пример: 1 500,50',
    'date.future': '{field}: дата ещё не наступила — проверьте год, пример: {example}',
    'date.tooEarly': '{field}: слишком давняя дата — проверьте год',
    'text.tooLong': '{field}: слишком длинный текст — не больше {max} символов, сейчас {length}. Ничего не сохранено',
  },
  en: {
    'phone.invalid': '{field}: this does not look like a phone number — e.g. +1 415 555 2671',
    'phone.tooShort': '{field}: the number is missing digits — e.g. +1 415 555 2671',
    'phone.tooLong':
      '{field}: the number has extra digits — put an extension after "ext.", e.g. +1 415 555 2671 ext. 12',
    'phone.invalidCountry': '{field}: unknown country code — check the digits after "+", e.g. +1, +44, +7',
    'phone.multiple': '{field}: one number per field — put the second one in another field or a note',
    'phone.otherCountry': '{field}: this looks like a number from {country} — add its country code: {example}',
    'email.invalid': '{field}: this does not look like an email address — e.g. anna@example.com',
    'email.multiple': '{field}: one address per field — put the second one in a note',
    'name.empty': '{field}: please fill it in, e.g. Anna Smith',
    'name.noLetters': '{field}: a name needs at least one letter — e.g. Anna Smith',
    'name.tooLong': '{field}: too long — 200 characters at most',
    'date.invalid': '{field}: this does not look like a date — e.g. {example}',
    'date.noSuchDay': '{field}: there is no such day in the calendar — check the day and the month',
    'date.outOfRange': '{field}: the year must be between 1900 and 2200 — e.g. {example}',
    'amount.invalid': '{field}: this does not look like an amount — e.g. 1,500.50',
    'amount.negative': '{field}: the amount cannot be negative — e.g. 1,500',
    'amount.tooLarge': '{field}: the amount is too large — check the number of zeros',
    'amount.tooSmall': '{field}: the amount is less than one cent — e.g. 1,500.50',
    'date.future': '{field}: this date has not come yet — check the year, e.g. {example}',
    'date.tooEarly': '{field}: this date is too long ago — check the year',
    'text.tooLong':
      '{field}: the text is too long — {max} characters at most, this one has {length}. Nothing was saved',
  },
} as const satisfies Record<'ru' | 'en', Record<NormalizeCode, string>>;

/** What a placeholder says when the caller knows nothing better (an import row, a cell). */
const DEFAULT_PARAMS: Record<'ru' | 'en', Partial<Record<NormalizeCode, Record<string, string>>>> = {
  ru: {
    'phone.otherCountry': { country: 'другой страны', example: '+7 912 345-67-89' },
    'date.invalid': { example: '15.03.2026' },
    'date.outOfRange': { example: '15.03.2026' },
    'date.future': { example: '15.03.2026' },
  },
  en: {
    'phone.otherCountry': { country: 'another country', example: '+1 415 555 2671' },
    'date.invalid': { example: '2026-03-15' },
    'date.outOfRange': { example: '2026-03-15' },
    'date.future': { example: '2026-03-15' },
  },
};

// The countries a number typed without its code is most often from (see OTHER_REGIONS in phone.ts), as the
// sentence names them: "похоже на номер России" / "a number from Russia".
const COUNTRY_NAMES: Record<'ru' | 'en', Record<string, string>> = {
  ru: {
    RU: 'России',
    KZ: 'Казахстана',
    UA: 'Украины',
    BY: 'Беларуси',
    US: 'США',
    CA: 'Канады',
    GB: 'Великобритании',
    DE: 'Германии',
    FR: 'Франции',
  },
  en: {
    RU: 'Russia',
    KZ: 'Kazakhstan',
    UA: 'Ukraine',
    BY: 'Belarus',
    US: 'the US',
    CA: 'Canada',
    GB: 'the UK',
    DE: 'Germany',
    FR: 'France',
  },
};

/** A phone's refusal as a sentence: for a number from another country, which one and how to write it. */
export function phoneMessage(
  lang: 'ru' | 'en',
  failure: { code: PhoneCode; country?: string; suggestion?: string },
  field: string,
): string {
  const params: Record<string, string> = {};
  const country = failure.country && COUNTRY_NAMES[lang][failure.country];
  if (country) params.country = country;
  if (failure.suggestion) params.example = failure.suggestion;
  return normalizeMessage(lang, failure.code, field, params);
}

/** The sentence for code in lang with {field} (and any other {name} given in params) filled in. */
export function normalizeMessage(
  lang: 'ru' | 'en',
  code: NormalizeCode,
  field: string,
  params: Record<string, string | number> = {},
): string {
  const all: Record<string, string | number> = { ...DEFAULT_PARAMS[lang][code], ...params, field };
  return normalizeMessages[lang][code].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in all ? String(all[name]) : m,
  );
}
