/**
 * Content-addressed storage of body blocks. Most edits change a sentence or two, so consecutive versions of an
 * article share nearly all their paragraphs; each distinct paragraph text is stored once per article in the 'texts'
 * store, and a version lists its blocks as [kind, ref] pairs. Texts are scoped to their article (key [articleKey,
 * ref]) so forgetting an article is one range delete, and pruning only has to look at that article's texts.
 *
 * Everything outside the storage modules (db, history*, export, import-*) sees full VersionRecords with plain-text
 * bodies: resolveVersion turns a stored version back into one.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { PalimpsestSchema, StoredBlock, StoredVersion, VersionRecord } from './db';
import type { Block } from './snapshot';

type AnyStores = ArrayLike<StoreNames<PalimpsestSchema>>;
export type TextStore = IDBPObjectStore<PalimpsestSchema, AnyStores, 'texts', IDBTransactionMode>;
export type WritableTextStore = IDBPObjectStore<PalimpsestSchema, AnyStores, 'texts', 'readwrite' | 'versionchange'>;

/**
 * Short, synchronous hash of a block's text (32-bit FNV-1a, base 36, at most 7 characters). Synchronous so it can be
 * used inside a transaction and a migration. Collisions are possible and handled: a ref names whatever text is
 * stored under it, and a second text with the same hash gets a suffixed ref (see TextIndex.refFor).
 */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Every text of one article: [key, ''] sorts before any [key, ref] and [key, []] after (arrays sort above strings). */
export function textsOf(key: string): IDBKeyRange {
  return IDBKeyRange.bound([key, ''], [key, []]);
}

/** The texts one article has stored, both ways round, plus the ones added while recording (still to be written). */
export class TextIndex {
  readonly byRef = new Map<string, string>();
  readonly byText = new Map<string, string>();
  /** ref -> text of texts not yet in the store. */
  readonly added = new Map<string, string>();

  constructor(entries: Iterable<[string, string]> = []) {
    for (const [ref, text] of entries) this.remember(ref, text);
  }

  private remember(ref: string, text: string): void {
    this.byRef.set(ref, text);
    if (!this.byText.has(text)) this.byText.set(text, ref);
  }

  /** The ref of `text`, allocating (and queueing for writing) a new one when the article does not have it yet. */
  refFor(text: string): string {
    const known = this.byText.get(text);
    if (known !== undefined) return known;
    const hash = textHash(text);
    let ref = hash;
    for (let n = 1; this.byRef.has(ref); n++) ref = `${hash}.${n}`;
    this.remember(ref, text);
    this.added.set(ref, text);
    return ref;
  }

  text(ref: string, key: string): string {
    const text = this.byRef.get(ref);
    if (text === undefined) throw new Error(`Missing text ${ref} of ${key}`);
    return text;
  }
}

/** Loads every text of one article: two requests, whatever the number of versions. */
export async function readTexts(store: TextStore, key: string): Promise<TextIndex> {
  const range = textsOf(key);
  const [refs, values] = await Promise.all([store.getAllKeys(range), store.getAll(range)]);
  return new TextIndex(refs.map(([, ref], i) => [ref, values[i]!.text]));
}

/** A body as stored, allocating refs for texts the article does not have yet (written by writeAdded). */
export function storeBody(body: readonly Block[], texts: TextIndex): StoredBlock[] {
  return body.map((block) => [block.kind, texts.refFor(block.text)]);
}

export function toStored(version: VersionRecord, texts: TextIndex): StoredVersion {
  return { ...version, body: storeBody(version.body, texts) };
}

/** Writes the texts allocated since the index was read. Awaits only IndexedDB requests. */
export async function writeAdded(store: WritableTextStore, key: string, texts: TextIndex): Promise<void> {
  await Promise.all([...texts.added].map(([ref, text]) => store.put({ text }, [key, ref])));
  texts.added.clear();
}

export function resolveBody(version: StoredVersion, texts: TextIndex): Block[] {
  return version.body.map(([kind, ref]) => ({ kind, text: texts.text(ref, version.key) }));
}

/** The full record callers see: the stored version with its body's texts filled in. */
export function resolveVersion(version: StoredVersion, texts: TextIndex): VersionRecord {
  return { ...version, body: resolveBody(version, texts) };
}
