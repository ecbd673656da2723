/**
 * Word-level diff of one pair of texts (a field or an edited block): runs jsdiff on the published texts within the
 * shared time budget, tidies the result (lib/diff-cleanup.ts) and applies the anti-confetti rule.
 */
import { diffWords, diffWordsWithSpace, type ChangeObject } from 'diff';
import type { Segment } from './diff';
import { countWords, fromRuns, tidy, toRuns } from './diff-cleanup';

/** Shared by every step of one diffArticles call so the whole call stays inside one budget. */
export interface Budget {
  /** performance.now() value after which no more word diffs are attempted. */
  deadline: number;
  /** Set once the budget forced block-level output somewhere. */
  coarse: boolean;
}

// Below this share of the longer side surviving unchanged, a word diff is confetti: show old and new whole.
const MIN_SURVIVING_OF_LONGER = 0.4;
// ...unless the shorter side survives almost whole in a few places (e.g. a sentence added to a short paragraph),
// which reads cleanly even though most of the longer side is new.
const MIN_SURVIVING_OF_SHORTER = 0.8;
const MAX_HUNKS_FOR_SHORTER_RULE = 3;
const MIN_WORDS_FOR_SHORTER_RULE = 5;

// jsdiff's own tokeniser (lib/diff/word.js): runs of these are one token, any other non-space char is a token.
const JSDIFF_TOKEN =
  /[a-zA-Z0-9_\u{AD}\u{C0}-\u{D6}\u{D8}-\u{F6}\u{F8}-\u{2C6}\u{2C8}-\u{2D7}\u{2DE}-\u{2FF}\u{1E00}-\u{1EFF}]+|[^\s]/gu;

function tokenCount(s: string): number {
  let n = 0;
  JSDIFF_TOKEN.lastIndex = 0;
  while (JSDIFF_TOKEN.exec(s)) n++;
  return n;
}

/** Old text as one deletion and new text as one insertion: block-level output. */
export function wholeSegments(older: string, newer: string): Segment[] {
  const out: Segment[] = [];
  if (older !== '') out.push({ op: 'del', text: older });
  if (newer !== '') out.push({ op: 'ins', text: newer });
  return out;
}

function toSegments(changes: ChangeObject<string>[]): Segment[] {
  return changes
    .filter((c) => c.value !== '')
    .map((c) => ({ op: c.added ? 'ins' : c.removed ? 'del' : 'eq', text: c.value }));
}

function reconstructs(segments: Segment[], older: string, newer: string): boolean {
  let o = '';
  let n = '';
  for (const s of segments) {
    if (s.op !== 'ins') o += s.text;
    if (s.op !== 'del') n += s.text;
  }
  return o === older && n === newer;
}

type RawResult = { segments: Segment[] } | { aborted: 'time' | 'size' };

function rawDiff(older: string, newer: string, budget: Budget): RawResult {
  const remaining = budget.deadline - performance.now();
  if (remaining <= 0) return { aborted: 'time' };
  // A diff needing more edits than this keeps under ~40% of the longer side, which the anti-confetti rule would
  // discard anyway, while a pure insertion or deletion (edits = length difference) always fits.
  const maxEditLength = Math.ceil(1.25 * Math.max(tokenCount(older), tokenCount(newer))) + 16;
  const opts = { timeout: Math.max(1, Math.ceil(remaining)), maxEditLength };
  // diffWords gives the nicest boundaries but reflows whitespace that differs between the texts;
  // diffWordsWithSpace is exact, and the cleanup absorbs the lone spaces it leaves between changes.
  for (const fn of [diffWords, diffWordsWithSpace]) {
    const changes = fn(older, newer, opts);
    if (!changes) {
      // jsdiff measures its timeout with Date.now() (1 ms steps), so allow for it stopping slightly early.
      return { aborted: performance.now() >= budget.deadline - 2 ? 'time' : 'size' };
    }
    const segments = toSegments(changes);
    if (reconstructs(segments, older, newer)) return { segments };
  }
  return { aborted: 'size' };
}

function survivesEnough(segments: Segment[], older: string, newer: string): boolean {
  const oldWords = countWords(older);
  const newWords = countWords(newer);
  const longer = Math.max(oldWords, newWords);
  const shorter = Math.min(oldWords, newWords);
  let kept = 0;
  let hunks = 0;
  let prev: Segment['op'] = 'eq';
  const ops = new Set<Segment['op']>();
  for (const s of segments) {
    ops.add(s.op);
    if (s.op === 'eq') kept += countWords(s.text);
    else if (prev === 'eq') hunks++;
    prev = s.op;
  }
  // Pure additions (or pure cuts) leave one side whole: nothing interleaves, however much was added.
  if (!ops.has('del') || !ops.has('ins')) return true;
  if (kept >= MIN_SURVIVING_OF_LONGER * longer) return true;
  return (
    shorter >= MIN_WORDS_FOR_SHORTER_RULE &&
    kept >= MIN_SURVIVING_OF_SHORTER * shorter &&
    hunks <= MAX_HUNKS_FOR_SHORTER_RULE
  );
}

/**
 * Word diff of two published texts. Concatenating eq+del segments gives `older` exactly, eq+ins gives `newer`.
 * Falls back to whole del+ins when little survives, when the texts are too different to be worth diffing, or
 * when the budget has run out (the last one marks the budget coarse).
 */
export function wordSegments(older: string, newer: string, budget: Budget): Segment[] {
  if (older === newer) return older === '' ? [] : [{ op: 'eq', text: older }];
  if (older === '' || newer === '') return wholeSegments(older, newer);
  const raw = rawDiff(older, newer, budget);
  if ('aborted' in raw) {
    if (raw.aborted === 'time') budget.coarse = true;
    return wholeSegments(older, newer);
  }
  // Survival is judged on jsdiff's own result: the tidy-up folds small scraps into changes for readability,
  // which should not by itself tip a block into being shown whole.
  if (!survivesEnough(raw.segments, older, newer)) return wholeSegments(older, newer);
  return fromRuns(tidy(toRuns(raw.segments)));
}
