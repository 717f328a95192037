// One import point for the normalisers of typed-in values and their error messages.
export { type AmountResult, parseAmount, roundMoney } from './amount';
export {
  addDays,
  type DateOptions,
  type DateResult,
  daysBetween,
  isoToSerial,
  nextAnniversary,
  parseDateInput,
  serialToIso,
  todayIn,
} from './date';
export { type EmailResult, normalizeEmail } from './email';
export { normalizeMessage, normalizeMessages } from './messages';
export {
  cleanName,
  isCompanyLike,
  isPatronymic,
  type NameParts,
  type NameResult,
  type NameScript,
  nameKey,
  nameTokens,
  normalizeName,
  salutationName,
  splitFullName,
} from './name';
export {
  type CountryCode,
  formatPhone,
  normalizePhone,
  type PhoneResult,
  phoneDigits,
  regionFromLocale,
} from './phone';
export type { AmountCode, DateCode, EmailCode, Failure, NameCode, NormalizeCode, PhoneCode } from './result';
export { asSheetText, cleanText } from './text';
