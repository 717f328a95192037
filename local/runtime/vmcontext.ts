// A bare V8 context shaped like Apps Script's: the virtual clock behind Date, a seeded Math.random, no Node globals.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { formatDate } from './dateformat';
import type { HtmlHost } from './services/html';
import { instantOf, longZoneName, offsetMinutes } from './tz';

/** Node and browser globals Apps Script does not have; none may exist in the add-on's context. */
export const ABSENT_GLOBALS = [
  'require',
  'module',
  'exports',
  'process',
  'global',
  'Buffer',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'fetch',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'atob',
  'btoa',
  'queueMicrotask',
  'structuredClone',
];

// Date in the add-on: `new Date()` / Date.now() read the virtual clock; local-time methods use the script time zone
// (Apps Script's rule), through host helpers so the vm needs no zone database.
const PRELUDE = `(function (hostNow, random, tz) {
  var RealDate = Date;
  var proto = RealDate.prototype;
  var utc = {};
  ['getTime', 'getUTCFullYear', 'getUTCMonth', 'getUTCDate', 'getUTCDay', 'getUTCHours', 'getUTCMinutes',
   'getUTCSeconds', 'getUTCMilliseconds', 'setTime', 'getFullYear', 'getMonth', 'getDate', 'getHours', 'getMinutes',
   'getSeconds', 'getMilliseconds', 'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].forEach(function (k) {
    utc[k] = proto[k];
  });
  function call(name, d, args) { return utc[name].apply(d, args || []); }
  // Wall fields of an instant in the script zone.
  function wall(d) {
    var t = call('getTime', d);
    if (t !== t) return null;
    var s = new RealDate(t + tz.offset(t) * 60000);
    return { y: call('getUTCFullYear', s), mo: call('getUTCMonth', s), d: call('getUTCDate', s), h: call('getUTCHours', s),
      mi: call('getUTCMinutes', s), s: call('getUTCSeconds', s), ms: call('getUTCMilliseconds', s), wd: call('getUTCDay', s) };
  }
  function fromWall(y, mo, d, h, mi, s, ms) { return tz.wallToMs(y, mo, d, h, mi, s, ms); }
  function num(v, dflt) { return v === undefined ? dflt : Number(v); }
  // Strings the engine reads as host-local time are read again as script-zone wall time.
  function parseLocal(str) {
    var text = String(str).trim();
    var t = RealDate.parse(text);
    if (t !== t) return t;
    if (/^\\d{4}(-\\d{2}(-\\d{2})?)?$/.test(text) || /(Z|[+-]\\d{2}:?\\d{2}|GMT|UTC|[ECMP][SD]T)\\b/i.test(text)) return t;
    var h = new RealDate(t);
    return fromWall(call('getFullYear', h), call('getMonth', h), call('getDate', h), call('getHours', h),
      call('getMinutes', h), call('getSeconds', h), call('getMilliseconds', h));
  }
  var VDate = function Date(a, b, c, d, e, f, g) {
    if (!new.target) return new VDate().toString();
    var n = arguments.length;
    var t;
    if (n === 0) t = hostNow();
    else if (n === 1) {
      if (typeof a === 'string') t = parseLocal(a);
      else if (a !== null && typeof a === 'object' && Object.prototype.toString.call(a) === '[object Date]') t = call('getTime', a);
      else t = Number(a);
    } else {
      var y = Number(a);
      if (y >= 0 && y <= 99) y += 1900;
      t = fromWall(y, Number(b), num(c, 1), num(d, 0), num(e, 0), num(f, 0), num(g, 0));
    }
    return Reflect.construct(RealDate, [t], new.target);
  };
  Object.defineProperty(VDate, 'length', { value: 7 });
  VDate.prototype = proto;
  Object.defineProperty(proto, 'constructor', { value: VDate, writable: true, configurable: true });
  VDate.now = function now() { return hostNow(); };
  VDate.parse = function parse(s) { return parseLocal(s); };
  VDate.UTC = RealDate.UTC;
  function def(name, fn) { Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true }); }
  def('getFullYear', function getFullYear() { var w = wall(this); return w ? w.y : NaN; });
  def('getMonth', function getMonth() { var w = wall(this); return w ? w.mo : NaN; });
  def('getDate', function getDate() { var w = wall(this); return w ? w.d : NaN; });
  def('getDay', function getDay() { var w = wall(this); return w ? w.wd : NaN; });
  def('getHours', function getHours() { var w = wall(this); return w ? w.h : NaN; });
  def('getMinutes', function getMinutes() { var w = wall(this); return w ? w.mi : NaN; });
  def('getSeconds', function getSeconds() { var w = wall(this); return w ? w.s : NaN; });
  def('getMilliseconds', function getMilliseconds() { var w = wall(this); return w ? w.ms : NaN; });
  def('getYear', function getYear() { var w = wall(this); return w ? w.y - 1900 : NaN; });
  def('getTimezoneOffset', function getTimezoneOffset() { var t = call('getTime', this); return t !== t ? NaN : -tz.offset(t); });
  function setter(name, apply) {
    def(name, function () {
      var w = wall(this) || { y: NaN, mo: 0, d: 1, h: 0, mi: 0, s: 0, ms: 0 };
      apply(w, arguments);
      return call('setTime', this, [fromWall(w.y, w.mo, w.d, w.h, w.mi, w.s, w.ms)]);
    });
  }
  setter('setFullYear', function (w, a) { w.y = Number(a[0]); if (a.length > 1) w.mo = Number(a[1]); if (a.length > 2) w.d = Number(a[2]); });
  setter('setMonth', function (w, a) { w.mo = Number(a[0]); if (a.length > 1) w.d = Number(a[1]); });
  setter('setDate', function (w, a) { w.d = Number(a[0]); });
  setter('setHours', function (w, a) { w.h = Number(a[0]); if (a.length > 1) w.mi = Number(a[1]); if (a.length > 2) w.s = Number(a[2]); if (a.length > 3) w.ms = Number(a[3]); });
  setter('setMinutes', function (w, a) { w.mi = Number(a[0]); if (a.length > 1) w.s = Number(a[1]); if (a.length > 2) w.ms = Number(a[2]); });
  setter('setSeconds', function (w, a) { w.s = Number(a[0]); if (a.length > 1) w.ms = Number(a[1]); });
  setter('setMilliseconds', function (w, a) { w.ms = Number(a[0]); });
  function valid(d) { var t = call('getTime', d); return t === t; }
  def('toString', function toString() { return valid(this) ? tz.describe(call('getTime', this), 'full') : 'Invalid Date'; });
  def('toDateString', function toDateString() { return valid(this) ? tz.describe(call('getTime', this), 'date') : 'Invalid Date'; });
  def('toTimeString', function toTimeString() { return valid(this) ? tz.describe(call('getTime', this), 'time') : 'Invalid Date'; });
  ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].forEach(function (k) {
    def(k, function (locales, options) {
      var o = Object.assign({}, options || {});
      if (!o.timeZone) o.timeZone = tz.zone;
      return call(k, this, [locales, o]);
    });
  });
  Object.defineProperty(globalThis, 'Date', { value: VDate, writable: true, configurable: true });
  var nextRandom = random;
  Math.random = function random() { return nextRandom(); };
})`;

