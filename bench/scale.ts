/**
 * Item 6: the history at scale, 10,000 articles × 3 versions, in Node with fake-indexeddb (an in-memory,
 * pure-JavaScript IndexedDB: absolute figures differ from Chromium's LevelDB-backed one, in both directions).
 * The database is filled through importHistory in batches, then each reader-facing operation is timed.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { diffArticles } from '../lib/diff/articles';
import { openHistoryDb } from '../lib/store/open';
import { type PalimpsestDB } from '../lib/store/schema';
import { exportHistory, serializeExport } from '../lib/transfer/export';
import type { ExportArticle, ExportFile, ValidatedExport } from '../lib/transfer/format';
import { getArticle, getVersions, getVisits } from '../lib/store/read';
import { recordSnapshot } from '../lib/store/record';
import { importHistory } from '../lib/transfer/merge';
import { parseImport } from '../lib/transfer/parse';
import { signingFor } from '../lib/evidence/sign';
import { verifyFile } from '../lib/evidence/verify';
import { contentHash } from '../lib/model/normalize';
import type { Block } from '../lib/model/snapshot';
import { keysWithText } from '../lib/store/search';
import { loadFixtures } from './edits';
import { toSnapshot } from './storage';
import { rng } from '../tests/helpers/random';
import { ms, timeAsync, type Part, type Row } from './util';

const ARTICLES = 10_000;
const VERSIONS = 3;
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

/** Article n: paragraphs drawn from the fixtures (so text is realistic), each version editing one paragraph. */
async function generate(n: number, pool: readonly string[], random: () => number): Promise<ExportArticle> {
  const key = `https://site${n % 200}.example/news/${n}`;
  const blocks = 8 + Math.floor(random() * 12);
  const start = Math.floor(random() * pool.length);
  let body: Block[] = Array.from({ length: blocks }, (_, i) => ({
    kind: 'p' as const,
    text: `${pool[(start + i) % pool.length]!} [${n}]`,
  }));
  const first = T0 + n * 60_000;
  const versions: ExportArticle['versions'] = [];
  const visits: ExportArticle['visits'] = [];
  for (let v = 1; v <= VERSIONS; v++) {
    if (v > 1) {
      const at = Math.floor(random() * body.length);
      body = body.map((b, i) => (i === at ? { ...b, text: `${b.text} Updated in version ${v}.` } : b));
    }
    const time = new Date(first + (v - 1) * DAY).toISOString();
    const headline = `Story number ${n} about the ${pool[start]!.split(' ').slice(0, 4).join(' ')}`;
    const byline = 'By A. Reporter';
    versions.push({
      seq: v,
      sha256: await contentHash({ headline, dek: null, byline, body }),
      firstSeen: time,
      lastSeen: time,
      url: key,
      headline,
      dek: null,
      byline,
      publishedTime: null,
      modifiedTime: null,
      lang: 'en',
      partial: false,
      extractor: { name: '@mozilla/readability', version: '0.6.0', rules: 1 },
      body,
    });
    visits.push({ time, seq: v, partial: false });
  }
  return {
    key,
    urls: [key],
    siteName: `site${n % 200}`,
    headline: versions.at(-1)!.headline,
    liveBlog: false,
    firstSeen: versions[0]!.firstSeen,
    lastVisit: versions.at(-1)!.lastSeen,
    versions,
    visits,
  };
}

function fileOf(articles: ExportArticle[]): ValidatedExport {
  const file: ExportFile = {
    format: 'palimpsest-history',
    formatVersion: 1,
    exportedAt: new Date(T0).toISOString(),
    generator: { name: 'palimpsest', version: 'bench' },
    articles,
  } as ExportFile;
  // Generated in-process with real hashes; parseImport's check is skipped only to fill the database quickly.
  return file as ValidatedExport;
}

async function firstScreen(db: PalimpsestDB): Promise<number> {
  const tx = db.transaction('articles');
  let cursor = await tx.store.index('lastVisit').openCursor(null, 'prev');
  let n = 0;
  while (cursor && n < 50) {
    n++;
    cursor = n < 50 ? await cursor.continue() : null;
  }
  return n;
}

