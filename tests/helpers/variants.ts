/**
 * Variants of the real pages, made in code on a jsdom DOM and serialised back, so Node and a real browser see the
 * same HTML: the story cut to a few paragraphs, furniture swapped between visits (inside and around the story), the
 * visible <h1> edited, and a front page of teasers that declares itself an article. Every edit is structural and
 * seeded: nothing here knows any one site's markup. The story's elements are found from what the current extraction
 * reads as the body, by text, so the variants follow whatever the capture code considers the story.
 */
import { rng } from './random';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractArticle } from '../../lib/capture/keyed';
import type { Snapshot } from '../../lib/model/snapshot';
import { FIXTURE_NAMES, FIXTURES_DIR, parseHtml, serialize, type Fixture } from './fixtures';

export const MORE_PAGES_DIR = path.resolve(FIXTURES_DIR, '../more-pages');
/** The 22 pages and more-pages/youth (heavy furniture). */
export const VARIANT_PAGES = [...FIXTURE_NAMES, 'youth'];

export function loadPage(name: string): Fixture {
  const dir = FIXTURE_NAMES.includes(name) ? path.join(FIXTURES_DIR, name) : path.join(MORE_PAGES_DIR, name);
  return {
    name,
    source: readFileSync(path.join(dir, 'source.html'), 'utf8'),
    expectedHtml: readFileSync(path.join(dir, 'expected.html'), 'utf8'),
    metadata: JSON.parse(readFileSync(path.join(dir, 'expected-metadata.json'), 'utf8')),
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, '');
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/** The URL variants are parsed and extracted at in Node (browser tests use their own, same path shape). */
export const pageUrl = (name: string, file = 'story.html') => `https://news.example/2024/05/01/${name}/${file}`;

/** What the current capture code reads from the unedited page: the map from story text to page elements. */
export function baseline(source: string, url: string): Snapshot {
  const snapshot = extractArticle(parseHtml(source, url), url);
  if (!snapshot) throw new Error(`no article extracted from ${url}`);
  return snapshot;
}

/**
 * The element holding each body block, in story order: the deepest element whose whole text is the block's text,
 * the first such after the previous block's element (so a teaser repeating a paragraph elsewhere is not taken).
 * Blocks that are not a whole element (a run of text between <br>s) map to null.
 */
export function locateBlocks(doc: Document, body: readonly { text: string }[]): (Element | null)[] {
  const all = Array.from(doc.body.querySelectorAll('*')).filter((el) => !el.closest('script, style, noscript, template'));
  const texts = all.map((el) => squash(el.textContent));
  const out: (Element | null)[] = [];
  let from = 0;
  for (const block of body) {
    const want = squash(block.text);
    let found = -1;
    for (let i = from; i < all.length; i++) {
      if (texts[i] !== want || SKIP.has(all[i]!.tagName)) continue;
      found = i;
      // Deeper elements with the same text follow their ancestor directly: take the deepest.
      while (found + 1 < all.length && texts[found + 1] === want && all[found]!.contains(all[found + 1]!)) found++;
      break;
    }
    if (found < 0) {
      out.push(null);
      continue;
    }
    out.push(all[found]!);
    from = found + 1;
  }
  return out;
}

/** A substantial story paragraph, as opposed to a dateline, caption or subheading. */
const isStoryParagraph = (b: { kind: string; text: string }) => b.kind === 'p' && b.text.length >= 80;

/**
 * The story cut to its first `n` paragraphs: every body block after the n-th story paragraph is removed from the
 * page; everything else (header, navigation, sidebars, footer) stays. Returns null when the page has fewer.
 */
export function cutStory(source: string, url: string, n: number, base = baseline(source, url)): string | null {
  const doc = parseHtml(source, url);
  const elements = locateBlocks(doc, base.body);
  let seen = 0;
  let cutFrom = -1;
  base.body.forEach((b, i) => {
    if (cutFrom < 0 && isStoryParagraph(b) && elements[i] && ++seen === n) cutFrom = i + 1;
  });
  if (cutFrom < 0) return null;
  const kept = elements.slice(0, cutFrom).filter((e): e is Element => e !== null);
  for (const el of elements.slice(cutFrom)) {
    // Never remove an element that holds a kept paragraph (a block can be a wrapper's whole text).
    if (el && el.isConnected && !kept.some((k) => el.contains(k))) el.remove();
  }
  return serialize(doc);
}

/** The visible headline changed, and nothing else: not <title>, not og:title, not the JSON-LD headline. */
export function editVisibleH1(source: string, url: string, base = baseline(source, url)): { html: string; from: string; to: string } | null {
  const doc = parseHtml(source, url);
  // The heading readers see as the story's headline: the one whose text is the recorded headline (an <h1>, or the
  // <h2> of pages whose <h1> is a section title). Every such heading (some pages repeat it in a sticky bar).
  const shown = Array.from(doc.querySelectorAll('h1, h2')).filter((h) => squash(h.textContent) === squash(base.headline));
  const h1 = shown[0];
  if (!h1) return null;
  const from = (h1.textContent ?? '').replace(/\s+/g, ' ').trim();
  const to = `${from.replace(/\s*\S+$/, '')} revised after publication`;
  for (const heading of shown) heading.textContent = to;
  return { html: serialize(doc), from, to };
}

// ---------------------------------------------------------------------------------------------------------------
// Furniture: what changes on every visit of the same story without the story changing.

export const FURNITURE_KINDS = [
  /** A "Read also" list of links between two story paragraphs. */
  'read-also-inside',
  /** A share row with a share count, at the top of the story container. */
  'share-row-inside',
  /** A comment counter at the end of the story container. */
  'comment-count-inside',
  /** An ad slot between story paragraphs. */
  'ad-inside',
  /** A newsletter / subscription promo between story paragraphs. */
  'promo-inside',
  /** "Related" links after the story container. */
  'related-outside',
  /** A "Most read" list at the end of the page. */
  'most-read-outside',
  /** Today's date and an "Updated" line in the page header, outside the story. */
  'dates-outside',
  /** An ad banner before the story container. */
  'ad-outside',
  /**
   * Markup a page's script wrote as text after the story container: document.write of an escaped `<script>` tag
   * whose query is the time in five-minute steps, as more-pages/youth does (a browser shows it, the served HTML has
   * none of it, and it differs between visits).
   */
  'script-text-outside',
  /**
   * A placeholder after the story container that a script fills on some loads: a linked picture (an ad's creative),
   * nothing, or a frame, by the seed (SLOT_SHAPES): seeds 1 and 2 are a filled slot and an empty one.
   */
  'slot-outside',
] as const;
export type FurnitureKind = (typeof FURNITURE_KINDS)[number];

const TOPICS = ['Budget talks', 'Storm warning', 'Transfer window', 'Election night', 'Museum reopens', 'Rail strike',
  'Heatwave', 'Court ruling', 'Space launch', 'Market rally', 'School reform', 'Harbour fire', 'Film festival'];
const TWISTS = ['what happens next', 'the winners and losers', 'five things to know', 'why it matters',
  'the view from the ground', 'a timeline', 'the numbers behind it', 'who is affected'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

function headlines(r: () => number, count: number): string[] {
  return Array.from({ length: count }, () => `${pick(r, TOPICS)}: ${pick(r, TWISTS)}`);
}
function links(r: () => number, count: number): string {
  return headlines(r, count)
    .map((h) => `<li><a href="/${h.toLowerCase().replace(/\W+/g, '-')}-${Math.floor(r() * 1e6)}">${h}</a></li>`)
    .join('');
}

/** What a placeholder holds on a load: by the seed, so furniture-1 and furniture-2 differ (picture, then empty). */
export const SLOT_SHAPES = ['frame', 'picture', 'empty'] as const;
export type SlotShape = (typeof SLOT_SHAPES)[number];

/** A placeholder as a script leaves it: empty, holding an ad's frame, or an ad's linked picture. */
export function slot(doc: Document, shape: SlotShape, seed: number): Element {
  const el = doc.createElement('div');
  el.className = 'slot';
  el.setAttribute('data-furniture', 'slot-outside');
  if (shape === 'frame') el.innerHTML = `<iframe src="https://ads.example/frame/${seed}" title="3rd party ad content"></iframe>`;
  if (shape === 'picture') el.innerHTML = `<a href="https://ads.example/click/${seed}"><img src="https://ads.example/${seed}.jpg" alt=""></a>`;
  return el;
}

/** The furniture block of `kind`, its content drawn from `seed`. */
function furniture(doc: Document, kind: FurnitureKind, seed: number): Element {
  const r = rng(seed * 31 + FURNITURE_KINDS.indexOf(kind));
  const el = doc.createElement(kind.endsWith('outside') && kind !== 'ad-outside' ? 'aside' : 'div');
  el.setAttribute('data-furniture', kind);
  const n = 2 + Math.floor(r() * 4);
  switch (kind) {
    case 'read-also-inside':
      el.className = 'read-also';
      el.innerHTML = `<h4>Read also</h4><ul>${links(r, n)}</ul>`;
      break;
    case 'share-row-inside':
      el.className = 'share-tools';
      el.innerHTML = `<a href="https://facebook.example/share?u=${seed}">Share</a> <a href="https://x.example/intent?u=${seed}">Post</a> <span>${Math.floor(r() * 5000)} shares</span>`;
      break;
    case 'comment-count-inside':
      el.className = 'comment-count';
      el.innerHTML = `<a href="#comments">${1 + Math.floor(r() * 900)} comments</a>`;
      break;
    case 'ad-inside':
    case 'ad-outside':
      el.className = 'ad-slot';
      el.innerHTML = `<span>Advertisement</span><a href="https://ads.example/click/${seed}"><img src="https://ads.example/${Math.floor(r() * 1e6)}.png" alt=""></a>`;
      break;
    case 'promo-inside':
      el.className = 'promo';
      el.innerHTML = `<a href="/subscribe?offer=${seed}">Subscribe now: ${1 + Math.floor(r() * 11)} months for ${1 + Math.floor(r() * 9)} €</a>`;
      break;
    case 'related-outside':
      el.className = 'related';
      el.innerHTML = `<h3>Related</h3><ul>${links(r, n + 2)}</ul>`;
      break;
    case 'most-read-outside':
      el.className = 'most-read';
      el.innerHTML = `<h3>Most read</h3><ol>${links(r, 5)}</ol>`;
      break;
    case 'dates-outside':
      el.className = 'masthead-date';
      el.innerHTML = `<time>${1 + Math.floor(r() * 28)} ${pick(r, MONTHS)} 2024</time> <span>Updated ${1 + Math.floor(r() * 59)} minutes ago</span>`;
      break;
  }
  return el;
}

/** Where furniture goes, found from the story: its paragraphs' elements and the container holding them. */
interface StoryPlaces {
  paragraphs: Element[];
  container: Element;
}

function storyPlaces(doc: Document, body: readonly { kind: string; text: string }[]): StoryPlaces {
  const elements = locateBlocks(doc, body);
  const paragraphs = body.flatMap((b, i) => (isStoryParagraph(b) && elements[i] ? [elements[i]] : []));
  if (paragraphs.length === 0) throw new Error('no story paragraph found in the page');
  // The container: the parent most story paragraphs share (the first paragraph's, on a tie).
  const counts = new Map<Element, number>();
  for (const p of paragraphs) if (p.parentElement) counts.set(p.parentElement, (counts.get(p.parentElement) ?? 0) + 1);
  let container: Element = paragraphs[0]!.parentElement ?? doc.body;
  for (const [parent, count] of counts) if (count > (counts.get(container) ?? 0)) container = parent;
  return { paragraphs: paragraphs.filter((p) => p.parentElement === container), container };
}

/** Adds `kinds` of furniture with content from `seed`; the same kinds with another seed is the same story. */
export function addFurniture(doc: Document, body: readonly { kind: string; text: string }[], kinds: readonly FurnitureKind[], seed: number): void {
  const { paragraphs, container } = storyPlaces(doc, body);
  const first = paragraphs[0] ?? container.firstElementChild;
  // Between paragraphs: after the first story paragraph, or after the middle one in a longer story.
  const between = paragraphs[Math.floor((paragraphs.length - 1) / 2)] ?? first;
  const outer = container.parentElement ?? doc.body;
  for (const kind of kinds) {
    if (kind === 'script-text-outside') {
      const bucket = 5_000_000 + Math.floor(rng(seed * 31 + FURNITURE_KINDS.indexOf(kind))() * 1e6);
      const written = `<script type="text/javascript" src="//widgets.example/w.js?${bucket}" charset="gbk"></script>`;
      outer.insertBefore(doc.createTextNode(written), container.nextSibling);
      continue;
    }
    if (kind === 'slot-outside') {
      outer.insertBefore(slot(doc, SLOT_SHAPES[seed % SLOT_SHAPES.length]!, seed), container.nextSibling);
      continue;
    }
    const el = furniture(doc, kind, seed);
    switch (kind) {
      case 'share-row-inside':
        container.insertBefore(el, first ?? null);
        break;
      case 'comment-count-inside':
        container.append(el);
        break;
      case 'read-also-inside':
      case 'ad-inside':
      case 'promo-inside':
        if (between) between.after(el);
        else container.append(el);
        break;
      case 'related-outside':
        outer.insertBefore(el, container.nextSibling);
        break;
      case 'ad-outside':
        outer.insertBefore(el, container);
        break;
      case 'most-read-outside':
        doc.body.append(el);
        break;
      case 'dates-outside':
        doc.body.prepend(el);
        break;
    }
  }
}

/**
 * The page as served with one placeholder beside the story container (before or after it), holding `shape`: what a
 * revisit sees when a script filled, or did not fill, a slot the served page did not have.
 */
export function withSlot(source: string, url: string, shape: SlotShape, where: 'before' | 'after', base = baseline(source, url)): string {
  const doc = parseHtml(source, url);
  const { container } = storyPlaces(doc, base.body);
  const el = slot(doc, shape, 7);
  if (where === 'before') container.before(el);
  else container.after(el);
  return serialize(doc);
}

/** The page with `kinds` of furniture from `seed`, serialised. */
export function furnished(source: string, url: string, kinds: readonly FurnitureKind[], seed: number, base = baseline(source, url)): string {
  const doc = parseHtml(source, url);
  addFurniture(doc, base.body, kinds, seed);
  return serialize(doc);
}

// ---------------------------------------------------------------------------------------------------------------
// A front page: teasers of the other stories, declaring itself an article all the same.

export interface Teaser {
  headline: string;
  dek: string;
  path: string;
}

/** A one-line dek: the story's first sentence (or its first 140 characters). */
export function teaserOf(name: string): Teaser {
  const page = loadPage(name);
  const text = (parseHtml(page.expectedHtml).body.textContent ?? '').replace(/\s+/g, ' ').trim();
  const sentence = /^.{40,200}?[.!?](?=\s|$)/.exec(text)?.[0] ?? text.slice(0, 140);
  return { headline: page.metadata.title, dek: sentence, path: `/2024/05/01/${name}/story.html` };
}

/**
 * The front page a site would show with the other pages' stories: a masthead, one teaser per story (headline link
 * and one-line dek), footer; `og:type=article` and a NewsArticle JSON-LD block all the same, as some CMSes emit on
 * every page. The layout (cards or a list) is drawn from `seed`.
 */
export function frontPage(teasers: readonly Teaser[], seed: number): string {
  const r = rng(seed);
  const cards = r() < 0.5;
  const items = teasers
    .map((t) =>
      cards
        ? `<article class="card"><h2><a href="${t.path}">${escapeHtml(t.headline)}</a></h2><p>${escapeHtml(t.dek)}</p></article>`
        : `<li class="teaser"><a class="headline" href="${t.path}">${escapeHtml(t.headline)}</a><div class="summary">${escapeHtml(t.dek)}</div></li>`,
    )
    .join('\n');
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Today\u2019s news', datePublished: '2024-05-01T06:00:00Z' });
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The Daily Example: today's news</title>
<meta property="og:type" content="article"><meta property="og:title" content="Today's news">
<script type="application/ld+json">${ld}</script></head>
<body><header><a href="/">The Daily Example</a><nav><a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
<main><h1>Today's news</h1>${cards ? `<section class="teasers">${items}</section>` : `<ul class="teasers">${items}</ul>`}</main>
<footer><p>© The Daily Example. All rights reserved.</p></footer></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
