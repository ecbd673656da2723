/**
 * Issue 15, items 3 and 4: a page writes only the history of an article on its own site (decided by the Public Suffix
 * List), and the content script, the background and the popup compute one article key from the same inputs.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, test } from 'vitest';
import { extractArticle } from '../../lib/capture/keyed';
import { handleCapture } from '../../lib/service/capture';
import { openHistoryDb } from '../../lib/store/open';
import type { PalimpsestDB } from '../../lib/store/schema';
import { getArticle, countRecords } from '../../lib/store/read';
import { loadArticle } from '../../lib/view/data';
import { keysForUrl } from '../../lib/view/article';
import { DEFAULT_SETTINGS } from '../../lib/platform/settings';
import type { Snapshot } from '../../lib/model/snapshot';
import { parseHtml } from '../helpers/fixtures';
import { PARAGRAPHS } from './helpers/snapshots';

/** A story page as a publisher serves it, declaring its address in the head as the test says. */
function storyPage(head: string): string {
  return `<!doctype html><html lang="en"><head><title>Harbour Bridge to close</title>${head}</head><body>
    <article><h1>Harbour Bridge to close for three weeks as cables corrode</h1>
    ${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;
}

/** What the content script sends from `url` showing `page`. */
function contentCapture(page: string, url: string): Snapshot {
  const snapshot = extractArticle(parseHtml(page, url), url);
  if (!snapshot) throw new Error('not extracted');
  return snapshot;
}

let db: PalimpsestDB;
beforeEach(async () => {
  db = await openHistoryDb('hostile-identity', new IDBFactory());
  return () => db.close();
});

const background = (snapshot: Snapshot, senderUrl: string) =>
  handleCapture(db, { snapshot, captureId: crypto.randomUUID(), senderUrl, settings: DEFAULT_SETTINGS, now: Date.now() });

describe('one identity (item 4)', () => {
  test.each([
    ['a home-page canonical and the story’s og:url', '<link rel="canonical" href="https://www.news.example/">'],
    ['a canonical on another site and the story’s og:url', '<link rel="canonical" href="https://elsewhere.example/x">'],
  ])('with %s, the popup finds what the background recorded under the content script’s key', async (_name, canonical) => {
    const url = 'https://m.news.example/2024/05/14/bridge?utm_source=nl';
    const page = storyPage(`${canonical}<meta property="og:url" content="https://www.news.example/2024/05/14/harbour-bridge">`);
    const snapshot = contentCapture(page, url);
    expect(snapshot.key).toBe('news.example/2024/05/14/harbour-bridge');
    expect((await background(snapshot, url)).reply.ok).toBe(true);
    // The popup looks the active tab's article up by the key its content script reports (entrypoints/popup/resolve.ts).
    const bundle = await loadArticle(db, [snapshot.key]);
    expect(bundle?.article.key).toBe(snapshot.key);
  });

  test('the popup’s lookup by URL finds an article recorded without declarations', async () => {
    const url = 'https://www.news.example/2024/05/14/plain?fbclid=1';
    const snapshot = contentCapture(storyPage(''), url);
    await background(snapshot, url);
    expect(await loadArticle(db, keysForUrl('https://news.example/2024/05/14/plain'))).not.toBeNull();
  });
});

describe('cross-writing (item 3)', () => {
  test.each([
    ['a sibling site on a shared host', 'https://evil.github.io/post', 'https://victim.github.io/2024/story'],
    ['a subdomain claiming its parent’s URL on a shared host', 'https://evil.github.io/post', 'https://github.io/2024/story'],
    ['another registrable domain', 'https://evil.example/post', 'https://victim.example/2024/story'],
  ])('%s cannot write another site’s article: its capture is its own', async (_name, sender, claimed) => {
    const snapshot = contentCapture(storyPage(`<link rel="canonical" href="${claimed}"><meta property="og:url" content="${claimed}">`), sender);
    // Even a forged key in the payload is recomputed by the background.
    const forged = { ...snapshot, key: claimed.replace(/^https:\/\//, '') };
    expect((await background(forged, sender)).reply.ok).toBe(true);
    expect(await getArticle(db, forged.key)).toBeUndefined();
    expect(await getArticle(db, sender.replace(/^https:\/\//, ''))).toBeDefined();
    expect((await countRecords(db)).articles).toBe(1);
  });

  test('amp., m. and www. editions of one registrable domain share an article', async () => {
    const canonical = '<link rel="canonical" href="https://www.news.example/2024/story">';
    for (const sender of ['https://amp.news.example/2024/story.amp', 'https://m.news.example/s/123', 'https://live.news.example/x']) {
      await background(contentCapture(storyPage(canonical), sender), sender);
    }
    expect(await countRecords(db)).toMatchObject({ articles: 1, visits: 3 });
    expect(await getArticle(db, 'news.example/2024/story')).toBeDefined();
  });

  test('stored URLs carry no tracking or subscriber-identifying parameters (item 11)', async () => {
    const sender = 'https://www.news.example/2024/story?id=4&utm_source=nl&mc_eid=5f3a&_hsenc=p2AN&fbclid=IwAR';
    await background(contentCapture(storyPage(''), sender), sender);
    const bundle = await loadArticle(db, keysForUrl(sender));
    expect(bundle?.article.urls).toEqual(['https://www.news.example/2024/story?id=4']);
    expect(bundle?.versions[0]?.url).toBe('https://www.news.example/2024/story?id=4');
  });
});
