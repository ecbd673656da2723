/**
 * Pure data shaping for the extension's pages: what to show for a visit's outcome, which unchanged paragraphs to
 * fold away around the edits, how a diff splits into old and new columns, and the short texts the pages print
 * (in the reader's language, through platform/i18n). No DOM and no storage, so every rule here is tested in Node.
 */
import type { ArticleRecord, VisitRecord } from '../store/schema';
import type { ArticleDiff, BlockChange, NumberChange, Segment } from '../diff/types';
import type { RecordOutcome } from '../model/outcome';
import { diffText } from '../diff/articles';
import { normalizeText } from '../model/normalize';
import type { BlockKind, MetaHeadlines } from '../model/snapshot';
import { urlKey, isHttpUrl } from '../model/url';
import { articleKey } from '../model/article-key';
import { t, tn } from '../platform/i18n';
import { formatWhen } from './format';

/** What the popup (and the history detail) shows for an article, decided by the outcome of its latest visit. */
export type ArticleState =
  | { kind: 'first' }
  | { kind: 'unchanged'; since: number }
  /** `from` is the version the reader saw last time, `to` the one they see now; revert: `to` is an older one. */
  | { kind: 'changed'; from: number; to: number; since: number; revert: boolean }
  | { kind: 'partial'; from: number; to: number; since: number }
  | { kind: 'liveblog'; from: number; to: number; since: number; newEntries: number }
  /** Read by newer extraction rules than the version before: compared from this visit on, no edit claimed. */
  | { kind: 'reread'; from: number; to: number; since: number };

/**
 * The state for `outcome`, falling back to the article's last recorded visit (the popup opened by URL, or a content
 * script that has no outcome to report) and then to the stored baseline.
 */
export function articleState(
  outcome: RecordOutcome | null,
  article: ArticleRecord,
  lastVisit?: VisitRecord,
): ArticleState {
  const o = outcome ?? lastVisit?.outcome;
  if (!o) return { kind: 'unchanged', since: article.baseline.since };
  switch (o.kind) {
    case 'first':
      return { kind: 'first' };
    case 'unchanged':
      return { kind: 'unchanged', since: o.since };
    case 'changed':
    case 'revert':
      return { kind: 'changed', from: o.baselineSeq, to: o.seq, since: o.baselineVisit, revert: o.kind === 'revert' };
    case 'partial':
      return { kind: 'partial', from: o.baselineSeq, to: o.seq, since: o.baselineVisit };
    case 'reread':
      return { kind: 'reread', from: o.baselineSeq, to: o.seq, since: o.baselineVisit };
    case 'liveblog-update':
      return { kind: 'liveblog', from: o.baselineSeq, to: o.seq, since: o.baselineVisit, newEntries: o.newEntries };
  }
}

/** The two versions to compare first: the edit the reader has not seen, else the last two complete versions. */
export function defaultPair(state: ArticleState, seqs: readonly number[]): [number, number] | null {
  if (state.kind !== 'first' && state.kind !== 'unchanged' && state.from !== state.to) return [state.from, state.to];
  const latest = seqs.at(-1);
  const previous = seqs.at(-2);
  return latest !== undefined && previous !== undefined ? [previous, latest] : null;
}

/** Keys the popup tries for a page URL, most specific first (keys are urlKey forms; articleKey agrees without meta). */
export function keysForUrl(url: string): string[] {
  return [...new Set([urlKey(url), articleKey(url)])];
}

export type CollapsedItem =
  | { type: 'block'; change: BlockChange }
  /** A run of unchanged blocks folded away; `id` is the index of its first block, stable for one diff. */
  | { type: 'gap'; id: number; changes: BlockChange[] };

/**
 * Folds unchanged blocks that are further than `context` blocks from any change into gaps. A run shorter than
 * `minGap` stays visible: an expander line would take as much room as the text it hides.
 */
