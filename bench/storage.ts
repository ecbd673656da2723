/**
 * Item 5: bytes stored per new version for a typical edit, against the article's text size. Bytes are the JSON
 * length of keys and values, and what counts is how much every store grows when the edited version is recorded:
 * new records whole, rewritten ones (the article's search record, the article record) by how much they grew. Only
 * the visit record is left out of the figure, because it is written on every visit, changed or not; it is reported
 * separately. Runs in Node with fake-indexeddb: the figure depends on the records, not on the engine.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Comparable } from '../lib/diff/types';
import { openHistoryDb } from '../lib/store/open';
import { type PalimpsestDB, type VersionRecord } from '../lib/store/schema';
import { recordSnapshot } from '../lib/store/record';
import { contentHash } from '../lib/model/normalize';
import type { Snapshot } from '../lib/model/snapshot';
import { applyEdit, loadFixtures, type EditName } from './edits';
import { mdTable, median, pct, type Part } from './util';

export function toSnapshot(name: string, a: Comparable): Snapshot {
  const url = `https://news.example/${name}/2024/story-${name}`;
  return {
    url,
    key: url,
    canonicalUrl: url,
    siteName: name,
    headline: a.headline,
    dek: a.dek,
    byline: a.byline,
    publishedTime: '2024-05-14T09:30:00Z',
    modifiedTime: null,
    lang: 'en',
    liveBlog: false,
    body: a.body,
    extractor: { name: '@mozilla/readability', version: '0.6.0', rules: 1 },
  };
}

type Dump = Map<string, number>;
type StoreName = 'versions' | 'texts' | 'search' | 'visits' | 'articles';
const STORES: StoreName[] = ['versions', 'texts', 'search', 'articles', 'visits'];

async function dump(db: PalimpsestDB, stores: StoreName[]): Promise<Dump> {
  const out: Dump = new Map();
  for (const store of stores) {
    const tx = db.transaction(store);
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    keys.forEach((key, i) => {
      const k = JSON.stringify(key);
      out.set(`${store}:${k}`, k.length + JSON.stringify(values[i]).length);
    });
  }
  return out;
}

/** How much one store grew: new records whole, rewritten ones by their change in size, removed ones negatively. */
function growth(before: Dump, after: Dump, store: StoreName): number {
  const prefix = `${store}:`;
  let bytes = 0;
  for (const [k, size] of after) if (k.startsWith(prefix)) bytes += size - (before.get(k) ?? 0);
  for (const [k, size] of before) if (k.startsWith(prefix) && !after.has(k)) bytes -= size;
  return bytes;
}

/** The record schema version 2 would have stored for this capture as a new version. */
async function v2Record(snapshot: Snapshot, now: number): Promise<Omit<VersionRecord, 'chain'>> {
  return {
    key: snapshot.key,
    seq: 2,
    hash: await contentHash(snapshot),
    firstSeen: now,
    lastSeen: now,
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
    captureCount: 1,
  };
}

export const textSize = (a: Comparable): number =>
  a.headline.length + (a.dek?.length ?? 0) + (a.byline?.length ?? 0) + a.body.reduce((n, b) => n + b.text.length, 0);

export async function benchStorage(): Promise<Part> {
  const fixtures = loadFixtures();
  const edits: EditName[] = ['sentence inserted', 'number changed', 'headline changed'];
  const ratios: number[] = [];
  const legacy: number[] = [];
  const detail: (string | number)[][] = [];
  let run = 0;
  for (const { name, article } of fixtures) {
    const db = await openHistoryDb(`storage-${name}`, new IDBFactory());
    await recordSnapshot(db, toSnapshot(name, article), { now: 1000, captureId: `c${++run}` });
    const cells: string[] = [];
    for (const [i, edit] of edits.entries()) {
      const edited = applyEdit(article, edit);
      const before = await dump(db, STORES);
      // Each edit builds on the original, so each is compared with it (its version is new each time).
      const snapshot = toSnapshot(name, edited);
      await recordSnapshot(db, snapshot, { now: 2000 + i, captureId: `c${++run}` });
      const after = await dump(db, STORES);
      const [version, texts, search, articles] = (['versions', 'texts', 'search', 'articles'] as const).map((store) =>
        growth(before, after, store),
      ) as [number, number, number, number];
      const total = version + texts + search + articles;
      const size = textSize(edited);
      ratios.push(total / size);
      // What the version 2 layout stored: the whole record, every field and the full body inline.
      const full = JSON.stringify([snapshot.key, 2]).length + JSON.stringify(await v2Record(snapshot, 2000 + i)).length;
      legacy.push(full / size);
      const articleChange = articles === 0 ? '' : ` ${articles > 0 ? '+' : '−'} ${Math.abs(articles)}`;
      cells.push(`${version} + ${texts} + ${search}${articleChange} (${pct(total / size)})`);
      if (i === 0) cells.unshift(String(size), `${growth(before, after, 'visits')}`);
    }
    detail.push([name, ...cells]);
    db.close();
  }
  const med = median(ratios);
  const worst = Math.max(...ratios);
  return {
    rows: [
      {
        area: 'Storage',
        name: 'bytes per version, typical edit / article text (median; worst)',
        value: `${pct(med)}; ${pct(worst)}`,
        budget: '≤ 15%',
        pass: med <= 0.15,
        note: `everything inline (schema v2): ${pct(median(legacy))}`,
      },
    ],
    detail:
      '### Storage per version\n\nBytes = JSON length of keys + values, counted as how much each store grows when ' +
      'the edited version is recorded: version record + new texts (edited ones as deltas) + growth of the ' +
      "article's search record (+/− change in size of the article record, when it changed). Three typical edits " +
      'per fixture, each recorded after the original. The visit record (written on every visit, changed or not) is ' +
      'shown separately. IndexedDB index entries (byHash) come on top. The schema v2 figure is the same version ' +
      'stored as one record with every field and the whole body inline.\n\n' +
      mdTable(
        [
          'Fixture',
          'text chars',
          'visit record',
          'sentence inserted: version + texts + search',
          'number changed',
          'headline changed',
        ],
        detail,
      ),
  };
}
