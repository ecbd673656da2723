/**
 * Body diff: aligns the blocks of two captures (unchanged anchors, then moves, then edits in place, then
 * moved-and-edited), and lays the result out in reading order of the new version, with removed blocks where
 * they used to be. Edited blocks get a word diff while the budget lasts.
 */
import type { Block } from '../model/snapshot';
import type { BlockChange } from './types';
import { alignKeys } from './align';
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

export function diffBlocks(
  older: Block[],
  newer: Block[],
  budget: Budget,
  normalise: (s: string) => string,
): BlockChange[] {
  const oldNorm = older.map((b) => normalise(b.text));
  const newNorm = newer.map((b) => normalise(b.text));
  // Interning the normalised texts makes every later equality test an integer comparison.
  const ids = new Map<string, number>();
  const intern = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = ids.size));
    return id;
  };
  const oldKeys = oldNorm.map(intern);
  const newKeys = newNorm.map(intern);

  const anchors = alignKeys(oldKeys, newKeys, budget.deadline);
  const gaps: Gap[] = []; // gaps[g] comes before anchors[g]; the last one follows the last anchor
  let pi = 0;
  let pj = 0;
  for (const [i, j] of [...anchors, [older.length, newer.length] as const]) {
    gaps.push({ removed: range(pi, i), added: range(pj, j) });
    pi = i + 1;
    pj = j + 1;
  }

  // Exact moves: the same text gone from one gap and arrived in another (e.g. two paragraphs swapped).
  const movedFrom = new Set<number>();
  const movedTo = new Map<number, { oldIndex: number; edited: boolean }>(); // by new index
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
      movedFrom.add(o);
      movedTo.set(n, { oldIndex: o, edited: false });
    }
  }

  // Edits in place: similar removed/added blocks within the same gap, in order.
  const oldSets: Array<Set<string> | undefined> = [];
  const newSets: Array<Set<string> | undefined> = [];
  const oldSet = (o: number): Set<string> => (oldSets[o] ??= wordSet(oldNorm[o]!));
  const newSet = (n: number): Set<string> => (newSets[n] ??= wordSet(newNorm[n]!));
  const limits: PairLimits = { deadline: budget.deadline, work: PAIR_WORK, cut: false };
  const editedOld = new Map<number, number>(); // old index -> new index
  const editedNew = new Map<number, number>(); // new index -> old index
  const leftRemoved: number[] = [];
  const leftAdded: number[] = [];
  for (const g of gaps) {
    const removed = g.removed.filter((o) => !movedFrom.has(o));
    const added = g.added.filter((n) => !movedTo.has(n));
    const pairs = pairInOrder(removed, added, (o, n) => editSimilarity(oldSet(o), newSet(n)), limits);
    for (const [x, y] of pairs) {
      editedOld.set(removed[x]!, added[y]!);
      editedNew.set(added[y]!, removed[x]!);
    }
    for (const o of removed) if (!editedOld.has(o)) leftRemoved.push(o);
    for (const n of added) if (!editedNew.has(n)) leftAdded.push(n);
  }

  // Moved and edited: clearly the same block, but in another gap (or crossing another edit).
  for (const [o, n] of pairMoves(leftRemoved, leftAdded, (o, n) => moveSimilarity(oldSet(o), newSet(n)), limits)) {
    movedFrom.add(o);
    movedTo.set(n, { oldIndex: o, edited: true });
  }

  if (limits.cut) budget.coarse = true;

  const out: BlockChange[] = [];
  const emitRemoved = (o: number): void => {
    if (movedFrom.has(o) || editedOld.has(o)) return;
    const b = older[o]!;
    out.push({ type: 'removed', kind: b.kind, text: b.text, oldIndex: o });
  };
  const emitAdded = (n: number): void => {
    const b = newer[n]!;
    const move = movedTo.get(n);
    if (!move) {
      out.push({ type: 'added', kind: b.kind, text: b.text, newIndex: n });
    } else if (!move.edited) {
      out.push({ type: 'moved', kind: b.kind, text: b.text, oldIndex: move.oldIndex, newIndex: n });
    } else {
      const segments = wordSegments(older[move.oldIndex]!.text, b.text, budget);
      out.push({ type: 'moved', kind: b.kind, text: b.text, oldIndex: move.oldIndex, newIndex: n, segments });
    }
  };
  gaps.forEach((g, k) => {
    const added = g.added.filter((n) => !editedNew.has(n));
    let ri = 0;
    let ai = 0;
    for (const n of g.added) {
      const o = editedNew.get(n);
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
