/**
 * Versions and the badge in real Chromium, on a real news page served from 127.0.0.1 and revisited with scripted
 * edits: boilerplate-only changes are not versions; an inserted sentence is, and badges the tab; a revert re-uses
 * the old version; a truncated capture is no deletion; private windows are never recorded.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { addBoilerplate, findElementWithText, insertSentence, loadFixture, parseHtml, serialize } from '../helpers/fixtures';
import { badgeText, connectOverDevTools, dumpDb, launchWithExtension, tabIdOf, waitFor, type DbDump, type ExtensionBrowser } from './chromium';
import { startPageServer, type PageServer } from './server';

const PATH = '/world/2017/jan/10/whale-strandings';
const SENTENCE = 'Officials later disputed this account.';

let browser: ExtensionBrowser;
let server: PageServer;
const fixture = loadFixture('guardian-1');

beforeAll(async () => {
  server = await startPageServer();
  browser = await launchWithExtension({ args: ['--remote-debugging-port=0'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Serves `html` at PATH, opens it (with `query`) in a new tab, and waits until that visit is recorded. */
async function revisit(html: string, query = ''): Promise<{ page: Page; dump: DbDump; badge: string }> {
  const before = (await dumpDb(await browser.worker())).visits.length;
  server.set(PATH, html);
  const page = await browser.context.newPage();
  await page.goto(server.url(PATH) + query, { waitUntil: 'load' });
  let dump: DbDump;
  const end = Date.now() + 20_000;
  do {
    await page.waitForTimeout(150);
    dump = await dumpDb(await browser.worker());
  } while (dump.visits.length === before && Date.now() < end);
  expect(dump.visits.length, 'the visit was recorded').toBe(before + 1);
  const worker = await browser.worker();
  // The badge is set right after the reply; allow the last step to land.
  await page.waitForTimeout(200);
  const badge = await badgeText(worker, await tabIdOf(worker, page));
  return { page, dump, badge };
}

describe('revisiting an article', () => {
  let storyParagraph = '';
  let firstParagraph = '';

  test('the first visit gives no badge', async () => {
    const { dump, badge } = await revisit(fixture.source);
    expect(dump.versions).toHaveLength(1);
    expect(badge).toBe('');
    const body = dump.versions[0]!.body.map((b) => b.text);
    firstParagraph = body[0]!;
    storyParagraph = body.filter((t) => t.length > 120)[3]!;
    expect(storyParagraph).toBeTruthy();
  });

  test('a revisit with only boilerplate changed and tracking parameters added: no badge, no new version', async () => {
    const doc = parseHtml(fixture.source);
    addBoilerplate(doc, firstParagraph, 42);
    const { dump, badge } = await revisit(serialize(doc), '?utm_source=newsletter&utm_campaign=daily&fbclid=xyz#top');
    expect(dump.versions).toHaveLength(1);
    expect(dump.articles).toHaveLength(1);
    expect(badge).toBe('');
  });

  test('a revisit with one sentence inserted: a badge and a second version', async () => {
    const doc = parseHtml(fixture.source);
    insertSentence(doc, storyParagraph, SENTENCE);
    const { page, dump, badge } = await revisit(serialize(doc));
    expect(dump.versions).toHaveLength(2);
    expect(dump.versions.find((v) => v.seq === 2)!.body.some((b) => b.text.includes(SENTENCE))).toBe(true);
    expect(badge).toBe('1');
    const worker = await browser.worker();
    const title = await worker.evaluate((id) => chrome.action.getTitle({ tabId: id }), await tabIdOf(worker, page));
    expect(title).toMatch(/^Palimpsest: 1 paragraph changed since your visit on \d{1,2} \w{3}, \d{2}:\d{2}$/);
  });

  test('a revert to the original: no third version', async () => {
    const { dump } = await revisit(fixture.source);
    expect(dump.versions).toHaveLength(2);
    expect(dump.visits.at(-1)!.seq).toBe(1);
  });

  test('a truncated revisit (paywall teaser): no badge, flagged partial', async () => {
    const doc = parseHtml(fixture.source);
    const anchor = findElementWithText(doc, firstParagraph)!;
    // Everything after the opening paragraphs disappears, as behind a paywall.
    let node = anchor.nextElementSibling?.nextElementSibling ?? null;
    while (node) {
      const next = node.nextElementSibling;
      node.remove();
      node = next;
    }
    const { dump, badge } = await revisit(serialize(doc));
    expect(badge).toBe('');
    expect(dump.visits.at(-1)!.partial).toBe(true);
    expect(dump.versions.filter((v) => !v.partial)).toHaveLength(2);
  });
});

test('a visit in a private window is not recorded', async () => {
  server.set('/private/story', fixture.source);
  const before = (await dumpDb(await browser.worker())).visits.length;
  const url = server.url('/private/story');
  // A private (off-the-record) context, as a private window gets; Playwright opens one over the DevTools protocol.
  const devtools = await connectOverDevTools(browser.profileDir);
  const privateContext = await devtools.newContext();
  const privatePage = await privateContext.newPage();
  await privatePage.goto(url, { waitUntil: 'load' });
  await privatePage.waitForTimeout(5000);
  expect((await dumpDb(await browser.worker())).visits).toHaveLength(before);
  await privateContext.close();
  await devtools.close();
  // The same page in a normal tab is recorded, so the silence above is the private window's doing.
  await browser.context.newPage().then((p) => p.goto(url, { waitUntil: 'load' }));
  await waitFor(async () => (await dumpDb(await browser.worker())).visits.length === before + 1, 'the normal visit');
});
