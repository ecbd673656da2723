// The headlines a page declares for search engines and social cards, where they changed between the two versions
// compared: shown apart from the visible headline, under their own names, as word diffs.
import type { MetaHeadlines as Declared } from '@/lib/model/snapshot';
import { t } from '@/lib/platform/i18n';
import { metaHeadlineChanges, type MetaHeadlineField } from '@/lib/view/article';
import { below, Heading, useHeadlineLevel } from './heading';
import { Segments } from './Segments';

const LABELS: Record<MetaHeadlineField, () => string> = {
  title: () => t('metaHeadlineTitle'),
  og: () => t('metaHeadlineOg'),
  jsonLd: () => t('metaHeadlineJsonLd'),
  description: () => t('metaHeadlineDescription'),
};

interface Props {
  older: { metaHeadlines?: Declared };
  newer: { metaHeadlines?: Declared };
}

export function MetaHeadlines({ older, newer }: Props) {
  const level = useHeadlineLevel();
  const changes = metaHeadlineChanges(older, newer);
  if (changes.length === 0) return null;
  return (
    <section class="meta-headlines" aria-label={t('metaHeadlinesLabel')}>
      <Heading level={below(level)}>{t('metaHeadlinesLabel')}</Heading>
      <dl>
        {changes.map(({ field, segments }) => (
          <div key={field}>
            <dt>{LABELS[field]()}</dt>
            <dd dir="auto">
              <Segments segments={segments} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
