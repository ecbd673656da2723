/**
 * The extension's pages in real headless Chromium with the built extension: after a real news page is edited and
 * visited again, the popup shows the inserted sentence as an insertion with a summary, the history page lists the
 * article, and page text that looks like markup stays text. Saves the screenshots in docs/screenshots.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { changeNumber, HAS_NUMBER, insertSentence, loadFixture, parseHtml, replaceEverywhere, serialize } from '../helpers/fixtures';
import { dumpDb, launchWithExtension, visit, waitFor, type DbDump, type ExtensionBrowser } from './chromium';
import { startPageServer, type PageServer } from './server';

const SENTENCE = 'Officials later disputed this account.';
const HOSTILE = '<img src=x onerror=alert(1)>';
// Every run takes the screenshots; they replace the README's copies only on request (UPDATE_SCREENSHOTS=1), so a test
// run leaves the work tree as it found it.
const SHOTS = process.env.UPDATE_SCREENSHOTS
  ? path.resolve(import.meta.dirname, '../../docs/screenshots')
  : path.resolve(import.meta.dirname, '../.artifacts/screenshots');

let browser: ExtensionBrowser;
let server: PageServer;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startPageServer();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Visits `url` and waits until the database holds `versions` versions of articles whose key ends in `suffix`. */
async function visitAndWait(url: string, suffix: string, versions: number): Promise<DbDump> {
  const page = await visit(browser.context, url);
  const dump = await waitFor(async () => {
    const d = await dumpDb(await browser.worker());
    return d.versions.filter((v) => v.key.endsWith(suffix)).length >= versions ? d : null;
  }, `${versions} version(s) of ${suffix}`);
  await page.close();
  // waitFor only returns once the probe answered a dump.
  return dump!;
}

/** Reads a few more real articles at once, so the history page looks like a reader's. */
async function visitOthers(names: readonly string[]): Promise<void> {
  const paths = names.map((name) => `/stories/${name}`);
  names.forEach((name, i) => server.set(paths[i]!, loadFixture(name).source));
  const pages = await Promise.all(paths.map((p) => visit(browser.context, server.url(p))));
  await waitFor(async () => {
    const d = await dumpDb(await browser.worker());
    return paths.every((p) => d.articles.some((a) => a.key.endsWith(p)));
  }, 'the other articles to be recorded');
  await Promise.all(pages.map((page) => page.close()));
}

function extensionPage(file: string, width: number, height: number): Promise<Page> {
  return browser.context.newPage().then(async (page) => {
    await page.setViewportSize({ width, height });
    await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
    return page;
  });
}

test('the popup shows what was edited, and the history page lists the article', async () => {
  await visitOthers(['ars-1', 'lemonde-1', 'seattletimes-1', 'theverge']);
  const fixture = loadFixture('guardian-1');
  const storyPath = '/world/2019/jan/03/whale-strandings';
  server.set(storyPath, fixture.source);
  const first = await visitAndWait(server.url(storyPath), storyPath, 1);

  // Edit the page the way a newsroom would: a sentence added mid-story, a figure corrected, the headline sharpened.
  const body = first.versions.find((v) => v.key.endsWith(storyPath))!.body.map((b) => b.text);
  const long = body.filter((text) => text.length > 120);
  const doc = parseHtml(fixture.source, server.url(storyPath));
  const middle = long.slice(Math.floor(long.length / 3));
  const target = middle.find((text) => {
    try {
      insertSentence(doc, text, SENTENCE);
      return true;
    } catch {
      return false;
    }
  });
  expect(target).toBeDefined();
  const withNumber = body.find((text) => text !== target && text.length > 80 && /^\d+$/.test(HAS_NUMBER.exec(text)?.[0] ?? ''));
  if (withNumber) changeNumber(doc, withNumber);
  replaceEverywhere(doc, 'fearful over whale strandings', 'alarmed by rising number of whale strandings');
  server.set(storyPath, serialize(doc));
  const second = await visitAndWait(server.url(storyPath), storyPath, 2);
  const key = second.articles.find((a) => a.key.endsWith(storyPath))!.key;

  const popup = await extensionPage(`popup.html?url=${encodeURIComponent(server.url(storyPath))}`, 420, 600);
  await popup.waitForSelector('ins');
  const inserted = await popup.locator('ins').allTextContents();
  expect(inserted.some((text) => text.includes(SENTENCE))).toBe(true);
  await expect(popup.locator('.summary-text').textContent()).resolves.toMatch(/Headline changed · .*edited/);
  await expect(popup.locator('del').count()).resolves.toBeGreaterThan(0);
  if (withNumber) await expect(popup.locator('.number-change').first().textContent()).resolves.toMatch(/^\S+ → \S+$/);
  await popup.screenshot({ path: path.join(SHOTS, 'popup.png') });
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.screenshot({ path: path.join(SHOTS, 'popup-dark.png') });
  await popup.emulateMedia({ colorScheme: 'light' });

  // Folded context expands in place, under its button, which now folds it away again.
  const gaps = await popup.locator('button.gap').count();
  if (gaps > 0) {
    await popup.locator('button.gap').first().click();
    await expect(popup.locator('button.gap').count()).resolves.toBe(gaps);
    await expect(popup.locator('button.gap').first().getAttribute('aria-expanded')).resolves.toBe('true');
  }
  await popup.close();

  const history = await extensionPage('articles.html', 1200, 800);
  const row = history.locator('table.articles tbody tr', { hasText: 'alarmed by rising number of whale strandings' });
  await row.waitFor();
  await expect(row.locator('.tag-changed').count()).resolves.toBe(1);
  await history.screenshot({ path: path.join(SHOTS, 'history.png') });

  // The article's detail page compares side by side: old text struck out on the left, new underlined on the right.
  await history.goto(`chrome-extension://${browser.extensionId}/articles.html#${encodeURIComponent(key)}`);
  await history.getByRole('button', { name: 'Side by side' }).click();
  await history.waitForSelector('table.sbs');
  const right = await history.locator('table.sbs td:nth-child(2) ins').allTextContents();
  expect(right.some((text) => text.includes(SENTENCE))).toBe(true);
  await expect(history.locator('table.sbs td:nth-child(1) ins').count()).resolves.toBe(0);
  await history.screenshot({ path: path.join(SHOTS, 'history-detail.png') });
  await history.close();
});

