/**
 * Every read the extension's pages make. Pages read the history database directly, in read-only transactions,
 * because sending whole article versions through the background would copy them twice; every write goes to the
 * background as a message instead, so there is only ever one writer.
 */
import { openHistoryDb } from '../store/open';
import { type ArticleRecord, type DroppedTally, type PalimpsestDB, type VersionRecord, type VisitRecord } from '../store/schema';
import { droppedTally } from '../store/meta';
import { storageUnavailableMessage } from '../platform/browsers';
import { countRecords, getArticle, getVersions, type RecordCounts } from '../store/read';

export type DbResult = { ok: true; db: PalimpsestDB } | { ok: false; message: string };

let opened: Promise<DbResult> | null = null;

/**
 * Opens the database once per page. Firefox with history disabled refuses IndexedDB outright (before Firefox 115:
 * https://bugzilla.mozilla.org/show_bug.cgi?id=781982); that is reported as a plain result so the page can explain it
 * instead of failing silently.
 */
export function openPageDb(): Promise<DbResult> {
  opened ??= openHistoryDb().then(
    (db): DbResult => ({ ok: true, db }),
    (error: unknown): DbResult => {
      console.warn('Palimpsest: cannot open the history database:', error);
      opened = null;
      // One wording for the background's replies and the pages.
      return { ok: false, message: storageUnavailableMessage() };
    },
  );
  return opened;
}

export interface ArticleBundle {
  article: ArticleRecord;
  /** Oldest first. */
  versions: VersionRecord[];
  lastVisit: VisitRecord | undefined;
}

/** The first of `keys` that is a tracked article, with all its versions and its latest visit. */
export async function loadArticle(db: PalimpsestDB, keys: readonly string[]): Promise<ArticleBundle | null> {
  for (const key of keys) {
    const article = await getArticle(db, key);
    if (!article) continue;
    const [versions, lastVisit] = await Promise.all([getVersions(db, key), latestVisit(db, key)]);
    return { article, versions, lastVisit };
  }
  return null;
}

async function latestVisit(db: PalimpsestDB, key: string): Promise<VisitRecord | undefined> {
  const range = IDBKeyRange.bound([key, -Infinity], [key, Infinity]);
  const cursor = await db.transaction('visits').store.index('byKey').openCursor(range, 'prev');
  return cursor?.value;
}

export function countArticles(db: PalimpsestDB): Promise<number> {
  return db.count('articles');
}

/** One page of articles, most recently visited first, straight from the lastVisit index. */
export async function articlesByLastVisit(db: PalimpsestDB, offset: number, limit: number): Promise<ArticleRecord[]> {
  const out: ArticleRecord[] = [];
  let cursor = await db.transaction('articles').store.index('lastVisit').openCursor(null, 'prev');
  if (cursor && offset > 0) cursor = await cursor.advance(offset);
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export function allArticles(db: PalimpsestDB): Promise<ArticleRecord[]> {
  return db.getAll('articles');
}

/** Distinct site names, from the siteName index without reading the articles. */
export async function siteNames(db: PalimpsestDB): Promise<string[]> {
  const out: string[] = [];
  let cursor = await db.transaction('articles').store.index('siteName').openKeyCursor(null, 'nextunique');
  while (cursor) {
    out.push(cursor.key);
    cursor = await cursor.continue();
  }
  return out;
}

/**
 * The captures dropped because a page produced more versions of one article in an hour than FLOOD allows
 * (lib/model/limits.ts): how many, when the latest was, and its article. count 0 when none ever was.
 */
export function droppedCaptures(db: PalimpsestDB): Promise<DroppedTally> {
  return droppedTally(db);
}

// Full-text search lives beside the storage layout it reads.

export interface StorageUsage {
  counts: RecordCounts;
  /** From navigator.storage.estimate(); null where the browser does not say. */
  usage: number | null;
  quota: number | null;
}

/** The share of its quota at which the extension warns that storage is nearly full. */
export const NEARLY_FULL = 0.8;

/** The share of its quota the extension uses, when that is NEARLY_FULL or more; else null (or when unknown). */
export function storagePressure({ usage, quota }: Pick<StorageUsage, 'usage' | 'quota'>): number | null {
  if (usage === null || quota === null || quota <= 0) return null;
  const share = usage / quota;
  return share >= NEARLY_FULL ? share : null;
}

/** What navigator.storage.estimate() says, without counting records. */
export async function storageEstimate(): Promise<Pick<StorageUsage, 'usage' | 'quota'>> {
  const estimate = await (navigator.storage?.estimate?.().catch(() => undefined) ?? Promise.resolve(undefined));
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

export async function storageUsage(db: PalimpsestDB): Promise<StorageUsage> {
  const [counts, estimate] = await Promise.all([
    countRecords(db),
    navigator.storage?.estimate?.().catch(() => undefined) ?? Promise.resolve(undefined),
  ]);
  return { counts, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}
