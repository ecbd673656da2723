/**
 * The IndexedDB schema that holds every distinct version of the articles a reader opened, and the migrations that
 * build it. There is exactly one schema module so the version number, the record types and the upgrade path can
 * never disagree: DB_VERSION is the number of migrations, and opening applies the missing ones in order.
 */
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { OutcomeKind, RecordOutcome } from './history';
import type { Block, BlockKind, Extractor } from './snapshot';
import type { DeltaOp } from './store-delta';
import { searchRecord } from './store-search';
import { takeChunk, TextIndex, textsOf, toStored, type Reference } from './store-texts';

export const DB_NAME = 'palimpsest';

/** The version the reader last saw in full: what the next capture is compared against. */
export interface Baseline {
  seq: number;
  /** Time of the last non-partial visit, i.e. the visit that showed `seq`. */
  visit: number;
  /** Time of the first visit of the current run of visits that showed `seq` ("unchanged since"). */
  since: number;
}

export interface ArticleRecord {
  key: string;
  /** Distinct visited URLs, most recent last, capped at 20 (MAX_URLS in history.ts). */
  urls: string[];
  siteName: string | null;
  /** Headline of the latest complete version. */
  headline: string;
  liveBlog: boolean;
  firstSeen: number;
  lastVisit: number;
  /** Highest seq allocated; new versions take latestSeq + 1 (partial versions included, so seqs never collide). */
  latestSeq: number;
  versionCount: number;
  /**
   * Seq of the version shown on the previous non-partial visit. Kept here rather than found by walking visits so it
   * survives retention pruning and costs one read.
   */
  baseline: Baseline;
  /** Whether the last visit saw a change (and what kind), for the toolbar badge. */
  lastOutcome: OutcomeKind;
}

export interface VersionRecord {
  key: string;
  /** 1, 2, 3… in order of first capture. */
  seq: number;
  /** contentHash of headline/dek/byline/body: the version's identity. */
  hash: string;
  firstSeen: number;
  lastSeen: number;
  /** URL of the capture that created this version. */
  url: string;
  headline: string;
  dek: string | null;
  byline: string | null;
  publishedTime: string | null;
  modifiedTime: string | null;
  lang: string | null;
  body: Block[];
  extractor: Extractor;
  /** An incomplete capture (teaser, paywall, page still loading): never shown as an edit. */
  partial: boolean;
  captureCount: number;
  /** The page was larger than the caps (lib/limits.ts): only its beginning was kept. */
  truncated?: true;
}

/**
 * A version as the versions store holds it (schema version 4, lib/store-texts.ts): its own facts, and refs into the
 * article's texts for everything else. Read helpers resolve it back into a VersionRecord.
 */
export interface StoredVersion {
  key: string;
  seq: number;
  hash: string;
  firstSeen: number;
  lastSeen: number;
  partial: boolean;
  captureCount: number;
  /** Refs of the version's metadata record, headline, dek and byline. */
  fields: [meta: string, headline: string, dek: string | null, byline: string | null];
  /** Body blocks as space-separated refs, each prefixed with its kind's letter unless a paragraph: "0 1 H2 3". */
  body: string;
}

/** The per-capture facts of a version that are neither its identity nor its text. */
export type VersionMeta = Pick<VersionRecord, 'url' | 'publishedTime' | 'modifiedTime' | 'lang' | 'extractor' | 'truncated'>;

/**
 * One of an article's texts: a text stored whole, a text stored as a delta against another of the article's texts
 * (lib/store-delta.ts), or a version's metadata.
 */
export type TextRecord = { text: string } | { base: string; ops: DeltaOp[] } | { meta: VersionMeta };

/**
 * A record of the texts store, keyed [articleKey, ref]: the texts with consecutive refs from `ref` on, as written
 * together (one chunk per recorded version or imported article). null marks a text pruning removed.
 */
export type TextChunk = (TextRecord | null)[];

/** Schema version 3's body block: its kind and the ref of its text (a short hash) among the article's texts. */
type V3Block = [kind: BlockKind, ref: string];
/** Schema version 3's version record: every field inline, the body as [kind, ref] pairs into { text } records. */
interface V3Version extends Omit<VersionRecord, 'body'> {
  body: V3Block[];
}

export interface VisitRecord {
  id?: number;
  key: string;
  time: number;
  /** The version this visit saw. */
  seq: number;
  /** Unique per capture, so a retried write is recognised and not recorded twice. */
  captureId: string;
  partial: boolean;
  /** What recordSnapshot answered for this visit, so a retry can answer the same. */
  outcome: RecordOutcome;
}

