/**
 * Starts Debian's Chromium headless with the built extension loaded, in a throwaway profile, and gives tests the
 * handles they need: the extension id, its service worker (to read IndexedDB and badges) and pages to act with.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { readHistoryDb, type DbDump } from './scenario';

export const CHROME_BUILD = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  profileDir: string;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export async function launchWithExtension(
  options: { profileDir?: string; build?: string; args?: string[]; ignoreDefaultArgs?: string[] } = {},
): Promise<ExtensionBrowser> {
  const build = options.build ?? CHROME_BUILD;
  if (!existsSync(path.join(build, 'manifest.json'))) {
    throw new Error(`No extension build at ${build}: run "npm run build" first`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  const profileDir = options.profileDir ?? mkdtempSync(path.join(tmpdir(), 'palimpsest-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    // e.g. Playwright's --disable-back-forward-cache, for a test of what a restore from that cache does.
    ignoreDefaultArgs: options.ignoreDefaultArgs,
    args: [
      `--disable-extensions-except=${build}`,
      `--load-extension=${build}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      ...(options.args ?? []),
    ],
  });
  // The saved pages reference their publishers' images and scripts; offline, those requests only slow loading down.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  const worker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL((await worker()).url()).host;
  return {
    context,
    extensionId,
    profileDir,
    // The service worker may be stopped and restarted between steps; always ask for the live one.
    worker,
    close: async ({ keepProfile = false } = {}) => {
      await context.close();
      if (!keepProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Opens a page, waits for it to load, and returns it. */
export async function visit(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

export type { DbDump } from './scenario';

/** Everything in the extension's history database, read from inside the service worker (see readHistoryDb). */
export async function dumpDb(worker: Worker): Promise<DbDump> {
  return worker.evaluate(readHistoryDb);
}

/** Polls `probe` until it returns a truthy value or the time runs out. */
export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false | '' | 0>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  do {
    const last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < end);
  throw new Error(`timed out waiting for ${what}`);
}

export async function badgeText(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** The browser's id for `page`'s tab (tab URLs are hidden without the tabs permission, so ask for the active one). */
export async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id ?? -1;
  });
}

/**
 * A second, DevTools-protocol connection to a browser launched with --remote-debugging-port=0: it can open
 * off-the-record (private) contexts, which a persistent context cannot.
 */
export async function connectOverDevTools(profileDir: string) {
  const portFile = path.join(profileDir, 'DevToolsActivePort');
  const port = await waitFor(async () => (existsSync(portFile) ? readFileSync(portFile, 'utf8').split('\n')[0] : ''), 'DevTools port');
  return chromium.connectOverCDP(`http://127.0.0.1:${port}`);
}
