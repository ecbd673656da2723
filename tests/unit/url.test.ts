import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isHttpUrl, isTrackingParam, stripTracking, urlKey } from '../../lib/model/url';
import { articleKey, sameSite } from '../../lib/model/article-key';

describe('isHttpUrl', () => {
  test.each([
    ['https://example.com/a', true],
    ['http://example.com', true],
    ['  https://example.com/a  ', true],
    ['HTTPS://EXAMPLE.COM/', true],
    ['ftp://example.com/a', false],
    ['javascript:alert(1)', false],
    ['mailto:a@example.com', false],
    ['data:text/html,hi', false],
    ['/relative/path', false],
    ['//example.com/a', false],
    ['example.com/a', false],
    ['http://', false],
    ['', false],
    ['not a url', false],
  ])('%j -> %s', (value, expected) => {
    expect(isHttpUrl(value)).toBe(expected);
  });
});

describe('urlKey', () => {
  test.each([
    ['https://www.nytimes.com/2024/01/02/world/foo.html', 'nytimes.com/2024/01/02/world/foo.html'],
    ['https://example.com/', 'example.com'],
    ['https://example.com', 'example.com'],
    ['https://example.com/?p=42', 'example.com/?p=42'],
    ['https://EXAMPLE.com./News/A', 'example.com/News/A'],
    ['https://example.com:8080/a', 'example.com:8080/a'],
    ['https://example.com/a?b=2&a=1', 'example.com/a?a=1&b=2'],
    ['https://example.com/a?tag=b&tag=a', 'example.com/a?tag=b&tag=a'],
    ['https://user:pw@example.com/a', 'example.com/a'],
    ['https://example.com//news///a', 'example.com/news/a'],
    ['https://example.com/news/a/index.html', 'example.com/news/a'],
    ['https://example.com/caf%C3%A9', 'example.com/caf%C3%A9'],
    ['https://example.com/caf\u00e9', 'example.com/caf%C3%A9'],
    ['https://example.com/100%25', 'example.com/100%25'],
    ['https://example.com/a?q=a%26b', 'example.com/a?q=a%26b'],
  ])('%s -> %s', (url, key) => {
    expect(urlKey(url)).toBe(key);
  });

  const base = 'https://example.com/news/2024/story.html';
  test.each([
    // Tracking parameters.
    ['https://example.com/news/2024/story.html?utm_source=tw&utm_medium=social&UTM_Campaign=x'],
    ['https://example.com/news/2024/story.html?fbclid=abc&gclid=def&dclid=1&gbraid=2&wbraid=3&msclkid=4'],
    ['https://example.com/news/2024/story.html?mc_cid=1&mc_eid=2&_ga=3&_gl=4&igshid=5&yclid=6&twclid=7'],
    ['https://example.com/news/2024/story.html?ref=hn&ref_src=twsrc&ref_url=x&cmpid=1&ocid=2&smid=3&smtyp=4'],
    ['https://example.com/news/2024/story.html?sr_share=tw&at_medium=1&at_campaign=2&share=1&ito=3&CMP=4'],
    ['https://example.com/news/2024/story.html?taid=1&guccounter=1&guce_referrer=2&guce_referrer_sig=3'],
    ['https://example.com/news/2024/story.html?s_cid=1&mbid=2&xtor=3&ns_source=4&__twitter_impression=true'],
    // Fragments, text fragments, trailing slashes, protocol, www, default ports.
    ['https://example.com/news/2024/story.html#comments'],
    ['https://example.com/news/2024/story.html#:~:text=hello'],
    ['https://example.com/news/2024/story.html/'],
    ['http://example.com/news/2024/story.html'],
    ['https://www.example.com/news/2024/story.html'],
    ['https://example.com:443/news/2024/story.html'],
    ['http://example.com:80/news/2024/story.html'],
    ['http://example.com:443/news/2024/story.html'],
    ['https://Example.COM/news/2024/story.html'],
    ['https://example.com/news/2024/story.html?'],
    // Mobile and AMP hosts.
    ['https://m.example.com/news/2024/story.html'],
    ['https://mobile.example.com/news/2024/story.html'],
    ['https://amp.example.com/news/2024/story.html'],
    ['https://www.m.example.com/news/2024/story.html'],
    ['https://m.www.example.com/news/2024/story.html'],
    // AMP paths and queries.
    ['https://example.com/news/2024/story.html/amp'],
    ['https://example.com/news/2024/story.html/amp/'],
    ['https://example.com/amp/news/2024/story.html'],
    ['https://example.com/news/2024/story.amp.html'],
    ['https://example.com/news/2024/story.html?amp'],
    ['https://example.com/news/2024/story.html?amp=1'],
    ['https://example.com/news/2024/story.html?outputType=amp'],
    ['https://example.com/news/2024/story.html?_amp=true'],
    ['https://amp.example.com/amp/news/2024/story.amp.html?amp=1&utm_source=x#top'],
    // AMP caches.
    ['https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/2024/story.html'],
    ['https://www-example-com.cdn.ampproject.org/v/s/www.example.com/news/2024/story.html?amp_js_v=0.1&usqp=mq331AQ'],
    ['https://example-com.cdn.ampproject.org/c/example.com/news/2024/story.amp.html'],
    ['https://www.google.com/amp/s/www.example.com/news/2024/story.html'],
    ['https://www.google.co.uk/amp/s/amp.example.com/news/2024/story.html/amp'],
    ['https://google.com/amp/example.com/news/2024/story.html'],
  ])('%s is the same article', (url) => {
    expect(urlKey(url)).toBe(urlKey(base));
  });

  test.each([
    ['https://example.com/story.amp', 'https://example.com/story'],
    ['https://example.com/news/story/amp', 'https://example.com/news/story'],
    ['https://example.com/amp/amp/story', 'https://example.com/story'],
    ['https://example.com/story.amp.amp.html', 'https://example.com/story.html'],
    ['https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a?id=7', 'https://example.com/a?id=7'],
  ])('%s is the same article as %s', (a, b) => {
    expect(urlKey(a)).toBe(urlKey(b));
  });

  test.each([
    ['https://example.com/news/a', 'https://example.com/news/b'],
    ['https://example.com/news/a', 'https://example.com/News/a'],
    ['https://example.com/news/a', 'https://example.com/news/a.html'],
    ['https://example.com/article?id=123', 'https://example.com/article?id=124'],
    ['https://example.com/article?id=123', 'https://example.com/article'],
    ['https://example.com/?p=42', 'https://example.com/?p=43'],
    ['https://example.com/story?page=2', 'https://example.com/story'],
    ['https://example.com/search?q=a%26b', 'https://example.com/search?q=a&b'],
    ['https://example.com/a?outputType=print', 'https://example.com/a'],
    ['https://example.com/a?path=b/', 'https://example.com/a?path=b'],
    ['https://example.com/a', 'https://example.org/a'],
    ['https://example.com/a', 'https://news.example.com/a'],
    ['https://bbc.co.uk/news/1', 'https://bbc.com/news/1'],
    ['https://example.com:8080/a', 'https://example.com/a'],
    ['https://example.com/ramp/a', 'https://example.com/a'],
    ['https://example.com/a/amplifier', 'https://example.com/a'],
    ['https://example.com/sample', 'https://example.com/s'],
    ['https://m.com/a', 'https://com/a'],
    ['https://example.com/index/a', 'https://example.com/a'],
    ['https://example.com/ampproject.org/c/s/other.com/a', 'https://other.com/a'],
  ])('%s and %s are different articles', (a, b) => {
    expect(urlKey(a)).not.toBe(urlKey(b));
  });

  test.each([['ftp://example.com/a'], ['javascript:alert(1)'], ['garbage'], ['']])(
    'leaves non-http input %j as it is, trimmed',
    (value) => {
      expect(urlKey(` ${value} `)).toBe(value);
    },
  );
});

