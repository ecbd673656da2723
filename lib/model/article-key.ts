/**
 * Article identity across a site: which site a URL belongs to (by the Public Suffix List, from tldts) and the key of
 * the article a page shows, from its URL and the URLs it declares. Apart from url.ts because the list is large: the
 * content script, which the browser injects into every page, never needs it (the background keys its captures).
 */
import { getDomain } from 'tldts';
import { CAPS } from './limits';
import type { Snapshot } from './snapshot';
import { parseHttp, unwrapAmpCache, urlKey } from './url';

/**
 * The site a URL belongs to: its registrable domain by the Public Suffix List, private domains included, so each
 * a.github.io or x.blogspot.com is a site of its own and github.io itself (a suffix) is nobody's. A host with no
 * registrable domain (an IP address, localhost, a bare suffix) is only its own site. AMP cache URLs count as the
 * publisher's, whose page they serve.
 */
export function siteOf(url: string): string | null {
  const parsed = parseHttp(url);
  if (!parsed) return null;
  const host = unwrapAmpCache(parsed).hostname.replace(/\.$/, '').toLowerCase();
  const domain = getDomain(host, { allowPrivateDomains: true });
  return domain ? `site:${domain}` : `host:${host}`;
}

/** Whether two URLs are on one site (siteOf): amp., m. and www. editions are; sibling sites on a shared host are not. */
export function sameSite(a: string, b: string): boolean {
  const site = siteOf(a);
  return site !== null && site === siteOf(b);
}

const isSiteRoot = (key: string) => !/[/?]/.test(key);

/** What a page declares about its own address: rel=canonical and og:url, as written. */
export interface DeclaredUrls {
  canonical?: string | null;
  ogUrl?: string | null;
}

/**
 * Identity of the article at visitedUrl, preferring declared rel=canonical, then og:url, when on the same site
 * (sameSite). The one function that makes an article key from a page: the content script, the background and the
 * popup all call it with the same inputs (the visited URL and both declared URLs), so they always agree. A declared
 * URL on another site, or longer than a capture may carry, is ignored: the key falls back to the visited URL.
 */
export function articleKey(visitedUrl: string, declared: DeclaredUrls = {}): string {
  // The rest of the function is below snapshotKey.
  return keyFrom(visitedUrl, declared);
}

/** articleKey of a capture: its URL and the two URLs its page declared, as the snapshot carries them. */
export function snapshotKey(url: string, snapshot: Pick<Snapshot, 'canonicalUrl' | 'ogUrl'>): string {
  return articleKey(url, { canonical: snapshot.canonicalUrl, ogUrl: snapshot.ogUrl ?? null });
}

function keyFrom(visitedUrl: string, declared: DeclaredUrls): string {
  const visited = parseHttp(visitedUrl);
  const visitedKey = urlKey(visitedUrl);
  if (!visited) return visitedKey;
  for (const candidate of [declared.canonical, declared.ogUrl]) {
    // Relative references must look like paths: a templating slip such as "undefined" would otherwise resolve
    // to one URL for every article in the same directory.
    const text = candidate?.trim() ?? '';
    if (!/^(?:https?:|\/|\.\.?\/)/i.test(text) || (candidate?.length ?? 0) > CAPS.url) continue;
    const url = parseHttp(text, visited.href);
    if (!url || !sameSite(url.href, visited.href)) continue;
    const key = urlKey(url.href);
    // A canonical pointing at the home page is a CMS misconfiguration; trusting it would merge every article.
    if (isSiteRoot(key) && !isSiteRoot(visitedKey)) continue;
    return key;
  }
  return visitedKey;
}
