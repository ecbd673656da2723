/**
 * Compares two captures of an article and describes the edits the way a careful editor's track-changes would:
 * fields and body blocks are aligned first, then edited blocks are word-diffed, cleaned up so changes read as
 * whole phrases, and summarised. Pure code: no DOM or browser APIs, so it runs in Node and extension pages alike.
 * The work is split over the files of lib/diff/; the types are in types.ts, and this file holds the entry points.
 * Texts are compared in lib/model/normalize.ts's form, the same one a version's hash is computed from.
 */
import { normalizeText } from '../model/normalize';
import { diffBlocks } from './blocks';
import { summarise } from './summary';
import type { ArticleDiff, Comparable, FieldDiff, Segment } from './types';
import { wordSegments, type Budget } from './words';

const DEFAULT_BUDGET_MS = 100;

/** Word-level diff of one field with the anti-confetti rule; bounded by the default time budget. */
export function diffText(older: string, newer: string): Segment[] {
  return wordSegments(older, newer, { deadline: performance.now() + DEFAULT_BUDGET_MS, coarse: false });
}

function diffField(older: string | null, newer: string | null, budget: Budget): FieldDiff {
  const o = older ?? '';
  const n = newer ?? '';
  if (normalizeText(o) === normalizeText(n)) {
    return { changed: false, segments: n === '' ? [] : [{ op: 'eq', text: n }] };
  }
  return { changed: true, segments: wordSegments(o, n, budget) };
}

export function diffArticles(older: Comparable, newer: Comparable, options?: { budgetMs?: number }): ArticleDiff {
  const budget: Budget = { deadline: performance.now() + (options?.budgetMs ?? DEFAULT_BUDGET_MS), coarse: false };
  // Fields first: they are short and the most visible, so they get the budget before the body does.
  const headline = diffField(older.headline, newer.headline, budget);
  const dek = diffField(older.dek, newer.dek, budget);
  const byline = diffField(older.byline, newer.byline, budget);
  const blocks = diffBlocks(older.body, newer.body, budget, normalizeText);
  const summary = summarise({ headline, dek, byline, blocks }, older, newer);
  return { headline, dek, byline, blocks, summary, coarse: budget.coarse };
}

/**
 * Number of changed units for the toolbar badge: headline counts as one, dek one, byline one, plus each
 * added/removed/edited/moved block.
 */
export function changeCount(d: ArticleDiff): number {
  let n = (d.headline.changed ? 1 : 0) + (d.dek.changed ? 1 : 0) + (d.byline.changed ? 1 : 0);
  for (const b of d.blocks) if (b.type !== 'same') n++;
  return n;
}
