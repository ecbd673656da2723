/**
 * Cheap reads of the metadata a page declares about itself: schema.org JSON-LD (including @graph and arrays),
 * schema.org microdata types, and <meta> tags. Used both to recognise articles and to fill snapshot fields.
 */

export type JsonLdNode = Record<string, unknown>;

// NewsArticle and its schema.org subtypes, plus the article kinds news sites use for stories and live coverage.
export const ARTICLE_TYPES = new Set([
  'Article', 'NewsArticle', 'AnalysisNewsArticle', 'AskPublicNewsArticle', 'BackgroundNewsArticle',
  'OpinionNewsArticle', 'ReportageNewsArticle', 'ReviewNewsArticle', 'SatiricalArticle', 'BlogPosting',
  'LiveBlogPosting', 'Report',
]);

/** Parses one JSON-LD script's text; some CMSes still wrap it in a CDATA section. Throws on malformed JSON. */
export function parseJsonLdText(text: string): unknown {
  return JSON.parse(text.replace(/^\s*(\/\/\s*)?<!\[CDATA\[|(\/\/\s*)?\]\]>\s*$/g, ''));
}

// Recognition and extraction both read the JSON-LD; parse it once per document while its scripts are unchanged.
const jsonLdCache = new WeakMap<Document, { text: string; nodes: JsonLdNode[] }>();

/** Every JSON-LD node on the page, flattened out of arrays and @graph. Malformed blocks are skipped. */
export function readJsonLd(doc: Document): JsonLdNode[] {
  const scripts = Array.from(doc.querySelectorAll('script[type="application/ld+json"]'), (s) => s.textContent ?? '');
  const text = scripts.join('\u0000');
  const cached = jsonLdCache.get(doc);
  if (cached?.text === text) return cached.nodes;
  const nodes: JsonLdNode[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const node = value as JsonLdNode;
    nodes.push(node);
    if (node['@graph'] !== undefined) visit(node['@graph'], depth + 1);
  };
  for (const script of scripts) {
    try {
      visit(parseJsonLdText(script), 0);
    } catch {
      // Sites ship broken JSON-LD often enough; it is a hint, not a requirement.
    }
  }
  jsonLdCache.set(doc, { text, nodes });
  return nodes;
}

/** The schema.org type names of a node ("@type" may be a string, an array, or a full schema.org URL). */
export function typesOf(node: JsonLdNode): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^https?:\/\/schema\.org\//, ''));
}

/** The first JSON-LD node that is an article of some kind. */
export function articleNode(nodes: readonly JsonLdNode[]): JsonLdNode | undefined {
  return nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t)));
}

/** Article types declared through microdata (itemtype="https://schema.org/NewsArticle"). */
export function microdataTypes(doc: Document): string[] {
  const types: string[] = [];
  for (const el of doc.querySelectorAll('[itemtype]')) {
    for (const url of (el.getAttribute('itemtype') ?? '').split(/\s+/)) {
      const m = /schema\.org\/(\w+)$/.exec(url);
      if (m?.[1] !== undefined) types.push(m[1]);
    }
  }
  return types;
}

/** Content of the first <meta> whose property or name is one of `keys`, in the order given. */
export function metaContent(doc: Document, ...keys: string[]): string | null {
  // <meta> belongs in <head>; searching the body too would scan the whole page for every missing key.
  const scope = doc.head ?? doc;
  for (const key of keys) {
    const el = scope.querySelector(`meta[property="${key}" i], meta[name="${key}" i]`);
    const content = el?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return null;
}

/** A JSON-LD string field, or the `name` of a nested object, or names joined from an array (authors). */
export function ldText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) {
    const parts = value.map(ldText).filter((v): v is string => v !== null);
    return parts.length > 0 ? parts.join(', ') : null;
  }
  if (value !== null && typeof value === 'object') return ldText((value as JsonLdNode)['name']);
  return null;
}
