/**
 * The background's handling of one capture: re-derives identity from the sender's URL, honours the reader's
 * settings, records the snapshot and works out the badge. Separate from the entrypoint so it runs in Node tests.
 */
import type { PalimpsestDB } from '../store/schema';
import { changeCount, diffArticles } from '../diff/articles';
import { recordSnapshot, type Dropped, type Recorded } from '../store/record';
import type { CaptureReply, RefusalReason } from '../protocol/messages';
import { badgeFor, type BadgeState } from '../view/badge';
import { isExcluded, type Settings } from '../platform/settings';
import type { PageCapture, Snapshot } from '../model/snapshot';
import { CAPS } from '../model/limits';
import { snapshotKey } from '../model/article-key';

export interface CaptureResult {
  reply: CaptureReply;
  /** null clears the tab's badge. */
  badge: BadgeState | null;
}

export async function handleCapture(
  db: PalimpsestDB,
  input: { snapshot: PageCapture; captureId: string; senderUrl: string; settings: Settings; now: number },
): Promise<CaptureResult> {
  const { settings } = input;
  if (settings.paused) return refuse('paused', 'Recording is paused');
  if (isExcluded(settings, input.senderUrl)) return refuse('excluded', 'This site is excluded');
  // The recorder stores the URL without tracking parameters (stripTracking); the key never had them.
  const url = pageUrl(input.snapshot.url, input.senderUrl);
  const snapshot: Snapshot = { ...input.snapshot, url, key: snapshotKey(url, input.snapshot) };
  // A key longer than the store takes cannot be cut without naming another article (fitSnapshot does the same in Node).
  if (snapshot.key.length > CAPS.key) return refuse('invalid', `URL longer than ${CAPS.key} characters: not recorded`);
  let recorded: Recorded | Dropped;
  try {
    recorded = await recordSnapshot(db, snapshot, { now: input.now, captureId: input.captureId });
  } catch (error) {
    const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
    return refuse(quota ? 'quota' : 'storage', quota ? 'Storage is full: this visit was not recorded' : String(error));
  }
  if ('dropped' in recorded) {
    return refuse('flood', `Too many versions of this article in the last hour: this capture was dropped (${recorded.dropped.count} so far)`);
  }
  return { reply: { ok: true, outcome: recorded.outcome, key: snapshot.key }, badge: badgeForRecorded(recorded) };
}

/** The badge, from the two versions the recorder compared: nothing is read back from the database. */
function badgeForRecorded({ outcome, compared }: Recorded): BadgeState | null {
  if (outcome.kind !== 'changed' && outcome.kind !== 'revert') return null;
  if (!compared) return badgeFor(outcome, null, 1);
  const diff = diffArticles(compared.baseline, compared.seen);
  return badgeFor(outcome, diff.summary, changeCount(diff));
}

/**
 * The URL to record. The browser's sender URL is the authority on which site sent the capture, but Chromium reports
 * the URL the document loaded with, not one it moved to with history.pushState (single-page sites). The payload's
 * URL is used only when it is on the very same origin as the sender, which the page controls anyway. (Chromium: no
 * upstream report found; extension authors describe it in
 * https://github.com/interledger/web-monetization-projects/issues/33.)
 */
export function pageUrl(claimed: string, senderUrl: string): string {
  try {
    return new URL(claimed).origin === new URL(senderUrl).origin ? claimed : senderUrl;
  } catch {
    return senderUrl;
  }
}

function refuse(reason: RefusalReason, message: string): CaptureResult {
  return { reply: { ok: false, reason, message }, badge: null };
}
