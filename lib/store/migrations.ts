/**
 * The ordered migrations of the history database: migrations[n] upgrades version n to n + 1, and DB_VERSION is
 * their number, so the schema version and the upgrade path can never disagree. Each is tested by opening the old
 * version with data (tests/unit/db.test.ts, tests/unit/upgrade.test.ts).
 */
import type { BlockKind, Block } from '../model/snapshot';
import type { PalimpsestDB, StoredVersion, UpgradeTransaction, VersionRecord } from './schema';
import { searchRecord } from './search';
import { stripTracking } from '../model/url';
import { linkOf, type ChainedFacts } from '../model/chain';
import { forEachArticleWithTexts, readTexts, resolveVersion, takeChunk, TextIndex, textsOf, toStored, type Reference } from './texts';

export type Migration = (db: PalimpsestDB, tx: UpgradeTransaction) => void;

/** Schema version 3's body block: its kind and the ref of its text (a short hash) among the article's texts. */
type V3Block = [kind: BlockKind, ref: string];
/** Schema version 3's version record: every field inline, the body as [kind, ref] pairs into { text } records. */
interface V3Version extends Omit<VersionRecord, 'body'> {
  body: V3Block[];
}

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
  // (lib/store/texts.ts): fields and metadata become refs into the texts store, refs become short counters, and an
  // edited text is stored as a delta against the one it replaced. The search store gets one record per article.
  // Asynchronous, and runs after migration 3's cursor when upgrading from version 2.
  (db, tx) => {
    db.createObjectStore('search');
    afterEarlier(tx, () => reencodeVersions(tx));
  },
  // 5: the search form became the comparable form folded (lib/model/normalize.ts's searchable(): curly quotes, dashes,
  // no-break spaces and format characters now fold like case and accents), so every article's search record is
  // rebuilt from its texts. Asynchronous, and runs after migration 4's cursor when upgrading from an older version.
  (_db, tx) => {
    afterEarlier(tx, () => rebuildSearch(tx));
  },
  // 6: a store for small named records (lib/store/meta.ts): when retention last pruned, and the captures dropped as a
  // flood. Nothing existing changes.
  (db) => {
    db.createObjectStore('meta');
  },
  // 7: stored URLs lose their tracking and subscriber-identifying parameters (lib/model/url.ts stripTracking), as
  // captures now store them: each article's visited URLs, and the URL in each version's metadata record. Keys are
  // untouched (urlKey always dropped these). Asynchronous, after migration 5's cursor when upgrading from older.
  (_db, tx) => {
    afterEarlier(tx, () => stripStoredUrls(tx));
  },
  // 8: the evidence chain (lib/model/chain.ts). Every version gets its link, in seq order within its article, marked
  // as chained at the time of this migration: the chain proves such a history unchanged since then, not since it was
  // captured. Asynchronous, after migration 7's cursor when upgrading from older.
  (_db, tx) => {
    const now = Date.now();
    afterEarlier(tx, () => chainVersions(tx, now));
  },
  // 9: a store for RFC 3161 trusted timestamps (lib/store/stamps.ts), empty until the reader names a timestamping
  // service. Nothing existing changes.
  (db) => {
    db.createObjectStore('stamps', { keyPath: 'id', autoIncrement: true });
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

/** Migration 5's work: one search record per article that has texts, built from them as recording builds it. */
async function rebuildSearch(tx: UpgradeTransaction): Promise<void> {
  const textStore = tx.objectStore('texts');
  await forEachArticleWithTexts(textStore, async (key) => {
    const texts = await readTexts(textStore, key);
    await tx.objectStore('search').put(searchRecord(texts), key);
  });
}

/** Migration 7's work: every stored URL without tracking parameters. */
async function stripStoredUrls(tx: UpgradeTransaction): Promise<void> {
  let article = await tx.objectStore('articles').openCursor();
  while (article) {
    const { urls } = article.value;
    // Most recent last, each once at its latest position, as recording keeps them.
    const stripped = urls.map(stripTracking);
    const kept = stripped.filter((url, i) => stripped.indexOf(url, i + 1) === -1);
    if (kept.join('\n') !== urls.join('\n')) await article.update({ ...article.value, urls: kept });
    article = await article.continue();
  }
  let chunk = await tx.objectStore('texts').openCursor();
  while (chunk) {
    let changed = false;
    const records = chunk.value.map((record) => {
      if (!record || !('meta' in record)) return record;
      const url = stripTracking(record.meta.url);
      if (url === record.meta.url) return record;
      changed = true;
      return { meta: { ...record.meta, url } };
    });
    if (changed) await chunk.update(records);
    chunk = await chunk.continue();
  }
}

/** Migration 8's work: one article at a time (its versions are consecutive in key order, by seq), linked in order. */
async function chainVersions(tx: UpgradeTransaction, now: number): Promise<void> {
  const versions = tx.objectStore('versions');
  const textStore = tx.objectStore('texts');
  let texts: TextIndex | null = null;
  let prev: string | null = null;
  let cursor = await versions.openCursor();
  while (cursor) {
    const stored = cursor.value;
    if (texts?.key !== stored.key) {
      texts = await readTexts(textStore, stored.key);
      prev = null;
    }
    let facts: ChainedFacts;
    try {
      facts = resolveVersion({ ...stored, chain: { prev: null, hash: '' } }, texts);
    } catch {
      // A text already missing (a damaged database) cannot be hashed; the link covers what is left, and the export
      // names the version as damaged. Failing here would fail every later attempt to open the history.
      facts = { ...stored, url: '', headline: '', dek: null, byline: null, publishedTime: null, modifiedTime: null, lang: null, body: [], extractor: { name: '', version: '', rules: 0 } };
    }
    const chain = linkOf(facts, prev, now);
    prev = chain.hash;
    await cursor.update({ ...stored, chain });
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
