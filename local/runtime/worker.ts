// One execution of `concurrently` in its own thread: the add-on in a fresh vm, every service reached by synchronous
// RPC to the main thread (SharedArrayBuffer + Atomics.wait), HtmlService local because scriptlets run here.
import vm from 'node:vm';
import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { Bridge, isDate, isQuiet, realmOf, toHost, toVm } from './realm';
import {
  CLASS,
  errorFromWire,
  HANDLE,
  type Reply,
  TRANSFER,
  type WorkerInit,
  type WorkerMessage,
  wireError,
} from './remote';
import { HtmlOutput, HtmlService } from './services/html';
import { makeConsole } from './services/logger';
import { createAppsScriptContext, templateHost } from './vmcontext';

const init = workerData as WorkerInit & { port: MessagePort };
const port = init.port;
const flag = new Int32Array(init.flag);

function rpc(msg: WorkerMessage): Reply {
  Atomics.store(flag, 0, 0);
  port.postMessage(msg);
  Atomics.wait(flag, 0, 0);
  for (;;) {
    const r = receiveMessageOnPort(port);
    if (r) return r.message as Reply;
  }
}

function unwrapReply(r: Reply): unknown {
  if (!r.ok) throw errorFromWire(r.err);
  return r.v;
}

const context = createAppsScriptContext(() => unwrapReply(rpc({ t: 'now' })) as number, init.seed, init.scriptTimeZone);
const realm = realmOf(context);
const localCalls: Record<string, number> = {};

/** A service object living in the main thread, named by handle. */
class RemoteRef {
  constructor(
    readonly h: number,
    readonly c: string,
  ) {}
}
const remoteProxies = new Map<number, object>();
const refOfProxy = new WeakMap<object, RemoteRef>();
const knownMethods = new Map<string, Set<string>>();

// Local services (HtmlService) are wrapped by a Bridge that only counts; they cost no virtual time.
const localBridge = new Bridge(realm, (cls, method, _args, call) => {
  const key = `${cls}.${method}`;
  if (cls !== 'EnumValue' && method !== 'toString') localCalls[key] = (localCalls[key] ?? 0) + 1;
  return call();
});

const unwrap = (o: object): unknown => refOfProxy.get(o) ?? localBridge.unwrap(o);
const hostOf = (v: unknown) => toHost(v, unwrap);
const vmOf = (v: unknown): unknown =>
  toVm(v, realm, (o) => (o instanceof RemoteRef ? remoteProxy(o) : localBridge.wrap(o)));

function vmError(e: unknown): unknown {
  return localBridge.vmError(e);
}

/** Host value → wire: remote refs become handles, outputs built here travel as data. */
function encode(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'function' ? undefined : v;
  if (v instanceof RemoteRef) return { [HANDLE]: v.h };
  if (v instanceof HtmlOutput) return { [TRANSFER]: 'HtmlOutput', data: v._toData() };
  if (isDate(v)) return v;
  if (Array.isArray(v)) return v.map(encode);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = encode(x);
  return out;
}

/** Wire → host value: handles become RemoteRefs (vmOf turns them into proxies). */
function decode(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (isDate(v)) return v;
  if (Array.isArray(v)) return v.map(decode);
  const rec = v as Record<string, unknown>;
  if (typeof rec[HANDLE] === 'number') return new RemoteRef(rec[HANDLE] as number, String(rec[CLASS]));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(rec)) out[k] = decode(x);
  return out;
}

function remoteProxy(ref: RemoteRef): object {
  const existing = remoteProxies.get(ref.h);
  if (existing) return existing;
  const methods = knownMethods.get(ref.c) ?? new Set<string>();
  knownMethods.set(ref.c, methods);
  const fns = new Map<string, (...args: unknown[]) => unknown>();
  const method = (name: string) => {
    let fn = fns.get(name);
    if (!fn) {
      fn = (...args: unknown[]) => {
        const reply = rpc({ t: 'call', h: ref.h, m: name, a: args.map((a) => encode(hostOf(a))) });
        if (!reply.ok) throw vmError(errorFromWire(reply.err));
        return vmOf(decode(reply.v));
      };
      fns.set(name, fn);
    }
    return fn;
  };
  const proxy = new Proxy(ref, {
    get(_t, prop) {
      if (typeof prop === 'symbol') return prop === Symbol.toStringTag ? ref.c : undefined;
      if (methods.has(prop)) return method(prop);
      if (prop.startsWith('_') || (isQuiet(prop) && prop !== 'toJSON')) return undefined;
      const reply = rpc({ t: 'get', h: ref.h, p: prop });
      if (!reply.ok) throw vmError(errorFromWire(reply.err));
      const member = reply.v as { kind: string; value?: unknown };
      if (member.kind === 'method') {
        methods.add(prop);
        return method(prop);
      }
      if (member.kind === 'value') return vmOf(decode(member.value));
      if (isQuiet(prop)) return undefined;
      throw vmError(new Error(`not emulated: ${ref.c}.${prop}`));
    },
    set(_t, prop, value) {
      if (typeof prop === 'symbol') return false;
      unwrapReply(rpc({ t: 'set', h: ref.h, p: prop, v: encode(hostOf(value)) }));
      return true;
    },
  });
  remoteProxies.set(ref.h, proxy);
  refOfProxy.set(proxy, ref);
  return proxy;
}

const html = new HtmlService(templateHost(context, init, vmOf));

const globals = context as Record<string, unknown>;
for (const [name, root] of Object.entries(init.roots)) globals[name] = remoteProxy(new RemoteRef(root.h, name));
globals.HtmlService = localBridge.wrap(html, 'HtmlService');
globals.console = vmOf({});
Object.assign(
  globals.console as object,
  makeConsole(
    (level, message) => {
      rpc({ t: 'log', level, message });
    },
    () => unwrapReply(rpc({ t: 'now' })) as number,
  ),
);

let done: WorkerMessage;
try {
  vm.runInContext(init.code, context, { filename: init.filename });
  const fn = globals[init.fn];
  if (typeof fn !== 'function') throw new Error(`Script function not found: ${init.fn}`);
  const result = (fn as (...a: unknown[]) => unknown).apply(
    undefined,
    init.args.map((a) => vmOf(decode(a))),
  );
  done = { t: 'done', ok: true, v: encode(hostOf(result)), calls: localCalls };
} catch (e) {
  done = { t: 'done', ok: false, err: wireError(hostOf(e)), calls: localCalls };
}
port.postMessage(done);
