/**
 * Fixed work and size limits for capturing a page, so a huge, hostile or never-finished page costs the reader a
 * bounded amount of time and memory and always yields either a snapshot that fits the background's message caps
 * (CAPS below, enforced by lib/protocol/schema.ts) or a note saying why it was skipped. A page can never make us send something the
 * background would reject for its size.
 */
import type { Block, PageCapture } from './snapshot';

/** Sizes of what crosses into the background; SnapshotSchema and MessageSchema (lib/protocol/schema.ts) enforce them. */
export const CAPS = {
  shortText: 2_000,
  blockText: 100_000,
  blocks: 5_000,
  /** Total body characters: a long read is ~100k; a 10 MB page is cut before it gets here. */
  bodyChars: 2_000_000,
  url: 4_096,
  key: 2_048,
  importBytes: 512 * 1024 * 1024,
  /**
   * Characters of an import file per message: the file goes to the background in chunks (Chrome refuses a message
   * over 64 MiB); 1 Mi characters is at most a few MiB however the text is encoded.
   */
  importChunk: 1024 * 1024,
} as const;

/** Distinct URLs kept per article, most recent last. */
export const MAX_URLS = 20;

/**
 * New versions one article may gain in any rolling hour (issue 15, item 2). A page that rewrites itself every few
 * seconds (or pushState()s new text) would otherwise store a version per capture without end; past the bound a capture
 * that would add a version is dropped, never stored, and counted. A busy live blog reloaded every five minutes
 * stays well below it.
 */
export const FLOOD = { versionsPerHour: 20, windowMs: 3_600_000 } as const;

export const LIMITS = {
  /**
   * Readability walks every element several times; past this many elements in the page we do not try at all (its
   * parse() throws "Aborting parsing document" rather than return). Real articles, comments included, stay well
   * below 10,000.
   */
  maxElemsToParse: 30_000,
  /** How long the text must stay still before capture (lib/capture/settle.ts). */
  settleQuietMs: 500,
  /** A page that never stops changing is captured as it is after this long. */
  settleMaxMs: 5_000,
} as const;

/** Why a page was not captured, for the page status and the console. */
export type SkipReason = 'not-article' | 'too-many-elements' | 'url-too-long';

export interface Skipped {
  reason: SkipReason;
  note: string;
}

/**
 * Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair, so the kept text is still valid
 * Unicode.
 */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

export function capNullable(text: string | null, max: number): string | null {
  return text === null ? null : capText(text, max);
}

/**
 * The first blocks of `body` that fit CAPS.blocks blocks and CAPS.bodyChars characters, each block cut to
 * CAPS.blockText. `truncated` says something was left out, so the reader can be told the stored copy is incomplete.
 */
export function capBody(body: readonly Block[]): { body: Block[]; truncated: boolean } {
  const kept: Block[] = [];
  let chars = 0;
  let truncated = false;
  for (const block of body) {
    if (kept.length >= CAPS.blocks || chars >= CAPS.bodyChars) {
      truncated = true;
      break;
    }
    const room = Math.min(CAPS.blockText, CAPS.bodyChars - chars);
    const text = capText(block.text, room);
    if (text.length < block.text.length) truncated = true;
    if (text === '') break;
    kept.push(text === block.text ? block : { kind: block.kind, text });
    chars += text.length;
  }
  return { body: kept, truncated };
}

/**
 * The snapshot cut to fit every cap of SnapshotSchema: short fields shortened, an oversized canonical URL dropped,
 * the body capped (and flagged). A URL or key too long to store cannot be shortened without changing which
 * article it names, so such pages are skipped.
 */
export function fitSnapshot<T extends PageCapture & { key?: string }>(snapshot: T): T | Skipped {
  if (snapshot.url.length > CAPS.url || (snapshot.key?.length ?? 0) > CAPS.key) {
    return { reason: 'url-too-long', note: `URL longer than ${CAPS.url} characters: not recorded` };
  }
  const { body, truncated } = capBody(snapshot.body);
  const short = (text: string | null) => capNullable(text, CAPS.shortText);
  const fitted: T = {
    ...snapshot,
    // articleKey ignores a declared URL this long, so dropping it changes no key.
    canonicalUrl: snapshot.canonicalUrl !== null && snapshot.canonicalUrl.length > CAPS.url ? null : snapshot.canonicalUrl,
    ...(snapshot.ogUrl === undefined ? {} : { ogUrl: (snapshot.ogUrl?.length ?? 0) > CAPS.url ? null : snapshot.ogUrl }),
    siteName: short(snapshot.siteName),
    headline: capText(snapshot.headline, CAPS.shortText),
    dek: short(snapshot.dek),
    byline: short(snapshot.byline),
    publishedTime: short(snapshot.publishedTime),
    modifiedTime: short(snapshot.modifiedTime),
    lang: snapshot.lang !== null && snapshot.lang.length > 64 ? null : snapshot.lang,
    body,
  };
  const meta = snapshot.metaHeadlines;
  if (meta) {
    fitted.metaHeadlines = { title: short(meta.title), og: short(meta.og), jsonLd: short(meta.jsonLd), description: short(meta.description) };
  }
  if (truncated || snapshot.truncated) fitted.truncated = true;
  return fitted;
}

export function isSkipped<T extends object>(value: T | Skipped): value is Skipped {
  return 'reason' in value && 'note' in value;
}

/** Pages with more elements than Readability may parse; counted without cloning anything. */
export function tooManyElements(doc: Document, max: number = LIMITS.maxElemsToParse): Skipped | null {
  const count = doc.getElementsByTagName('*').length;
  if (count <= max) return null;
  return {
    reason: 'too-many-elements',
    note: `Page too large to read: ${count.toLocaleString('en')} elements (limit ${max.toLocaleString('en')})`,
  };
}
