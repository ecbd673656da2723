/**
 * Capture on variants of every real page (tests/helpers/variants.ts), with the current capture code: a story cut to
 * 1, 2 or 4 paragraphs is still an article and recorded; furniture swapped between visits, inside and around the
 * story, leaves the version identical; an edited visible <h1> is a new headline; a front page of teasers is not an
 * article even when it declares one. Fast-check draws furniture and front pages at random.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../lib/capture/keyed';
import { recognizeArticle } from '../../lib/capture/recognize';
import { comparableBody, contentHash, normalizeText } from '../../lib/model/normalize';
import type { Snapshot } from '../../lib/model/snapshot';
import { parseHtml, serialize } from '../helpers/fixtures';
import {
  FURNITURE_KINDS, SLOT_SHAPES, VARIANT_PAGES, baseline, cutStory, editVisibleH1, frontPage, furnished, loadPage, pageUrl, teaserOf, withSlot,
  type FurnitureKind,
} from '../helpers/variants';

function capture(html: string, url: string): { article: boolean; reason: string; snapshot: Snapshot | null } {
  const doc = parseHtml(html, url);
  const r = recognizeArticle(doc, url);
  return { article: r.article, reason: r.reason, snapshot: r.article ? extractArticle(doc, url, { liveBlog: r.liveBlog }) : null };
}

/** What differs between two bodies, as the hash sees them: for a failure message that says which furniture leaked. */
function bodyDiff(a: Snapshot, b: Snapshot): string {
  const left = comparableBody(a.body);
  const right = comparableBody(b.body);
  const only = (x: string[], y: string[]) => x.filter((t) => !y.includes(t)).map((t) => t.slice(0, 100));
  return JSON.stringify({
    headline: a.headline === b.headline ? undefined : [a.headline, b.headline],
    byline: a.byline === b.byline ? undefined : [a.byline, b.byline],
    dek: a.dek === b.dek ? undefined : [a.dek, b.dek],
    onlyFirst: only(left, right),
    onlySecond: only(right, left),
  });
}

/**
 * Short cuts of these pages where capture records something else than the story's opening paragraph today: Readability
 * scores a footer, a byline or a standfirst above a one- or two-paragraph story, or the opening paragraph is read with
 * its dateline in one capture and without it in the other. Open work (see the closing note of the fidelity issue).
 */
const KNOWN_SHORT_MISSES = new Set<string>([
  'aktualne/1', 'aktualne/2', 'cnn/1', 'engadget/4', 'folha/1', 'folha/2', 'medicalnewstoday/1', 'medicalnewstoday/2',
]);

/** Pages that show their headline in no <h1> or <h2> (youth sets it in a styled <div>). */
const NO_HEADLINE_HEADING = new Set(['youth']);

const bases = new Map<string, Snapshot>();
const baseOf = (name: string) => {
  let base = bases.get(name);
  if (!base) bases.set(name, (base = baseline(loadPage(name).source, pageUrl(name))));
  return base;
};

