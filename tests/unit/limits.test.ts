/**
 * Capture stays within fixed caps on pathological pages: a 10 MB article, a page of 50,000 paragraphs, a single
 * 1 MB paragraph and a page whose DOM never stops changing. Asserts the structure of what comes out (and that it
 * comes out at all), never how long it took.
 */
import { Readability } from '@mozilla/readability';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { extractPage } from '../../lib/capture/keyed';
import { capBody, capText, CAPS, fitSnapshot, isSkipped, LIMITS } from '../../lib/model/limits';
import { parseMessage } from '../../lib/protocol/schema';
import { recognizeArticle } from '../../lib/capture/recognize';
import { waitForSettle } from '../../lib/capture/settle';
import type { Snapshot } from '../../lib/model/snapshot';
import { parseHtml } from '../helpers/fixtures';
import { makeSnapshot, PARAGRAPHS } from './helpers/snapshots';

const URL_ = 'https://news.example/2024/05/01/huge-story.html';

/** A declared news article whose body is `paragraphs`, each a <p>. */
function articlePage(paragraphs: Iterable<string>): string {
  const body = Array.from(paragraphs, (text) => `<p>${text}</p>`).join('\n');
  return `<!DOCTYPE html><html lang="en"><head><title>Council approves bridge repairs | Example News</title>
<meta property="og:type" content="article"><meta property="og:title" content="Council approves bridge repairs">
<meta property="article:published_time" content="2024-05-01T09:00:00Z"></head>
<body><header><a href="/">Example News</a></header><article><h1>Council approves bridge repairs</h1>
${body}</article><footer>© Example News</footer></body></html>`;
}

function* numbered(count: number, length = 0): Generator<string> {
  for (let i = 0; i < count; i++) {
    const base = `${PARAGRAPHS[i % PARAGRAPHS.length]} (Paragraph ${i + 1}.)`;
    yield length > 0 ? base.padEnd(length, ` ${base}`) : base;
  }
}

/** The capture message the content script would send: the background must accept it as it is. */
function acceptedByBackground(snapshot: Snapshot): boolean {
  const { key: _key, ...capture } = snapshot;
  return parseMessage({ type: 'capture', captureId: 'abcdef0123456789', snapshot: capture }).ok;
}

function bodyChars(snapshot: Snapshot): number {
  return snapshot.body.reduce((n, b) => n + b.text.length, 0);
}

// Pages of 7,000 paragraphs or 10 MB: Readability alone takes many seconds on a loaded 2-core machine.
describe('oversized pages', { timeout: 120_000 }, () => {
  test('a page of 50,000 paragraphs is skipped with a note, without running Readability', () => {
    const doc = parseHtml(articlePage(numbered(50_000)), URL_);
    expect(recognizeArticle(doc, URL_).article).toBe(true);
    const result = extractPage(doc, URL_);
    expect(isSkipped(result) && result.reason).toBe('too-many-elements');
    expect(isSkipped(result) && result.note).toMatch(/^Page too large to read: 50,0\d\d elements \(limit 30,000\)$/);
  });

  test('Readability failing on a page is caught and reported, not thrown', () => {
    const doc = parseHtml(articlePage(numbered(200)), URL_);
    const parse = vi.spyOn(Readability.prototype, 'parse').mockImplementation(() => {
      throw new Error('Aborting parsing document; 40000 elements found');
    });
    try {
      expect(extractPage(doc, URL_)).toMatchObject({ reason: 'not-article', note: expect.stringMatching(/^Readability failed/) });
    } finally {
      parse.mockRestore();
    }
  });

  test(`a page with more paragraphs than CAPS.blocks keeps the first ${CAPS.blocks}, flagged truncated`, () => {
    const doc = parseHtml(articlePage(numbered(CAPS.blocks + 2_000)), URL_);
    const result = extractPage(doc, URL_);
    if (isSkipped(result)) throw new Error(result.note);
    expect(result.truncated).toBe(true);
    expect(result.body).toHaveLength(CAPS.blocks);
    expect(result.body[0]!.text).toContain('(Paragraph 1.)');
    expect(result.body.at(-1)!.text).toContain(`(Paragraph ${CAPS.blocks}.)`);
    expect(acceptedByBackground(result)).toBe(true);
  });

  test('a 10 MB article keeps its beginning up to CAPS.bodyChars, flagged truncated', () => {
    const html = articlePage(numbered(200, 50_000));
    expect(html.length).toBeGreaterThan(10_000_000);
    const result = extractPage(parseHtml(html, URL_), URL_);
    if (isSkipped(result)) throw new Error(result.note);
    expect(result.truncated).toBe(true);
    expect(bodyChars(result)).toBeLessThanOrEqual(CAPS.bodyChars);
    expect(bodyChars(result)).toBeGreaterThan(CAPS.bodyChars - 50_000);
    expect(result.body[0]!.text.startsWith(PARAGRAPHS[0]!)).toBe(true);
    expect(acceptedByBackground(result)).toBe(true);
  });

  test('a single 1 MB paragraph is cut to CAPS.blockText', () => {
    const line = 'A very long line. '.repeat(60_000);
    const result = extractPage(parseHtml(articlePage([...numbered(5), line, ...numbered(3)]), URL_), URL_);
    if (isSkipped(result)) throw new Error(result.note);
    expect(result.truncated).toBe(true);
    expect(Math.max(...result.body.map((b) => b.text.length))).toBe(CAPS.blockText);
    // Cutting one block does not drop the blocks after it.
    expect(result.body).toHaveLength(9);
    expect(acceptedByBackground(result)).toBe(true);
  });

  test('an ordinary article is not flagged', () => {
    const result = extractPage(parseHtml(articlePage(numbered(12)), URL_), URL_);
    if (isSkipped(result)) throw new Error(result.note);
    expect(result.truncated).toBeUndefined();
    expect(result.body).toHaveLength(12);
  });
});

