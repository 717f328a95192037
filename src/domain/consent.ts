// Who may receive email from the clinic: the one rule every mailing, greeting and card badge asks.

export interface ConsentFields {
  email?: unknown;
  emailConsentOn?: unknown;
  unsubscribedOn?: unknown;
}

/**
 * True when the client has an email address, a consent date, and no unsubscribe date. An unsubscribe always wins,
 * whatever the dates: to write again, a person clears "Unsubscribed on" after the client agrees anew.
 */
export function mayEmail(client: ConsentFields): boolean {
  const filled = (v: unknown) => String(v ?? '').trim() !== '';
  return filled(client.email) && filled(client.emailConsentOn) && !filled(client.unsubscribedOn);
}
