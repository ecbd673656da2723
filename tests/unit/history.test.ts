/**
 * recordSnapshot's rules (first, unchanged, changed, revert, partial, live blog, retries, concurrency) and the
 * read/maintenance helpers, against an in-memory IndexedDB. Each test gets its own fake factory, so nothing leaks.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { stripTracking } from '../../lib/model/url';
import { openHistoryDb } from '../../lib/store/open';
import { type PalimpsestDB } from '../../lib/store/schema';
import { clearAll, deleteArticle, deleteSite, pruneBefore } from '../../lib/store/prune';
import { countRecords, getArticle, getVersion, getVersions, getVisits } from '../../lib/store/read';
import type { RecordOutcome } from '../../lib/model/outcome';
import { recordOutcome } from './helpers/record';
import type { TextRecord } from '../../lib/store/schema';
import { withWrite } from '../../lib/store/transaction';
import { keysWithText } from '../../lib/store/search';
import { readTexts } from '../../lib/store/texts';
import { contentHash } from '../../lib/model/normalize';
import type { Snapshot } from '../../lib/model/snapshot';
import {
  ARTICLE_KEY,
  editParagraph,
  LIVE_ENTRIES,
  LIVE_KEY,
  makeLiveSnapshot,
  makeSnapshot,
  PARAGRAPHS,
  paragraphs,
} from './helpers/snapshots';

let db: PalimpsestDB;
let captures = 0;

beforeEach(async () => {
  db = await openHistoryDb('history-test', new IDBFactory());
});
afterEach(() => db.close());

function capture(snapshot: Snapshot, now: number, captureId = `capture-${++captures}`): Promise<RecordOutcome> {
  return recordOutcome(db, snapshot, { now, captureId });
}

const A = makeSnapshot();
// One word changed ("angrily" -> "cautiously") and one number changed (14 -> 15 cables).
const B = makeSnapshot({ body: editParagraph(3, (text) => text.replace('angrily', 'cautiously')) });
const C = makeSnapshot({ body: editParagraph(1, (text) => text.replace('14 of', '15 of')) });
const TEASER = makeSnapshot({ body: paragraphs(PARAGRAPHS.slice(0, 2)) });

describe('recordSnapshot', () => {
  test('first visit creates the article, version 1 and a visit', async () => {
    expect(await capture(A, 1000)).toEqual({ kind: 'first', seq: 1 });
    const article = await getArticle(db, ARTICLE_KEY);
    expect(article).toMatchObject({
      urls: [stripTracking(A.url)],
      siteName: 'Example News',
      headline: A.headline,
      liveBlog: false,
      firstSeen: 1000,
      lastVisit: 1000,
      latestSeq: 1,
      versionCount: 1,
      lastOutcome: 'first',
      baseline: { seq: 1, visit: 1000, since: 1000 },
    });
    const version = await getVersion(db, ARTICLE_KEY, 1);
    const hash = await contentHash(A);
    expect(version).toMatchObject({ seq: 1, hash, body: A.body, partial: false, captureCount: 1 });
    expect(await getVisits(db, ARTICLE_KEY)).toMatchObject([{ time: 1000, seq: 1, partial: false }]);
  });

  test('invisible differences and page furniture leave the article unchanged', async () => {
    const withFurniture = (stamp: string) =>
      makeSnapshot({ body: [{ kind: 'p', text: stamp }, ...paragraphs(PARAGRAPHS)] });
    await capture(withFurniture('Updated 5 minutes ago'), 1000);
    const retyped = makeSnapshot({
      body: [
        { kind: 'p', text: 'Updated 2 hours ago' },
        ...paragraphs(PARAGRAPHS.map((text) => text.replace(/'/g, '\u2019').replace(/ /g, '  '))),
      ],
    });
    expect(await capture(retyped, 2000)).toEqual({ kind: 'unchanged', seq: 1, since: 1000 });
    expect(await capture(withFurniture('Updated 1 day ago'), 3000)).toEqual({ kind: 'unchanged', seq: 1, since: 1000 });
    expect(await countRecords(db)).toEqual({ articles: 1, versions: 1, visits: 3 });
    expect(await getVersion(db, ARTICLE_KEY, 1)).toMatchObject({ firstSeen: 1000, lastSeen: 3000, captureCount: 3 });
    expect(await getArticle(db, ARTICLE_KEY)).toMatchObject({ lastVisit: 3000, lastOutcome: 'unchanged' });
  });

  test('a changed word, then a changed number, each make a new version', async () => {
    await capture(A, 1000);
    expect(await capture(B, 2000)).toEqual({ kind: 'changed', seq: 2, baselineSeq: 1, baselineVisit: 1000 });
    const headline = 'Harbour Bridge to close for a month';
    const changedNumber = { ...C, headline, body: B.body.map((b, i) => (i === 1 ? C.body[1]! : b)) };
    expect(await capture(changedNumber, 3000)).toEqual({
      kind: 'changed',
      seq: 3,
      baselineSeq: 2,
      baselineVisit: 2000,
    });
    expect(await getArticle(db, ARTICLE_KEY)).toMatchObject({
      headline,
      latestSeq: 3,
      versionCount: 3,
      lastOutcome: 'changed',
    });
    expect((await getVersions(db, ARTICLE_KEY)).map((v) => v.seq)).toEqual([1, 2, 3]);
  });

  test('A -> B -> A is a revert to version 1, not a third version', async () => {
    await capture(A, 1000);
    await capture(B, 2000);
    expect(await capture(A, 3000)).toEqual({ kind: 'revert', seq: 1, baselineSeq: 2, baselineVisit: 2000 });
    expect(await countRecords(db)).toEqual({ articles: 1, versions: 2, visits: 3 });
    expect((await getVisits(db, ARTICLE_KEY)).map((v) => v.seq)).toEqual([1, 2, 1]);
    expect(await getArticle(db, ARTICLE_KEY)).toMatchObject({ latestSeq: 2, versionCount: 2, lastOutcome: 'revert' });
    // "Unchanged since" counts from the revert, not from when version 1 was first seen.
    expect(await capture(A, 4000)).toEqual({ kind: 'unchanged', seq: 1, since: 3000 });
  });

  test('a teaser is stored as partial, deletes nothing, and never becomes the baseline', async () => {
    await capture(A, 1000);
    expect(await capture(TEASER, 2000)).toEqual({ kind: 'partial', seq: 2, baselineSeq: 1, baselineVisit: 1000 });
    expect(await getVersion(db, ARTICLE_KEY, 2)).toMatchObject({ partial: true, body: TEASER.body });
    expect(await getVersion(db, ARTICLE_KEY, 1)).toMatchObject({ body: A.body, partial: false });
    expect(await getArticle(db, ARTICLE_KEY)).toMatchObject({
      headline: A.headline,
      lastOutcome: 'partial',
      baseline: { seq: 1, visit: 1000 },
    });
    // The same teaser again reuses its version.
    expect(await capture(TEASER, 2500)).toEqual({ kind: 'partial', seq: 2, baselineSeq: 1, baselineVisit: 1000 });
    expect(await capture(A, 3000)).toEqual({ kind: 'unchanged', seq: 1, since: 1000 });
    expect((await getVisits(db, ARTICLE_KEY)).map((v) => v.partial)).toEqual([false, true, true, false]);
    expect(await countRecords(db)).toEqual({ articles: 1, versions: 2, visits: 4 });
  });

  test('a capture cut off mid-paragraph is partial; a later edit is still measured from the full version', async () => {
    await capture(A, 1000);
    const cut = makeSnapshot({ body: paragraphs([PARAGRAPHS[0]!, PARAGRAPHS[1]!.slice(0, 60) + '\u2026']) });
    expect(await capture(cut, 2000)).toMatchObject({ kind: 'partial', baselineSeq: 1 });
    expect(await capture(B, 3000)).toEqual({ kind: 'changed', seq: 3, baselineSeq: 1, baselineVisit: 1000 });
  });

  test('a short capture that is not the start of the baseline is a change', async () => {
    await capture(A, 1000);
    const gutted = makeSnapshot({ body: paragraphs([PARAGRAPHS[0]!, PARAGRAPHS[5]!, PARAGRAPHS[7]!]) });
    expect(await capture(gutted, 2000)).toMatchObject({ kind: 'changed', seq: 2 });
  });

  test('a teaser as the very first capture is simply the first version (nothing to compare it with)', async () => {
    expect(await capture(TEASER, 1000)).toEqual({ kind: 'first', seq: 1 });
    expect(await getVersion(db, ARTICLE_KEY, 1)).toMatchObject({ partial: false });
    // Known limitation: the full text then reads as a change, since growth cannot be told from added paragraphs.
    expect(await capture(A, 2000)).toMatchObject({ kind: 'changed', seq: 2 });
  });

  test('a live blog gaining entries is an update, not a change', async () => {
    await capture(makeLiveSnapshot(), 1000);
    const newer = '23:55 The opposition leader has conceded her own seat, according to local officials.';
    expect(await capture(makeLiveSnapshot([newer, ...LIVE_ENTRIES]), 2000)).toEqual({
      kind: 'liveblog-update',
      seq: 2,
      baselineSeq: 1,
      baselineVisit: 1000,
      newEntries: 1,
    });
    // New entries may also appear between seen ones (a pinned explainer), not only on top.
    const entries = [
      '00:10 Results are now in from 400 of 650 seats.',
      newer,
      ...LIVE_ENTRIES.slice(0, 2),
      "Pinned: how to read tonight's exit poll, explained in three charts.",
      ...LIVE_ENTRIES.slice(2),
    ];
    const update = await capture(makeLiveSnapshot(entries), 3000);
    expect(update).toMatchObject({ kind: 'liveblog-update', seq: 3, baselineSeq: 2, newEntries: 2 });
    const article = await getArticle(db, LIVE_KEY);
    expect(article).toMatchObject({ liveBlog: true, latestSeq: 3, lastOutcome: 'liveblog-update' });
  });

  test('a live blog editing or removing a seen entry, or changing its headline, is a change', async () => {
    await capture(makeLiveSnapshot(), 1000);
    const edited = LIVE_ENTRIES.map((e, i) => (i === 1 ? e.replace('two seats', 'three seats') : e));
    expect(await capture(makeLiveSnapshot(edited), 2000)).toMatchObject({ kind: 'changed', seq: 2 });
    expect(await capture(makeLiveSnapshot(edited.slice(1)), 3000)).toMatchObject({ kind: 'changed', seq: 3 });
    const retitled = makeLiveSnapshot(['00:30 A new entry on top.', ...edited.slice(1)], {
      headline: 'Election night live: coalition loses majority',
    });
    expect(await capture(retitled, 4000)).toMatchObject({ kind: 'changed', seq: 4 });
  });

  test('a retried capture writes nothing and answers as the first attempt did', async () => {
    await capture(A, 1000, 'tab1-a');
    const first = await capture(B, 2000, 'tab1-b');
    const before = await countRecords(db);
    const article = await getArticle(db, ARTICLE_KEY);
    expect(await capture(B, 2100, 'tab1-b')).toEqual({ ...first, duplicate: true });
    expect(await capture(A, 2200, 'tab1-a')).toEqual({ kind: 'first', seq: 1, duplicate: true });
    expect(await countRecords(db)).toEqual(before);
    expect(await getArticle(db, ARTICLE_KEY)).toEqual(article);
  });

  test('two tabs capturing the same new content at once store one version and two visits', async () => {
    // Hashing happens outside the transaction, so either capture may reach the database first.
    const firsts = await Promise.all([capture(A, 1000), capture(A, 1000)]);
    expect(firsts.map((o) => o.kind).sort()).toEqual(['first', 'unchanged']);
    const changes = await Promise.all([capture(B, 2000), capture(B, 2000)]);
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'changed', seq: 2, baselineSeq: 1, baselineVisit: 1000 },
        { kind: 'unchanged', seq: 2, since: 2000 },
      ]),
    );
    expect(await countRecords(db)).toEqual({ articles: 1, versions: 2, visits: 4 });
    expect(await getVersion(db, ARTICLE_KEY, 2)).toMatchObject({ captureCount: 2 });
  });

  test('urls are distinct, most recent last, capped at 20; a missing site name keeps the known one', async () => {
    await capture(A, 900);
    for (let i = 0; i < 25; i++) await capture({ ...A, url: `${ARTICLE_KEY}?v=${i}`, siteName: null }, 1000 + i);
    await capture({ ...A, url: `${ARTICLE_KEY}?v=10`, siteName: null }, 2000);
    const article = await getArticle(db, ARTICLE_KEY);
    expect(article?.urls).toHaveLength(20);
    expect(article?.urls.at(-1)).toBe(`${ARTICLE_KEY}?v=10`);
    expect(new Set(article?.urls).size).toBe(20);
    expect(article?.siteName).toBe('Example News');
  });
});

/** Texts every version of A-like snapshots stores besides its paragraphs: metadata, headline, dek, byline. */
const FIELD_TEXTS = 4;

