/**
 * Hostile pages in real Chromium with the built extension. Page text that is markup, script, javascript: URLs, bidi
 * overrides and a 1 MB line is stored as text and shown as text by the popup and the history page; a page's own
 * script cannot write to the history (forged window messages, forged events, chrome.runtime), and changes it makes
 * to itself after capture are not recorded until a new page view.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CAPS } from '../../lib/model/limits';
import { launchWithExtension, visit, waitFor, type ExtensionBrowser } from './chromium';
import { dumpHistory } from './history-dump';
import {
  BIDI, BYLINE, editedForgingArticle, FORGED_KEY, FORGED_TEXT, forgingArticle, HEADLINE, hostileArticle,
  HOSTILE_PARAGRAPH, IMG, JS_URL, SCRIPT,
} from './hostile-page';
import { startPageServer, type PageServer } from './server';

let browser: ExtensionBrowser;
let server: PageServer;

beforeAll(async () => {
  server = await startPageServer();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until the article served at `path` has `visits` visits recorded, and returns the database. */
async function recorded(path: string, visits: number) {
  return (await waitFor(async () => {
    const dump = await dumpHistory(await browser.worker());
    return dump.visits.filter((v) => v.key.includes(path)).length >= visits ? dump : null;
  }, `${visits} visit(s) of ${path}`))!;
}

/** Nothing the page said became markup, script or a live javascript: link in this extension page. */
async function expectNothingExecuted(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    pwned: (window as { __pwned?: unknown }).__pwned,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)))
      .length,
    foreignScripts: [...document.scripts].filter((s) => !s.src.startsWith(location.origin + '/')).length,
    javascriptLinks: [...document.querySelectorAll('a')].filter((a) => a.protocol === 'javascript:').length,
    hrefJavascript: document.querySelectorAll('a[href^="javascript:" i]').length,
    foreignImages: [...document.images].filter((img) => !img.src.startsWith(location.origin + '/')).length,
    frames: document.querySelectorAll('iframe, object, embed').length,
  }));
  expect(found).toEqual({ pwned: undefined, handlers: 0, foreignScripts: 0, javascriptLinks: 0, hrefJavascript: 0, foreignImages: 0, frames: 0 });
}

const textOf = (page: Page) => page.evaluate(() => document.body.innerText);

describe('an article whose text is markup, script and control characters', () => {
  const path = `/news/2024/${encodeURIComponent(IMG)}-${encodeURIComponent(SCRIPT)}-${encodeURIComponent(BIDI)}/story`;
  let key = '';

  test('is stored as text, with the 1 MB line cut to the cap', async () => {
    server.set(path, hostileArticle());
    const page = await visit(browser.context, server.url(path));
    const dump = await recorded(path, 1);
    const version = dump.versions.find((v) => v.key.includes(path))!;
    key = version.key;
    expect(version.headline).toBe(HEADLINE);
    const body = version.body.map((b) => b.text);
    expect(body).toContain(HOSTILE_PARAGRAPH);
    expect(body.some((t) => t.includes(JS_URL) && t.startsWith('Campaigners'))).toBe(true);
    expect(Math.max(...body.map((t) => t.length))).toBe(CAPS.blockText);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.close();
  });

  test('the popup shows it as text', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?url=${encodeURIComponent(server.url(path))}`);
    await popup.waitForSelector('h1.headline');
    await expect(popup.locator('h1.headline').textContent()).resolves.toBe(HEADLINE);
    expect(await textOf(popup)).toContain(IMG);
    await expectNothingExecuted(popup);
    await popup.close();
  });

  test('the history page lists it, and its detail view shows the body, as text', async () => {
    const history = await browser.context.newPage();
    await history.goto(`chrome-extension://${browser.extensionId}/articles.html`);
    await history.locator('table.articles tbody tr', { hasText: HEADLINE }).waitFor();
    await expectNothingExecuted(history);

    await history.goto(`chrome-extension://${browser.extensionId}/articles.html#${encodeURIComponent(key)}`);
    await history.waitForFunction((text) => document.body.innerText.includes(text), HOSTILE_PARAGRAPH.slice(0, 60));
    const shown = await textOf(history);
    for (const literal of [HEADLINE, IMG, SCRIPT, JS_URL, BIDI]) expect(shown).toContain(literal);
    // The byline is not necessarily shown; when it is, it is text too.
    if (shown.includes('Jane Doe')) expect(shown).toContain(BYLINE);
    await expectNothingExecuted(history);
    await history.close();
  });
});

describe('a page script trying to write the history', () => {
  const path = '/local/2024/harbour-bridge-closure';

  test('forged messages and events record nothing; its own later edits wait for a new page view', async () => {
    server.set(path, forgingArticle(browser.extensionId));
    const page = await visit(browser.context, server.url(path));
    await recorded(path, 1);
    // The main world has no extension API: chrome.runtime is not there for a page without externally_connectable.
    expect(await page.evaluate(() => (window as unknown as { forge(): string }).forge())).toBe('absent');
    // Long enough for the content script to settle and re-extract after the forged navigation event (capped at
    // LIMITS.settleMaxMs) and for the background to have written anything it was going to write.
    await page.waitForTimeout(8_000);
    let dump = await dumpHistory(await browser.worker());
    expect(dump.articles.map((a) => a.key)).not.toContain(FORGED_KEY);
    expect(dump.visits.filter((v) => v.key.includes(path))).toHaveLength(1);
    expect(dump.versions.filter((v) => v.body.some((b) => b.text.includes(FORGED_TEXT)))).toHaveLength(0);
    expect(dump.articles.length).toBeGreaterThan(0);

    // A new page view of the page as the server now sends it is recorded, edit included.
    server.set(path, editedForgingArticle(browser.extensionId));
    await page.reload({ waitUntil: 'load' });
    dump = await recorded(path, 2);
    const versions = dump.versions.filter((v) => v.key.includes(path));
    expect(versions).toHaveLength(2);
    expect(versions.find((v) => v.seq === 2)!.body.some((b) => b.text === FORGED_TEXT)).toBe(true);
    await page.close();
  });
});
