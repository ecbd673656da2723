// The "… 5 unchanged paragraphs" line that stands in for folded-away text until the reader expands it.
import { gapLabel } from '@/lib/view/article';

export function Gap({ count, onExpand }: { count: number; onExpand: () => void }) {
  return (
    <button type="button" class="gap" aria-expanded="false" onClick={onExpand}>
      {gapLabel(count)}
    </button>
  );
}