export interface PalimpsestSchema extends DBSchema {
  articles: {
    key: string;
    value: ArticleRecord;
    indexes: { lastVisit: number; siteName: string };
  };
  versions: {
    key: [string, number];
    value: StoredVersion;
    indexes: { byHash: [string, string] };
  };
  texts: {
    key: [string, string];
    value: TextChunk;
  };
  /** One string per article: the search index of lib/store-search.ts. */
  search: {
    key: string;
    value: string;
  };
  visits: {
    key: number;
    value: VisitRecord;
    indexes: { byKey: [string, number]; byCapture: string };
  };
}

export type PalimpsestDB = IDBPDatabase<PalimpsestSchema>;
export type UpgradeTransaction = IDBPTransaction<
  PalimpsestSchema,
  StoreNames<PalimpsestSchema>[],
  'versionchange'
>;
export type Migration = (db: PalimpsestDB, tx: UpgradeTransaction) => void;

/**
 * migrations[n] upgrades a database from version n to n + 1. Never edit one that has shipped: readers' databases
 * already ran it. Add a new one instead.
 */
export const migrations: readonly Migration[] = [
  // 1: the three stores.
  (db) => {
    const articles = db.createObjectStore('articles', { keyPath: 'key' });
    articles.createIndex('lastVisit', 'lastVisit');
    const versions = db.createObjectStore('versions', { keyPath: ['key', 'seq'] });
    // Unique so two overlapping captures can never store the same content twice for one article.
    versions.createIndex('byHash', ['key', 'hash'], { unique: true });
    const visits = db.createObjectStore('visits', { keyPath: 'id', autoIncrement: true });
    visits.createIndex('byKey', ['key', 'time']);
  },
  // 2: browse by site; recognise retried captures.
  (_db, tx) => {
    // Articles without a site name (null is not a valid key) are simply left out of this index.
    tx.objectStore('articles').createIndex('siteName', 'siteName');
    // Version 1 only ever had one visit per captureId, so building a unique index cannot fail on existing data.
    tx.objectStore('visits').createIndex('byCapture', 'captureId', { unique: true });
  },
  // 3: content-addressed body texts. Each version's body moves into the texts store, one record per distinct block
  // text of an article, and the version keeps [kind, ref] pairs. Asynchronous (a cursor over the versions), so a
  // later migration must not touch the versions or texts stores before this one's cursor has finished.
  (db, tx) => {
    db.createObjectStore('texts');
    afterEarlier(tx, () => moveBodiesToTexts(tx));
  },
  // 4: compact versions and a search index. Each article's versions are re-encoded as recordSnapshot now stores them
  // (lib/store-texts.ts): fields and metadata become refs into the texts store, refs become short counters, and an
  // edited text is stored as a delta against the one it replaced. The search store gets one record per article.
  // Asynchronous, and runs after migration 3's cursor when upgrading from version 2.
  (db, tx) => {
    db.createObjectStore('search');
    afterEarlier(tx, () => reencodeVersions(tx));
  },
];

/** The asynchronous part of the migrations running in one upgrade, chained so each starts after the previous one. */
const pending = new WeakMap<UpgradeTransaction, Promise<void>>();

/**
 * Runs `work` (which may only await requests of `tx`) once earlier migrations' asynchronous work is done; any failure
 * aborts the upgrade, so a database is never left half-migrated.
 */
function afterEarlier(tx: UpgradeTransaction, work: () => Promise<void>): void {
  const next = (pending.get(tx) ?? Promise.resolve()).then(work);
  pending.set(tx, next);
  void next.catch(() => {
    try {
      tx.abort();
    } catch {
      // Already finished.
    }
  });
}

/** Version 2 stored each body as plain blocks; this is how migration 3 recognises one still to be moved. */
interface V2Version extends Omit<VersionRecord, 'body'> {
  body: (Block | V3Block)[];
}

/**
 * Short, synchronous hash of a block's text (32-bit FNV-1a, base 36): schema version 3's refs. Collisions got a
 * suffixed ref (see V3Texts.refFor).
 */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** The texts of one article as migration 3 allocates them. */
class V3Texts {
  private readonly byRef = new Map<string, string>();
  private readonly byText = new Map<string, string>();
  readonly added = new Map<string, string>();

