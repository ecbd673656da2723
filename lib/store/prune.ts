/**
 * Forgetting: deleting an article at the reader's request, clearing everything, and retention pruning. Each function
 * is one write transaction, so a reader never sees half a deletion.
 */
import type { ArticleRecord, PalimpsestDB, TextChunk } from './schema';
import type { RecordCounts } from './read';
import { searchRecord } from './search';
import { forEachArticleWithTexts, readTexts, refsOf, textsOf } from './texts';
import { ofArticle, STORES, withWrite, type WriteTx } from './transaction';
import { readMeta, writeMeta } from './meta';

/** Forgets an article entirely: the article, all its versions and all its visits. */
export function deleteArticle(db: PalimpsestDB, key: string): Promise<void> {
  return withWrite(db, (tx) => deleteIn(tx, key));
}

/**
 * Forgets every article of one site (by the site name the list shows and filters by), all or nothing, to free space
 * or on the reader's wish. Resolves to the number of articles deleted.
 */
export function deleteSite(db: PalimpsestDB, siteName: string): Promise<number> {
  return withWrite(db, async (tx) => {
    const keys = await tx.objectStore('articles').index('siteName').getAllKeys(siteName);
    for (const key of keys) await deleteIn(tx, key);
    return keys.length;
  });
}

async function deleteIn(tx: WriteTx, key: string): Promise<void> {
  const visits = tx.objectStore('visits');
  const visitIds = await visits.index('byKey').getAllKeys(ofArticle(key));
  await Promise.all([
    tx.objectStore('articles').delete(key),
    tx.objectStore('versions').delete(ofArticle(key)),
    tx.objectStore('texts').delete(textsOf(key)),
    tx.objectStore('search').delete(key),
    ...visitIds.map((id) => visits.delete(id)),
  ]);
}

export function clearAll(db: PalimpsestDB): Promise<void> {
  return withWrite(db, async (tx) => {
    await Promise.all(STORES.map((store) => tx.objectStore(store).clear()));
  });
}

/**
 * Retention: forgets articles not visited since `cutoff` entirely; for the others, drops visits older than `cutoff`
 * and versions last seen before it. The latest version and the reader's baseline are always kept, so the next
 * capture can still be compared. A visit never outlives its version: every visit moves its version's lastSeen to at
 * least the visit's time. Resolves to the number of records removed.
 */
export function pruneBefore(db: PalimpsestDB, cutoff: number): Promise<RecordCounts> {
  return withWrite(db, (tx) => pruneIn(tx, cutoff));
}

async function pruneIn(tx: WriteTx, cutoff: number): Promise<RecordCounts> {
  const removed: RecordCounts = { articles: 0, versions: 0, visits: 0 };
  const kept = await pruneArticles(tx, cutoff, removed);
  const { changed, used } = await pruneVersions(tx, kept, cutoff, removed);
  await pruneTextsAndSearch(tx, used, changed);
  await pruneVisits(tx, kept, cutoff, removed);
  for (const article of changed) await tx.objectStore('articles').put(article);
  return removed;
}

/**
 * Retention when it is due: prunes before `cutoff` unless the last pruning (stored in the meta store, not the
 * background's memory, which each wake of its worker resets) was less than `interval` before `now`. Checked and
 * recorded in the pruning's own transaction, so two captures at once prune once. Resolves to what was removed, or
 * null when it was not due.
 */
export function pruneIfDue(db: PalimpsestDB, cutoff: number, now: number, interval: number): Promise<RecordCounts | null> {
  return withWrite(db, async (tx) => {
    const last = await readMeta(tx, 'prunedAt');
    // A stored time in the future (a clock set back) must not stop pruning forever.
    if (last !== undefined && last <= now && now - last < interval) return null;
    const removed = await pruneIn(tx, cutoff);
    await writeMeta(tx, 'prunedAt', now);
    return removed;
  });
}

/** Deletes the articles not visited since `cutoff`; resolves to the ones kept, by key. */
async function pruneArticles(tx: WriteTx, cutoff: number, removed: RecordCounts): Promise<Map<string, ArticleRecord>> {
  const articles = tx.objectStore('articles');
  const kept = new Map<string, ArticleRecord>();
  for (const article of await articles.getAll()) {
    if (article.lastVisit < cutoff) {
      await articles.delete(article.key);
      removed.articles++;
    } else {
      kept.set(article.key, article);
    }
  }
  return kept;
}

