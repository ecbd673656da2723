/**
 * Accessibility of the extension's pages in real headless Firefox ESR (issue 16), the same checks as in Chromium
 * where Firefox can be driven: axe-core on every page and state, light and then dark (the same profile started again
 * with Firefox's dark content preference), the keyboard flows, and reflow at 320 CSS px.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { audit, CHANGED_PATH, overflow, seedHistory, UNCHANGED_PATH, type Evaluating } from './a11y-audit';
import { excludedSitesFlow, foldFlow, openAndBackFlow, stickyHeaderFlow, timelineFlow, type KeyPage } from './a11y-flows';
import { launchFirefox, waitFor, type FirefoxExtension } from './firefox';
import type { DbDump } from './scenario';
import { startPageServer, type PageServer } from './server';

let ff: FirefoxExtension;
let server: PageServer;
let changedKey = '';
let changedHeadline = '';

beforeAll(async () => {
  server = await startPageServer();
  ff = await launchFirefox();
  await seedHistory(async (p, html) => {
    const before = (await ff.dumpDb()).visits.length;
    server.set(p, html);
    const page = await ff.visit(server.url(p));
    const dump = await waitFor(async () => {
      const d = await ff.dumpDb();
      return d.visits.length > before ? d : null;
    }, `the visit of ${p} to be recorded`, 20_000);
    await page.close();
    return dump as DbDump;
  });
  const article = (await ff.dumpDb()).articles.find((a) => a.key.endsWith(CHANGED_PATH))!;
  expect(article.versionCount).toBe(3);
  changedKey = article.key;
  changedHeadline = article.headline;
}, 240_000);
afterAll(async () => {
  await ff?.close();
  await server?.close();
});

async function open(file: string, ready: string, width = 420, height = 600): Promise<Page> {
  const page = await ff.extensionPage(file);
  await page.setViewport({ width, height });
  await page.waitForSelector(ready);
  return page;
}
const asKeys = (page: Page) => page as unknown as KeyPage;
const asEval = (page: Page) => page as unknown as Evaluating;

const popupOf = (p: string) => `popup.html?url=${encodeURIComponent(server.url(p))}`;
const STATES: { name: string; file: () => string; ready: string; width?: number; sideBySide?: boolean }[] = [
  { name: 'popup, changed', file: () => popupOf(CHANGED_PATH), ready: 'ins' },
  { name: 'popup, unchanged', file: () => popupOf(UNCHANGED_PATH), ready: '.state-unchanged' },
  { name: 'popup, no record', file: () => popupOf('/never/visited'), ready: '.notice' },
  { name: 'history, list', file: () => 'articles.html', ready: 'table.articles', width: 1200 },
  { name: 'history, inline detail', file: () => `articles.html#${encodeURIComponent(changedKey)}`, ready: '.diff', width: 1200 },
  { name: 'history, side-by-side detail', file: () => `articles.html#${encodeURIComponent(changedKey)}`, ready: '.diff', width: 1200, sideBySide: true },
  { name: 'options', file: () => 'options.html', ready: '.usage', width: 800 },
  { name: 'verify page', file: () => 'verify.html', ready: '#verify-file', width: 800 },
];

async function auditState(state: (typeof STATES)[number], scheme: 'light' | 'dark'): Promise<void> {
  const page = await open(state.file(), state.ready, state.width);
  expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
  if (state.sideBySide) {
    await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Side by side')!.click());
    await page.waitForSelector('table.sbs');
  }
  expect(await audit(asEval(page))).toEqual([]);
  await page.close();
}

describe('light', () => {
  for (const state of STATES) test(`axe-core: ${state.name}`, () => auditState(state, 'light'));
});

describe('the keyboard', () => {
  test('a fold opens and closes in place, focus staying on its button', async () => {
    const page = await open(popupOf(CHANGED_PATH), 'button.gap');
    await foldFlow(asKeys(page));
    await page.close();
  });

  test('opening an article moves focus to its headline; going back returns focus to its link', async () => {
    const page = await open('articles.html', 'table.articles', 1200, 800);
    await openAndBackFlow(asKeys(page), changedKey, changedHeadline);
    await page.close();
  });

  test('Tab walks the version picks in reading order; arrows never collapse the comparison', async () => {
    const page = await open(`articles.html#${encodeURIComponent(changedKey)}`, '.timeline', 1200, 800);
    await timelineFlow(asKeys(page));
    await page.close();
  });

  test('going backwards through the popup, no focused element hides under the sticky header', async () => {
    const page = await open(popupOf(CHANGED_PATH), 'ins', 420, 600);
    await stickyHeaderFlow(asKeys(page));
    await page.close();
  });

  test('the options page refuses a non-site; removing a site moves focus to its neighbour', async () => {
    const page = await open('options.html', '.usage', 800, 900);
    const stored = () =>
      page.evaluate(async () => {
        const { settings } = await browser.storage.local.get('settings');
        return (settings as { excludedSites: string[] } | undefined)?.excludedSites ?? [];
      });
    await excludedSitesFlow(asKeys(page), stored);
    await page.close();
  });
});

describe('reflow', () => {
  for (const [name, file, ready] of [
    ['the popup of an edited article', () => popupOf(CHANGED_PATH), 'ins'],
    ['the history list', () => 'articles.html', 'table.articles'],
    ['an article on the history page', () => `articles.html#${encodeURIComponent(changedKey)}`, '.diff'],
    ['the options page', () => 'options.html', '.usage'],
  ] as const) {
    test(`${name} fits 320 CSS px without sideways scrolling`, async () => {
      const page = await open(file(), ready, 320, 640);
      // Firefox draws classic scrollbars here, so the viewport is a little narrower than the window.
      const fit = await overflow(asEval(page));
      expect(fit.width).toBeGreaterThan(300);
      expect(fit).toEqual({ scrollWidth: fit.width, width: fit.width, cut: [] });
      await page.close();
    });
  }
});

describe('dark', () => {
  beforeAll(async () => {
    // The same profile, history and extension origin, started again with Firefox's dark content preference.
    const kept = { profileDir: ff.profileDir, uuid: ff.uuid };
    await ff.close({ keepProfile: true });
    ff = await launchFirefox({ reuse: kept, prefs: { 'layout.css.prefers-color-scheme.content-override': 0, 'ui.systemUsesDarkTheme': 1 } });
  }, 120_000);
  for (const state of STATES) test(`axe-core: ${state.name}`, () => auditState(state, 'dark'));
});
