/**
 * Item 5: bytes stored per new version for a typical edit, against the article's text size. Bytes are the JSON
 * length of the keys and values that recording the edited version adds to the versions and texts stores (the
 * visit record and the rewritten article record are per visit, not per version, and are reported separately).
 * Runs in Node with fake-indexeddb: the figure depends on the records, not on the engine.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Comparable } from '../lib/diff';
import { openHistoryDb, type PalimpsestDB } from '../lib/db';
import { recordSnapshot } from '../lib/history';
import type { Snapshot } from '../lib/snapshot';
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

async function dump(db: PalimpsestDB, stores: ('versions' | 'texts' | 'visits' | 'articles')[]): Promise<Dump> {
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

function added(before: Dump, after: Dump, prefix: string): number {
  let bytes = 0;
  for (const [k, size] of after) if (k.startsWith(prefix) && !before.has(k)) bytes += size;
  return bytes;
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
      const before = await dump(db, ['versions', 'texts', 'visits']);
      // Each edit builds on the original, so each is compared with it (its version is new each time).
      await recordSnapshot(db, toSnapshot(name, edited), { now: 2000 + i, captureId: `c${++run}` });
      const after = await dump(db, ['versions', 'texts', 'visits']);
      const version = added(before, after, 'versions:');
      const texts = added(before, after, 'texts:');
      const size = textSize(edited);
      ratios.push((version + texts) / size);
      // What the version 2 layout stored: the same record with the full body inline.
      const full = version - JSON.stringify([]).length + JSON.stringify(edited.body).length;
      legacy.push(full / size);
      cells.push(`${version} + ${texts} (${pct((version + texts) / size)})`);
      if (i === 0) cells.unshift(String(size), `${added(before, after, 'visits:')}`);
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
        note: `full-body layout (schema v2): ${pct(median(legacy))}`,
      },
    ],
    detail:
      '### Storage per version\n\nBytes = JSON length of keys + values added to the versions and texts stores by ' +
      'recording the edited version (version record + new texts). Three typical edits per fixture, each recorded ' +
      'after the original. The visit record (written on every visit, changed or not) is shown separately; the ' +
      'article record is rewritten in place. IndexedDB index entries (byHash) come on top.\n\n' +
      mdTable(
        ['Fixture', 'text chars', 'visit record', 'sentence inserted: version + texts', 'number changed', 'headline changed'],
        detail,
      ),
  };
}