interface PrunedVersions {
  /** Kept articles that lost versions (their versionCount already lowered), to be written back. */
  changed: Set<ArticleRecord>;
  /** Refs still used by the versions that stay, per article, so the texts only removed versions used go too. */
  used: Map<string, Set<string>>;
}

/**
 * Deletes versions last seen before `cutoff`, except each kept article's latest and baseline, and every version of an
 * article that is gone (or somehow never existed): those are unreachable.
 */
async function pruneVersions(
  tx: WriteTx,
  kept: ReadonlyMap<string, ArticleRecord>,
  cutoff: number,
  removed: RecordCounts,
): Promise<PrunedVersions> {
  const pruned: PrunedVersions = { changed: new Set(), used: new Map() };
  let version = await tx.objectStore('versions').openCursor();
  while (version) {
    const stored = version.value;
    const { key, seq, lastSeen } = stored;
    const article = kept.get(key);
    const protectedSeq = article && (seq === article.latestSeq || seq === article.baseline.seq);
    if (!article || (lastSeen < cutoff && !protectedSeq)) {
      await version.delete();
      removed.versions++;
      if (article) {
        article.versionCount--;
        // Its link stays, so the article's evidence chain still joins across the gap (lib/model/chain.ts).
        const link = { seq, prev: stored.chain.prev, hash: stored.chain.hash };
        article.pruned = [...(article.pruned ?? []), link].sort((a, b) => a.seq - b.seq);
        pruned.changed.add(article);
      }
    } else {
      const refs = pruned.used.get(key) ?? new Set<string>();
      for (const ref of refsOf(stored)) refs.add(ref);
      pruned.used.set(key, refs);
    }
    version = await version.continue();
  }
  return pruned;
}

/**
 * Texts and search records are not counted in the result: they are part of their versions. Those of articles that
 * are gone go whole; an article that lost versions loses the texts only they used, and its search record is rebuilt
 * without them.
 */
async function pruneTextsAndSearch(tx: WriteTx, used: PrunedVersions['used'], changed: Set<ArticleRecord>): Promise<void> {
  const textStore = tx.objectStore('texts');
  const searchStore = tx.objectStore('search');
  await forEachArticleWithTexts(textStore, async (key) => {
    if (!used.has(key)) await Promise.all([textStore.delete(textsOf(key)), searchStore.delete(key)]);
  });
  for (const article of changed) {
    const refs = used.get(article.key);
    if (refs) await pruneTexts(tx, article.key, refs);
  }
  for (const key of await searchStore.getAllKeys()) if (!used.has(key)) await searchStore.delete(key);
}

/** Deletes visits older than `cutoff`, and every visit of an article that is gone. */
async function pruneVisits(
  tx: WriteTx,
  kept: ReadonlyMap<string, ArticleRecord>,
  cutoff: number,
  removed: RecordCounts,
): Promise<void> {
  let visit = await tx.objectStore('visits').openCursor();
  while (visit) {
    if (!kept.has(visit.value.key) || visit.value.time < cutoff) {
      await visit.delete();
      removed.visits++;
    }
    visit = await visit.continue();
  }
}

/**
 * Removes the texts of `key` that no kept version uses. A kept text stored as a delta against a removed one is
 * stored whole instead, so nothing left refers to what is gone. The article's chunks are rewritten as one, with
 * holes where texts went, so every kept text keeps its ref.
 */
async function pruneTexts(tx: WriteTx, key: string, used: ReadonlySet<string>): Promise<void> {
  const textStore = tx.objectStore('texts');
  const texts = await readTexts(textStore, key);
  const gone = [...texts.records.keys()].filter((ref) => !used.has(ref));
  if (gone.length === 0) return;
  for (const ref of gone) texts.records.delete(ref);
  for (const [ref, record] of texts.records) {
    if ('base' in record && !texts.records.has(record.base)) texts.records.set(ref, { text: texts.text(ref) });
  }
  // A loop, not Math.min(...refs): spreading an article's tens of thousands of texts into arguments overflows the
  // stack (RangeError), which would stop pruning for good.
  let first = Infinity;
  for (const ref of texts.records.keys()) first = Math.min(first, parseInt(ref, 36));
  const chunk: TextChunk = [];
  if (first !== Infinity) {
    for (const [ref, record] of texts.records) chunk[parseInt(ref, 36) - first] = record;
    for (let i = 0; i < chunk.length; i++) chunk[i] ??= null;
    await textStore.delete(textsOf(key));
    await textStore.put(chunk, [key, first.toString(36)]);
  } else {
    await textStore.delete(textsOf(key));
  }
  await tx.objectStore('search').put(searchRecord(texts), key);
}
