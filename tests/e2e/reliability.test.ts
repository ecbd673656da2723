/**
 * Crashes and updates in real Chromium. The service worker is stopped in the middle of recording a capture (after
 * some of its writes were issued, before the commit): the history holds all of that capture or none of it and stays
 * consistent, and the next visit records normally. An extension update (same profile, new version of the build)
 * keeps the history, and a revisit after it is compared with what was recorded before.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { insertSentence, loadFixture, parseHtml, serialize } from '../helpers/fixtures';
import { CHROME_BUILD, launchWithExtension, visit, waitFor, type ExtensionBrowser } from './chromium';
import { dumpHistory, type HistoryDump } from './history-dump';
import { startPageServer, type PageServer } from './server';

const SENTENCE = 'Officials later disputed this account.';
const fixture = loadFixture('guardian-1');

let server: PageServer;
beforeAll(async () => {
  server = await startPageServer();
});
afterAll(() => server?.close());

/** Every article's versions, visits and counters agree, and every body text resolves. */
function expectConsistent(dump: HistoryDump): void {
  for (const article of dump.articles) {
    const versions = dump.versions.filter((v) => v.key === article.key);
    const seqs = versions.map((v) => v.seq);
    expect(versions, article.key).toHaveLength(article.versionCount);
    expect(new Set(versions.map((v) => v.hash)).size).toBe(versions.length);
    expect(Math.max(...seqs)).toBe(article.latestSeq);
    expect(seqs).toContain(article.baseline.seq);
    for (const visit of dump.visits.filter((v) => v.key === article.key)) expect(seqs).toContain(visit.seq);
    for (const v of versions) expect(v.body.every((b) => typeof b.text === 'string' && !b.text.startsWith('<missing'))).toBe(true);
  }
  const keys = new Set(dump.articles.map((a) => a.key));
  expect(dump.versions.every((v) => keys.has(v.key)) && dump.visits.every((v) => keys.has(v.key))).toBe(true);
  expect(new Set(dump.visits.map((v) => v.captureId)).size).toBe(dump.visits.length);
}

/** Stops every service worker of the extension, as the browser does when it kills an idle or crashed one. */
async function stopServiceWorkers(extensionPage: Page): Promise<void> {
  const cdp = await extensionPage.context().newCDPSession(extensionPage);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** The article visited at a URL ending in `suffix` (its key may be the page's canonical URL instead). */
const keyOf = (dump: HistoryDump, suffix: string) => dump.articles.find((a) => a.urls.some((u) => u.endsWith(suffix)))?.key;
const visitsOf = (dump: HistoryDump, suffix: string) => dump.visits.filter((v) => v.key === keyOf(dump, suffix));
const versionsOf = (dump: HistoryDump, suffix: string) => dump.versions.filter((v) => v.key === keyOf(dump, suffix));

/** A copy of the build, "installed" at a fixed path: an unpacked extension's id comes from its path. */
function installedCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'palimpsest-build-'));
  cpSync(CHROME_BUILD, dir, { recursive: true });
  return dir;
}

/**
 * Rewrites the copy's manifest version. Also how a restart is made to start the worker at once: an MV3 worker only
 * starts for an event, and an updated extension gets one (runtime.onInstalled).
 */
function bumpVersion(build: string, version: string): void {
  const manifestPath = path.join(build, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, version }));
}

describe('the service worker stopped while recording', () => {
  let browser: ExtensionBrowser;
  const build = installedCopy();
  beforeAll(async () => {
    browser = await launchWithExtension({ build });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(build, { recursive: true, force: true });
  });

  test('stopping the worker repeatedly while several articles are captured keeps the history consistent', async () => {
    const names = ['ars-1', 'lemonde-1', 'seattletimes-1', 'wapo-1'];
    const paths = names.map((name) => `/storm/${name}`);
    names.forEach((name, i) => server.set(paths[i]!, loadFixture(name).source));
    const watcher = await browser.context.newPage();
    await watcher.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const pages = paths.map((p) => visit(browser.context, server.url(p)));
    for (let i = 0; i < 6; i++) {
      await stopServiceWorkers(watcher);
      await watcher.waitForTimeout(150);
    }
    const opened = await Promise.all(pages);
    // Whatever survived is whole.
    expectConsistent(await dumpHistory(watcher));
    // Every article is recorded by its next page view.
    await Promise.all(opened.map((p) => p.reload({ waitUntil: 'load' })));
    const dump = (await waitFor(async () => {
      const d = await dumpHistory(watcher);
      return paths.every((p) => visitsOf(d, p).length >= 1) ? d : null;
    }, 'every article after the storm', 30_000))!;
    expectConsistent(dump);
    await Promise.all([...opened.map((p) => p.close()), watcher.close()]);
  });
});

describe('an extension update', () => {
  let build = '';
  let browser: ExtensionBrowser | undefined;
  afterEach(async () => {
    await browser?.close();
    rmSync(build, { recursive: true, force: true });
  });

  test('keeps the history, and a revisit after it is compared with the visit before', async () => {
    // An unpacked extension's id comes from its path, so the "installed" copy stays put and is updated in place.
    build = installedCopy();
    const storyPath = '/update/2017/whale-strandings';
    server.set(storyPath, fixture.source);
    browser = await launchWithExtension({ build });
    const { extensionId, profileDir } = browser;
    const first = await visit(browser.context, server.url(storyPath));
    await waitFor(async () => visitsOf(await dumpHistory(await browser!.worker()), storyPath).length === 1, 'first visit');
    await first.close();
    await browser.close({ keepProfile: true });

    bumpVersion(build, '99.0.0');
    browser = await launchWithExtension({ build, profileDir });
    expect(browser.extensionId).toBe(extensionId);
    const worker = await browser.worker();
    expect(await worker.evaluate(() => chrome.runtime.getManifest().version)).toBe('99.0.0');
    const kept = await dumpHistory(worker);
    expect(visitsOf(kept, storyPath)).toHaveLength(1);

    const doc = parseHtml(fixture.source, server.url(storyPath));
    const paragraph = [...doc.querySelectorAll('p')].map((p) => p.textContent ?? '').find((t) => t.length > 200)!;
    insertSentence(doc, paragraph, SENTENCE);
    server.set(storyPath, serialize(doc));
    const again = await visit(browser.context, server.url(storyPath));
    const after = (await waitFor(async () => {
      const dump = await dumpHistory(await browser!.worker());
      return visitsOf(dump, storyPath).length === 2 ? dump : null;
    }, 'the visit after the update'))!;
    await again.close();
    expectConsistent(after);
    expect(versionsOf(after, storyPath)).toHaveLength(2);
    expect(after.articles.find((a) => a.key === keyOf(after, storyPath))!.baseline.seq).toBe(2);
  });
});