test('page text that looks like markup is shown as text, never as markup', async () => {
  const fixture = loadFixture('bbc-1');
  const storyPath = '/news/world-us-canada-33646542';
  const doc = parseHtml(fixture.source, server.url(storyPath));
  expect(replaceEverywhere(doc, 'US gun laws', `US gun laws ${HOSTILE}`)).toBeGreaterThan(0);
  server.set(storyPath, serialize(doc));
  const dump = await visitAndWait(server.url(storyPath), storyPath, 1);
  expect(dump.versions.find((v) => v.key.endsWith(storyPath))!.headline).toContain(HOSTILE);

  const popup = await extensionPage(`popup.html?url=${encodeURIComponent(server.url(storyPath))}`, 420, 600);
  await popup.waitForSelector('h1.headline');
  await expect(popup.locator('h1.headline').textContent()).resolves.toContain(HOSTILE);
  await expect(popup.locator('.state-line').textContent()).resolves.toContain('Now tracking this article');
  expect(await popup.evaluate(() => document.querySelectorAll('img, script:not([src]), [onerror]').length)).toBe(0);

  const history = await extensionPage('articles.html', 1200, 800);
  await history.locator('table.articles tbody tr', { hasText: HOSTILE }).waitFor();
  expect(await history.evaluate(() => document.querySelectorAll('img[onerror], [onerror]').length)).toBe(0);
  await popup.close();
  await history.close();
});

test('the options page shows storage used and keeps excluded sites normalised', async () => {
  const options = await extensionPage('options.html', 800, 900);
  await options.locator('.usage').waitFor();
  await expect(options.locator('.usage').textContent()).resolves.toMatch(/Articles\s*\d/);
  await options.fill('#site-input', ' https://www.Example.com/some/path ');
  await options.getByRole('button', { name: 'Exclude site' }).click();
  await options.locator('.sites li', { hasText: 'example.com' }).waitFor();
  await options.selectOption('#retention', '90');
  const stored = await waitFor(async () => {
    // tests/e2e/chrome.d.ts declares only what the other tests use; storage is typed here.
    type Local = { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } };
    const { settings } = await (await browser.worker()).evaluate(() =>
      (globalThis as unknown as Local).chrome.storage.local.get('settings'),
    );
    const s = settings as { excludedSites: string[]; retentionDays: number | null } | undefined;
    return s?.retentionDays === 90 ? s : null;
  }, 'the settings to be saved');
  expect(stored!.excludedSites).toEqual(['example.com']);
  await options.screenshot({ path: path.join(SHOTS, 'options.png') });
  await options.close();
});

test('without ?url= the popup asks the active tab: reading, then tracking; a front page is not an article', async () => {
  const popup = await extensionPage('popup.html', 420, 600);
  // The popup tab stays open in the background; reloading it makes it ask about the tab now in front.
  const askAbout = async (url: string) => {
    const page = await visit(browser.context, url);
    await page.bringToFront();
    await popup.reload();
    return page;
  };
  server.set('/tab/story', loadFixture('wapo-1').source);
  const story = await askAbout(server.url('/tab/story'));
  await popup.getByText('Now tracking this article').waitFor();
  await expect(popup.locator('h1.headline').textContent()).resolves.toBe(loadFixture('wapo-1').metadata.title);

  server.set('/tab/', '<!doctype html><title>Front</title><h1>Today</h1>' + '<article><h2><a href="/a">A headline</a></h2><p>Teaser.</p></article>'.repeat(30));
  const front = await askAbout(server.url('/tab/'));
  await popup.getByText("This page doesn't look like a news article").waitFor({ timeout: 10_000 });
  await Promise.all([story.close(), front.close(), popup.close()]);
});
