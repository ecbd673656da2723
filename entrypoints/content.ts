/**
 * Runs on every web page. Decides cheaply whether it is a news article and stops there if not; otherwise waits for
 * the article to settle, extracts it and sends one snapshot to the background. Never touches any storage itself.
 *
 * The page is the party whose edits are recorded, so nothing here takes a signal from it: the context is our own
 * (lib/platform/content-context.ts, aliased in wxt.config.ts), in-page navigation is noticed by watching the address
 * (lib/capture/location-watch.ts), a page view starts when the reader sees the page (lib/capture/page-view.ts), and
 * each page view sends a bounded number of snapshots (lib/capture/budget.ts).
 */
import { captureBudget, type CaptureBudget } from '@/lib/capture/budget';
import { assembleSnapshot, parseArticle } from '@/lib/capture/extract';
import { watchLocation } from '@/lib/capture/location-watch';
import { readPageMeta } from '@/lib/capture/metadata';
import { onPageViews } from '@/lib/capture/page-view';
import { recognizeArticle, type Recognition } from '@/lib/capture/recognize';
import { waitForSettle, yieldToPage } from '@/lib/capture/settle';
import { isSkipped, LIMITS } from '@/lib/model/limits';
import type { PageCapture } from '@/lib/model/snapshot';
import { urlKey } from '@/lib/model/url';
import { isExcluded, settingsItem } from '@/lib/platform/settings';
import { newCaptureId, type PageStatus } from '@/lib/protocol/messages';
import { sendWithRetry } from '@/lib/protocol/retry';
import { send } from '@/lib/protocol/send';

/** One page view: what was captured in it and what it reports to the popup. */
interface PageView {
  status: PageStatus;
  budget: CaptureBudget;
  /** Whether the last capture found an article (so leaving it clears the badge). */
  onArticle: boolean;
}

const newPageView = (): PageView => ({ status: { state: 'pending' }, budget: captureBudget(), onArticle: false });

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const signal = ctx.signal;
    let view = newPageView();
    let run = 0;
    const setStatus = (status: PageStatus) => {
      view.status = view.budget.dropped > 0 ? { ...status, dropped: view.budget.dropped } : status;
    };
    // Every wait is capped (LIMITS.settleMaxMs): a page that never stops changing is captured as it is.
    const settle = () => waitForSettle(document.body, { quietMs: LIMITS.settleQuietMs, maxMs: LIMITS.settleMaxMs, signal });

    const capture = async (afterNavigation: boolean) => {
      const mine = ++run;
      const mineView = view;
      const current = () => mine === run && mineView === view && ctx.isValid;
      if (afterNavigation) await settle();
      if (!current()) return;
      const recognition = await recognize(afterNavigation, settle, current);
      if (!recognition) return;
      if (!recognition.article) {
        setStatus({ state: 'not-article' });
        if (view.onArticle) {
          view.onArticle = false;
          void send({ type: 'left-article' }).catch(() => {});
        }
        return;
      }
      setStatus({ state: 'pending' });
      if (!afterNavigation) await settle();
      const refused = await checkSettings(location.href);
      if (!current()) return;
      if (refused) return setStatus(refused);
      const snapshot = await extract(recognition, current);
      if (!snapshot || !current()) return;
      if (isSkipped(snapshot)) {
        // Too large to read (or no article after all): say so rather than fail silently.
        if (snapshot.reason !== 'not-article') console.info('Palimpsest:', snapshot.note);
        return setStatus(snapshot.reason === 'not-article' ? { state: 'not-article' } : { state: 'failed', message: snapshot.note });
      }
      view.onArticle = true;
      // The article key needs the Public Suffix List, which stays in the background (PageCapture): the budget counts
      // the page's own addresses, which name its articles as well within one page view.
      const admission = view.budget.admit(urlKey(snapshot.url), Date.now());
      if (admission === 'dropped') return setStatus({ state: 'dropped' });
      if (admission === 'same') return;
      setStatus(await deliver(snapshot, signal));
    };

    browser.runtime.onMessage.addListener((message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === 'page-status') return Promise.resolve(view.status);
      return undefined;
    });
    // Each tick also asks ctx.isValid, which ends everything once the extension is gone (updated or removed).
    watchLocation(() => void capture(true), { signal, onTick: () => void ctx.isValid });
    onPageViews(() => {
      // A restore from the back/forward cache is a new page view, with its own budget.
      view = newPageView();
      void capture(false);
    }, signal);
  },
});

/** Is this an article? Null when a newer capture took over meanwhile. */
async function recognize(afterNavigation: boolean, settle: () => Promise<boolean>, current: () => boolean): Promise<Recognition | null> {
  let recognition = recognizeArticle(document, location.href);
  if (!recognition.article && recognition.declared && !afterNavigation) {
    // Declared an article but the body is not there yet (rendered by script): give it one chance to arrive.
    await settle();
    if (!current()) return null;
    recognition = recognizeArticle(document, location.href);
  }
  return recognition;
}

/** The reader's settings may say not to record this page: the status that says so, or null to go on. */
async function checkSettings(url: string): Promise<PageStatus | null> {
  const settings = await settingsItem.getValue();
  if (settings.paused) return { state: 'paused' };
  if (isExcluded(settings, url)) return { state: 'excluded' };
  return null;
}

/**
 * Metadata, Readability and block conversion run as three tasks, so the page stays responsive: no task is much
 * longer than Readability's own parse. Null when a newer capture took over meanwhile.
 */
async function extract(recognition: Recognition, current: () => boolean) {
  const pageUrl = location.href;
  const meta = readPageMeta(document);
  await yieldToPage();
  if (!current()) return null;
  const parsed = parseArticle(document);
  await yieldToPage();
  if (!current()) return null;
  return isSkipped(parsed) ? parsed : assembleSnapshot(meta, parsed, pageUrl, { liveBlog: recognition.liveBlog });
}

/** Sends the snapshot, retrying while the background is unreachable or its storage hiccups (lib/protocol/retry.ts). */
async function deliver(snapshot: PageCapture, signal: AbortSignal): Promise<PageStatus> {
  const captureId = newCaptureId();
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const result = await sendWithRetry(() => send({ type: 'capture', captureId, snapshot }), { sleep, signal });
  return result.ok
    ? { state: 'captured', key: result.reply.key, outcome: result.reply.outcome }
    : { state: 'failed', message: result.message, attempts: result.attempts };
}
