/**
 * Word-level diff of one pair of texts (a field or an edited block): runs jsdiff on the published texts within the
 * shared time budget, tidies the result (lib/diff/cleanup.ts) and applies the anti-confetti rule.
 */
import { Diff, diffWordsWithSpace, wordDiff, type ChangeObject } from 'diff';
import type { Segment } from './types';
import { countWords, fromRuns, tidy, toRuns } from './cleanup';

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

/**
 * jsdiff's diffWords, fed tokens we have already produced with its own tokeniser. jsdiff starts its timeout clock
 * only after tokenising, which for a 20,000-word block is a sizeable share of the budget; tokenising first lets
 * the timeout cover only what is left. Everything else (equality, joining, whitespace tidy-up) is wordDiff's.
 * (jsdiff 9 reads the clock in diffWithOptionsObj, after tokenize; no upstream report found.)
 */
class PretokenisedWordDiff extends Diff<string, string, string[]> {
  override castInput(tokens: string[]): string {
    return tokens as unknown as string; // stays a token array; tokenize() below hands it straight back
  }
  override tokenize(tokens: string): string[] {
    return tokens as unknown as string[];
  }
  override equals(left: string, right: string): boolean {
    return wordDiff.equals(left, right, {});
  }
  override join(tokens: string[]): string {
    return wordDiff.join(tokens);
  }
  override postProcess(changes: ChangeObject<string>[]): ChangeObject<string>[] {
    return wordDiff.postProcess(changes, {});
  }
}
const pretokenisedWordDiff = new PretokenisedWordDiff();

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
  const start = performance.now();
  if (start >= budget.deadline) return { aborted: 'time' };
  const oldTokens = wordDiff.tokenize(older);
  const newTokens = wordDiff.tokenize(newer);
  const tokenising = performance.now() - start;
  // A diff needing more edits than this keeps under ~40% of the longer side, which the anti-confetti rule would
  // discard anyway, while a pure insertion or deletion (edits = length difference) always fits.
  const maxEditLength = Math.ceil(1.25 * Math.max(oldTokens.length, newTokens.length)) + 16;
  // Word tokens (with their surrounding whitespace) give the nicest boundaries but reflow whitespace that differs
  // between the texts; diffWordsWithSpace is exact, and the cleanup absorbs the lone spaces it leaves between
  // changes. It tokenises internally, so hold back what our own tokenising took.
  const attempts = [
    {
      reserve: 0,
      run: (timeout: number) => pretokenisedWordDiff.diff(oldTokens, newTokens, { timeout, maxEditLength }),
    },
    {
      reserve: tokenising,
      run: (timeout: number) => diffWordsWithSpace(older, newer, { timeout, maxEditLength: 2 * maxEditLength }),
    },
  ];
  for (const { reserve, run } of attempts) {
    const before = performance.now();
    const timeout = Math.floor(budget.deadline - before - reserve);
    if (timeout <= 0) return { aborted: 'time' };
    const changes = run(timeout);
    if (!changes) {
      // jsdiff measures its timeout with Date.now() (1 ms steps), so allow for it stopping slightly early.
      return { aborted: performance.now() - before >= timeout + reserve - 2 ? 'time' : 'size' };
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
  // Most edits touch a few words of a long paragraph: only the part between the common start and end is diffed,
  // which saves tokenising (the larger share of the work) the unchanged words around it.
  const [prefix, suffix] = commonEnds(older, newer);
  const oldMiddle = older.slice(prefix, older.length - suffix);
  const newMiddle = newer.slice(prefix, newer.length - suffix);
  let middle: Segment[];
  if (oldMiddle === '' || newMiddle === '') {
    middle = wholeSegments(oldMiddle, newMiddle);
  } else {
    const raw = rawDiff(oldMiddle, newMiddle, budget);
    if ('aborted' in raw) {
      if (raw.aborted === 'time') budget.coarse = true;
      return wholeSegments(older, newer);
    }
    middle = raw.segments;
  }
  const segments: Segment[] = [];
  if (prefix > 0) segments.push({ op: 'eq', text: older.slice(0, prefix) });
  segments.push(...middle);
  if (suffix > 0) segments.push({ op: 'eq', text: older.slice(older.length - suffix) });
  // Survival is judged on jsdiff's own result: the tidy-up folds small scraps into changes for readability,
  // which should not by itself tip a block into being shown whole.
  if (!survivesEnough(segments, older, newer)) return wholeSegments(older, newer);
  return fromRuns(tidy(toRuns(segments)));
}

const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 0xa0;

/**
 * Lengths of the common start and end of two different texts, cut at whitespace so that no word is split: the
 * start ends just after a whitespace character and the end begins with one. They never overlap.
 */
function commonEnds(a: string, b: string): [number, number] {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  while (prefix > 0 && !isSpace(a.charCodeAt(prefix - 1))) prefix--;
  const room = max - prefix;
  let suffix = 0;
  while (suffix < room && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  while (suffix > 0 && !isSpace(a.charCodeAt(a.length - suffix))) suffix--;
  return [prefix, suffix];
}
