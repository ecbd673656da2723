/**
 * The schema and its migrations: a fresh database gets every store and index, and a database created at version 1
 * with data in it keeps that data through the upgrade and gains the version 2 indexes.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { describe, expect, test } from 'vitest';
import { DB_NAME, type ArticleRecord, type PalimpsestDB, type PalimpsestSchema, type TextRecord, type StoredVersion, type VersionRecord, type VisitRecord } from '../../lib/store/schema';
import { DB_VERSION, migrations, textHash } from '../../lib/store/migrations';
import { openHistoryDb } from '../../lib/store/open';
import { getVersion, getVersions, getVisits } from '../../lib/store/read';
import { recordSnapshot } from '../../lib/store/record';
import { recordOutcome } from './helpers/record';
import { keysWithText, recordHas, searchRecord } from '../../lib/store/search';
import { readTexts } from '../../lib/store/texts';
import { contentHash, searchable } from '../../lib/model/normalize';
import { chainHash } from '../../lib/model/chain';
import type { Snapshot } from '../../lib/model/snapshot';
import { ARTICLE_KEY, editParagraph, makeSnapshot, PARAGRAPHS, untracked } from './helpers/snapshots';

describe('schema', () => {
  test('a fresh database has every store and index', async () => {
    const db = await openHistoryDb(DB_NAME, new IDBFactory());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['articles', 'meta', 'search', 'stamps', 'texts', 'versions', 'visits']);
    const tx = db.transaction(['articles', 'versions', 'visits']);
    expect([...tx.objectStore('articles').indexNames].sort()).toEqual(['lastVisit', 'siteName']);
    expect([...tx.objectStore('versions').indexNames]).toEqual(['byHash']);
    expect([...tx.objectStore('visits').indexNames].sort()).toEqual(['byCapture', 'byKey']);
    await tx.done;
    db.close();
  });

  test('separate factories are separate databases', async () => {
    const one = await openHistoryDb('same-name', new IDBFactory());
    const two = await openHistoryDb('same-name', new IDBFactory());
    await recordSnapshot(one, makeSnapshot(), { now: 1, captureId: 'a' });
    expect(await two.count('articles')).toBe(0);
    one.close();
    two.close();
  });

  test('the same content cannot be stored twice for one article', async () => {
    const db = await openHistoryDb('unique', new IDBFactory());
    await recordSnapshot(db, makeSnapshot(), { now: 1, captureId: 'a' });
    const version = await db.get('versions', [ARTICLE_KEY, 1]);
    await expect(db.add('versions', { ...version!, seq: 2 })).rejects.toThrow();
    db.close();
  });

  test('an open connection steps aside for a newer schema instead of blocking it', async () => {
    const factory = new IDBFactory();
    const db = await openHistoryDb('upgrade-blocking', factory);
    const request = factory.open('upgrade-blocking', DB_VERSION + 1);
    const blocked = new Promise<string>((resolve) => {
      request.onblocked = () => resolve('blocked');
      request.onsuccess = () => {
        request.result.close();
        resolve('opened');
      };
    });
    expect(await blocked).toBe('opened');
    db.close();
  });
});

describe('migration 1 -> 2', () => {
  test('keeps existing data and adds the siteName and byCapture indexes', async () => {
    // idb's openDB uses the global (fake) indexedDB (https://github.com/jakearchibald/idb/issues/259), so this test
    // uses a name no other test shares.
    const name = 'migration-1-to-2';
    const snapshot = makeSnapshot();
    const hash = await contentHash(snapshot);

    const v1 = await openDB<PalimpsestSchema>(name, 1, {
      upgrade: (db, _oldVersion, _newVersion, tx) => migrations[0]!(db, tx),
    });
    const visitsStore = v1.transaction('visits').store;
    expect(visitsStore.indexNames.contains('byCapture')).toBe(false);
    expect(v1.transaction('articles').store.indexNames.contains('siteName')).toBe(false);

    const article: ArticleRecord = {
      key: ARTICLE_KEY,
      urls: [snapshot.url],
      siteName: 'Example News',
      headline: snapshot.headline,
      liveBlog: false,
      firstSeen: 1000,
      lastVisit: 2000,
      latestSeq: 1,
      versionCount: 1,
      baseline: { seq: 1, visit: 2000, since: 1000 },
      lastOutcome: 'unchanged',
    };
    const version: Omit<VersionRecord, 'chain'> = {
      key: ARTICLE_KEY,
      seq: 1,
      hash,
      firstSeen: 1000,
      lastSeen: 2000,
      url: snapshot.url,
      headline: snapshot.headline,
      dek: snapshot.dek,
      byline: snapshot.byline,
      publishedTime: snapshot.publishedTime,
      modifiedTime: snapshot.modifiedTime,
      lang: snapshot.lang,
      body: snapshot.body,
      extractor: snapshot.extractor,
      partial: false,
      captureCount: 2,
    };
    const visits: VisitRecord[] = [
      { key: ARTICLE_KEY, time: 1000, seq: 1, captureId: 'cap-1', partial: false, outcome: { kind: 'first', seq: 1 } },
      {
        key: ARTICLE_KEY,
        time: 2000,
        seq: 1,
        captureId: 'cap-2',
        partial: false,
        outcome: { kind: 'unchanged', seq: 1, since: 1000 },
      },
    ];
    const tx = v1.transaction(['articles', 'versions', 'visits'], 'readwrite');
    await Promise.all([
      tx.objectStore('articles').put(article),
      // Version 1 stored bodies as plain blocks.
      tx.objectStore('versions').put(version as unknown as StoredVersion),
      ...visits.map((visit) => tx.objectStore('visits').add(visit)),
      tx.done,
    ]);
    v1.close();

    const db = await openHistoryDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.get('articles', ARTICLE_KEY)).toEqual(untracked(article));
    expect((await getVersions(db, ARTICLE_KEY)).map(unchained)).toEqual([untracked(version)]);
    expect(await getVisits(db, ARTICLE_KEY)).toMatchObject(visits);
    // The new indexes were built over the existing records.
    expect(await db.getAllKeysFromIndex('articles', 'siteName', 'Example News')).toEqual([ARTICLE_KEY]);
    expect(await db.getFromIndex('visits', 'byCapture', 'cap-2')).toMatchObject({ time: 2000 });
    // And recording carries on from the migrated history: a retry is recognised, a new visit compares with it.
    expect(await recordOutcome(db, snapshot, { now: 3000, captureId: 'cap-2' })).toMatchObject({ duplicate: true });
    expect(await recordOutcome(db, snapshot, { now: 3000, captureId: 'cap-3' })).toEqual({
      kind: 'unchanged',
      seq: 1,
      since: 1000,
    });
    db.close();
  });
});

/** The texts an article has stored, by ref. */
async function storedTexts(db: PalimpsestDB, key: string): Promise<Map<string, TextRecord>> {
  return (await readTexts(db.transaction('texts').store, key)).records;
}

