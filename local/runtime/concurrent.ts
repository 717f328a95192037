// `concurrently`: several executions at once, each in a worker thread, interleaved at service-call boundaries in a
// seeded order; the main thread owns every service and answers one pending call at a time.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import type { AuthModeName } from './enums';
import { Execution, MAX_EXECUTION_MS, Parked } from './execution';
import { classNameOf, describeMember } from './realm';
import { errorFromWire, HandleTable, type Reply, type WorkerInit, type WorkerMessage, wireError } from './remote';
import { seededRandom } from './vmcontext';
import type { Addon, Workbook } from './workbook';

export interface ConcurrentTask {
  /** The add-on's global function to run. */
  fn: string;
  args?: unknown[];
  /** Who runs it; defaults to the workbook's current user. */
  user?: string;
  hideEmail?: boolean;
  authMode?: AuthModeName;
}

/** `ok` says whether the execution finished without throwing; `result` is the same as `value`. */
export type ConcurrentOutcome =
  | { ok: true; value: unknown; result: unknown; user: string; fn: string }
  | { ok: false; error: Error; user: string; fn: string };

export interface ConcurrentOptions {
  seed?: number;
  /** Source appended to the add-on's code in every worker (test-only helpers such as a lock holder). */
  extraCode?: string;
}

/** Finds this folder in CommonJS (jest) and ESM (tsx) alike. */
function runtimeDir(): string {
  if (typeof __dirname === 'string' && existsSync(path.join(__dirname, 'worker.ts'))) return __dirname;
  const stack = new Error().stack ?? '';
  const m = /(file:\/\/\/[^\s)]*?|\/[^\s)(]*?)concurrent\.ts/.exec(stack);
  if (m) {
    const file = m[1].startsWith('file:') ? fileURLToPath(`${m[1]}concurrent.ts`) : `${m[1]}concurrent.ts`;
    return path.dirname(file);
  }
  return path.resolve('local/runtime');
}

