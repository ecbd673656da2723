// Compares two stored versions of an article: summary line, the diff (inline or side by side) and the timeline.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { VersionRecord } from '@/lib/store/schema';
import { diffArticles } from '@/lib/diff/articles';
import { labelChange } from '@/lib/diff/labels';
import { t } from '@/lib/platform/i18n';
import { formatWhen } from '@/lib/view/article';
import { DiffView } from './DiffView';
import { HeadlineLevel, type Level } from './heading';
import { MetaHeadlines } from './MetaHeadlines';
import { SideBySide } from './SideBySide';
import { Summary } from './Summary';
import { Timeline } from './Timeline';

interface Props {
  /** Oldest first. */
  versions: readonly VersionRecord[];
  /** The pair to show first; null shows the latest version on its own. */
  initial: [number, number] | null;
  /** Offer the two-column layout (the history page has room for it, the popup does not). */
  sideBySide?: boolean;
  /** Shown right under the summary line, e.g. when the reader last saw the article. */
  children?: ComponentChildren;
  /** The level of the compared headline: 1 where it is the page's title (the popup), else 2. */
  headlineLevel?: Level;
  /** Told the pair shown whenever it changes, e.g. so the change report covers what the reader is looking at. */
  onPair?: (pair: [number, number]) => void;
}

const label = (v: VersionRecord) => t('compareVersion', v.seq, formatWhen(v.firstSeen));
const short = (v: VersionRecord) => t('compareVersionShort', v.seq, formatWhen(v.firstSeen));

export function Compare({ versions, initial, sideBySide = false, children, headlineLevel = 2, onPair }: Props) {
  const latest = versions.at(-1)?.seq ?? 0;
  const [pair, setPair] = useState<[number, number]>(initial ?? [latest, latest]);
  const [full, setFull] = useState(false);
  const [layout, setLayout] = useState<'inline' | 'side'>('inline');
  const older = versions.find((v) => v.seq === pair[0]);
  const newer = versions.find((v) => v.seq === pair[1]);
  const diff = useMemo(() => (older && newer ? diffArticles(older, newer) : null), [older, newer]);
  const labels = useMemo(() => (older && newer ? labelChange(older, newer) : undefined), [older, newer]);
  const single = pair[0] === pair[1];
  const key = `${pair[0]}-${pair[1]}`;
  useEffect(() => onPair?.(pair), [pair[0], pair[1]]);

  return (
    <HeadlineLevel.Provider value={headlineLevel}>
    <section class="compare" aria-label={t('compareLabel')}>
      {!older || !newer || !diff ? (
        <p class="note">{t('compareGone', !older ? pair[0] : pair[1])}</p>
      ) : (
        <>
          {!single && <Summary summary={diff.summary} coarse={diff.coarse} labels={labels} />}
          {children}
          <div class="compare-bar">
            <p class="compare-pair">{single ? label(newer) : `${short(older)} → ${short(newer)}`}</p>
            <div class="controls">
              {sideBySide && !single && (
                <div class="segmented" role="group" aria-label={t('compareLayout')}>
                  <button type="button" aria-pressed={layout === 'inline'} onClick={() => setLayout('inline')}>
                    {t('compareInline')}
                  </button>
                  <button type="button" aria-pressed={layout === 'side'} onClick={() => setLayout('side')}>
                    {t('compareSideBySide')}
                  </button>
                </div>
              )}
              {!single && (
                <button type="button" class="toggle" aria-pressed={full} onClick={() => setFull(!full)}>
                  {t('compareShowFull')}
                </button>
              )}
            </div>
          </div>
          {layout === 'side' && sideBySide && !single ? (
            <SideBySide key={key} diff={diff} full={full} leftLabel={label(older)} rightLabel={label(newer)} lang={newer.lang} />
          ) : (
            <DiffView key={key} diff={diff} full={full || single} lang={newer.lang} />
          )}
          {!single && <MetaHeadlines older={older} newer={newer} />}
        </>
      )}
      {versions.length > 1 && <Timeline versions={versions} pair={pair} onPick={setPair} />}
    </section>
    </HeadlineLevel.Provider>
  );
}
