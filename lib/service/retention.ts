/**
 * "Keep history for N days": prunes at most once an hour, after a capture has been answered, so the reader's
 * setting holds without an alarm permission and without slowing the capture down. When it last pruned is stored in
 * the database (lib/store/prune.ts pruneIfDue): the background's worker forgets everything each time it sleeps.
 */
import type { PalimpsestDB } from '../store/schema';
import { pruneIfDue } from '../store/prune';
import type { Settings } from '../platform/settings';

const DAY_MS = 86_400_000;
const PRUNE_INTERVAL_MS = 3_600_000;

export function retentionCutoff(settings: Settings, now: number): number | null {
  return settings.retentionDays === null ? null : now - settings.retentionDays * DAY_MS;
}

export function createPruner(interval = PRUNE_INTERVAL_MS) {
  return async (db: PalimpsestDB, settings: Settings, now: number): Promise<boolean> => {
    const cutoff = retentionCutoff(settings, now);
    if (cutoff === null) return false;
    return (await pruneIfDue(db, cutoff, now, interval)) !== null;
  };
}
