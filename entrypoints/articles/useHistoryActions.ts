// The history page's whole-history actions: export everything, import a file, clear everything. Each reports its
// progress and outcome in the page's status line, in the reader's language.
import { t, tn } from '@/lib/platform/i18n';
import { damagedList, exportAll, exportedLine, importFile } from '@/lib/view/transfer-actions';
import { requestClearAll } from './actions';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface HistoryActions {
  exportEverything: () => Promise<void>;
  importFrom: (file: File) => Promise<void>;
  clearEverything: () => Promise<void>;
}

/** `reload` is called after a write so the page reads the history again. */
export function useHistoryActions(setStatus: (text: string) => void, reload: () => void): HistoryActions {
  const exportEverything = () =>
    exportAll(setStatus).then(
      (damaged) => setStatus(exportedLine(t('historyExported'), damaged)),
      (error: unknown) => setStatus(message(error)),
    );

  const importFrom = async (file: File) => {
    try {
      const reply = await importFile(file, setStatus);
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
      setStatus(t('importFailed', message(error)));
    }
  };

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

  return { exportEverything, importFrom, clearEverything };
}
