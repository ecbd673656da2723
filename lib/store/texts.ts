/**
 * How versions are stored (schema version 4). Consecutive versions of an article share nearly everything, so each
 * distinct text of an article (headline, dek, byline, body paragraph) is stored once in the 'texts' store, keyed
 * [articleKey, ref], and a version lists refs:
 *
 * - refs are short per-article counters in base 36 ("0", "1", … "a", … "10"), allocated in order;
 * - a text that replaces one the article already has (the edited paragraph, the reworded headline) is usually stored
 *   as a delta against it ({ base, ops }, lib/store/delta.ts) rather than whole;
 * - the rest of a version's metadata (URL, dates, language, extractor) rarely changes and is one more shared record
 *   ({ meta }), so an unchanged field costs nothing per version;
 * - the body is one string of refs, each prefixed with its block kind's letter unless a paragraph: "0 1 H2 3".
 *
 * Texts written together (a recorded version's new ones, an imported article's) are one record, a chunk of consecutive
 * refs keyed [articleKey, first ref], so recording an edit writes one text record and importing an article one.
 * Texts are scoped to their article so forgetting an article is one range delete, and pruning only has to look at
 * that article's texts. Everything outside the storage modules (db, history*, export, import-*) sees full
 * VersionRecords with plain-text bodies: resolveVersion turns a stored version back into one.
 */
import { unwrap, type IDBPObjectStore, type StoreNames } from 'idb';
import type { PalimpsestSchema, StoredVersion, TextChunk, TextRecord, VersionMeta, VersionRecord } from './schema';
import type { Block, BlockKind } from '../model/snapshot';
import { applyDelta, deltaSize, makeDelta } from './delta';

type AnyStores = ArrayLike<StoreNames<PalimpsestSchema>>;
export type TextStore = IDBPObjectStore<PalimpsestSchema, AnyStores, 'texts', IDBTransactionMode>;
export type WritableTextStore = IDBPObjectStore<PalimpsestSchema, AnyStores, 'texts', 'readwrite' | 'versionchange'>;

/** Every text of one article: [key, ''] sorts before any [key, ref] and [key, []] after (arrays sort above strings). */
export function textsOf(key: string): IDBKeyRange {
  return IDBKeyRange.bound([key, ''], [key, []]);
}

/** A delta is kept only when it is at most this share of the whole text's stored size. */
const DELTA_MAX_SHARE = 0.6;
/** Longest chain of deltas (a delta of a delta…) before a text is stored whole again, so reading stays cheap. */
const MAX_DEPTH = 8;

/** What a new text may be stored against: texts of the version it replaces, by role. */
export interface Reference {
  headline: string;
  dek: string | null;
  byline: string | null;
  body: readonly Block[];
}

/** The texts one article has stored, resolved, plus the ones added while recording or importing (to be written). */
export class TextIndex {
  /** Stored form of every record, by ref. */
  readonly records = new Map<string, TextRecord>();
  /** ref -> record of records not yet in the store. */
  readonly added = new Map<string, TextRecord>();
  private readonly texts = new Map<string, string>();
  private readonly depths = new Map<string, number>();
  private readonly byText = new Map<string, string>();
  private readonly byMeta = new Map<string, string>();
  private next = 0;

  constructor(
    readonly key: string,
    entries: Iterable<[string, TextRecord]> = [],
  ) {
    for (const [ref, record] of entries) {
      this.records.set(ref, record);
      this.next = Math.max(this.next, parseInt(ref, 36) + 1);
    }
    for (const ref of this.records.keys()) this.resolve(ref, 0);
  }

  /** Resolves (and remembers) a stored record; deltas pull in their base first. */
  private resolve(ref: string, depth: number): void {
    if (this.texts.has(ref) || this.depths.has(ref)) return;
    const record = this.records.get(ref);
    if (!record) return;
    if ('meta' in record) {
      this.depths.set(ref, 0);
      const json = JSON.stringify(record.meta);
      if (!this.byMeta.has(json)) this.byMeta.set(json, ref);
      return;
    }
    let text: string;
    let own = 0;
    if ('text' in record) text = record.text;
    else {
      // A cycle or a missing base is corruption: leave the ref unresolved, so reading it fails loudly.
      if (depth > this.records.size) return;
      this.resolve(record.base, depth + 1);
      const base = this.texts.get(record.base);
      if (base === undefined) return;
      text = applyDelta(base, record.ops);
      own = (this.depths.get(record.base) ?? 0) + 1;
    }
    this.texts.set(ref, text);
    this.depths.set(ref, own);
    if (!this.byText.has(text)) this.byText.set(text, ref);
  }

  /** Refs are allocated above every ref the article has, so the texts added together have consecutive refs. */
  private allocate(record: TextRecord): string {
    const ref = (this.next++).toString(36);
    this.records.set(ref, record);
    this.added.set(ref, record);
    return ref;
  }

