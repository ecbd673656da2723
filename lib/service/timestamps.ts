/**
 * Trusted timestamps while capturing (issue 18, docs/evidence.md): when the reader has named a timestamping service
 * (settings.tsaUrl; off by default), each capture that adds a version puts its article on the pending list, and at
 * most once an hour the heads of the pending articles are stamped: only the SHA-256 of their leaves (lib/model/stamp.ts)
 * is sent, and the returned token is kept (lib/store/stamps.ts). Called after a capture has been answered, like
 * retention, so the reader's page never waits for the service.
 */
import type { RecordOutcome } from '../model/outcome';
import { leafOf, stampDigest } from '../model/stamp';
import type { Settings } from '../platform/settings';
import { notePendingAndClaim, stampFailed, storeStamp } from '../store/stamps';
import type { PalimpsestDB } from '../store/schema';
import { requestToken } from '../evidence/timestamp-request';
import { tokenToBase64 } from '../evidence/timestamp';

/** At most one request to the timestamping service an hour while capturing. */
export const STAMP_INTERVAL_MS = 3_600_000;

/** The outcomes that store a new version, and so move the article's chain head. */
const ADDS_VERSION = new Set<RecordOutcome['kind']>(['first', 'changed', 'partial', 'liveblog-update', 'reread']);

export function addsVersion(outcome: RecordOutcome): boolean {
  return ADDS_VERSION.has(outcome.kind) && !outcome.duplicate;
}

export type StampResult =
  | { kind: 'off' | 'no-new-version' | 'waiting' }
  | { kind: 'stamped'; id: number; leaves: string[] }
  | { kind: 'failed'; message: string };

export interface StampOptions {
  /** The request; tests pass a fake one. */
  request?: (tsaUrl: string, digest: Uint8Array, signal?: AbortSignal) => Promise<Uint8Array>;
  interval?: number;
  /** The clock for the time a token is kept (the claim uses `now`). */
  clock?: () => number;
}

/** What the background calls once a capture has been recorded. Never throws for a failed request: it is recorded. */
export async function stampAfterCapture(
  db: PalimpsestDB,
  capture: { key: string; outcome: RecordOutcome },
  settings: Pick<Settings, 'tsaUrl'>,
  now: number,
  options: StampOptions = {},
): Promise<StampResult> {
  // Settings stored before the option existed have no tsaUrl at all.
  const tsaUrl = settings.tsaUrl ?? null;
  if (tsaUrl === null) return { kind: 'off' };
  if (!addsVersion(capture.outcome)) return { kind: 'no-new-version' };
  const heads = await notePendingAndClaim(db, capture.key, now, options.interval ?? STAMP_INTERVAL_MS);
  if (!heads) return { kind: 'waiting' };
  const leaves = [...new Set(heads.map(({ key, head }) => leafOf(key, head)))].sort();
  try {
    const token = await (options.request ?? requestToken)(tsaUrl, stampDigest(leaves));
    const time = (options.clock ?? Date.now)();
    const id = await storeStamp(db, { time, tsaUrl, leaves, token: tokenToBase64(token) }, heads);
    return { kind: 'stamped', id, leaves };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await stampFailed(db, (options.clock ?? Date.now)(), message);
    return { kind: 'failed', message };
  }
}
