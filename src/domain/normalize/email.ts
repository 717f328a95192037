// Email addresses as people paste them → one trimmed, lower-cased, plausibly deliverable address.
import type { EmailCode, Failure } from './result';

export type EmailResult = { ok: true; value: string } | Failure<EmailCode>;

// RFC 5322 dot-atom characters, plus any letter for internationalised (RFC 6531) mailboxes.
const LOCAL_ATOM = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+$/u;
// A DNS label: letters/digits with inner hyphens; Unicode letters allow 'почта.рф'.
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{2,59})$/u;

/** '' is a valid empty email; otherwise one address, e.g. ' Mailto:<Anna@Example.RU> ' → 'anna@example.ru'. */
export function normalizeEmail(input: unknown): EmailResult {
  if (input === null || input === undefined) return { ok: true, value: '' };
  if (typeof input !== 'string') return { ok: false, code: 'email.invalid' };
  let text = input
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .trim();
  if (text === '') return { ok: true, value: '' };
  if ((text.match(/@/g) ?? []).length > 1 && /[\s,;]/.test(text)) return { ok: false, code: 'email.multiple' };
  // 'Anna Petrova <anna@example.ru>' as copied from a mail client.
  const angled = /<([^<>]*)>\s*$/.exec(text);
  if (angled) text = angled[1].trim();
  if (/^mailto:/i.test(text)) text = text.slice(7).replace(/\?.*$/, '').trim();
  text = text.toLowerCase();
  return isPlausibleEmail(text) ? { ok: true, value: text } : { ok: false, code: 'email.invalid' };
}

function isPlausibleEmail(address: string): boolean {
  if (address.length > 254 || /\s/.test(address)) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64) return false;
  if (!local.split('.').every((atom) => LOCAL_ATOM.test(atom))) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  return TOP_LEVEL.test(labels[labels.length - 1]);
}
