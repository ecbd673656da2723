// The history page's whole-history actions: export everything, import a file, clear everything. Each reports its
// progress and outcome in the page's status line, in the reader's language; an export or import in progress shows a
// progress bar with the time left and can be cancelled, which changes nothing.
import { useRef, useState } from 'preact/hooks';
import { t, tn } from '@/lib/platform/i18n';
import { damagedList, exportAll, exportedLine, importFile, type TransferControl } from '@/lib/view/transfer-actions';
import { requestClearAll } from './actions';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const cancelled = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** An export or import under way: how far it is, and how to stop it. */
export interface Running {
  kind: 'export' | 'import';
  done: number;
  total: number;
  started: number;
  /** Null once it can no longer be stopped (the background is merging the whole file). */
  cancel: (() => void) | null;
}

export interface HistoryActions {
  exportEverything: () => Promise<void>;
  importFrom: (file: File) => Promise<void>;
  clearEverything: () => Promise<void>;
  running: Running | null;
}

/** `reload` is called after a write so the page reads the history again. */
export function useHistoryActions(setStatus: (text: string) => void, reload: () => void): HistoryActions {
  const [running, setRunning] = useState<Running | null>(null);
  const busy = useRef(false);

  /** Runs one export or import at a time, with its progress and a cancel that aborts `control.signal`. */
  const track = async (kind: Running['kind'], work: (control: TransferControl) => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    const abort = new AbortController();
    const started = Date.now();
    const cancel = () => abort.abort();
    setRunning({ kind, done: 0, total: 0, started, cancel });
    try {
      await work({
        signal: abort.signal,
        onProgress: setStatus,
        onAmount: (done, total) => setRunning({ kind, done, total, started, cancel: done >= total && kind === 'import' ? null : cancel }),
      });
    } finally {
      busy.current = false;
      setRunning(null);
    }
  };

  const exportEverything = () =>
    track('export', (control) =>
      exportAll(control).then(
        (damaged) => setStatus(exportedLine(t('historyExported'), damaged)),
        (error: unknown) => setStatus(cancelled(error) ? t('exportCancelled') : message(error)),
      ),
    );

  const importFrom = (file: File) =>
    track('import', async (control) => {
      try {
        const reply = await importFile(file, control);
        if (!reply.ok) {
          setStatus(t('importFailed', reply.message));
          return;
        }
        const { added, articles, skipped } = reply;
        const done = t(
          'importDone',
          tn('importNewArticles', added.articles),
          tn('importNewVersions', added.versions),
          tn('importInFile', articles),
        );
        setStatus(skipped.length === 0 ? done : `${done} ${tn('importSkipped', skipped.length, damagedList(skipped))}`);
        reload();
      } catch (error) {
        setStatus(cancelled(error) ? t('importCancelled') : t('importFailed', message(error)));
      }
    });

  const clearEverything = async () => {
    if (!window.confirm(t('historyConfirmClear'))) return;
    try {
      await requestClearAll();
      setStatus(t('historyCleared'));
      location.hash = '';
      reload();
    } catch (error) {
      setStatus(t('historyClearFailed', message(error)));
    }
  };

  return { exportEverything, importFrom, clearEverything, running };
}
