// The history page: every tracked article, and one article's versions when the URL fragment names it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Notice } from '@/components/Notice';
import { exportAll, importFile } from '@/lib/view/transfer-actions';
import { openPageDb, type DbResult } from '@/lib/view/data';
import { keyFromHash } from '@/lib/view/list';
import { requestClearAll } from './actions';
import { ArticleDetail } from './ArticleDetail';
import { ArticleList } from './ArticleList';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function HistoryApp() {
  const [db, setDb] = useState<DbResult | null>(null);
  const [openKey, setOpenKey] = useState(() => keyFromHash(location.hash));
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void openPageDb().then(setDb);
    const onHash = () => {
      setOpenKey(keyFromHash(location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const reload = () => setVersion((v) => v + 1);
  const clearAll = async () => {
    if (!window.confirm('Delete every tracked article and all their versions? This cannot be undone.')) return;
    try {
      await requestClearAll();
      setStatus('History cleared.');
      location.hash = '';
      reload();
    } catch (error) {
      setStatus(`Could not clear the history: ${message(error)}`);
    }
  };
  const onImport = async (file: File | undefined) => {
    if (!file) return;
    try {
      const reply = await importFile(file, setStatus);
      setStatus(reply.ok ? `Imported: ${reply.added.articles} new articles, ${reply.added.versions} new versions (${reply.articles} articles in the file).` : `Import failed: ${reply.message}`);
      if (reply.ok) reload();
    } catch (error) {
      setStatus(`Import failed: ${message(error)}`);
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <div class="history">
      <header class="page-head">
        <div>
          <a class="brand" href="#">
            Palimpsest
          </a>
          <h1>Tracked articles</h1>
        </div>
        <div class="head-actions">
          <button type="button" id="export-all" onClick={() => exportAll(setStatus).then(() => setStatus('Exported.'), (e: unknown) => setStatus(message(e)))}>
            Export all
          </button>
          <button type="button" id="import-file" onClick={() => fileInput.current?.click()}>
            Import…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            onChange={(e) => void onImport(e.currentTarget.files?.[0])}
          />
          <button type="button" class="danger" id="clear-all" onClick={() => void clearAll()}>
            Clear everything
          </button>
          <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
            Settings
          </button>
        </div>
      </header>
      <p class="page-status" role="status" aria-live="polite">
        {status}
      </p>
      <main>
        {!db ? (
          <p class="muted">Loading…</p>
        ) : !db.ok ? (
          <Notice tone="warn" title="History is unavailable">
            <p>{db.message}</p>
          </Notice>
        ) : (
          <>
            {openKey !== null && (
              <>
                <nav class="back">
                  <a href="#">← All tracked articles</a>
                </nav>
                <ArticleDetail
                  db={db.db}
                  articleKey={openKey}
                  version={version}
                  report={setStatus}
                  onDeleted={() => {
                    location.hash = '';
                    reload();
                  }}
                />
              </>
            )}
            <ArticleList db={db.db} version={version} hidden={openKey !== null} />
          </>
        )}
      </main>
    </div>
  );
}