describe.each(VARIANT_PAGES)('%s', (name) => {
  const page = loadPage(name);
  const url = pageUrl(name);

  test.each([1, 2, 4])('the story cut to %i paragraph(s) is recognised and recorded', (n) => {
    const base = baseOf(name);
    const html = cutStory(page.source, url, n, base);
    expect(html, 'the page has that many story paragraphs').not.toBeNull();
    const cut = capture(html!, url);
    if (!recognizeArticle(parseHtml(page.source, url), url).declared && n < 2) {
      // An undeclared page keeps a gate: one paragraph with nothing declared is not taken for a story (two, led by
      // the headline and outweighing the rest of the page's prose, are). Stated, so a change of the gate shows here.
      expect(cut.article, `recognizeArticle: ${cut.reason}`).toBe(false);
      return;
    }
    // The kept opening is what was recorded, not some sidebar. Known misses (KNOWN_SHORT_MISSES) are stated rather than
    // skipped: the test fails when one of them starts to work, so the list only ever shrinks.
    const opening = normalizeText(base.body.find((b) => b.kind === 'p' && b.text.length >= 80)!.text);
    const recordedOpening = (s: Snapshot | null) => s !== null && s.body.map((b) => normalizeText(b.text)).join('\n').includes(opening);
    if (KNOWN_SHORT_MISSES.has(`${name}/${n}`)) {
      expect(cut.article && recordedOpening(cut.snapshot), `${name} cut to ${n} is a known miss that now works: take it off the list`).toBe(false);
      return;
    }
    expect(cut.article, `recognizeArticle: ${cut.reason}`).toBe(true);
    expect(cut.snapshot, 'extractArticle gave no snapshot').not.toBeNull();
    expect(recordedOpening(cut.snapshot), `${name} cut to ${n}: the opening paragraph must be recorded`).toBe(true);
  });

  test('furniture swapped between visits, inside and around the story: the same version', async () => {
    const base = baseOf(name);
    const first = capture(furnished(page.source, url, FURNITURE_KINDS, 1, base), url);
    const second = capture(furnished(page.source, url, FURNITURE_KINDS, 2, base), url);
    expect(first.article && second.article, `${first.reason} / ${second.reason}`).toBe(true);
    expect(await contentHash(second.snapshot!), bodyDiff(first.snapshot!, second.snapshot!)).toBe(await contentHash(first.snapshot!));
  });

  test('furniture added on a revisit of the unfurnished page: the same version as the page without it', async () => {
    // The browser fidelity test visits the page as served, then with furniture: an ad slot beside the story's
    // container made Readability stop short of story paragraphs it read without it (nytimes-2, telegraph).
    const base = baseOf(name);
    const again = capture(furnished(page.source, url, FURNITURE_KINDS, 1, base), url);
    expect(again.article, again.reason).toBe(true);
    expect(await contentHash(again.snapshot!), bodyDiff(base, again.snapshot!)).toBe(await contentHash(base));
  });

  test('a placeholder beside the story, on one load only and filled or not: the same version as the page as served', async () => {
    // nytimes-2's false badge in Chromium: a slot beside the story's wrapper gave its parent a second child, so
    // Readability no longer climbed from the wrapper it scored best and left out the other wrapper's paragraphs.
    // Before or after the container, empty, holding an ad's frame or an ad's linked picture.
    const base = baseOf(name);
    const want = await contentHash(base);
    for (const shape of SLOT_SHAPES) {
      for (const where of ['before', 'after'] as const) {
        const again = capture(withSlot(page.source, url, shape, where, base), url);
        expect(again.article, `${shape} ${where}: ${again.reason}`).toBe(true);
        expect(await contentHash(again.snapshot!), `${shape} ${where}: ${bodyDiff(base, again.snapshot!)}`).toBe(want);
      }
    }
    // Six extractions of a large page: more than the default time on a busy 2-core machine.
  }, 120_000);

  test('only the visible h1 edited: the headline changes', () => {
    const base = baseOf(name);
    const edit = editVisibleH1(page.source, url, base);
    if (NO_HEADLINE_HEADING.has(name)) {
      // Its headline is in no heading element: there is no visible <h1> to edit.
      expect(edit).toBeNull();
      return;
    }
    expect(edit, 'the page shows its headline in an <h1> or <h2>').not.toBeNull();
    const after = capture(edit!.html, url);
    expect(after.article, after.reason).toBe(true);
    expect(after.snapshot!.headline, `visible h1 "${edit!.from}" became "${edit!.to}"`).not.toBe(base.headline);
  });

  test('a front page of the other stories\u2019 teasers, declared an article, is not an article', () => {
    const teasers = VARIANT_PAGES.filter((other) => other !== name).map(teaserOf);
    const front = pageUrl(name, 'front.html');
    for (const seed of [1, 2]) {
      const r = recognizeArticle(parseHtml(frontPage(teasers, seed), front), front);
      expect(r.article, `layout ${seed}: ${r.reason}`).toBe(false);
    }
  });
});

