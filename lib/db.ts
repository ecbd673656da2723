/**
 * The IndexedDB schema that holds every distinct version of the articles a reader opened, and the migrations that
 * build it. There is exactly one schema module so the version number, the record types and the upgrade path can
 * never disagree: DB_VERSION is the number of migrations, and opening applies the missing ones in order.
 */
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { OutcomeKind, RecordOutcome } from './history';
import type { Block, BlockKind, Extractor } from './snapshot';
import { TextIndex } from './store-texts';

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
}

/**
 * A body block as stored since schema version 3: its kind and the ref of its text among the article's texts
 * (lib/store-texts.ts). A pair rather than an object because a version holds one per paragraph.
 */
export type StoredBlock = [kind: BlockKind, ref: string];

/** A version as the versions store holds it. Read helpers resolve it back into a VersionRecord. */
export interface StoredVersion extends Omit<VersionRecord, 'body'> {
  body: StoredBlock[];
}

/** One distinct block text of one article, keyed [articleKey, ref]. */
export interface TextRecord {
  text: string;
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
    value: TextRecord;
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
    void moveBodiesToTexts(tx).catch(() => {
      try {
        tx.abort();
      } catch {
        // Already finished.
      }
    });
  },
];

/** Version 2 stored each body as plain blocks; this is how migration 3 recognises one still to be moved. */
interface LegacyVersion extends Omit<VersionRecord, 'body'> {
  body: (Block | StoredBlock)[];
}

async function moveBodiesToTexts(tx: UpgradeTransaction): Promise<void> {
  const texts = tx.objectStore('texts');
  // Versions come in key order, so one article's versions are consecutive: one text index per article.
  let index = new TextIndex();
  let indexKey: string | null = null;
  let cursor = await tx.objectStore('versions').openCursor();
  while (cursor) {
    const version = cursor.value as unknown as LegacyVersion;
    if (version.key !== indexKey) {
      index = new TextIndex();
      indexKey = version.key;
    }
    const body: StoredBlock[] = version.body.map((block) =>
      Array.isArray(block) ? block : [block.kind, index.refFor(block.text)],
    );
    const puts = [...index.added].map(([ref, text]) => texts.put({ text }, [version.key, ref]));
    index.added.clear();
    await Promise.all([...puts, cursor.update({ ...version, body })]);
    cursor = await cursor.continue();
  }
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
