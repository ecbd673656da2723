// Article identity: one news article is reachable under many URLs (tracking links, AMP and mobile editions,
// rel=canonical), and its captures can only be compared with each other if all of them map to the same key.
import normalizeUrl from 'normalize-url';

// Parameters that record how the reader arrived, never which article they read; matched case-insensitively,
// as are utm_*. Kept short on purpose: dropping a parameter that does select content would merge articles.
const TRACKING_PARAMS = new Set([
  // Ad and social click ids.
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid', '_ga', '_gl',
  // Newsletter, share-button and analytics tags of news sites and their email/analytics vendors.
  'mc_cid', 'mc_eid', 'ref', 'ref_src', 'ref_url', 'cmpid', 'cmp', 'ocid', 'ncid', 'smid', 'smtyp', 'sr_share',
  'at_medium', 'at_campaign', 'xtor', 'share', 'ito', 'taid', 's_cid', 'mbid', 'mkt_tok', '_hsenc', '_hsmi',
  'ns_mchannel', 'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee', '__twitter_impression',
  // Yahoo's consent-wall redirect.
  'guccounter', 'guce_referrer', 'guce_referrer_sig',
  // Switches to the AMP edition, and what AMP caches append.
  'amp', '_amp', 'usqp', 'amp_js_v', 'amp_gsa',
]);

// Two-label public suffixes that would otherwise look like a site every *.co.uk host belongs to.
const PUBLIC_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'net.au', 'org.au', 'co.jp', 'com.br', 'co.nz', 'com.ar',
  'com.mx', 'co.in', 'co.za', 'com.cn', 'com.tr', 'co.kr', 'com.sg', 'com.hk', 'co.il',
]);

const HOST_PREFIX = /^(?:www|m|mobile|amp)\./;

function attempt<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

function parseHttp(value: string, base?: string): URL | null {
  const url = attempt(() => new URL(value.trim(), base), null);
  return url?.protocol === 'http:' || url?.protocol === 'https:' ? url : null;
}

/** True for absolute http: or https: URLs only. */
export function isHttpUrl(value: string): boolean {
  return parseHttp(value) !== null;
}

// AMP caches serve a publisher's page under their own host; what identifies the article is the URL inside.
function unwrapAmpCache(url: URL): URL {
  for (let depth = 0; depth < 5; depth++) {
    const { hostname, pathname } = url;
    const match = hostname.endsWith('.cdn.ampproject.org')
      ? /^\/[cv]\/(s\/)?(.+)$/.exec(pathname)
      : /^(?:www\.)?google\.[a-z.]+$/.test(hostname) ? /^\/amp\/(s\/)?(.+)$/.exec(pathname) : null;
    if (!match) return url;
    const inner = parseHttp(`${match[1] ? 'https' : 'http'}://${match[2] ?? ''}${url.search}`);
    if (!inner?.hostname.includes('.')) return url;
    url = inner;
  }
  return url;
}

// www., mobile and AMP hosts are editions of the same site; stripped in a loop so "m.www." and "www.m." agree.
function bareHost(hostname: string): string {
  let host = hostname.replace(/\.$/, '');
  while (HOST_PREFIX.test(host) && host.split('.').length > 2) host = host.replace(HOST_PREFIX, '');
  return host;
}

// Done here rather than by normalize-url: its sorting runs decodeURIComponent over the whole query, which
// would merge ?q=a%26b with ?q=a&b (https://github.com/sindresorhus/normalize-url/issues/189). Pieces are kept as
// written; sorting is stable, so ?tag=b&tag=a stays.
function cleanQuery(search: string): string {
  const kept = search.slice(1).split('&').filter((piece) => {
    const [name = '', value = ''] = piece.split('=', 2).map((t) => attempt(() => decodeURIComponent(t.replace(/\+/g, ' ')), t));
    const lower = name.toLowerCase();
    if (piece === '' || lower.startsWith('utm_') || TRACKING_PARAMS.has(lower)) return false;
    return !(lower === 'outputtype' && value.toLowerCase() === 'amp');
  });
  const nameOf = (piece: string) => piece.split('=', 1)[0] ?? '';
  kept.sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  return kept.length > 0 ? `?${kept.join('&')}` : '';
}

