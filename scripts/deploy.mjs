// npm run deploy: type-check, test, build, then `clasp push -f` of dist/ to the Apps Script project in .clasp.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function stop(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

function run(command, args) {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) stop(`${command} ${args.join(' ')} failed; nothing was pushed.`);
}

const clasp = JSON.parse(readFileSync('.clasp.json', 'utf8'));
if (!clasp.scriptId) {
  stop(
    'No Apps Script project is configured: .clasp.json has an empty "scriptId".\n' +
      '  Either create a new spreadsheet with its script:  npm run create-sheet\n' +
      '  or paste the Script ID of your sheet (Extensions → Apps Script → Project settings → Script ID)\n' +
      '  into "scriptId" in .clasp.json. See README → Deploy to your Google Sheet.',
  );
}
const credentials = [path.join(os.homedir(), '.clasprc.json'), path.resolve('.clasprc.json')];
if (!credentials.some((file) => existsSync(file))) {
  stop('You are not logged in to clasp. Run:  npx clasp login   (then run npm run deploy again).');
}

run('npx', ['tsc', '--noEmit']);
run('npx', ['jest']);
run('node', ['esbuild.config.mjs']);
run('npx', ['clasp', 'push', '-f']);
console.log('\n✔ Pushed. Reload the spreadsheet: the Kartoteka menu appears next to Help.');
