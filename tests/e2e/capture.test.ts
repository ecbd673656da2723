/**
 * The built extension in real headless Chromium captures a real news page served from 127.0.0.1: the background
 * receives exactly one snapshot, with the page's headline.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadFixture } from '../helpers/fixtures';
import { dumpDb, launchWithExtension, visit, waitFor, type ExtensionBrowser } from './chromium';
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

test('visiting a fixture page records exactly one snapshot with its headline', async () => {
  const fixture = loadFixture('bbc-1');
  server.set('/news/world-us-canada-33646542', fixture.source);
  const page = await visit(browser.context, server.url('/news/world-us-canada-33646542'));

  const dump = await waitFor(async () => {
    const d = await dumpDb(await browser.worker());
    return d.visits.length > 0 ? d : null;
  }, 'the capture to be recorded');
  // Give a duplicate capture (settle timer firing twice, a second message) time to show up before counting.
  await page.waitForTimeout(1500);
  const settled = await dumpDb(await browser.worker());
  expect(settled.visits).toHaveLength(1);
  expect(settled.versions).toHaveLength(1);
  expect(settled.articles).toHaveLength(1);
  expect(dump!.versions[0]!.headline).toBe(fixture.metadata.title);
  expect(settled.versions[0]!.body.length).toBeGreaterThan(10);
  expect(settled.articles[0]!.key).toBe(`${new URL(server.origin).host}/news/world-us-canada-33646542`);
});

test('a page that is not an article records nothing', async () => {
  server.set('/', '<!doctype html><title>Front</title><h1>Today</h1>' + '<article><h2><a href="/a">A headline</a></h2><p>Teaser text.</p></article>'.repeat(30));
  const before = await dumpDb(await browser.worker());
  const page = await visit(browser.context, server.url('/'));
  await page.waitForTimeout(2500);
  const after = await dumpDb(await browser.worker());
  expect(after.visits).toHaveLength(before.visits.length);
});
