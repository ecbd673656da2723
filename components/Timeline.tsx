// The stored versions of an article; the reader picks any one as the older side and any one as the newer side.
import type { VersionRecord } from '@/lib/store/schema';
import { t, tn } from '@/lib/platform/i18n';
import { formatWhen } from '@/lib/view/article';

type VersionInfo = Pick<VersionRecord, 'seq' | 'firstSeen' | 'partial' | 'truncated' | 'body'>;

interface Props {
  versions: readonly VersionInfo[];
  pair: readonly [number, number];
  onPick: (pair: [number, number]) => void;
}

/**
 * One side's pick of a version, as a toggle button. A version can be the older side only below the newer one and the
 * newer side only above the older one (as in Wikipedia's history), so two versions never collapse into one; and being
 * buttons, not two radio groups across the rows, Tab walks them in reading order, row by row.
 */
function Pick({ label, pressed, onPick }: { label: string; pressed: boolean; onPick: () => void }) {
  // The name is the button's (visually hidden) text, which translation tools also reach.
  return (
    <button type="button" class="pick" aria-pressed={pressed} onClick={onPick}>
      <span class="sr-only">{label}</span>
    </button>
  );
}

export function Timeline({ versions, pair, onPick }: Props) {
  const [from, to] = pair;
  const latest = versions.at(-1)?.seq;
  return (
    <table class="timeline">
      <caption>{t('timelineCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('timelineVersion')}</th>
          <th scope="col">{t('firstSeen')}</th>
          <th scope="col">{t('timelineOlder')}</th>
          <th scope="col">{t('timelineNewer')}</th>
        </tr>
      </thead>
      <tbody>
        {[...versions].reverse().map((v) => (
          <tr key={v.seq} class={v.seq === from || v.seq === to ? 'picked' : undefined}>
            <th scope="row">
              {t('timelineSeq', v.seq)}
              {v.seq === latest && <span class="tag">{t('timelineLatest')}</span>}
              {v.partial && (
                <span class="tag tag-warn" title={t('timelinePartialTitle')}>
                  {t('timelinePartial')}
                </span>
              )}
              {v.truncated && (
                <span class="tag tag-warn" title={tn('timelineTooLargeTitle', v.body.length)}>
                  {t('timelineTooLarge')}
                </span>
              )}
            </th>
            <td>
              <time dateTime={new Date(v.firstSeen).toISOString()}>{formatWhen(v.firstSeen)}</time>
            </td>
            <td class="pick-cell">
              {v.seq < to && <Pick label={t('timelineCompareFrom', v.seq)} pressed={v.seq === from} onPick={() => onPick([v.seq, to])} />}
            </td>
            <td class="pick-cell">
              {v.seq > from && <Pick label={t('timelineCompareTo', v.seq)} pressed={v.seq === to} onPick={() => onPick([from, v.seq])} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
