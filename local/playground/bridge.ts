// The google.script.run bridge rules: which functions a page may call, how a request is checked, how results travel.
import * as acorn from 'acorn';

export const MAX_BODY_BYTES = 1024 * 1024;

/** A request the bridge refuses; `status` is the HTTP status to answer with. */
export class BridgeError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

/**
 * Names of the top-level function declarations of an Apps Script file: the only things google.script.run can
 * reach. Names ending in `_` are private in Apps Script and cannot be called from a page.
 */
export function declaredFunctions(code: string): Set<string> {
  const ast = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script' }) as unknown as {
    body: Array<{ type: string; id?: { name: string } }>;
  };
  const names = new Set<string>();
  for (const node of ast.body) {
    if (node.type === 'FunctionDeclaration' && node.id && !node.id.name.endsWith('_')) names.add(node.id.name);
  }
  return names;
}

export interface RunRequest {
  fn: string;
  args: unknown[];
}

/** Checks a POST /api/run body: JSON `{ fn, args }` naming a declared function, args an array of JSON values. */
export function parseRunRequest(body: string, declared: ReadonlySet<string>): RunRequest {
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new BridgeError(413, 'Request body is larger than 1 MB.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new BridgeError(400, 'Request body is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BridgeError(400, 'Request body must be an object { fn, args }.');
  }
  const { fn, args } = parsed as { fn?: unknown; args?: unknown };
  if (typeof fn !== 'string' || !fn) throw new BridgeError(400, 'fn must be the name of a server function.');
  if (args !== undefined && !Array.isArray(args)) throw new BridgeError(400, 'args must be an array.');
  if (!declared.has(fn)) {
    throw new BridgeError(404, `Script function not found: ${fn}`);
  }
  return { fn, args: (args as unknown[] | undefined) ?? [] };
}

function containsIllegal(value: unknown, seen: Set<unknown>): boolean {
  if (value === null || value === undefined) return false;
  const t = typeof value;
  if (t === 'function' || t === 'symbol' || t === 'bigint') return true;
  if (t !== 'object') return false;
  if (Object.prototype.toString.call(value) === '[object Date]') return true;
  if (seen.has(value)) return true;
  seen.add(value);
  const items = Array.isArray(value) ? value : Object.values(value as object);
  const bad = items.some((v) => containsIllegal(v, seen));
  seen.delete(value);
  return bad;
}

/**
 * A server function's return value as the page receives it. Like google.script.run, a value that holds a Date (or
 * a function, or a cycle) anywhere reaches the success handler as null; `undefined` stays undefined.
 */
export function toPageValue(value: unknown): { value?: unknown; undefined?: true } {
  if (value === undefined) return { undefined: true };
  if (containsIllegal(value, new Set())) return { value: null };
  return { value: JSON.parse(JSON.stringify(value)) };
}
