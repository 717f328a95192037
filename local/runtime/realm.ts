// The boundary between the add-on's vm realm and the host: converting values both ways and the one generic Proxy
// that hands service objects to the add-on (counting calls, converting arguments and results, wrapping results).
import vm from 'node:vm';

/** The constructors of a vm realm, for building values the add-on's `instanceof` accepts. */
export interface VmRealm {
  Object: ObjectConstructor;
  Array: ArrayConstructor;
  Date: DateConstructor;
  Error: ErrorConstructor;
  objectProto: object;
}

export function realmOf(context: vm.Context): VmRealm {
  const r = vm.runInContext('({ Object: Object, Array: Array, Date: Date, Error: Error })', context);
  return { ...r, objectProto: r.Object.prototype };
}

export const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** A record of data (as opposed to a service object): an object literal of any realm without methods. */
export function isPlainData(v: object, realm?: VmRealm): boolean {
  const proto = Object.getPrototypeOf(v);
  if (proto !== null && proto !== Object.prototype && proto !== realm?.objectProto) {
    // An object literal from another realm has a prototype whose own prototype is null and which owns hasOwnProperty.
    if (!(Object.getPrototypeOf(proto) === null && Object.hasOwn(proto, 'hasOwnProperty'))) return false;
  }
  return true;
}

/** Classes whose methods the add-on reaches; internal members start with '_' and stay hidden. */
export function isServiceObject(v: unknown): v is object {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v) || isDate(v) || v instanceof Error) return false;
  if (ArrayBuffer.isView(v)) return false;
  if (!isPlainData(v)) return true;
  // An object literal carrying functions is a service object too (a model may build one that way).
  return Object.values(v).some((x) => typeof x === 'function');
}

/** Name used for counting: an explicit name, Symbol.toStringTag, else the class name. */
export function classNameOf(target: object): string {
  const tag = (target as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  if (typeof tag === 'string' && tag) return tag;
  const enumName = (target as { _enumName?: unknown })._enumName;
  if (typeof enumName === 'string') return enumName;
  const ctor = (target as { constructor?: { name?: string } }).constructor;
  return ctor?.name && ctor.name !== 'Object' ? ctor.name : 'Object';
}

// Properties that tooling and the language probe on any object; answered quietly instead of "not emulated".
const QUIET = new Set(['then', 'toJSON', 'constructor', 'inspect', 'nodeType', 'asymmetricMatch', '$$typeof']);

/** Host → vm: Dates, arrays and plain objects rebuilt with the vm's constructors; service objects wrapped. */
export function toVm(value: unknown, realm: VmRealm, wrap: (o: object) => unknown, seen = new Map()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (isDate(value)) return new realm.Date(value.getTime());
  if (value instanceof Error) {
    const e = new realm.Error(value.message);
    if (value.name !== 'Error') e.name = value.name;
    return e;
  }
  if (Array.isArray(value)) {
    const out = new realm.Array();
    seen.set(value, out);
    for (const v of value) out.push(toVm(v, realm, wrap, seen));
    return out;
  }
  if (ArrayBuffer.isView(value)) return value;
  if (isServiceObject(value)) return wrap(value);
  const out = new realm.Object() as Record<string, unknown>;
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = toVm(v, realm, wrap, seen);
  return out;
}

/** vm → host: Dates and containers rebuilt in the host realm; wrapped service objects unwrapped. */
export function toHost(value: unknown, unwrap: (o: object) => unknown, seen = new Map()): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  const inner = unwrap(value as object);
  if (inner !== undefined) return inner;
  if (typeof value === 'function') return value;
  if (seen.has(value)) return seen.get(value);
  if (isDate(value)) return new Date((value as Date).getTime());
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(toHost(v, unwrap, seen));
    return out;
  }
  if (Object.prototype.toString.call(value) === '[object Error]') {
    const src = value as Error;
    const e = new Error(src.message);
    if (src.name && src.name !== 'Error') e.name = src.name;
    if (src.stack) e.stack = src.stack;
    return e;
  }
  if (ArrayBuffer.isView(value)) return value;
  if (!isPlainData(value as object)) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value as object)) out[k] = toHost(v, unwrap, seen);
  return out;
}

