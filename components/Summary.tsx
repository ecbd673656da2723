// The one-line summary of a comparison, its labels (silent or disclosed, and what kind of edit), and the numbers that
// changed, which readers look for first.
import type { ChangeLabels, ChangeSummary } from '@/lib/diff/types';
import { t } from '@/lib/platform/i18n';
import { numberLines } from '@/lib/view/article';
import { ChangeLabelTags } from './ChangeLabels';

export function Summary({ summary, coarse, labels }: { summary: ChangeSummary; coarse: boolean; labels?: ChangeLabels }) {
  const numbers = numberLines(summary.numbers);
  return (
    <div class="summary" role="status">
      <p class="summary-text">{summary.text}</p>
      {labels && labels.kinds.length > 0 && (
        <p class="summary-labels">
          <ChangeLabelTags labels={labels} />
        </p>
      )}
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
