/**
 * Decides which removed and added blocks are really one block edited: word-set similarity of their normalised
 * texts, paired in document order within a gap between unchanged blocks. Exhaustive pairing has a fixed work
 * allowance and the cheaper windowed pairing stops at the deadline, so a rewritten 5000-paragraph page cannot
 * stall the diff.
 */

const WORD = /[\p{L}\p{N}]+/gu;
/** Word-set Dice coefficient at or above which two blocks count as one block edited. */
const MIN_DICE = 0.5;
/** A short block kept almost whole inside a longer one (a sentence added) is an edit too... */
const MIN_CONTAINMENT = 0.8;
/** ...but only if it has enough words that the overlap is not just "the", "said" and "he". */
const MIN_WORDS_FOR_CONTAINMENT = 5;
/** Moves across the article must be more clearly the same block than edits in place. */
const MIN_DICE_FOR_MOVE = 0.7;
/**
 * Similarity computations allowed for exhaustive pairing over a whole article (all gaps plus the cross-gap move
 * search): about 15 ms on a laptop, far more than a real article's edits need.
 */
export const PAIR_WORK = 50_000;
/** Past that, each removed block only looks this far ahead among the added ones, while time lasts. */
const WINDOW = 20;

/** Shared limits of one article's pairing. */
export interface PairLimits {
  deadline: number;
  /** Similarity computations left for exhaustive pairing. */
  work: number;
  /** Set when the deadline stopped pairing, leaving possible edits as removed + added. */
  cut: boolean;
}

export function wordSet(normalised: string): Set<string> {
  return new Set(normalised.toLowerCase().match(WORD) ?? []);
}

function overlap(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const w of small) if (large.has(w)) n++;
  return n;
}

/** Similarity weight of two blocks as an edit in place, or 0 when they are not the same block. */
export function editSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const common = overlap(a, b);
  const dice = (2 * common) / (a.size + b.size);
  if (dice >= MIN_DICE) return dice;
  const smaller = Math.min(a.size, b.size);
  if (smaller >= MIN_WORDS_FOR_CONTAINMENT && common / smaller >= MIN_CONTAINMENT) return Math.max(dice, 0.01);
  return 0;
}

export function moveSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const dice = (2 * overlap(a, b)) / (a.size + b.size);
  return dice >= MIN_DICE_FOR_MOVE ? dice : 0;
}

/**
 * Pairs removed[i] with added[j] as edits, in order on both sides (no crossing pairs), maximising total
 * similarity. Returns positions into the two arrays.
 */
export function pairInOrder(
  removed: number[],
  added: number[],
  sim: (o: number, n: number) => number,
  limits: PairLimits,
): Array<[number, number]> {
  const r = removed.length;
  const a = added.length;
  if (r === 0 || a === 0) return [];
  if (r * a > limits.work) return pairWindowed(removed, added, sim, limits);
  limits.work -= r * a;
  // best[i][j]: best total for removed[0..i) and added[0..j); score[] keeps each similarity for the walk back.
  const w = a + 1;
  const best = new Float64Array((r + 1) * w);
  const score = new Float64Array((r + 1) * w);
  for (let i = 1; i <= r; i++) {
    for (let j = 1; j <= a; j++) {
      const s = sim(removed[i - 1]!, added[j - 1]!);
      score[i * w + j] = s;
      const diag = s > 0 ? best[(i - 1) * w + j - 1]! + s : 0;
      best[i * w + j] = Math.max(best[(i - 1) * w + j]!, best[i * w + j - 1]!, diag);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = r;
  let j = a;
  while (i > 0 && j > 0) {
    const here = best[i * w + j]!;
    const s = score[i * w + j]!;
    if (s > 0 && here === best[(i - 1) * w + j - 1]! + s) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (here === best[(i - 1) * w + j]!) i--;
    else j--;
  }
  return pairs.reverse();
}

function pairWindowed(
  removed: number[],
  added: number[],
  sim: (o: number, n: number) => number,
  limits: PairLimits,
): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  let from = 0;
  for (let i = 0; i < removed.length && from < added.length; i++) {
    if (performance.now() >= limits.deadline) {
      limits.cut = true;
      break;
    }
    let bestJ = -1;
    let bestS = 0;
    for (let j = from; j < Math.min(added.length, from + WINDOW); j++) {
      const s = sim(removed[i]!, added[j]!);
      if (s > bestS) {
        bestS = s;
        bestJ = j;
      }
    }
    if (bestJ >= 0) {
      pairs.push([i, bestJ]);
      from = bestJ + 1;
    }
  }
  return pairs;
}

/**
 * Greedy best-first pairing of leftover blocks anywhere in the article as moved-and-edited.
 * Unlike pairInOrder, returns (old, new) block indices rather than positions in the arrays.
 */
export function pairMoves(
  removed: number[],
  added: number[],
  sim: (o: number, n: number) => number,
  limits: PairLimits,
): Array<[number, number]> {
  // Moves are a refinement (they would otherwise show as removed + added), so only search when it is cheap.
  if (removed.length === 0 || added.length === 0 || removed.length * added.length > limits.work) return [];
  limits.work -= removed.length * added.length;
  const candidates: Array<[number, number, number]> = [];
  for (const o of removed) {
    for (const n of added) {
      const s = sim(o, n);
      if (s > 0) candidates.push([o, n, s]);
    }
  }
  candidates.sort((x, y) => y[2] - x[2]);
  const usedO = new Set<number>();
  const usedN = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const [o, n] of candidates) {
    if (usedO.has(o) || usedN.has(n)) continue;
    usedO.add(o);
    usedN.add(n);
    pairs.push([o, n]);
  }
  return pairs;
}
