// What dist/Code.js's size costs: every Apps Script execution loads the whole script into a fresh V8 context before
// the called function runs. Loads of Code.js as built, without and with more phone metadata, and padded with more
// code like ours or more data like the metadata; the sizes of Code.js and the sidebars against their budgets.
// BENCH_LOADS: loads per variant (default 40; quick 12). `npx tsx tests/bench/sections/bundle.ts [--quick]` alone.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import * as acorn from 'acorn';
import * as esbuild from 'esbuild';
import { createAppsScriptContext } from '../../../local/runtime/vmcontext';
import { collectGarbage, cpuTime, median, progress, round, slope } from '../lib/measure';
import { renderBudget, renderTable } from '../lib/render';
import { DIST as dist } from '../lib/workbook';
import type { BenchBudget, BenchSection, BenchTable } from '../types';

const root = path.resolve('.');

const KB = 1024;
const PADDINGS_KB = [100, 250, 400, 600];

type Node = acorn.Node & Record<string, any>;

interface Parsed {
  code: string;
  /** The bundle's IIFE body statements (source slices), all but the one holding the phone metadata. */
  statements: string[];
  /** Where the libphonenumber metadata object literal sits. */
  metadata: { start: number; end: number };
}

function parse(code: string): Parsed {
  const ast = acorn.parse(code, { ecmaVersion: 2020 }) as Node;
  let iife: Node | undefined;
  for (const stmt of ast.body as Node[]) {
    const init = stmt.type === 'VariableDeclaration' ? stmt.declarations[0]?.init : undefined;
    if (init?.type === 'CallExpression' && init.callee.type === 'ArrowFunctionExpression') iife = init.callee;
  }
  if (iife?.body.type !== 'BlockStatement') throw new Error('dist/Code.js: no esbuild IIFE found');
  const body = iife.body.body as Node[];
  let metadata: Node | undefined;
  const walk = (n: Node) => {
    if (metadata) return;
    if (
      n.type === 'ObjectExpression' &&
      /^\{version:\d+,country_calling_codes:/.test(code.slice(n.start, n.start + 40))
    ) {
      metadata = n;
      return;
    }
    for (const v of Object.values(n)) {
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof c.type === 'string') walk(c);
      } else if (v && typeof v === 'object' && typeof (v as Node).type === 'string') walk(v as Node);
    }
  };
  walk(iife);
  if (!metadata) throw new Error('dist/Code.js: libphonenumber metadata literal not found');
  const m = metadata;
  const statements = body
    .filter((st) => st.end <= m.start || st.start >= m.end)
    .map((st) => code.slice(st.start, st.end));
  return { code, statements, metadata: { start: m.start, end: m.end } };
}

const bytes = (s: string) => Buffer.byteLength(s);

/**
 * N KB more code like ours: runs of the bundle's own top-level statements (the metadata excluded: that is data),
 * each run in its own scope, executed at load.
 */
function codePadding(p: Parsed, kb: number): string {
  const target = kb * KB;
  let out = '';
  let i = 0;
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length) out += `\n;(()=>{${chunk.join('')}})();`;
    chunk = [];
  };
  while (bytes(out) + bytes(chunk.join('')) < target) {
    if (i === p.statements.length) {
      flush();
      i = 0;
    }
    chunk.push(p.statements[i++]);
  }
  flush();
  return out;
}

function metadataJson(kind: 'min' | 'max'): Record<string, any> {
  return JSON.parse(readFileSync(path.join(root, `node_modules/libphonenumber-js/metadata.${kind}.json`), 'utf8'));
}

/** N KB more data like the phone metadata: object literals of countries' entries, assigned at load. */
function dataPadding(kb: number): string {
  const max = metadataJson('max');
  const entries = Object.entries(max.countries as Record<string, unknown>);
  const target = kb * KB;
  let out = '';
  let k = 0;
  while (bytes(out) < target) {
    const part: Record<string, unknown> = {};
    let size = 0;
    for (const [code, v] of entries) {
      if (bytes(out) + size >= target) break;
      part[code] = v;
      size += bytes(JSON.stringify(v)) + code.length + 4;
    }
    out += `\nvar __pad${k++}=${JSON.stringify({ version: 4, countries: part })};`;
  }
  return out;
}

interface Variant {
  label: string;
  code: string;
  /** KB added over Code.js as built (negative: removed), for the slope. */
  kind: 'built' | 'metadata' | 'code' | 'data';
  times: { fresh: number[]; cached: number[]; wall: number[] };
}

let uniq = 0;
/**
 * One load as an execution pays it: a fresh context, then the whole script compiled and run. CPU time (all threads)
 * is the figure: on a shared machine the wall clock also counts the wait for a core.
 */
