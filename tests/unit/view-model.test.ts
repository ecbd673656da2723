/**
 * The pages' data shaping: which state a visit's outcome shows, which unchanged paragraphs fold away, how a diff
 * splits into two columns, the list's filters, sorting and paging, the short texts, and the pages' reads against an
 * in-memory IndexedDB.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import type { ArticleRecord, VisitRecord } from '../../lib/store/schema';
import { openHistoryDb } from '../../lib/store/open';
import { diffArticles } from '../../lib/diff/articles';
import { type BlockChange } from '../../lib/diff/types';
import type { RecordOutcome } from '../../lib/model/outcome';
import { recordSnapshot } from '../../lib/store/record';
import { articlesByLastVisit, loadArticle, siteNames } from '../../lib/view/data';
import { keysWithText } from '../../lib/store/search';
import { articleHash, isIndexQuery, keyFromHash, matches, pageCount, pageOf, rangeLabel, sortArticles, DEFAULT_QUERY } from '../../lib/view/list';
import {
  articleState, changedLine, collapseBlocks, defaultPair, formatBytes, formatWhen, gapLabel, keysForUrl,
  metaHeadlineChanges, newEntries, numberLines, safeHref, sideRow, unchangedLine,
} from '../../lib/view/article';
import { editParagraph, LIVE_ENTRIES, makeLiveSnapshot, makeSnapshot, PARAGRAPHS } from './helpers/snapshots';

const DAY = 86_400_000;
// Local time, so the formatted dates do not depend on the machine's time zone.
const T0 = new Date(2024, 4, 14, 9, 30).getTime();

function article(overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    key: 'news.example/a', urls: ['https://news.example/a'], siteName: 'News', headline: 'A', liveBlog: false,
    firstSeen: T0, lastVisit: T0, latestSeq: 1, versionCount: 1, baseline: { seq: 1, visit: T0, since: T0 },
    lastOutcome: 'first', ...overrides,
  };
}

const same = (text: string, i: number): BlockChange => ({ type: 'same', kind: 'p', text, oldIndex: i, newIndex: i });
const edited = (i: number): BlockChange => ({
  type: 'edited', kind: 'p', oldIndex: i, newIndex: i,
  segments: [{ op: 'eq', text: 'a ' }, { op: 'del', text: 'b' }, { op: 'ins', text: 'c' }],
});
const shape = (items: ReturnType<typeof collapseBlocks>) =>
  items.map((it) => (it.type === 'gap' ? `gap${it.changes.length}@${it.id}` : it.change.type[0])).join(' ');

describe('collapseBlocks', () => {
  test('keeps one block of context around each change and folds the rest', () => {
    const blocks = [...Array.from({ length: 5 }, (_, i) => same(`p${i}`, i)), edited(5), ...Array.from({ length: 4 }, (_, i) => same(`q${i}`, 6 + i))];
    expect(shape(collapseBlocks(blocks))).toBe('gap4@0 s e s gap3@7');
  });
  test('a single hidden block stays visible rather than become an expander', () => {
    const blocks = [same('a', 0), same('b', 1), edited(2), same('c', 3), same('d', 4), edited(5)];
    expect(shape(collapseBlocks(blocks))).toBe('s s e s s e');
  });
  test('no changes at all folds the whole body; no blocks gives nothing', () => {
    expect(shape(collapseBlocks([same('a', 0), same('b', 1), same('c', 2)]))).toBe('gap3@0');
    expect(collapseBlocks([])).toEqual([]);
  });
  test('wider context and every block is accounted for exactly once', () => {
    const blocks = Array.from({ length: 20 }, (_, i) => (i === 10 ? edited(i) : same(`p${i}`, i)));
    const items = collapseBlocks(blocks, 2);
    expect(shape(items)).toBe('gap8@0 s s e s s gap7@13');
    expect(items.flatMap((it) => (it.type === 'gap' ? it.changes : [it.change]))).toEqual(blocks);
  });
});

describe('articleState', () => {
  const base = { seq: 2, baselineSeq: 1, baselineVisit: T0 };
  test.each<[RecordOutcome, string]>([
    [{ kind: 'first', seq: 1 }, 'first'],
    [{ kind: 'unchanged', seq: 1, since: T0 }, 'unchanged'],
    [{ kind: 'changed', ...base }, 'changed'],
    [{ kind: 'revert', ...base }, 'changed'],
    [{ kind: 'partial', ...base }, 'partial'],
    [{ kind: 'liveblog-update', newEntries: 2, ...base }, 'liveblog'],
  ])('%o shows %s', (outcome, kind) => {
    expect(articleState(outcome, article()).kind).toBe(kind);
  });
  test('a change compares the baseline with the version seen now; a revert says so', () => {
    expect(articleState({ kind: 'changed', ...base }, article())).toEqual({ kind: 'changed', from: 1, to: 2, since: T0, revert: false });
    expect(articleState({ kind: 'revert', seq: 1, baselineSeq: 3, baselineVisit: T0 }, article())).toMatchObject({ from: 3, to: 1, revert: true });
  });
  test('without an outcome, the last visit decides, then the stored baseline', () => {
    const visit: VisitRecord = { key: 'k', time: T0, seq: 2, captureId: 'c', partial: false, outcome: { kind: 'changed', ...base } };
    expect(articleState(null, article(), visit).kind).toBe('changed');
    expect(articleState(null, article({ baseline: { seq: 1, visit: T0, since: T0 - DAY } }))).toEqual({ kind: 'unchanged', since: T0 - DAY });
  });
  test('defaultPair: the unseen edit, else the latest two versions, else nothing', () => {
    expect(defaultPair({ kind: 'changed', from: 1, to: 3, since: T0, revert: false }, [1, 2, 3])).toEqual([1, 3]);
    expect(defaultPair({ kind: 'unchanged', since: T0 }, [1, 2, 3])).toEqual([2, 3]);
    expect(defaultPair({ kind: 'first' }, [1])).toBeNull();
  });
});

describe('diff shaping', () => {
  test('side by side: deletions only on the left, insertions only on the right', () => {
    expect(sideRow(edited(0))).toMatchObject({
      left: [{ op: 'eq', text: 'a ' }, { op: 'del', text: 'b' }],
      right: [{ op: 'eq', text: 'a ' }, { op: 'ins', text: 'c' }],
    });
    expect(sideRow({ type: 'added', kind: 'p', text: 'x', newIndex: 0 })).toMatchObject({ left: null, right: [{ op: 'ins', text: 'x' }] });
    expect(sideRow({ type: 'removed', kind: 'h', text: 'x', oldIndex: 0 })).toMatchObject({ kind: 'h', left: [{ op: 'del', text: 'x' }], right: null });
  });
  test('a live blog update lists the new entries', () => {
    const older = makeLiveSnapshot(LIVE_ENTRIES.slice(1));
    const newer = makeLiveSnapshot(LIVE_ENTRIES);
    expect(newEntries(diffArticles(older, newer))).toEqual([LIVE_ENTRIES[0]]);
  });
  test('an inserted sentence shows as an edit of its paragraph', () => {
    const older = makeSnapshot();
    const newer = makeSnapshot({ body: editParagraph(3, (t) => `${t} Officials later disputed this account.`) });
    const items = collapseBlocks(diffArticles(older, newer).blocks);
    expect(shape(items)).toBe('gap2@0 s e s gap3@5');
    expect(PARAGRAPHS).toHaveLength(8);
  });
});

describe('texts', () => {
  test('dates carry the year only when it is not this year', () => {
    expect(formatWhen(T0, T0)).toBe('14 May, 09:30');
    expect(formatWhen(T0, T0 + 400 * DAY)).toBe('14 May 2024');
  });
  test('state lines, numbers and expanders', () => {
    expect(unchangedLine(T0, 3, T0 + 400 * DAY)).toBe('Unchanged since 14 May 2024 · 3 versions');
    expect(unchangedLine(T0, 1, T0 + 400 * DAY)).toMatch(/· 1 version$/);
    expect(changedLine({ kind: 'changed', from: 1, to: 2, since: T0, revert: false }, T0 + 400 * DAY)).toBe('Edited since your visit on 14 May 2024');
    expect(changedLine({ kind: 'changed', from: 3, to: 1, since: T0, revert: true }, T0 + 400 * DAY)).toBe('Back to version 1 since your visit on 14 May 2024');
    expect(numberLines([{ from: '32', to: '58' }])).toEqual(['32 → 58']);
    expect(gapLabel(5)).toBe('… 5 unchanged paragraphs');
    expect(gapLabel(1)).toBe('… 1 unchanged paragraph');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
  });
  test('links only for http(s) URLs', () => {
    expect(safeHref('https://news.example/a')).toBe('https://news.example/a');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,x')).toBeUndefined();
    expect(safeHref(undefined)).toBeUndefined();
  });
  test('the popup looks an URL up under its key forms', () => {
    expect(keysForUrl('https://www.news.example/a?utm_source=x#top')).toEqual(['news.example/a']);
  });
});

describe('article list', () => {
  const list = [
    article({ key: 'a', headline: 'Zebra crossing', siteName: 'BBC', lastVisit: T0 + 3, firstSeen: T0, versionCount: 1 }),
    article({ key: 'b', headline: 'Élection', siteName: 'Le Monde', lastVisit: T0 + 1, firstSeen: T0 + 5, versionCount: 4, lastOutcome: 'changed' }),
    article({ key: 'c', headline: 'apple', siteName: null, lastVisit: T0 + 2, firstSeen: T0 + 1, versionCount: 2, lastOutcome: 'revert' }),
  ];
  const keys = (xs: ArticleRecord[]) => xs.map((x) => x.key).join('');
  test('sorting', () => {
    expect(keys(sortArticles(list, 'lastVisit'))).toBe('acb');
    expect(keys(sortArticles(list, 'firstSeen'))).toBe('bca');
    expect(keys(sortArticles(list, 'versions'))).toBe('bca');
    expect(keys(sortArticles(list, 'headline'))).toBe('cba');
  });
  test('filters: changed only, site, text in headline, site or body (accents ignored)', () => {
    const pick = (q: Partial<typeof DEFAULT_QUERY>, hits?: Set<string>) => keys(list.filter((a) => matches(a, { ...DEFAULT_QUERY, ...q }, hits)));
    expect(pick({ changedOnly: true })).toBe('bc');
    expect(pick({ site: 'BBC' })).toBe('a');
    expect(pick({ text: 'election' })).toBe('b');
    expect(pick({ text: 'monde' })).toBe('b');
    expect(pick({ text: 'harbour' }, new Set(['c']))).toBe('c');
    expect(isIndexQuery(DEFAULT_QUERY)).toBe(true);
    expect(isIndexQuery({ ...DEFAULT_QUERY, text: ' x ' })).toBe(false);
  });
  test('paging and hashes', () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(pageCount(0)).toBe(1);
    expect(pageCount(120)).toBe(3);
    expect(pageOf(items, 2)).toEqual(items.slice(100));
    expect(pageOf(items, 9)).toEqual(items.slice(100));
    expect(rangeLabel(1, 50, 10_000)).toBe('51–100 of 10,000');
    expect(rangeLabel(0, 0, 0)).toBe('No articles');
    const key = 'news.example/a?id=1&x=%25';
    expect(keyFromHash(articleHash(key))).toBe(key);
    expect(keyFromHash('#%E0%A4%A')).toBeNull();
    expect(keyFromHash('')).toBeNull();
  });
});

describe('page reads', () => {
  test('pages by last visit, finds text in any version, lists sites and loads an article', async () => {
    const db = await openHistoryDb('view-model-test', new IDBFactory());
    for (let i = 0; i < 7; i++) {
      const key = `news.example/${i}`;
      await recordSnapshot(db, makeSnapshot({ key, url: `https://${key}`, siteName: i % 2 ? 'Odd' : 'Even' }), { now: T0 + i, captureId: `c${i}-1` });
    }
    const edited = makeSnapshot({ key: 'news.example/3', url: 'https://news.example/3', siteName: 'Odd', body: editParagraph(1, (t) => `${t} Officials later disputed this account.`) });
    await recordSnapshot(db, edited, { now: T0 + 100, captureId: 'c3-2' });

    expect((await articlesByLastVisit(db, 0, 3)).map((a) => a.key)).toEqual(['news.example/3', 'news.example/6', 'news.example/5']);
    expect((await articlesByLastVisit(db, 6, 3)).map((a) => a.key)).toEqual(['news.example/0']);
    expect([...(await keysWithText(db, 'OFFICIALS later'))]).toEqual(['news.example/3']);
    expect((await keysWithText(db, 'Harbour Bridge')).size).toBe(7);
    expect(await siteNames(db)).toEqual(['Even', 'Odd']);

    const bundle = await loadArticle(db, ['missing', 'news.example/3']);
    expect(bundle?.versions.map((v) => v.seq)).toEqual([1, 2]);
    expect(bundle && articleState(null, bundle.article, bundle.lastVisit)).toMatchObject({ kind: 'changed', from: 1, to: 2 });
    expect(await loadArticle(db, ['missing'])).toBeNull();
    db.close();
  });
});

describe('headlines declared for machines', () => {
  const declared = (title: string, og: string | null) => ({ metaHeadlines: { title, og, jsonLd: og, description: null } });

  test('a changed search-engine headline is shown as exactly that, word by word', () => {
    const changes = metaHeadlineChanges(declared('Storm hits coast | Daily', 'Storm hits coast'), declared('Storm hits coast | Daily', 'Storm batters coast'));
    expect(changes.map((c) => c.field)).toEqual(['og', 'jsonLd']);
    expect(changes[0]!.segments).toEqual([
      { op: 'eq', text: 'Storm ' },
      { op: 'del', text: 'hits' },
      { op: 'ins', text: 'batters' },
      { op: 'eq', text: ' coast' },
    ]);
  });

  test('nothing is compared for versions recorded before they were kept, or when only invisible characters differ', () => {
    expect(metaHeadlineChanges({}, declared('A', 'B'))).toEqual([]);
    expect(metaHeadlineChanges(declared('Storm\u00a0hits coast', null), declared('Storm hits coast\u200e', null))).toEqual([]);
  });
});
