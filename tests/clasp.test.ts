// clasp pushes exactly the built files: dist/Code.js, dist/appsscript.json and the sidebars' HTML.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..');

describe('clasp project', () => {
  it('keeps dist/ as rootDir and has no script ID committed', () => {
    const config = JSON.parse(readFileSync(path.join(root, '.clasp.json'), 'utf8'));
    expect(config.rootDir).toBe('dist');
    expect(config.scriptId).toBe('');
  });

  it('lists only the built dist files for push', () => {
    // clasp refuses to read outside its project folder, so the check runs on a copy with a placeholder ID.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kartoteka-clasp-'));
    try {
      cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), { recursive: true });
      const config = JSON.parse(readFileSync(path.join(root, '.clasp.json'), 'utf8'));
      writeFileSync(path.join(dir, '.clasp.json'), JSON.stringify({ ...config, scriptId: 'placeholder' }));
      const out = execFileSync(path.join(root, 'node_modules/.bin/clasp'), ['status', '--json'], {
        cwd: dir,
        encoding: 'utf8',
      });
      const status = JSON.parse(out);
      const built = readdirSync(path.join(root, 'dist'))
        .filter((f) => /\.(js|html|json)$/.test(f))
        .map((f) => `dist/${f}`);
      expect([...status.filesToPush].sort()).toEqual(built.sort());
      expect(status.filesToPush).toEqual(expect.arrayContaining(['dist/Code.js', 'dist/appsscript.json']));
      expect(status.filesToPush.some((f: string) => f.endsWith('.html'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
