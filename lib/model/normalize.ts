/**
 * Text normalisation for comparison. What the reader sees stays as published; what we compare and hash is the
 * normalised form, so invisible differences (spacing, quote style, soft hyphens, Unicode composition) and page
 * furniture that changes between visits ("Updated 5 minutes ago", "Advertisement") never count as edits.
 */
import type { Block, Snapshot } from './snapshot';

// Zero-width characters, soft hyphen and the BOM carry no visible text: display drops them.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// For comparison, every format character (Unicode category Cf) goes: the above plus the bidi marks and embeddings
// (LRM, RLM, ALM, LRE…PDI) that publishers' editors insert or drop without changing what the reader sees.
const FORMAT = /\p{Cf}/gu;
// Every Unicode space separator, tabs and line breaks.
const SPACES = /[\s\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
const QUOTES: [RegExp, string][] = [
  [/[\u2018\u2019\u201A\u201B\u2032\u00B4\u0060]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2039\u203A]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
];

// Printable ASCII with single spaces, nothing at either end and no backtick (a quote style) is already normal.
const NOT_PLAIN = /[^\x21-\x5f\x61-\x7e ]| {2}|^ | $/;
// Text made only of characters from tab to U+02FF or in General Punctuation is unchanged by NFC (no combining marks;
// the two singletons there, U+2000 and U+2001, are spaces anyway), so the costly normalize() is skipped.
const MAY_NEED_NFC = /[^\t-\u02ff\u2000-\u206f]/;

/**
 * Canonical comparable form of a piece of text: the one form extraction, the version hash, the diff and the
 * recorder compare texts in. Unicode composition, whitespace flavours (non-breaking spaces included), format
 * characters and quote and dash styles never count as edits. Idempotent; never shown to the reader.
 */
export function normalizeText(text: string): string {
  if (!NOT_PLAIN.test(text)) return text;
  let s = (MAY_NEED_NFC.test(text) ? text.normalize('NFC') : text).replace(FORMAT, '');
  for (const [re, to] of QUOTES) s = s.replace(re, to);
  return s.replace(SPACES, ' ').trim();
}

/** Published text tidied for display: whitespace collapsed, nothing else touched. */
export function tidyText(text: string): string {
  return text.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

// Page furniture, recognised by general shape rather than per-site selectors. Each rule only applies to short
// blocks: a real paragraph that happens to start with "Updated" is long and is kept.
const FURNITURE_MAX_WORDS = 12;
/** A relative time ("5 minutes ago", "il y a 2 heures"): what page furniture says, and changes on every visit. */
export const RELATIVE_TIME =
  /\b\d+\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|mo|months?)\s+ago\b|\b(just now|moments? ago|yesterday|today)\b|\b(il y a|hace|há|vor)\s+\d+/i;
const TIMESTAMP_LINE =
  /^(last\s+)?(updated|modified|published|posted|edited|mis à jour|publié|actualizado|atualizado|aktualisiert|aktualizováno)\b/i;
const CALL_TO_ACTION =
  /^(advertisement|advertising|sponsored( content)?|ad|anzeige|publicité|publicidad|reklama|share( this)?( article| story| on \w+)?|share|tweet|email|print|copy link|save( article)?|comments?|read more|see more|show more|load more|continue reading|most (read|popular|viewed)|related( (articles|stories|content|topics))?|recommended( for you)?|you may also like|sign up|subscribe( now)?|follow us( on \w+)?|skip (to )?(main )?content|image|photo|video|listen( to (this|the) article)?|click here)\b[\s.:!]*$/i;
// Comment/share counters: "(12)", "345 comments". A bare number is not furniture: it may be a figure in the story.
const COUNT_LINE =
  /^(\(\d[\d.,]*\)|\d[\d.,\s]*(k\s*)?(comments?|replies|shares?|likes?|views?|reactions?|kommentare|commentaires|comentarios|comentários|komentář\w*))$/i;

/** True when a block is page furniture rather than story. Works on normalised text. */
export function isFurniture(normalized: string): boolean {
  if (normalized === '') return true;
  const words = normalized.split(' ').length;
  if (words > FURNITURE_MAX_WORDS) return false;
  if (COUNT_LINE.test(normalized)) return true;
  if (CALL_TO_ACTION.test(normalized)) return true;
  if (TIMESTAMP_LINE.test(normalized) && (/\d/.test(normalized) || RELATIVE_TIME.test(normalized))) return true;
  // A short line that is nothing but a relative time ("5 minutes ago", "Updated: 2 hours ago").
  return words <= 6 && RELATIVE_TIME.test(normalized);
}

/** The story blocks in comparable form: normalised, furniture dropped. */
export function comparableBody(body: readonly Block[]): string[] {
  const out: string[] = [];
  for (const block of body) {
    const text = normalizeText(block.text);
    if (!isFurniture(text)) out.push(text);
  }
  return out;
}

export type HashedContent = Pick<Snapshot, 'headline' | 'dek' | 'byline' | 'body'>;

/** The serialisation a version's identity is computed from. Unambiguous: JSON of the normalised fields. */
export function canonicalContent(content: HashedContent): string {
  return JSON.stringify([
    normalizeText(content.headline),
    normalizeText(content.dek ?? ''),
    normalizeText(content.byline ?? ''),
    comparableBody(content.body),
  ]);
}

/** SHA-256 (hex) of the normalised content: a version's identity. */
export async function contentHash(content: HashedContent): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalContent(content));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Case and accents folded: NFD, combining marks dropped, lower case. */
function foldCaseAndAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The search form: the comparable form (normalizeText: quote and dash styles, spaces, format characters) folded for
 * case and accents, so "Zurich" finds "Zürich" and a straight quote finds a curly one. Applied to stored texts and to
 * what the reader types alike (lib/store/search.ts keeps an index of it).
 */
export function searchable(text: string): string {
  return foldCaseAndAccents(normalizeText(text));
}

/**
 * Characters from tab to U+00BF and U+2010–U+2027 (dashes, quotes, ellipsis): normalizeText maps them into the same
 * set without NFC, and in it nothing decomposes under NFD and nothing is a combining mark, so their searchable() form
 * is their normalised form in lower case. Most English text stays inside these, so the index is built with
 * normalizeText's fast path and one toLowerCase instead of two Unicode normalisations.
 */
const PLAIN = /^[\t-\u00bf\u2010-\u2027]*$/;

/** searchable(text), faster on the common case; identical output (tests/unit/store-search.test.ts). */
export function fold(text: string): string {
  return PLAIN.test(text) ? normalizeText(text).toLowerCase() : searchable(text);
}
