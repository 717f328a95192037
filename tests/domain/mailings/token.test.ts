// Unsubscribe tokens: signed per client and issue day; another client's, altered, forged or expired ones fail.
import { createHmac } from 'node:crypto';
import { makeToken, TOKEN_VALID_DAYS, unsubscribeLink, verifyToken } from '../../../src/domain/mailings';

const sign = (secret: string) => (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
const ours = sign('document-secret');

describe('unsubscribe tokens', () => {
  const token = makeToken('C-000123', '2026-03-16', ours);

  it('verifies a token for its client within the year', () => {
    expect(token).toMatch(/^20260316\.[A-Za-z0-9_-]{43}$/);
    expect(verifyToken('C-000123', token, '2026-03-16', ours)).toEqual({ ok: true, issuedOn: '2026-03-16' });
    expect(verifyToken('C-000123', token, '2027-03-16', ours).ok).toBe(true);
  });

  it('refuses the token for another client, an altered one, one signed with another secret', () => {
    expect(verifyToken('C-000124', token, '2026-03-16', ours)).toEqual({ ok: false, reason: 'forged' });
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(verifyToken('C-000123', altered, '2026-03-16', ours)).toEqual({ ok: false, reason: 'forged' });
    const redated = token.replace('20260316', '20260317');
    expect(verifyToken('C-000123', redated, '2026-03-17', ours)).toEqual({ ok: false, reason: 'forged' });
    const theirs = makeToken('C-000123', '2026-03-16', sign('another-secret'));
    expect(verifyToken('C-000123', theirs, '2026-03-16', ours)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses an expired token and garbage', () => {
    const old = makeToken('C-000123', '2025-01-10', ours);
    expect(TOKEN_VALID_DAYS).toBeGreaterThanOrEqual(365);
    expect(verifyToken('C-000123', old, '2026-03-16', ours)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken('C-000123', 'test', '2026-03-16', ours)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyToken('', token, '2026-03-16', ours)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyToken('C-000123', undefined, '2026-03-16', ours)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('puts the client and the token into the web app URL', () => {
    expect(unsubscribeLink('https://s/exec', 'C-1', 'T.x')).toBe('https://s/exec?u=C-1&t=T.x');
    expect(unsubscribeLink('', 'C-1', 'T.x')).toBe('');
  });
});
