/**
 * The typed protocol between the content script, the background and the extension pages. Types only (plus tiny
 * helpers), so the content script does not bundle the validator; the background validates every message with
 * lib/protocol/schema.ts.
 */
import type { ImportResult, RecordOutcome } from '../model/outcome';
import type { Snapshot } from '../model/snapshot';

/** Content script -> background: one capture of the article in this tab. */
export interface CaptureMessage {
  type: 'capture';
  /** Unique per capture; a retry reuses it so the background records it once. */
  captureId: string;
  snapshot: Snapshot;
}

/** Content script -> background: the tab left the article without a full navigation (SPA); clear its badge. */
export interface LeftArticleMessage {
  type: 'left-article';
}

/** Extension pages -> background: writes that only the extension's own pages may ask for. */
export interface DeleteArticleMessage {
  type: 'delete-article';
  key: string;
}
export interface ClearHistoryMessage {
  type: 'clear-history';
}
export interface ImportHistoryMessage {
  type: 'import-history';
  /** The file's text, parsed and validated by the background. */
  text: string;
}

export type BackgroundMessage =
  | CaptureMessage
  | LeftArticleMessage
  | DeleteArticleMessage
  | ClearHistoryMessage
  | ImportHistoryMessage;

export type CaptureReply =
  | { ok: true; outcome: RecordOutcome }
  | { ok: false; reason: 'paused' | 'excluded' | 'private' | 'invalid' | 'storage' | 'quota'; message: string };

export type ImportReply = ({ ok: true } & ImportResult) | { ok: false; message: string };

export type SimpleReply = { ok: true } | { ok: false; message: string };

/** The reply the background gives to each message. */
export type ReplyTo<M extends BackgroundMessage> = M extends CaptureMessage
  ? CaptureReply
  : M extends ImportHistoryMessage
    ? ImportReply
    : M extends DeleteArticleMessage | ClearHistoryMessage
      ? SimpleReply
      : undefined;

/** Extension page -> content script of the active tab: what is this page? */
export interface PageStatusMessage {
  type: 'page-status';
}
export type PageStatus =
  | { state: 'not-article' }
  | { state: 'pending' }
  | { state: 'paused' | 'excluded' }
  | { state: 'captured'; key: string; outcome: RecordOutcome | null }
  | { state: 'failed'; message: string };

/** Random id for one capture. getRandomValues, unlike randomUUID, also works on plain-http pages. */
export function newCaptureId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
