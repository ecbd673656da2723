/**
 * DOM -> article snapshot. Metadata comes from what the page declares (JSON-LD, og:, <meta>, <h1>), the body
 * from Mozilla Readability run on a clone, so the live page is never modified. Returns null when Readability
 * finds no article. Work and output are bounded by lib/limits.ts: oversized pages are skipped with a note or cut
 * (and flagged truncated) to fit the background's caps.
 */
import { Readability } from '@mozilla/readability';
import { readBlocks } from './blocks';
import { CAPS, fitSnapshot, isSkipped, LIMITS, tooManyElements, type Skipped } from './limits';
import { normalizeText, tidyText } from './normalize';
import { articleNode, ldText, metaContent, readJsonLd, type JsonLdNode } from './page-meta';
import type { Block, Extractor, Snapshot } from './snapshot';
import { articleKey } from './url';

export const EXTRACTOR: Extractor = { name: '@mozilla/readability', version: '0.6.0', rules: 1 };

// Titles often carry the site name after a separator: "Story headline | Site".
const TITLE_SEPARATOR = /\s+[|\-–—:·»]\s+/;
const DEK_CLASS = /(^|[\s_-])(standfirst|dek|deck|subtitle|sub-?headline|strapline|article-?summary)($|[\s_-])/i;

export interface ExtractOptions {
  liveBlog?: boolean;
  /** Bounds Readability's work on pathological pages; LIMITS.maxElemsToParse unless a test needs another. */
  maxElemsToParse?: number;
}

/** The snapshot, or null when there is none (not an article, or too large to read). */
export function extractArticle(doc: Document, url: string, options: ExtractOptions = {}): Snapshot | null {
  const result = extractPage(doc, url, options);
  return isSkipped(result) ? null : result;
}

/** The snapshot, fitted to the caps, or why there is none. */
export function extractPage(doc: Document, url: string, options: ExtractOptions = {}): Snapshot | Skipped {
  const maxElems = options.maxElemsToParse ?? LIMITS.maxElemsToParse;
  // Counted before cloning: cloning a huge page is itself the cost we want to avoid.
  const tooMany = tooManyElements(doc, maxElems);
  if (tooMany) return tooMany;
  const ld = articleNode(readJsonLd(doc)) ?? {};
  const meta = readMeta(doc, ld);

  const clone = doc.cloneNode(true) as Document;
  let parsed: ReturnType<Readability<Element>['parse']>;
  try {
    parsed = new Readability<Element>(clone, { serializer: (node) => node as Element, maxElemsToParse: maxElems }).parse();
  } catch (error) {
    // Readability throws "Aborting parsing document" past maxElemsToParse (the page grew since we counted).
    return tooManyElements(clone, maxElems) ?? { reason: 'not-article', note: `Readability failed: ${String(error)}` };
  }
  if (!parsed?.content) return notArticle;

  const headline = chooseHeadline(doc, ld, parsed.title ?? '', meta.siteName);
  const dek = findDek(doc, ld, headline);
  // Read a little past the caps: a few leading blocks may be dropped as repeats of the headline and dek.
  const read = readBlocks(parsed.content, { maxBlocks: CAPS.blocks + 3, maxChars: 2 * CAPS.bodyChars });
  const body = dropLeadingRepeats(read.blocks, [headline, dek]);
  if (body.length === 0) return notArticle;

  const canonical = doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? null;
  const ogUrl = metaContent(doc, 'og:url');
  const snapshot: Snapshot = {
    url,
    key: articleKey(url, { canonical, ogUrl }),
    canonicalUrl: canonical ?? ogUrl,
    siteName: meta.siteName ?? parsed.siteName ?? hostLabel(url),
    headline,
    dek,
    byline: meta.author ?? cleanByline(parsed.byline),
    publishedTime: meta.published ?? clean(parsed.publishedTime),
    modifiedTime: meta.modified,
    lang: clean(parsed.lang) ?? clean(doc.documentElement.getAttribute('lang')),
    liveBlog: options.liveBlog ?? false,
    body,
    extractor: EXTRACTOR,
  };
  if (!read.complete) snapshot.truncated = true;
  return fitSnapshot(snapshot);
}

const notArticle: Skipped = { reason: 'not-article', note: 'Readability found no article' };

function clean(value: string | null | undefined): string | null {
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
function cleanByline(value: string | null | undefined): string | null {
  const text = clean(value);
  if (text === null) return null;
  const firstDigit = text.search(/\d/);
  if (firstDigit < 0) return text;
  const head = text.slice(0, firstDigit).replace(/[\s,;:|·•–—-]+$/, '');
  return head.split(' ').length >= 2 && !MONTH.test(head) ? head : null;
}

function readMeta(doc: Document, ld: JsonLdNode) {
  return {
    siteName: clean(metaContent(doc, 'og:site_name')) ?? clean(ldText(ld['publisher'])),
    // article:author is often a profile URL rather than a name.
    author: notUrl(clean(ldText(ld['author']))) ?? notUrl(clean(metaContent(doc, 'author', 'article:author'))),
    published: clean(ldText(ld['datePublished'])) ?? clean(metaContent(doc, 'article:published_time')),
    modified:
      clean(ldText(ld['dateModified'])) ?? clean(metaContent(doc, 'article:modified_time', 'og:updated_time')),
  };
}

/**
 * JSON-LD headline, then og:title, then the page's <h1>; Readability's title (which may come from <title>) only
 * as the last resort. A site suffix is removed when the <h1> confirms the shorter form.
 */
function chooseHeadline(doc: Document, ld: JsonLdNode, readabilityTitle: string, siteName: string | null): string {
  const h1s = Array.from(doc.querySelectorAll('h1'), (h) => clean(h.textContent)).filter((t) => t !== null);
  const candidates = [clean(ldText(ld['headline'])), clean(metaContent(doc, 'og:title', 'twitter:title'))];
  for (const candidate of candidates) {
    if (candidate === null) continue;
    return stripSiteSuffix(candidate, h1s, siteName);
  }
  // Undeclared: the <h1> that the document title confirms; sidebars have <h1>s too.
  const title = normalizeText(doc.title).toLowerCase();
  const confirmed = h1s.find((h) => h.length > 10 && title.includes(normalizeText(h).toLowerCase()));
  return confirmed ?? clean(readabilityTitle) ?? h1s[0] ?? '';
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

function findDek(doc: Document, ld: JsonLdNode, headline: string): string | null {
  const declared = clean(ldText(ld['alternativeHeadline']));
  if (declared !== null && declared !== headline) return declared;
  const candidates = doc.querySelectorAll('[itemprop="alternativeHeadline"], [class]');
  for (const el of candidates) {
    if (el.getAttribute('itemprop') !== 'alternativeHeadline' && !DEK_CLASS.test(el.getAttribute('class') ?? '')) continue;
    const text = clean(el.textContent);
    if (text !== null && text.length >= 20 && text.length <= 400 && text !== headline) return text;
  }
  return null;
}

/** Readability often keeps the headline (and sometimes the dek) as the first body blocks; drop such repeats. */
function dropLeadingRepeats(body: Block[], fields: (string | null)[]): Block[] {
  const repeats = new Set(fields.filter((f): f is string => f !== null).map(normalizeText));
  let start = 0;
  while (start < body.length && start < 3 && repeats.has(normalizeText(body[start]?.text ?? ''))) start++;
  return body.slice(start);
}

function hostLabel(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
