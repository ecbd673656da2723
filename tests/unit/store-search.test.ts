/**
 * The search index (lib/store/search.ts): it answers exactly as a scan of every stored version would, and it is kept
 * up to date by everything that writes history: recording, importing, deleting, pruning, clearing, migrating (the
 * last in db.test.ts).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openHistoryDb } from '../../lib/store/open';
import { type PalimpsestDB } from '../../lib/store/schema';
import { exportHistory, serializeExport } from '../../lib/transfer/export';
import { clearAll, deleteArticle, pruneBefore } from '../../lib/store/prune';
import { getVersions } from '../../lib/store/read';
import { recordSnapshot } from '../../lib/store/record';
import { importHistory } from '../../lib/transfer/merge';
import { parseImport } from '../../lib/transfer/parse';
import type { Snapshot } from '../../lib/model/snapshot';
import { CONTEXT, keysWithText, recordHas, searchRecord } from '../../lib/store/search';
import { fold } from '../../lib/model/normalize';
import { TextIndex, toStored } from '../../lib/store/texts';
import { searchable } from '../../lib/model/normalize';
import { ARTICLE_KEY, editParagraph, makeSnapshot, PARAGRAPHS } from './helpers/snapshots';

let db: PalimpsestDB;
let captures = 0;
beforeEach(async () => {
  db = await openHistoryDb('search-test', new IDBFactory());
});
afterEach(() => db.close());

// Times are offsets from T0: an import refuses times before 1990 (lib/transfer/parse.ts).
const T0 = Date.UTC(2024, 4, 14, 9, 30);
const capture = (snapshot: Snapshot, now: number) => recordSnapshot(db, snapshot, { now: T0 + now, captureId: `c${++captures}` });

const OTHER = makeSnapshot({ key: 'https://other.example/story', url: 'https://other.example/story' });
const SENTENCE = ' Officials later said the closure could be shortened by a week.';
const EDITED = makeSnapshot({ body: editParagraph(4, (text) => text + SENTENCE) });

/** What a full scan of every stored version would answer: the reference the index must agree with. */
async function scan(target: PalimpsestDB, text: string): Promise<Set<string>> {
  const needle = searchable(text.trim());
  const hits = new Set<string>();
  for (const key of await target.getAllKeys('articles')) {
    for (const v of await getVersions(target, key)) {
      const fields = [v.headline, v.dek ?? '', v.byline ?? '', ...v.body.map((b) => b.text)];
      if (fields.some((f) => searchable(f).includes(needle))) hits.add(key);
    }
  }
  return hits;
}

describe('fold', () => {
  test('is searchable() for every character of its fast path, and for text mixing both', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      expect(fold(ch)).toBe(searchable(ch));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(fold(a + b)).toBe(searchable(a + b));
        expect(fold(a)).toBe(searchable(a));
      }),
    );
  });
});

