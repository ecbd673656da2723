/**
 * The content script's lifetime, in place of WXT's ContentScriptContext: wxt.config.ts aliases
 * 'wxt/utils/content-script-context' to this file, so the context WXT's entry hands to `main` is this one.
 *
 * Why: WXT 0.21's context announces itself with window.postMessage, which every page script receives (it carries the
 * extension's id and the event name), and it stops itself when the document receives a CustomEvent of that name,
 * which any page script can dispatch; its `wxt:locationchange` event can be dispatched by the page as well. A page
 * could thus tell the extension is installed and silence it. 0.21.0 has no option to turn this off (an opt-out,
 * noScriptStartedPostMessage, came in a later release that needs Node 22: https://github.com/wxt-dev/wxt/pull/2265).
 * Upstream: https://github.com/wxt-dev/wxt/issues/1752 (what the page learns) and
 * https://github.com/wxt-dev/wxt/issues/1359 (events from the page invalidate the context).
 *
 * This context takes no signal from the page and says nothing to it. It ends only when the extension's runtime goes
 * away (update, reload, uninstall: browser.runtime.id becomes undefined), which the content script checks on every
 * tick of its location watcher. Manifest content scripts are not re-injected into open tabs, so there is no older
 * copy of the script in the page to stop.
 */
import { browser } from 'wxt/browser';

export class ContentScriptContext {
  private readonly controller = new AbortController();

  // WXT's entry calls `new ContentScriptContext(name, options)`; neither is needed here.
  constructor(readonly contentScriptName = 'content', readonly options: unknown = {}) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** False once the extension was updated, reloaded or removed under this page (or abort() was called). */
  get isValid(): boolean {
    if (browser.runtime?.id == null) this.abort('extension runtime gone');
    return !this.signal.aborted;
  }

  get isInvalid(): boolean {
    return !this.isValid;
  }

  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  onInvalidated(callback: () => void): () => void {
    this.signal.addEventListener('abort', callback);
    return () => this.signal.removeEventListener('abort', callback);
  }
}
