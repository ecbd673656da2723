// Two-column comparison: the older version on the left with deletions, the newer on the right with insertions,
// aligned block by block so each edit sits next to what it replaced.
import { Fragment } from 'preact';
import type { ArticleDiff, FieldDiff, Segment } from '@/lib/diff/types';
import type { BlockKind } from '@/lib/model/snapshot';
import { collapseBlocks, sideRow, splitSegments, type CollapsedItem } from '@/lib/view/article';
import type { BlockChange } from '@/lib/diff/types';
import { BlockShell } from './BlockShell';
import { Gap, useFolds } from './Gap';
import { t } from '@/lib/platform/i18n';
import { Segments } from './Segments';

interface Props {
  diff: ArticleDiff;
  full: boolean;
  leftLabel: string;
  rightLabel: string;
  lang?: string | null;
}

function Cell({ segments, kind, tone, headline }: { segments: Segment[] | null; kind: BlockKind; tone: string; headline?: boolean }) {
  return (
    <td class={segments ? undefined : 'empty'}>
      {segments && (
        <BlockShell kind={kind} tone={tone} headline={headline}>
          <Segments segments={segments} />
        </BlockShell>
      )}
    </td>
  );
}

interface FieldProps {
  field: FieldDiff;
  kind: BlockKind;
  tone: string;
  show?: boolean;
  /** The headline row: both sides at the headline's level, as in the inline view. */
  headline?: boolean;
}

function FieldRow({ field, kind, tone, show = true, headline }: FieldProps) {
  if (field.segments.length === 0 || !(show || field.changed)) return null;
  const { left, right } = splitSegments(field.segments);
  return (
    <tr class={`row-field ${tone}`}>
      <Cell segments={left.length > 0 ? left : null} kind={kind} tone={tone} headline={headline} />
      <Cell segments={right.length > 0 ? right : null} kind={kind} tone={tone} headline={headline} />
    </tr>
  );
}

function BlockRow({ change }: { change: BlockChange }) {
  const row = sideRow(change);
  const tone = `block-${row.type}`;
  return (
    <tr class={`row-${row.type}`}>
      <Cell segments={row.left} kind={row.kind} tone={tone} />
      <Cell segments={row.right} kind={row.kind} tone={tone} />
    </tr>
  );
}

export function SideBySide({ diff, full, leftLabel, rightLabel, lang }: Props) {
  const folds = useFolds();
  const items: CollapsedItem[] = full
    ? diff.blocks.map((change) => ({ type: 'block', change }))
    : collapseBlocks(diff.blocks);
  return (
    <table class="sbs article-text" lang={lang ?? undefined}>
      <caption class="sr-only">{t('sbsCaption', leftLabel, rightLabel)}</caption>
      <colgroup>
        <col class="sbs-col" />
        <col class="sbs-col" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{leftLabel}</th>
          <th scope="col">{rightLabel}</th>
        </tr>
      </thead>
      <tbody>
        <FieldRow field={diff.headline} kind="h" tone="diff-headline" headline />
        {/* As in the inline view, a folded comparison leaves out an unchanged standfirst and byline. */}
        <FieldRow field={diff.dek} kind="p" tone="diff-dek" show={full} />
        <FieldRow field={diff.byline} kind="p" tone="diff-byline" show={full} />
        {items.map((item, i) =>
          item.type === 'block' ? (
            <BlockRow key={i} change={item.change} />
          ) : (
            <Fragment key={i}>
              <tr class="row-gap">
                <td colSpan={2}>
                  <Gap count={item.changes.length} expanded={folds.isOpen(item.id)} onToggle={() => folds.toggle(item.id)} />
                </td>
              </tr>
              {folds.isOpen(item.id) && item.changes.map((change, j) => <BlockRow key={j} change={change} />)}
            </Fragment>
          ),
        )}
      </tbody>
    </table>
  );
}
