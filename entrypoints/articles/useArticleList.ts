// Loads one page of the article list for a query: straight from the lastVisit index for the default view, else from
// all articles filtered in memory, with a body-text scan of the stored versions that refines a search when done.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ArticleRecord, PalimpsestDB } from '@/lib/store/schema';
import { allArticles, articlesByLastVisit, countArticles } from '@/lib/view/data';
import { keysWithText } from '@/lib/store/search';
import { isIndexQuery, matches, pageOf, PAGE_SIZE, sortArticles, type ListQuery } from '@/lib/view/list';

export interface ListPage {
  rows: ArticleRecord[];
  total: number;
  /** The body-text search is still running; more rows may appear. */
  searching: boolean;
  error: string | null;
}

const EMPTY: ListPage = { rows: [], total: 0, searching: false, error: null };

/** `version` changes after a write (delete, clear, import) so cached articles are read again. */
export function useArticleList(db: PalimpsestDB, query: ListQuery, page: number, version: number): ListPage | null {
  const [all, setAll] = useState<ArticleRecord[] | null>(null);
  const [bodyHits, setBodyHits] = useState<{ text: string; keys: Set<string> } | null>(null);
  const [result, setResult] = useState<ListPage | null>(null);
  const indexed = isIndexQuery(query);
  const text = query.text.trim();

  // Every article, only once a view needs them, and again after each write.
  useEffect(() => {
    setAll(null);
  }, [version]);
  useEffect(() => {
    if (indexed || all) return;
    let live = true;
    void allArticles(db).then((articles) => live && setAll(articles));
    return () => {
      live = false;
    };
  }, [db, indexed, all]);

  // The body scan can take a while on a large history; a newer query aborts it.
  useEffect(() => {
    if (text === '') return;
    const abort = new AbortController();
    void keysWithText(db, text, abort.signal).then((keys) => {
      if (!abort.signal.aborted) setBodyHits({ text, keys });
    });
    return () => abort.abort();
  }, [db, text, version]);

  useEffect(() => {
    if (!indexed) return;
    let live = true;
    Promise.all([countArticles(db), articlesByLastVisit(db, page * PAGE_SIZE, PAGE_SIZE)]).then(
      ([total, rows]) => live && setResult({ rows, total, searching: false, error: null }),
      (error: unknown) => live && setResult({ ...EMPTY, error: String(error) }),
    );
    return () => {
      live = false;
    };
  }, [db, indexed, page, version]);

  const hits = bodyHits?.text === text ? bodyHits.keys : undefined;
  const filtered = useMemo(
    () => (all && !indexed ? sortArticles(all.filter((a) => matches(a, query, hits)), query.sort) : null),
    [all, indexed, query, hits],
  );
  if (indexed) return result;
  if (!filtered) return null;
  return { rows: pageOf(filtered, page), total: filtered.length, searching: text !== '' && !hits, error: null };
}
