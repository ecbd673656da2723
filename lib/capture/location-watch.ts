/**
 * Notices in-page navigation (history.pushState, replaceState, hash changes) by comparing location.href on a timer.
 * It listens to no event the page could dispatch: a forged popstate or `wxt:locationchange` changes nothing, only
 * a real change of address does. A string comparison twice a second costs nothing.
 */
export interface LocationWatchOptions {
  signal: AbortSignal;
  intervalMs?: number;
  /** Runs on every tick before the comparison (the content script checks there that the extension still exists). */
  onTick?: () => void;
}

export function watchLocation(onChange: (url: string) => void, { signal, intervalMs = 500, onTick }: LocationWatchOptions): void {
  if (signal.aborted) return;
  let last = location.href;
  const timer = setInterval(() => {
    onTick?.();
    if (signal.aborted) return;
    const now = location.href;
    if (now === last) return;
    last = now;
    onChange(now);
  }, intervalMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