/** Version records as schema versions 1–3 kept them (fields inline), for the snapshots given. */
/** A version without its chain link: what versions recorded before the chain (schema version 7) read back as. */
function unchained<T extends { chain?: unknown }>(version: T): Omit<T, 'chain'> {
  const { chain: _chain, ...rest } = version;
  return rest;
}
const unchainedAll = (records: unknown[]): unknown[] =>
  records.map((record) => (record && typeof record === 'object' && 'chain' in record ? unchained(record) : record));

async function oldVersions(snapshots: Snapshot[]): Promise<Omit<VersionRecord, 'chain'>[]> {
  const versions: Omit<VersionRecord, 'chain'>[] = [];
  for (const [i, snapshot] of snapshots.entries()) {
    const key = snapshot.key;
    versions.push({
      key,
      seq: versions.filter((v) => v.key === key).length + 1,
      hash: await contentHash(snapshot),
      firstSeen: 1000 + i,
      lastSeen: 2000 + i,
      url: snapshot.url,
      headline: snapshot.headline,
      dek: snapshot.dek,
      byline: snapshot.byline,
      publishedTime: snapshot.publishedTime,
      modifiedTime: snapshot.modifiedTime,
      lang: snapshot.lang,
      body: snapshot.body,
      extractor: snapshot.extractor,
      partial: i === 1,
      captureCount: i + 1,
    });
  }
  return versions;
}

