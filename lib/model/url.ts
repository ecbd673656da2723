// Article identity: one news article is reachable under many URLs (tracking links, AMP and mobile editions,
// rel=canonical), and its captures can only be compared with each other if all of them map to the same key.
import normalizeUrl from 'normalize-url';

/**
 * Parameters that record how the reader arrived or who they are (click ids, newsletter subscriber ids, analytics
 * client ids), never which article they read; matched case-insensitively, as are utm_*. Dropped from every stored and
 * exported URL (stripTracking) as well as from keys: a history handed to someone as evidence must not identify the
 * reader's newsletter subscription or ad click. Kept to names that never select content: dropping one that does
 * would merge articles. tests/unit/url.test.ts holds the list.
 */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  // Ad and social click ids.
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id', 'epik',
  'igshid', 'igsh', 'srsltid', 's_kwcid', 'rb_clickid', '_ga', '_gl',
  // Newsletter, share-button and analytics tags of news sites and their email/analytics vendors; several carry a
  // subscriber's id (mc_eid, _hsenc, mkt_tok, oly_enc_id, vero_id, _kx, ml_subscriber_hash).
  'mc_cid', 'mc_eid', 'ref', 'ref_src', 'ref_url', 'cmpid', 'cmp', 'ocid', 'ncid', 'smid', 'smtyp', 'sr_share',
  'at_medium', 'at_campaign', 'xtor', 'share', 'ito', 'taid', 's_cid', 'mbid', 'mkt_tok', '_hsenc', '_hsmi',
  'oly_enc_id', 'oly_anon_id', 'vero_id', 'vero_conv', '_kx', 'ml_subscriber', 'ml_subscriber_hash', 'ss_email_id',
  'ns_mchannel', 'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee', '__twitter_impression',
  // Yahoo's consent-wall redirect.
  'guccounter', 'guce_referrer', 'guce_referrer_sig',
]);

/** Switches to the AMP edition, and what AMP caches append: not identifying, but not part of an article's key. */
const AMP_PARAMS = new Set(['amp', '_amp', 'usqp', 'amp_js_v', 'amp_gsa']);

/** True for a query parameter that identifies the reader or their way in (TRACKING_PARAMS, utm_*). */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

const HOST_PREFIX = /^(?:www|m|mobile|amp)\./;

function attempt<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

/** The URL when `value` is an absolute (or, against `base`, relative) http(s) URL; else null. */
export function parseHttp(value: string, base?: string): URL | null {
  const url = attempt(() => new URL(value.trim(), base), null);
  return url?.protocol === 'http:' || url?.protocol === 'https:' ? url : null;
}

/** True for absolute http: or https: URLs only. */
export function isHttpUrl(value: string): boolean {
  return parseHttp(value) !== null;
}

// AMP caches serve a publisher's page under their own host; what identifies the article is the URL inside.
export function unwrapAmpCache(url: URL): URL {
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
  const kept = queryPieces(search).filter(([piece, name, value]) => {
    const lower = name.toLowerCase();
    if (piece === '' || isTrackingParam(lower) || AMP_PARAMS.has(lower)) return false;
    return !(lower === 'outputtype' && value.toLowerCase() === 'amp');
  }).map(([piece]) => piece);
  const nameOf = (piece: string) => piece.split('=', 1)[0] ?? '';
  kept.sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  return kept.length > 0 ? `?${kept.join('&')}` : '';
}

/** Each piece of a query as written, with its name and value decoded. */
function queryPieces(search: string): [piece: string, name: string, value: string][] {
  return search.slice(1).split('&').map((piece) => {
    const [name = '', value = ''] = piece.split('=', 2).map((t) => attempt(() => decodeURIComponent(t.replace(/\+/g, ' ')), t));
    return [piece, name, value];
  });
}

/**
 * `url` without its tracking and subscriber-identifying parameters (isTrackingParam), everything else as written: the
 * form every stored and exported URL takes. Not an http(s) URL: returned as it is.
 */
export function stripTracking(url: string): string {
  const parsed = parseHttp(url);
  if (!parsed || parsed.search === '') return url;
  const pieces = queryPieces(parsed.search);
  const kept = pieces.filter(([piece, name]) => piece !== '' && !isTrackingParam(name)).map(([piece]) => piece);
  if (kept.length === pieces.length) return url;
  parsed.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return parsed.href;
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

/** Hosts a plain-http timestamping service may be on: this computer only (a TSA the reader runs, and the tests'). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The timestamping service URL the reader typed, normalised, or null when it is not one we send to: https only
 * (what is sent is only a hash, but the reader's choice of service should not be visible to the network), or http on
 * this computer; no user name or password in it, no fragment.
 */
export function tsaUrlFromInput(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure || url.username || url.password || url.hash || !url.hostname) return null;
  return url.href;
}

/** The host permission pattern the extension needs to POST to `url`: its scheme and host, any port and path. */
export function originPattern(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}
