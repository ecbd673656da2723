/**
 * Issue 15, items 2 and 7: a page that keeps rewriting one article is bounded per rolling hour (what is over the bound
 * is dropped, never stored, and counted for the history page), and retention works for any size and remembers when
 * it last pruned across the background's restarts.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, test } from 'vitest';
import { handleCapture } from '../../lib/service/capture';
import { createPruner } from '../../lib/service/retention';
import { openHistoryDb } from '../../lib/store/open';
import { pruneBefore } from '../../lib/store/prune';
import { countRecords, getArticle, getVersions } from '../../lib/store/read';
import { recordSnapshot } from '../../lib/store/record';
import type { PalimpsestDB } from '../../lib/store/schema';
import { droppedCaptures } from '../../lib/view/data';
import { exportHistory, serializeExport } from '../../lib/transfer/export';
import { parseImport } from '../../lib/transfer/parse';
import { importHistory } from '../../lib/transfer/merge';
import { FLOOD } from '../../lib/model/limits';
import { DEFAULT_SETTINGS } from '../../lib/platform/settings';
import { ARTICLE_KEY, editParagraph, makeSnapshot } from './helpers/snapshots';

const T0 = Date.UTC(2024, 4, 14, 9, 30);
const SECOND = 1000;
const HOUR = 3_600_000;

let db: PalimpsestDB;
beforeEach(async () => {
  db = await openHistoryDb('hostile-store', new IDBFactory());
  return () => db.close();
});

/** The story with its first paragraph rewritten for the n-th time: a new version each time. */
const rewrite = (n: number) => makeSnapshot({ body: editParagraph(0, (text) => `Update ${n}: ${text}`) });

const capture = (n: number, now: number) =>
  handleCapture(db, { snapshot: rewrite(n), captureId: `flood-${n}`, senderUrl: ARTICLE_KEY, settings: DEFAULT_SETTINGS, now });

describe('floods (item 2, the background’s bound)', () => {
  test(`a page rewriting its story every 3 seconds stores at most ${FLOOD.versionsPerHour} versions an hour; the rest are dropped and counted`, async () => {
    const replies = [];
    for (let n = 0; n < FLOOD.versionsPerHour + 1 + 10; n++) replies.push((await capture(n, T0 + n * 3 * SECOND)).reply);
    // The first capture is the article's first version, then FLOOD.versionsPerHour - 1 more; the rest are dropped.
    expect(replies.filter((reply) => reply.ok)).toHaveLength(FLOOD.versionsPerHour);
    expect(replies.at(-1)).toMatchObject({ ok: false, reason: 'flood' });
    const key = 'example-news.com/world/2024/harbour-bridge-closure';
    expect(await countRecords(db)).toEqual({ articles: 1, versions: FLOOD.versionsPerHour, visits: FLOOD.versionsPerHour });
    expect((await getArticle(db, key))?.versionCount).toBe(FLOOD.versionsPerHour);
    expect(await droppedCaptures(db)).toEqual({ count: 11, last: T0 + 30 * 3 * SECOND, lastKey: key });
  });

  test('the hour rolls: an hour after the flood began, the article records edits again', async () => {
    for (let n = 0; n < FLOOD.versionsPerHour; n++) await capture(n, T0 + n * SECOND);
    expect((await capture(100, T0 + 30 * 60 * SECOND)).reply).toMatchObject({ ok: false, reason: 'flood' });
    expect((await capture(101, T0 + HOUR + 2 * SECOND)).reply).toMatchObject({ ok: true, outcome: { kind: 'changed' } });
    expect((await droppedCaptures(db)).count).toBe(1);
  });

  test('visits that add no version (unchanged, reverts) are never dropped', async () => {
    for (let n = 0; n < FLOOD.versionsPerHour; n++) await capture(n, T0 + n * SECOND);
    const again = await handleCapture(db, {
      snapshot: rewrite(3), captureId: 'revert', senderUrl: ARTICLE_KEY, settings: DEFAULT_SETTINGS, now: T0 + 60 * SECOND,
    });
    expect(again.reply).toMatchObject({ ok: true, outcome: { kind: 'revert', seq: 4 } });
    expect((await droppedCaptures(db)).count).toBe(0);
  });
});

