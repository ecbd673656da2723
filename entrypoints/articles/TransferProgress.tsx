// The progress of an export or import: a progress bar named for what it measures, how much is done, the time left
// once it can be estimated, and Cancel while cancelling still changes nothing.
import { formatNumber, t } from '@/lib/platform/i18n';
import { formatBytes } from '@/lib/view/format';
import type { Running } from './useHistoryActions';

function timeLeft(running: Running, now: number): string | null {
  const { done, total, started } = running;
  const elapsed = now - started;
  // Too early to say: under 2 seconds in, or under 2% done.
  if (done <= 0 || total <= 0 || elapsed < 2_000 || done / total < 0.02) return null;
  const seconds = Math.max(1, Math.round(((total - done) * elapsed) / done / 1000));
  return seconds < 90 ? t('transferSecondsLeft', formatNumber(seconds)) : t('transferMinutesLeft', formatNumber(Math.round(seconds / 60)));
}

export function TransferProgress({ running }: { running: Running }) {
  const { kind, done, total } = running;
  const label = kind === 'export' ? t('transferExporting') : t('transferImporting');
  const amount =
    total <= 0
      ? ''
      : kind === 'export'
        ? t('transferArticles', formatNumber(done), formatNumber(total))
        : t('transferBytes', formatBytes(done), formatBytes(total));
  const left = timeLeft(running, Date.now());
  return (
    <div class="transfer" role="group" aria-label={label}>
      <progress max={total > 0 ? total : undefined} value={total > 0 ? done : undefined} aria-label={label} />
      <span class="transfer-amount">
        {amount}
        {left && ` · ${left}`}
      </span>
      {running.cancel && (
        <button type="button" id="cancel-transfer" onClick={running.cancel}>
          {t('transferCancel')}
        </button>
      )}
    </div>
  );
}
