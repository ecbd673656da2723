// The history page: every tracked article, and one article's versions when the URL fragment names it.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Notice } from '@/components/Notice';
import { StorageWarning } from '@/components/StorageWarning';
import { t } from '@/lib/platform/i18n';
import { openPageDb, type DbResult } from '@/lib/view/data';
import { keyFromHash } from '@/lib/view/list';
import { ArticleDetail } from './ArticleDetail';
import { ArticleList } from './ArticleList';
import { DroppedNote } from './DroppedNote';
import { PageHeader } from './PageHeader';
import { useHistoryActions } from './useHistoryActions';

/** The page's database, or why there is none; null while it opens. */
function useHistoryDb(): DbResult | null {
  const [db, setDb] = useState<DbResult | null>(null);
  useEffect(() => {
    void openPageDb().then(setDb);
  }, []);
  return db;
}

/** The key of the article the URL fragment names, following the fragment as the reader navigates. */
function useOpenArticle(): string | null {
  const [openKey, setOpenKey] = useState(() => keyFromHash(location.hash));
  useEffect(() => {
    const onHash = () => {
      setOpenKey(keyFromHash(location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return openKey;
}

interface BodyProps {
  db: DbResult | null;
  openKey: string | null;
  /** Bumped after every write so what is shown is read again. */
  version: number;
  report: (text: string) => void;
  reload: () => void;
}

/** The list, and over it the open article; or why the history cannot be shown. */
function HistoryBody({ db, openKey, version, report, reload }: BodyProps) {
  if (!db) return <p class="muted">{t('loading')}</p>;
  if (!db.ok) {
    return (
      <Notice tone="warn" title={t('historyUnavailable')}>
        <p>{db.message}</p>
      </Notice>
    );
  }
  const closeDeleted = () => {
    location.hash = '';
    reload();
  };
  return (
    <>
      {openKey !== null && (
        <>
          <nav class="back">
            <a href="#">{t('historyBack')}</a>
          </nav>
          <ArticleDetail db={db.db} articleKey={openKey} version={version} report={report} onDeleted={closeDeleted} />
        </>
      )}
      {openKey === null && <DroppedNote db={db.db} version={version} />}
      {openKey === null && <StorageWarning version={version} />}
      <ArticleList db={db.db} version={version} hidden={openKey !== null} report={report} reload={reload} />
    </>
  );
}

/**
 * Where focus goes when the page changes view (WAI-ARIA practices for a single-page app): back on the list, to the
 * link of the article that was open, or to the list's heading when that article is gone; the open article moves focus
 * to its own heading itself (ArticleDetail). The page title follows.
 */
function useListFocus(openKey: string | null, heading: { current: HTMLElement | null }) {
  const previous = useRef<string | null>(openKey);
  useLayoutEffect(() => {
    const closed = previous.current;
    previous.current = openKey;
    if (openKey !== null) return;
    document.title = t('historyTitle');
    if (closed === null) return;
    const row = [...document.querySelectorAll<HTMLElement>('[data-article-key]')].find((el) => el.dataset.articleKey === closed);
    (row ?? heading.current)?.focus();
  }, [openKey, heading]);
}

export function HistoryApp() {
  const db = useHistoryDb();
  const openKey = useOpenArticle();
  const heading = useRef<HTMLHeadingElement>(null);
  const main = useRef<HTMLElement>(null);
  useListFocus(openKey, heading);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState('');
  const reload = () => setVersion((v) => v + 1);
  const actions = useHistoryActions(setStatus, reload);

  return (
    <div class="history">
      <a class="skip-link" href="#content" onClick={(event) => {
        event.preventDefault();
        main.current?.focus();
      }}>
        {t('skipToContent')}
      </a>
      <PageHeader actions={actions} detail={openKey !== null} heading={heading} />
      <p class="page-status" role="status" aria-live="polite">
        {status}
      </p>
      <main id="content" ref={main} tabIndex={-1}>
        <HistoryBody db={db} openKey={openKey} version={version} report={setStatus} reload={reload} />
      </main>
    </div>
  );
}
