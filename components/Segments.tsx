// Renders a word diff's segments as text, <ins> and <del>; page text only ever becomes Preact text children.
import type { Segment } from '@/lib/diff/types';

export function Segments({ segments }: { segments: readonly Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.op === 'ins' ? <ins key={i}>{s.text}</ins> : s.op === 'del' ? <del key={i}>{s.text}</del> : s.text,
      )}
    </>
  );
}
