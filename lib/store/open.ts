/**
 * Opening the history database: creates it or applies the missing migrations, and steps aside when another context
 * needs a newer schema.
 */
import { wrap } from 'idb';
import { DB_VERSION, upgrade } from './migrations';
import { DB_NAME, type PalimpsestDB, type UpgradeTransaction } from './schema';

/**
 * Opens (creating or upgrading) the history database. `factory` lets tests use an isolated fake IndexedDB; idb's own
 * openDB always uses the global one (https://github.com/jakearchibald/idb/issues/259), so the open request is made
 * here and wrapped.
 */
export async function openHistoryDb(
  name: string = DB_NAME,
  factory: IDBFactory = globalThis.indexedDB,
): Promise<PalimpsestDB> {
  const request = factory.open(name, DB_VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as PalimpsestDB;
    const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTransaction;
    upgrade(db, event.oldVersion, event.newVersion, tx);
  });
  const db = (await wrap(request)) as unknown as PalimpsestDB;
  // Another context (popup, updated background) wants a newer schema: step aside rather than block its upgrade.
  db.addEventListener('versionchange', () => db.close());
  return db;
}