/** How a service call is carried out; the Runtime counts, charges and checks. */
export type Invoke = (className: string, method: string, args: unknown[], call: () => unknown) => unknown;

/** What the add-on reading `target[prop]` gets: a method, a value, or Google's "not emulated". */
export type Member = { kind: 'method' } | { kind: 'value'; value: unknown } | { kind: 'absent' };

export function describeMember(target: object, prop: string): Member {
  if (prop.startsWith('_')) return QUIET.has(prop) ? { kind: 'absent' } : { kind: 'absent' };
  const v = (target as Record<string, unknown>)[prop];
  if (typeof v === 'function') return { kind: 'method' };
  if (v === undefined && !(prop in target)) return { kind: 'absent' };
  return { kind: 'value', value: v };
}

export function isQuiet(prop: string): boolean {
  return QUIET.has(prop);
}

/** Wraps host service objects for one vm realm; one proxy per object so identity (enums) holds. */
export class Bridge {
  private proxies = new WeakMap<object, object>();
  private targets = new WeakMap<object, object>();
  private names = new WeakMap<object, string>();

  constructor(
    readonly realm: VmRealm,
    private readonly invoke: Invoke,
  ) {}

  /** Names a root service ('SpreadsheetApp') whose class name may differ. */
  wrap(target: object, name?: string): object {
    if (name) this.names.set(target, name);
    let p = this.proxies.get(target);
    if (p) return p;
    p = this.makeProxy(target);
    this.proxies.set(target, p);
    this.targets.set(p, target);
    return p;
  }

  unwrap = (v: object): unknown => this.targets.get(v);

  toVm = (v: unknown): unknown => toVm(v, this.realm, (o) => this.wrap(o));
  toHost = (v: unknown): unknown => toHost(v, this.unwrap);

  /** A host error rebuilt in the vm realm so the add-on's `catch (e) { e.message }` and instanceof work. */
  vmError(e: unknown): unknown {
    if (e instanceof Error || Object.prototype.toString.call(e) === '[object Error]') {
      const err = new this.realm.Error((e as Error).message);
      const name = (e as Error).name;
      if (name && name !== 'Error') err.name = name;
      return err;
    }
    return e;
  }

  private nameOf(target: object): string {
    return this.names.get(target) ?? classNameOf(target);
  }

  private makeProxy(target: object): object {
    const methods = new Map<string, (...args: unknown[]) => unknown>();
    const bridge = this;
    return new Proxy(target, {
      get(t, prop) {
        if (typeof prop === 'symbol') {
          if (prop === Symbol.toStringTag) return bridge.nameOf(t);
          return undefined;
        }
        const cached = methods.get(prop);
        if (cached) return cached;
        const member = describeMember(t, prop);
        if (member.kind === 'method') {
          const fn = (...args: unknown[]) => bridge.call(t, prop, args);
          methods.set(prop, fn);
          return fn;
        }
        if (member.kind === 'value') return bridge.toVm(member.value);
        if (isQuiet(prop)) return undefined;
        throw bridge.vmError(new Error(`not emulated: ${bridge.nameOf(t)}.${prop}`));
      },
      set(t, prop, value) {
        (t as Record<string | symbol, unknown>)[prop] = bridge.toHost(value);
        return true;
      },
      has(t, prop) {
        return typeof prop === 'string' && !prop.startsWith('_') && prop in t;
      },
      ownKeys(t) {
        return Reflect.ownKeys(t).filter((k) => typeof k === 'string' && !k.startsWith('_'));
      },
      getOwnPropertyDescriptor(t, prop) {
        if (typeof prop === 'string' && prop.startsWith('_')) return undefined;
        return Reflect.getOwnPropertyDescriptor(t, prop);
      },
    });
  }

  /** One method call from the add-on. */
  call(target: object, method: string, args: unknown[]): unknown {
    const hostArgs = args.map(this.toHost);
    let result: unknown;
    try {
      result = this.invoke(this.nameOf(target), method, hostArgs, () =>
        (target as Record<string, (...a: unknown[]) => unknown>)[method](...hostArgs),
      );
    } catch (e) {
      throw this.vmError(e);
    }
    return this.toVm(result);
  }
}
