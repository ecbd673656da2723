// The stored versions of an article; the reader picks any one as the older side and any one as the newer side.
import type { VersionRecord } from '@/lib/store/schema';
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
      <caption>Versions — pick two to compare</caption>
      <thead>
        <tr>
          <th scope="col">Older</th>
          <th scope="col">Newer</th>
          <th scope="col">Version</th>
          <th scope="col">First seen</th>
        </tr>
      </thead>
      <tbody>
        {[...versions].reverse().map((v) => (
          <tr key={v.seq} class={v.seq === from || v.seq === to ? 'picked' : undefined}>
            <td>
              <input
                type="radio"
                name={`${name}-from`}
                aria-label={`Compare from version ${v.seq}`}
                checked={v.seq === from}
                onChange={() => pick('from', v.seq)}
              />
            </td>
            <td>
              <input
                type="radio"
                name={`${name}-to`}
                aria-label={`Compare to version ${v.seq}`}
                checked={v.seq === to}
                onChange={() => pick('to', v.seq)}
              />
            </td>
            <th scope="row">
              v{v.seq}
              {v.seq === latest && <span class="tag">latest</span>}
              {v.partial && <span class="tag tag-warn" title="An incomplete capture: a teaser, paywall or page still loading">partial</span>}
              {v.truncated && (
                <span class="tag tag-warn" title={`Too large: only the first ${v.body.length} paragraphs were kept`}>
                  too large
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
