// Localized messages (Russian and English) and language choice from a sheet or user locale.
import { en } from './en';
import { type Messages, ru } from './ru';

export type Lang = 'ru' | 'en';
export type MessageKey = keyof Messages;

const catalogs: Record<Lang, Messages> = { ru, en };

/** Russian for ru_* locales (and the other languages of its users: uk, be, kk), English otherwise. */
export function langFromLocale(locale: string | null | undefined): Lang {
  const code = String(locale ?? '')
    .toLowerCase()
    .split(/[-_]/)[0];
  return code === 'ru' || code === 'uk' || code === 'be' || code === 'kk' ? 'ru' : 'en';
}

/** The message for key in lang, with {name} placeholders filled from params. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[lang][key] ?? catalogs.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function messages(lang: Lang): Messages {
  return catalogs[lang];
}
