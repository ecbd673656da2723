/**
 * Compact deltas between two versions of one text, for storage: most edits insert a sentence or change a number in
 * one paragraph, so the new paragraph is stored as "copy 612 characters of the old one, insert this sentence, copy
 * the rest" rather than whole. Used by the texts store (lib/store/texts.ts) and the search index
 * (lib/store/search.ts). Pure and synchronous, so it can run inside a transaction or a migration.
 */
import { diffWordsWithSpace } from 'diff';

/**
 * One step of a delta, applied left to right over the base text: a positive number copies that many code units of
 * the base, a negative number skips that many, a string is inserted. Whatever of the base is left after the last
 * step is copied, so an edit near the start needs no trailing copy.
 */
export type DeltaOp = number | string;

export function applyDelta(base: string, ops: readonly DeltaOp[]): string {
  let out = '';
  let at = 0;
  for (const op of ops) {
    if (typeof op === 'string') out += op;
    else if (op > 0) {
      out += base.slice(at, at + op);
      at += op;
    } else at -= op;
  }
  return out + base.slice(at);
}

/** Middles longer than this (on both sides) are worth a word diff rather than being replaced whole. */
const WORD_DIFF_MIN = 80;

/**
 * A delta that turns `base` into `text`. The common start and end are found directly (one edit, the usual case, costs
 * one pass); what differs between them is also word-diffed when both sides are long, so scattered edits in one
 * paragraph stay small, and the smaller of the two is kept. Always exact: applyDelta(base, makeDelta(base, text)) is
 * `text`, checked before returning.
 */
export function makeDelta(base: string, text: string): DeltaOp[] {
  const limit = Math.min(base.length, text.length);
  let start = 0;
  while (start < limit && base.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (end < limit - start && base.charCodeAt(base.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
  const removed = base.slice(start, base.length - end);
  const inserted = text.slice(start, text.length - end);
  const simple = trimmed([start, -removed.length, inserted]);
  if (removed.length >= WORD_DIFF_MIN && inserted.length >= WORD_DIFF_MIN) {
    const middle = wordOps(removed, inserted);
    if (middle) {
      const worded = trimmed([start, ...middle, removed.length - consumed(middle)]);
      if (deltaSize(worded) < deltaSize(simple) && applyDelta(base, worded) === text) return worded;
    }
  }
  return applyDelta(base, simple) === text ? simple : [-base.length, text];
}

/** Merges neighbouring steps of the same kind, drops no-ops and the trailing copy (implicit). */
function trimmed(steps: readonly DeltaOp[]): DeltaOp[] {
  const ops: DeltaOp[] = [];
  for (const op of steps) {
    if (op === 0 || op === '') continue;
    const last = ops.at(-1);
    if (typeof op === 'string' && typeof last === 'string') ops[ops.length - 1] = last + op;
    else if (typeof op === 'number' && typeof last === 'number' && Math.sign(op) === Math.sign(last)) {
      ops[ops.length - 1] = last + op;
    } else ops.push(op);
  }
  while (typeof ops.at(-1) === 'number' && (ops.at(-1) as number) > 0) ops.pop();
  return ops;
}

/** Code units of the base a list of steps copies or skips. */
function consumed(ops: readonly DeltaOp[]): number {
  let n = 0;
  for (const op of ops) if (typeof op === 'number') n += Math.abs(op);
  return n;
}

/**
 * Word edits beyond which the word diff gives up: a delta only pays when little changed, and diffing two unrelated
 * paragraphs (a rewritten one, or a page that is not the same article) would otherwise cost far more than it saves.
 */
const MAX_WORD_EDITS = 48;

function wordOps(removed: string, inserted: string): DeltaOp[] | null {
  const changes = diffWordsWithSpace(removed, inserted, { maxEditLength: MAX_WORD_EDITS });
  if (!changes) return null;
  const ops: DeltaOp[] = [];
  for (const change of changes) {
    if (change.added) ops.push(change.value);
    else if (change.removed) ops.push(-change.value.length);
    else ops.push(change.value.length);
  }
  return consumed(ops) === removed.length && applyDelta(removed, ops) === inserted ? ops : null;
}

/** Stored size of a delta, in the same JSON terms the storage benchmark counts. */
export function deltaSize(ops: readonly DeltaOp[]): number {
  return JSON.stringify(ops).length;
}
