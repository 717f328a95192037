// The manifest asks for exactly the scopes the README justifies, and nothing that reaches Drive or Gmail.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../appsscript.json'), 'utf8'));

describe('appsscript.json', () => {
  it('asks for exactly the least-privilege scope allowlist', () => {
    expect([...manifest.oauthScopes].sort()).toEqual(
      [
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/script.scriptapp',
        'https://www.googleapis.com/auth/script.send_mail',
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        'https://www.googleapis.com/auth/userinfo.email',
      ].sort(),
    );
  });

  it('never asks for Gmail, Drive or external requests', () => {
    const all = JSON.stringify(manifest);
    expect(all).not.toMatch(/mail\.google\.com|drive|external_request|gmail/);
  });

  it('is deployed as the unsubscribe web app: run as the deployer, open to anyone with the link', () => {
    expect(manifest.webapp).toEqual({ executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
  });

  it('runs on V8 with Stackdriver logging and a default time zone', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
    expect(typeof manifest.timeZone).toBe('string');
  });
});
