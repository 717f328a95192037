// MailApp for the morning run: the sending account, its remaining daily quota, and one send whose failure is
// sorted into what it means for the run (a bad address skips one letter; quota or a service error stops sending).

export interface Message {
  /** One address, or several separated by commas (each counts against the quota). */
  to: string;
  subject: string;
  body: string;
  htmlBody: string;
  /** The sender's display name ('' → the account's own). */
  name: string;
}

/** address: this letter cannot go; quota: the day's quota is spent; service: the mail service failed. */
export type SendFailure = 'address' | 'quota' | 'service';

export type SendOutcome = { ok: true } | { ok: false; kind: SendFailure; error: string };

/** The account mail goes from: the trigger's owner in a trigger, the person who clicked otherwise ('' if hidden). */
export function senderAccount(): string {
  try {
    return Session.getEffectiveUser().getEmail() || '';
  } catch (_e) {
    return '';
  }
}

/** Recipients this account may still send to today (Google counts each recipient of each message). */
export function remainingQuota(): number {
  return MailApp.getRemainingDailyQuota();
}

/** What a MailApp error means for the run. */
export function failureKind(message: string): SendFailure {
  if (/too many times|quota|limit exceeded/i.test(message)) return 'quota';
  if (/invalid (email|argument)|no recipient|address/i.test(message)) return 'address';
  return 'service';
}

/** Sends one message (one MailApp call); a refusal comes back as a value, never as an exception. */
export function sendMail(m: Message): SendOutcome {
  try {
    MailApp.sendEmail({
      to: m.to,
      subject: m.subject,
      body: m.body,
      htmlBody: m.htmlBody,
      ...(m.name ? { name: m.name } : {}),
    });
    return { ok: true };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return { ok: false, kind: failureKind(error), error };
  }
}
