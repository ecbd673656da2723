/**
 * Pure comparisons between a new capture and the version the reader saw last: is the capture merely incomplete, and
 * is a live blog only growing? Kept apart from the storage code so the rules can be read and tested on their own.
 * Everything here works on the normalised, furniture-free form from lib/model/normalize.ts, the same form the hash covers.
 */
import { comparableBody, normalizeText, type HashedContent } from '../model/normalize';

/** A capture with less than this share of the baseline's words may be incomplete… */
export const PARTIAL_MAX_WORD_RATIO = 0.6;
/** …and is, if at least this share of its blocks repeat the baseline's from the start. */
export const PARTIAL_MIN_PREFIX_RATIO = 0.8;

export interface Comparable {
  headline: string;
  dek: string;
  byline: string;
  blocks: string[];
}

/** The normalised fields, exactly as canonicalContent hashes them. */
export function comparable(content: HashedContent): Comparable {
  return {
    headline: normalizeText(content.headline),
    dek: normalizeText(content.dek ?? ''),
    byline: normalizeText(content.byline ?? ''),
    blocks: comparableBody(content.body),
  };
}

/**
 * Same content in comparable form. The recorder asks this as well as comparing hashes, so a version stored under an
 * older normaliser (whose hash differs for the same text) is never reported as an edit.
 */
export function sameContent(a: Comparable, b: Comparable): boolean {
  return (
    a.headline === b.headline &&
    a.dek === b.dek &&
    a.byline === b.byline &&
    a.blocks.length === b.blocks.length &&
    a.blocks.every((block, i) => block === b.blocks[i])
  );
}

export function wordCount(blocks: readonly string[]): number {
  let words = 0;
  for (const block of blocks) if (block !== '') words += block.split(' ').length;
  return words;
}

// A cut-off paragraph often ends in an ellipsis the full text does not have.
function withoutEllipsis(text: string): string {
  return text.replace(/\s*(\.\.\.|…)\s*$/, '');
}

/**
 * True when `next` looks like the start of `baseline` rather than an edit of it: a teaser, a paywalled page or a
 * page captured before it finished loading. Positional matching (not search) because such captures are cut off at
 * the end; the last block may itself be cut mid-sentence. An empty body counts as incomplete: a failed extraction
 * must not read as "everything was deleted".
 */
export function looksPartial(next: readonly string[], baseline: readonly string[]): boolean {
  if (wordCount(next) >= PARTIAL_MAX_WORD_RATIO * wordCount(baseline)) return false;
  let matching = 0;
  next.forEach((block, i) => {
    const seen = baseline[i];
    if (seen === undefined) return;
    if (block === seen) matching++;
    else if (i === next.length - 1) {
      const start = withoutEllipsis(block);
      if (start !== '' && seen.startsWith(start)) matching++;
    }
  });
  return matching >= PARTIAL_MIN_PREFIX_RATIO * next.length;
}

/**
 * For a live blog: the number of new entries when every entry the reader already saw is still there, unedited and
 * in order (new ones may appear anywhere, usually on top) and the headline, dek and byline are unchanged; null when
 * anything seen was edited or removed, which is a real change.
 */
export function liveBlogNewEntries(next: Comparable, baseline: Comparable): number | null {
  if (next.headline !== baseline.headline || next.dek !== baseline.dek || next.byline !== baseline.byline) {
    return null;
  }
  let found = 0;
  for (const block of next.blocks) {
    if (found < baseline.blocks.length && block === baseline.blocks[found]) found++;
  }
  return found === baseline.blocks.length ? next.blocks.length - baseline.blocks.length : null;
}