describe('pruning for any size (item 7)', () => {
  test('an article whose kept versions use 300,000 texts is pruned (no spreading into Math.min)', async () => {
    await recordSnapshot(db, rewrite(1), { now: T0, captureId: 'old' });
    await recordSnapshot(db, rewrite(2), { now: T0 + 40 * 86_400_000, captureId: 'new' });
    // The latest version made to use as many texts as years of a busy live blog would (built directly: the caps keep
    // one capture far smaller), so the texts pruning keeps are many.
    const first = 1000;
    const many = Array.from({ length: 300_000 }, (_, i) => ({ text: `entry ${i}` }));
    await db.put('texts', many, [ARTICLE_KEY, first.toString(36)]);
    const latest = (await db.get('versions', [ARTICLE_KEY, 2]))!;
    const refs = many.map((_, i) => (first + i).toString(36)).join(' ');
    await db.put('versions', { ...latest, body: `${latest.body} ${refs}` });

    const removed = await pruneBefore(db, T0 + 30 * 86_400_000);
    expect(removed).toEqual({ articles: 0, versions: 1, visits: 1 });
    const [kept] = await getVersions(db, ARTICLE_KEY);
    expect(kept?.body.slice(0, rewrite(2).body.length)).toEqual(rewrite(2).body);
    expect(kept?.body.at(-1)).toEqual({ kind: 'p', text: 'entry 299999' });
  });

  test('when it last pruned survives the background’s restart (a new pruner), so it still prunes at most hourly', async () => {
    await recordSnapshot(db, rewrite(1), { now: T0, captureId: 'old' });
    const settings = { ...DEFAULT_SETTINGS, retentionDays: 30 };
    const later = T0 + 40 * 86_400_000;
    expect(await createPruner()(db, settings, later)).toBe(true);
    // The worker slept and woke: its memory is gone, the database is not.
    expect(await createPruner()(db, settings, later + 10 * 60 * SECOND)).toBe(false);
    expect(await createPruner()(db, settings, later + HOUR)).toBe(true);
    expect(await db.get('meta', 'prunedAt')).toBe(later + HOUR);
  });
});

describe('no identifying URL parameters (item 11)', () => {
  const TRACKED = `${ARTICLE_KEY}?utm_source=newsletter&utm_medium=email&mc_eid=5f3a9b&mc_cid=77&_hsenc=p2AN&fbclid=IwAR&gclid=Cj0&id=4`;
  const UNTRACKED = /utm_|mc_eid|mc_cid|_hsenc|fbclid|gclid/;

  test('the export never contains them, even from a record stored with them', async () => {
    await recordSnapshot(db, makeSnapshot({ url: TRACKED }), { now: T0, captureId: 'tracked' });
    const text = serializeExport(await exportHistory(db, { now: T0 + HOUR }));
    expect(text).not.toMatch(UNTRACKED);
    expect(text).toContain(`${ARTICLE_KEY}?id=4`);
  });

  test('an imported file’s URLs are stored without them', async () => {
    await recordSnapshot(db, makeSnapshot({ url: `${ARTICLE_KEY}?id=4` }), { now: T0, captureId: 'clean' });
    const file = await exportHistory(db, { now: T0 + HOUR });
    file.articles[0]!.urls = [TRACKED];
    file.articles[0]!.versions[0]!.url = TRACKED;
    // As a format 1 file (before the evidence chain, which covers the URL) would carry it.
    file.formatVersion = 1;
    delete file.articles[0]!.head;
    delete file.articles[0]!.versions[0]!.chain;
    const parsed = await parseImport(serializeExport(file));
    if (!parsed.ok) throw new Error(parsed.error);
    const target = await openHistoryDb('import-target', new IDBFactory());
    await importHistory(target, parsed.file);
    expect((await getArticle(target, ARTICLE_KEY))?.urls).toEqual([`${ARTICLE_KEY}?id=4`]);
    expect((await getVersions(target, ARTICLE_KEY))[0]?.url).toBe(`${ARTICLE_KEY}?id=4`);
    target.close();
  });
});