describe('the index', () => {
  test('finds text of any version, old and new, in any field, and nothing else', async () => {
    await capture(makeSnapshot(), 1000);
    await capture(EDITED, 2000);
    await capture(makeSnapshot({ ...EDITED, headline: 'Harbour Bridge to close for a month', byline: 'By Ana Ruiz' }), 3000);
    await capture(OTHER, 4000);
    for (const needle of [
      'officials LATER said',
      'shortened by a week.',
      // Across the edit: the end of the old paragraph and the start of the inserted sentence.
      'the inspection report. officials',
      'for a month',
      'three weeks as cables',
      'ana ruiz',
      'Jonas Lindqvist',
      'harbour bridge',
      'Commuters face weeks',
      'zzz',
      // Longer than the windows kept around an edit: found by rebuilding the edited text.
      `accelerated the corrosion, according to the inspection report.${SENTENCE}`,
      `${PARAGRAPHS[4]!.slice(-60)}${SENTENCE.slice(0, 40)}`,
    ]) {
      expect(await keysWithText(db, needle), needle).toEqual(await scan(db, needle));
    }
    expect([...(await keysWithText(db, 'officials later said'))]).toEqual([ARTICLE_KEY]);
    expect((await keysWithText(db, 'harbour bridge')).size).toBe(2);
  });

  test('finds curly quotes, dashes and no-break spaces by what the reader types: straight quotes, hyphens, spaces', async () => {
    const typographic = makeSnapshot({
      body: editParagraph(1, () => 'Ms\u00a0Okafor said it was taken “with great reluctance” \u2014 after the ‘worst’ report.'),
    });
    await capture(typographic, 1000);
    for (const needle of ['ms okafor said', 'taken "with great reluctance" - after', "the 'worst' report", 'RELUCTANCE”']) {
      expect([...(await keysWithText(db, needle))], needle).toEqual([ARTICLE_KEY]);
      expect(await keysWithText(db, needle), needle).toEqual(await scan(db, needle));
    }
  });

  test('a long needle across an edit is found by rebuilding the text, and only there', () => {
    const texts = new TextIndex('k');
    const before = `${'a'.repeat(100)} middle ${'b'.repeat(100)}`;
    const after = `${'a'.repeat(100)} MIDDLE changed ${'b'.repeat(100)}`;
    toStored(
      { ...makeSnapshot({ body: [{ kind: 'p', text: before }] }), key: 'k', seq: 1, hash: 'h1', firstSeen: 1, lastSeen: 1, partial: false, captureCount: 1, chain: { prev: null, hash: 'c' } },
      texts,
    );
    const first = searchRecord(texts);
    toStored(
      { ...makeSnapshot({ body: [{ kind: 'p', text: after }] }), key: 'k', seq: 2, hash: 'h2', firstSeen: 2, lastSeen: 2, partial: false, captureCount: 1, chain: { prev: null, hash: 'c' } },
      texts,
      { headline: makeSnapshot().headline, dek: makeSnapshot().dek, byline: makeSnapshot().byline, body: [{ kind: 'p', text: before }] },
    );
    const record = searchRecord(texts);
    // The edited paragraph is indexed as a delta (and windows around its edit), not whole again.
    expect(record.length - first.length).toBeLessThan(after.length / 2);
    const long = `${'a'.repeat(CONTEXT + 10)} middle changed ${'b'.repeat(CONTEXT + 10)}`;
    expect(recordHas(record, long)).toBe(true);
    expect(recordHas(record, `${'a'.repeat(CONTEXT + 10)} middle ${'b'.repeat(CONTEXT + 10)}`)).toBe(true);
    expect(recordHas(record, `${'a'.repeat(CONTEXT + 10)} middle unchanged`)).toBe(false);
    expect(recordHas(record, 'middle changed')).toBe(true);
    expect(recordHas(record, 'changed b')).toBe(true);
  });

  test('follows deletion, pruning and clearing', async () => {
    await capture(makeSnapshot(), 100);
    await capture(EDITED, 900);
    await capture(OTHER, 300);
    await deleteArticle(db, OTHER.key);
    expect(await db.getAllKeys('search')).toEqual([ARTICLE_KEY]);
    expect((await keysWithText(db, 'harbour bridge')).size).toBe(1);

    // Version 1 goes; its paragraph, which version 2's edited one was a delta of, goes from the index too.
    const edit2 = makeSnapshot({ body: editParagraph(4, (text) => text.replace('1971', '1972') + SENTENCE) });
    await capture(edit2, 950);
    await pruneBefore(db, T0 + 500);
    expect((await getVersions(db, ARTICLE_KEY)).map((v) => v.seq)).toEqual([2, 3]);
    for (const needle of ['opened in 1971', 'opened in 1972', 'shortened by a week', 'harbour bridge']) {
      expect(await keysWithText(db, needle), needle).toEqual(await scan(db, needle));
    }
    expect((await keysWithText(db, 'opened in 1972')).size).toBe(1);

    await clearAll(db);
    expect(await db.count('search')).toBe(0);
    expect((await keysWithText(db, 'harbour')).size).toBe(0);
  });

  test('is built by an import, and stays right when an import adds versions to a known article', async () => {
    await capture(makeSnapshot(), 1000);
    await capture(EDITED, 2000);
    await capture(OTHER, 3000);
    const file = await parseImport(serializeExport(await exportHistory(db)));
    if (!file.ok) throw new Error(file.error);

    const target = await openHistoryDb('search-import', new IDBFactory());
    await importHistory(target, file.file);
    expect(await target.getAll('search')).toEqual(await db.getAll('search'));
    // The target moves on; the source's file then brings a version the target has not seen.
    await recordSnapshot(target, makeSnapshot({ body: editParagraph(0, (t) => `${t} Target only.`) }), { now: 4000, captureId: 't' });
    await capture(makeSnapshot({ body: editParagraph(6, (t) => `${t} Source only.`) }), 5000);
    const again = await parseImport(serializeExport(await exportHistory(db)));
    if (!again.ok) throw new Error(again.error);
    await importHistory(target, again.file);
    for (const needle of ['target only', 'source only', 'shortened by a week', 'harbour bridge', 'nothing like it']) {
      expect(await keysWithText(target, needle), needle).toEqual(await scan(target, needle));
    }
    expect((await keysWithText(target, 'source only')).size).toBe(1);
    target.close();
  });

  test('an aborted search stops early', async () => {
    await capture(makeSnapshot(), 1000);
    const abort = new AbortController();
    abort.abort();
    expect((await keysWithText(db, 'harbour', abort.signal)).size).toBe(0);
  });
});