/** The texts an article has stored, by ref (a record of the texts store holds the texts written together). */
async function storedTexts(key = ARTICLE_KEY): Promise<Map<string, TextRecord>> {
  const tx = db.transaction('texts');
  return (await readTexts(tx.store, key)).records;
}

describe('content-addressed bodies', () => {
  test('an edit of one paragraph stores one new text; shared and repeated paragraphs are stored once', async () => {
    await capture(A, 1000);
    expect((await storedTexts()).size).toBe(PARAGRAPHS.length + FIELD_TEXTS);
    await capture(B, 2000);
    expect((await storedTexts()).size).toBe(PARAGRAPHS.length + FIELD_TEXTS + 1);
    const repeated = makeSnapshot({ body: [...B.body, B.body[0]!, { kind: 'h', text: PARAGRAPHS[0]! }] });
    await capture(repeated, 3000);
    expect((await storedTexts()).size).toBe(PARAGRAPHS.length + FIELD_TEXTS + 1);
    expect((await getVersion(db, ARTICLE_KEY, 3))!.body).toEqual(repeated.body);
    const stored = await db.get('versions', [ARTICLE_KEY, 3]);
    expect(stored!.body.split(' ')).toHaveLength(repeated.body.length);
    // The heading repeating the first paragraph is marked as a heading; paragraphs carry no kind letter.
    expect(stored!.body.split(' ').at(-1)).toBe(`H${stored!.body.split(' ')[0]}`);
    // Texts written together are one record: the first capture's, then the edit's.
    expect(await db.count('texts')).toBe(2);
  });

  test('an edited paragraph and headline are stored as deltas of what they replaced, and read back whole', async () => {
    await capture(A, 1000);
    const sentence = ' Officials later said the closure could be shortened by a week.';
    const edited = makeSnapshot({
      headline: 'Harbour Bridge to close for two weeks as cables corrode',
      body: editParagraph(4, (text) => text + sentence),
    });
    await capture(edited, 2000);
    const v2 = (await db.get('versions', [ARTICLE_KEY, 2]))!;
    const v1 = (await db.get('versions', [ARTICLE_KEY, 1]))!;
    // Unchanged fields and paragraphs are shared by reference.
    expect(v2.fields[0]).toBe(v1.fields[0]);
    expect(v2.fields[2]).toBe(v1.fields[2]);
    const newRefs = v2.body.split(' ').filter((ref) => !v1.body.split(' ').includes(ref));
    expect(newRefs).toHaveLength(1);
    const texts = await storedTexts();
    expect(texts.get(newRefs[0]!)).toEqual({ base: v1.body.split(' ')[4], ops: [PARAGRAPHS[4]!.length, sentence] });
    expect(texts.get(v2.fields[1])).toMatchObject({ base: v1.fields[1] });
    expect(await getVersion(db, ARTICLE_KEY, 2)).toMatchObject({ headline: edited.headline, body: edited.body });
    // A delta of a delta resolves too, and the original is still whole.
    const again = makeSnapshot({ headline: edited.headline, body: editParagraph(4, (text) => `${text}${sentence} Again.`) });
    await capture(again, 3000);
    expect((await getVersions(db, ARTICLE_KEY)).map((v) => v.body)).toEqual([A.body, edited.body, again.body]);
  });

  test('new refs go above every ref the article has, so none is ever reused for another text', async () => {
    await capture(A, 1000);
    const refs = [...(await storedTexts()).keys()].map((ref) => parseInt(ref, 36));
    // A stray text far above the others (as a later, pruned capture could leave).
    await db.put('texts', [{ text: 'Squatter.' }], [ARTICLE_KEY, (100).toString(36)]);
    const text = 'A paragraph added in the second version.';
    const next = makeSnapshot({ body: [...A.body, { kind: 'p', text }, { kind: 'p', text: `${text} Twice.` }] });
    await capture(next, 2000);
    expect((await getVersion(db, ARTICLE_KEY, 2))!.body).toEqual(next.body);
    const after = await storedTexts();
    expect(after.get((100).toString(36))).toEqual({ text: 'Squatter.' });
    expect(after.size).toBe(refs.length + 3);
    expect(Math.min(...[...after.keys()].map((ref) => parseInt(ref, 36)).filter((n) => !refs.includes(n)))).toBe(100);
  });
});

