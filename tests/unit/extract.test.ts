/**
 * Capture on the 22 real pages: each is recognised as an article, the headline is the story's headline, the body
 * recalls Readability's expected text, and the version hash ignores boilerplate but sees every real edit.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { extractArticle } from '../../lib/capture/keyed';
import { contentHash, normalizeText } from '../../lib/model/normalize';
import { recognizeArticle } from '../../lib/capture/recognize';
import type { Snapshot } from '../../lib/model/snapshot';
import {
  FIXTURE_NAMES, HAS_NUMBER, addBoilerplate, changeNumber, insertSentence, loadFixture, parseHtml, replaceEverywhere, serialize,
} from '../helpers/fixtures';

const URL_ = (name: string) => `https://news.example/2024/05/01/${name}.html`;
const words = (text: string) => normalizeText(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function recall(expectedText: string, got: string): number {
  const have = new Map<string, number>();
  for (const w of words(got)) have.set(w, (have.get(w) ?? 0) + 1);
  const want = words(expectedText);
  let hit = 0;
  for (const w of want) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      hit++;
      have.set(w, n - 1);
    }
  }
  return want.length === 0 ? 1 : hit / want.length;
}

// These pages show readers another headline (their story's <h1>) than the one they declare for search engines and
// social cards, which Readability's expected metadata took. The snapshot's headline is the one readers see.
const SHOWN_HEADLINES: Record<string, string> = {
  'citylab-1': 'Why Neon Is the Ultimate Symbol of the 20th Century',
  theverge: 'Apple’s Vision Pro is the Retina display moment for headsets',
};

/**
 * Readability keeps some furniture that capture drops by design (lib/capture/furniture.ts): figure captions and photo
 * credits everywhere, and on these pages the blocks listed (start of their text). They are taken out of the
 * expected text before recall is measured, so recall still counts every story word Readability found.
 */
const NOT_STORY: Record<string, string[]> = {
  breitbart: [
    // (its photo credit, "JIM WATSON/AFP/Getty Images", is a <figcaption>)
    'SIGN UP FOR OUR NEWSLETTER', // promotion
    'Lucas Nolan is a reporter for Breitbart Tech', // author bio after the story
  ],
  'citylab-1': ['Sarah Archer is the author of The Midcentury Kitchen.'], // author bio after the story
  cnn: [
    'Related: Rich are paying more in taxes', // "Related:" link lines between paragraphs
    "Related: Chicago is America's most segregated city",
    'CNNMoney (New York) First published', // dateline and timestamp
  ],
};

function expectedStory(name: string, expectedHtml: string): string {
  const body = parseHtml(expectedHtml).body;
  for (const el of Array.from(body.querySelectorAll('figure, figcaption'))) el.remove();
  const squashed = (el: Element) => normalizeText(el.textContent ?? '');
  for (const start of NOT_STORY[name] ?? []) {
    const hits = Array.from(body.querySelectorAll('p, li, div')).filter((el) => {
      // The block itself, not a container that happens to start with it.
      const text = squashed(el);
      return text.startsWith(start) && text.length < start.length + 400;
    });
    expect(hits.length, `${name}: "${start}" is in expected.html`).toBeGreaterThan(0);
    for (const el of hits) el.remove();
  }
  return body.textContent ?? '';
}

// Readability's expected titles sometimes keep a "| Author" or "- Site" suffix from <title>; we drop it.
const SUFFIX = /\s+[|\-–—]\s+[^|\-–—]{1,40}$/;
const headlineForm = (s: string) => normalizeText(s).replace(SUFFIX, '');

function capture(html: string, url: string): Snapshot {
  const doc = parseHtml(html, url);
  const recognition = recognizeArticle(doc, url);
  expect(recognition.article, recognition.reason).toBe(true);
  const snapshot = extractArticle(doc, url, { liveBlog: recognition.liveBlog });
  expect(snapshot).not.toBeNull();
  return snapshot!;
}

/** A story paragraph in the middle of the article, long enough to be unambiguous in the page. */
function middleParagraph(s: Snapshot, need?: RegExp): string {
  const matching = s.body.filter((b) => !need || need.test(b.text));
  // Prefer real paragraphs; a bare dateline may also appear in the page header and be ambiguous.
  const long = matching.filter((b) => b.text.length > 60);
  const candidates = long.length > 0 ? long : matching;
  const pick = candidates[Math.floor(candidates.length / 2)];
  if (!pick) throw new Error('no suitable paragraph');
  return pick.text;
}

const recallTable: { page: string; recall: string; blocks: number }[] = [];
afterAll(() => {
  console.log('Body word recall against expected.html');
  console.table(recallTable);
});

describe.each(FIXTURE_NAMES)('%s', (name) => {
  const fixture = loadFixture(name);
  const url = URL_(name);
  const base = capture(fixture.source, url);

  test('is recognised and its headline and body are the story', () => {
    expect(headlineForm(base.headline)).toBe(headlineForm(SHOWN_HEADLINES[name] ?? fixture.metadata.title));
    const expectedText = expectedStory(name, fixture.expectedHtml);
    const r = recall(expectedText, base.body.map((b) => b.text).join(' '));
    recallTable.push({ page: name, recall: r.toFixed(3), blocks: base.body.length });
    expect(r).toBeGreaterThanOrEqual(0.95);
    expect(base.extractor).toMatchObject({ name: '@mozilla/readability', version: '0.6.0' });
    for (const block of base.body) expect(block.text).not.toMatch(/<\/?[a-z][^>]*>/i);
  });

  test('the hash ignores boilerplate and tracking parameters', async () => {
    const doc = parseHtml(fixture.source, url);
    addBoilerplate(doc, base.body[0]!.text, 17);
    const noisyUrl = `${url}?utm_source=twitter&utm_medium=social&fbclid=abc123#comments`;
    const again = capture(serialize(doc), noisyUrl);
    expect(again.key).toBe(base.key);
    expect(await contentHash(again)).toBe(await contentHash(base));
  });

  test('the hash changes when a sentence is inserted', async () => {
    const doc = parseHtml(fixture.source, url);
    const paragraph = middleParagraph(base);
    insertSentence(doc, paragraph, 'Officials later disputed this account.');
    const edited = capture(serialize(doc), url);
    expect(edited.body.some((b) => b.text.includes('Officials later disputed this account.'))).toBe(true);
    expect(await contentHash(edited)).not.toBe(await contentHash(base));
  });

  // breitbart's story has no number: the only one Readability kept was its dateline ("22 Dec, 2016"), which capture
  // now drops as furniture. Stated for that page rather than skipped, so a change shows here.
  test('the hash changes when one number changes', async () => {
    if (!base.body.some((b) => HAS_NUMBER.test(b.text))) {
      expect(name, 'a story without any number').toBe('breitbart');
      return;
    }
    const doc = parseHtml(fixture.source, url);
    const [from, to] = changeNumber(doc, middleParagraph(base, HAS_NUMBER));
    expect(from).not.toBe(to);
    const edited = capture(serialize(doc), url);
    expect(await contentHash(edited)).not.toBe(await contentHash(base));
  });

  test('the hash changes when the headline changes', async () => {
    const doc = parseHtml(fixture.source, url);
    const headline = base.headline;
    const lastWord = headline.split(' ').at(-1)!;
    const newHeadline = headline.slice(0, headline.length - lastWord.length) + 'Revised';
    expect(replaceEverywhere(doc, headline, newHeadline)).toBeGreaterThan(0);
    const edited = capture(serialize(doc), url);
    expect(edited.headline).toBe(newHeadline);
    expect(await contentHash(edited)).not.toBe(await contentHash(base));
  });
});
