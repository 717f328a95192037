// Runs one bench section in its own process (started by tests/bench/run.ts) and writes its result as JSON, so a
// section that throws, runs out of memory or hangs costs only itself, and its peak memory is its own.
// Usage: tsx tests/bench/lib/child.ts <section file> <result file> [--quick]
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BenchSection } from '../types';

function check(section: unknown): BenchSection {
  const s = section as BenchSection;
  if (!s || typeof s.title !== 'string' || !Array.isArray(s.tables) || !Array.isArray(s.budgets)) {
    throw new Error('the section did not return { title, tables, budgets }');
  }
  for (const t of s.tables) {
    if (typeof t.title !== 'string' || !Array.isArray(t.columns) || !Array.isArray(t.rows)) {
      throw new Error(`table ${JSON.stringify(t?.title)} is not { title, columns, rows }`);
    }
  }
  for (const b of s.budgets) {
    if (typeof b.label !== 'string' || typeof b.met !== 'boolean' || typeof b.detail !== 'string') {
      throw new Error(`budget ${JSON.stringify(b?.label)} is not { label, met, detail }`);
    }
  }
  return s;
}

const [file, resultFile] = process.argv.slice(2);
const quick = process.argv.includes('--quick');
try {
  const mod = await import(pathToFileURL(file).href);
  if (typeof mod.default !== 'function') throw new Error('no default export: async function run(opts): BenchSection');
  const section = check(await mod.default({ quick }));
  writeFileSync(resultFile, JSON.stringify({ ok: true, section, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
} catch (e) {
  const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  writeFileSync(resultFile, JSON.stringify({ ok: false, error }));
  process.exitCode = 1;
}
// A section may leave timers or workers behind; its result is written.
process.exit();