describe('maintenance', () => {
  const OTHER = makeSnapshot({ key: 'https://other.example/story', url: 'https://other.example/story' });

  test('deleteArticle removes one article with all its versions and visits', async () => {
    await capture(A, 1000);
    await capture(B, 2000);
    await capture(OTHER, 3000);
    await deleteArticle(db, ARTICLE_KEY);
    expect(await getArticle(db, ARTICLE_KEY)).toBeUndefined();
    expect(await getVersions(db, ARTICLE_KEY)).toEqual([]);
    expect(await getVisits(db, ARTICLE_KEY)).toEqual([]);
    expect(await countRecords(db)).toEqual({ articles: 1, versions: 1, visits: 1 });
    // Its texts and search record went with it; the other article's stayed.
    expect((await storedTexts(ARTICLE_KEY)).size).toBe(0);
    expect((await storedTexts(OTHER.key)).size).toBe(PARAGRAPHS.length + FIELD_TEXTS);
    expect(await db.getAllKeys('search')).toEqual([OTHER.key]);
    // Recorded again from scratch afterwards.
    expect(await capture(B, 4000)).toEqual({ kind: 'first', seq: 1 });
  });

  test("deleteSite removes every article of one site, and only those (issue 17: freeing space)", async () => {
    const ELSEWHERE = { siteName: 'Other Example' };
    const SIBLING = makeSnapshot({ key: 'https://other.example/second', url: 'https://other.example/second', ...ELSEWHERE });
    await capture(A, 1000);
    await capture({ ...OTHER, ...ELSEWHERE }, 2000);
    await capture(SIBLING, 3000);
    const site = (await getArticle(db, OTHER.key))!.siteName!;
    expect((await getArticle(db, ARTICLE_KEY))!.siteName).not.toBe(site);
    expect(await deleteSite(db, site)).toBe(2);
    expect(await countRecords(db)).toEqual({ articles: 1, versions: 1, visits: 1 });
    expect(await getArticle(db, ARTICLE_KEY)).toBeDefined();
    expect((await storedTexts(OTHER.key)).size + (await storedTexts(SIBLING.key)).size).toBe(0);
    expect(await db.getAllKeys('search')).toEqual([ARTICLE_KEY]);
    expect(await deleteSite(db, 'Nobody')).toBe(0);
  });

  test('a failure part-way through a write rolls the whole transaction back', async () => {
    await capture(A, 1000);
    const before = await countRecords(db);
    const failing = withWrite(db, async (tx) => {
      await tx.objectStore('articles').delete(ARTICLE_KEY);
      throw new Error('bug after the first write');
    });
    await expect(failing).rejects.toThrow('bug after the first write');
    expect(await countRecords(db)).toEqual(before);
  });

  test('clearAll empties every store', async () => {
    await capture(A, 1000);
    await capture(OTHER, 2000);
    await clearAll(db);
    expect(await countRecords(db)).toEqual({ articles: 0, versions: 0, visits: 0 });
    expect(await db.count('texts')).toBe(0);
    expect(await db.count('search')).toBe(0);
  });

  test('pruneBefore drops old articles, visits and versions but keeps the latest and the baseline', async () => {
    await capture(A, 100);
    await capture(B, 200);
    await capture(B, 900);
    await capture(OTHER, 300);
    const partialKey = 'https://partial.example/story';
    await capture({ ...A, key: partialKey }, 100);
    await capture({ ...TEASER, key: partialKey }, 600);

    expect(await pruneBefore(db, 500)).toEqual({ articles: 1, versions: 2, visits: 4 });
    expect(await getArticle(db, OTHER.key)).toBeUndefined();
    expect((await getVersions(db, ARTICLE_KEY)).map((v) => v.seq)).toEqual([2]);
    expect(await getVisits(db, ARTICLE_KEY)).toMatchObject([{ time: 900, seq: 2 }]);
    expect(await getArticle(db, ARTICLE_KEY)).toMatchObject({ versionCount: 1, latestSeq: 2 });
    // Texts only the pruned versions used are gone; every kept version still reads back whole.
    expect((await getVersion(db, ARTICLE_KEY, 2))!.body).toEqual(B.body);
    expect((await storedTexts(ARTICLE_KEY)).size).toBe(PARAGRAPHS.length + FIELD_TEXTS);
    expect((await storedTexts(OTHER.key)).size).toBe(0);
    // And the search index forgot the pruned text, the gone article, and kept the rest.
    expect([...(await keysWithText(db, 'reacted cautiously'))]).toEqual([ARTICLE_KEY]);
    expect((await keysWithText(db, 'reacted angrily')).has(ARTICLE_KEY)).toBe(false);
    expect((await db.getAllKeys('search')).sort()).toEqual([ARTICLE_KEY, partialKey].sort());
    // The baseline (seq 1, last seen at 100) survives behind a newer partial version.
    expect((await getVersions(db, partialKey)).map((v) => v.seq)).toEqual([1, 2]);
    expect(await capture({ ...A, key: partialKey }, 700)).toEqual({ kind: 'unchanged', seq: 1, since: 100 });
    // A version that disappeared gets a fresh seq when its content returns.
    expect(await capture(A, 1000)).toMatchObject({ kind: 'changed', seq: 3, baselineSeq: 2 });
  });
});

