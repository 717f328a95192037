// The wire between an execution's worker thread and the main thread: messages and how values cross it.
import { isDate, isServiceObject } from './realm';
import { HtmlOutput, type HtmlOutputData } from './services/html';

/** Marks a service object by handle on the wire. */
export const HANDLE = '\u0000handle';
export const CLASS = '\u0000class';
/** Marks a value sent as data and rebuilt on the other side (an HtmlOutput built in the worker). */
export const TRANSFER = '\u0000transfer';

export type WorkerMessage =
  | { t: 'call'; h: number; m: string; a: unknown[] }
  | { t: 'get'; h: number; p: string }
  | { t: 'set'; h: number; p: string; v: unknown }
  | { t: 'now' }
  | { t: 'log'; level: 'log' | 'info' | 'warn' | 'error'; message: string }
  | { t: 'done'; ok: true; v: unknown; calls: Record<string, number> }
  | { t: 'done'; ok: false; err: WireError; calls: Record<string, number> };

export interface WireError {
  message: string;
  name: string;
}

export type Reply = { ok: true; v: unknown } | { ok: false; err: WireError };

export interface WorkerInit {
  code: string;
  filename: string;
  dir?: string;
  html?: Record<string, string>;
  seed: number;
  scriptTimeZone: string;
  fn: string;
  args: unknown[];
  roots: Record<string, { h: number; c: string }>;
  flag: SharedArrayBuffer;
}

export function wireError(e: unknown): WireError {
  if (e && typeof e === 'object' && 'message' in e) {
    return { message: String((e as Error).message), name: String((e as Error).name ?? 'Error') };
  }
  return { message: String(e), name: 'Error' };
}

export function errorFromWire(w: WireError): Error {
  const e = new Error(w.message);
  if (w.name && w.name !== 'Error') e.name = w.name;
  return e;
}

/** Main-thread side: service objects get handle ids so the worker can name them. */
export class HandleTable {
  private ids = new Map<object, number>();
  private objects = new Map<number, object>();
  private names = new Map<object, string>();
  private next = 1;

  register(o: object, name?: string): number {
    if (name) this.names.set(o, name);
    let id = this.ids.get(o);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(o, id);
      this.objects.set(id, o);
    }
    return id;
  }
  get(id: number): object {
    const o = this.objects.get(id);
    if (!o) throw new Error(`unknown service handle ${id}`);
    return o;
  }
  nameOf(o: object, fallback: (o: object) => string): string {
    return this.names.get(o) ?? fallback(o);
  }

  /** Host value → wire: service objects become handles. */
  encode(v: unknown, className: (o: object) => string): unknown {
    if (v === null || typeof v !== 'object') return typeof v === 'function' ? undefined : v;
    if (isDate(v)) return new Date(v.getTime());
    if (Array.isArray(v)) return v.map((x) => this.encode(x, className));
    if (v instanceof Error) return { message: v.message, name: v.name };
    if (isServiceObject(v)) return { [HANDLE]: this.register(v), [CLASS]: this.nameOf(v, className) };
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = this.encode(x, className);
    return out;
  }

  /** Wire → host value: handles become the objects, transferred outputs are rebuilt. */
  decode(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    if (isDate(v)) return v;
    if (Array.isArray(v)) return v.map((x) => this.decode(x));
    const rec = v as Record<string, unknown>;
    if (typeof rec[HANDLE] === 'number') return this.get(rec[HANDLE] as number);
    if (rec[TRANSFER] === 'HtmlOutput') return HtmlOutput._fromData(rec.data as HtmlOutputData);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(rec)) out[k] = this.decode(x);
    return out;
  }
}