export function collapseBlocks(blocks: readonly BlockChange[], context = 1, minGap = 2): CollapsedItem[] {
  const keep = blocks.map(() => false);
  blocks.forEach((b, i) => {
    if (b.type === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(blocks.length - 1, i + context); j++) keep[j] = true;
  });
  const out: CollapsedItem[] = [];
  let run: BlockChange[] = [];
  let runStart = 0;
  const flush = (): void => {
    if (run.length >= minGap) out.push({ type: 'gap', id: runStart, changes: run });
    else for (const change of run) out.push({ type: 'block', change });
    run = [];
  };
  blocks.forEach((change, i) => {
    if (keep[i]) {
      flush();
      out.push({ type: 'block', change });
    } else {
      if (run.length === 0) runStart = i;
      run.push(change);
    }
  });
  flush();
  return out;
}

/** One block in two columns: old text on the left (deletions marked), new on the right; null is an empty cell. */
export interface SideRow {
  type: BlockChange['type'];
  kind: BlockKind;
  left: Segment[] | null;
  right: Segment[] | null;
}

/** Old and new sides of a segmented text: eq+del spell the old text, eq+ins the new one. */
export function splitSegments(segments: readonly Segment[]): { left: Segment[]; right: Segment[] } {
  return { left: segments.filter((s) => s.op !== 'ins'), right: segments.filter((s) => s.op !== 'del') };
}

export function sideRow(change: BlockChange): SideRow {
  const { type, kind } = change;
  switch (change.type) {
    case 'same':
      return { type, kind, left: [{ op: 'eq', text: change.text }], right: [{ op: 'eq', text: change.text }] };
    case 'added':
      return { type, kind, left: null, right: [{ op: 'ins', text: change.text }] };
    case 'removed':
      return { type, kind, left: [{ op: 'del', text: change.text }], right: null };
    case 'edited':
      return { type, kind, ...splitSegments(change.segments) };
    case 'moved':
      return change.segments
        ? { type, kind, ...splitSegments(change.segments) }
        : { type, kind, left: [{ op: 'eq', text: change.text }], right: [{ op: 'eq', text: change.text }] };
  }
}

/** A live blog's new entries: the blocks added since the reader's last visit, newest (top of the page) first. */
export function newEntries(diff: ArticleDiff): string[] {
  return diff.blocks.flatMap((b) => (b.type === 'added' ? [b.text] : []));
}

export { formatBytes, formatWhen } from './format';

export function unchangedLine(since: number, versionCount: number, now?: number): string {
  return t('stateUnchanged', formatWhen(since, now), tn('versions', versionCount));
}

export function changedLine(state: Extract<ArticleState, { kind: 'changed' }>, now?: number): string {
  const when = formatWhen(state.since, now);
  return state.revert ? t('stateBackTo', state.to, when) : t('stateEdited', when);
}

/** "32 → 58" for each number that changed. */
export function numberLines(numbers: readonly NumberChange[]): string[] {
  return numbers.map((n) => `${n.from} → ${n.to}`);
}

/** "… 5 unchanged paragraphs" */
export function gapLabel(count: number): string {
  return tn('gap', count);
}

/** The href for an untrusted URL, or undefined so the page renders plain text instead of a link. */
export function safeHref(url: string | undefined | null): string | undefined {
  return url && isHttpUrl(url) ? url : undefined;
}

export type MetaHeadlineField = keyof MetaHeadlines;
const META_FIELDS: readonly MetaHeadlineField[] = ['title', 'og', 'jsonLd', 'description'];

export interface MetaHeadlineChange {
  field: MetaHeadlineField;
  /** The word diff from the older version's text to the newer one's ('' for none). */
  segments: Segment[];
}

/**
 * The headlines declared for machines (<title>, og:title, JSON-LD, description) that differ between two versions,
 * as word diffs: a changed search-engine headline is shown as exactly that, apart from the visible headline. Versions
 * recorded before Palimpsest kept them have none, and nothing is compared then.
 */
export function metaHeadlineChanges(older: { metaHeadlines?: MetaHeadlines }, newer: { metaHeadlines?: MetaHeadlines }): MetaHeadlineChange[] {
  const a = older.metaHeadlines;
  const b = newer.metaHeadlines;
  if (!a || !b) return [];
  return META_FIELDS.filter((field) => normalizeText(a[field] ?? '') !== normalizeText(b[field] ?? '')).map((field) => ({
    field,
    segments: diffText(a[field] ?? '', b[field] ?? ''),
  }));
}