  refFor(text: string): string {
    const known = this.byText.get(text);
    if (known !== undefined) return known;
    const hash = textHash(text);
    let ref = hash;
    for (let n = 1; this.byRef.has(ref); n++) ref = `${hash}.${n}`;
    this.byRef.set(ref, text);
    this.byText.set(text, ref);
    this.added.set(ref, text);
    return ref;
  }
}

async function moveBodiesToTexts(tx: UpgradeTransaction): Promise<void> {
  const texts = tx.objectStore('texts');
  // Versions come in key order, so one article's versions are consecutive: one text index per article.
  let index = new V3Texts();
  let indexKey: string | null = null;
  let cursor = await tx.objectStore('versions').openCursor();
  while (cursor) {
    const version = cursor.value as unknown as V2Version;
    if (version.key !== indexKey) {
      index = new V3Texts();
      indexKey = version.key;
    }
    const body: V3Block[] = version.body.map((block) =>
      Array.isArray(block) ? block : [block.kind, index.refFor(block.text)],
    );
    const puts = [...index.added].map(([ref, text]) => texts.put({ text } as never, [version.key, ref]));
    index.added.clear();
    await Promise.all([...puts, cursor.update({ ...version, body } as unknown as StoredVersion)]);
    cursor = await cursor.continue();
  }
}

/**
 * Migration 4's work: one article at a time (versions come in key order, so an article's are consecutive), read its
 * version 3 records and texts, then replace them with the version 4 encoding and its search record.
 */
async function reencodeVersions(tx: UpgradeTransaction): Promise<void> {
  let group: V3Version[] = [];
  let cursor = await tx.objectStore('versions').openCursor();
  while (cursor) {
    const version = cursor.value as unknown as V3Version;
    if (group.length > 0 && group[0]!.key !== version.key) {
      await reencodeArticle(tx, group);
      group = [];
    }
    group.push(version);
    cursor = await cursor.continue();
  }
  if (group.length > 0) await reencodeArticle(tx, group);
}

async function reencodeArticle(tx: UpgradeTransaction, stored: V3Version[]): Promise<void> {
  const { key } = stored[0]!;
  const textStore = tx.objectStore('texts');
  const [refs, values] = await Promise.all([textStore.getAllKeys(textsOf(key)), textStore.getAll(textsOf(key))]);
  const old = new Map(refs.map(([, ref], i) => [ref, (values[i] as unknown as { text: string }).text]));
  const texts = new TextIndex(key);
  let reference: Reference | undefined;
  const versions = stored.map((version) => {
    // A text already missing (a damaged database) stays lost, as an empty block: failing here would fail the
    // upgrade, and with it every later attempt to open the history.
    const body = version.body.map(([kind, ref]) => ({ kind, text: old.get(ref) ?? '' }));
    const full: VersionRecord = { ...version, body };
    const encoded = toStored(full, texts, reference);
    reference = full;
    return encoded;
  });
  await textStore.delete(textsOf(key));
  const chunk = takeChunk(texts);
  await Promise.all([
    chunk && textStore.put(chunk[1], [key, chunk[0]]),
    ...versions.map((version) => tx.objectStore('versions').put(version)),
    tx.objectStore('search').put(searchRecord(texts), key),
  ]);
}


export const DB_VERSION = migrations.length;

/** Applies migrations[oldVersion .. newVersion - 1] inside the versionchange transaction. */
export function upgrade(db: PalimpsestDB, oldVersion: number, newVersion: number | null, tx: UpgradeTransaction): void {
  const target = newVersion ?? DB_VERSION;
  for (let version = oldVersion; version < target; version++) {
    const migration = migrations[version];
    if (!migration) throw new Error(`No migration from database version ${version}`);
    migration(db, tx);
  }
}

/**
 * Opens (creating or upgrading) the history database. `factory` lets tests use an isolated fake IndexedDB; idb's own
 * openDB always uses the global one, so the open request is made here and wrapped.
 */
export async function openHistoryDb(
  name: string = DB_NAME,
  factory: IDBFactory = globalThis.indexedDB,
): Promise<PalimpsestDB> {
  const request = factory.open(name, DB_VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as PalimpsestDB;
    const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTransaction;
    upgrade(db, event.oldVersion, event.newVersion, tx);
  });
  const db = (await wrap(request)) as unknown as PalimpsestDB;
  // Another context (popup, updated background) wants a newer schema: step aside rather than block its upgrade.
  db.addEventListener('versionchange', () => db.close());
  return db;
}
