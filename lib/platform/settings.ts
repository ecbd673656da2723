/**
 * The reader's privacy settings, kept in extension storage through WXT's storage with versioned migrations.
 */
import { storage } from 'wxt/utils/storage';

export interface Settings {
  /** When true nothing is recorded. */
  paused: boolean;
  /** Hostnames never recorded; a listed host also excludes its subdomains. */
  excludedSites: string[];
  /** Keep history for this many days; null keeps it forever. */
  retentionDays: number | null;
  /**
   * The RFC 3161 timestamping service to stamp chain heads with (lib/service/timestamps.ts); null (the default) sends
   * nothing. Settings stored before this field existed lack it: read it as `settings.tsaUrl ?? null`.
   */
  tsaUrl: string | null;
}

export const DEFAULT_SETTINGS: Settings = { paused: false, excludedSites: [], retentionDays: null, tsaUrl: null };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/**
 * Normalises what the reader typed ("https://www.Example.com/path", " example.com ", "bücher.de") to a host name, or
 * null when it is neither a host name nor an http(s) address one can be taken from ("not a site!!", "example",
 * "ftp://example.com", "exa_mple.com"): labels of letters, digits and inner hyphens, at least two of them, the last
 * not all digits; or an IPv4 address; or localhost.
 */
export function siteFromInput(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  if (trimmed === '' || /\s/.test(trimmed)) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/.test(trimmed) && !/^[^/]+:\d+(?:[/?#]|$)/.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `https://${trimmed}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // The URL parser percent-encodes what it does not reject; a host name has nothing to encode.
  const host = url.hostname.replace(/\.$/, '').replace(/^www\./, '');
  if (host === 'localhost' || IPV4.test(host)) return host;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || /^\d+$/.test(labels.at(-1)!)) return null;
  return host;
}

export function isExcluded(settings: Settings, url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return false;
  }
  return settings.excludedSites.some((site) => host === site || host.endsWith(`.${site}`));
}

// The timestamping service's URL rules are pure, in lib/model/url.ts, so code that runs in Node (the verifier, the
// bench) need not load this module, whose storage item needs a browser.
export { originPattern, tsaUrlFromInput } from '../model/url';
