// The "Evidence" row of the popup and the history page's article: a printable change report of the versions compared
// and an export of this article alone (a file that can be verified by itself), side by side, with one status line.
import { useState } from 'preact/hooks';
import { t } from '@/lib/platform/i18n';
import type { ArticleBundle } from '@/lib/view/data';
import { saveReport } from '@/lib/view/evidence-actions';
import { exportArticle, exportedLine } from '@/lib/view/transfer-actions';

interface Props {
  bundle: ArticleBundle;
  /** The versions compared (older, newer seq); null for the latest alone. */
  pair: [number, number] | null;
  /** Where to say how it went; without it, the row's own status line. */
  report?: (message: string) => void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function EvidenceActions({ bundle, pair, report }: Props) {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const say = report ?? setStatus;
  const run = async (work: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    try {
      say(await work());
    } catch (error) {
      say(t('evidenceFailed', message(error)));
    } finally {
      setBusy(false);
    }
  };
  const saveTheReport = () => run(() => saveReport(bundle, pair).then(() => t('evidenceReportSaved')));
  const exportThis = () => run(() => exportArticle(bundle.article).then((damaged) => exportedLine(t('detailExported'), damaged)));
  return (
    <div class="evidence">
      <div class="evidence-row" role="group" aria-labelledby="evidence-label">
        <span class="evidence-label" id="evidence-label">{t('evidenceLabel')}</span>
        <button type="button" id="report-article" aria-disabled={busy} onClick={() => void saveTheReport()}>
          {t('evidenceReport')}
        </button>
        <button type="button" id="export-article" aria-disabled={busy} onClick={() => void exportThis()}>
          {t('detailExport')}
        </button>
      </div>
      {!report && (
        <p class="evidence-status note" role="status">
          {status}
        </p>
      )}
    </div>
  );
}
