// npm run deploy and npm run create-sheet stop with a clear message before touching Google when set-up is missing.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..');

function runIn(dir: string, script: string, home: string) {
  return spawnSync('node', [path.join(root, 'scripts', script)], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, HOME: home, USERPROFILE: home },
  });
}

describe('deploy scripts', () => {
  let dir: string;
  let home: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kartoteka-deploy-'));
    home = mkdtempSync(path.join(os.tmpdir(), 'kartoteka-home-'));
    copyFileSync(path.join(root, '.clasp.json'), path.join(dir, '.clasp.json'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('deploy says how to configure a script when .clasp.json has no Script ID', () => {
    const r = runIn(dir, 'deploy.mjs', home);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/No Apps Script project is configured/);
    expect(r.stderr).toMatch(/npm run create-sheet/);
    expect(r.stderr).toMatch(/Project settings → Script ID/);
  });

  it('deploy asks to log in when a Script ID is set but clasp has no credentials', () => {
    const config = JSON.parse(readFileSync(path.join(dir, '.clasp.json'), 'utf8'));
    writeFileSync(path.join(dir, '.clasp.json'), JSON.stringify({ ...config, scriptId: '1abcDEF' }));
    const r = runIn(dir, 'deploy.mjs', home);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/npx clasp login/);
  });

  it('create-sheet refuses to replace a configured script and asks to log in first otherwise', () => {
    const config = JSON.parse(readFileSync(path.join(dir, '.clasp.json'), 'utf8'));
    expect(runIn(dir, 'create-sheet.mjs', home).stderr).toMatch(/npx clasp login/);
    writeFileSync(path.join(dir, '.clasp.json'), JSON.stringify({ ...config, scriptId: '1abcDEF' }));
    mkdirSync(home, { recursive: true });
    writeFileSync(path.join(home, '.clasprc.json'), '{}');
    const r = runIn(dir, 'create-sheet.mjs', home);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/already points at a script \(1abcDEF\)/);
    expect(JSON.parse(readFileSync(path.join(dir, '.clasp.json'), 'utf8')).scriptId).toBe('1abcDEF');
  });
});