const ARTICLE: ArticleRecord = {
  key: ARTICLE_KEY,
  urls: [`${ARTICLE_KEY}?utm_source=newsletter`],
  siteName: 'Example News',
  headline: 'Harbour Bridge to close for three weeks as cables corrode',
  liveBlog: false,
  firstSeen: 1000,
  lastVisit: 2002,
  latestSeq: 3,
  versionCount: 3,
  baseline: { seq: 3, visit: 2002, since: 1002 },
  lastOutcome: 'changed',
};

const edited = editParagraph(2, (text) => text.replace('double', 'triple'));
const SNAPSHOTS = [
  makeSnapshot(),
  makeSnapshot({ body: edited, dek: null }),
  // A block repeated within one body, a heading, and an empty body, survive too.
  makeSnapshot({ body: [...edited, edited[0]!, { kind: 'h', text: 'A heading' }], headline: 'Harbour Bridge to close for three weeks as cables rust' }),
  makeSnapshot({ key: 'https://other.example/a', body: [], byline: null }),
];

describe('migration 2 -> 3 -> 4', () => {
  test('moves every version body into the texts store and re-encodes it, losing nothing', async () => {
    const name = 'migration-2-to-4';
    const versions = await oldVersions(SNAPSHOTS);
    const v2 = await openDB<PalimpsestSchema>(name, 2, {
      upgrade: (db, oldVersion, _newVersion, tx) => {
        for (let v = oldVersion; v < 2; v++) migrations[v]!(db, tx);
      },
    });
    const tx = v2.transaction(['articles', 'versions'], 'readwrite');
    await Promise.all([
      tx.objectStore('articles').put(ARTICLE),
      ...versions.map((version) => tx.objectStore('versions').put(version as unknown as StoredVersion)),
      tx.done,
    ]);
    v2.close();

    const db = await openHistoryDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect((await getVersions(db, ARTICLE_KEY)).map(unchained)).toEqual(versions.slice(0, 3).map(untracked));
    expect((await getVersions(db, 'https://other.example/a')).map(unchained)).toEqual(versions.slice(3).map(untracked));
    expect(unchained((await getVersion(db, ARTICLE_KEY, 2))!)).toEqual(untracked(versions[1]!));
    // Eight paragraphs, the edited one (as a delta), a heading; metadata, two headlines, a dek, a byline.
    expect((await storedTexts(db, ARTICLE_KEY)).size).toBe(PARAGRAPHS.length + 7);
    expect([...(await keysWithText(db, 'TRIPLE the frequency'))]).toEqual([ARTICLE_KEY]);

    // Recording carries on from the migrated history: an edit of one paragraph adds one text.
    const before = (await storedTexts(db, ARTICLE_KEY)).size;
    const next = makeSnapshot({ body: editParagraph(2, (text) => text.replace('double', 'quadruple')) });
    expect(await recordOutcome(db, next, { now: 3000, captureId: 'cap-4' })).toMatchObject({ kind: 'changed', seq: 4 });
    expect((await storedTexts(db, ARTICLE_KEY)).size).toBe(before + 1);
    expect((await getVersion(db, ARTICLE_KEY, 4))!.body).toEqual(next.body);
    db.close();
  });
});

