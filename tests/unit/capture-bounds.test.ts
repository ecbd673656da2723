/**
 * What one page view may send, and how a capture the background could not take is retried: pure policies the content
 * script follows (lib/capture/budget.ts, lib/protocol/retry.ts).
 */
import { describe, expect, test } from 'vitest';
import { captureBudget, PAGE_VIEW_BUDGET } from '../../lib/capture/budget';
import type { CaptureReply } from '../../lib/protocol/messages';
import { CAPTURE_RETRY, retryDelay, sendWithRetry } from '../../lib/protocol/retry';

describe('a page view sends a bounded number of snapshots', () => {
  test('a page rewriting its address 25 times sends 10 articles and drops 15', () => {
    const budget = captureBudget();
    const admitted = Array.from({ length: 25 }, (_, i) => budget.admit(`https://flood.example/story-${i}`, i * 3_000));
    expect(admitted.filter((a) => a === 'send')).toHaveLength(PAGE_VIEW_BUDGET.maxArticles);
    expect(PAGE_VIEW_BUDGET.maxArticles).toBe(10);
    expect(budget.dropped).toBe(15);
  });

  test('going back to a story within ten minutes is not sent again; after ten minutes it is', () => {
    const budget = captureBudget();
    expect(budget.admit('a', 0)).toBe('send');
    expect(budget.admit('a', 1_000)).toBe('same');
    expect(budget.admit('b', 2_000)).toBe('send');
    expect(budget.admit('a', 3_000)).toBe('dropped');
    // Back on the story sent last: nothing to send, nothing dropped.
    expect(budget.admit('b', 4_000)).toBe('same');
    expect(budget.admit('a', PAGE_VIEW_BUDGET.repeatAfterMs + 1)).toBe('send');
    expect(budget.dropped).toBe(1);
  });
});

describe('a capture the background could not take is retried with backoff, then reported', () => {
  test('unreachable and storage failures wait 1 s, 3 s, 9 s, then give up; other refusals are final', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 'unreachable'))).toEqual([1_000, 3_000, 9_000, null]);
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 'storage'))).toEqual([1_000, 3_000, 9_000, null]);
    for (const reason of ['paused', 'excluded', 'private', 'invalid', 'quota'] as const) expect(retryDelay(1, reason)).toBeNull();
  });

  const ok: CaptureReply = { ok: true, outcome: { kind: 'first' } as never, key: 'news.example/a' };
  const storage: CaptureReply = { ok: false, reason: 'storage', message: 'TransactionInactiveError' };

  test('a background that is restarting, then busy, then answers: recorded on the third try', async () => {
    const waits: number[] = [];
    const replies: (() => Promise<CaptureReply>)[] = [
      () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
      () => Promise.resolve(storage),
      () => Promise.resolve(ok),
    ];
    const result = await sendWithRetry(() => replies.shift()!(), { sleep: async (ms) => void waits.push(ms) });
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(waits).toEqual([1_000, 3_000]);
  });

  test('a background that never answers: reported after the last try, with the reason', async () => {
    let tries = 0;
    const result = await sendWithRetry(
      () => {
        tries++;
        return Promise.reject(new Error('Receiving end does not exist.'));
      },
      { sleep: async () => {} },
    );
    expect(tries).toBe(CAPTURE_RETRY.attempts);
    expect(result).toEqual({ ok: false, failure: 'unreachable', message: 'Error: Receiving end does not exist.', attempts: 4 });
  });

  test('a refusal for being paused is not retried, and an aborted page view stops retrying', async () => {
    let tries = 0;
    const paused = await sendWithRetry(() => (tries++, Promise.resolve<CaptureReply>({ ok: false, reason: 'paused', message: 'paused' })), { sleep: async () => {} });
    expect([paused.ok, tries]).toEqual([false, 1]);
    const controller = new AbortController();
    tries = 0;
    await sendWithRetry(() => (tries++, Promise.resolve(storage)), { sleep: async () => controller.abort(), signal: controller.signal });
    expect(tries).toBe(1);
  });
});
