// Runs the built sidebars in Debian's chromium against a local workbook: the HTML the add-on rendered, a
// google.script.run bridge to addon.call, and google.script.host.close.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { type Browser, startBrowser } from './chromium';

// Jest runs this as CommonJS (__dirname); scratch scripts run as ES modules from the repository root.
export const ROOT = typeof __dirname === 'string' ? path.join(__dirname, '../..') : process.cwd();
export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');

/** A sidebar-sized window in Moscow, with English browser chrome. */
export function startSidebarBrowser(): Promise<Browser> {
  return startBrowser({ viewport: { width: 300, height: 640 }, locale: 'en-US', timezoneId: 'Europe/Moscow' });
}

/** What the page can reach on the "server": one function name and its JSON arguments → the result or a throw. */
export type Backend = (fn: string, args: unknown[]) => unknown;

export interface SidebarPage {
  page: Page;
  /** Server calls the sidebar made, in order. */
  calls: Array<{ fn: string; args: unknown[] }>;
  /** Uncaught page errors and console errors. */
  errors: string[];
  /** alert/confirm/prompt texts the page opened (an injected script would show up here). */
  dialogs: string[];
  /** True once the sidebar called google.script.host.close(). */
  closed(): boolean;
}

// google.script.run as the sidebar sees it: a fresh runner per chain, handlers called asynchronously,
// arguments refused when they are not plain data (Date, functions), results copied as JSON.
const BRIDGE = `(() => {
  const plain = (v) => v === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof v) ||
    (Array.isArray(v) ? v.every(plain) : Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(plain));
  const runner = (ok, fail) => new Proxy({}, {
    get(_t, name) {
      if (name === 'withSuccessHandler') return (fn) => runner(fn, fail);
      if (name === 'withFailureHandler') return (fn) => runner(ok, fn);
      if (name === 'withUserObject') return () => runner(ok, fail);
      if (typeof name !== 'string') return undefined;
      return (...args) => {
        if (!args.every(plain)) {
          setTimeout(() => fail && fail(new Error('Invalid argument: a Date, function or DOM element cannot be passed')), 0);
          return;
        }
        window.__kartotekaCall(name, JSON.stringify(args)).then(
          (json) => ok && ok(json === undefined ? undefined : JSON.parse(json)),
          (e) => fail && fail(new Error(String((e && e.message) || e).replace(/^Error: /, ''))),
        );
      };
    },
  });
  window.google = { script: { run: runner(null, null), host: { close: () => window.__kartotekaClose(), setHeight() {}, setWidth() {} } } };
})();`;

/** Opens HTML as the add-on rendered it, wired to backend. */
export async function openHtml(context: BrowserContext, html: string, backend: Backend): Promise<SidebarPage> {
  const page = await context.newPage();
  const calls: SidebarPage['calls'] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  let closed = false;
  await page.exposeBinding('__kartotekaCall', (_source, fn: string, json: string) => {
    const args = JSON.parse(json) as unknown[];
    calls.push({ fn, args });
    const result = backend(fn, args);
    return result === undefined ? undefined : JSON.stringify(result);
  });
  await page.exposeBinding('__kartotekaClose', () => {
    closed = true;
  });
  await page.addInitScript(BRIDGE);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // Served from a made-up origin: nothing leaves the machine, and init scripts run as on a real navigation.
  await page.route('**/*', (route) =>
    route.request().url() === 'https://sidebar.kartoteka.test/'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
      : route.abort(),
  );
  await page.goto('https://sidebar.kartoteka.test/');
  return { page, calls, errors, dialogs, closed: () => closed };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Resolves once the sidebar has loaded its form context and shows its first control. */
export async function ready(sidebar: SidebarPage): Promise<void> {
  await sidebar.page.waitForSelector('main.sidebar:not(.loading)', { timeout: 10000 });
}
