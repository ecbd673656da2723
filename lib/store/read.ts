/**
 * Reading the stored history: an article, its versions with their texts resolved, its visits, and record counts.
 * Each function is one read-only transaction.
 */
import type { ArticleRecord, PalimpsestDB, VersionRecord, VisitRecord } from './schema';
import { readTexts, resolveVersion } from './texts';
import { ofArticle } from './transaction';

export function getArticle(db: PalimpsestDB, key: string): Promise<ArticleRecord | undefined> {
  return db.get('articles', key);
}

const VERSION_STORES = ['versions', 'texts'] as const;

/** All versions of an article, oldest (seq 1) first, bodies resolved to plain text. */
export async function getVersions(db: PalimpsestDB, key: string): Promise<VersionRecord[]> {
  const tx = db.transaction(VERSION_STORES, 'readonly');
  const [stored, texts] = await Promise.all([
    tx.objectStore('versions').getAll(ofArticle(key)),
    readTexts(tx.objectStore('texts'), key),
    tx.done,
  ]);
  return stored.map((version) => resolveVersion(version, texts));
}

export async function getVersion(db: PalimpsestDB, key: string, seq: number): Promise<VersionRecord | undefined> {
  const tx = db.transaction(VERSION_STORES, 'readonly');
  const [stored, texts] = await Promise.all([
    tx.objectStore('versions').get([key, seq]),
    readTexts(tx.objectStore('texts'), key),
    tx.done,
  ]);
  return stored && resolveVersion(stored, texts);
}

/** All visits of an article, oldest first. */
export function getVisits(db: PalimpsestDB, key: string): Promise<VisitRecord[]> {
  return db.getAllFromIndex('visits', 'byKey', ofArticle(key));
}

export interface RecordCounts {
  articles: number;
  versions: number;
  visits: number;
}

export async function countRecords(db: PalimpsestDB): Promise<RecordCounts> {
  const tx = db.transaction(['articles', 'versions', 'visits'], 'readonly');
  const [articles, versions, visits] = await Promise.all([
    tx.objectStore('articles').count(),
    tx.objectStore('versions').count(),
    tx.objectStore('visits').count(),
    tx.done,
  ]);
  return { articles, versions, visits };
}
