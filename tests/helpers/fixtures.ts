/**
 * The real news pages in ../shared/fixtures/pages and the scripted edits tests make to them. Edits are made on
 * a DOM and serialised back, so the same edited page can be checked in Node and served to a real browser.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseJsonLdText } from '../../lib/capture/declared';

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../../../shared/fixtures/pages');
export const FIXTURE_NAMES = readdirSync(FIXTURES_DIR).sort();

export interface Fixture {
  name: string;
  source: string;
  expectedHtml: string;
  metadata: { title: string; byline: string | null; siteName: string | null; readerable: boolean };
}

export function loadFixture(name: string): Fixture {
  const dir = path.join(FIXTURES_DIR, name);
  return {
    name,
    source: readFileSync(path.join(dir, 'source.html'), 'utf8'),
    expectedHtml: readFileSync(path.join(dir, 'expected.html'), 'utf8'),
    metadata: JSON.parse(readFileSync(path.join(dir, 'expected-metadata.json'), 'utf8')),
  };
}

// Saved pages carry CSS jsdom cannot parse; its complaints are noise here. jsdom reports them through the virtual
// console and has no switch to skip CSS (https://github.com/jsdom/jsdom/issues/2922, /issues/2005).
const quiet = new VirtualConsole();

export function parseHtml(html: string, url = 'https://news.example/2024/05/01/story.html'): Document {
  return new JSDOM(html, { url, virtualConsole: quiet }).window.document;
}

export function serialize(doc: Document): string {
  return '<!DOCTYPE html>\n' + doc.documentElement.outerHTML;
}


const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, '');

/** The deepest element whose whole text is `text` (ignoring whitespace), or one that contains it. */
export function findElementWithText(doc: Document, text: string): Element | null {
  const want = squash(text);
  let best: Element | null = null;
  for (const el of doc.body.querySelectorAll('*')) {
    if (['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
    const have = squash(el.textContent);
    if (have === want || (have.includes(want) && want.length > 40)) best = el;
  }
  if (best) return best;
  // A block can span sibling inline elements (two <time>s): settle for the element holding its start.
  for (const el of doc.body.querySelectorAll('*')) {
    const have = squash(el.textContent);
    if (have.length >= Math.min(20, want.length / 2) && want.startsWith(have)) best = el;
  }
  return best;
}

/** Appends a sentence to the element holding `paragraph`. */
export function insertSentence(doc: Document, paragraph: string, sentence: string): void {
  const el = findElementWithText(doc, paragraph);
  if (!el) throw new Error(`paragraph not found: ${paragraph.slice(0, 60)}`);
  el.appendChild(doc.createTextNode(' ' + sentence));
}

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const NUMBER = new RegExp(`\\d+|\\b(${NUMBER_WORDS.join('|')})\\b`, 'i');

/** Replaces the first number (digits, or a spelled-out one to ten) in `paragraph`; returns [from, to]. */
export function changeNumber(doc: Document, paragraph: string): [string, string] {
  const el = findElementWithText(doc, paragraph);
  if (!el) throw new Error(`paragraph not found: ${paragraph.slice(0, 60)}`);
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const m = NUMBER.exec(node.nodeValue ?? '');
    if (!m) continue;
    const word = NUMBER_WORDS.indexOf(m[0].toLowerCase());
    const to = word >= 0 ? NUMBER_WORDS[(word + 1) % NUMBER_WORDS.length]! : String(Number(m[0]) + 7);
    node.nodeValue = (node.nodeValue ?? '').replace(m[0], to);
    return [m[0], to];
  }
  throw new Error('no number in paragraph');
}

/** A paragraph with a number, as changeNumber understands one. */
export const HAS_NUMBER = NUMBER;

/** Replaces `from` by `to` in every text node, attribute value and JSON-LD block: a headline edit. */
export function replaceEverywhere(doc: Document, from: string, to: string): number {
  let count = 0;
  const walker = doc.createTreeWalker(doc.documentElement, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue ?? '';
    const tidied = value.replace(/\s+/g, ' ');
    if (tidied.includes(from)) {
      node.nodeValue = tidied.split(from).join(to);
      count++;
    }
  }
  // An element whose text is `from` split over inline markup ("Just-released <i>Minecraft</i> exploit…").
  for (const el of doc.body.querySelectorAll('h1, h2, h3, p, li, span, a')) {
    if (el.children.length > 0 && (el.textContent ?? '').replace(/\s+/g, ' ').trim() === from) {
      el.textContent = to;
      count++;
    }
  }
  // Structured data holds the headline too, possibly with escapes the raw text would not match.
  const swap = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.split(from).join(to)
      : Array.isArray(value)
        ? value.map(swap)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]))
          : value;
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const before = parseJsonLdText(script.textContent ?? '');
      const after = JSON.stringify(swap(before));
      if (after !== JSON.stringify(before)) {
        script.textContent = after;
        count++;
      }
    } catch {
      // Not JSON (or wrapped in CDATA): the text-node pass above already handled it.
    }
  }
  for (const el of doc.querySelectorAll('meta[content], [title]')) {
    for (const attr of ['content', 'title']) {
      const value = el.getAttribute(attr);
      if (value?.includes(from)) {
        el.setAttribute(attr, value.split(from).join(to));
        count++;
      }
    }
  }
  return count;
}

/**
 * Boilerplate that varies between visits of the same article: a cookie banner, ad slots, a "most read" list and
 * an "Updated N minutes ago" line next to the story. `seed` makes each visit's boilerplate different.
 */
export function addBoilerplate(doc: Document, firstParagraph: string, seed: number): void {
  const banner = doc.createElement('div');
  banner.className = 'cookie-consent';
  banner.innerHTML = `<p>We use cookies to improve your experience (${seed}). <button>Accept all</button></p>`;
  doc.body.prepend(banner);

  const mostRead = doc.createElement('aside');
  mostRead.className = 'most-read';
  const items = Array.from({ length: 5 }, (_, i) => `<li><a href="/story-${seed}-${i}">Popular story ${seed * 10 + i} everyone is reading</a></li>`);
  mostRead.innerHTML = `<h2>Most read</h2><ol>${items.join('')}</ol>`;
  doc.body.append(mostRead);

  const ad = doc.createElement('div');
  ad.className = 'ad-slot';
  ad.innerHTML = `<p>Advertisement</p><a href="https://ads.example/${seed}"><img src="https://ads.example/${seed}.png" alt=""></a>`;
  doc.body.append(ad);

  const anchor = findElementWithText(doc, firstParagraph);
  if (anchor?.parentNode) {
    const updated = doc.createElement('p');
    updated.className = 'timestamp';
    updated.textContent = `Updated ${seed} minutes ago`;
    anchor.parentNode.insertBefore(updated, anchor);
  }
}
