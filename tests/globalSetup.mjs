// Jest globalSetup: builds dist/ when any of its sources is newer than the bundle (or it is missing), so a test
// never loads a stale dist/Code.js. After `npm run build` (as `npm test` does) it builds nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src', 'html', 'appsscript.json', 'esbuild.config.mjs', 'package-lock.json'];
const OUTPUTS = ['Code.js', 'appsscript.json'];

/** Newest modification time of a file or of any file under a folder (0 when absent). */
function newest(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

/** Oldest modification time of what the build wrote, or 0 when something is missing. */
function builtAt() {
  const dist = path.join(root, 'dist');
  if (!OUTPUTS.every((f) => existsSync(path.join(dist, f)))) return 0;
  return Math.min(...readdirSync(dist).map((f) => statSync(path.join(dist, f)).mtimeMs));
}

export function isStale() {
  return builtAt() < Math.max(...SOURCES.map((s) => newest(path.join(root, s))));
}

export default function globalSetup() {
  if (!isStale()) return;
  console.log('\ndist/ is older than its sources: building it first (node esbuild.config.mjs)');
  execFileSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });
}