describe('articleKey', () => {
  const visited = 'https://m.example.com/news/2024/story.html?utm_source=x';
  const own = 'example.com/news/2024/story.html';
  test.each([
    ['no declarations', undefined, own],
    ['nulls', { canonical: null, ogUrl: null }, own],
    ['same-site canonical', { canonical: 'https://www.example.com/news/2024/the-story' }, 'example.com/news/2024/the-story'],
    ['canonical wins over og:url', { canonical: 'https://example.com/c', ogUrl: 'https://example.com/o' }, 'example.com/c'],
    ['og:url when no canonical', { ogUrl: 'https://example.com/o' }, 'example.com/o'],
    ['og:url when canonical is unusable', { canonical: 'javascript:void(0)', ogUrl: 'https://example.com/o' }, 'example.com/o'],
    ['canonical is itself normalised', { canonical: 'http://amp.example.com/amp/c?fbclid=1#x' }, 'example.com/c'],
    ['relative canonical', { canonical: '/news/2024/canonical.html' }, 'example.com/news/2024/canonical.html'],
    ['dot-relative canonical', { canonical: '../other.html' }, 'example.com/news/other.html'],
    ['scheme-relative canonical', { canonical: '//www.example.com/c' }, 'example.com/c'],
    ['canonical on a subdomain', { canonical: 'https://news.example.com/c' }, 'news.example.com/c'],
    ['canonical on the parent domain', { canonical: 'https://example.com/c' }, 'example.com/c'],
    ['canonical on another site', { canonical: 'https://other.com/news/2024/story.html' }, own],
    ['canonical on a look-alike site', { canonical: 'https://notexample.com/c' }, own],
    ['javascript: canonical', { canonical: 'javascript:alert(1)' }, own],
    ['ftp: canonical', { canonical: 'ftp://example.com/c' }, own],
    ['unparsable canonical', { canonical: 'http://' }, own],
    ['canonical with a space in the host', { canonical: 'https://exa mple.com/c' }, own],
    ['bare-word canonical', { canonical: 'undefined' }, own],
    ['empty canonical', { canonical: '', ogUrl: '   ' }, own],
    ['home-page canonical', { canonical: 'https://www.example.com/' }, own],
    ['home-page og:url, usable canonical', { canonical: 'https://example.com/', ogUrl: 'https://example.com/o' }, 'example.com/o'],
  ])('%s', (_name, declared, expected) => {
    expect(articleKey(visited, declared)).toBe(expected);
  });

  test.each([
    ['https://amp.theguardian.com/world/x', 'https://www.theguardian.com/world/x-canonical', true],
    ['https://www.bbc.co.uk/news/1', 'https://www.bbc.com/news/2', false],
    ['https://www.bbc.co.uk/news/1', 'https://news.bbc.co.uk/news/2', true],
    ['https://example.co.uk/a', 'https://other.co.uk/b', false],
    ['https://example.co.uk/a', 'https://co.uk/b', false],
    ['https://news.example.com.au/a', 'https://example.com.au/b', true],
    ['https://example.com.au/a', 'https://other.com.au/b', false],
    // One registrable domain is one site (issue 15, item 3): sibling subdomains may share an article.
    ['https://a.example.com/x', 'https://b.example.com/y', true],
    // Private suffixes of the Public Suffix List: each a.github.io is its own site, and github.io is nobody's.
    ['https://a.github.io/x', 'https://b.github.io/x', false],
    ['https://evil.github.io/x', 'https://github.io/story', false],
    ['https://evil.blogspot.com/x', 'https://blogspot.com/story', false],
    ['https://me.blogspot.com/x', 'https://www.me.blogspot.com/story', true],
    ['https://amp.news.example/x', 'https://www.news.example/story', true],
    ['https://m.example.co.uk/x', 'https://www.example.co.uk/story', true],
    ['https://127.0.0.1/x', 'https://127.0.0.1/story', true],
    ['https://edition.cnn.com/x', 'https://www.cnn.com/y', true],
    ['https://10.0.0.1/x', 'https://0.0.1/y', false],
    ['https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a.amp.html', 'https://www.example.com/a-canonical', true],
  ])('visiting %s, canonical %s is trusted: %s', (visitedUrl, canonical, trusted) => {
    expect(articleKey(visitedUrl, { canonical })).toBe(trusted ? urlKey(canonical) : urlKey(visitedUrl));
  });

  test('falls back to the visited URL when it is not http(s) itself', () => {
    expect(articleKey('file:///tmp/a.html', { canonical: 'https://example.com/a' })).toBe('file:///tmp/a.html');
  });
});

