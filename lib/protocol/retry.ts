/**
 * Retrying a capture the background could not take: it was asleep or restarting (sendMessage rejects: "Receiving end
 * does not exist"), or its storage failed for the moment (reply ok:false, reason 'storage'). A few tries with growing
 * waits within the page view, then the page status says it failed. A refusal for any other reason (paused, excluded,
 * private, invalid, quota) is an answer, not a hiccup, and is not retried. The retry reuses the captureId, so the
 * background records it at most once.
 */
import type { CaptureReply, RefusalReason } from './messages';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  firstDelayMs: number;
  factor: number;
}

/** Four tries, waiting 1 s, 3 s and 9 s between them: long enough for a service worker to start again. */
export const CAPTURE_RETRY: RetryPolicy = { attempts: 4, firstDelayMs: 1_000, factor: 3 };

/** What went wrong with one try: the message could not be delivered, or the background refused it. */
export type Failure = 'unreachable' | RefusalReason;

/** Milliseconds to wait after the `attempt`-th try (1-based) failed, or null to give up. */
export function retryDelay(attempt: number, failure: Failure, policy: RetryPolicy = CAPTURE_RETRY): number | null {
  const transient = failure === 'unreachable' || failure === 'storage';
  if (!transient || attempt >= policy.attempts) return null;
  return policy.firstDelayMs * policy.factor ** (attempt - 1);
}

export type Delivery =
  | { ok: true; reply: Extract<CaptureReply, { ok: true }>; attempts: number }
  | { ok: false; failure: Failure; message: string; attempts: number };

/**
 * Sends with `trySend` until it succeeds, the failure is not transient, the tries run out, or `signal` aborts.
 * `sleep` is injected so tests need not wait.
 */
export async function sendWithRetry(
  trySend: () => Promise<CaptureReply>,
  { sleep, signal, policy = CAPTURE_RETRY }: { sleep: (ms: number) => Promise<void>; signal?: AbortSignal; policy?: RetryPolicy },
): Promise<Delivery> {
  for (let attempt = 1; ; attempt++) {
    let failure: Failure;
    let message: string;
    try {
      const reply = await trySend();
      if (reply.ok) return { ok: true, reply, attempts: attempt };
      failure = reply.reason;
      message = reply.message;
    } catch (error) {
      failure = 'unreachable';
      message = String(error);
    }
    const wait = retryDelay(attempt, failure, policy);
    if (wait === null || signal?.aborted) return { ok: false, failure, message, attempts: attempt };
    await sleep(wait);
    if (signal?.aborted) return { ok: false, failure, message, attempts: attempt };
  }
}
