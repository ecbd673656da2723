/**
 * A page cannot control capture, in real Chromium with the built extension: it cannot silence the content script by
 * answering WXT's announcement or spamming its location-change event, it hears nothing from the extension, it cannot
 * flood the history by rewriting its address, and a page restored from the back/forward cache is captured again.
 * Prerendering is not tested here: in this headless Chromium under Playwright, a speculation-rules prerender was
 * requested (Sec-Purpose: prefetch;prerender) but the click never activated it (activationStart stayed 0).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGE_VIEW_BUDGET } from '../../lib/capture/budget';
import type { PageStatus } from '../../lib/protocol/messages';
import { launchWithExtension, tabIdOf, visit, waitFor, type ExtensionBrowser } from './chromium';
import { dumpHistory } from './history-dump';
import { ANSWER_ANNOUNCEMENT, MARK_RESTORE, SPAM_LOCATIONCHANGE, storyHeadline, storyPage } from './hostile-content-page';
import { startPageServer, type PageServer } from './server';

let browser: ExtensionBrowser;
let server: PageServer;

beforeAll(async () => {
  server = await startPageServer();
  // Playwright turns the back/forward cache off by default; these tests need it.
  browser = await launchWithExtension({ ignoreDefaultArgs: ['--disable-back-forward-cache'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Visits of articles whose key (their address, normalised) has `path` in it. */
const visitsUnder = async (path: string) => (await dumpHistory(await browser.worker())).visits.filter((v) => v.key.includes(path));

async function recorded(path: string, timeoutMs = 15_000) {
  await waitFor(async () => (await visitsUnder(path)).length > 0, `a visit of ${path}`, timeoutMs);
}

/** What the page received from window messages: nothing of the extension's may be among it. */
async function expectNothingHeard(page: Page) {
  const heard = await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages);
  expect(heard.filter((m) => m.includes(browser.extensionId) || /wxt/i.test(m))).toEqual([]);
}

const goStory = (page: Page, n: number) => page.evaluate((i) => (window as unknown as { goStory(n: number): void }).goStory(i), n);

describe('forged framework signals', () => {
  test('a page answering the announcement and forging the stop event still has its next story recorded, and hears nothing', async () => {
    server.set('/answer/story-1', storyPage('/answer/', { script: ANSWER_ANNOUNCEMENT }));
    const page = await visit(browser.context, server.url('/answer/story-1'));
    await recorded('/answer/story-1');
    // A page that knows the extension's id (it is public for store extensions) forges the stop event itself.
    await page.evaluate((id) => (window as unknown as { forgeKnown(id: string): void }).forgeKnown(id), browser.extensionId);
    await goStory(page, 2);
    await recorded('/answer/story-2');
    await expectNothingHeard(page);
    await page.close();
  });

  test("a page spamming wxt:locationchange and popstate does not stop or multiply capture: its next story is recorded once", async () => {
    server.set('/spam/story-1', storyPage('/spam/', { script: SPAM_LOCATIONCHANGE }));
    const page = await visit(browser.context, server.url('/spam/story-1'));
    await recorded('/spam/story-1');
    await page.evaluate((id) => void (window as unknown as { spam(id: string): void }).spam(id), browser.extensionId);
    await goStory(page, 2);
    await recorded('/spam/story-2');
    await page.waitForTimeout(2_000);
    expect((await visitsUnder('/spam/')).map((v) => v.key.slice(v.key.indexOf('/spam/'))).sort()).toEqual(['/spam/story-1', '/spam/story-2']);
    await expectNothingHeard(page);
    await page.close();
  });
});

describe('a page rewriting its address and text every few seconds', () => {
  test(`records at most ${PAGE_VIEW_BUDGET.maxArticles} articles per page view; the rest are dropped and counted in the page status`, async () => {
    const stories = PAGE_VIEW_BUDGET.maxArticles + 4;
    server.set('/flood/story-1', storyPage('/flood/'));
    const page = await visit(browser.context, server.url('/flood/story-1'));
    await recorded('/flood/story-1');
    for (let n = 2; n <= stories; n++) {
      await goStory(page, n);
      // Within the bound each story is recorded before the next; past it, give each the time a capture takes.
      if (n <= PAGE_VIEW_BUDGET.maxArticles) await recorded(`/flood/story-${n}`);
      else await page.waitForTimeout(2_500);
    }
    const visits = await visitsUnder('/flood/');
    expect(visits).toHaveLength(PAGE_VIEW_BUDGET.maxArticles);
    const dump = await dumpHistory(await browser.worker());
    const headlines = dump.articles.filter((a) => a.key.includes('/flood/')).map((a) => a.headline);
    expect(headlines).not.toContain(storyHeadline(stories));
    const tabId = await tabIdOf(await browser.worker(), page);
    const status = await (await browser.worker()).evaluate(
      (id) => chrome.tabs.sendMessage(id, { type: 'page-status' }) as Promise<PageStatus>,
      tabId,
    );
    expect(status).toEqual({ state: 'dropped', dropped: stories - PAGE_VIEW_BUDGET.maxArticles });
    await page.close();
  });
});

describe('pages the reader sees later', () => {
  test('a page restored from the back/forward cache is a new page view and is recorded again', async () => {
    const cacheable = { 'cache-control': 'max-age=0' };
    server.set('/restore/story-1', storyPage('/restore/', { head: MARK_RESTORE }), cacheable);
    server.set('/restore/elsewhere', '<!DOCTYPE html><title>Elsewhere</title><p>Not an article.</p>', cacheable);
    const page = await visit(browser.context, server.url('/restore/story-1'));
    await recorded('/restore/story-1');
    await page.goto(server.url('/restore/elsewhere'), { waitUntil: 'load' });
    // A restore fires pageshow, not load.
    await page.goBack({ waitUntil: 'commit' });
    await waitFor(() => page.evaluate(() => document.documentElement.dataset.restored === 'yes'), 'the restore from the back/forward cache', 5_000);
    await waitFor(async () => (await visitsUnder('/restore/story-1')).length === 2, 'a second visit after the restore');
    await page.close();
  });
});