describe('migration 3 -> 4', () => {
  test('re-encodes version 3 records (hashed refs, fields inline) and builds the search index, losing nothing', async () => {
    const name = 'migration-3-to-4';
    const versions = await oldVersions(SNAPSHOTS);
    const v3 = await openDB<PalimpsestSchema>(name, 3, {
      upgrade: (db, oldVersion, _newVersion, tx) => {
        for (let v = oldVersion; v < 3; v++) migrations[v]!(db, tx);
      },
    });
    // Written the way schema version 3 stored them: { text } records under hashed refs (one of them a collision,
    // suffixed), and [kind, ref] pairs in versions that keep every other field inline.
    const refOf = new Map<string, string>();
    const texts: [string, string, string][] = [];
    const squatter = 'Text whose hash slot the first paragraph also wants.';
    texts.push([ARTICLE_KEY, textHash(PARAGRAPHS[0]!), squatter]);
    for (const version of versions) {
      for (const { text } of version.body) {
        const id = `${version.key}\n${text}`;
        if (refOf.has(id)) continue;
        let ref = textHash(text);
        if (version.key === ARTICLE_KEY && text === PARAGRAPHS[0]) ref = `${ref}.1`;
        refOf.set(id, ref);
        texts.push([version.key, ref, text]);
      }
    }
    const stored = versions.map((version) => ({
      ...version,
      body: version.body.map(({ kind, text }) => [kind, refOf.get(`${version.key}\n${text}`)!]),
    }));
    const tx = v3.transaction(['articles', 'versions', 'texts'], 'readwrite');
    await Promise.all([
      tx.objectStore('articles').put(ARTICLE),
      ...stored.map((version) => tx.objectStore('versions').put(version as unknown as StoredVersion)),
      ...texts.map(([key, ref, text]) => tx.objectStore('texts').put({ text } as never, [key, ref])),
      tx.done,
    ]);
    v3.close();

    const db = await openHistoryDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect((await getVersions(db, ARTICLE_KEY)).map(unchained)).toEqual(versions.slice(0, 3).map(untracked));
    expect((await getVersions(db, 'https://other.example/a')).map(unchained)).toEqual(versions.slice(3).map(untracked));
    expect(await db.get('articles', ARTICLE_KEY)).toEqual(untracked(ARTICLE));
    // Version 4 records: refs for fields and body, the edited paragraph and headline as deltas, the unused squatter
    // gone.
    const v2 = (await db.get('versions', [ARTICLE_KEY, 2]))!;
    expect(v2).toMatchObject({ fields: [expect.any(String), expect.any(String), null, expect.any(String)] });
    expect(typeof v2.body).toBe('string');
    const all = [...(await storedTexts(db, ARTICLE_KEY)).values()];
    expect(all.filter((record) => 'base' in record)).toHaveLength(2);
    expect(all.some((record) => 'text' in record && record.text === squatter)).toBe(false);
    // The search index covers every version's texts, including the heading and the older headline.
    expect([...(await keysWithText(db, 'triple the frequency'))]).toEqual([ARTICLE_KEY]);
    expect([...(await keysWithText(db, 'double the frequency'))]).toEqual([ARTICLE_KEY]);
    expect([...(await keysWithText(db, 'a heading'))]).toEqual([ARTICLE_KEY]);
    expect((await keysWithText(db, 'cables corrode')).size).toBe(2);
    expect([...(await keysWithText(db, 'jonas lindqvist'))]).toEqual([ARTICLE_KEY]);
    expect((await keysWithText(db, 'harbour bridge will close')).size).toBe(1);
    db.close();
  });
});

describe('migration 4 -> 5', () => {
  /** searchable() as schema version 4 had it: case and accents folded, quote and dash styles kept. */
  const v4Searchable = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

  test('rebuilds every search record in the new search form, so straight quotes find curly ones', async () => {
    const name = 'migration-4-to-5';
    const v4 = await openDB<PalimpsestSchema>(name, 4, {
      upgrade: (db, oldVersion, _newVersion, tx) => {
        for (let v = oldVersion; v < 4; v++) migrations[v]!(db, tx);
      },
    });
    // Version 4 stored versions and texts as today; only its search records were built with the older form.
    const curly = makeSnapshot({
      headline: 'Harbour Bridge ‘will close’ for three weeks',
      body: editParagraph(1, () => 'Council leader Maria Okafor said the decision had been taken “with great reluctance” — after an inspection.'),
    });
    const other = makeSnapshot({ key: 'https://other.example/a', url: 'https://other.example/a', headline: 'Ferries double their crossings' });
    await recordSnapshot(v4, curly, { now: 1000, captureId: 'v4-1' });
    await recordSnapshot(v4, other, { now: 2000, captureId: 'v4-2' });
    const v4Records = new Map<string, string>();
    for (const key of [curly.key, other.key]) {
      // A first capture stores every text whole: the version 4 record is its refs, then their search forms.
      const texts = await readTexts(v4.transaction('texts').store, key);
      const refs = texts.textRefs();
      const record = JSON.stringify([[], refs]) + '\u0301' + refs.map((ref) => v4Searchable(texts.text(ref))).join('\u0300');
      v4Records.set(key, record);
      await v4.put('search', record, key);
    }
    const needle = searchable('taken "with great reluctance" - after');
    expect(recordHas(v4Records.get(curly.key)!, needle)).toBe(false);
    v4.close();

    const db = await openHistoryDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...(await keysWithText(db, 'taken "with great reluctance" - after'))]).toEqual([curly.key]);
    expect([...(await keysWithText(db, "bridge 'will close'"))]).toEqual([curly.key]);
    expect([...(await keysWithText(db, 'ferries double'))]).toEqual([other.key]);
    // Each record is now exactly what recording builds (the plain article's is as it was), and the texts are intact.
    for (const key of [curly.key, other.key]) {
      const texts = await readTexts(db.transaction('texts').store, key);
      expect(await db.get('search', key)).toBe(searchRecord(texts));
    }
    expect(await db.get('search', curly.key)).not.toBe(v4Records.get(curly.key));
    expect(await db.get('search', other.key)).toBe(v4Records.get(other.key));
    expect((await getVersions(db, curly.key))[0]).toMatchObject({ headline: curly.headline, body: curly.body });
    db.close();
  });
});

