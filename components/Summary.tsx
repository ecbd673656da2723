// The one-line summary of a comparison and the numbers that changed, which readers look for first.
import type { ChangeSummary } from '@/lib/diff/types';
import { t } from '@/lib/platform/i18n';
import { numberLines } from '@/lib/view/article';

export function Summary({ summary, coarse }: { summary: ChangeSummary; coarse: boolean }) {
  const numbers = numberLines(summary.numbers);
  return (
    <div class="summary" role="status">
      <p class="summary-text">{summary.text}</p>
      {numbers.length > 0 && (
        <p class="summary-numbers">
          <span class="label">{t('numbersChanged')}</span>{' '}
          {numbers.map((n, i) => (
            <span key={i} class="number-change">
              {n}
            </span>
          ))}
        </p>
      )}
      {coarse && (
        <p class="note">{t('coarseNote')}</p>
      )}
    </div>
  );
}
