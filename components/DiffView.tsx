// Inline track-changes view of an ArticleDiff: headline, standfirst and byline, then the body with folded context.
import { Fragment } from 'preact';
import type { ArticleDiff, FieldDiff } from '@/lib/diff/types';
import { collapseBlocks, type CollapsedItem } from '@/lib/view/article';
import { ChangeBlock } from './ChangeBlock';
import { Gap, useFolds } from './Gap';
import { Heading, useHeadlineLevel, type Level } from './heading';
import { Segments } from './Segments';

interface Props {
  diff: ArticleDiff;
  /** Show every block instead of folding unchanged ones away. */
  full: boolean;
  lang?: string | null;
}

function Field({ field, heading, cls, show = true }: { field: FieldDiff; heading?: Level; cls: string; show?: boolean }) {
  if (field.segments.length === 0 || !(show || field.changed)) return null;
  const props = { class: `${cls}${field.changed ? ' field-changed' : ''}`, dir: 'auto' as const };
  const text = <Segments segments={field.segments} />;
  return heading ? <Heading level={heading} {...props}>{text}</Heading> : <p {...props}>{text}</p>;
}

export function DiffView({ diff, full, lang }: Props) {
  const level = useHeadlineLevel();
  // Expanded gaps, by id; the parent remounts this view (key) when it compares another pair of versions.
  const folds = useFolds();
  const items: CollapsedItem[] = full
    ? diff.blocks.map((change) => ({ type: 'block', change }))
    : collapseBlocks(diff.blocks);
  return (
    <article class="diff article-text" lang={lang ?? undefined}>
      <Field field={diff.headline} heading={level} cls="diff-headline" />
      {/* Folded views leave out an unchanged standfirst and byline; the headline always says which article this is. */}
      <Field field={diff.dek} cls="diff-dek" show={full} />
      <Field field={diff.byline} cls="diff-byline" show={full} />
      <div class="diff-body">
        {items.map((item, i) =>
          item.type === 'block' ? (
            <ChangeBlock key={i} change={item.change} />
          ) : (
            <Fragment key={i}>
              <Gap count={item.changes.length} expanded={folds.isOpen(item.id)} onToggle={() => folds.toggle(item.id)} />
              {folds.isOpen(item.id) && item.changes.map((change, j) => <ChangeBlock key={j} change={change} />)}
            </Fragment>
          ),
        )}
      </div>
    </article>
  );
}