describe('fitting a snapshot to the caps', () => {
  test('oversized metadata is shortened; an oversized URL is skipped', () => {
    const long = 'x'.repeat(CAPS.shortText + 10);
    const fitted = fitSnapshot(
      makeSnapshot({ headline: long, byline: long, siteName: long, canonicalUrl: 'https://a.example/' + long.repeat(3), lang: long }),
    );
    if (isSkipped(fitted)) throw new Error(fitted.note);
    expect(fitted.headline).toHaveLength(CAPS.shortText);
    expect(fitted.byline).toHaveLength(CAPS.shortText);
    expect(fitted.canonicalUrl).toBeNull();
    expect(fitted.lang).toBeNull();
    expect(fitted.truncated).toBeUndefined();
    expect(acceptedByBackground(fitted)).toBe(true);
    const longUrl = 'https://news.example/' + 'a'.repeat(CAPS.url);
    expect(fitSnapshot(makeSnapshot({ url: longUrl }))).toMatchObject({ reason: 'url-too-long' });
  });

  test('oversized declared headlines (a page stuffing its <title>) are shortened, so the capture is still accepted', () => {
    const long = 'y'.repeat(CAPS.shortText * 3);
    const fitted = fitSnapshot(makeSnapshot({ metaHeadlines: { title: long, og: 'Short', jsonLd: null, description: long } }));
    if (isSkipped(fitted)) throw new Error(fitted.note);
    expect(fitted.metaHeadlines).toEqual({ title: long.slice(0, CAPS.shortText), og: 'Short', jsonLd: null, description: long.slice(0, CAPS.shortText) });
    expect(acceptedByBackground(fitted)).toBe(true);
  });

  test('cuts never split a surrogate pair', () => {
    expect(capText('ab😀', 3)).toBe('ab');
    expect(capText('ab😀', 4)).toBe('ab😀');
    const { body, truncated } = capBody([{ kind: 'p', text: '😀'.repeat(CAPS.blockText) }]);
    expect(truncated).toBe(true);
    expect(body[0]!.text.length).toBe(CAPS.blockText);
  });
});

describe('a page whose DOM never settles', () => {
  let timer: ReturnType<typeof setInterval> | undefined;
  afterEach(() => clearInterval(timer));

  test('waiting gives up after maxMs, so the capture goes ahead', async () => {
    const doc = parseHtml(articlePage(numbered(10)), URL_);
    const window = doc.defaultView!;
    const ticker = doc.createElement('p');
    doc.body.append(ticker);
    let n = 0;
    // A live ticker adding text faster than the quiet period, forever.
    timer = setInterval(() => ticker.append(doc.createTextNode(` tick ${++n}`)), 5);
    Object.assign(globalThis, { MutationObserver: window.MutationObserver });
    try {
      expect(await waitForSettle(doc.body, { quietMs: 50, maxMs: 400 })).toBe(false);
      expect(n).toBeGreaterThan(0);
      clearInterval(timer);
      // The same page, once still, settles: the false above was the cap, not a broken observer.
      expect(await waitForSettle(doc.body, { quietMs: 50, maxMs: 10_000 })).toBe(true);
    } finally {
      delete (globalThis as { MutationObserver?: unknown }).MutationObserver;
    }
    expect(LIMITS.settleMaxMs).toBeLessThanOrEqual(10_000);
  });
});
