/**
 * DOM -> article snapshot. Metadata comes from what the page declares (lib/capture/metadata.ts), the body from Mozilla
 * Readability run on a clone, so the live page is never modified. Three steps, so the content script can run each
 * in its own task and no task is much longer than Readability's own: readPageMeta, parseArticle, assembleSnapshot.
 * Work and output are bounded by lib/model/limits.ts: oversized pages are skipped with a note or cut (and flagged
 * truncated) to fit the background's caps.
 */
import { Readability } from '@mozilla/readability';
import { clean, cleanByline, readPageMeta, type PageMeta } from './metadata';
import { readBlocks } from './blocks';
import { CAPS, fitSnapshot, isSkipped, LIMITS, tooManyElements, type Skipped } from '../model/limits';
import { normalizeText } from '../model/normalize';
import type { Block, Extractor, Snapshot } from '../model/snapshot';
import { snapshotKey } from '../model/url';


export const EXTRACTOR: Extractor = { name: '@mozilla/readability', version: '0.6.0', rules: 1 };

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

/** All three steps at once: the snapshot, fitted to the caps, or why there is none. */
export function extractPage(doc: Document, url: string, options: ExtractOptions = {}): Snapshot | Skipped {
  const meta = readPageMeta(doc);
  const parsed = parseArticle(doc, options);
  return isSkipped(parsed) ? parsed : assembleSnapshot(meta, parsed, url, options);
}

export type ParsedArticle = NonNullable<ReturnType<Readability<Element>['parse']>> & { content: Element };

/** Readability on a clone of the document: the expensive step. */
export function parseArticle(doc: Document, options: ExtractOptions = {}): ParsedArticle | Skipped {
  const maxElems = options.maxElemsToParse ?? LIMITS.maxElemsToParse;
  // Counted before cloning: cloning a huge page is itself the cost we want to avoid.
  const tooMany = tooManyElements(doc, maxElems);
  if (tooMany) return tooMany;
  const clone = doc.cloneNode(true) as Document;
  let parsed: ReturnType<Readability<Element>['parse']>;
  try {
    // Counted above already: Readability's own maxElemsToParse would walk the whole clone a second time.
    parsed = new Readability<Element>(clone, { serializer: (node) => node as Element }).parse();
  } catch (error) {
    return { reason: 'not-article', note: `Readability failed: ${String(error)}` };
  }
  return parsed?.content ? (parsed as ParsedArticle) : notArticle;
}

/** The page's metadata and Readability's body, as one snapshot of plain-text blocks. */
export function assembleSnapshot(
  meta: PageMeta,
  parsed: ParsedArticle,
  url: string,
  options: ExtractOptions = {},
): Snapshot | Skipped {
  // Readers read the visible headline; what the page declares, then Readability's title (which may come from
  // <title>), only when it shows none.
  const headline = meta.visibleHeadline ?? meta.headline ?? clean(parsed.title) ?? meta.firstH1 ?? '';
  const dek = meta.dek !== headline ? meta.dek : null;
  // Read a little past the caps: a few leading blocks may be dropped as repeats of the headline and dek.
  const read = readBlocks(parsed.content, { maxBlocks: CAPS.blocks + 3, maxChars: 2 * CAPS.bodyChars });
  const body = dropLeadingRepeats(read.blocks, [headline, dek]);
  if (body.length === 0) return notArticle;
  const snapshot: Snapshot = {
    url,
    key: snapshotKey(url, { canonicalUrl: meta.canonical, ogUrl: meta.ogUrl }),
    canonicalUrl: meta.canonical,
    ogUrl: meta.ogUrl,
    siteName: meta.siteName ?? clean(parsed.siteName) ?? hostLabel(url),
    headline,
    dek,
    byline: meta.author ?? cleanByline(parsed.byline),
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
