/**
 * Body diff: aligns the blocks of two captures (unchanged anchors, then moves, then edits in place, then
 * moved-and-edited), and lays the result out in reading order of the new version, with removed blocks where
 * they used to be. Edited blocks get a word diff while the budget lasts.
 */
import type { Block } from '../model/snapshot';
import type { BlockChange } from './types';
import { alignKeys, type Anchors } from './align';
import {
  editSimilarity,
  moveSimilarity,
  pairInOrder,
  pairMoves,
  wordSet,
  PAIR_WORK,
  type PairLimits,
} from './pair';
import { wordSegments, type Budget } from './words';

interface Gap {
  /** Old indices between two anchors. */
  removed: number[];
  /** New indices between the same two anchors. */
  added: number[];
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** Both sides' block texts, normalised, and as integer keys: equal texts get equal keys. */
interface Texts {
  oldNorm: string[];
  newNorm: string[];
  oldKeys: number[];
  newKeys: number[];
}

/** Blocks that moved, exactly or edited: old indices, and by new index where each came from. */
interface Moves {
  from: Set<number>;
  to: Map<number, { oldIndex: number; edited: boolean }>;
}

/** Blocks edited in place (old index <-> new index), and the removed and added blocks no edit explains. */
interface Edits {
  byOld: Map<number, number>;
  byNew: Map<number, number>;
  leftRemoved: number[];
  leftAdded: number[];
}

type Similarity = (o: number, n: number) => number;

export function diffBlocks(
  older: Block[],
  newer: Block[],
  budget: Budget,
  normalise: (s: string) => string,
): BlockChange[] {
  const texts = internTexts(older, newer, normalise);
  const anchors = alignKeys(texts.oldKeys, texts.newKeys, budget.deadline);
  const gaps = gapsAround(anchors, older.length, newer.length);
  const moves = exactMoves(gaps, texts);
  const similarity = similarities(texts);
  const limits: PairLimits = { deadline: budget.deadline, work: PAIR_WORK, cut: false };
  const edits = editsInPlace(gaps, moves, similarity.edit, limits);
  addEditedMoves(edits, moves, similarity.move, limits);
  if (limits.cut) budget.coarse = true;
  return layOut({ older, newer, anchors, gaps, moves, edits }, budget);
}

function internTexts(older: Block[], newer: Block[], normalise: (s: string) => string): Texts {
  const oldNorm = older.map((b) => normalise(b.text));
  const newNorm = newer.map((b) => normalise(b.text));
  // Interning the normalised texts makes every later equality test an integer comparison.
  const ids = new Map<string, number>();
  const intern = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = ids.size));
    return id;
  };
  return { oldNorm, newNorm, oldKeys: oldNorm.map(intern), newKeys: newNorm.map(intern) };
}

/** The unaligned blocks: gaps[g] comes before anchors[g]; the last one follows the last anchor. */
function gapsAround(anchors: Anchors, oldLength: number, newLength: number): Gap[] {
  const gaps: Gap[] = [];
  let pi = 0;
  let pj = 0;
  for (const [i, j] of [...anchors, [oldLength, newLength] as const]) {
    gaps.push({ removed: range(pi, i), added: range(pj, j) });
    pi = i + 1;
    pj = j + 1;
  }
  return gaps;
}

/** Exact moves: the same text gone from one gap and arrived in another (e.g. two paragraphs swapped). */
function exactMoves(gaps: readonly Gap[], { oldKeys, newKeys }: Texts): Moves {
  const moves: Moves = { from: new Set(), to: new Map() };
  const gone = new Map<number, number[]>();
  for (const g of gaps) {
    for (const o of g.removed) {
      const list = gone.get(oldKeys[o]!);
      if (list) list.push(o);
      else gone.set(oldKeys[o]!, [o]);
    }
  }
  const taken = new Map<number, number>(); // how many of gone[key] are used, so duplicates pair in order
  for (const g of gaps) {
    for (const n of g.added) {
      const queue = gone.get(newKeys[n]!);
      const used = taken.get(newKeys[n]!) ?? 0;
      const o = queue?.[used];
      if (o === undefined) continue;
      taken.set(newKeys[n]!, used + 1);
      moves.from.add(o);
      moves.to.set(n, { oldIndex: o, edited: false });
    }
  }
  return moves;
}

