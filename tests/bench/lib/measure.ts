// Host measurements for bench sections: medians, CPU time of a synchronous call, and the process's peak RSS
// sampled by a worker thread (the main thread is busy inside the measured call, so it cannot sample itself).
import { Worker } from 'node:worker_threads';

export function median(xs: number[]): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den ? num / den : Number.NaN;
}

/** Collects garbage when node runs with --expose-gc (the scoreboard starts sections so), so a measurement does not pay for earlier work. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** CPU milliseconds (user + system, all threads of the process) spent in fn, and its result. */
export function cpuTime<T>(fn: () => T): { ms: number; value: T } {
  const before = process.cpuUsage();
  const value = fn();
  const d = process.cpuUsage(before);
  return { ms: (d.user + d.system) / 1000, value };
}

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const peak = new BigInt64Array(workerData);
function tick() {
  const rss = BigInt(process.memoryUsage.rss());
  if (rss > Atomics.load(peak, 0)) Atomics.store(peak, 0, rss);
  if (Atomics.load(peak, 1) === 0n) setTimeout(tick, 5);
}
tick();
`;

/** The process's resident set size, sampled every 5 ms while a measured call runs. */
export class RssSampler {
  private readonly shared = new BigInt64Array(new SharedArrayBuffer(16));
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(SAMPLER, { eval: true, workerData: this.shared.buffer });
    this.worker.unref();
  }

  /** Starts a new peak from the current RSS. */
  reset(): number {
    const rss = process.memoryUsage.rss();
    Atomics.store(this.shared, 0, BigInt(rss));
    return rss;
  }

  /** Highest RSS seen since reset (bytes), including now. */
  peak(): number {
    return Math.max(Number(Atomics.load(this.shared, 0)), process.memoryUsage.rss());
  }

  async stop(): Promise<void> {
    Atomics.store(this.shared, 1, 1n);
    await this.worker.terminate();
  }
}

export const MB = 1024 * 1024;

/** Rounds for tables: integers above 100, one decimal below 100, two below 1. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (Math.abs(x) >= 100) return Math.round(x);
  if (Math.abs(x) >= 1) return Math.round(x * 10) / 10;
  return Math.round(x * 100) / 100;
}

/** One progress line on stderr (stdout carries the scoreboard). */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
