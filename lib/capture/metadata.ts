/**
 * What the page shows and declares about its article, read from the live document before Readability runs: the
 * visible headline (the story's <h1>), the headlines the page declares for machines (JSON-LD, og:title, <title>,
 * description), standfirst, author, dates, site name, canonical URL. Kept apart from the body extraction so the
 * content script can do it in its own short task.
 */
import { normalizeText, tidyText } from '../model/normalize';
import type { MetaHeadlines } from '../model/snapshot';
import { articleNode, ldText, metaContent, readJsonLd, type JsonLdNode } from './declared';

export interface PageMeta {
  /** The headline readers see: the story's visible <h1>; null when the page has no such <h1>. */
  visibleHeadline: string | null;
  /** Declared headline, or the <h1> the <title> confirms; null leaves the choice to Readability's title. */
  headline: string | null;
  /** The headlines the page declares for search engines and social cards, each as stated. */
  metaHeadlines: MetaHeadlines;
  firstH1: string | null;
  dek: string | null;
  siteName: string | null;
  author: string | null;
  published: string | null;
  modified: string | null;
  canonical: string | null;
  ogUrl: string | null;
  lang: string | null;
}

// Titles often carry the site name after a separator: "Story headline | Site".
const TITLE_SEPARATOR = /\s+[|\-–—:·»]\s+/;
const DEK_CLASS = /(^|[\s_-])(standfirst|dek|deck|subtitle|sub-?headline|strapline|article-?summary)($|[\s_-])/i;
// The same class words as a CSS prefilter, so the browser, not a regex over every element, finds the candidates.
const DEK_SELECTOR = ['standfirst', 'dek', 'subtitle', 'subheadline', 'sub-headline', 'strapline', 'summary']
  .map((word) => `[class*="${word}" i]`)
  .concat('[itemprop="alternativeHeadline"]')
  .join(', ');

export function clean(value: string | null | undefined): string | null {
  const text = tidyText(value ?? '');
  return text === '' ? null : text;
}

