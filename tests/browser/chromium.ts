// Debian's chromium for the browser tests: where it is, whether the tests run, and a headless launch on a fresh profile.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** In CI the browser tests always run (a missing chromium fails them); locally they skip without chromium. */
export function browserTestsEnabled(): boolean {
  return Boolean(process.env.CI) || existsSync(CHROMIUM);
}

export interface Browser {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** What a test chooses about the window: its size, and the locale and zone the page believes it is in. */
export type WindowOptions = Pick<BrowserContextOptions, 'viewport' | 'locale' | 'timezoneId'>;

/** Headless chromium with a fresh profile, no network chatter, no sandbox (containers). */
export async function startBrowser(window: WindowOptions): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'kartoteka-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...window,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
