/**
 * Finds the body blocks that stayed put: the longest run of identical blocks (compared as interned keys of their
 * normalised text) in document order. Myers via jsdiff's diffArrays when affordable, otherwise a hash-based
 * patience alignment whose cost stays near-linear however many blocks or edits there are.
 */
import { diffArrays } from 'diff';

/** Above this many blocks on either side Myers' worst case is not worth risking. */
const MAX_BLOCKS_FOR_MYERS = 3000;
const MAX_PATIENCE_DEPTH = 8;
/**
 * Myers costs (blocks × edits); past this many block insertions/deletions the article was largely rewritten and
 * patience alignment finds the surviving blocks just as well.
 */
const MAX_BLOCK_EDITS = 256;

/** Matched (oldIndex, newIndex) pairs, increasing on both sides. */
export type Anchors = Array<[number, number]>;

export function alignKeys(a: number[], b: number[], deadline: number): Anchors {
  // Alignment gets at most half the remaining budget: the word diffs that follow are what readers see.
  const timeout = Math.floor((deadline - performance.now()) / 2);
  if (Math.max(a.length, b.length) <= MAX_BLOCKS_FOR_MYERS && timeout > 0) {
    const changes = diffArrays(a, b, { timeout, maxEditLength: MAX_BLOCK_EDITS });
    if (changes) {
      const anchors: Anchors = [];
      let i = 0;
      let j = 0;
      for (const c of changes) {
        if (c.added) j += c.count;
        else if (c.removed) i += c.count;
        else for (let k = 0; k < c.count; k++) anchors.push([i++, j++]);
      }
      return anchors;
    }
  }
  const anchors: Anchors = [];
  patience(a, b, 0, a.length, 0, b.length, 0, anchors);
  return anchors;
}

/** Patience alignment of a[aLo..aHi) with b[bLo..bHi), appending matches to `out` in order. */
function patience(
  a: number[],
  b: number[],
  aLo: number,
  aHi: number,
  bLo: number,
  bHi: number,
  depth: number,
  out: Anchors,
): void {
  // Common prefix and suffix are matched directly.
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) out.push([aLo++, bLo++]);
  const suffix: Anchors = [];
  while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) suffix.push([--aHi, --bHi]);
  if (aLo < aHi && bLo < bHi && depth < MAX_PATIENCE_DEPTH) {
    let prevA = aLo;
    let prevB = bLo;
    for (const [i, j] of uniqueAnchors(a, b, aLo, aHi, bLo, bHi)) {
      patience(a, b, prevA, i, prevB, j, depth + 1, out);
      out.push([i, j]);
      prevA = i + 1;
      prevB = j + 1;
    }
    if (prevA !== aLo || prevB !== bLo) patience(a, b, prevA, aHi, prevB, bHi, depth + 1, out);
  }
  for (let k = suffix.length - 1; k >= 0; k--) out.push(suffix[k]!);
}

/** Keys occurring exactly once on each side, reduced to the longest run in the same order on both sides. */
function uniqueAnchors(a: number[], b: number[], aLo: number, aHi: number, bLo: number, bHi: number): Anchors {
  // Per key: index in a (or -1 once seen twice), index in b (same), keyed by the interned number.
  const inA = new Map<number, number>();
  const inB = new Map<number, number>();
  for (let i = aLo; i < aHi; i++) {
    const k = a[i]!;
    inA.set(k, inA.has(k) ? -1 : i);
  }
  for (let j = bLo; j < bHi; j++) {
    const k = b[j]!;
    inB.set(k, inB.has(k) ? -1 : j);
  }
  const candidates: Anchors = [];
  for (let i = aLo; i < aHi; i++) {
    const ia = inA.get(a[i]!);
    const jb = inB.get(a[i]!);
    if (ia !== undefined && ia >= 0 && jb !== undefined && jb >= 0) candidates.push([i, jb]);
  }
  return longestIncreasing(candidates);
}

/** Longest subsequence increasing in the second index (candidates are already increasing in the first). */
function longestIncreasing(c: Anchors): Anchors {
  const tails: number[] = []; // tails[len] = index in c of the smallest tail of an increasing run of length len+1
  const prev = new Int32Array(c.length).fill(-1);
  for (let x = 0; x < c.length; x++) {
    const j = c[x]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[tails[mid]!]![1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[x] = tails[lo - 1]!;
    tails[lo] = x;
  }
  const out: Anchors = [];
  for (let x = tails[tails.length - 1] ?? -1; x >= 0; x = prev[x]!) out.push(c[x]!);
  return out.reverse();
}
