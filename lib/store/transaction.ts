/**
 * The one way the store writes: a strict-durability readwrite transaction over every store, aborted when the work
 * throws, and the key range that selects one article's records in the stores keyed [articleKey, n].
 */
import type { IDBPTransaction } from 'idb';
import type { PalimpsestDB, PalimpsestSchema } from './schema';

export const STORES = ['articles', 'versions', 'visits', 'texts', 'search', 'meta', 'stamps'] as const;
export type WriteTx = IDBPTransaction<PalimpsestSchema, typeof STORES, 'readwrite'>;

/**
 * Runs `work` in one strict readwrite transaction over all stores and resolves after the commit. If `work` throws,
 * the transaction is aborted: otherwise it would auto-commit whatever had been written so far.
 */
export async function withWrite<T>(db: PalimpsestDB, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  // Only the stores the database has: the migration tests record into databases of older versions (without meta,
  // which only the flood bound and retention use). A current database has them all.
  const stores = STORES.filter((store) => db.objectStoreNames.contains(store));
  const tx = db.transaction(stores, 'readwrite', { durability: 'strict' }) as unknown as WriteTx;
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (error) {
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already committed or aborted.
    }
    throw error;
  }
}

/** Every [key, n] compound key of one article, in both the versions store and the visits byKey index. */
export function ofArticle(key: string): IDBKeyRange {
  return IDBKeyRange.bound([key, -Infinity], [key, Infinity]);
}
