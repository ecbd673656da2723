/**
 * Stamping while capturing (lib/service/timestamps.ts) with a fake clock: off by default; a capture that adds a
 * version puts its article on the pending list; at most one request an hour, covering the current chain heads of
 * every pending article; a failure is recorded and retried an hour later; everything survives the background's
 * worker going to sleep (the database is closed and opened again); and with the local openssl TSA, the kept token
 * verifies against the leaves it lists.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { relink } from '../../lib/model/chain';
import { leafOf, stampDigest } from '../../lib/model/stamp';
import type { Snapshot } from '../../lib/model/snapshot';
import { openHistoryDb } from '../../lib/store/open';
import { getVersions } from '../../lib/store/read';
import { recordSnapshot } from '../../lib/store/record';
import type { PalimpsestDB, StampingState, StoredVersion } from '../../lib/store/schema';
import { allStamps, stampSummary } from '../../lib/store/stamps';
import { STAMP_INTERVAL_MS, stampAfterCapture, type StampOptions } from '../../lib/service/timestamps';
import { tokenFromBase64, verifyStamp } from '../../lib/evidence/timestamp';
import { ARTICLE_KEY, editParagraph, makeSnapshot } from './helpers/snapshots';
import { startTsa, type LocalTsa } from '../helpers/tsa';

const T0 = Date.UTC(2026, 4, 1, 9, 0);
const MINUTE = 60_000;
const TSA_URL = 'https://tsa.example/stamp';
const OTHER_KEY = 'https://www.example-news.com/politics/2024/budget-vote';

let factory: IDBFactory;
let db: PalimpsestDB;
let captures = 0;
beforeEach(async () => {
  factory = new IDBFactory();
  db = await openHistoryDb('stamps', factory);
});
afterEach(() => db.close());

/** The background's worker sleeps: its memory is gone, only the database remains. */
async function restart(): Promise<void> {
  db.close();
  db = await openHistoryDb('stamps', factory);
}

/**
 * Gives each version its chain link, as recording does once the chain is stored (issue 18's integration): links
 * already right are kept, so this is a no-op where recording has linked them.
 */
async function chain(key: string): Promise<Map<number, string>> {
  const links = relink(await getVersions(db, key), [], T0);
  for (const [seq, link] of links) {
    const stored = (await db.get('versions', [key, seq]))!;
    await db.put('versions', { ...stored, chain: link });
  }
  return new Map([...links].map(([seq, link]) => [seq, link.hash]));
}
const headOf = async (key: string) => [...(await chain(key)).entries()].sort(([a], [b]) => b - a)[0]![1];

/** One capture recorded and chained, then what the background does after it, at `now`. */
async function visit(snapshot: Snapshot, now: number, options: StampOptions, tsaUrl: string | null = TSA_URL) {
  const recorded = await recordSnapshot(db, snapshot, { now, captureId: `capture-${++captures}` });
  if ('dropped' in recorded) throw new Error('dropped');
  await chain(snapshot.key);
  return stampAfterCapture(db, { key: snapshot.key, outcome: recorded.outcome }, { tsaUrl }, now, { clock: () => now, ...options });
}

/** A fake timestamping service that answers with a recognisable token and keeps the digests it was sent. */
function fakeService() {
  const digests: Uint8Array[] = [];
  let fail: string | null = null;
  const request = async (_url: string, digest: Uint8Array) => {
    digests.push(digest);
    if (fail) throw new Error(fail);
    return new Uint8Array([0x30, digests.length]);
  };
  return { digests, request, failWith: (message: string | null) => void (fail = message) };
}

const edited = (n: number) => makeSnapshot({ body: editParagraph(1, (t) => `${t} Update ${n}.`) });
const other = (n = 0) =>
  makeSnapshot({ key: OTHER_KEY, url: OTHER_KEY, canonicalUrl: OTHER_KEY, headline: `Budget vote delayed${n ? ` (${n})` : ''}` });
const state = async () => (await db.get('meta', 'stamping')) as StampingState | undefined;

