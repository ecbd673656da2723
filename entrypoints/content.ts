/**
 * Runs on every web page. Decides cheaply whether it is a news article and stops there if not; otherwise waits for
 * the article to settle, extracts it and sends one snapshot to the background. Never touches any storage itself.
 */
import { assembleSnapshot, parseArticle } from '@/lib/capture/extract';
import { readPageMeta } from '@/lib/capture/metadata';
import { isSkipped, LIMITS } from '@/lib/model/limits';
import { newCaptureId, type CaptureMessage, type PageStatus } from '@/lib/protocol/messages';
import { send } from '@/lib/protocol/send';
import { recognizeArticle } from '@/lib/capture/recognize';
import { isExcluded, settingsItem } from '@/lib/platform/settings';
import { waitForSettle, yieldToPage } from '@/lib/capture/settle';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    let status: PageStatus = { state: 'pending' };
    // Key of the article captured in this page view: one capture per article per view.
    let capturedKey: string | null = null;
    let run = 0;
    // Every wait is capped (LIMITS.settleMaxMs): a page that never stops changing is captured as it is.
    const settle = () =>
      waitForSettle(document.body, { quietMs: LIMITS.settleQuietMs, maxMs: LIMITS.settleMaxMs, signal: ctx.signal });

    const capture = async (afterNavigation: boolean) => {
      const mine = ++run;
      const current = () => mine === run && ctx.isValid;
      if (afterNavigation) await settle();
      if (!current()) return;
      const url = location.href;
      let recognition = recognizeArticle(document, url);
      if (!recognition.article && recognition.declared && !afterNavigation) {
        // Declared an article but the body is not there yet (rendered by script): give it one chance to arrive.
        await settle();
        if (!current()) return;
        recognition = recognizeArticle(document, url);
      }
      if (!recognition.article) {
        status = { state: 'not-article' };
        if (capturedKey !== null) {
          capturedKey = null;
          void send({ type: 'left-article' }).catch(() => {});
        }
        return;
      }
      status = { state: 'pending' };
      if (!afterNavigation) await settle();
      const settings = await settingsItem.getValue();
      if (!current()) return;
      if (settings.paused || isExcluded(settings, url)) {
        status = { state: settings.paused ? 'paused' : 'excluded' };
        return;
      }
      // Metadata, Readability and block conversion run as three tasks, so the page stays responsive: no task is
      // much longer than Readability's own parse.
      const pageUrl = location.href;
      const meta = readPageMeta(document);
      await yieldToPage();
      if (!current()) return;
      const parsed = parseArticle(document);
      await yieldToPage();
      if (!current()) return;
      const snapshot = isSkipped(parsed) ? parsed : assembleSnapshot(meta, parsed, pageUrl, { liveBlog: recognition.liveBlog });
      if (isSkipped(snapshot)) {
        // Too large to read (or no article after all): say so rather than fail silently.
        if (snapshot.reason !== 'not-article') console.info('Palimpsest:', snapshot.note);
        status = snapshot.reason === 'not-article' ? { state: 'not-article' } : { state: 'failed', message: snapshot.note };
        return;
      }
      if (snapshot.key === capturedKey) return;
      capturedKey = snapshot.key;
      const message: CaptureMessage = { type: 'capture', captureId: newCaptureId(), snapshot };
      try {
        const reply = await send(message);
        status = reply.ok
          ? { state: 'captured', key: snapshot.key, outcome: reply.outcome }
          : { state: 'failed', message: reply.message };
      } catch (error) {
        status = { state: 'failed', message: String(error) };
      }
    };

    browser.runtime.onMessage.addListener((message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === 'page-status') return Promise.resolve(status);
      return undefined;
    });
    ctx.addEventListener(window, 'wxt:locationchange', () => void capture(true));
    void capture(false);
  },
});
