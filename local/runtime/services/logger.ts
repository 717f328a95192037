// Logger and console: lines land in wb.logs with the user and virtual time of the execution.
import type { LogEntry, Runtime } from '../execution';

/** Java-style %s / %d / %f placeholders as Logger.log(format, values...) fills them. */
export function formatLog(args: unknown[]): string {
  if (args.length === 0) return '';
  const [first, ...rest] = args;
  const show = (v: unknown): string => {
    if (typeof v === 'string') return v;
    if (v === null || v === undefined) return String(v);
    if (Object.prototype.toString.call(v) === '[object Date]') return (v as Date).toString();
    if (typeof v === 'object') {
      try {
        return JSON.stringify(v);
      } catch {
        return String(v);
      }
    }
    return String(v);
  };
  if (typeof first === 'string' && rest.length && /%[sdfo]/.test(first)) {
    let i = 0;
    const text = first.replace(/%(\.\d+)?([sdfo])/g, (m, prec: string | undefined, kind: string) => {
      if (i >= rest.length) return m;
      const v = rest[i++];
      if (kind === 'd') return String(Math.trunc(Number(v)));
      if (kind === 'f') return prec ? Number(v).toFixed(Number(prec.slice(1))) : String(Number(v));
      return show(v);
    });
    return [text, ...rest.slice(i).map(show)].join(' ');
  }
  return args.map(show).join(' ');
}

export class Logger {
  constructor(private readonly _rt: Runtime) {}
  log(...args: unknown[]): Logger {
    this._rt.log('log', formatLog(args));
    return this;
  }
  getLog(): string {
    return this._rt.logs.map((l) => l.message).join('\n');
  }
  clear(): void {
    this._rt.logs.length = 0;
  }
}

/** The vm's console: not a service (calls are not counted), just a pipe into wb.logs. */
export function makeConsole(write: (level: LogEntry['level'], message: string) => void, now: () => number) {
  const line =
    (level: LogEntry['level']) =>
    (...args: unknown[]) =>
      write(level, formatLog(args));
  const timers = new Map<string, number>();
  return {
    log: line('log'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    debug: line('log'),
    time: (label = 'default') => {
      timers.set(String(label), now());
    },
    timeEnd: (label = 'default') => {
      const t = timers.get(String(label));
      if (t !== undefined) write('log', `${label}: ${now() - t}ms`);
    },
  };
}
