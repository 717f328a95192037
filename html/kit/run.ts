// A promise client over google.script.run, typed from the server API so a renamed server function breaks the build.
import type { DuplicateInfo, Failure, ServerApi } from '../../src/shared/api';

/** Globals the sidebars may call besides the API: the menu entries that open a sidebar for a client. */
export type Callable = ServerApi;
export type ServerFn = keyof Callable;
export type ServerResult<K extends ServerFn> = ReturnType<Callable[K]>;

type Runner = {
  withSuccessHandler(fn: (value: unknown) => void): Runner;
  withFailureHandler(fn: (error: unknown) => void): Runner;
} & Record<string, (...args: unknown[]) => void>;

/** Date objects cannot cross google.script.run: they become 'yyyy-mm-dd' (midnight) or 'yyyy-mm-ddTHH:mm' strings. */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    const day = `${value.getFullYear()}-${p(value.getMonth() + 1)}-${p(value.getDate())}`;
    return value.getHours() || value.getMinutes() ? `${day}T${p(value.getHours())}:${p(value.getMinutes())}` : day;
  }
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return value;
}

function runner(): Runner | undefined {
  const g = (globalThis as { google?: { script?: { run?: unknown } } }).google;
  return g?.script?.run as Runner | undefined;
}

/** Calls a server function; resolves with its result, rejects with an Error when the call itself fails. */
export function run<K extends ServerFn>(fn: K, ...args: Parameters<Callable[K]>): Promise<ServerResult<K>> {
  return new Promise((resolve, reject) => {
    const base = runner();
    if (!base) {
      reject(new Error('google.script.run is not available'));
      return;
    }
    const call = base
      .withSuccessHandler((value) => resolve(value as ServerResult<K>))
      .withFailureHandler((error) => reject(asError(error)));
    const target = call[fn as string];
    if (typeof target !== 'function') {
      reject(new Error(`${String(fn)} is not a server function`));
      return;
    }
    target.apply(call, args.map(toWire));
  });
}

/** The server refused because the client looks like one already in the base. */
export function isDuplicateFailure(f: Failure): f is { ok: false; duplicates: DuplicateInfo[]; errors?: undefined } {
  return Array.isArray((f as { duplicates?: unknown }).duplicates);
}

export function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (error && typeof error === 'object' && 'message' in error) return new Error(String((error as Error).message));
  return new Error(String(error));
}

/** Closes the sidebar (Esc on an empty form). */
export function closeSidebar(): void {
  const g = (globalThis as { google?: { script?: { host?: { close?: () => void } } } }).google;
  g?.script?.host?.close?.();
}
