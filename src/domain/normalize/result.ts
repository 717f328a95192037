// The result shape and the error codes shared by every normaliser of typed-in values.

/** Every way a typed value can be rejected; src/domain/normalize/messages.ts explains each in Russian and English. */
export type NormalizeCode =
  | 'phone.invalid'
  | 'phone.tooShort'
  | 'phone.tooLong'
  | 'phone.invalidCountry'
  | 'phone.multiple'
  | 'phone.otherCountry'
  | 'email.invalid'
  | 'email.multiple'
  | 'name.empty'
  | 'name.noLetters'
  | 'name.tooLong'
  | 'date.invalid'
  | 'date.noSuchDay'
  | 'date.outOfRange'
  | 'amount.invalid'
  | 'amount.negative'
  | 'amount.tooLarge'
  | 'amount.tooSmall'
  | 'date.future'
  | 'date.tooEarly'
  | 'text.tooLong';

export type PhoneCode = Extract<NormalizeCode, `phone.${string}`>;
export type EmailCode = Extract<NormalizeCode, `email.${string}`>;
export type NameCode = Extract<NormalizeCode, `name.${string}`>;
export type DateCode = Extract<NormalizeCode, `date.${string}`>;
export type AmountCode = Extract<NormalizeCode, `amount.${string}`>;
export type TextCode = Extract<NormalizeCode, `text.${string}`>;

/** A rejected value: only the code travels, the sentence is chosen by the caller's language. */
export type Failure<C extends NormalizeCode = NormalizeCode> = { ok: false; code: C };
