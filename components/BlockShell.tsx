// Wraps one article block in the element its kind calls for, so headings, quotes and lists still read as such.
import type { ComponentChildren } from 'preact';
import type { BlockKind } from '@/lib/model/snapshot';
import { below, Heading, useHeadlineLevel } from './heading';

interface Props {
  kind: BlockKind;
  /** Extra class, e.g. "block-added". */
  tone?: string;
  /** The article's headline (side by side), at the headline's level; otherwise a subheading is one level below it. */
  headline?: boolean;
  children: ComponentChildren;
}

// dir="auto": each block takes its direction from its own text, so an Arabic or Hebrew paragraph reads right to left
// and cannot reorder what is around it.
export function BlockShell({ kind, tone, headline = false, children }: Props) {
  const level = useHeadlineLevel();
  const cls = `block block-${kind}${tone ? ` ${tone}` : ''}`;
  switch (kind) {
    case 'h':
      return <Heading level={headline ? level : below(level)} class={cls} dir="auto">{children}</Heading>;
    case 'quote':
      return <blockquote class={cls} dir="auto">{children}</blockquote>;
    case 'pre':
      return <pre class={cls} dir="auto">{children}</pre>;
    default:
      // List items are shown as bulleted paragraphs: a lone <li> outside a list is invalid markup.
      return <p class={cls} dir="auto">{children}</p>;
  }
}
