/**
 * The stored history as plain data, read from inside the extension's service worker, with version bodies resolved
 * to their text whichever way they are stored (inline blocks, or [kind, ref] pairs into the 'texts' store), so the
 * reliability and hostile-page tests do not depend on the storage layout. Never creates or upgrades the database.
 */
import type { Page, Worker } from 'playwright-core';
import { readHistoryDb, type DbDump } from './scenario';

export type HistoryDump = DbDump;

/** Reads through the service worker, or through any extension page (same origin), e.g. while the worker is stopped. */
export function dumpHistory(from: Worker | Page): Promise<HistoryDump> {
  return (from as Worker).evaluate(readHistoryDb);
}
