/**
 * Decides cheaply whether a page is a news article, before any extraction runs. Declared markers (schema.org
 * JSON-LD or microdata article types, og:type=article, article:published_time) are trusted first; pages without
 * them must look like one story rather than a list of many. Readability's isProbablyReaderable is the last gate.
 */
import { isProbablyReaderable } from '@mozilla/readability';
import { ARTICLE_TYPES, metaContent, microdataTypes, readJsonLd, typesOf } from './declared';

export interface Recognition {
  article: boolean;
  liveBlog: boolean;
  /** The page declares itself an article (schema.org type, og:type, published time), whatever else it looks like. */
  declared: boolean;
  /** Why the decision was made, for debugging and tests. */
  reason: string;
}

// Pages that declare themselves as one of these are lists or apps, not stories.
const LISTING_TYPES = new Set(['SearchResultsPage', 'CollectionPage', 'ItemList', 'ProfilePage', 'CheckoutPage']);
// Paragraphs shorter than this are teasers, captions or furniture.
const STORY_PARAGRAPH_CHARS = 80;

const no = (reason: string, declared = false): Recognition => ({ article: false, liveBlog: false, declared, reason });

export function recognizeArticle(doc: Document, url: string): Recognition {
  if (!doc.body) return no('no body');
  const ldTypes = readJsonLd(doc).flatMap(typesOf);
  const declaredTypes = [...ldTypes, ...microdataTypes(doc)];
  const liveBlog = declaredTypes.includes('LiveBlogPosting');
  const marker = declaredTypes.some((t) => ARTICLE_TYPES.has(t))
    ? 'schema.org type'
    : metaContent(doc, 'og:type')?.toLowerCase() === 'article'
      ? 'og:type'
      : metaContent(doc, 'article:published_time') !== null
        ? 'article:published_time'
        : null;

  if (marker === null) {
    if (declaredTypes.some((t) => LISTING_TYPES.has(t))) return no('declared listing page');
    if (looksLikeFrontOrSearch(url)) return no('front page or search URL');
    if (doc.querySelector('input[type="password"]')) return no('login or sign-up form');
    if (!hasStoryCluster(doc)) return no('no single body of story paragraphs');
  }
  if (!isProbablyReaderable(doc)) return no('not readerable', marker !== null);
  return { article: true, liveBlog, declared: marker !== null, reason: marker ?? 'story paragraphs' };
}

function looksLikeFrontOrSearch(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.pathname === '/' || /^\/(index\.\w+)?$/.test(u.pathname)) return true;
    if (/\/(search|suche|recherche|busca|buscar)(\/|$)/i.test(u.pathname)) return true;
    return ['q', 'query', 'search', 's'].some((p) => u.searchParams.has(p));
  } catch {
    return false;
  }
}

/**
 * A story keeps its paragraphs together: one container holds at least three substantial paragraphs. Home pages
 * and result lists scatter one short teaser per card. Link text does not count, so a list of links fails too.
 */
function hasStoryCluster(doc: Document): boolean {
  const byParent = new Map<Element, { count: number; chars: number }>();
  for (const p of doc.body.getElementsByTagName('p')) {
    let chars = (p.textContent ?? '').trim().length;
    if (chars < STORY_PARAGRAPH_CHARS) continue;
    for (const a of p.getElementsByTagName('a')) chars -= (a.textContent ?? '').length;
    if (chars < STORY_PARAGRAPH_CHARS || p.parentElement === null) continue;
    const entry = byParent.get(p.parentElement) ?? { count: 0, chars: 0 };
    entry.count += 1;
    entry.chars += chars;
    byParent.set(p.parentElement, entry);
    if (entry.count >= 3 && entry.chars >= 600) return true;
  }
  return false;
}