const notUrl = (text: string | null): string | null => (text !== null && /^https?:\/\//i.test(text) ? null : text);

const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

/**
 * Readability's byline is the text of whatever element looked like one, and on many sites that element also holds
 * the date or a comment counter ("by Jane Doe22 Dec 2016651"). Those change between visits and must not make a new
 * version, so the byline stops at the first digit, and a "byline" that is really a timestamp is dropped.
 */
export function cleanByline(value: string | null | undefined): string | null {
  const text = clean(value);
  if (text === null) return null;
  const firstDigit = text.search(/\d/);
  if (firstDigit < 0) return text;
  const head = text.slice(0, firstDigit).replace(/[\s,;:|·•–—-]+$/, '');
  return head.split(' ').length >= 2 && !MONTH.test(head) ? head : null;
}

export function readPageMeta(doc: Document): PageMeta {
  const ld = articleNode(readJsonLd(doc)) ?? {};
  const siteName = clean(metaContent(doc, 'og:site_name')) ?? clean(ldText(ld['publisher']));
  const h1s = Array.from(doc.querySelectorAll('h1'), (h) => clean(h.textContent)).filter((t) => t !== null);
  const headline = declaredHeadline(doc, ld, h1s, siteName);
  return {
    visibleHeadline: visibleHeadline(doc, headline, siteName),
    headline,
    metaHeadlines: {
      title: clean(doc.title),
      og: clean(metaContent(doc, 'og:title', 'twitter:title')),
      jsonLd: clean(ldText(ld['headline'])),
      description: clean(metaContent(doc, 'description', 'og:description')),
    },
    firstH1: h1s[0] ?? null,
    dek: findDek(doc, ld, headline),
    siteName,
    // article:author is often a profile URL rather than a name.
    author: notUrl(clean(ldText(ld['author']))) ?? notUrl(clean(metaContent(doc, 'author', 'article:author'))),
    published: clean(ldText(ld['datePublished'])) ?? clean(metaContent(doc, 'article:published_time')),
    modified:
      clean(ldText(ld['dateModified'])) ?? clean(metaContent(doc, 'article:modified_time', 'og:updated_time')),
    canonical: doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? null,
    ogUrl: metaContent(doc, 'og:url'),
    lang: clean(doc.documentElement.getAttribute('lang')),
  };
}

/**
 * JSON-LD headline, then og:title, then the page's <h1> that the document title confirms (sidebars have <h1>s too).
 * A site suffix is removed when the <h1> confirms the shorter form.
 */
function declaredHeadline(doc: Document, ld: JsonLdNode, h1s: string[], siteName: string | null): string | null {
  const candidates = [clean(ldText(ld['headline'])), clean(metaContent(doc, 'og:title', 'twitter:title'))];
  for (const candidate of candidates) {
    if (candidate !== null) return stripSiteSuffix(candidate, h1s, siteName);
  }
  const title = normalizeText(doc.title).toLowerCase();
  return h1s.find((h) => h.length > 10 && title.includes(normalizeText(h).toLowerCase())) ?? null;
}

function stripSiteSuffix(title: string, h1s: string[], siteName: string | null): string {
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  const norm = normalizeText(title);
  // The <h1> is the same headline without the suffix: trust it.
  const h1 = h1s.find((h) => norm.startsWith(normalizeText(h)) && h.length >= title.length / 2);
  if (h1 !== undefined) return h1;
  const last = normalizeText(parts[parts.length - 1] ?? '').toLowerCase();
  const site = normalizeText(siteName ?? '').toLowerCase();
  if (site !== '' && (last.includes(site) || site.includes(last))) {
    return title.slice(0, title.length - (parts[parts.length - 1] ?? '').length).replace(TITLE_SEPARATOR, '').trim();
  }
  return title;
}

function findDek(doc: Document, ld: JsonLdNode, headline: string | null): string | null {
  const declared = clean(ldText(ld['alternativeHeadline']));
  if (declared !== null && declared !== headline) return declared;
  for (const el of doc.querySelectorAll(DEK_SELECTOR)) {
    if (el.getAttribute('itemprop') !== 'alternativeHeadline' && !DEK_CLASS.test(el.getAttribute('class') ?? '')) continue;
    const text = clean(el.textContent);
    if (text !== null && text.length >= 20 && text.length <= 400 && text !== headline) return text;
  }
  return null;
}

// Hidden by the page itself, in ways that read the same from attributes in every browser and in Node (no layout).
const HIDDEN = '[hidden], [aria-hidden="true" i], template, noscript, [style*="display:none" i], [style*="display: none" i]';
// The class conventions for text hidden from sight or kept for screen readers only, common to CSS frameworks
// (Bootstrap, Bulma, Tailwind, WordPress, Drupal): such an <h1> is often the declared headline kept for machines.
const NOT_SHOWN = /(^|\s)(sr-only|visually-?hidden|screen-reader-text|element-invisible|a11y-hidden|hidden|is-hidden|u-hidden|d-none|hide|invisible)($|\s)/i;
// Enough shared words with the declared headline to be the same headline, edited or not.
const SAME_HEADLINE_OVERLAP = 0.5;

const headlineWords = (text: string): Set<string> =>
  new Set(normalizeText(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / Math.min(a.size, b.size);
}

/**
 * The headline readers see: the <h1> that is the story's title. Readers read the visible headline, so an edit of
 * it is an edit even when the headlines declared for machines stay the same. Site logos set in an <h1>, hidden and
 * screen-reader-only <h1>s do not count. Among several, the one that shares most words with the declared headline,
 * else the first inside the story's container (<article>, <main>), else, when the page declares no headline and has
 * no <title>, the only one; else the <h2> that is the declared headline.
 */
function visibleHeadline(doc: Document, declared: string | null, siteName: string | null): string | null {
  const h1s = shownHeadings(doc, 'h1', siteName);
  // What the page declares, or failing that its <title>, tells the story's <h1> from a sidebar's.
  const reference = declared ?? clean(doc.title);
  if (reference !== null) {
    const best = closest(h1s, reference);
    if (best !== null) return best;
  }
  const inStory = h1s.find(({ el }) => el.closest('article, main, [role="main" i], [itemprop="articleBody"]'));
  // With a declared headline to go by, an unrelated <h1> outside the story is a sidebar's or a section's title.
  const only = reference === null && h1s.length === 1 ? h1s[0] : undefined;
  if (inStory ?? only) return (inStory ?? only)!.text;
  // Some pages set their headline in an <h2> (their <h1> is the site's name or a section's): the one that is the
  // declared headline, edited or not.
  return reference === null ? null : closest(shownHeadings(doc, 'h2', siteName), reference);
}

/** The headings of one level a reader can see, logos and hidden ones left out. */
function shownHeadings(doc: Document, tag: 'h1' | 'h2', siteName: string | null): { el: Element; text: string }[] {
  const site = siteName === null ? null : normalizeText(siteName).toLowerCase();
  const shown: { el: Element; text: string }[] = [];
  for (const el of doc.querySelectorAll(tag)) {
    if (el.closest(HIDDEN) || NOT_SHOWN.test(el.getAttribute('class') ?? '')) continue;
    const text = clean(el.textContent);
    if (text === null || text.length < 3 || text.length > 500) continue;
    if (site !== null && normalizeText(text).toLowerCase() === site) continue;
    // A logo: the heading is one link to the site's front page.
    const link = el.querySelector('a[href]');
    if (link && clean(link.textContent) === text && /^(\/|https?:\/\/[^/]+\/?)$/.test(link.getAttribute('href') ?? '')) continue;
    shown.push({ el, text });
  }
  return shown;
}

/** The heading sharing most words with `reference`, if it shares enough to be the same headline, edited or not. */
function closest(headings: readonly { text: string }[], reference: string): string | null {
  const want = headlineWords(reference);
  let best: { text: string; score: number } | null = null;
  for (const { text } of headings) {
    const score = overlap(headlineWords(text), want);
    if (score >= SAME_HEADLINE_OVERLAP && (best === null || score > best.score)) best = { text, score };
  }
  return best?.text ?? null;
}
