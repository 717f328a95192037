// npm run create-sheet: creates a new Google Sheet with its own Apps Script project and keeps its Script ID in .clasp.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function stop(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

const CONFIG = '.clasp.json';
const BACKUP = '.clasp.json.kartoteka-backup';
const config = JSON.parse(readFileSync(CONFIG, 'utf8'));
if (config.scriptId)
  stop(`.clasp.json already points at a script (${config.scriptId}). Run npm run deploy to push to it.`);
if (![path.join(os.homedir(), '.clasprc.json'), path.resolve('.clasprc.json')].some((f) => existsSync(f))) {
  stop('You are not logged in to clasp. Run:  npx clasp login   (then npm run create-sheet again).');
}
const title = process.argv[2] || 'Kartoteka';
// clasp writes the new project's manifest into rootDir: dist must exist.
if (spawnSync('node', ['esbuild.config.mjs'], { stdio: 'inherit' }).status !== 0) stop('The build failed.');
// clasp create refuses to run next to an existing .clasp.json, so ours steps aside and gets the new ID back.
renameSync(CONFIG, BACKUP);
let created;
try {
  const result = spawnSync('npx', ['clasp', 'create', '--type', 'sheets', '--title', title, '--rootDir', 'dist'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) throw new Error('clasp create failed');
  created = JSON.parse(readFileSync(CONFIG, 'utf8'));
} catch (e) {
  renameSync(BACKUP, CONFIG);
  stop(`${e.message}; .clasp.json is unchanged.`);
}
writeFileSync(
  CONFIG,
  `${JSON.stringify({ ...config, scriptId: created.scriptId, parentId: created.parentId }, null, 2)}\n`,
);
rmSync(BACKUP);
console.log(`\n✔ New spreadsheet "${title}" with script ${created.scriptId}. Now run:  npm run deploy`);
