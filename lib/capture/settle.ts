/**
 * Waits until the page stops changing its text, so articles whose body loads late are captured whole. Mutations
 * that add no text (ad iframes, tracking pixels, style churn) do not count, or ad-heavy pages would never settle.
 */
import { LIMITS } from '../model/limits';

export interface SettleOptions {
  /** How long the text must stay still. */
  quietMs?: number;
  /** Give up waiting after this long and capture what is there (a page that never settles). */
  maxMs?: number;
  signal?: AbortSignal;
}

const NO_TEXT = new Set(['IFRAME', 'IMG', 'SCRIPT', 'STYLE', 'LINK', 'META', 'NOSCRIPT', 'VIDEO', 'SOURCE', 'svg']);

function addsText(record: MutationRecord): boolean {
  if (record.type === 'characterData') return true;
  for (const node of record.addedNodes) {
    if (node.nodeType === 3 && (node.nodeValue ?? '').trim() !== '') return true;
    if (node.nodeType === 1 && !NO_TEXT.has((node as Element).tagName) && (node.textContent ?? '').trim() !== '') {
      return true;
    }
  }
  return false;
}

/** Resolves true once `root` had no text change for quietMs, false if maxMs passed first or the signal aborted. */
export function waitForSettle(root: Node, { quietMs = LIMITS.settleQuietMs, maxMs = LIMITS.settleMaxMs, signal }: SettleOptions = {}): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    let quietTimer: ReturnType<typeof setTimeout>;
    const finish = (settled: boolean) => {
      observer.disconnect();
      clearTimeout(quietTimer);
      clearTimeout(maxTimer);
      signal?.removeEventListener('abort', onAbort);
      resolve(settled);
    };
    const onAbort = () => finish(false);
    const restart = () => {
      clearTimeout(quietTimer);
      quietTimer = setTimeout(() => finish(true), quietMs);
    };
    const observer = new MutationObserver((records) => {
      if (records.some(addsText)) restart();
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    const maxTimer = setTimeout(() => finish(false), maxMs);
    signal?.addEventListener('abort', onAbort);
    restart();
  });
}

/** Lets the page run before the next step: an idle callback where there is one, else a new task. */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 200 });
    else setTimeout(resolve, 0);
  });
}