describe('migration 5 -> 6', () => {
  test('adds the meta store (when retention pruned, dropped captures), losing nothing', async () => {
    const name = 'migration-5-to-6';
    const v5 = await openDB<PalimpsestSchema>(name, 5, {
      upgrade: (db, oldVersion, _newVersion, tx) => {
        for (let v = oldVersion; v < 5; v++) migrations[v]!(db, tx);
      },
    });
    await recordSnapshot(v5, makeSnapshot(), { now: 1000, captureId: 'v5-1' });
    await recordSnapshot(v5, makeSnapshot({ body: editParagraph(2, (t) => `${t} Updated.`) }), { now: 2000, captureId: 'v5-2' });
    const before = await Promise.all((['articles', 'versions', 'visits', 'texts', 'search'] as const).map((s) => v5.getAll(s)));
    v5.close();

    const db = await openHistoryDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('meta');
    const after = await Promise.all((['articles', 'versions', 'visits', 'texts', 'search'] as const).map((s) => db.getAll(s)));
    // Migration 8 marks every version as chained then (tested on its own below); nothing else changes.
    expect(after.map(unchainedAll)).toEqual(before.map(unchainedAll));
    expect(await db.count('meta')).toBe(0);
    expect((await getVersions(db, ARTICLE_KEY)).map((v) => v.seq)).toEqual([1, 2]);
    db.close();
  });
});

describe('migration 6 -> 7', () => {
  test('strips tracking and subscriber-identifying parameters from every stored URL, losing nothing else', async () => {
    const name = 'migration-6-to-7';
    const v6 = await openDB<PalimpsestSchema>(name, 6, {
      upgrade: (db, oldVersion, _newVersion, tx) => {
        for (let v = oldVersion; v < 6; v++) migrations[v]!(db, tx);
      },
    });
    // Version 6 stored the visited URL as the page had it, newsletter subscriber id and all: written here as it did.
    const urls = [`${ARTICLE_KEY}?utm_source=newsletter&mc_eid=5f3a9b&id=4`, `${ARTICLE_KEY}?id=4&fbclid=IwAR0x`, `${ARTICLE_KEY}?id=4`];
    await recordSnapshot(v6, makeSnapshot({ url: urls[0] }), { now: 1000, captureId: 'v6-1' });
    await recordSnapshot(v6, makeSnapshot({ url: urls[1], body: editParagraph(2, (t) => `${t} Updated.`) }), { now: 2000, captureId: 'v6-2' });
    await recordSnapshot(v6, makeSnapshot({ url: urls[2] }), { now: 3000, captureId: 'v6-3' });
    const article = (await v6.get('articles', ARTICLE_KEY))!;
    await v6.put('articles', { ...article, urls });
    const chunks = await v6.getAll('texts');
    const keys = await v6.getAllKeys('texts');
    let n = 0;
    for (const [i, chunk] of chunks.entries()) {
      const tracked = chunk.map((record) => (record && 'meta' in record ? { meta: { ...record.meta, url: urls[n++]! } } : record));
      await v6.put('texts', tracked, keys[i]);
    }
    // Both versions share one metadata record (their stored URLs were alike).
    expect(n).toBe(1);
    const before = await getVersions(v6, ARTICLE_KEY);
    expect(before.map((v) => v.url)).toEqual([urls[0], urls[0]]);
    v6.close();

    const db = await openHistoryDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect((await db.get('articles', ARTICLE_KEY))?.urls).toEqual([`${ARTICLE_KEY}?id=4`]);
    const after = await getVersions(db, ARTICLE_KEY);
    expect(after.map((v) => v.url)).toEqual([`${ARTICLE_KEY}?id=4`, `${ARTICLE_KEY}?id=4`]);
    expect(after.map(({ url: _u, chain: _c, ...rest }) => rest)).toEqual(before.map(({ url: _u, chain: _c, ...rest }) => rest));
    expect(await getVisits(db, ARTICLE_KEY)).toHaveLength(3);
    db.close();
  });
});

