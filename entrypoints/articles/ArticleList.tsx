// The list half of the history page: toolbar, one page of articles and the pager.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PalimpsestDB } from '@/lib/store/schema';
import { formatNumber, t } from '@/lib/platform/i18n';
import { siteNames } from '@/lib/view/data';
import { DEFAULT_QUERY, isIndexQuery, pageCount, rangeLabel, type ListQuery } from '@/lib/view/list';
import { ArticleTable } from './ArticleTable';
import { ListToolbar } from './ListToolbar';
import { useArticleList } from './useArticleList';

interface Props {
  db: PalimpsestDB;
  /** Bumped after every write so the list is read again. */
  version: number;
  hidden: boolean;
}

export function ArticleList({ db, version, hidden }: Props) {
  const [query, setQuery] = useState<ListQuery>(DEFAULT_QUERY);
  const [page, setPage] = useState(0);
  const [sites, setSites] = useState<string[]>([]);
  const list = useArticleList(db, query, page, version);

  useEffect(() => {
    void siteNames(db).then(setSites, () => setSites([]));
  }, [db, version]);
  const changeQuery = useCallback((next: ListQuery) => {
    setQuery(next);
    setPage(0);
  }, []);

  const pages = pageCount(list?.total ?? 0);
  // After a deletion the last page may have gone.
  useEffect(() => {
    if (list && page >= pages) setPage(pages - 1);
  }, [list, page, pages]);

  return (
    <section class="list" hidden={hidden} aria-label={t('historyHeading')}>
      <ListToolbar query={query} sites={sites} onChange={changeQuery} />
      {!list ? (
        <p class="muted">{t('loading')}</p>
      ) : list.error ? (
        <p class="note">{t('listReadFailed', list.error)}</p>
      ) : (
        <>
          <p class="list-meta" role="status">
            {rangeLabel(page, list.rows.length, list.total)}
            {list.searching && <span class="muted">{t('listSearching')}</span>}
          </p>
          {list.rows.length > 0 ? (
            <ArticleTable rows={list.rows} />
          ) : (
            <p class="empty-list">
              {isIndexQuery(query) ? t('listEmpty') : t('listNoMatch')}
            </p>
          )}
          {pages > 1 && (
            <nav class="pager" aria-label={t('listPages')}>
              <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
                {t('listPrevious')}
              </button>
              <span>{t('listPage', formatNumber(page + 1), formatNumber(pages))}</span>
              <button type="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
                {t('listNext')}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
