/**
 * Pure rules of the history page's article list: filtering, sorting, paging and the URL fragment that names an open
 * article. Kept out of the page so they are tested in Node and stay fast for 10,000 articles.
 */
import type { ChangeKind } from '../diff/types';
import { searchable } from '../model/normalize';
import { formatLocale, formatNumber, t } from '../platform/i18n';
import type { ArticleRecord } from '../store/schema';

export type SortKey = 'lastVisit' | 'firstSeen' | 'versions' | 'headline';

const SORT_LABELS: Record<SortKey, () => string> = {
  lastVisit: () => t('sortLastVisit'),
  firstSeen: () => t('sortFirstSeen'),
  versions: () => t('sortVersions'),
  headline: () => t('sortHeadline'),
};

/** The sort orders, in the order the page offers them. */
export const SORT_KEYS = Object.keys(SORT_LABELS) as SortKey[];

/** "Last visit", "Most versions", … in the reader's language. */
export function sortLabel(key: SortKey): string {
  return SORT_LABELS[key]();
}

export const PAGE_SIZE = 50;

export interface ListQuery {
  text: string;
  changedOnly: boolean;
  /** Only articles whose latest change was silent (ArticleRecord.lastChange). */
  silentOnly: boolean;
  /** Only articles whose latest change was of this kind, or null for any. */
  kind: ChangeKind | null;
  /** Exact siteName, or null for every site. */
  site: string | null;
  sort: SortKey;
}

export const DEFAULT_QUERY: ListQuery = { text: '', changedOnly: false, silentOnly: false, kind: null, site: null, sort: 'lastVisit' };

/** The default view can be read page by page straight from the lastVisit index, without loading every article. */
export function isIndexQuery(q: ListQuery): boolean {
  return q.text.trim() === '' && !q.changedOnly && !q.silentOnly && q.kind === null && q.site === null && q.sort === 'lastVisit';
}

/** The last visit saw an edit the reader has been shown. */
export function isChanged(article: Pick<ArticleRecord, 'lastOutcome'>): boolean {
  return article.lastOutcome === 'changed' || article.lastOutcome === 'revert';
}

/** Whether an article passes the filters; `bodyHits` holds keys whose stored text matched the search. */
export function matches(article: ArticleRecord, q: ListQuery, bodyHits: ReadonlySet<string> = new Set()): boolean {
  if (q.changedOnly && !isChanged(article)) return false;
  if (q.silentOnly && article.lastChange?.disclosure !== 'silent') return false;
  if (q.kind !== null && !article.lastChange?.kinds.includes(q.kind)) return false;
  if (q.site !== null && article.siteName !== q.site) return false;
  const needle = searchable(q.text.trim());
  if (needle === '') return true;
  return (
    searchable(article.headline).includes(needle) ||
    searchable(article.siteName ?? '').includes(needle) ||
    bodyHits.has(article.key)
  );
}

let collator: Intl.Collator | null = null;
const compareText = (a: string, b: string): number =>
  (collator ??= new Intl.Collator(formatLocale(), { sensitivity: 'base', numeric: true })).compare(a, b);

const comparators: Record<SortKey, (a: ArticleRecord, b: ArticleRecord) => number> = {
  lastVisit: (a, b) => b.lastVisit - a.lastVisit,
  firstSeen: (a, b) => b.firstSeen - a.firstSeen,
  versions: (a, b) => b.versionCount - a.versionCount || b.lastVisit - a.lastVisit,
  headline: (a, b) => compareText(a.headline, b.headline) || b.lastVisit - a.lastVisit,
};

export function sortArticles(articles: readonly ArticleRecord[], sort: SortKey): ArticleRecord[] {
  return [...articles].sort(comparators[sort]);
}

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Page `page` (0-based, clamped) of `items`. */
export function pageOf<T>(items: readonly T[], page: number, size = PAGE_SIZE): T[] {
  const last = pageCount(items.length, size) - 1;
  const p = Math.min(Math.max(0, page), last);
  return items.slice(p * size, p * size + size);
}

/** "51–100 of 10,000" */
export function rangeLabel(page: number, shown: number, total: number, size = PAGE_SIZE): string {
  if (total === 0) return t('listRangeEmpty');
  const from = page * size + 1;
  return t('listRange', formatNumber(from), formatNumber(from + shown - 1), formatNumber(total));
}

/**
 * The history page. Deliberately not history.html: WXT turns an entrypoint of that name into an override of the
 * browser's own history page.
 */
export const HISTORY_PAGE = '/articles.html';
/** The page where a reader checks an exported file (entrypoints/verify). */
export const VERIFY_PAGE = '/verify.html';

/** articles.html#<encoded key> opens that article. */
export function articleHash(key: string): string {
  return `#${encodeURIComponent(key)}`;
}

export function keyFromHash(hash: string): string | null {
  const raw = hash.replace(/^#/, '');
  if (raw === '') return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Where to open the article itself: the most recently visited URL. */
export function latestUrl(article: Pick<ArticleRecord, 'urls'>): string | undefined {
  return article.urls.at(-1);
}
