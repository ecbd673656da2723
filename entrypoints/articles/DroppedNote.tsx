// The history page's note that a page flooded one article and captures were dropped (issue 15, item 2).
import { useEffect, useState } from 'preact/hooks';
import { tn } from '@/lib/platform/i18n';
import { droppedCaptures } from '@/lib/view/data';
import { formatWhen } from '@/lib/view/format';
import type { PalimpsestDB } from '@/lib/store/schema';
import type { DroppedTally } from '@/lib/store/schema';

export function DroppedNote({ db, version }: { db: PalimpsestDB; version: number }) {
  const [tally, setTally] = useState<DroppedTally | null>(null);
  useEffect(() => {
    void droppedCaptures(db).then(setTally);
  }, [db, version]);
  if (!tally || tally.count === 0) return null;
  return (
    <p class="muted" id="dropped-captures">
      {tn('historyDropped', tally.count, formatWhen(tally.last))}
    </p>
  );
}
