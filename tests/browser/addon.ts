// The built add-on on a fresh local workbook, and its sidebars opened in chromium the way a person clicks the menu:
// shared by the browser tests of the sidebars.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorkbook } from '../../local/index';
import type { Browser } from './chromium';
import { type Backend, openHtml, ROOT, ready, type SidebarPage, startSidebarBrowser } from './harness';

export type Lang = 'ru' | 'en';
export const SETUP = {
  ru: { locale: 'ru_RU', timeZone: 'Europe/Moscow', clients: 'Клиенты', journal: 'Журнал' },
  en: { locale: 'en_US', timeZone: 'America/New_York', clients: 'Clients', journal: 'Journal' },
} as const;

export type MenuEntry = 'showNewClient' | 'showLogContact' | 'showClientCard';

/**
 * Registers the suite's beforeAll/afterAll: a private copy of dist/ (a rebuild while the tests run cannot pull
 * files from under them) and one chromium. Returns what the tests call.
 */
export function sidebarSuite() {
  let browser: Browser;
  let addonDir: string;

  beforeAll(async () => {
    const dist = path.join(ROOT, 'dist');
    if (!existsSync(path.join(dist, 'client-card.html'))) {
      execFileSync('node', ['esbuild.config.mjs'], { cwd: ROOT, stdio: 'ignore' });
    }
    addonDir = mkdtempSync(path.join(tmpdir(), 'kartoteka-addon-'));
    cpSync(dist, addonDir, { recursive: true });
    browser = await startSidebarBrowser();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    if (addonDir) rmSync(addonDir, { recursive: true, force: true });
  });

  /** A set-up workbook on 15 March 2026, 9:00 in the sheet's zone. */
  function freshAddon(lang: Lang) {
    const setup = SETUP[lang];
    const wb = createWorkbook({
      timeZone: setup.timeZone,
      locale: setup.locale,
      now: '2026-03-15T09:00:00',
      user: 'anna@clinic.test',
    });
    const addon = wb.loadAddon(path.join(addonDir, 'Code.js'));
    addon.call('onOpen', { authMode: 'FULL' });
    const made = addon.call('setupDatabase') as { ok: boolean };
    expect(made.ok).toBe(true);
    return { wb, addon, setup };
  }

  type Env = ReturnType<typeof freshAddon>;

  /** Runs a menu entry the way a person clicks it and opens the sidebar it showed. */
  async function open(
    env: Env,
    entry: MenuEntry,
    backend: Backend = (fn, args) => env.addon.call(fn, ...args),
  ): Promise<SidebarPage> {
    const before = env.wb.ui.sidebars.length;
    env.addon.call(entry);
    expect(env.wb.ui.sidebars.length).toBe(before + 1);
    const html = env.wb.ui.sidebars[env.wb.ui.sidebars.length - 1].content;
    const sidebar = await openHtml(browser.context, html, backend);
    await ready(sidebar);
    return sidebar;
  }

  function rowsOf(env: Env, tab: string): unknown[][] {
    return env.wb.values(tab).slice(1);
  }

  function addClientAt(env: Env, input: Record<string, string>): { id: string; row: number } {
    const r = env.addon.call('addClient', input) as { ok: boolean; id: string; row: number };
    expect(r.ok).toBe(true);
    return r;
  }

  function addClient(env: Env, input: Record<string, string>): string {
    return addClientAt(env, input).id;
  }

  return { freshAddon, open, rowsOf, addClient, addClientAt };
}
