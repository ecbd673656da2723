/**
 * The typed protocol between the content script, the background and the extension pages. Every message type is
 * inferred from its validator in lib/protocol/schema.ts, so the two can never disagree; each message's reply is named
 * here (ReplyTo). Type imports only (plus a tiny helper), so the content script does not bundle the validator; the
 * background validates every message with lib/protocol/schema.ts.
 */
import type { InferInput } from 'valibot';
import type { ImportResult, RecordOutcome } from '../model/outcome';
import type { MessageSchema, TabMessageSchema } from './schema';

/** Everything the content script and the extension pages may send the background, as the sender builds it. */
export type BackgroundMessage = InferInput<typeof MessageSchema>;
type BackgroundMessageOf<T extends BackgroundMessage['type']> = Extract<BackgroundMessage, { type: T }>;

/** Content script -> background: one capture of the article in this tab (captureId is reused by a retry). */
export type CaptureMessage = BackgroundMessageOf<'capture'>;
/** Content script -> background: the tab left the article without a full navigation (SPA); clear its badge. */
export type LeftArticleMessage = BackgroundMessageOf<'left-article'>;
/** Extension pages -> background: writes that only the extension's own pages may ask for. */
export type DeleteArticleMessage = BackgroundMessageOf<'delete-article'>;
export type ClearHistoryMessage = BackgroundMessageOf<'clear-history'>;
/** The file's text, parsed and validated by the background. */
export type ImportHistoryMessage = BackgroundMessageOf<'import-history'>;

/** Why the background turned a request down, or failed it. */
/** 'flood': the article gained too many versions in the last hour (lib/model/limits.ts FLOOD); not worth retrying. */
export type RefusalReason = 'paused' | 'excluded' | 'private' | 'invalid' | 'storage' | 'quota' | 'flood';
/** A request not done, and why. Any message may get one: it was invalid, or the storage failed. */
export type Refusal = { ok: false; reason: RefusalReason; message: string };
/** A request not done, for the pages' requests: their callers show the message, and the reason is not always set. */
type PageRefusal = { ok: false; reason?: RefusalReason; message: string };

/** `key` is the article's key as the background made it from the capture (snapshotKey), for the page's status. */
export type CaptureReply = { ok: true; outcome: RecordOutcome; key: string } | Refusal;
export type ImportReply = ({ ok: true } & ImportResult) | PageRefusal;
export type SimpleReply = { ok: true } | PageRefusal;

/** The reply the background gives to each message, by its type. */
interface Replies {
  capture: CaptureReply;
  'left-article': SimpleReply;
  'delete-article': SimpleReply;
  'clear-history': SimpleReply;
  'delete-site': { ok: true; deleted: number } | PageRefusal;
  'import-chunk': SimpleReply;
  'import-history': ImportReply;
  'import-cancel': SimpleReply;
  /** The installation's signing key exists (made now if it did not): its fingerprint. */
  'signing-key': { ok: true; fingerprint: string } | PageRefusal;
}
export type ReplyTo<M extends { type: keyof Replies }> = Replies[M['type']];

/** Extension page -> content script of the active tab: what is this page? */
export type PageStatusMessage = InferInput<typeof TabMessageSchema>;
export type PageStatus = (
  | { state: 'not-article' }
  | { state: 'pending' }
  | { state: 'paused' | 'excluded' }
  /** This article was not sent: the page view is over its bound (lib/capture/budget.ts). */
  | { state: 'dropped' }
  | { state: 'captured'; key: string; outcome: RecordOutcome | null }
  /** attempts: how many times the capture was sent before giving up (lib/protocol/retry.ts). */
  | { state: 'failed'; message: string; attempts?: number }
) & {
  /** Snapshots this page view did not send because it was over its bound (lib/capture/budget.ts). */
  dropped?: number;
};

/** Random id for one capture. getRandomValues, unlike randomUUID, also works on plain-http pages. */
export function newCaptureId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
