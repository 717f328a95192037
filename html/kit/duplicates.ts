// When a live duplicate check is worth a round-trip, and how to say why two clients look the same.
import type { DuplicateInfo } from '../../src/shared/api';
import { type Lang, tr } from './i18n';
import { type CheckContext, checkValue } from './validate';

export interface Identity {
  fullName: string;
  phone: string;
  email: string;
}

/**
 * The part of what was typed worth a duplicate check: a phone and an email that pass the local checks, a name of
 * two words or more. Null when nothing is worth a round-trip yet.
 */
export function identityQuery(typed: Identity, ctx: CheckContext): Partial<Identity> | null {
  const query: Partial<Identity> = {};
  const phone = checkValue('phone', typed.phone, ctx);
  if (phone.ok && String(phone.value).replace(/\D/g, '').length >= 7) query.phone = String(phone.value);
  const email = checkValue('email', typed.email, ctx);
  if (email.ok && email.value) query.email = String(email.value);
  const name = typed.fullName.trim().replace(/\s+/g, ' ');
  if (name.split(' ').filter((w) => w.length >= 2).length >= 2) query.fullName = name;
  return Object.keys(query).length ? query : null;
}

export function reasonText(lang: Lang, reasons: DuplicateInfo['reasons']): string {
  const key = { phone: 'reasonPhone', email: 'reasonEmail', name: 'reasonName' } as const;
  return reasons.map((r) => tr(lang, key[r])).join(', ');
}