describe('migration 7 -> 8', () => {
  test('links every version into its article chain in seq order, marked as chained at the migration, losing nothing', async () => {
    const name = 'migration-7-to-8';
    const v7 = await openDB<PalimpsestSchema>(name, 7, {
      upgrade: (db, oldVersion, _newVersion, tx) => {
        for (let v = oldVersion; v < 7; v++) migrations[v]!(db, tx);
      },
    });
    await recordSnapshot(v7, makeSnapshot(), { now: 1000, captureId: 'v7-1' });
    await recordSnapshot(v7, makeSnapshot({ body: editParagraph(2, (t) => `${t} Updated.`) }), { now: 2000, captureId: 'v7-2' });
    await recordSnapshot(v7, makeSnapshot({ key: 'https://other.example/a', url: 'https://other.example/a' }), { now: 3000, captureId: 'v7-3' });
    // As schema version 7 stored them: no chain.
    for (const stored of await v7.getAll('versions')) {
      const { chain: _chain, ...old } = stored;
      await v7.put('versions', old as StoredVersion);
    }
    const before = (await getVersions(v7, ARTICLE_KEY)).map(unchained);
    v7.close();

    const start = Date.now();
    const db = await openHistoryDb(name);
    const after = await getVersions(db, ARTICLE_KEY);
    expect(after.map(unchained)).toEqual(before);
    expect(after[0]!.chain.prev).toBeNull();
    expect(after[1]!.chain.prev).toBe(after[0]!.chain.hash);
    for (const [i, version] of after.entries()) {
      expect(version.chain.hash).toBe(chainHash(version, i === 0 ? null : after[i - 1]!.chain.hash));
      expect(version.chain.chainedAt).toBeGreaterThanOrEqual(start);
    }
    const [other] = await getVersions(db, 'https://other.example/a');
    expect(other!.chain.prev).toBeNull();
    // A capture after the migration links to the migrated chain.
    await recordSnapshot(db, makeSnapshot({ body: editParagraph(3, (t) => `${t} Later.`) }), { now: 4000, captureId: 'v8-1' });
    const [, , third] = await getVersions(db, ARTICLE_KEY);
    expect(third!.chain.prev).toBe(after[1]!.chain.hash);
    expect(third!.chain.chainedAt).toBeUndefined();
    db.close();
  });
});

describe('migration 8 -> 9', () => {
  test('adds the stamps store for trusted timestamps, empty, losing nothing', async () => {
    const name = 'migration-8-to-9';
    const v8 = await openDB<PalimpsestSchema>(name, 8, {
      upgrade: (db, oldVersion, _newVersion, tx) => {
        for (let v = oldVersion; v < 8; v++) migrations[v]!(db, tx);
      },
    });
    await recordSnapshot(v8, makeSnapshot(), { now: 1000, captureId: 'v8-1' });
    await recordSnapshot(v8, makeSnapshot({ body: editParagraph(2, (t) => `${t} Updated.`) }), { now: 2000, captureId: 'v8-2' });
    await v8.put('meta', 1500, 'prunedAt');
    const stores = ['articles', 'versions', 'visits', 'texts', 'search', 'meta'] as const;
    const before = await Promise.all(stores.map((s) => v8.getAll(s)));
    expect([...v8.objectStoreNames]).not.toContain('stamps');
    v8.close();

    const db = await openHistoryDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await Promise.all(stores.map((s) => db.getAll(s)))).toEqual(before);
    expect(await db.count('stamps')).toBe(0);
    // Keys are allocated by the store.
    const id = await db.add('stamps', { time: 3000, tsaUrl: 'https://tsa.example/', leaves: ['a'], token: 'AA==' });
    expect((await db.get('stamps', id))?.id).toBe(id);
    db.close();
  });
});