function load(code: string, fresh: boolean): { cpu: number; wall: number } {
  const context = createAppsScriptContext(() => Date.now(), 1, 'Europe/Moscow');
  // A unique tail defeats V8's in-process compilation cache; without it the compiled code is reused.
  const source = fresh ? `${code}\n//${++uniq}` : code;
  const t0 = performance.now();
  const { ms } = cpuTime(() => vm.runInContext(source, context, { filename: 'Code.js' }));
  return { cpu: ms, wall: performance.now() - t0 };
}

/** The same entry built with esbuild.config.mjs's options, with a metafile. */
async function build(): Promise<esbuild.BuildResult<{ metafile: true; write: false }>> {
  const config = await import(pathToFileURL(path.join(root, 'esbuild.config.mjs')).href);
  return esbuild.build({
    ...(config.CODE_OPTIONS as esbuild.BuildOptions),
    entryPoints: [path.join(root, 'src/main.ts')],
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: 'composition.js',
  });
}

/** Bytes of Code.js per package, from an esbuild metafile. */
async function composition(codeBytes: number, metadataBytes: number): Promise<BenchTable> {
  const title = `What dist/Code.js is made of (${(codeBytes / KB).toFixed(1)} KB)`;
  let result: esbuild.BuildResult<{ metafile: true; write: false }>;
  try {
    result = await build();
  } catch (e) {
    // src/ may be mid-edit while the bench runs; the rest of the section does not need it.
    const first = (e instanceof Error ? e.message : String(e)).split('\n').slice(0, 2).join(' ');
    return {
      title,
      columns: ['part', 'KB', 'share'],
      rows: [],
      notes: [`Not measured: src/main.ts did not build now (${first}).`],
    };
  }
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const groups = new Map<string, number>();
  for (const [file, info] of Object.entries(inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    // src/ by folder, one level deeper inside src/domain, where each feature keeps its rules.
    const parts = file.split('/');
    const depth = parts[1] === 'domain' && parts.length > 3 ? 3 : 2;
    const name = m ? m[1] : parts[0] === 'src' && parts.length > depth ? parts.slice(0, depth).join('/') : file;
    groups.set(name, (groups.get(name) ?? 0) + info.bytesInOutput);
  }
  const phone = groups.get('libphonenumber-js') ?? 0;
  groups.delete('libphonenumber-js');
  groups.set('libphonenumber-js (library code)', phone - metadataBytes);
  groups.set('libphonenumber-js (metadata, min: lengths for every country)', metadataBytes);
  const rows = [...groups.entries()].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, [, b]) => s + b, 0);
  return {
    title,
    columns: ['part', 'KB', 'share'],
    rows: [
      ...rows.map(([name, b]) => [name, round(b / KB), `${Math.round((100 * b) / total)}%`]),
      ['esbuild runtime and the top-level entry functions', round((codeBytes - total) / KB), ''],
    ],
    notes: ['From an esbuild metafile of src/main.ts built with the same options as esbuild.config.mjs.'],
  };
}

async function readBudget(): Promise<number> {
  const config = await import(pathToFileURL(path.join(root, 'esbuild.config.mjs')).href);
  if (typeof config.MAX_CODE_BYTES !== 'number') throw new Error('esbuild.config.mjs exports no MAX_CODE_BYTES');
  return config.MAX_CODE_BYTES;
}