  /**
   * The ref of `text`, allocating (and queueing for writing) a new one when the article does not have it yet: as a
   * delta against the closest of `bases` (texts it probably replaced) when that is much smaller, else whole.
   */
  refFor(text: string, bases: readonly string[] = []): string {
    const known = this.byText.get(text);
    if (known !== undefined) return known;
    let best: TextRecord = { text };
    // Characters rather than JSON length: close enough to decide, and free.
    let bestSize = (text.length + 2) * DELTA_MAX_SHARE;
    for (const [i, base] of bases.entries()) {
      if (bases.indexOf(base) !== i) continue;
      const baseRef = this.byText.get(base);
      if (baseRef === undefined || (this.depths.get(baseRef) ?? 0) >= MAX_DEPTH) continue;
      const ops = makeDelta(base, text);
      const size = deltaSize(ops) + baseRef.length;
      if (size < bestSize) {
        best = { base: baseRef, ops };
        bestSize = size;
      }
    }
    const ref = this.allocate(best);
    this.texts.set(ref, text);
    this.depths.set(ref, 'base' in best ? (this.depths.get(best.base) ?? 0) + 1 : 0);
    this.byText.set(text, ref);
    return ref;
  }

  metaRef(meta: VersionMeta): string {
    const json = JSON.stringify(meta);
    const known = this.byMeta.get(json);
    if (known !== undefined) return known;
    const ref = this.allocate({ meta });
    this.depths.set(ref, 0);
    this.byMeta.set(json, ref);
    return ref;
  }

  text(ref: string): string {
    const text = this.texts.get(ref);
    if (text === undefined) throw new Error(`Missing text ${ref} of ${this.key}`);
    return text;
  }

  meta(ref: string): VersionMeta {
    const record = this.records.get(ref);
    if (!record || !('meta' in record)) throw new Error(`Missing metadata ${ref} of ${this.key}`);
    return record.meta;
  }

  /** Refs of every text (not metadata) record, in allocation order where known: what the search index covers. */
  textRefs(): string[] {
    return [...this.records.keys()].filter((ref) => this.texts.has(ref));
  }
}

/** The texts of stored chunks, by ref. */
export function* unchunk(refs: readonly [string, string][], chunks: readonly TextChunk[]): Generator<[string, TextRecord]> {
  for (const [i, [, first]] of refs.entries()) {
    const start = parseInt(first, 36);
    for (const [j, record] of chunks[i]!.entries()) if (record) yield [(start + j).toString(36), record];
  }
}

/**
 * Calls `each` with the key of every article that has texts, in key order, reading keys only. `each` may only await
 * requests of the store's transaction, and may delete or rewrite that article's texts.
 */
export async function forEachArticleWithTexts(store: TextStore, each: (key: string) => Promise<void>): Promise<void> {
  let cursor = await store.openKeyCursor();
  while (cursor) {
    const [key] = cursor.key;
    await each(key);
    // No ref is an array, so this lands on the next article's first text. (idb types the key as the store's key type,
    // [string, string], though IndexedDB takes any key here; no upstream report found.)
    cursor = await cursor.continue([key, []] as unknown as [string, string]);
  }
}

/** Loads every text of one article: two requests, whatever the number of versions. */
export async function readTexts(store: TextStore, key: string): Promise<TextIndex> {
  const range = textsOf(key);
  const [refs, chunks] = await Promise.all([store.getAllKeys(range), store.getAll(range)]);
  return new TextIndex(key, unchunk(refs, chunks));
}

/**
 * The texts allocated since the index was read, as one chunk (its first ref, its records), or null when there are
 * none; the index forgets them, as they are about to be written.
 */
export function takeChunk(texts: TextIndex): [string, TextChunk] | null {
  const [first] = texts.added.keys();
  if (first === undefined) return null;
  const chunk = [...texts.added.values()];
  texts.added.clear();
  return [first, chunk];
}

const KIND_CODES: Record<BlockKind, string> = { p: '', h: 'H', li: 'L', quote: 'Q', pre: 'R' };
const CODE_KINDS: Record<string, BlockKind> = { H: 'h', L: 'li', Q: 'quote', R: 'pre' };

export function encodeBody(blocks: readonly (readonly [BlockKind, string])[]): string {
  return blocks.map(([kind, ref]) => KIND_CODES[kind] + ref).join(' ');
}

export function decodeBody(body: string): [BlockKind, string][] {
  if (body === '') return [];
  return body.split(' ').map((item) => {
    const kind = CODE_KINDS[item[0]!];
    return kind ? [kind, item.slice(1)] : ['p', item];
  });
}

