/**
 * The typed way to send a protocol message: the reply's type follows from the message's, so no caller casts a
 * reply. The background and the content script answer every message they accept (lib/protocol/messages.ts).
 */
import { browser } from 'wxt/browser';
import type { BackgroundMessage, PageStatus, PageStatusMessage, ReplyTo } from './messages';

/** Sends `message` to the background; resolves with its reply. */
export async function send<M extends BackgroundMessage>(message: M): Promise<ReplyTo<M>> {
  return browser.runtime.sendMessage(message);
}

/** Asks the content script in tab `tabId` what the page is; undefined when no content script answers. */
export async function askTab(tabId: number, message: PageStatusMessage): Promise<PageStatus | undefined> {
  return browser.tabs.sendMessage(tabId, message);
}