describe('stamping while capturing', () => {
  test('is off by default: nothing is sent and nothing is written', async () => {
    const service = fakeService();
    expect(await visit(makeSnapshot(), T0, { request: service.request }, null)).toEqual({ kind: 'off' });
    expect(await visit(edited(1), T0 + 2 * STAMP_INTERVAL_MS, { request: service.request }, null)).toEqual({ kind: 'off' });
    expect(service.digests).toEqual([]);
    expect(await db.count('stamps')).toBe(0);
    expect(await state()).toBeUndefined();
  });

  test('stamps the heads of the articles that changed, at most once an hour, across worker restarts', async () => {
    const service = fakeService();
    const options = { request: service.request };
    // The first version: nothing was stamped in the last hour, so it is stamped at once.
    const first = await visit(makeSnapshot(), T0, options);
    const firstHead = await headOf(ARTICLE_KEY);
    expect(first).toEqual({ kind: 'stamped', id: 1, leaves: [leafOf(ARTICLE_KEY, firstHead)] });
    expect(service.digests).toEqual([stampDigest([leafOf(ARTICLE_KEY, firstHead)])]);
    expect(await state()).toEqual({ attemptedAt: T0, pending: [], stampedAt: T0 });

    // Within the hour: an edit and another article wait.
    expect(await visit(edited(1), T0 + 10 * MINUTE, options)).toEqual({ kind: 'waiting' });
    await restart();
    expect(await visit(other(), T0 + 30 * MINUTE, options)).toEqual({ kind: 'waiting' });
    expect((await state())?.pending).toEqual([ARTICLE_KEY, OTHER_KEY]);
    expect(service.digests).toHaveLength(1);

    // After the hour, a revisit that adds no version sends nothing...
    await restart();
    expect(await visit(other(), T0 + 61 * MINUTE, options)).toEqual({ kind: 'no-new-version' });
    expect(service.digests).toHaveLength(1);
    // ...and the next new version sends one request, for the current heads of both pending articles.
    const later = await visit(edited(2), T0 + 62 * MINUTE, options);
    const leaves = [leafOf(ARTICLE_KEY, await headOf(ARTICLE_KEY)), leafOf(OTHER_KEY, await headOf(OTHER_KEY))].sort();
    expect(later).toEqual({ kind: 'stamped', id: 2, leaves });
    expect(service.digests).toHaveLength(2);
    expect(service.digests[1]).toEqual(stampDigest(leaves));
    expect(await state()).toEqual({ attemptedAt: T0 + 62 * MINUTE, pending: [], stampedAt: T0 + 62 * MINUTE });

    const stamps = await allStamps(db);
    expect(stamps.map(({ id, time, tsaUrl, leaves: l }) => ({ id, time, tsaUrl, leaves: l }))).toEqual([
      { id: 1, time: T0, tsaUrl: TSA_URL, leaves: [leafOf(ARTICLE_KEY, firstHead)] },
      { id: 2, time: T0 + 62 * MINUTE, tsaUrl: TSA_URL, leaves },
    ]);
    expect(tokenFromBase64(stamps[1]!.token)).toEqual(new Uint8Array([0x30, 2]));
    expect(await stampSummary(db)).toEqual({ count: 2, stampedAt: T0 + 62 * MINUTE, pending: 0, error: null });
  });

  test('records a failure, keeps the articles pending, and tries again only an hour later', async () => {
    const service = fakeService();
    const options = { request: service.request };
    service.failWith('The timestamping service answered HTTP 503');
    expect(await visit(makeSnapshot(), T0, options)).toEqual({ kind: 'failed', message: 'The timestamping service answered HTTP 503' });
    expect(await stampSummary(db)).toEqual({
      count: 0, stampedAt: null, pending: 1, error: { time: T0, message: 'The timestamping service answered HTTP 503' },
    });
    service.failWith(null);
    expect(await visit(edited(1), T0 + 59 * MINUTE, options)).toEqual({ kind: 'waiting' });
    expect(service.digests).toHaveLength(1);
    await restart();
    const retried = await visit(edited(2), T0 + 60 * MINUTE, options);
    expect(retried).toMatchObject({ kind: 'stamped', leaves: [leafOf(ARTICLE_KEY, await headOf(ARTICLE_KEY))] });
    expect(await stampSummary(db)).toEqual({ count: 1, stampedAt: T0 + 60 * MINUTE, pending: 0, error: null });
  });

  test('keeps an article pending when its head moved on while the request was out', async () => {
    let during: Promise<unknown> = Promise.resolve();
    const request = async () => {
      // Another capture of the same article is recorded while the service is answering.
      during = visit(edited(1), T0 + MINUTE, { request: () => Promise.reject(new Error('not due')) });
      await during;
      return new Uint8Array([0x30, 0]);
    };
    const result = await visit(makeSnapshot(), T0, { request });
    await during;
    expect(result.kind).toBe('stamped');
    expect((await state())?.pending).toEqual([ARTICLE_KEY]);
  });

  test('two captures at the same moment send one request', async () => {
    const service = fakeService();
    await recordSnapshot(db, makeSnapshot(), { now: T0, captureId: 'a' });
    await recordSnapshot(db, other(), { now: T0, captureId: 'b' });
    await chain(ARTICLE_KEY);
    await chain(OTHER_KEY);
    const outcome = { kind: 'first', seq: 1 } as const;
    const results = await Promise.all([
      stampAfterCapture(db, { key: ARTICLE_KEY, outcome }, { tsaUrl: TSA_URL }, T0, { request: service.request }),
      stampAfterCapture(db, { key: OTHER_KEY, outcome }, { tsaUrl: TSA_URL }, T0, { request: service.request }),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(['stamped', 'waiting']);
    expect(service.digests).toHaveLength(1);
  });

  test('a retried capture (the same capture id) is not a new version', async () => {
    const service = fakeService();
    const duplicate = { kind: 'first', seq: 1, duplicate: true } as const;
    expect(await stampAfterCapture(db, { key: ARTICLE_KEY, outcome: duplicate }, { tsaUrl: TSA_URL }, T0, service)).toEqual({ kind: 'no-new-version' });
    expect(service.digests).toEqual([]);
  });
});

describe('with a real timestamping service', () => {
  let tsa: LocalTsa;
  beforeAll(async () => {
    tsa = await startTsa();
  });
  afterAll(() => tsa.close());

  test('the kept token verifies offline against the leaves the stamp lists, and nothing else', async () => {
    const now = Date.now();
    const result = await visit(makeSnapshot(), now, {}, tsa.url());
    expect(result.kind).toBe('stamped');
    const [stamp] = await allStamps(db);
    expect(stamp!.leaves).toEqual([leafOf(ARTICLE_KEY, await headOf(ARTICLE_KEY))]);
    const check = await verifyStamp(stamp!);
    expect(check).toMatchObject({ ok: true, tsa: tsa.subjects.rsa });
    expect(await verifyStamp({ ...stamp!, leaves: [leafOf(ARTICLE_KEY, 'f'.repeat(64))] })).toMatchObject({ ok: false });
    expect(await verifyStamp({ ...stamp!, token: 'not base64!' })).toMatchObject({ ok: false });
  });
});

describe('an article without a chain head', () => {
  test('is dropped from the pending list without a request, and does not start the hour', async () => {
    const service = fakeService();
    // Recorded, but not chained (as a history recorded before the chain existed, until its migration links it).
    const recorded = await recordSnapshot(db, makeSnapshot(), { now: T0, captureId: 'unchained' });
    if ('dropped' in recorded) throw new Error('dropped');
    const [chained] = await db.getAll('versions');
    const { chain: _chain, ...unchained } = chained!;
    await db.put('versions', unchained as StoredVersion);
    const result = await stampAfterCapture(db, { key: ARTICLE_KEY, outcome: recorded.outcome }, { tsaUrl: TSA_URL }, T0, service);
    expect(result).toEqual({ kind: 'waiting' });
    expect(service.digests).toEqual([]);
    expect(await state()).toEqual({ attemptedAt: 0, pending: [] });
    // Once it is chained, the next new version is stamped at once.
    await db.put('versions', chained!);
    expect(await visit(edited(1), T0 + MINUTE, service)).toMatchObject({ kind: 'stamped' });
  });
});
