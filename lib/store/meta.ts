/**
 * The meta store: small named facts about the history as a whole (schema.ts MetaRecords), such as when retention last
 * pruned and how many captures were dropped as a flood. Kept in the database because the background's memory is reset
 * each time its worker wakes.
 */
import type { DroppedTally, MetaName, MetaRecords, PalimpsestDB } from './schema';
import type { WriteTx } from './transaction';

export async function readMeta<N extends MetaName>(tx: WriteTx, name: N): Promise<MetaRecords[N] | undefined> {
  // The store is typed by the union of its records; each name has its one shape, written only by writeMeta.
  return (await tx.objectStore('meta').get(name)) as MetaRecords[N] | undefined;
}

export async function writeMeta<N extends MetaName>(tx: WriteTx, name: N, value: MetaRecords[N]): Promise<void> {
  await tx.objectStore('meta').put(value, name);
}

/** Counts one more dropped capture of `key`, inside the caller's write transaction. */
export async function countDropped(tx: WriteTx, key: string, now: number): Promise<DroppedTally> {
  const before = await readMeta(tx, 'dropped');
  const tally: DroppedTally = { count: (before?.count ?? 0) + 1, last: Math.max(before?.last ?? now, now), lastKey: key };
  await writeMeta(tx, 'dropped', tally);
  return tally;
}

/** What the history page reads: the dropped captures so far, or none. */
export async function droppedTally(db: PalimpsestDB): Promise<DroppedTally> {
  return ((await db.get('meta', 'dropped')) as DroppedTally | undefined) ?? { count: 0, last: 0, lastKey: '' };
}
