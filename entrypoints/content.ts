/**
 * Runs on every web page. Decides cheaply whether it is a news article and stops there if not; otherwise waits for
 * the article to settle, extracts it and sends one snapshot to the background. Never touches any storage itself.
 */
import { extractArticle } from '@/lib/extract';
import { newCaptureId, type CaptureMessage, type CaptureReply, type PageStatus } from '@/lib/messages';
import { recognizeArticle } from '@/lib/recognize';
import { isExcluded, settingsItem } from '@/lib/settings';
import { waitForSettle } from '@/lib/settle';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    let status: PageStatus = { state: 'pending' };
    // Key of the article captured in this page view: one capture per article per view.
    let capturedKey: string | null = null;
    let run = 0;

    const capture = async (afterNavigation: boolean) => {
      const mine = ++run;
      const current = () => mine === run && ctx.isValid;
      if (afterNavigation) await waitForSettle(document.body, { signal: ctx.signal });
      if (!current()) return;
      const url = location.href;
      let recognition = recognizeArticle(document, url);
      if (!recognition.article && recognition.declared && !afterNavigation) {
        // Declared an article but the body is not there yet (rendered by script): give it one chance to arrive.
        await waitForSettle(document.body, { signal: ctx.signal });
        if (!current()) return;
        recognition = recognizeArticle(document, url);
      }
      if (!recognition.article) {
        status = { state: 'not-article' };
        if (capturedKey !== null) {
          capturedKey = null;
          void browser.runtime.sendMessage({ type: 'left-article' }).catch(() => {});
        }
        return;
      }
      status = { state: 'pending' };
      if (!afterNavigation) await waitForSettle(document.body, { signal: ctx.signal });
      const settings = await settingsItem.getValue();
      if (!current()) return;
      if (settings.paused || isExcluded(settings, url)) {
        status = { state: settings.paused ? 'paused' : 'excluded' };
        return;
      }
      const snapshot = extractArticle(document, location.href, { liveBlog: recognition.liveBlog });
      if (!snapshot) {
        status = { state: 'not-article' };
        return;
      }
      if (snapshot.key === capturedKey) return;
      capturedKey = snapshot.key;
      const message: CaptureMessage = { type: 'capture', captureId: newCaptureId(), snapshot };
      try {
        const reply = (await browser.runtime.sendMessage(message)) as CaptureReply;
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
