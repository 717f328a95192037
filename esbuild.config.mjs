// Builds what clasp pushes: dist/Code.js (Apps Script V8), one self-contained dist/<name>.html per html/<name>/,
// and dist/appsscript.json.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import ts from 'typescript';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');
const GLOBAL = '__Kartoteka';
const MAX_HTML_BYTES = 80 * 1024;
// Every execution loads all of Code.js before its function runs: ≈ 5–8 ms CPU per 100 KB of code (npm run bench,
// section "bundle"). 600 KB loads in ≈ 40 ms, under half of the cheapest write's sheet time; README "Bundle budget".
export const MAX_CODE_BYTES = 600 * 1024;

/** How src/main.ts becomes the body of Code.js (the bench builds it the same way to weigh its parts). */
export const CODE_OPTIONS = {
  bundle: true,
  write: false,
  format: 'iife',
  globalName: GLOBAL,
  target: 'es2020',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  charset: 'utf8',
  legalComments: 'none',
  // Minified to stay within the code budget; names are kept so Apps Script stack traces still read.
  minify: true,
  keepNames: true,
  logLevel: 'warning',
};

/** Names, JSDoc and parameter names of the functions src/main.ts exports, read with the TypeScript parser. */
export function readEntries(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true);
  const entries = [];
  const isExported = (node) => node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const jsdocOf = (node) => {
    const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
    const docs = ranges.map((r) => text.slice(r.pos, r.end)).filter((c) => c.startsWith('/**'));
    return docs.length ? docs[docs.length - 1] : '';
  };
  for (const stmt of source.statements) {
    if (ts.isFunctionDeclaration(stmt) && isExported(stmt) && stmt.name) {
      entries.push({
        name: stmt.name.text,
        jsdoc: jsdocOf(stmt),
        params: stmt.parameters.map((p) => p.name.getText()),
      });
    } else if (ts.isVariableStatement(stmt) && isExported(stmt)) {
      for (const decl of stmt.declarationList.declarations) {
        const init = decl.initializer;
        const params =
          init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))
            ? init.parameters.map((p) => p.name.getText())
            : [];
        entries.push({ name: decl.name.getText(), jsdoc: jsdocOf(stmt), params });
      }
    } else if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
      for (const el of stmt.exportClause.elements) entries.push({ name: el.name.text, jsdoc: '', params: [] });
    }
  }
  return entries;
}

/** Makes inlined code safe inside <script> and inside HtmlService templates without changing what it means. */
export function escapeInlineCode(code) {
  // `<` and `>` only appear next to `?` or `/script` inside strings, regexes, templates and comments,
  // where \x3c / \x3e mean the same character.
  return code
    .replace(/<\/(script)/gi, (_m, word) => `\\x3c/${word}`)
    .replace(/<\?/g, () => '\\x3c?')
    .replace(/\?>/g, () => '?\\x3e')
    .replace(/<!--/g, () => '\\x3c!--');
}

async function buildCode() {
  const entryFile = path.join(root, 'src/main.ts');
  const probe = await esbuild.build({
    entryPoints: [entryFile],
    bundle: true,
    write: false,
    format: 'esm',
    metafile: true,
    target: 'es2020',
    outdir: path.join(dist, '.probe'),
    logLevel: 'silent',
  });
  const exported = new Set(Object.values(probe.metafile.outputs).flatMap((o) => o.exports));
  const entries = readEntries(entryFile).filter((e) => exported.has(e.name));
  const missing = [...exported].filter((n) => !entries.some((e) => e.name === n));
  if (missing.length) throw new Error(`src/main.ts exports that are not functions: ${missing.join(', ')}`);

  const result = await esbuild.build({ entryPoints: [entryFile], ...CODE_OPTIONS });
  const body = result.outputFiles[0].text;
  const stubs = entries
    .map((e) => {
      const doc = e.jsdoc ? `${e.jsdoc}\n` : '';
      return `${doc}function ${e.name}(${e.params.join(', ')}) {\n  return ${GLOBAL}.${e.name}.apply(this, arguments);\n}\n`;
    })
    .join('\n');
  const header = '// Kartoteka — built from src/ by esbuild.config.mjs; edit the TypeScript, not this file.\n';
  const code = `${header}${body}\n${stubs}`;
  const bytes = Buffer.byteLength(code);
  if (bytes > MAX_CODE_BYTES) {
    throw new Error(
      `dist/Code.js is ${(bytes / 1024).toFixed(1)} KB, over the ${MAX_CODE_BYTES / 1024} KB budget: every execution` +
        ' loads all of it (README "Bundle budget"; npm run bench -- --only bundle measures the cost)',
    );
  }
  writeFileSync(path.join(dist, 'Code.js'), code);
  return entries.map((e) => e.name);
}

async function buildHtml() {
  const htmlRoot = path.join(root, 'html');
  if (!existsSync(htmlRoot)) return [];
  const built = [];
  for (const name of readdirSync(htmlRoot)) {
    const dir = path.join(htmlRoot, name);
    if (!statSync(dir).isDirectory()) continue;
    const entry = ['main.tsx', 'main.ts'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
    // A folder's own index.html, else the shared sidebar page for a folder that only has a main.ts(x).
    const own = path.join(dir, 'index.html');
    const template = existsSync(own) ? own : entry ? path.join(htmlRoot, 'kit', 'sidebar.html') : null;
    if (!template) continue;
    let js = '';
    let css = '';
    if (entry) {
      const out = await esbuild.build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        minify: true,
        format: 'iife',
        target: 'es2020',
        jsx: 'automatic',
        jsxImportSource: 'preact',
        outdir: path.join(dist, '.html', name),
        charset: 'utf8',
        legalComments: 'none',
        logLevel: 'warning',
      });
      for (const f of out.outputFiles) {
        if (f.path.endsWith('.js')) js += f.text;
        else if (f.path.endsWith('.css')) css += f.text;
      }
    }
    const cssFile = path.join(dir, 'style.css');
    if (!entry && existsSync(cssFile)) css += readFileSync(cssFile, 'utf8');
    let html = readFileSync(template, 'utf8');
    const styleTag = css ? `<style>${escapeInlineCode(css)}</style>` : '';
    const scriptTag = js ? `<script>${escapeInlineCode(js)}</script>` : '';
    html = html.includes('<!-- styles -->')
      ? html.replace('<!-- styles -->', () => styleTag)
      : html.replace('</head>', () => `${styleTag}</head>`);
    html = html.includes('<!-- scripts -->')
      ? html.replace('<!-- scripts -->', () => scriptTag)
      : html.replace('</body>', () => `${scriptTag}</body>`);
    const bytes = Buffer.byteLength(html);
    if (bytes > MAX_HTML_BYTES) throw new Error(`dist/${name}.html is ${bytes} bytes; the limit is ${MAX_HTML_BYTES}`);
    writeFileSync(path.join(dist, `${name}.html`), html);
    built.push({ name, bytes });
  }
  return built;
}

export async function build() {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  copyFileSync(path.join(root, 'appsscript.json'), path.join(dist, 'appsscript.json'));
  const entries = await buildCode();
  const pages = await buildHtml();
  return { entries, pages, codeBytes: statSync(path.join(dist, 'Code.js')).size };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { entries, pages, codeBytes } = await build();
  console.log(`dist/Code.js ${(codeBytes / 1024).toFixed(1)} KB, ${entries.length} entries`);
  for (const p of pages) console.log(`dist/${p.name}.html ${(p.bytes / 1024).toFixed(1)} KB`);
  console.log('dist/appsscript.json');
}
