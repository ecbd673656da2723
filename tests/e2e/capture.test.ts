/**
 * The built extension in real headless Chromium captures a real news page served from 127.0.0.1: the background
 * receives exactly one snapshot, with the page's headline.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findElementWithText, loadFixture, parseHtml, serialize } from '../helpers/fixtures';
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

test('a body that loads late is captured whole', async () => {
  // The page ships its headline and markers, and a script fills in the story a second later, as client-rendered
  // sites do.
  const fixture = loadFixture('lemonde-1');
  const doc = parseHtml(fixture.source);
  const article = parseHtml(fixture.expectedHtml).body.innerHTML;
  const holder = findElementWithText(doc, parseHtml(fixture.expectedHtml).querySelector('p')!.textContent!)!.parentElement!;
  holder.innerHTML = '<p>Chargement…</p>';
  const script = doc.createElement('script');
  script.textContent = `setTimeout(() => { document.querySelector('[data-late]').innerHTML = ${JSON.stringify(article)}; }, 1000);`;
  holder.setAttribute('data-late', '');
  doc.body.append(script);
  server.set('/late/story', serialize(doc));

  await visit(browser.context, server.url('/late/story'));
  const version = await waitFor(async () => {
    const d = await dumpDb(await browser.worker());
    return d.versions.find((v) => v.key.endsWith('/late/story')) ?? null;
  }, 'the late article to be recorded');
  const expectedParagraphs = parseHtml(fixture.expectedHtml).querySelectorAll('p').length;
  expect(version.body.length).toBeGreaterThanOrEqual(expectedParagraphs * 0.9);
  expect(version.body.some((b) => b.text.includes('Chargement'))).toBe(false);
});

test('in-page (SPA) navigation to a new article captures it too', async () => {
  const first = loadFixture('nytimes-1');
  const second = loadFixture('wapo-1');
  server.set('/spa/first-story', first.source);
  const page = await visit(browser.context, server.url('/spa/first-story'));
  await waitFor(async () => (await dumpDb(await browser.worker())).articles.some((a) => a.key.endsWith('/spa/first-story')), 'the first article');

  // The site swaps in the next story's document without a page load, as single-page apps do.
  const next = parseHtml(second.source);
  await page.evaluate(
    ({ head, body }) => {
      history.pushState({}, '', '/spa/second-story');
      document.head.innerHTML = head;
      document.body.innerHTML = body;
    },
    { head: next.head.innerHTML, body: next.body.innerHTML },
  );
  const dump = await waitFor(async () => {
    const d = await dumpDb(await browser.worker());
    return d.articles.some((a) => a.key.endsWith('/spa/second-story')) ? d : null;
  }, 'the second article');
  const headlines = dump.versions.filter((v) => v.key.includes('/spa/')).map((v) => v.headline);
  expect(headlines).toEqual(expect.arrayContaining([second.metadata.title]));
  expect(dump.visits.filter((v) => v.key.includes('/spa/'))).toHaveLength(2);
});