/**
 * The page as a browser shows it after its inline scripts ran: each `document.write('…' + n + '…')` of escaped
 * markup leaves that markup as text after the script, `n` being what the script computes on that load.
 */
function withWrittenText(source: string, url: string, n: number): string {
  const doc = parseHtml(source, url);
  const unescape = (s: string) => s.replace(/\\\//g, '/').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const script of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const call = /document\.write\('([^']*&lt;[^']*)'\s*\+\s*\w+\s*\+\s*'([^']*)'\)/.exec(script.textContent ?? '');
    if (call) script.after(doc.createTextNode(unescape(call[1]!) + n + unescape(call[2]!)));
  }
  return serialize(doc);
}

describe('markup a page\u2019s script writes as text is not story', () => {
  test('youth as a browser shows it, on two loads ten minutes apart: the same version as the served page', async () => {
    // youth's script writes `<script src="…qwtf_js.js?{time / 5 min}">` escaped, so as text: Chromium read it as the
    // story's last paragraph on one visit, and a revisit with other furniture or at another time differed.
    const { source } = loadPage('youth');
    const url = pageUrl('youth');
    const served = capture(source, url).snapshot!;
    for (const n of [5988882, 5988884]) {
      const html = withWrittenText(source, url, n);
      expect(html).toContain(`qwtf_js.js?${n}`);
      const shown = capture(html, url).snapshot!;
      expect(shown.body.map((b) => b.text).join('\n')).not.toContain('<script');
      expect(await contentHash(shown), bodyDiff(served, shown)).toBe(await contentHash(served));
    }
  });

  test('a code sample showing tags is kept', () => {
    const url = pageUrl('code', 'story.html');
    const paragraph = 'The fix was a single line of markup, which the maintainers published alongside a long explanation of why it works. '.repeat(2);
    const html = `<!DOCTYPE html><html lang="en"><head><title>How the page loads</title><meta property="og:type" content="article"></head><body><article><h1>How the page loads</h1><p>${paragraph}</p><pre>&lt;script src="/app.js"&gt;&lt;/script&gt;</pre><p>${paragraph}</p><p>${paragraph}</p></article></body></html>`;
    const snapshot = capture(html, url).snapshot!;
    expect(snapshot.body.map((b) => b.text)).toContain('<script src="/app.js"></script>');
  });
});

describe('property: furniture never makes a version', () => {
  test('any furniture kinds, any two seeds, any page: the same content hash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...VARIANT_PAGES),
        fc.subarray([...FURNITURE_KINDS] as FurnitureKind[], { minLength: 1 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        async (name, kinds, seedA, seedB) => {
          const { source } = loadPage(name);
          const url = pageUrl(name);
          const base = baseOf(name);
          const a = capture(furnished(source, url, kinds, seedA, base), url);
          const b = capture(furnished(source, url, kinds, seedB, base), url);
          expect(a.snapshot && b.snapshot, `${name}: ${a.reason} / ${b.reason}`).toBeTruthy();
          expect(await contentHash(b.snapshot!), `${name} ${kinds.join(',')}: ${bodyDiff(a.snapshot!, b.snapshot!)}`).toBe(
            await contentHash(a.snapshot!),
          );
        },
      ),
      { numRuns: 30, seed: 20240501 },
    );
  }, 300_000);
});

describe('property: a page of teasers is never an article', () => {
  test('any 5 or more of the stories, in any order, in either layout, declared an article: not an article', () => {
    const teasers = VARIANT_PAGES.map(teaserOf);
    fc.assert(
      fc.property(fc.shuffledSubarray(teasers, { minLength: 5 }), fc.integer({ min: 1, max: 1e6 }), (chosen, seed) => {
        const url = 'https://news.example/2024/05/01/index.html';
        const r = recognizeArticle(parseHtml(frontPage(chosen, seed), url), url);
        expect(r.article, r.reason).toBe(false);
      }),
      { numRuns: 40, seed: 20240501 },
    );
  });
});
