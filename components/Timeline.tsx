// The stored versions of an article; the reader picks any one as the older side and any one as the newer side.
import type { VersionRecord } from '@/lib/store/schema';
import { t, tn } from '@/lib/platform/i18n';
import { formatWhen } from '@/lib/view/article';

type VersionInfo = Pick<VersionRecord, 'seq' | 'firstSeen' | 'partial' | 'truncated' | 'body'>;

interface Props {
  versions: readonly VersionInfo[];
  pair: readonly [number, number];
  onPick: (pair: [number, number]) => void;
  /** A name unique on the page, for the radio groups. */
  name: string;
}

export function Timeline({ versions, pair, onPick, name }: Props) {
  const [from, to] = pair;
  // Picking keeps the pair in reading order: older on the left (from), newer on the right (to).
  const pick = (side: 'from' | 'to', seq: number): void => {
    const next: [number, number] = side === 'from' ? [seq, to] : [from, seq];
    onPick(next[0] <= next[1] ? next : [next[1], next[0]]);
  };
  const latest = versions.at(-1)?.seq;
  return (
    <table class="timeline">
      <caption>{t('timelineCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('timelineOlder')}</th>
          <th scope="col">{t('timelineNewer')}</th>
          <th scope="col">{t('timelineVersion')}</th>
          <th scope="col">{t('firstSeen')}</th>
        </tr>
      </thead>
      <tbody>
        {[...versions].reverse().map((v) => (
          <tr key={v.seq} class={v.seq === from || v.seq === to ? 'picked' : undefined}>
            <td>
              <input
                type="radio"
                name={`${name}-from`}
                aria-label={t('timelineCompareFrom', v.seq)}
                checked={v.seq === from}
                onChange={() => pick('from', v.seq)}
              />
            </td>
            <td>
              <input
                type="radio"
                name={`${name}-to`}
                aria-label={t('timelineCompareTo', v.seq)}
                checked={v.seq === to}
                onChange={() => pick('to', v.seq)}
              />
            </td>
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
          </tr>
        ))}
      </tbody>
    </table>
  );
}