export async function benchScale(log: (s: string) => void): Promise<Part> {
  const random = rng(42);
  const pool = loadFixtures().flatMap((f) => f.article.body.map((b) => b.text).filter((t) => t.length > 80));
  const db = await openHistoryDb('scale', new IDBFactory());
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const fillStart = performance.now();
  const BATCH = 500;
  for (let n = 0; n < ARTICLES; n += BATCH) {
    const batch: ExportArticle[] = [];
    for (let i = n; i < Math.min(n + BATCH, ARTICLES); i++) batch.push(await generate(i, pool, random));
    await importHistory(db, fileOf(batch));
  }
  log(`  filled ${ARTICLES} articles x ${VERSIONS} versions in ${ms(performance.now() - fillStart)}`);

  const rows: Row[] = [];
  const fx = loadFixtures()[0]!;
  let c = 0;
  const record = await timeAsync(async (i) => {
    const key = `https://site${(i + 7) % 200}.example/news/${(i * 397 + 11) % ARTICLES}`;
    const snap = { ...toSnapshot(fx.name, fx.article), key, url: key };
    snap.body = [...snap.body, { kind: 'p', text: `Correction ${i}.` }];
    await recordSnapshot(db, snap, { now: T0 + 400 * DAY + i, captureId: `bench-${++c}` });
  }, 20);
  rows.push({ area: 'Scale', name: 'record a snapshot', value: ms(record), budget: '≤ 20 ms', pass: record <= 20 });

  const popup = await timeAsync(async (i) => {
    const key = `https://site${((i * 13 + 5) % ARTICLES) % 200}.example/news/${(i * 13 + 5) % ARTICLES}`;
    const [, versions] = await Promise.all([getArticle(db, key), getVersions(db, key), getVisits(db, key)]);
    diffArticles(versions.at(-2)!, versions.at(-1)!);
  }, 20);
  rows.push({ area: 'Scale', name: 'popup data for one article (+ diff)', value: ms(popup), budget: '≤ 50 ms', pass: popup <= 50 });

  const list = await timeAsync(() => firstScreen(db), 10);
  rows.push({ area: 'Scale', name: 'history page first 50 by lastVisit', value: ms(list), budget: '≤ 100 ms', pass: list <= 100 });

  const searches: number[] = [];
  let hitCount = 0;
  for (const needle of ['Updated in version 3', 'zzz-not-there', 'council']) {
    const start = performance.now();
    hitCount = (await keysWithText(db, needle)).size;
    searches.push(performance.now() - start);
  }
  const search = Math.max(...searches);
  rows.push({
    area: 'Scale',
    name: 'search text across all versions (worst of 3 queries)',
    value: ms(search),
    budget: '≤ 300 ms',
    pass: search <= 300,
    note: `one pre-folded record per article (lib/store/search.ts); last query matched ${hitCount}`,
  });

  const exportStart = performance.now();
  const text = serializeExport(await exportHistory(db, { signing: await signingFor(db) }));
  const exportTime = performance.now() - exportStart;
  rows.push({
    area: 'Scale',
    name: 'signed export of everything (+ serialise)',
    value: ms(exportTime),
    budget: '≤ 10 s',
    pass: exportTime <= 10_000,
    note: `${(text.length / 1e6).toFixed(0)} MB file, format 2: every article signed, and the file`,
  });
  db.close();

  const verifyStart = performance.now();
  const verified = await verifyFile(text);
  const verifyTime = performance.now() - verifyStart;
  if (!verified.ok) throw new Error(`the signed export did not verify: ${verified.problem}`);
  rows.push({
    area: 'Scale',
    name: 'verify the signed export (npm run verify\'s check)',
    value: ms(verifyTime),
    budget: '≤ 20 s',
    pass: verifyTime <= 20_000,
    note: `${verified.articles.toLocaleString('en')} articles, ${verified.versions.toLocaleString('en')} versions: chains, content hashes, ${verified.articles.toLocaleString('en')} + 1 signatures`,
  });

  const target = await openHistoryDb('scale-import', new IDBFactory());
  const importStart = performance.now();
  const parsed = await parseImport(text);
  if (!parsed.ok) throw new Error(parsed.error);
  await importHistory(target, parsed.file);
  const importTime = performance.now() - importStart;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  rows.push({
    area: 'Scale',
    name: 'import everything (parse + verify + merge)',
    value: ms(importTime),
    budget: '≤ 10 s',
    pass: importTime <= 10_000,
    note: `peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`,
  });
  target.close();
  return {
    rows,
    detail:
      `### Scale\n\n${ARTICLES.toLocaleString('en')} generated articles × ${VERSIONS} versions (8–19 paragraphs of ` +
      'fixture text each, one paragraph edited per version) in **Node with fake-indexeddb**, not in Chromium. ' +
      `Medians of 10–20 runs. Search queries: ${searches.map(ms).join(', ')}.`,
  };
}
