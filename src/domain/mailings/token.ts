// Unsubscribe links: a token per client and issue day, signed with the document's secret (HMAC-SHA256, computed by
// the caller's `sign`), so a link cannot be made for another client, altered, or used after it expired.

/** A link stays valid this many days after the letter that carried it. */
export const TOKEN_VALID_DAYS = 366;

export type Sign = (payload: string) => string;

/** What is signed: the client's ID and the day the link was issued. */
export function tokenPayload(clientId: string, issuedOn: string): string {
  return `${clientId}|${issuedOn}`;
}

/** 'yyyymmdd.<signature>' for a client and the day ('yyyy-mm-dd') the letter goes. */
export function makeToken(clientId: string, issuedOn: string, sign: Sign): string {
  return `${issuedOn.replace(/-/g, '')}.${sign(tokenPayload(clientId, issuedOn))}`;
}

/** Compares every character, whatever the first difference (no timing hint about a near-miss signature). */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export type TokenCheck = { ok: true; issuedOn: string } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/** Checks a link's token for a client on `today` (sheet zone): signed by us, for this client, issued within the year. */
export function verifyToken(clientId: string, token: unknown, today: string, sign: Sign): TokenCheck {
  const m = /^(\d{4})(\d{2})(\d{2})\.([A-Za-z0-9_-]{16,})$/.exec(String(token ?? '').trim());
  const id = String(clientId ?? '').trim();
  if (!m || !id) return { ok: false, reason: 'malformed' };
  const issuedOn = `${m[1]}-${m[2]}-${m[3]}`;
  if (!sameText(sign(tokenPayload(id, issuedOn)), m[4])) return { ok: false, reason: 'forged' };
  const age = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${issuedOn}T00:00:00Z`)) / 86_400_000;
  if (!Number.isFinite(age) || age < -1 || age > TOKEN_VALID_DAYS) return { ok: false, reason: 'expired' };
  return { ok: true, issuedOn };
}

/** The link a letter's footer carries: the web app's URL with the client's ID and token. */
export function unsubscribeLink(baseUrl: string, clientId: string, token: string): string {
  if (!baseUrl) return '';
  const sep = baseUrl.includes('?') ? '&' : '?';
  return `${baseUrl}${sep}u=${encodeURIComponent(clientId)}&t=${encodeURIComponent(token)}`;
}
