// Wraps one article block in the element its kind calls for, so headings, quotes and lists still read as such.
import type { ComponentChildren } from 'preact';
import type { BlockKind } from '@/lib/model/snapshot';

interface Props {
  kind: BlockKind;
  /** Extra class, e.g. "block-added". */
  tone?: string;
  children: ComponentChildren;
}

// dir="auto": each block takes its direction from its own text, so an Arabic or Hebrew paragraph reads right to left
// and cannot reorder what is around it.
export function BlockShell({ kind, tone, children }: Props) {
  const cls = `block block-${kind}${tone ? ` ${tone}` : ''}`;
  switch (kind) {
    case 'h':
      return <h3 class={cls} dir="auto">{children}</h3>;
    case 'quote':
      return <blockquote class={cls} dir="auto">{children}</blockquote>;
    case 'pre':
      return <pre class={cls} dir="auto">{children}</pre>;
    default:
      // List items are shown as bulleted paragraphs: a lone <li> outside a list is invalid markup.
      return <p class={cls} dir="auto">{children}</p>;
  }
}
