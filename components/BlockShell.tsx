// Wraps one article block in the element its kind calls for, so headings, quotes and lists still read as such.
import type { ComponentChildren } from 'preact';
import type { BlockKind } from '@/lib/model/snapshot';

interface Props {
  kind: BlockKind;
  /** Extra class, e.g. "block-added". */
  tone?: string;
  children: ComponentChildren;
}

export function BlockShell({ kind, tone, children }: Props) {
  const cls = `block block-${kind}${tone ? ` ${tone}` : ''}`;
  switch (kind) {
    case 'h':
      return <h3 class={cls}>{children}</h3>;
    case 'quote':
      return <blockquote class={cls}>{children}</blockquote>;
    case 'pre':
      return <pre class={cls}>{children}</pre>;
    default:
      // List items are shown as bulleted paragraphs: a lone <li> outside a list is invalid markup.
      return <p class={cls}>{children}</p>;
  }
}
