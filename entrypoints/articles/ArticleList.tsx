// The list half of the history page: toolbar, one page of articles and the pager.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PalimpsestDB } from '@/lib/store/schema';
import { formatNumber, t, tn } from '@/lib/platform/i18n';
import { requestDeleteSite } from './actions';
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
  /** Reports the outcome of an action in the page's status line. */
  report: (message: string) => void;
  /** Reads the history again after a write. */
  reload: () => void;
}

export function ArticleList({ db, version, hidden, report, reload }: Props) {
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

  // The list filtered to one site offers to delete that site's history, to free space or on the reader's wish.
  const deleteSite = async (site: string) => {
    if (!window.confirm(t('deleteSiteConfirm', site))) return;
    try {
      const deleted = await requestDeleteSite(site);
      report(tn('deleteSiteDone', deleted, site));
      changeQuery({ ...query, site: null });
      reload();
    } catch (error) {
      report(t('deleteSiteFailed', error instanceof Error ? error.message : String(error)));
    }
  };

  const pages = pageCount(list?.total ?? 0);
  // After a deletion the last page may have gone.
  useEffect(() => {
    if (list && page >= pages) setPage(pages - 1);
  }, [list, page, pages]);

  return (
    <section class="list" hidden={hidden} aria-label={t('historyHeading')}>
      <ListToolbar query={query} sites={sites} onChange={changeQuery} />
      {query.site !== null && (
        <p class="site-actions">
          <button type="button" class="danger" id="delete-site" onClick={() => void deleteSite(query.site!)}>
            {t('deleteSite')}
          </button>
        </p>
      )}
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