// AMP editions live at /amp/x, x/amp, x.amp and x.amp.html; a directory index is its directory. Repeated until
// nothing changes so that keys are fixed points (/amp/amp/x, x.amp.amp).
function canonicalPath(segments: string[]): string[] {
  let path = segments;
  let before: string;
  do {
    before = path.join('/');
    if (path[0] === 'amp') path = path.slice(1);
    const last = path.at(-1);
    if (last === undefined) break;
    if (last === 'amp' || /^index\.[a-z]+$/.test(last)) path = path.slice(0, -1);
    // "..amp" must not become "..", which the URL parser would then resolve.
    else if (/[^.]\.amp(\.html?)?$/.test(last)) path = [...path.slice(0, -1), last.replace(/\.amp(\.html?)?$/, '$1')];
  } while (path.join('/') !== before);
  return path;
}

/** Normalised key for one URL: same article reached via different URLs -> same key. No protocol in the key. */
export function urlKey(url: string): string {
  const parsed = parseHttp(url);
  if (!parsed) return url.trim();
  const u = unwrapAmpCache(parsed);
  u.hostname = bareHost(u.hostname);
  // The key has no scheme, so http://x:443 and https://x:80 must not keep a port the other scheme would drop.
  if (u.port === '80' || u.port === '443') u.port = '';
  // Kept away from normalize-url, which strips a trailing slash from the whole string, query included (no upstream
  // report found).
  const query = cleanQuery(u.search);
  u.search = '';
  u.hash = '';
  // normalize-url decodeURIs the path, turning %25 into a bare % that the next pass would decode again
  // (https://github.com/sindresorhus/normalize-url/issues/125). It leaves undecodable paths alone, and so must we.
  if (attempt(() => decodeURI(u.pathname), null) !== null) u.pathname = u.pathname.replace(/%25/g, '%2525');
  const options = {
    stripProtocol: true,
    stripHash: true,
    stripWWW: false, // bareHost does it, together with the mobile and AMP prefixes.
    removeQueryParameters: false, // cleanQuery does it.
    sortQueryParameters: false,
    transformPath: canonicalPath,
  };
  const key = attempt(() => normalizeUrl(u.href, options), u.href.replace(/^https?:\/\//, ''));
  return query === '' ? key : `${key}${key.includes('/') ? '' : '/'}${query}`;
}

// Conservative without the Public Suffix List: same host, or one a subdomain of the other when the shorter
// cannot be a public suffix. Sibling subdomains (a.site.com, b.site.com) therefore do not count.
function sameSite(a: URL, b: URL): boolean {
  const [x, y] = [bareHost(unwrapAmpCache(a).hostname), bareHost(unwrapAmpCache(b).hostname)];
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  if (/^[\d.]+$|[[:]/.test(short) || short.split('.').length < 2 || PUBLIC_SUFFIXES.has(short)) return false;
  return long.endsWith(`.${short}`);
}

const isSiteRoot = (key: string) => !/[/?]/.test(key);

/** Identity of the article at visitedUrl, preferring declared rel=canonical, then og:url, when on the same site. */
export function articleKey(
  visitedUrl: string,
  declared: { canonical?: string | null; ogUrl?: string | null } = {},
): string {
  const visited = parseHttp(visitedUrl);
  const visitedKey = urlKey(visitedUrl);
  if (!visited) return visitedKey;
  for (const candidate of [declared.canonical, declared.ogUrl]) {
    // Relative references must look like paths: a templating slip such as "undefined" would otherwise resolve
    // to one URL for every article in the same directory.
    const text = candidate?.trim() ?? '';
    if (!/^(?:https?:|\/|\.\.?\/)/i.test(text)) continue;
    const url = parseHttp(text, visited.href);
    if (!url || !sameSite(url, visited)) continue;
    const key = urlKey(url.href);
    // A canonical pointing at the home page is a CMS misconfiguration; trusting it would merge every article.
    if (isSiteRoot(key) && !isSiteRoot(visitedKey)) continue;
    return key;
  }
  return visitedKey;
}
