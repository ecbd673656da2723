/**
 * Issue 15, items 8 and 9: one damaged record does not block the export of the rest (it is named in the file and
 * returned for the screen, and an import of that file merges the rest and reports what was skipped), while a file
 * that is not sane (an article without versions, impossible dates, versions out of order, unknown fields) is refused
 * with a message naming the record, and changes nothing.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, test } from 'vitest';
import { openHistoryDb } from '../../lib/store/open';
import type { PalimpsestDB } from '../../lib/store/schema';
import { recordSnapshot } from '../../lib/store/record';
import { countRecords, getArticle } from '../../lib/store/read';
import { STORES } from '../../lib/store/transaction';
import { exportHistory, exportText, serializeExport } from '../../lib/transfer/export';
import type { DamagedRecord } from '../../lib/model/outcome';
import type { ExportFile } from '../../lib/transfer/format';
import { importHistory } from '../../lib/transfer/merge';
import { parseImport } from '../../lib/transfer/parse';
import { exportedLine } from '../../lib/view/transfer-actions';
import { ARTICLE_KEY, editParagraph, makeSnapshot } from './helpers/snapshots';

const T0 = Date.UTC(2024, 4, 14, 9, 30);
const NOW = Date.UTC(2024, 5, 1, 12);
const OTHER = 'https://other.example/story';

let db: PalimpsestDB;
beforeEach(async () => {
  db = await openHistoryDb('hostile-transfer', new IDBFactory());
  await recordSnapshot(db, makeSnapshot(), { now: T0, captureId: 'a1' });
  await recordSnapshot(db, makeSnapshot({ body: editParagraph(2, (t) => `${t} Updated.`) }), { now: T0 + 60_000, captureId: 'a2' });
  await recordSnapshot(db, makeSnapshot({ key: OTHER, url: OTHER, headline: 'Ferries double their crossings' }), {
    now: T0 + 120_000,
    captureId: 'b1',
  });
  return () => db.close();
});

async function dump(target: PalimpsestDB): Promise<string> {
  const tx = target.transaction(STORES, 'readonly');
  const all = await Promise.all(STORES.map((store) => tx.objectStore(store).getAll()));
  return JSON.stringify(all);
}

describe('one damaged record does not block the rest (item 8)', () => {
  test('a version whose text is gone and one whose hash does not match are named; everything else is exported and imports', async () => {
    // Damage: the second version's hash no longer matches its content, and the other article's texts are gone.
    const second = (await db.get('versions', [ARTICLE_KEY, 2]))!;
    await db.put('versions', { ...second, hash: '0'.repeat(64) });
    await db.delete('texts', IDBKeyRange.bound([OTHER, ''], [OTHER, '\uffff']));

    const file = await exportHistory(db, { now: NOW });
    // The streamed file is the same, damaged list included.
    const damaged: DamagedRecord[] = [];
    const pieces: string[] = [];
    for await (const piece of exportText(db, { now: NOW }, damaged)) pieces.push(piece);
    expect(pieces.join('')).toBe(serializeExport(file));
    expect(damaged).toEqual(file.damaged);
    // Articles in key order: other.example's before www.example-news.com's.
    expect(file.damaged).toEqual([
      { key: OTHER, seq: 1, problem: expect.stringMatching(/^text cannot be read/) },
      { key: OTHER, seq: null, problem: 'no readable version' },
      { key: ARTICLE_KEY, seq: 2, problem: 'content does not match its hash' },
    ]);
    expect(file.articles.map((a) => [a.key, a.versions.map((v) => v.seq), a.visits.map((v) => v.seq)])).toEqual([
      [ARTICLE_KEY, [1], [1]],
    ]);

    const parsed = await parseImport(serializeExport(file), { now: NOW });
    if (!parsed.ok) throw new Error(parsed.error);
    const target = await openHistoryDb('import-target', new IDBFactory());
    const result = await importHistory(target, parsed.file);
    expect(result.skipped).toEqual(file.damaged);
    expect(result.added).toEqual({ articles: 1, versions: 1, visits: 1 });
    expect(await getArticle(target, ARTICLE_KEY)).toBeDefined();
    target.close();
  });

  test('the history page’s status line names what was left out', () => {
    expect(exportedLine('Exported.', [])).toBe('Exported.');
    expect(
      exportedLine('Exported.', [
        { key: OTHER, seq: null, problem: 'no readable version' },
        { key: ARTICLE_KEY, seq: 2, problem: 'content does not match its hash' },
      ]),
    ).toBe(
      `Exported. 2 damaged records were left out and are named in the file: ${OTHER}: no readable version; ` +
        `${ARTICLE_KEY} version 2: content does not match its hash`,
    );
  });

  test('an undamaged history exports without a damaged field', async () => {
    expect(await exportHistory(db, { now: NOW })).not.toHaveProperty('damaged');
  });
});

describe('import sanity (item 9)', () => {
  const mutations: [string, (file: ExportFile) => void, RegExp][] = [
    // Articles in key order: [0] is other.example's (one version), [1] the bridge story (two versions, two visits).
    ['an article with no versions', (f) => ((f.articles[0]!.versions = []), (f.articles[0]!.visits = [])),
      /^articles\[0\] \(https:\/\/other\.example\/story\): an article must have at least one version$/],
    ['a date before 1990', (f) => (f.articles[1]!.versions[0]!.firstSeen = '1989-12-31T23:59:59.000Z'),
      /^articles\[1\]\.versions\[0\]\.firstSeen: 1989-12-31T23:59:59\.000Z is before 1990$/],
    ['a date more than a day in the future', (f) => (f.articles[1]!.visits[1]!.time = '2024-06-02T12:00:01.000Z'),
      /^articles\[1\]\.visits\[1\]\.time: 2024-06-02T12:00:01\.000Z is more than a day in the future$/],
    ['versions out of order', (f) => f.articles[1]!.versions.reverse(),
      /^articles\[1\]\.versions\[1\]\.seq: versions are out of order \(1 comes after 2\)$/],
    ['an unknown top-level field', (f) => Object.assign(f, { comment: 'hi' }), /^comment: unexpected field$/],
    ['an unknown field in a damaged record', (f) => (f.damaged = [{ key: 'x', seq: 1, problem: 'p', extra: 1 } as never]),
      /^damaged\[0\]\.extra: unexpected field$/],
  ];
  test.each(mutations)('%s is refused with a message naming the record, and nothing is written', async (_name, mutate, message) => {
    const file = await exportHistory(db, { now: NOW });
    mutate(file);
    const target = await openHistoryDb('import-refused', new IDBFactory());
    const before = await dump(target);
    const parsed = await parseImport(JSON.stringify(file), { now: NOW });
    expect(parsed).toEqual({ ok: false, error: expect.stringMatching(message) });
    expect(await dump(target)).toBe(before);
    expect(await countRecords(target)).toEqual({ articles: 0, versions: 0, visits: 0 });
    target.close();
  });

  test('a day of clock difference is accepted', async () => {
    const file = await exportHistory(db, { now: NOW });
    file.articles[1]!.visits[1]!.time = '2024-06-02T11:59:59.000Z';
    file.articles[1]!.lastVisit = '2024-06-02T11:59:59.000Z';
    expect((await parseImport(JSON.stringify(file), { now: NOW })).ok).toBe(true);
  });
});
