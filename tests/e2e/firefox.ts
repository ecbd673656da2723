/**
 * Starts Debian's Firefox ESR headless (puppeteer-core over WebDriver BiDi) with the built Firefox extension
 * installed in a throwaway profile, and gives tests what they need: web pages, extension pages, the history
 * database and the badge of a tab. Firefox runs the MV3 background as an event page that BiDi cannot reach, so every
 * read of extension state goes through an extension page, which shares the background's origin and APIs.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { readHistoryDb, type DbDump } from './scenario';

export const FIREFOX_BUILD = path.resolve(import.meta.dirname, '../../.output/firefox-mv3');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface FirefoxExtension {
  browser: Browser;
  /** moz-extension://UUID, pinned for the run. */
  origin: string;
  uuid: string;
  profileDir: string;
  /** Where the profile saves downloads, without asking. */
  downloadDir: string;
  /** Opens a web page in a new tab and waits for it to load. */
  visit(url: string): Promise<Page>;
  /** Opens an extension page (e.g. "popup.html?url=…") in a new tab and waits until its scripts run. */
  extensionPage(file: string): Promise<Page>;
  dumpDb(): Promise<DbDump>;
  badgeText(tabId: number): Promise<string>;
  title(tabId: number): Promise<string>;
  /** The id of the newest tab showing `url` (the extension may read URLs of the sites it has access to). */
  tabIdOf(url: string): Promise<number>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  /** Extra Firefox preferences, e.g. to put the profile in a state a reader's could be in. */
  prefs?: Record<string, string | number | boolean>;
  /** Runs on the fresh profile folder before Firefox starts, with the UUID the extension will get. */
  prepareProfile?: (profileDir: string, uuid: string) => void;
  /** Starts again on a profile an earlier launch kept (close({ keepProfile: true })), extension origin and all. */
  reuse?: { profileDir: string; uuid: string };
  /** Another build folder than .output/firefox-mv3 (e.g. a copy whose manifest grants a test server's origin). */
  build?: string;
}

export async function launchFirefox(options: LaunchOptions = {}): Promise<FirefoxExtension> {
  const build = options.build ?? FIREFOX_BUILD;
  const manifestPath = path.join(build, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No extension build at ${build}: run "npm run build" first`);
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX}: apt-get install firefox-esr`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const uuid = options.reuse?.uuid ?? randomUUID();
  const origin = `moz-extension://${uuid}`;
  const profileDir = options.reuse?.profileDir ?? mkdtempSync(path.join(tmpdir(), 'palimpsest-firefox-'));
  const downloadDir = path.join(profileDir, 'downloads');
  options.prepareProfile?.(profileDir, uuid);
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profileDir,
    // Without it Firefox refuses BiDi navigation to moz-extension:// pages.
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: {
      // Pins moz-extension://UUID/ for the extension's gecko id, so tests know its pages' addresses.
      'extensions.webextensions.uuids': JSON.stringify({ [manifest.browser_specific_settings.gecko.id]: uuid }),
      'browser.download.dir': downloadDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      // The saved pages reference their publishers' images and scripts; offline, those only slow loading down.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.no_proxies_on': '127.0.0.1',
      'network.proxy.allow_hijacking_localhost': false,
      ...options.prefs,
    },
  });
  try {
    await firefox.installExtension(build);
  } catch (error) {
    await firefox.close();
    throw error;
  }

  const extensionPage = async (file: string): Promise<Page> => {
    const page = await firefox.newPage();
    const url = `${origin}/${file}`;
    // BiDi never reports the load of a moz-extension:// page, so the navigation promise would never settle
    // (https://github.com/puppeteer/puppeteer/issues/14314): start it, then poll the page.
    void page.goto(url).catch(() => {});
    await waitFor(
      () =>
        page
          .evaluate((want) => location.href === want && document.readyState === 'complete', url)
          .catch(() => false),
      `${file} to load`,
    );
    return page;
  };
  // One extension page stays open to read state through; popup.html without ?url= only asks its own tab.
  let control: Promise<Page> | null = null;
  const inExtension = async <A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R> => {
    control ??= extensionPage('popup.html');
    return (await (await control).evaluate(fn as never, arg as never)) as R;
  };

  // Inside the functions passed to inExtension, `browser` is the extension's WebExtension API.
  return {
    browser: firefox,
    origin,
    uuid,
    profileDir,
    downloadDir,
    visit: async (url) => {
      const page = await firefox.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
    extensionPage,
    dumpDb: () => inExtension(readHistoryDb, null),
    badgeText: (tabId) => inExtension((id) => browser.action.getBadgeText({ tabId: id }), tabId),
    title: (tabId) => inExtension((id) => browser.action.getTitle({ tabId: id }), tabId),
    tabIdOf: async (url) => {
      const ids = await inExtension(
        async (want) => (await browser.tabs.query({})).filter((t) => t.url === want).map((t) => t.id ?? -1),
        url,
      );
      if (ids.length === 0) throw new Error(`no tab shows ${url}`);
      return Math.max(...ids);
    },
    close: async ({ keepProfile = false } = {}) => {
      await firefox.close();
      if (!keepProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
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
