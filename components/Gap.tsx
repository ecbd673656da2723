// The "… 5 unchanged paragraphs" button that stands in for folded-away text: a disclosure button (WAI-ARIA
// Authoring Practices) that stays in place when it opens, so focus stays on it and it can fold the text away again.
import { useState } from 'preact/hooks';
import { tn } from '@/lib/platform/i18n';
import { gapLabel } from '@/lib/view/article';

export function Gap({ count, expanded, onToggle }: { count: number; expanded: boolean; onToggle: () => void }) {
  return (
    <button type="button" class="gap" aria-expanded={expanded ? 'true' : 'false'} onClick={onToggle}>
      {expanded ? tn('gapHide', count) : gapLabel(count)}
    </button>
  );
}

/** Which folds of a comparison the reader opened, by fold id. */
export function useFolds(): { isOpen: (id: number) => boolean; toggle: (id: number) => void } {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  return {
    isOpen: (id) => open.has(id),
    toggle: (id) => {
      const next = new Set(open);
      if (!next.delete(id)) next.add(id);
      setOpen(next);
    },
  };
}