/** How alike an old and a new block are, to pair edits and moves; word sets are built once, when first needed. */
function similarities({ oldNorm, newNorm }: Texts): { edit: Similarity; move: Similarity } {
  const oldSets: Array<Set<string> | undefined> = [];
  const newSets: Array<Set<string> | undefined> = [];
  const oldSet = (o: number): Set<string> => (oldSets[o] ??= wordSet(oldNorm[o]!));
  const newSet = (n: number): Set<string> => (newSets[n] ??= wordSet(newNorm[n]!));
  return {
    edit: (o, n) => editSimilarity(oldSet(o), newSet(n)),
    move: (o, n) => moveSimilarity(oldSet(o), newSet(n)),
  };
}

/** Edits in place: similar removed/added blocks within the same gap, in order. */
function editsInPlace(gaps: readonly Gap[], moves: Moves, similarity: Similarity, limits: PairLimits): Edits {
  const edits: Edits = { byOld: new Map(), byNew: new Map(), leftRemoved: [], leftAdded: [] };
  for (const g of gaps) {
    const removed = g.removed.filter((o) => !moves.from.has(o));
    const added = g.added.filter((n) => !moves.to.has(n));
    for (const [x, y] of pairInOrder(removed, added, similarity, limits)) {
      edits.byOld.set(removed[x]!, added[y]!);
      edits.byNew.set(added[y]!, removed[x]!);
    }
    for (const o of removed) if (!edits.byOld.has(o)) edits.leftRemoved.push(o);
    for (const n of added) if (!edits.byNew.has(n)) edits.leftAdded.push(n);
  }
  return edits;
}

/** Moved and edited: clearly the same block, but in another gap (or crossing another edit). */
function addEditedMoves(edits: Edits, moves: Moves, similarity: Similarity, limits: PairLimits): void {
  for (const [o, n] of pairMoves(edits.leftRemoved, edits.leftAdded, similarity, limits)) {
    moves.from.add(o);
    moves.to.set(n, { oldIndex: o, edited: true });
  }
}

interface Alignment {
  older: Block[];
  newer: Block[];
  anchors: Anchors;
  gaps: readonly Gap[];
  moves: Moves;
  edits: Edits;
}

/**
 * The changes in reading order of the new version: each gap (its removed and added blocks, each side in its own
 * order, with every edit after the blocks before it on both sides), then the anchor that closes it.
 */
function layOut(alignment: Alignment, budget: Budget): BlockChange[] {
  const { older, newer, anchors, gaps, moves, edits } = alignment;
  const out: BlockChange[] = [];
  const emitRemoved = (o: number): void => {
    if (!moves.from.has(o) && !edits.byOld.has(o)) out.push(removedChange(older, o));
  };
  const emitAdded = (n: number): void => {
    out.push(addedChange(alignment, n, budget));
  };
  gaps.forEach((g, k) => {
    const added = g.added.filter((n) => !edits.byNew.has(n));
    let ri = 0;
    let ai = 0;
    for (const n of g.added) {
      const o = edits.byNew.get(n);
      if (o === undefined) continue;
      // Removed and added blocks before this edit, each side in its own order, then the edit itself.
      while (ri < g.removed.length && g.removed[ri]! < o) emitRemoved(g.removed[ri++]!);
      while (ai < added.length && added[ai]! < n) emitAdded(added[ai++]!);
      ri++;
      const segments = wordSegments(older[o]!.text, newer[n]!.text, budget);
      out.push({ type: 'edited', kind: newer[n]!.kind, segments, oldIndex: o, newIndex: n });
    }
    while (ri < g.removed.length) emitRemoved(g.removed[ri++]!);
    while (ai < added.length) emitAdded(added[ai++]!);
    const anchor = anchors[k];
    if (anchor) {
      const [o, n] = anchor;
      out.push({ type: 'same', kind: newer[n]!.kind, text: newer[n]!.text, oldIndex: o, newIndex: n });
    }
  });
  return out;
}

function removedChange(older: Block[], o: number): BlockChange {
  const b = older[o]!;
  return { type: 'removed', kind: b.kind, text: b.text, oldIndex: o };
}

/** A block only the new version has where it is: added, moved, or moved and edited (word-diffed). */
function addedChange({ older, newer, moves }: Alignment, n: number, budget: Budget): BlockChange {
  const b = newer[n]!;
  const move = moves.to.get(n);
  if (!move) return { type: 'added', kind: b.kind, text: b.text, newIndex: n };
  if (!move.edited) return { type: 'moved', kind: b.kind, text: b.text, oldIndex: move.oldIndex, newIndex: n };
  const segments = wordSegments(older[move.oldIndex]!.text, b.text, budget);
  return { type: 'moved', kind: b.kind, text: b.text, oldIndex: move.oldIndex, newIndex: n, segments };
}