let workerCode: string | undefined;
function workerSource(): string {
  if (!workerCode) {
    const out = buildSync({
      entryPoints: [path.join(runtimeDir(), 'worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      keepNames: true,
      logLevel: 'silent',
    });
    workerCode = out.outputFiles[0].text;
  }
  return workerCode;
}

interface Slot {
  index: number;
  task: ConcurrentTask;
  exec: Execution;
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
  state: 'running' | 'pending' | 'parked' | 'done';
  pending?: Extract<WorkerMessage, { t: 'call' }>;
  parked?: Parked;
  parkedSeq?: number;
  outcome?: ConcurrentOutcome;
}

/** Runs the tasks against the workbook's services; deterministic for a given seed. */
export function runConcurrently(
  wb: Workbook,
  addon: Addon,
  tasks: ConcurrentTask[],
  seed: number,
  extraCode?: string,
): Promise<ConcurrentOutcome[]> {
  const rt = wb.runtime;
  const handles = new HandleTable();
  const roots: WorkerInit['roots'] = {};
  for (const [name, target] of Object.entries(wb._services)) {
    roots[name] = { h: handles.register(target, name), c: name };
  }
  const nameOf = (o: object) => handles.nameOf(o, classNameOf);
  const random = seededRandom(seed);
  const start = rt.clock.millis();
  let parkSeq = 0;
  const source = addon.source;

  return new Promise((resolve) => {
    const slots: Slot[] = tasks.map((task, index) => {
      const user = task.user ?? wb.user;
      const exec = new Execution({
        user,
        hideEmail: task.hideEmail ?? (task.user === undefined ? wb.hideEmail : false),
        authMode: task.authMode ?? 'FULL',
        kind: 'concurrent',
        functionName: task.fn,
        // Executions start within a few milliseconds of each other, the spread chosen by the seed.
        start: start + Math.floor(random() * 20),
        budgetMs: MAX_EXECUTION_MS,
        hasUi: true,
      });
      const flagBuffer = new SharedArrayBuffer(4);
      const { port1, port2 } = new MessageChannel();
      const init: WorkerInit & { port: MessagePort } = {
        code: extraCode ? `${source.code}\n${extraCode}\n` : source.code,
        filename: source.filename ?? 'Code.js',
        dir: source.dir,
        html: source.html,
        seed: wb.seed + index + 1,
        scriptTimeZone: rt.scriptTimeZone,
        fn: task.fn,
        args: (task.args ?? []).map((a) => handles.encode(a, nameOf)),
        roots,
        flag: flagBuffer,
        port: port2,
      };
      const worker = new Worker(workerSource(), { eval: true, workerData: init, transferList: [port2] });
      const slot: Slot = { index, task, exec, worker, port: port1, flag: new Int32Array(flagBuffer), state: 'running' };
      port1.on('message', (msg: WorkerMessage) => onMessage(slot, msg));
      worker.on('error', (e) => finish(slot, { ok: false, error: e instanceof Error ? e : new Error(String(e)) }));
      return slot;
    });

    function reply(slot: Slot, r: Reply): void {
      slot.port.postMessage(r);
      Atomics.store(slot.flag, 0, 1);
      Atomics.notify(slot.flag, 0);
    }

    function asExec<T>(slot: Slot, fn: () => T): T {
      const prev = rt.scheduled;
      rt.scheduled = slot.exec;
      try {
        return fn();
      } finally {
        rt.scheduled = prev;
      }
    }

    function onMessage(slot: Slot, msg: WorkerMessage): void {
      switch (msg.t) {
        case 'now':
          reply(slot, { ok: true, v: slot.exec.now() });
          return;
        case 'log':
          asExec(slot, () => rt.log(msg.level, msg.message));
          reply(slot, { ok: true, v: undefined });
          return;
        case 'get': {
          try {
            const member = describeMember(handles.get(msg.h), msg.p);
            const wire =
              member.kind === 'value' ? { kind: 'value', value: handles.encode(member.value, nameOf) } : member;
            reply(slot, { ok: true, v: wire });
          } catch (e) {
            reply(slot, { ok: false, err: wireError(e) });
          }
          return;
        }
        case 'set':
          (handles.get(msg.h) as Record<string, unknown>)[msg.p] = handles.decode(msg.v);
          reply(slot, { ok: true, v: undefined });
          return;
        case 'call':
          slot.state = 'pending';
          slot.pending = msg;
          schedule();
          return;
        case 'done':
          for (const [k, n] of Object.entries(msg.calls)) rt.calls[k] = (rt.calls[k] ?? 0) + n;
          finish(
            slot,
            msg.ok ? { ok: true, value: handles.decode(msg.v) } : { ok: false, error: errorFromWire(msg.err) },
          );
          return;
      }
    }

    function finish(slot: Slot, r: { ok: true; value: unknown } | { ok: false; error: Error }): void {
      if (slot.state === 'done') return;
      slot.state = 'done';
      const user = slot.exec.user;
      slot.outcome = r.ok
        ? { ok: true, value: r.value, result: r.value, user, fn: slot.task.fn }
        : { ok: false, error: r.error, user, fn: slot.task.fn };
      wb.locks.releaseAll(slot.exec);
      rt.finish(slot.exec, r.ok ? undefined : r.error);
      void slot.worker.terminate();
      schedule();
    }

    /** Answers a call; a Parked wait leaves the slot parked instead. */
    function answer(slot: Slot, produce: () => unknown): void {
      try {
        const value = asExec(slot, produce);
        slot.state = 'running';
        slot.pending = undefined;
        slot.parked = undefined;
        reply(slot, { ok: true, v: handles.encode(value, nameOf) });
      } catch (e) {
        if (e instanceof Parked) {
          slot.state = 'parked';
          slot.parked = e;
          slot.parkedSeq = parkSeq++;
          return;
        }
        slot.state = 'running';
        slot.pending = undefined;
        slot.parked = undefined;
        reply(slot, { ok: false, err: wireError(e) });
      }
    }

    function invoke(msg: Extract<WorkerMessage, { t: 'call' }>): unknown {
      const target = handles.get(msg.h) as Record<string, (...a: unknown[]) => unknown>;
      const args = msg.a.map((a) => handles.decode(a));
      return rt.serviceCall(nameOf(target), msg.m, args, () => target[msg.m](...args));
    }

    function schedule(): void {
      for (;;) {
        if (slots.some((s) => s.state === 'running')) return;
        const parked = slots.filter((s) => s.state === 'parked').sort((a, b) => a.parkedSeq! - b.parkedSeq!);
        // A released lock goes to the longest waiter first.
        let woken: { slot: Slot; value: unknown } | undefined;
        for (const s of parked) {
          const got = asExec(s, () => s.parked!.retry());
          if (got) {
            woken = { slot: s, value: got.value };
            break;
          }
        }
        if (woken) {
          const { value } = woken;
          answer(woken.slot, () => value);
          continue;
        }
        // Calls are answered in virtual-time order; executions at the same moment go in seeded random order.
        const pending = slots.filter((s) => s.state === 'pending');
        const soonest = Math.min(...pending.map((s) => s.exec.now()));
        const earliest = parked.sort((a, b) => a.parked!.deadline - b.parked!.deadline)[0];
        if (earliest && earliest.parked!.deadline <= soonest) {
          // Nobody released the lock before the deadline: the wait times out.
          const p = earliest.parked!;
          answer(earliest, () => p.onTimeout());
          continue;
        }
        if (pending.length > 0) {
          const ties = pending.filter((s) => s.exec.now() === soonest);
          const pick = ties[Math.floor(random() * ties.length)];
          answer(pick, () => invoke(pick.pending!));
          continue;
        }
        if (slots.every((s) => s.state === 'done')) resolve(slots.map((s) => s.outcome!));
        return;
      }
    }
  });
}