export default async function run(opts: { quick: boolean }): Promise<BenchSection> {
  const loads = Number(process.env.BENCH_LOADS ?? (opts.quick ? 12 : 40));
  const code = readFileSync(path.join(dist, 'Code.js'), 'utf8');
  const codeBytes = bytes(code);
  const p = parse(code);
  const metadataBytes = bytes(code.slice(p.metadata.start, p.metadata.end));
  const withMetadata = (json: string) => code.slice(0, p.metadata.start) + json + code.slice(p.metadata.end);
  const maxJson = JSON.stringify(metadataJson('max'));
  // First, while src/ is most likely what dist/ was built from.
  const parts = await composition(codeBytes, metadataBytes);

  const variants: Variant[] = [
    { label: 'dist/Code.js as built', code, kind: 'built', times: { fresh: [], cached: [], wall: [] } },
    {
      label: 'without the phone metadata',
      code: withMetadata('{version:4,country_calling_codes:{},countries:{},nonGeographic:{}}'),
      kind: 'metadata',
      times: { fresh: [], cached: [], wall: [] },
    },
    {
      label: 'with max phone metadata (number types for every country) instead of min',
      code: withMetadata(maxJson),
      kind: 'metadata',
      times: { fresh: [], cached: [], wall: [] },
    },
    ...PADDINGS_KB.map(
      (kb): Variant => ({
        label: `+ ${kb} KB code like ours`,
        code: code + codePadding(p, kb),
        kind: 'code',
        times: { fresh: [], cached: [], wall: [] },
      }),
    ),
    ...PADDINGS_KB.map(
      (kb): Variant => ({
        label: `+ ${kb} KB data like the phone metadata`,
        code: code + dataPadding(kb),
        kind: 'data',
        times: { fresh: [], cached: [], wall: [] },
      }),
    ),
  ];
  for (const v of variants) load(v.code, true); // each must load; also warms the host
  progress(`bundle: ${variants.length} variants × ${loads} loads, fresh compile and cached`);
  // Round robin, so a busy moment of this shared machine touches every variant alike.
  for (let i = 0; i < loads; i++) {
    if (i % 10 === 0) collectGarbage();
    for (const v of variants) {
      const f = load(v.code, true);
      v.times.fresh.push(f.cpu);
      v.times.wall.push(f.wall);
      v.times.cached.push(load(v.code, false).cpu);
    }
  }
  const built = variants[0];
  const baseFresh = median(built.times.fresh);
  const points = (kind: Variant['kind']) =>
    variants
      .filter((v) => v.kind === kind || v.kind === 'built')
      .map((v): [number, number] => [(bytes(v.code) - codeBytes) / KB, median(v.times.fresh)]);
  const perCode = slope(points('code')) * 100;
  const perData = slope(points('data')) * 100;
  const loadTable: BenchTable = {
    title: 'Cold load of dist/Code.js in a fresh context (what every execution pays before its function runs)',
    columns: [
      'variant',
      'KB',
      'CPU ms, fresh compile (median)',
      'wall ms, fresh compile (median)',
      'CPU ms, V8 code cache hit (median)',
      'vs as built',
    ],
    rows: variants.map((v) => [
      v.label,
      round(bytes(v.code) / KB),
      round(median(v.times.fresh)),
      round(median(v.times.wall)),
      round(median(v.times.cached)),
      v === built
        ? ''
        : `${median(v.times.fresh) >= baseFresh ? '+' : ''}${round(median(v.times.fresh) - baseFresh)} ms`,
    ]),
    notes: [
      `${loads} loads of each variant, interleaved; each load is a new vm context (local/runtime/vmcontext.ts, as the` +
        ' emulator gives every add-on) and `vm.runInContext` of the whole source: parse, compile, run the top level.' +
        ' "Fresh compile" defeats V8\'s compilation cache with a unique trailing comment; "code cache hit" reuses it.' +
        ' Which one Apps Script gets per execution is not documented; the budget is set on fresh compiles.',
      `Measured cost: **${round(perCode)} ms per 100 KB of code like ours**, ${round(perData)} ms per 100 KB of` +
        ' metadata-like data (least-squares slopes of CPU ms over the padded variants, fresh compile, this machine).',
      "Code padding repeats the bundle's own top-level statements but the metadata, in fresh scopes (functions declared, module" +
        ' constants built, nothing called); data padding is libphonenumber-js max metadata entries as object literals.',
    ],
  };

  const budget = await readBudget();
  const pages = readdirSync(dist)
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ name: f, bytes: statSync(path.join(dist, f)).size }));
  const sizes: BenchTable = {
    title: 'Sizes against their budgets',
    columns: ['file', 'KB', 'budget KB', 'headroom KB'],
    rows: [
      ['dist/Code.js', round(codeBytes / KB), budget / KB, round((budget - codeBytes) / KB)],
      ...pages.map((pg) => [`dist/${pg.name}`, round(pg.bytes / KB), 80, round(80 - pg.bytes / KB)]),
    ],
    notes: [
      `Code.js budget (esbuild.config.mjs MAX_CODE_BYTES, reasoning in README "Bundle budget"): its headroom of` +
        ` ${round((budget - codeBytes) / KB)} KB costs about ${round(((budget - codeBytes) / KB / 100) * perCode)} ms more` +
        ` per execution at the measured ${round(perCode)} ms per 100 KB; the budget itself loads in about` +
        ` ${round(baseFresh + ((budget - codeBytes) / KB / 100) * perCode)} ms.`,
    ],
  };
  const budgets: BenchBudget[] = [
    {
      label: `dist/Code.js ≤ ${budget / KB} KB (the bundle budget)`,
      met: codeBytes <= budget,
      detail: `${round(codeBytes / KB)} KB, ${round((budget - codeBytes) / KB)} KB left; cold load ${round(baseFresh)} ms CPU (fresh compile), ${round(perCode)} ms per 100 KB of code`,
    },
    ...pages.map((pg) => ({
      label: `dist/${pg.name} ≤ 80 KB`,
      met: pg.bytes <= 80 * KB,
      detail: `${round(pg.bytes / KB)} KB`,
    })),
  ];
  return {
    title: 'The bundle: what its size costs',
    tables: [loadTable, sizes, parts],
    budgets,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run({ quick: process.argv.includes('--quick') }).then((s) => {
    for (const t of s.tables) console.log(`${renderTable(t)}\n`);
    for (const b of s.budgets) console.log(renderBudget(b));
  });
}
