/**
 * A reader's database created by the very first schema version must open under the current code with nothing lost.
 * The v1 database is built the way v1 built it (migrations[0] only) and filled with the static records in
 * tests/fixtures/db-v1.json; everything is then read back through the public read API, so whatever the current
 * storage layout is, the upgrade path to it is exercised.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { DB_VERSION, migrations } from '../../lib/store/migrations';
import { openHistoryDb } from '../../lib/store/open';
import { type ArticleRecord, type PalimpsestDB, type UpgradeTransaction, type VersionRecord, type VisitRecord } from '../../lib/store/schema';
import { countRecords, getArticle, getVersions, getVisits } from '../../lib/store/read';
import { recordOutcome } from './helpers/record';
import { untracked } from './helpers/snapshots';
import { keysWithText, searchRecord } from '../../lib/store/search';
import { readTexts } from '../../lib/store/texts';
import type { Snapshot } from '../../lib/model/snapshot';

interface V1Dump {
  articles: ArticleRecord[];
  versions: VersionRecord[];
  visits: VisitRecord[];
}
const V1: V1Dump = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/db-v1.json'), 'utf8'));
const NAME = 'palimpsest';

/** Creates the database exactly as schema version 1 did and stores the fixture's records in it. */
async function createV1Database(): Promise<void> {
  const v1 = await openDB(NAME, 1, {
    upgrade: (db, _old, _new, tx) => migrations[0]!(db as unknown as PalimpsestDB, tx as unknown as UpgradeTransaction),
  });
  const tx = v1.transaction(['articles', 'versions', 'visits'], 'readwrite');
  await Promise.all([
    ...V1.articles.map((a) => tx.objectStore('articles').add(a)),
    ...V1.versions.map((v) => tx.objectStore('versions').add(v)),
    ...V1.visits.map((v) => tx.objectStore('visits').add(v)),
    tx.done,
  ]);
  v1.close();
}

let db: PalimpsestDB;
beforeEach(async () => {
  // idb's openDB uses the global factory (https://github.com/jakearchibald/idb/issues/259): give each test a fresh one.
  globalThis.indexedDB = new IDBFactory();
  await createV1Database();
  db = await openHistoryDb(NAME, globalThis.indexedDB);
  return () => db.close();
});

test('the fixture is a real version-1 history', () => {
  expect(V1.articles).toHaveLength(3);
  expect(V1.versions.length).toBeGreaterThan(V1.articles.length);
  expect(V1.visits.length).toBeGreaterThan(V1.versions.length);
  expect(DB_VERSION).toBeGreaterThan(1);
});

describe('opening a version-1 database with the current code', () => {
  test('upgrades it to the current schema version', () => {
    expect(db.version).toBe(DB_VERSION);
  });

  test('keeps every article, version and visit, field for field', async () => {
    expect(await countRecords(db)).toEqual({
      articles: V1.articles.length,
      versions: V1.versions.length,
      visits: V1.visits.length,
    });
    for (const article of V1.articles) {
      expect(await getArticle(db, article.key)).toEqual(untracked(article));
      const versions = V1.versions.filter((v) => v.key === article.key).sort((a, b) => a.seq - b.seq);
      // Plus each version's evidence chain link, made by migration 8 (tests/unit/db.test.ts checks it).
      const read = await getVersions(db, article.key);
      expect(read.map(({ chain: _chain, ...rest }) => rest)).toEqual(versions.map(untracked));
      for (const version of read) expect(version.chain.chainedAt).toBeGreaterThan(0);
      const visits = V1.visits.filter((v) => v.key === article.key).sort((a, b) => a.time - b.time);
      expect(await getVisits(db, article.key)).toEqual(visits);
    }
  });

  test('a revisit compares against the upgraded history', async () => {
    const article = V1.articles.find((a) => a.versionCount === 3)!;
    const baseline = V1.versions.find((v) => v.key === article.key && v.seq === article.baseline.seq)!;
    const snapshot: Snapshot = {
      url: baseline.url,
      key: article.key,
      canonicalUrl: article.key,
      siteName: article.siteName,
      headline: baseline.headline,
      dek: baseline.dek,
      byline: baseline.byline,
      publishedTime: baseline.publishedTime,
      modifiedTime: baseline.modifiedTime,
      lang: baseline.lang,
      liveBlog: article.liveBlog,
      body: baseline.body,
      extractor: baseline.extractor,
    };
    const later = article.lastVisit + 86_400_000;
    expect(await recordOutcome(db, snapshot, { now: later, captureId: 'after-upgrade-1' })).toMatchObject({
      kind: 'unchanged',
      seq: baseline.seq,
    });
    const edited = { ...snapshot, body: [...snapshot.body, { kind: 'p' as const, text: 'This article was amended.' }] };
    expect(await recordOutcome(db, edited, { now: later + 1, captureId: 'after-upgrade-2' })).toMatchObject({
      kind: 'changed',
      seq: article.latestSeq + 1,
      baselineSeq: baseline.seq,
    });
    // Retried captures from before the upgrade are still recognised (the byCapture index covers old visits).
    const old = V1.visits.find((v) => v.key === article.key)!;
    expect(await recordOutcome(db, snapshot, { now: later + 2, captureId: old.captureId })).toMatchObject({ duplicate: true });
  });

  test('gives every article the search record recording would build, so each headline is found', async () => {
    for (const article of V1.articles) {
      const texts = await readTexts(db.transaction('texts').store, article.key);
      expect(await db.get('search', article.key)).toBe(searchRecord(texts));
      expect(await keysWithText(db, article.headline)).toContain(article.key);
    }
  });
});
