/**
 * Optional host permissions (the manifest's optional_host_permissions): asked for one origin at a time, when the
 * reader turns on a feature that sends something there (a trusted-timestamp service), and given back when they turn
 * it off. request() must be called straight from the reader's click, before any await, or the browsers refuse it.
 */
import { browser } from 'wxt/browser';

export function requestHostPermission(pattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [pattern] });
}

export function hasHostPermission(pattern: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [pattern] });
}

export async function removeHostPermission(pattern: string): Promise<void> {
  // A pattern the browser counts as required (or never granted) cannot be removed; nothing to give back then.
  await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
}
