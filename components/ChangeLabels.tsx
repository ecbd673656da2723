// The labels of one change as tags: whether it was disclosed, then its kinds, each in words (never colour alone).
import type { ChangeLabels } from '@/lib/diff/types';
import { t } from '@/lib/platform/i18n';
import { labelTags } from '@/lib/view/labels';

export function ChangeLabelTags({ labels }: { labels: ChangeLabels }) {
  return (
    <span class="change-labels">
      <span class="sr-only">{t('labelsLabel')} </span>
      {labelTags(labels).map((tag) => (
        <span key={tag.id} class={`tag tag-${tag.tone}`} data-label={tag.id}>
          {tag.text}
        </span>
      ))}
    </span>
  );
}
