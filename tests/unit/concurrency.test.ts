/**
 * Overlapping captures (several tabs, a reload racing the first load) against an in-memory IndexedDB: the history
 * must end up the same as if they had run one after the other. Only the public recording and reading API is used,
 * so the test holds whatever the storage layout underneath.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openHistoryDb } from '../../lib/store/open';
import { type PalimpsestDB } from '../../lib/store/schema';
import { countRecords, getArticle, getVersions, getVisits } from '../../lib/store/read';
import { recordSnapshot } from '../../lib/store/record';
import { recordOutcome } from './helpers/record';
import { contentHash } from '../../lib/model/normalize';
import type { Snapshot } from '../../lib/model/snapshot';
import { editParagraph, makeSnapshot } from './helpers/snapshots';

let db: PalimpsestDB;
beforeEach(async () => {
  db = await openHistoryDb('concurrency-test', new IDBFactory());
});
afterEach(() => db.close());

test('five simultaneous captures of the same article: one version, five visits', async () => {
  const snapshot = makeSnapshot();
  const outcomes = await Promise.all(
    Array.from({ length: 5 }, (_, i) => recordOutcome(db, snapshot, { now: 1000 + i, captureId: `same-${i}` })),
  );
  expect(outcomes.filter((o) => o.kind === 'first')).toHaveLength(1);
  expect(outcomes.filter((o) => o.kind === 'unchanged')).toHaveLength(4);
  expect(await getVersions(db, snapshot.key)).toMatchObject([{ seq: 1, captureCount: 5 }]);
  expect(await getVisits(db, snapshot.key)).toHaveLength(5);
  expect(await getArticle(db, snapshot.key)).toMatchObject({ versionCount: 1, latestSeq: 1 });
});

test('the same capture retried while the first attempt is still running is recorded once', async () => {
  const snapshot = makeSnapshot();
  const ctx = { now: 1000, captureId: 'retried-capture' };
  await Promise.all([recordSnapshot(db, snapshot, ctx), recordSnapshot(db, snapshot, ctx)]);
  expect(await countRecords(db)).toEqual({ articles: 1, versions: 1, visits: 1 });
});

/** Three articles, three versions each: the original, one word changed, one number changed. */
const ARTICLES: Snapshot[][] = ['bridge', 'tunnel', 'ferry'].map((name) => {
  const key = `https://www.example-news.com/local/2024/${name}-closure`;
  const base = { key, url: key, canonicalUrl: key, headline: `The ${name} will close for three weeks` };
  return [
    makeSnapshot(base),
    makeSnapshot({ ...base, body: editParagraph(3, (t) => t.replace('angrily', 'cautiously')) }),
    makeSnapshot({ ...base, body: editParagraph(1, (t) => t.replace('14 of', '15 of')) }),
  ];
});

/** Every article's history is internally consistent and holds exactly the content that was captured. */
async function expectConsistent(captured: Snapshot[]): Promise<void> {
  for (const key of new Set(captured.map((s) => s.key))) {
    const mine = captured.filter((s) => s.key === key);
    const article = await getArticle(db, key);
    const versions = await getVersions(db, key);
    const visits = await getVisits(db, key);
    const hashes = new Set(await Promise.all(mine.map((s) => contentHash(s))));
    expect(article, key).toBeDefined();
    expect(new Set(versions.map((v) => v.hash))).toEqual(hashes);
    expect(versions).toHaveLength(hashes.size);
    expect(new Set(versions.map((v) => v.seq)).size).toBe(versions.length);
    expect(article!.versionCount).toBe(versions.length);
    expect(article!.latestSeq).toBe(Math.max(...versions.map((v) => v.seq)));
    expect(versions.map((v) => v.seq)).toContain(article!.baseline.seq);
    expect(visits).toHaveLength(mine.length);
    for (const visit of visits) expect(versions.map((v) => v.seq)).toContain(visit.seq);
    expect(versions.reduce((n, v) => n + v.captureCount, 0)).toBe(mine.length);
  }
}

test('captures of different articles interleaved in any order keep every history consistent', async () => {
  const capture = fc.record({ article: fc.nat({ max: 2 }), version: fc.nat({ max: 2 }) });
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), fc.array(capture, { minLength: 1, maxLength: 12 }), async (s, plan) => {
      db.close();
      db = await openHistoryDb('concurrency-test', new IDBFactory());
      const snapshots = plan.map(({ article, version }) => ARTICLES[article]![version]!);
      // The scheduler decides when each capture starts, so transactions are requested in every possible order.
      const record = s.scheduleFunction((snapshot: Snapshot, i: number) =>
        recordSnapshot(db, snapshot, { now: 1000 + i, captureId: `capture-${i}` }),
      );
      const all = Promise.all(snapshots.map((snapshot, i) => record(snapshot, i)));
      await s.waitAll();
      await all;
      await expectConsistent(snapshots);
      const counts = await countRecords(db);
      expect(counts.visits).toBe(snapshots.length);
      expect(counts.articles).toBe(new Set(snapshots.map((x) => x.key)).size);
    }),
    { numRuns: 40 },
  );
});

test('a burst of 60 captures across three articles started all at once', async () => {
  const snapshots = Array.from({ length: 60 }, (_, i) => ARTICLES[i % 3]![(i * 7) % 3]!);
  await Promise.all(snapshots.map((s, i) => recordSnapshot(db, s, { now: 1000 + i, captureId: `burst-${i}` })));
  await expectConsistent(snapshots);
});
