/**
 * The evidence chain (issue 18, docs/evidence.md): every version of an article gets a SHA-256 over a canonical
 * serialisation of what the reader saw and of the previous version's chain hash, so an article's versions form a
 * chain in which altering, removing, inserting or reordering a version shows. Synchronous (@noble/hashes), because
 * the hash of a new version depends on its predecessor, read inside the recording transaction, and an await on
 * crypto.subtle there would let IndexedDB commit half-way; the same code runs in the standalone verifier in Node.
 */
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Block, Snapshot } from './snapshot';

/** Identifies this serialisation; a future change of what is hashed gets a new number and keeps verifying old ones. */
export const CHAIN_VERSION = 1;

/**
 * What a version's chain hash covers: the facts fixed when it was first captured, as the capture (Snapshot) had them,
 * with its seq and its first capture time (epoch milliseconds, serialised as ISO-8601 UTC, as the export writes it).
 */
export type ChainedFacts = Pick<
  Snapshot,
  'key' | 'url' | 'headline' | 'dek' | 'byline' | 'publishedTime' | 'modifiedTime' | 'lang' | 'metaHeadlines' | 'extractor' | 'truncated'
> & { seq: number; firstSeen: number; body: readonly Block[] };

/** A version's place in its article's chain. */
export interface ChainLink {
  /** The chain hash of the version before it in seq order; null for the first. */
  prev: string | null;
  /** SHA-256 (hex) of the canonical serialisation of the version's facts and `prev`. */
  hash: string;
  /**
   * Set when the link was computed after the capture (a migration of a history recorded before the chain existed, or
   * an import that placed versions among existing ones): when, in epoch milliseconds. The chain then proves the
   * history unchanged since that time, not since the capture.
   */
  chainedAt?: number;
}

/** A version removed by retention: its link stays, so the chain still joins across the gap. */
export interface PrunedLink {
  seq: number;
  prev: string | null;
  hash: string;
}

/** Strings as UTF-8 encodes them: a lone surrogate (which canonical JSON refuses) becomes U+FFFD. */
function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}
const maybe = (text: string | null): string | null => (text === null ? null : wellFormed(text));

/**
 * The canonical serialisation (RFC 8785, JSON Canonicalization Scheme) of a version's facts and its predecessor's
 * hash. Absent optional fields are written as null, so adding one later never changes an old version's hash.
 */
export function chainDocument(facts: ChainedFacts, prev: string | null): string {
  const meta = facts.metaHeadlines;
  const document = {
    chain: CHAIN_VERSION,
    key: wellFormed(facts.key),
    seq: facts.seq,
    prev,
    firstSeen: new Date(facts.firstSeen).toISOString(),
    url: wellFormed(facts.url),
    headline: wellFormed(facts.headline),
    dek: maybe(facts.dek),
    byline: maybe(facts.byline),
    publishedTime: maybe(facts.publishedTime),
    modifiedTime: maybe(facts.modifiedTime),
    lang: maybe(facts.lang),
    metaHeadlines: meta
      ? { title: maybe(meta.title), og: maybe(meta.og), jsonLd: maybe(meta.jsonLd), description: maybe(meta.description) }
      : null,
    body: facts.body.map((block) => ({ kind: block.kind, text: wellFormed(block.text) })),
    extractor: { name: wellFormed(facts.extractor.name), version: wellFormed(facts.extractor.version), rules: facts.extractor.rules },
    truncated: facts.truncated === true,
  };
  return canonicalize(document) as string;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The chain hash of a version whose predecessor's chain hash is `prev`. */
export function chainHash(facts: ChainedFacts, prev: string | null): string {
  return sha256Hex(chainDocument(facts, prev));
}

/** The link of a version: its predecessor's hash and its own. */
export function linkOf(facts: ChainedFacts, prev: string | null, chainedAt?: number): ChainLink {
  return { prev, hash: chainHash(facts, prev), ...(chainedAt === undefined ? {} : { chainedAt }) };
}

/**
 * Links an article's versions in seq order from `prev` on. A version whose link is already right keeps it (with its
 * chainedAt); any other gets a new link marked chained at `now`. Pruned links take their place in seq order and are
 * kept as they are: their text is gone, so only their hashes join the chain. Returns the links by seq.
 */
export function relink(
  versions: readonly (ChainedFacts & { chain?: ChainLink })[],
  pruned: readonly PrunedLink[],
  now: number,
): Map<number, ChainLink> {
  type Item = { seq: number; version: ChainedFacts & { chain?: ChainLink } } | { seq: number; pruned: PrunedLink };
  const items: Item[] = [...versions.map((v) => ({ seq: v.seq, version: v })), ...pruned.map((p) => ({ seq: p.seq, pruned: p }))];
  items.sort((a, b) => a.seq - b.seq);
  const links = new Map<number, ChainLink>();
  let prev: string | null = null;
  for (const item of items) {
    if ('pruned' in item) {
      prev = item.pruned.hash;
      continue;
    }
    const { version } = item;
    const hash = chainHash(version, prev);
    const kept = version.chain && version.chain.prev === prev && version.chain.hash === hash;
    links.set(version.seq, kept ? version.chain! : { prev, hash, chainedAt: now });
    prev = hash;
  }
  return links;
}

/** The chain head: the hash of the last link in seq order (a pruned one included), or null for no versions. */
export function chainHead(links: readonly { seq: number; hash: string }[]): string | null {
  let head: { seq: number; hash: string } | null = null;
  for (const link of links) if (!head || link.seq > head.seq) head = link;
  return head?.hash ?? null;
}
