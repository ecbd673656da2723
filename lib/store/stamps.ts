/**
 * Trusted timestamps in the database (issue 18): the tokens kept (the stamps store) and where stamping while capturing
 * stands (the meta store's `stamping` record: when a stamp was last asked for, and the articles whose chain head
 * changed since). Everything is in the database, none in memory, so a background worker that sleeps between two
 * captures picks up where it stopped. The network request itself is lib/service/timestamps.ts's.
 */
import type { PalimpsestDB, StampingState, StampRecord } from './schema';
import { readMeta, writeMeta } from './meta';
import { ofArticle, withWrite, type WriteTx } from './transaction';

/** An article's chain head as a stamp covered it. */
export interface Head {
  key: string;
  head: string;
}

const EMPTY: StampingState = { attemptedAt: 0, pending: [] };

/** The article's chain head: the chain hash of its highest-seq version, or null (no versions, or none chained yet). */
export async function headOf(tx: WriteTx, key: string): Promise<string | null> {
  const cursor = await tx.objectStore('versions').openCursor(ofArticle(key), 'prev');
  return cursor?.value.chain?.hash ?? null;
}

/**
 * Notes that `key`'s chain head changed, and decides in the same transaction whether a stamp is due: when none was
 * asked for in the last `interval` ms (or the clock went back past the last request), it records `now` as the time
 * of the request and returns the current heads of every pending article; otherwise null. Two captures at once are
 * serialised by IndexedDB, so only one of them is told to stamp.
 */
export function notePendingAndClaim(db: PalimpsestDB, key: string, now: number, interval: number): Promise<Head[] | null> {
  return withWrite(db, async (tx) => {
    const state = (await readMeta(tx, 'stamping')) ?? EMPTY;
    const pending = state.pending.includes(key) ? state.pending : [...state.pending, key];
    const due = now - state.attemptedAt >= interval || now < state.attemptedAt;
    if (!due) {
      if (pending !== state.pending) await writeMeta(tx, 'stamping', { ...state, pending });
      return null;
    }
    const heads: Head[] = [];
    for (const pendingKey of pending) {
      const head = await headOf(tx, pendingKey);
      if (head) heads.push({ key: pendingKey, head });
    }
    // Articles deleted since, or not chained: nothing to stamp for them, so they leave the list. With nothing left,
    // nothing is sent, and the hour has not started.
    const kept = pending.filter((k) => heads.some((h) => h.key === k));
    await writeMeta(tx, 'stamping', { ...state, attemptedAt: heads.length > 0 ? now : state.attemptedAt, pending: kept });
    return heads.length > 0 ? heads : null;
  });
}

/**
 * Keeps a token for the stamped heads and takes off the pending list every article whose head is still the one
 * stamped (one that changed again while the request was out stays for the next stamp). Resolves to the record's id.
 */
export function storeStamp(db: PalimpsestDB, record: Omit<StampRecord, 'id'>, stamped: readonly Head[]): Promise<number> {
  return withWrite(db, async (tx) => {
    const id = await tx.objectStore('stamps').add(record as StampRecord);
    const state = (await readMeta(tx, 'stamping')) ?? EMPTY;
    const done = new Set<string>();
    for (const { key, head } of stamped) if ((await headOf(tx, key)) === head) done.add(key);
    const { error: _cleared, ...rest } = state;
    await writeMeta(tx, 'stamping', { ...rest, pending: state.pending.filter((k) => !done.has(k)), stampedAt: record.time });
    return id;
  });
}

/** Records why the last request failed (shown on the options page); the pending articles wait for the next one. */
export function stampFailed(db: PalimpsestDB, now: number, message: string): Promise<void> {
  return withWrite(db, async (tx) => {
    const state = (await readMeta(tx, 'stamping')) ?? EMPTY;
    await writeMeta(tx, 'stamping', { ...state, error: { time: now, message: message.slice(0, 500) } });
  });
}

/** Keeps a token that covers something else than captured chain heads (the export's stamp). */
export function addStamp(db: PalimpsestDB, record: Omit<StampRecord, 'id'>): Promise<number> {
  return withWrite(db, (tx) => tx.objectStore('stamps').add(record as StampRecord));
}

/** Every stamp, oldest first. */
export function allStamps(db: PalimpsestDB): Promise<StampRecord[]> {
  return db.getAll('stamps');
}

export interface StampSummary {
  count: number;
  /** When the last token was stored, or null. */
  stampedAt: number | null;
  /** Articles waiting for the next stamp. */
  pending: number;
  error: StampingState['error'] | null;
}

/** What the options page shows: how many tokens are kept, the last one's time, and the last failure since. */
export async function stampSummary(db: PalimpsestDB): Promise<StampSummary> {
  if (!db.objectStoreNames.contains('stamps')) return { count: 0, stampedAt: null, pending: 0, error: null };
  const [count, state] = await Promise.all([db.count('stamps'), db.get('meta', 'stamping') as Promise<StampingState | undefined>]);
  return { count, stampedAt: state?.stampedAt ?? null, pending: state?.pending.length ?? 0, error: state?.error ?? null };
}
