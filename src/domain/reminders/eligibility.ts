// Who may receive a letter: a readable address, consent recorded as a date, and no opt-out since that consent.
import { type EmailResult, normalizeEmail } from '../normalize/email';
import { type DateReading, readDay } from './dates';

/** Why a client gets no letter (address problems first: then nothing could be sent anyway). */
export type Exclusion = 'noEmail' | 'invalidEmail' | 'unsubscribed' | 'noConsent';

export type Eligibility = { ok: true; email: string } | { ok: false; reason: Exclusion };

/**
 * Decides from the email, emailConsentOn and unsubscribedOn values of a client record:
 * - consent counts only as a readable date not later than today (a bare "да" is not recorded consent);
 * - an opt-out wins when it is on or after the consent date; one from before a later consent is history
 *   (the client agreed again); anything typed in the opt-out column that is not a date counts as an opt-out.
 */
export function emailEligibility(
  client: Readonly<Record<string, unknown>>,
  reading: DateReading,
  /** The client's email already normalised by the caller (saves a second pass over the address). */
  normalized?: EmailResult,
): Eligibility {
  const raw = client.email;
  if (raw === undefined || raw === null || String(raw).trim() === '') return { ok: false, reason: 'noEmail' };
  const email = normalized ?? normalizeEmail(String(raw));
  if (!email.ok || email.value === '') return { ok: false, reason: 'invalidEmail' };
  const consent = readDay(client.emailConsentOn, reading);
  const consentOn = consent.ok && consent.day !== '' && consent.day <= reading.today ? consent.day : '';
  const unsubscribed = readDay(client.unsubscribedOn, reading);
  if (!unsubscribed.ok) return { ok: false, reason: 'unsubscribed' };
  if (unsubscribed.day !== '' && (consentOn === '' || unsubscribed.day >= consentOn))
    return { ok: false, reason: 'unsubscribed' };
  if (consentOn === '') return { ok: false, reason: 'noConsent' };
  return { ok: true, email: email.value };
}