describe('tracking and subscriber-identifying parameters (issue 15, item 11)', () => {
  const LISTED = [
    'utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term', 'UTM_Source', 'fbclid', 'gclid', 'dclid',
    'msclkid', 'mc_eid', 'mc_cid', '_hsenc', '_hsmi', 'igshid', 'yclid', '_ga', 'ref_src', 'mkt_tok', 'oly_enc_id',
    'vero_id', '_kx', 'ttclid', 'li_fat_id', 'twclid', 'gbraid', 'wbraid',
  ];
  test.each(LISTED)('%s is a tracking parameter', (name) => {
    expect(isTrackingParam(name)).toBe(true);
  });
  test.each(['id', 'p', 'page', 'q', 'story', 'amp', 'outputType'])('%s is not', (name) => {
    expect(isTrackingParam(name)).toBe(false);
  });

  test('stripTracking drops them and keeps everything else as written', () => {
    const url =
      'https://news.example/a?id=7&utm_source=nl&mc_eid=abc123&fbclid=Iw&q=a%26b&_hsenc=p2&amp=1&gclid=x&page=2#para-3';
    expect(stripTracking(url)).toBe('https://news.example/a?id=7&q=a%26b&amp=1&page=2#para-3');
    expect(stripTracking('https://news.example/a?utm_source=x&mc_eid=y')).toBe('https://news.example/a');
    expect(stripTracking('https://news.example/a?id=1')).toBe('https://news.example/a?id=1');
    expect(stripTracking('not a url?utm_source=x')).toBe('not a url?utm_source=x');
  });

  test('is idempotent and gives the same key', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const once = stripTracking(url);
        expect(stripTracking(once)).toBe(once);
        expect(urlKey(once)).toBe(urlKey(url));
      }),
    );
  });
});

