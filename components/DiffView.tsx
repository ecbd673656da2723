// Inline track-changes view of an ArticleDiff: headline, standfirst and byline, then the body with folded context.
import { useState } from 'preact/hooks';
import type { ArticleDiff, FieldDiff } from '@/lib/diff/types';
import { collapseBlocks, type CollapsedItem } from '@/lib/view/article';
import { ChangeBlock } from './ChangeBlock';
import { Gap } from './Gap';
import { Segments } from './Segments';

interface Props {
  diff: ArticleDiff;
  /** Show every block instead of folding unchanged ones away. */
  full: boolean;
  lang?: string | null;
}

function Field({ field, as: Tag, cls, show = true }: { field: FieldDiff; as: 'h2' | 'p'; cls: string; show?: boolean }) {
  if (field.segments.length === 0 || !(show || field.changed)) return null;
  return (
    <Tag class={`${cls}${field.changed ? ' field-changed' : ''}`} dir="auto">
      <Segments segments={field.segments} />
    </Tag>
  );
}

export function DiffView({ diff, full, lang }: Props) {
  // Expanded gaps, by id; the parent remounts this view (key) when it compares another pair of versions.
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const items: CollapsedItem[] = full
    ? diff.blocks.map((change) => ({ type: 'block', change }))
    : collapseBlocks(diff.blocks);
  return (
    <article class="diff article-text" lang={lang ?? undefined}>
      <Field field={diff.headline} as="h2" cls="diff-headline" />
      {/* Folded views leave out an unchanged standfirst and byline; the headline always says which article this is. */}
      <Field field={diff.dek} as="p" cls="diff-dek" show={full} />
      <Field field={diff.byline} as="p" cls="diff-byline" show={full} />
      <div class="diff-body">
        {items.map((item, i) =>
          item.type === 'block' ? (
            <ChangeBlock key={i} change={item.change} />
          ) : open.has(item.id) ? (
            item.changes.map((change, j) => <ChangeBlock key={`${i}.${j}`} change={change} />)
          ) : (
            <Gap key={i} count={item.changes.length} onExpand={() => setOpen(new Set(open).add(item.id))} />
          ),
        )}
      </div>
    </article>
  );
}
