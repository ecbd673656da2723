/**
 * The one place where Chrome and Firefox differ in the APIs the extension uses: which toolbar-button API exists,
 * whether the browser lets the extension store anything in IndexedDB, and whether the reader left it site access.
 * Everything else calls `browser.*` through the polyfill and is the same in both.
 */
import { browser } from 'wxt/browser';
import { t } from './i18n';

/** What the extension does with its toolbar button, whichever API the manifest version provides. */
export interface ActionApi {
  setBadgeText(details: { tabId?: number; text: string | null }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId?: number; color: string }): Promise<void>;
  setTitle(details: { tabId?: number; title: string | null }): Promise<void>;
  getBadgeText(details: { tabId?: number }): Promise<string>;
}

/** `action` in MV3 (both browsers); `browserAction` should the Firefox build ever go back to MV2. */
export function actionApi(): ActionApi {
  const api = browser.action ?? browser.browserAction;
  if (!api) throw new Error('This browser has no toolbar button API');
  return api as ActionApi;
}

const PROBE_DB = 'palimpsest-probe';
const PROBE_TIMEOUT_MS = 5_000;

/** What the background answers, and the pages say, when the browser gives the extension no IndexedDB at all. */
export function storageUnavailableMessage(): string {
  return t('storageUnavailable');
}

/**
 * Whether this context may use IndexedDB at all. Firefox refuses it when the profile's storage for the extension is
 * unusable (damaged, read-only, blocked by policy) and, before Firefox 115, whenever the context was private, as
 * with "Never remember history" (https://bugzilla.mozilla.org/show_bug.cgi?id=781982): `open` then fails, or
 * throws synchronously. Opens and deletes a throwaway database, so it says nothing about the history database.
 */
export async function canUseIndexedDb(factory: IDBFactory | null = globalThis.indexedDB ?? null): Promise<boolean> {
  if (!factory) return false;
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
      const request = factory.open(PROBE_DB);
      request.onsuccess = () => {
        clearTimeout(timer);
        request.result.close();
        factory.deleteDatabase(PROBE_DB);
        resolve(true);
      };
      request.onerror = () => {
        clearTimeout(timer);
        resolve(false);
      };
    });
  } catch {
    return false;
  }
}

/** Every http(s) page: what the content script needs to read articles. */
export const SITE_ACCESS = { origins: ['http://*/*', 'https://*/*'] };

/**
 * Whether the reader left the extension access to web pages. Chrome grants it at install; Firefox lists it in the
 * install prompt but lets the reader withdraw it later (about:addons → Permissions), after which nothing is recorded.
 */
export async function hasSiteAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains(SITE_ACCESS);
  } catch {
    return false;
  }
}

/** The extension's version, as its manifest states it. */
export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

/**
 * Whether this extension page is the toolbar button's popup, which the browser sizes to its content (so it needs a
 * width of its own), rather than a tab (popup.html?url=…), which must reflow to whatever width the reader has.
 */
export function isToolbarPopup(self: Window): boolean {
  try {
    return browser.extension.getViews({ type: 'popup' }).includes(self);
  } catch {
    return false;
  }
}