/** Every ref a stored version uses (metadata included). */
export function refsOf(version: StoredVersion): string[] {
  const [meta, headline, dek, byline] = version.fields;
  const refs = [meta, headline];
  if (dek !== null) refs.push(dek);
  if (byline !== null) refs.push(byline);
  for (const [, ref] of decodeBody(version.body)) refs.push(ref);
  return refs;
}

/**
 * Candidate bases for each new body block: the reference block at the same position, and the ones next to where
 * its unchanged neighbours sit in the reference (so an inserted or removed paragraph elsewhere does not misalign).
 */
function bodyBases(body: readonly Block[], reference: readonly Block[] | undefined): string[][] {
  if (!reference || reference.length === 0) return body.map(() => []);
  const at = new Map<string, number>();
  reference.forEach((block, i) => {
    if (!at.has(block.text)) at.set(block.text, i);
  });
  return body.map((_, i) => {
    const bases: string[] = [];
    const add = (j: number | undefined) => {
      const text = j === undefined ? undefined : reference[j]?.text;
      if (text !== undefined) bases.push(text);
    };
    add(i);
    const before = i > 0 ? at.get(body[i - 1]!.text) : undefined;
    if (before !== undefined) add(before + 1);
    const after = i + 1 < body.length ? at.get(body[i + 1]!.text) : undefined;
    if (after !== undefined) add(after - 1);
    return bases;
  });
}

/** A body as stored, allocating refs for texts the article does not have yet (written by writeAdded). */
export function storeBody(body: readonly Block[], texts: TextIndex, reference?: readonly Block[]): string {
  const bases = bodyBases(body, reference);
  return encodeBody(body.map((block, i) => [block.kind, texts.refFor(block.text, bases[i])]));
}

/** The fields of a stored version other than its texts. */
export type VersionFacts = Pick<
  VersionRecord,
  'key' | 'seq' | 'hash' | 'firstSeen' | 'lastSeen' | 'partial' | 'captureCount'
>;

/**
 * A full version as stored, allocating refs for what the article does not have yet. `reference` is the version it
 * most likely replaced (the baseline when recording, the previous one when importing): new texts may be stored as
 * deltas against its texts.
 */
export function toStored(version: VersionRecord, texts: TextIndex, reference?: Reference): StoredVersion {
  const field = (text: string | null, base: string | null | undefined) =>
    text === null ? null : texts.refFor(text, base ? [base] : []);
  return {
    key: version.key,
    seq: version.seq,
    hash: version.hash,
    firstSeen: version.firstSeen,
    lastSeen: version.lastSeen,
    partial: version.partial,
    captureCount: version.captureCount,
    fields: [
      texts.metaRef({
        url: version.url,
        publishedTime: version.publishedTime,
        modifiedTime: version.modifiedTime,
        lang: version.lang,
        ...(version.metaHeadlines ? { metaHeadlines: version.metaHeadlines } : {}),
        extractor: version.extractor,
        ...(version.truncated ? { truncated: true as const } : {}),
      }),
      texts.refFor(version.headline, reference ? [reference.headline] : []),
      field(version.dek, reference?.dek),
      field(version.byline, reference?.byline),
    ],
    body: storeBody(version.body, texts, reference?.body),
    chain: version.chain,
  };
}

/**
 * Queues the texts allocated since the index was read, without a promise each: a failed write aborts the
 * transaction, which whoever awaits its completion sees.
 */
export function writeAdded(store: WritableTextStore, texts: TextIndex): void {
  const chunk = takeChunk(texts);
  if (chunk) unwrap(store).put(chunk[1], [texts.key, chunk[0]]);
}

export function resolveBody(version: StoredVersion, texts: TextIndex): Block[] {
  return decodeBody(version.body).map(([kind, ref]) => ({ kind, text: texts.text(ref) }));
}

/** The full record callers see: the stored version with its texts and metadata filled in. */
export function resolveVersion(version: StoredVersion, texts: TextIndex): VersionRecord {
  const [metaRef, headline, dek, byline] = version.fields;
  const meta = texts.meta(metaRef);
  return {
    key: version.key,
    seq: version.seq,
    hash: version.hash,
    firstSeen: version.firstSeen,
    lastSeen: version.lastSeen,
    url: meta.url,
    headline: texts.text(headline),
    dek: dek === null ? null : texts.text(dek),
    byline: byline === null ? null : texts.text(byline),
    publishedTime: meta.publishedTime,
    modifiedTime: meta.modifiedTime,
    lang: meta.lang,
    ...(meta.metaHeadlines ? { metaHeadlines: { ...meta.metaHeadlines } } : {}),
    body: resolveBody(version, texts),
    extractor: { ...meta.extractor },
    partial: version.partial,
    captureCount: version.captureCount,
    ...(meta.truncated ? { truncated: true as const } : {}),
    chain: version.chain,
  };
}
