/**
 * The shape of one capture of an article, as the content script extracts it and the background stores it.
 * Text is always plain text exactly as published; comparison happens on normalised forms (lib/model/normalize.ts).
 */

/** Kinds of body blocks. Headings, list items and block quotes keep their kind so the popup can show them as such. */
export type BlockKind = 'p' | 'h' | 'li' | 'quote' | 'pre';

export interface Block {
  kind: BlockKind;
  text: string;
}

export interface Extractor {
  /** The extraction library, e.g. "@mozilla/readability". */
  name: string;
  version: string;
  /** Version of Palimpsest's own extraction rules on top of the library, bumped when they change. */
  rules: number;
}

/**
 * The headlines a page declares for machines rather than readers, each as the page states it: <title>, og:title
 * (or twitter:title), the JSON-LD headline, and the description. Recorded beside the visible headline so a changed
 * search-engine headline can be shown as exactly that.
 */
export interface MetaHeadlines {
  title: string | null;
  og: string | null;
  jsonLd: string | null;
  description: string | null;
}

export interface Snapshot {
  /** The URL the reader visited. */
  url: string;
  /** Article identity: the same article reached through different URLs gives the same key (lib/model/url.ts). */
  key: string;
  /** rel=canonical as the page declared it, if any. */
  canonicalUrl: string | null;
  /**
   * og:url as the page declared it, if any. With canonicalUrl and url, all that snapshotKey (lib/model/url.ts) needs:
   * the background recomputes the key from the same three inputs. Absent from captures of older content scripts.
   */
  ogUrl?: string | null;
  siteName: string | null;
  headline: string;
  dek: string | null;
  byline: string | null;
  publishedTime: string | null;
  modifiedTime: string | null;
  lang: string | null;
  /**
   * The headlines the page declares for machines, recorded with the version (not part of its identity: readers do
   * not see them, and <title> churns). Absent from versions captured before they were recorded.
   */
  metaHeadlines?: MetaHeadlines;
  /** Live blogs get new entries on top; only edits to entries already seen count as changes. */
  liveBlog: boolean;
  body: Block[];
  /**
   * Set when the page was larger than the caps (lib/model/limits.ts): only the first `body.length` blocks were kept, so
   * the reader should be told this copy is incomplete.
   */
  truncated?: true;
  extractor: Extractor;
}

/**
 * What the content script sends: a snapshot without its key. The background makes the key (snapshotKey in
 * lib/model/url.ts, which needs the Public Suffix List) from the URL and the two declared URLs the capture carries,
 * so that list is not shipped in the script injected into every page.
 */
export type PageCapture = Omit<Snapshot, 'key'>;
