/**
 * When a page view begins, as the reader sees it: a page the browser prerenders is not seen until it is activated
 * (document.prerendering turns false, 'prerenderingchange'), and a page restored from the back/forward cache is seen
 * again (pageshow with persisted) without the content script running anew. Each of these starts a page view.
 */
export function onPageViews(start: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const doc = document as Document & { prerendering?: boolean };
  if (doc.prerendering) {
    doc.addEventListener('prerenderingchange', () => start(), { once: true, signal });
  } else {
    start();
  }
  window.addEventListener(
    'pageshow',
    (event) => {
      // isTrusted: a page script can dispatch a PageTransitionEvent of its own; only the browser's counts.
      if (event.persisted && event.isTrusted) start();
    },
    { signal },
  );
}
