/**
 * Who may send what. The background trusts the browser's `sender`, never the payload: captures must come from our
 * content script in the top frame of a normal (non-private) web tab; destructive requests (clear, import, delete)
 * only from the extension's own pages.
 */
import type { Runtime } from 'webextension-polyfill';

export type SenderCheck = { ok: true } | { ok: false; reason: 'private' | 'forbidden'; message: string };

export function checkContentSender(sender: Runtime.MessageSender, extensionId: string): SenderCheck {
  if (sender.id !== extensionId) return { ok: false, reason: 'forbidden', message: 'not from this extension' };
  const tab = sender.tab;
  if (!tab || tab.id === undefined || tab.id < 0) return { ok: false, reason: 'forbidden', message: 'not from a tab' };
  if (tab.incognito) return { ok: false, reason: 'private', message: 'private windows are never recorded' };
  if (sender.frameId !== undefined && sender.frameId !== 0) {
    return { ok: false, reason: 'forbidden', message: 'not from the top frame' };
  }
  if (!sender.url || !/^https?:\/\//i.test(sender.url)) {
    return { ok: false, reason: 'forbidden', message: 'not from a web page' };
  }
  return { ok: true };
}

export function checkExtensionPageSender(
  sender: Runtime.MessageSender,
  extensionId: string,
  extensionOrigin: string,
): SenderCheck {
  if (sender.id !== extensionId) return { ok: false, reason: 'forbidden', message: 'not from this extension' };
  const origin = extensionOrigin.replace(/\/$/, '');
  if (!sender.url || !(sender.url === origin || sender.url.startsWith(origin + '/'))) {
    return { ok: false, reason: 'forbidden', message: 'only the extension’s own pages may ask for this' };
  }
  return { ok: true };
}
