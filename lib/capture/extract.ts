/**
 * DOM -> article snapshot. Metadata comes from what the page declares (lib/capture/metadata.ts), the body from Mozilla
 * Readability run on a clone, so the live page is never modified. Three steps, so the content script can run each
 * in its own task and no task is much longer than Readability's own: readPageMeta, parseArticle, assembleSnapshot.
 * Work and output are bounded by lib/model/limits.ts: oversized pages are skipped with a note or cut (and flagged
 * truncated) to fit the background's caps.
 */
import { Readability } from '@mozilla/readability';
import { clean, cleanByline, type PageMeta } from './metadata';
import { readBlocks } from './blocks';
import { stripFurniture, trimEdges } from './furniture';
import { removeNoStory } from './no-story';
import { findStoryRoot } from './story-root';
import { CAPS, fitSnapshot, isSkipped, LIMITS, tooManyElements, type Skipped } from '../model/limits';
import type { Extractor, PageCapture } from '../model/snapshot';


export const EXTRACTOR: Extractor = { name: '@mozilla/readability', version: '0.6.0', rules: 3 };

export interface ExtractOptions {
  liveBlog?: boolean;
  /** Bounds Readability's work on pathological pages; LIMITS.maxElemsToParse unless a test needs another. */
  maxElemsToParse?: number;
}

export type ParsedArticle = NonNullable<ReturnType<Readability<Element>['parse']>> & { content: Element };

/**
 * Readability on a copy of the story's part of the page: the expensive step. Where the page marks its story
 * (lib/capture/story-root.ts) only that subtree is copied and read, with the page's <head>; otherwise the whole
 * document is. Furniture inside the story (lib/capture/furniture.ts) is then removed from Readability's result.
 */
export function parseArticle(doc: Document, options: ExtractOptions = {}): ParsedArticle | Skipped {
  const maxElems = options.maxElemsToParse ?? LIMITS.maxElemsToParse;
  // Counted before cloning: cloning a huge page is itself the cost we want to avoid.
  const tooMany = tooManyElements(doc, maxElems);
  if (tooMany) return tooMany;
  const root = findStoryRoot(doc);
  const rooted = root ? readability(storyDocument(doc, root), 'story') : null;
  if (rooted !== null && !isSkipped(rooted) && storyLeft(rooted)) return rooted;
  // No root, or what it held was furniture only (a marked element round teasers): the whole page, as Readability reads it.
  const parsed = readability(doc.cloneNode(true) as Document, 'page');
  if (parsed === null) return notArticle;
  if (isSkipped(parsed)) return parsed;
  storyLeft(parsed);
  return parsed;
}

const MIN_STORY_CHARS = 150;
const textLength = (el: Element): number => (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;

/** Strips the furniture from Readability's result; false when less than a short story is left. */
function storyLeft(parsed: ParsedArticle): boolean {
  stripFurniture(parsed.content);
  return textLength(parsed.content) >= MIN_STORY_CHARS;
}

/**
 * Readability on `copy`, after what holds no story is removed from it (lib/capture/no-story.ts), so that furniture
 * which comes and goes between loads cannot change what it reads. A copy of the story root ('story') also loses its
 * empty slots and boxes of links: Readability cannot climb past the root, so it reads the same story whether an ad
 * or a widget filled them or not. The whole page ('page') loses only the lines the content hash ignores anyway and
 * markup written as text: with every empty slot and box of links gone, Readability would climb up to <body> and
 * take in any short sentence there, such as a cookie notice shown on a first visit only.
 */
function readability(copy: Document, what: 'story' | 'page'): ParsedArticle | Skipped | null {
  // jsdom parses <noscript> as elements, a browser as text: drop it so both read the same page.
  for (const el of Array.from(copy.querySelectorAll('noscript'))) el.remove();
  if (copy.body) removeNoStory(copy.body, { boxes: what === 'story' });
  try {
    // Counted above already: Readability's own maxElemsToParse would walk the whole clone a second time.
    const parsed = new Readability<Element>(copy, { serializer: (node) => node as Element }).parse();
    return parsed?.content ? (parsed as ParsedArticle) : null;
  } catch (error) {
    return { reason: 'not-article', note: `Readability failed: ${String(error)}` };
  }
}

/** A new document holding a copy of the page's <head> and of `root`: all Readability needs to read the story. */
function storyDocument(doc: Document, root: Element): Document {
  const copy = doc.implementation.createHTMLDocument('');
  const lang = doc.documentElement.getAttribute('lang');
  if (lang !== null) copy.documentElement.setAttribute('lang', lang);
  const dir = doc.documentElement.getAttribute('dir');
  if (dir !== null) copy.documentElement.setAttribute('dir', dir);
  if (doc.head) copy.documentElement.replaceChild(copy.importNode(doc.head, true), copy.head);
  copy.body.appendChild(copy.importNode(root, true));
  return copy;
}

/** The page's metadata and Readability's body, as one snapshot of plain-text blocks. */
export function assembleSnapshot(
  meta: PageMeta,
  parsed: ParsedArticle,
  url: string,
  options: ExtractOptions = {},
): PageCapture | Skipped {
  // Readers read the visible headline; what the page declares, then Readability's title (which may come from
  // <title>), only when it shows none.
  const headline = meta.visibleHeadline ?? meta.headline ?? clean(parsed.title) ?? meta.firstH1 ?? '';
  const dek = meta.dek !== headline ? meta.dek : null;
  // Read a little past the caps: a few leading blocks may be dropped as repeats of the headline and dek.
  const read = readBlocks(parsed.content, { maxBlocks: CAPS.blocks + 3, maxChars: 2 * CAPS.bodyChars });
  const byline = meta.author ?? cleanByline(parsed.byline);
  const body = trimEdges(read.blocks, { repeats: [headline, dek], author: byline });
  if (body.length === 0) return notArticle;
  const snapshot: PageCapture = {
    url,
    canonicalUrl: meta.canonical,
    ogUrl: meta.ogUrl,
    siteName: meta.siteName ?? clean(parsed.siteName) ?? hostLabel(url),
    headline,
    dek,
    byline,
    publishedTime: meta.published ?? clean(parsed.publishedTime),
    modifiedTime: meta.modified,
    lang: clean(parsed.lang) ?? meta.lang,
    metaHeadlines: meta.metaHeadlines,
    liveBlog: options.liveBlog ?? false,
    body,
    extractor: EXTRACTOR,
  };
  if (!read.complete) snapshot.truncated = true;
  return fitSnapshot(snapshot);
}

const notArticle: Skipped = { reason: 'not-article', note: 'Readability found no article' };

function hostLabel(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