describe('property: versions are exactly the distinct contents seen', () => {
  const POOL: Snapshot[] = [
    A,
    makeSnapshot({ body: paragraphs(PARAGRAPHS.map((t) => t.replace(/"/g, '\u201C'))) }),
    B,
    C,
    TEASER,
    makeSnapshot({ body: paragraphs(PARAGRAPHS.slice(0, 3)) }),
  ];

  test('random capture sequences', async () => {
    const hashes = await Promise.all(POOL.map((s) => contentHash(s)));
    const sequences = fc.array(fc.integer({ min: 0, max: POOL.length - 1 }), { minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(sequences, async (picks) => {
        const run = await openHistoryDb('property', new IDBFactory());
        try {
          let baselineHash: string | undefined;
          for (const [i, pick] of picks.entries()) {
            const outcome = await recordOutcome(run, POOL[pick]!, { now: 1000 + i, captureId: `p${i}` });
            const hash = hashes[pick]!;
            if (i === 0) expect(outcome.kind).toBe('first');
            else expect(outcome.kind === 'unchanged').toBe(hash === baselineHash);
            // Only complete captures become what the next one is compared with.
            if (outcome.kind !== 'partial') baselineHash = hash;
          }
          const versions = await getVersions(run, ARTICLE_KEY);
          const visits = await getVisits(run, ARTICLE_KEY);
          const distinct = new Set(picks.map((p) => hashes[p]));
          expect(new Set(versions.map((v) => v.hash))).toEqual(distinct);
          expect(versions).toHaveLength(distinct.size);
          expect(visits).toHaveLength(picks.length);
          const seqs = new Set(versions.map((v) => v.seq));
          for (const visit of visits) expect(seqs.has(visit.seq)).toBe(true);
          expect(await getArticle(run, ARTICLE_KEY)).toMatchObject({
            versionCount: versions.length,
            latestSeq: Math.max(...seqs),
          });
        } finally {
          run.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('captures read by newer extraction rules', () => {
  test('become the baseline without claiming an edit; later edits are compared with them', async () => {
    const oldRules = { ...A, extractor: { ...A.extractor, rules: A.extractor.rules - 1 }, body: [...A.body, { kind: 'p' as const, text: 'Photo: Agency' }] };
    expect(await capture(oldRules, 1000)).toEqual({ kind: 'first', seq: 1 });
    // Same article, read by today's rules: the caption is gone. No edit is claimed.
    expect(await capture(A, 2000)).toEqual({ kind: 'reread', seq: 2, baselineSeq: 1, baselineVisit: 1000 });
    expect((await getArticle(db, ARTICLE_KEY))?.baseline).toMatchObject({ seq: 2, visit: 2000 });
    // Read the same way again: unchanged since the reread.
    expect(await capture(A, 3000)).toEqual({ kind: 'unchanged', seq: 2, since: 2000 });
    // A real edit afterwards is an edit.
    expect(await capture(B, 4000)).toMatchObject({ kind: 'changed', seq: 3, baselineSeq: 2 });
  });

  test('the same content under other rules is still unchanged', async () => {
    await capture({ ...A, extractor: { ...A.extractor, rules: A.extractor.rules - 1 } }, 1000);
    expect(await capture(A, 2000)).toEqual({ kind: 'unchanged', seq: 1, since: 1000 });
  });
});
