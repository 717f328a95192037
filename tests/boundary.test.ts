// The floors of the code stay apart: only src/sheets and src/services call Spreadsheet objects, the domain names no
// Apps Script service, and no floor imports one above it. Each failure names the file and line to fix.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const SRC = path.join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Source without comments (so a comment may name what the code must not call). Line numbers are kept. */
function code(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '));
  return text.split('\n').map((line) => line.replace(/(^|[^:'"`\\])\/\/.*$/, '$1'));
}

const rel = (file: string) => path.relative(ROOT, file);

/** Method names of Apps Script spreadsheet classes, from the type definitions the code is checked against. */
function methodsOf(...interfaces: string[]): Set<string> {
  const dts = readFileSync(
    path.join(ROOT, 'node_modules/@types/google-apps-script/google-apps-script.spreadsheet.d.ts'),
    'utf8',
  );
  const names = new Set<string>();
  for (const name of interfaces) {
    const body = new RegExp(`\\n        interface ${name} \\{([\\s\\S]*?)\\n        \\}`).exec(dts)?.[1];
    if (!body) throw new Error(`no interface ${name} in the Apps Script types`);
    for (const m of body.matchAll(/^\s+(\w+)\(/gm)) names.add(m[1]);
  }
  return names;
}

// Also Array and Map methods: a Range.sort or Sheet.clear in the server would slip through this check.
const SHARED_WITH_JS = new Set(['sort', 'clear', 'find']);
const SPREADSHEET_METHODS = [
  ...methodsOf('Range', 'Sheet', 'Spreadsheet', 'TextFinder', 'RangeList', 'DeveloperMetadataFinder'),
].filter((m) => !SHARED_WITH_JS.has(m));
const CALL = new RegExp(`\\.(${SPREADSHEET_METHODS.join('|')})\\(`, 'g');
const APPS_SCRIPT_GLOBALS =
  /\b(SpreadsheetApp|MailApp|GmailApp|ScriptApp|PropertiesService|LockService|CacheService|Session|Utilities|HtmlService|ContentService|UrlFetchApp|DriveApp|Charts|Logger)\b/g;

/** `file:line: text` for each line where `pattern` matches. */
function findings(files: string[], pattern: RegExp): string[] {
  const out: string[] = [];
  for (const file of files) {
    code(file).forEach((line, i) => {
      for (const m of line.matchAll(pattern)) out.push(`${rel(file)}:${i + 1}: ${m[0]} in «${line.trim()}»`);
    });
  }
  return out;
}

/** Relative imports of a file resolved to paths under src/. */
function importsOf(file: string): Array<{ line: number; target: string }> {
  const out: Array<{ line: number; target: string }> = [];
  code(file).forEach((line, i) => {
    for (const m of line.matchAll(/\bfrom\s+'(\.[^']+)'|\bimport\s*\(\s*'(\.[^']+)'/g)) {
      out.push({ line: i + 1, target: path.relative(SRC, path.resolve(path.dirname(file), m[1] ?? m[2])) });
    }
  });
  return out;
}

function forbiddenImports(files: string[], floors: string[]): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter(({ target }) => floors.some((f) => target === f || target.startsWith(`${f}/`)))
      .map(({ line, target }) => `${rel(file)}:${line}: imports src/${target}`),
  );
}

const domain = filesUnder(path.join(SRC, 'domain'));
const server = filesUnder(path.join(SRC, 'server'));
const sheets = filesUnder(path.join(SRC, 'sheets'));
const services = filesUnder(path.join(SRC, 'services'));
const main = [path.join(SRC, 'main.ts')];

describe('the floors of src/', () => {
  it('finds the spreadsheet methods it looks for (the type definitions were read)', () => {
    expect(SPREADSHEET_METHODS).toEqual(
      expect.arrayContaining([
        'getRange',
        'getValues',
        'setValues',
        'appendRow',
        'deleteRow',
        'getDataRange',
        'createTextFinder',
        'getLastRow',
        'insertSheet',
        'findAll',
      ]),
    );
    expect(findings([path.join(__dirname, 'boundary.fixture.txt')], CALL)).toEqual([
      'tests/boundary.fixture.txt:2: .getRange( in «const cells = sheet.getRange(2, 1).getValues();»',
      'tests/boundary.fixture.txt:2: .getValues( in «const cells = sheet.getRange(2, 1).getValues();»',
    ]);
  });

  it('calls Range, Sheet and Spreadsheet methods only in src/sheets and src/services', () => {
    expect(findings([...server, ...domain, ...main], CALL)).toEqual([]);
  });

  it('names no Apps Script service in src/domain', () => {
    expect(findings(domain, APPS_SCRIPT_GLOBALS)).toEqual([]);
  });

  it('keeps the domain free of adapters, services, use cases and the entry', () => {
    expect(forbiddenImports(domain, ['sheets', 'services', 'server', 'main.ts', 'main'])).toEqual([]);
  });

  it('keeps adapters and services below the use cases and the entry', () => {
    expect(forbiddenImports(sheets, ['server', 'main.ts', 'main'])).toEqual([]);
    expect(forbiddenImports(services, ['sheets', 'server', 'main.ts', 'main'])).toEqual([]);
  });
});
