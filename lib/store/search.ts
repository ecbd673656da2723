/**
 * Full-text search over the stored history, through the 'search' store: one record per article holding the
 * searchable() form (lib/model/normalize.ts) of every distinct headline, dek, byline and body text the article has
 * stored, so a search reads one string per article and never normalises at query time. The index is rebuilt for an
 * article from its texts whenever they change: by recordSnapshot, importHistory, pruneBefore and migration 4 (and
 * migration 5 rebuilt every article's when searchable() changed); deleteArticle and clearAll drop it with the rest.
 *
 * The semantics are those of a full scan: an article matches when the searchable() form of any stored version's
 * headline, dek, byline or one body block contains the needle. Nothing is approximated (no word index, so no
 * fallback scan and no false positives to filter); the trade-off is size: each text's searchable form is kept next
 * to it. That stays small per version because texts stored as deltas (lib/store/delta.ts) are indexed as deltas too:
 * an edited paragraph adds the inserted words to the index, not the whole paragraph again.
 *
 * A record is one string, because reading one string per article is far cheaper than reading an object:
 *
 *   JSON [[ref, baseRef, ...ops] per delta, [ref per whole text]]  HEAD_END  text  SEP  text  SEP …  window  SEP …
 *
 * where the texts are the whole ones, in the order of their refs, and the windows the stretches around each edit of
 * the texts indexed as deltas (CONTEXT below).
 * HEAD_END and SEP are combining marks, which searchable() always removes: they never occur in an indexed text or in
 * a needle, so a match found after HEAD_END is always inside one text.
 */
import type { PalimpsestDB } from './schema';
import { applyDelta, makeDelta, type DeltaOp } from './delta';
import type { TextIndex } from './texts';
import { fold, searchable } from '../model/normalize';

const HEAD_END = '\u0301';
const SEP = '\u0300';
const READ_CHUNK = 1000;

type SearchDelta = [ref: string, base: string, ...ops: DeltaOp[]];
type SearchHead = [deltas: SearchDelta[], whole: string[]];

/**
 * Characters of context kept on each side of every edit of a text indexed as a delta. A needle of up to CONTEXT + 1
 * characters that occurs in such a text either lies inside what it copied from its base (and is found there) or
 * lies inside one of these windows; longer needles rebuild the text.
 */
export const CONTEXT = 32;

/**
 * The search record of an article from all its texts. Texts stored as deltas are indexed as deltas of their base's
 * searchable form, in an order where every base comes before the deltas built on it, plus a window around each of
 * their edits.
 */
export function searchRecord(texts: TextIndex): string {
  const folded = new Map<string, string>();
  const deltas: SearchDelta[] = [];
  const whole: string[] = [];
  const parts: string[] = [];
  const windows: string[] = [];
  const visit = (ref: string): string => {
    const done = folded.get(ref);
    if (done !== undefined) return done;
    const record = texts.records.get(ref)!;
    const form = fold(texts.text(ref));
    if ('base' in record && texts.records.has(record.base)) {
      const ops = makeDelta(visit(record.base), form);
      deltas.push([ref, record.base, ...ops]);
      windows.push(...editWindows(form, ops));
    } else {
      whole.push(ref);
      parts.push(form);
    }
    folded.set(ref, form);
    return form;
  };
  for (const ref of texts.textRefs()) visit(ref);
  const head: SearchHead = [deltas, whole];
  return JSON.stringify(head) + HEAD_END + [...parts, ...windows].join(SEP);
}

/** The stretches of `text` (the result of `ops`) around each edit, CONTEXT characters wide on each side, merged. */
function editWindows(text: string, ops: readonly DeltaOp[]): string[] {
  const spans: [number, number][] = [];
  let at = 0;
  for (const op of ops) {
    if (typeof op === 'number' && op > 0) {
      at += op;
      continue;
    }
    const end = typeof op === 'string' ? at + op.length : at;
    const from = Math.max(0, at - CONTEXT);
    const to = Math.min(text.length, end + CONTEXT);
    const last = spans.at(-1);
    if (last && from <= last[1]) last[1] = to;
    else spans.push([from, to]);
    at = end;
  }
  return spans.map(([from, to]) => text.slice(from, to));
}

/** Whether an article's search record has `needle` (already in searchable() form) in one of its texts. */
export function recordHas(record: string, needle: string): boolean {
  const headEnd = record.indexOf(HEAD_END);
  if (headEnd < 0) return false;
  if (record.indexOf(needle, headEnd + 1) >= 0) return true;
  // Texts stored as deltas are rebuilt only for needles their windows cannot vouch for.
  if (needle.length <= CONTEXT + 1 || record.startsWith('[[]')) return false;
  const [deltas, whole] = JSON.parse(record.slice(0, headEnd)) as SearchHead;
  const parts = record.slice(headEnd + 1).split(SEP);
  const forms = new Map(whole.map((ref, i) => [ref, parts[i] ?? '']));
  for (const [ref, base, ...ops] of deltas) {
    const baseForm = forms.get(base);
    if (baseForm === undefined) continue;
    const form = applyDelta(baseForm, ops);
    if (form.includes(needle)) return true;
    forms.set(ref, form);
  }
  return false;
}

/**
 * Keys of articles whose stored text (any version's headline, dek, byline or body) contains `text`, compared in
 * searchable() form. Reads the search index in chunks and stops early when `signal` aborts, which happens as soon as
 * the reader types again.
 */
export async function keysWithText(db: PalimpsestDB, text: string, signal?: AbortSignal): Promise<Set<string>> {
  const needle = searchable(text.trim());
  const hits = new Set<string>();
  if (needle === '') return hits;
  const store = db.transaction('search', 'readonly').store;
  let after: string | null = null;
  while (!signal?.aborted) {
    const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
    const [keys, records]: [string[], string[]] = await Promise.all([
      store.getAllKeys(range, READ_CHUNK),
      store.getAll(range, READ_CHUNK),
    ]);
    keys.forEach((key, i) => {
      if (recordHas(records[i]!, needle)) hits.add(key);
    });
    if (keys.length < READ_CHUNK) break;
    after = keys[keys.length - 1]!;
  }
  return hits;
}
