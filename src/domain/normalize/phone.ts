// Phone numbers as people type them → E.164 for storage, a readable international form for display.
import {
  type CountryCode,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/min';
import type { Failure, PhoneCode } from './result';

export type { CountryCode };

/** A refused phone; for 'phone.otherCountry', the country it reads as and the number written with its code. */
export type PhoneFailure = Failure<PhoneCode> & { country?: CountryCode; suggestion?: string };

export type PhoneResult = { ok: true; e164: string; display: string; ext?: string } | PhoneFailure;

// A bare language (no region in the locale) still says where most of its speakers dial from.
const REGION_BY_LANGUAGE: Record<string, CountryCode> = {
  ru: 'RU',
  uk: 'UA',
  kk: 'KZ',
  be: 'BY',
  uz: 'UZ',
  hy: 'AM',
  az: 'AZ',
  ka: 'GE',
  en: 'US',
  de: 'DE',
  fr: 'FR',
  es: 'ES',
  it: 'IT',
  pl: 'PL',
};

/** The dialling region a spreadsheet locale implies: 'ru_RU' → 'RU', 'en_GB' → 'GB', unknown → 'US'. */
export function regionFromLocale(locale: string): CountryCode {
  const parts = String(locale ?? '')
    .trim()
    .split(/[-_]/);
  const region = (parts[1] ?? '').toUpperCase();
  if (region && isSupportedCountry(region)) return region as CountryCode;
  return REGION_BY_LANGUAGE[(parts[0] ?? '').toLowerCase()] ?? 'US';
}

/** Digits only, for searching by a fragment of a number. */
export function phoneDigits(input: string | number): string {
  return String(input ?? '').replace(/\D/g, '');
}

const EMPTY: PhoneResult = { ok: true, e164: '', display: '' };

/** Cleans what was typed into a phone field; an empty field is valid and stays empty. */
export function normalizePhone(input: unknown, region: CountryCode): PhoneResult {
  if (input === null || input === undefined) return EMPTY;
  let text: string;
  if (typeof input === 'number') {
    // Sheets turns '+79123456789' into the number 79123456789; anything fractional is not a phone.
    if (!Number.isSafeInteger(input) || input <= 0) return { ok: false, code: 'phone.invalid' };
    text = String(input);
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return { ok: false, code: 'phone.invalid' };
  }
  text = text
    .replace(/[\u00a0\u2007\u202f\u2009\u200b\ufeff]/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .trim();
  if (text === '') return EMPTY;
  // libphonenumber knows 'доб.', 'ext.', 'x' and '#'; teach it the other Russian ways to write an extension.
  text = text.replace(/(?:внутр|вн|добавочный)\.?\s*:?\s*(?=\d)/giu, ' ext. ');
  if (looksLikeSeveralNumbers(text)) return { ok: false, code: 'phone.multiple' };
  if (!/\d/.test(text)) return { ok: false, code: 'phone.invalid' };

  let parsed = parsePhoneNumberFromString(text, region);
  if (/^\d+$/.test(text) && !parsed?.isValid()) {
    // A number cell loses its leading '+': 442079460958 is +44 20 7946 0958.
    const international = parsePhoneNumberFromString('+' + text);
    if (international?.isValid()) parsed = international;
  }
  if (parsed?.isValid()) {
    const ext = parsed.ext ? String(parsed.ext) : undefined;
    const e164 = String(parsed.number);
    return ext
      ? { ok: true, e164, display: formatPhone(e164, ext), ext }
      : { ok: true, e164, display: formatPhone(e164) };
  }
  return otherCountry(text, region) ?? { ok: false, code: failureCode(text, region) };
}

// Where a number typed without its country code comes from when it is not the sheet's own country, most likely
// first (a Russian clinic's patients, a US clinic's visitors): tried only after the sheet's country refused it.
const OTHER_REGIONS: CountryCode[] = ['RU', 'KZ', 'UA', 'BY', 'US', 'CA', 'GB', 'DE', 'FR'];

/**
 * A national number that the sheet's country does not have but another does ('8 (912) 345-67-89' in a US sheet is
 * Russian): said so, with the number written with its country code. A number typed with '+' names its country.
 */
function otherCountry(text: string, region: CountryCode): PhoneFailure | undefined {
  if (text.trim().startsWith('+')) return undefined;
  // A short number is a number missing digits (German ones can be six digits long, yet that is not what was meant).
  if (phoneDigits(text).length < 10 || validatePhoneNumberLength(text, region) === 'TOO_SHORT') return undefined;
  const own = isSupportedCountry(region) ? getCountryCallingCode(region) : '';
  for (const other of OTHER_REGIONS) {
    if (other === region) continue;
    const parsed = parsePhoneNumberFromString(text, other);
    if (!parsed?.isValid() || parsed.countryCallingCode === own) continue;
    const ext = parsed.ext ? String(parsed.ext) : undefined;
    return {
      ok: false,
      code: 'phone.otherCountry',
      country: parsed.country ?? other,
      suggestion: formatPhone(String(parsed.number), ext),
    };
  }
  return undefined;
}

function looksLikeSeveralNumbers(text: string): boolean {
  const parts = text.split(/[;\n/|]|,|\s(?:или|or|и|and)\s/i);
  return parts.filter((p) => phoneDigits(p).length >= 7).length >= 2;
}

function failureCode(text: string, region: CountryCode): PhoneCode {
  const verdict = validatePhoneNumberLength(text, region);
  if (verdict === 'TOO_SHORT') return 'phone.tooShort';
  if (verdict === 'TOO_LONG') return 'phone.tooLong';
  if (verdict === 'INVALID_COUNTRY') return 'phone.invalidCountry';
  // A length the plan does not know: a few digits more or less tell which way the typing went.
  let shorter = text;
  for (let extra = 1; extra <= 4; extra++) {
    shorter = shorter.replace(/\d(?=\D*$)/, '');
    if (parsePhoneNumberFromString(shorter, region)?.isValid()) return 'phone.tooLong';
  }
  if (verdict === 'INVALID_LENGTH') {
    const withExtra = text.replace(/(\d)(?=\D*$)/, '$10');
    if (validatePhoneNumberLength(withExtra, region) === undefined) return 'phone.tooShort';
  }
  return 'phone.invalid';
}

/**
 * How Kartoteka stores a phone: the readable international form people expect in a grid ('+7 912 345-67-89',
 * '+1 415 555 2671', then ' ext. 12'). Search, duplicate checks and import compare digits, so older cells stored
 * as E.164 ('+79123456789') still match.
 */
export function storedPhone(r: { ok: true; display: string }): string {
  return r.display;
}

/**
 * A phone cell as typed into the sheet → the stored form when it reads as a number ('' when empty), or the problem
 * with it (then the cell keeps what was typed).
 */
export function phoneCellFix(value: unknown, region: string): { value: string } | PhoneFailure {
  const r = normalizePhone(value, region as CountryCode);
  return r.ok ? { value: storedPhone(r) } : r;
}

/** What a person sees: '+7 912 345-67-89', '+44 20 7946 0958', with ' ext. 12' when there is an extension. */
export function formatPhone(e164: string, ext?: string): string {
  const raw = String(e164 ?? '').trim();
  if (raw === '') return '';
  const parsed = parsePhoneNumberFromString(raw.startsWith('+') ? raw : '+' + raw);
  let main: string;
  if (!parsed) {
    main = raw;
  } else if (parsed.countryCallingCode === '7') {
    // The way Russia and Kazakhstan write numbers: the national grouping ('8 (912) 345-67-89') after +7.
    main = '+7 ' + parsed.formatNational().replace(/^8\s*/, '').replace(/[()]/g, '').replace(/\s+/g, ' ').trim();
  } else {
    main = parsed.formatInternational();
  }
  const extension = String(ext ?? parsed?.ext ?? '').trim();
  return extension ? `${main} ext. ${extension}` : main;
}

/** Digits of a stored phone, as E.164 would have them (RU trunk 8 read as 7), for fast duplicate checks. */
export function phoneMatchKey(stored: unknown, region: string): string {
  const text = String(stored ?? '').split(/ext|доб|#|x/i)[0];
  let digits = phoneDigits(text);
  if (!digits) return '';
  if (text.trim().startsWith('+')) return `+${digits}`;
  if (region === 'RU' || region === 'KZ') {
    if (digits.length === 11 && digits[0] === '8') digits = `7${digits.slice(1)}`;
    else if (digits.length === 10) digits = `7${digits}`;
  } else if (region === 'US' && digits.length === 10) digits = `1${digits}`;
  return `+${digits}`;
}