/** What the vm's Date needs to know about the script time zone. */
export function zoneHelpers(zone: string) {
  return {
    zone,
    offset: (ms: number) => offsetMinutes(ms, zone),
    // Date.UTC-style fields (month 0-based, overflow allowed) read as wall time in the zone.
    wallToMs: (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) => {
      const t = Date.UTC(y, mo, d, h, mi, s, ms);
      if (Number.isNaN(t)) return Number.NaN;
      const f = new Date(t);
      return instantOf(
        {
          year: f.getUTCFullYear(),
          month: f.getUTCMonth() + 1,
          day: f.getUTCDate(),
          hour: f.getUTCHours(),
          minute: f.getUTCMinutes(),
          second: f.getUTCSeconds(),
          millisecond: f.getUTCMilliseconds(),
        },
        zone,
      );
    },
    // V8's toString shape: 'Sun Mar 15 2026 09:00:00 GMT+0300 (Moscow Standard Time)'.
    describe: (ms: number, part: 'full' | 'date' | 'time') => {
      const date = formatDate(new Date(ms), zone, 'EEE MMM dd yyyy');
      const time = `${formatDate(new Date(ms), zone, 'HH:mm:ss')} GMT${formatDate(new Date(ms), zone, 'Z')} (${longZoneName(ms, zone)})`;
      return part === 'date' ? date : part === 'time' ? time : `${date} ${time}`;
    },
  };
}

/** Deterministic Math.random for reproducible runs (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createAppsScriptContext(now: () => number, seed: number, scriptTimeZone: string): vm.Context {
  const context = vm.createContext({}, { name: 'Apps Script' });
  vm.runInContext(PRELUDE, context)(now, seededRandom(seed), zoneHelpers(scriptTimeZone));
  for (const name of ABSENT_GLOBALS) delete (context as Record<string, unknown>)[name];
  delete (context as Record<string, unknown>).console;
  return context;
}

/** Runs template code with the template's variables in scope, inside the add-on's context. */
function templateRunner(context: vm.Context): (code: string) => (vars: object, output: object) => void {
  const cache = new Map<string, (vars: object, output: object) => void>();
  return (code) => {
    let fn = cache.get(code);
    if (!fn) {
      // Sloppy-mode `with` gives scriptlets the template's properties, then the add-on's globals.
      fn = vm.runInContext(`(function (__vars, output) { with (__vars) {\n${code}\n} })`, context, {
        filename: 'template.html',
      }) as (vars: object, output: object) => void;
      cache.set(code, fn);
    }
    return fn;
  };
}

/**
 * HtmlService's host for an add-on in `context`: HTML files from `files.html` (by name without '.html'), else from
 * `files.dir`; template code run in the context, its variables and output sink made by `toVm` in the vm's realm.
 */
export function templateHost(
  context: vm.Context,
  files: { html?: Record<string, string>; dir?: string },
  toVm: (value: unknown) => unknown,
): HtmlHost {
  const run = templateRunner(context);
  return {
    readFile: (name) => {
      const base = name.replace(/\.html$/, '');
      if (files.html && base in files.html) return files.html[base];
      if (!files.dir) return undefined;
      const file = path.join(files.dir, `${base}.html`);
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    },
    evaluate: (code, vars, output) => {
      const vmVars = toVm(vars) as object;
      const sink = toVm({}) as Record<string, unknown>;
      sink.append = (v: unknown) => output.append(v);
      sink.appendUntrusted = (v: unknown) => output.appendUntrusted(v);
      run(code)(vmVars, sink);
    },
  };
}
