/**
 * Compares two captures of an article and describes the edits the way a careful editor's track-changes would:
 * fields and body blocks are aligned first, then edited blocks are word-diffed, cleaned up so changes read as
 * whole phrases, and summarised. Pure code: no DOM or browser APIs, so it runs in Node and extension pages alike.
 * The work is split over lib/diff-*.ts; this file holds the public types and entry points.
 */
import type { BlockKind, Snapshot } from './snapshot';
import { diffBlocks } from './diff-blocks';
import { summarise } from './diff-summary';
import { wordSegments, type Budget } from './diff-words';

export type Segment = { op: 'eq' | 'ins' | 'del'; text: string };
export type BlockChange =
  | { type: 'same'; kind: BlockKind; text: string; oldIndex: number; newIndex: number }
  | { type: 'added'; kind: BlockKind; text: string; newIndex: number }
  | { type: 'removed'; kind: BlockKind; text: string; oldIndex: number }
  | { type: 'edited'; kind: BlockKind; segments: Segment[]; oldIndex: number; newIndex: number }
  | {
      type: 'moved';
      kind: BlockKind;
      text: string;
      oldIndex: number;
      newIndex: number;
      /** Present when the block was moved and also edited. */
      segments?: Segment[];
    };
/**
 * Headline, dek and byline (null treated as ''). When unchanged, segments is the new published text as a single
 * 'eq' (empty when the field is empty); when changed, eq+del spells the old text and eq+ins the new one.
 */
export interface FieldDiff {
  changed: boolean;
  segments: Segment[];
}
export interface NumberChange {
  from: string;
  to: string;
}
export interface ChangeSummary {
  headline: boolean;
  dek: boolean;
  byline: boolean;
  added: number;
  removed: number;
  edited: number;
  /** Includes blocks that were moved and edited. */
  moved: number;
  numbers: NumberChange[];
  /** e.g. "Headline changed · 2 paragraphs added · 1 removed · 3 edited" or "No changes" */
  text: string;
}
export interface ArticleDiff {
  headline: FieldDiff;
  dek: FieldDiff;
  byline: FieldDiff;
  blocks: BlockChange[];
  summary: ChangeSummary;
  /** true when the time/size budget forced block-level output (no word diff) somewhere */
  coarse: boolean;
}
export type Comparable = Pick<Snapshot, 'headline' | 'dek' | 'byline' | 'body'>;

const DEFAULT_BUDGET_MS = 100;

// Invisible characters that publishers sprinkle in (or drop) without changing what the reader sees.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;
// Same result as replacing /\s+/ with ' ', without a replacement for every single space between words.
const SPACES = /\s{2,}|[^\S ]/g;
const NOT_PLAIN = /[^\x21-\x7e ]| {2}|^ | $/;
// Text made only of characters from tab to U+02FF or in General Punctuation is unchanged by NFC (no combining marks; the
// two singletons there, U+2000 and U+2001, are spaces and become ' ' anyway), so the costly normalize() is skipped.
const MAY_NEED_NFC = /[^\t-\u02ff\u2000-\u206f]/;


/**
 * The form two texts are compared in: typographic noise (Unicode composition, whitespace flavours, invisible
 * characters, curly quotes) must not count as an edit. Never shown to the reader.
 * TODO: replace with lib/normalize.ts once it exists, so storage and diffing agree.
 */
export function comparableText(s: string): string {
  // Fast path: printable ASCII with single spaces and no spaces at either end is already in comparable form.
  if (!NOT_PLAIN.test(s)) return s;
  const composed = MAY_NEED_NFC.test(s) ? s.normalize('NFC') : s;
  return composed
    .replace(INVISIBLE, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(SPACES, ' ')
    .trim();
}

/** Word-level diff of one field with the anti-confetti rule; bounded by the default time budget. */
export function diffText(older: string, newer: string): Segment[] {
  return wordSegments(older, newer, { deadline: performance.now() + DEFAULT_BUDGET_MS, coarse: false });
}

function diffField(older: string | null, newer: string | null, budget: Budget): FieldDiff {
  const o = older ?? '';
  const n = newer ?? '';
  if (comparableText(o) === comparableText(n)) {
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
  const blocks = diffBlocks(older.body, newer.body, budget, comparableText);
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