describe('sameSite', () => {
  test('decides by registrable domain, private suffixes included', () => {
    expect(sameSite('https://amp.theguardian.com/a', 'https://www.theguardian.com/b')).toBe(true);
    expect(sameSite('https://alice.github.io/a', 'https://bob.github.io/a')).toBe(false);
    expect(sameSite('https://alice.github.io/a', 'https://github.io/a')).toBe(false);
    expect(sameSite('https://localhost/a', 'https://127.0.0.1/a')).toBe(false);
    expect(sameSite('garbage', 'garbage')).toBe(false);
  });
});

describe('properties', () => {
  const word = (max: number) => fc.stringMatching(new RegExp(`^[a-z0-9][a-z0-9-]{0,${max}}$`));
  const label = word(10).filter((l) => !['www', 'm', 'mobile', 'amp'].includes(l) && !/^\d+$|^xn--/.test(l));
  const host = fc
    .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'org', 'co.uk', 'de', 'news'))
    .map(([labels, tld]) => [...labels, tld].join('.'));
  const path = fc
    .tuple(fc.array(word(15).filter((s) => s !== 'amp'), { maxLength: 5 }), fc.constantFrom('', '.html', '.php'))
    .map(([segments, ext]) => (segments.length > 0 ? segments.join('/') + ext : ''));
  const contentParams = fc.uniqueArray(
    fc.tuple(fc.constantFrom('id', 'p', 'page', 'q', 'story', 'section'), word(8)).map(([k, v]) => `${k}=${v}`),
    { selector: (param) => param.split('=')[0], maxLength: 3 },
  );
  const article = fc.record({ host, path, params: contentParams });

  const trackingParam = fc.oneof(
    fc.tuple(
      fc.constantFrom('utm_source', 'UTM_Medium', 'utm_campaign', 'fbclid', 'gclid', 'msclkid', 'CMP', 'smid',
        'ref', 'ref_src', 'ocid', 'guccounter', 'igshid', 'mc_eid', '_ga', 'share', 'taid', 'ito', 'amp', '_amp'),
      fc.string(),
    ).map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
    fc.constantFrom('amp', 'outputType=amp', '_amp=true', 'amp=1'),
  );
  const variation = fc.record({
    tracking: fc.array(trackingParam, { maxLength: 5 }),
    split: fc.nat(),
    fragment: fc.option(fc.webFragments(), { nil: undefined }),
    trailingSlash: fc.boolean(),
    http: fc.boolean(),
    www: fc.boolean(),
  });

  type Article = { host: string; path: string; params: string[] };
  const plain = (a: Article) => `https://${a.host}/${a.path}${a.params.length > 0 ? `?${a.params.join('&')}` : ''}`;

  test('tracking params, fragments, trailing slashes, http(s) and www. never change the key', () => {
    fc.assert(
      fc.property(article, variation, (a, v) => {
        const cut = v.split % (v.tracking.length + 1);
        const query = [...v.tracking.slice(0, cut), ...a.params, ...v.tracking.slice(cut)];
        const varied =
          `${v.http ? 'http' : 'https'}://${v.www ? 'www.' : ''}${a.host}/${a.path}` +
          `${v.trailingSlash && a.path ? '/' : ''}${query.length > 0 ? `?${query.join('&')}` : ''}` +
          `${v.fragment === undefined ? '' : `#${v.fragment}`}`;
        expect(urlKey(varied)).toBe(urlKey(plain(a)));
      }),
      { numRuns: 500 },
    );
  });

  test('different article paths or content params give different keys', () => {
    fc.assert(
      fc.property(article, article, (a, b) => {
        fc.pre(a.host !== b.host || a.path !== b.path || [...a.params].sort().join() !== [...b.params].sort().join());
        expect(urlKey(plain(a))).not.toBe(urlKey(plain(b)));
      }),
    );
  });

  const anyHttpUrl = fc.webUrl({
    withQueryParameters: true,
    withFragments: true,
    authoritySettings: { withIPv4: true, withIPv6: true, withPort: true, withUserInfo: true },
  });
  // Paths made of the pieces the AMP, index and percent-decoding rules act on, to find where they interact.
  const trickyUrl = fc
    .tuple(
      fc.constantFrom('https://', 'http://'),
      fc.constantFrom('www.', 'm.', 'amp.', 'mobile.', 'www.m.', 'm.www.', ''),
      fc.constantFrom('example.com', 'example.co.uk', 'example.com.:443', 'example.com:80'),
      fc.array(
        fc.constantFrom('amp', 'a.amp', 'b.amp.html', 'index.html', '..amp', '.amp', '%25', '%2541', '%C3%A9',
          '%E9', 'x%2Fy', 'c', '', 'AMP', 'amp.html'),
        { maxLength: 6 },
      ),
      fc.array(fc.constantFrom('amp', 'amp=1', 'id=1', 'q=a%26b', 'q=%2541', 'utm_source=x', 'a+b=c', '', 'x'),
        { maxLength: 4 }),
    )
    .map(([scheme, prefix, h, segments, params]) =>
      `${scheme}${prefix}${h}/${segments.join('/')}${params.length > 0 ? `?${params.join('&')}` : ''}`);
  const cacheUrl = fc
    .tuple(fc.constantFrom('https://www-example-com.cdn.ampproject.org/c/s/', 'https://www.google.com/amp/s/'), trickyUrl)
    .map(([prefix, url]) => prefix + url.replace(/^https?:\/\//, ''));

  test('urlKey is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(anyHttpUrl, trickyUrl, cacheUrl, article.map(plain)), (url) => {
        fc.pre(isHttpUrl(url));
        const key = urlKey(url);
        expect(urlKey(`https://${key}`)).toBe(key);
        expect(urlKey(`http://${key}`)).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  test('urlKey never throws on http(s) URLs and never keeps the protocol', () => {
    fc.assert(
      fc.property(anyHttpUrl, (url) => {
        expect(urlKey(url)).not.toMatch(/^https?:/);
      }),
      { numRuns: 1000 },
    );
  });

  test('articleKey never throws, whatever the page declares', () => {
    fc.assert(
      fc.property(anyHttpUrl, fc.option(fc.string()), fc.option(fc.oneof(fc.string(), anyHttpUrl)), (url, canonical, ogUrl) => {
        const key = articleKey(url, { canonical, ogUrl });
        expect(typeof key).toBe('string');
      }),
    );
  });
});
