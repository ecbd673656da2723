/**
 * The headline is the one readers see: the story's visible <h1>, not what the page declares for search engines.
 * An edit of the visible headline is an edit even when og:title and the JSON-LD headline stay the same; logos,
 * hidden and screen-reader-only <h1>s and a sidebar's <h1> are not the headline.
 */
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../lib/capture/keyed';
import { readPageMeta } from '../../lib/capture/metadata';
import { contentHash } from '../../lib/model/normalize';
import { parseHtml } from '../helpers/fixtures';

const URL_ = 'https://daily.example/2026/12/07/harbour-bridge-reopens';
const PARAGRAPHS = [
  'The harbour bridge reopened to traffic on Monday morning after nine months of repairs, the city transport office said.',
  'Engineers replaced the corroded cables on the northern span and resurfaced both carriageways, at a cost the office put at 48 million.',
  'Commuters who had used the ferry during the closure said the crossing took twice as long, and several welcomed the reopening.',
  'The office said a second phase of work on the southern approach would start next spring and last about six weeks.',
];

function page(options: { h1: string; ogTitle?: string; ld?: string; head?: string; before?: string }): string {
  const ld = options.ld ?? options.ogTitle;
  return `<!doctype html><html lang="en"><head><title>${options.ogTitle ?? options.h1} | Daily Example</title>
    ${options.ogTitle ? `<meta property="og:title" content="${options.ogTitle}">` : ''}
    <meta property="og:type" content="article">
    ${ld ? `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${ld}"}</script>` : ''}
    ${options.head ?? ''}</head><body>
    <header><h1 class="logo"><a href="/">Daily Example</a></h1><nav><a href="/world">World</a> <a href="/city">City</a></nav></header>
    ${options.before ?? ''}
    <main><article><h1>${options.h1}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></main>
    <footer><p>© Daily Example</p></footer></body></html>`;
}

const capture = (html: string) => extractArticle(parseHtml(html, URL_), URL_)!;

describe('the visible headline', () => {
  test('is the story <h1>, not og:title or the JSON-LD headline', () => {
    const snapshot = capture(page({ h1: 'Harbour bridge reopens after nine months', ogTitle: 'Bridge reopens: what commuters need to know' }));
    expect(snapshot.headline).toBe('Harbour bridge reopens after nine months');
  });

  test('an edit of the visible headline alone changes the version', async () => {
    const before = capture(page({ h1: 'Harbour bridge reopens after nine months', ogTitle: 'Harbour bridge reopens after nine months' }));
    const after = capture(page({ h1: 'Harbour bridge reopens after ten months', ogTitle: 'Harbour bridge reopens after nine months' }));
    expect(after.headline).toBe('Harbour bridge reopens after ten months');
    expect(await contentHash(after)).not.toBe(await contentHash(before));
  });

  test('a headline rewritten completely is still the one shown, while the declared one is stale', () => {
    const snapshot = capture(page({ h1: 'Commuters return as crossing opens early', ogTitle: 'Harbour bridge reopens after nine months' }));
    expect(snapshot.headline).toBe('Commuters return as crossing opens early');
  });

  test('logos, hidden and screen-reader-only <h1>s are not the headline', () => {
    const hidden = `<h1 hidden>Breaking: unrelated alert</h1><h1 class="sr-only">Daily Example front page</h1>
      <div style="display: none"><h1>Old headline kept in a hidden template</h1></div>`;
    const meta = readPageMeta(parseHtml(page({ h1: 'Harbour bridge reopens after nine months', before: hidden }), URL_));
    expect(meta.visibleHeadline).toBe('Harbour bridge reopens after nine months');
  });

  test("a sidebar's <h1> unrelated to the declared headline is not taken", () => {
    const html = `<!doctype html><html><head><title>Superbugs: what they are and how you get them</title></head><body>
      <div class="sidebar"><h1>Information and Resources</h1><a href="/a">A</a></div>
      <div class="content"><h3>Superbugs</h3>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</div>
      </body></html>`;
    expect(readPageMeta(parseHtml(html, URL_)).visibleHeadline).toBeNull();
  });

  test('the headlines declared for machines are recorded as such', () => {
    const meta = readPageMeta(parseHtml(page({
      h1: 'Harbour bridge reopens after nine months',
      ogTitle: 'Bridge reopens: what commuters need to know',
      ld: 'Harbour bridge reopens',
      head: '<meta name="description" content="The crossing is open again after repairs.">',
    }), URL_));
    expect(meta.metaHeadlines).toEqual({
      title: 'Bridge reopens: what commuters need to know | Daily Example',
      og: 'Bridge reopens: what commuters need to know',
      jsonLd: 'Harbour bridge reopens',
      description: 'The crossing is open again after repairs.',
    });
  });
});

describe('pages that hide one headline and show another', () => {
  test('an <h1> hidden by a framework class (kept for machines) loses to the one shown, even when it is the declared one', () => {
    const declared = 'Harbour bridge reopens after nine months';
    const html = page({ h1: 'Harbour bridge reopens after ten months', ogTitle: declared, before: `<h1 class="is-hidden">${declared}</h1>` });
    expect(capture(html).headline).toBe('Harbour bridge reopens after ten months');
  });

  test('a headline set in an <h2> (the <h1> is a section title) is the headline, and its edits are edits', () => {
    const shell = (h2: string) => `<!doctype html><html><head><title>Superbugs: what they are and how you get them</title></head><body>
      <div class="sidebar"><h1>Information and Resources</h1><a href="/a">A</a></div>
      <div class="content"><h2>${h2}</h2>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
    expect(readPageMeta(parseHtml(shell('Superbugs: what they are and how you get them'), URL_)).visibleHeadline).toBe(
      'Superbugs: what they are and how you get them',
    );
    expect(readPageMeta(parseHtml(shell('Superbugs: what they are and how to avoid them'), URL_)).visibleHeadline).toBe(
      'Superbugs: what they are and how to avoid them',
    );
  });
});
