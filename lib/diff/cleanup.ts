/**
 * Tidies a raw word diff so it reads like an editor's track-changes rather than a token dump: insertions slide to
 * sentence/word boundaries, changes grow to whole words, and tiny unchanged scraps between changes are folded in.
 * Every step keeps eq+del == old text and eq+ins == new text.
 */
import type { Segment } from './types';

/** A diff as alternating unchanged text and hunks (a hunk's deletion is shown before its insertion). */
export type Run = { eq: string } | { del: string; ins: string };

const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
// Characters that can sit inside a word or number: 1,200 · 3.5 · well-known · Obama's.
const JOINER = /[.,'\u2019\-\u2010\u2011]/u;
const MAX_SLIDE = 80;

const isWordChar = (c: string | undefined): boolean => c !== undefined && WORD_CHAR.test(c);
const isJoiner = (c: string | undefined): boolean => c !== undefined && JOINER.test(c);

/** The end of `s` that belongs to the same word as whatever follows it: "said 1," -> "1,". */
function wordTail(s: string): string {
  let i = s.length;
  if (isJoiner(s[i - 1]) && isWordChar(s[i - 2])) i--;
  // A joiner counts only between word characters.
  while (i > 0 && (isWordChar(s[i - 1]) || (isJoiner(s[i - 1]) && isWordChar(s[i - 2])))) i--;
  return s.slice(i);
}

/** The start of `s` that belongs to the same word as whatever precedes it: ".5% of" -> ".5". */
function wordHead(s: string): string {
  let i = 0;
  while (i < s.length && (isWordChar(s[i]) || (isJoiner(s[i]) && isWordChar(s[i + 1])))) i++;
  return s.slice(0, i);
}

export function countWords(s: string): number {
  return s.match(WORD)?.length ?? 0;
}

export function toRuns(segments: Segment[]): Run[] {
  const runs: Run[] = [];
  for (const s of segments) {
    if (s.text === '') continue;
    const last = runs[runs.length - 1];
    if (s.op === 'eq') {
      if (last && 'eq' in last) last.eq += s.text;
      else runs.push({ eq: s.text });
    } else {
      const hunk = last && 'del' in last ? last : { del: '', ins: '' };
      if (hunk !== last) runs.push(hunk);
      if (s.op === 'del') hunk.del += s.text;
      else hunk.ins += s.text;
    }
  }
  return runs;
}

export function fromRuns(runs: Run[]): Segment[] {
  const out: Segment[] = [];
  for (const r of toRuns(runs.flatMap(runSegments))) out.push(...runSegments(r));
  return out;
}

function runSegments(r: Run): Segment[] {
  if ('eq' in r) return r.eq === '' ? [] : [{ op: 'eq', text: r.eq }];
  const out: Segment[] = [];
  if (r.del !== '') out.push({ op: 'del', text: r.del });
  if (r.ins !== '') out.push({ op: 'ins', text: r.ins });
  return out;
}

/** How good a place the join of `left` and `right` is for a change to start or end; higher is better. */
function boundaryScore(left: string, right: string): number {
  const c1 = left[left.length - 1];
  const c2 = right[0];
  if (c1 === undefined || c2 === undefined) return 6;
  // Never split a surrogate pair.
  if (/[\udc00-\udfff]/.test(c2)) return -100;
  // Only the last few characters matter, and blocks can be 100 KB long.
  if (/\s/.test(c1)) return /[.!?\u2026]["'\u201d\u2019)]?\s+$/.test(left.slice(-8)) ? 5 : 3;
  if (/\s/.test(c2)) return 2;
  if (!WORD_CHAR.test(c1) || !WORD_CHAR.test(c2)) return 1;
  return 0;
}

/**
 * A pure insertion or deletion can often sit at several equivalent places ("A. |B. |C." vs "A|. B|. C.").
 * Pick the one whose edges fall on sentence or word boundaries, so an inserted sentence shows as that sentence.
 */
function slide(runs: Run[]): void {
  for (let k = 0; k < runs.length; k++) {
    const hunk = runs[k];
    if (!hunk || !('del' in hunk) || (hunk.del !== '' && hunk.ins !== '')) continue;
    const prev = runs[k - 1];
    const next = runs[k + 1];
    let a = prev && 'eq' in prev ? prev.eq : '';
    let b = next && 'eq' in next ? next.eq : '';
    let x = hunk.del !== '' ? hunk.del : hunk.ins;
    // Walk to the leftmost equivalent position, then score each position moving right.
    for (let i = 0; i < MAX_SLIDE && a !== '' && a[a.length - 1] === x[x.length - 1]; i++) {
      b = x.slice(-1) + b;
      x = a.slice(-1) + x.slice(0, -1);
      a = a.slice(0, -1);
    }
    let best = { a, x, b, score: boundaryScore(a, x) + boundaryScore(x, b) };
    for (let i = 0; i < 2 * MAX_SLIDE && b !== '' && b[0] === x[0]; i++) {
      a += x[0];
      x = x.slice(1) + b[0];
      b = b.slice(1);
      const score = boundaryScore(a, x) + boundaryScore(x, b);
      if (score > best.score) best = { a, x, b, score };
    }
    if (prev && 'eq' in prev) prev.eq = best.a;
    if (next && 'eq' in next) next.eq = best.b;
    if (hunk.del !== '') hunk.del = best.x;
    else hunk.ins = best.x;
  }
}

function startsWord(side: string): boolean {
  const c = side[0];
  if (c === undefined) return false;
  if (WORD_CHAR.test(c)) return true;
  // "'s" continues a word; ". Next sentence" does not.
  return JOINER.test(c) && (side.length === 1 || WORD_CHAR.test(side[1] ?? ''));
}

function endsWord(side: string): boolean {
  const c = side[side.length - 1];
  if (c === undefined) return false;
  if (WORD_CHAR.test(c)) return true;
  return JOINER.test(c) && (side.length === 1 || WORD_CHAR.test(side[side.length - 2] ?? ''));
}

/** Grow each change to whole words: "1,|200|" -> "|1,200|", so a reader never sees half a word struck out. */
function snap(runs: Run[]): void {
  for (let k = 0; k < runs.length; k++) {
    const hunk = runs[k];
    if (!hunk || !('del' in hunk)) continue;
    const prev = runs[k - 1];
    const next = runs[k + 1];
    if (prev && 'eq' in prev && (startsWord(hunk.del) || startsWord(hunk.ins))) {
      const tail = wordTail(prev.eq);
      // A tail ending in a joiner ("1,") only belongs to the change if the change continues with a word character.
      const joins = isWordChar(tail[tail.length - 1]) || isWordChar(hunk.del[0]) || isWordChar(hunk.ins[0]);
      if (tail !== '' && joins) {
        prev.eq = prev.eq.slice(0, prev.eq.length - tail.length);
        hunk.del = tail + hunk.del;
        hunk.ins = tail + hunk.ins;
      }
    }
    if (next && 'eq' in next && (endsWord(hunk.del) || endsWord(hunk.ins))) {
      const head = wordHead(next.eq);
      if (head !== '') {
        next.eq = next.eq.slice(head.length);
        hunk.del += head;
        hunk.ins += head;
      }
    }
  }
}

function isTiny(eq: string, left: { del: string; ins: string }, right: { del: string; ins: string }): boolean {
  const around = Math.min(Math.max(left.del.length, left.ins.length), Math.max(right.del.length, right.ins.length));
  const short = eq.trim().length <= 4;
  // Most unchanged stretches are long; settle those without counting words (big diffs have thousands).
  if (!short && eq.length * 4 > around) return !/[\p{L}\p{N}]/u.test(eq);
  const words = countWords(eq);
  if (words === 0) return true; // only spaces or punctuation between two changes
  // One short word ("on", "the"), or a couple of words dwarfed by the changes on both sides.
  return (words === 1 && short) || (words <= 2 && eq.length * 4 <= around);
}

/**
 * Fold tiny unchanged scraps between two changes into them, so the changes read as whole phrases. One pass with a
 * stack: after each fold the grown hunk may make the scrap before it tiny too, so folding repeats at the top.
 */
function absorb(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of toRuns(runs.flatMap(runSegments))) {
    out.push('eq' in run ? { eq: run.eq } : { del: run.del, ins: run.ins });
    for (;;) {
      const right = out[out.length - 1];
      const mid = out[out.length - 2];
      const left = out[out.length - 3];
      if (!left || !mid || !right || !('del' in left) || !('eq' in mid) || !('del' in right)) break;
      if (!isTiny(mid.eq, left, right)) break;
      out.splice(out.length - 3, 3, { del: left.del + mid.eq + right.del, ins: left.ins + mid.eq + right.ins });
    }
  }
  return out;
}

export function tidy(runs: Run[]): Run[] {
  // Empty unchanged runs at both ends give every hunk neighbours to slide and snap into; fromRuns drops them.
  if (runs[0] && 'del' in runs[0]) runs.unshift({ eq: '' });
  const last = runs[runs.length - 1];
  if (last && 'del' in last) runs.push({ eq: '' });
  slide(runs);
  snap(runs);
  return absorb(runs);
}
