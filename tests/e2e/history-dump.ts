/**
 * The stored history as plain data, read from inside the extension's service worker, with version bodies resolved
 * to their text whichever way they are stored (inline blocks, or [kind, ref] pairs into the 'texts' store), so the
 * reliability and hostile-page tests do not depend on the storage layout. Never creates or upgrades the database.
 */
import type { Page, Worker } from 'playwright-core';

export interface HistoryDump {
  articles: { key: string; urls: string[]; headline: string; versionCount: number; latestSeq: number; baseline: { seq: number } }[];
  versions: { key: string; seq: number; hash: string; headline: string; partial: boolean; body: { text: string }[] }[];
  visits: { key: string; seq: number; partial: boolean; captureId: string }[];
}

/** Reads through the service worker, or through any extension page (same origin), e.g. while the worker is stopped. */
export async function dumpHistory(from: Worker | Page): Promise<HistoryDump> {
  return (from as Worker).evaluate(async () => {
    const db: IDBDatabase | null = await new Promise((resolve, reject) => {
      const req = indexedDB.open('palimpsest');
      // No database yet: creating an empty one here would leave the extension a version 1 to upgrade from.
      req.onupgradeneeded = () => req.transaction?.abort();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => (req.error?.name === 'AbortError' ? resolve(null) : reject(req.error));
    });
    if (db === null) return { articles: [], versions: [], visits: [] } as never;
    const stores = ['articles', 'versions', 'visits', 'texts'].filter((s) => db.objectStoreNames.contains(s));
    // One transaction, so the dump is one consistent state even while the extension is writing.
    const tx = db.transaction(stores, 'readonly');
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        if (!stores.includes(store)) return resolve([]);
        const req = tx.objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const textKeys = await new Promise<IDBValidKey[]>((resolve, reject) => {
      if (!stores.includes('texts')) return resolve([]);
      const req = tx.objectStore('texts').getAllKeys();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const [articles, versions, visits, texts] = await Promise.all(['articles', 'versions', 'visits', 'texts'].map(all));
    db.close();
    const textOf = new Map<string, string>();
    textKeys.forEach((k, i) => textOf.set(JSON.stringify(k), (texts![i] as { text: string }).text));
    type Stored = { key: string; body: unknown[] };
    const resolved = (versions as Stored[]).map((v) => ({
      ...v,
      body: v.body.map((b) =>
        Array.isArray(b) ? { kind: b[0], text: textOf.get(JSON.stringify([v.key, b[1]])) ?? `<missing text ${b[1]}>` } : b,
      ),
    }));
    return { articles, versions: resolved, visits } as never;
  });
}
