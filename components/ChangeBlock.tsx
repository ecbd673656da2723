// One body block of an inline diff: kept, added, removed, edited word by word, or moved.
import type { BlockChange } from '@/lib/diff/types';
import { t } from '@/lib/platform/i18n';
import { BlockShell } from './BlockShell';
import { Segments } from './Segments';

export function ChangeBlock({ change }: { change: BlockChange }) {
  switch (change.type) {
    case 'same':
      return <BlockShell kind={change.kind}>{change.text}</BlockShell>;
    case 'added':
      return (
        <BlockShell kind={change.kind} tone="block-added">
          <ins>{change.text}</ins>
        </BlockShell>
      );
    case 'removed':
      return (
        <BlockShell kind={change.kind} tone="block-removed">
          <del>{change.text}</del>
        </BlockShell>
      );
    case 'edited':
      return (
        <BlockShell kind={change.kind} tone="block-edited">
          <Segments segments={change.segments} />
        </BlockShell>
      );
    case 'moved':
      return (
        <BlockShell kind={change.kind} tone="block-moved">
          <span class="tag">{t('blockMoved')}</span> <bdi>{change.segments ? <Segments segments={change.segments} /> : change.text}</bdi>
        </BlockShell>
      );
  }
}
