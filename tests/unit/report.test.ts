/**
 * The change report (lib/view/report.ts): a self-contained HTML file naming the article, both versions' times and
 * hashes, the diff with insertions in <ins> and deletions in <del>, the labels, the key's fingerprint and how to
 * verify. Read back with a real HTML parser, as a browser would: whatever the page wrote comes out as text.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { buildReport, escapeHtml, type ReportInput, type ReportVersion } from '../../lib/view/report';
import { articleExportName, reportFileName, siteSlug } from '../../lib/view/file-name';
import { groupedFingerprint } from '../../lib/store/keys';

const T1 = Date.UTC(2025, 2, 1, 9, 30);
const T2 = Date.UTC(2025, 2, 2, 17, 5);
const FINGERPRINT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const HASH1 = '1'.repeat(64);
const HASH2 = '2'.repeat(64);

function version(seq: number, overrides: Partial<ReportVersion> = {}): ReportVersion {
  return {
    seq,
    hash: `c${seq}`.padEnd(64, '0'),
    firstSeen: seq === 1 ? T1 : T2,
    lastSeen: seq === 1 ? T1 + 3_600_000 : T2,
    url: 'https://www.news.example/2025/03/harbour',
    headline: 'Harbour plan approved',
    dek: null,
    byline: 'By A. Writer',
    body: [
      { kind: 'p', text: 'The council approved the harbour plan on Monday after a long debate.' },
      { kind: 'p', text: 'The plan will cost 32 million euros, officials said.' },
      { kind: 'p', text: 'Work is due to start next spring.' },
    ],
    lang: 'en',
    chain: { prev: seq === 1 ? null : HASH1, hash: seq === 1 ? HASH1 : HASH2 },
    ...overrides,
  };
}

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  const older = version(1);
  const newer = version(2, {
    headline: 'Harbour plan approved despite protests',
    body: [
      older.body[0]!,
      { kind: 'p', text: 'The plan will cost 58 million euros, officials said.' },
      { kind: 'p', text: 'Residents vowed to appeal the decision.' },
      older.body[2]!,
    ],
  });
  return {
    article: { key: 'news.example/2025/03/harbour', siteName: 'News Example', headline: newer.headline, urls: [newer.url] },
    older,
    newer,
    labels: { disclosure: 'silent', kinds: ['headline', 'numbers', 'added-text'] },
    key: { fingerprint: FINGERPRINT },
    generatedAt: Date.UTC(2025, 2, 3, 8, 0),
    version: '0.1.0',
    ...overrides,
  };
}

function parse(html: string): Document {
  // Scripts stay off, as they would be under the report's own Content-Security-Policy; the test looks for them.
  return new JSDOM(html).window.document;
}

const text = (doc: Document, selector: string) => [...doc.querySelectorAll(selector)].map((el) => el.textContent ?? '');

/** Each version's column of the versions table: its heading and its cells, as text. */
function columns(doc: Document): string[] {
  const heads = [...doc.querySelectorAll('table.versions thead th')];
  return heads.map((th, i) => [th, ...[...doc.querySelectorAll('table.versions tbody tr')].map((tr) => tr.children[i + 1]!)].map((el) => el.textContent).join('\n'));
}

describe('the change report', () => {
  const html = buildReport(input());
  const doc = parse(html);

  test('names the article, its site and address, and when and by what the report was made', () => {
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.title).toBe('Change report: Harbour plan approved despite protests');
    expect(text(doc, 'h1')).toEqual(['Harbour plan approved despite protests']);
    expect(doc.querySelector('.facts')!.textContent).toContain('News Example');
    expect(text(doc, '.urls li')).toEqual(['https://www.news.example/2025/03/harbour']);
    expect(doc.querySelector('.facts')!.textContent).toContain('2025-03-03T08:00:00.000Z');
    expect(doc.querySelector('.facts')!.textContent).toContain('Palimpsest 0.1.0');
  });

  test('lists each version with its times, version hash and content hash', () => {
    const rows = columns(doc);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Version 1');
    expect(rows[0]).toContain(new Date(T1).toISOString());
    expect(rows[0]).toContain(HASH1);
    expect(rows[0]).toContain(version(1).hash);
    expect(rows[1]).toContain('Version 2');
    expect(rows[1]).toContain(new Date(T2).toISOString());
    expect(rows[1]).toContain(HASH2);
    expect(text(doc, 'tbody th')).toEqual(['First seen', 'Last seen', 'Address', 'Version hash', 'Content hash']);
  });

  test('shows the change as the popup does: inserted words in <ins>, deleted in <del>, with the summary and labels', () => {
    const ins = text(doc, '.diff ins').join(' ');
    const del = text(doc, '.diff del').join(' ');
    expect(ins).toContain('despite protests');
    expect(ins).toContain('58');
    expect(ins).toContain('Residents vowed to appeal the decision.');
    expect(del).toContain('32');
    expect(del).not.toContain('58');
    expect(doc.querySelector('.summary')!.textContent).toMatch(/Headline changed/);
    expect(text(doc, '.labels li')).toEqual(['Silent edit', 'Headline', 'Numbers', 'Added text']);
    expect(doc.querySelector('.diff')!.getAttribute('lang')).toBe('en');
  });

  test('gives the key fingerprint in groups of four and says how to verify, and that the report is not the evidence', () => {
    expect(doc.querySelector('.fingerprint')!.textContent).toBe(
      'a1b2 c3d4 e5f6 0718 293a 4b5c 6d7e 8f90 a1b2 c3d4 e5f6 0718 293a 4b5c 6d7e 8f90',
    );
    const verify = doc.querySelector('section[aria-labelledby=verify]')!.textContent ?? '';
    expect(verify).toContain('npm run verify -- palimpsest-news.example-');
    expect(verify).toContain('docs/evidence.md');
    expect(verify).toMatch(/not itself the evidence/);
  });

  test('is self-contained: no script, no external resource, inline styles with a print stylesheet', () => {
    expect(doc.querySelectorAll('script, link, img, iframe, object, embed, [src]')).toHaveLength(0);
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    expect(doc.querySelector('style')!.textContent).toContain('@media print');
    expect(doc.querySelector('style')!.textContent).not.toMatch(/url\(|@import/);
    // Where a change starts and ends is announced in words, as on the extension's pages.
    expect(doc.querySelector('style')!.textContent).toContain('ins::before { content: " [inserted: "; }');
    expect(doc.querySelector('meta[http-equiv=Content-Security-Policy]')!.getAttribute('content')).toContain("default-src 'none'");
    const hrefs = [...doc.querySelectorAll('[href]')].map((a) => a.getAttribute('href')!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    // Headings in order: one h1, then h2 sections.
    expect([...doc.querySelectorAll('h1, h2, h3')].map((h) => h.tagName)).toEqual(['H1', 'H2', 'H2', 'H2', 'H2']);
  });
});

describe('what the page wrote stays text', () => {
  const HEADLINE = '</title><script>alert(1)</script>';
  const BODY = 'Read this <img src=x onerror=alert(2)> now & "then"';
  const hostile = input({
    article: { key: 'evil.example/a', siteName: '<b>Evil</b>', headline: HEADLINE, urls: ['javascript:alert(3)'] },
    older: version(1, { url: 'javascript:alert(4)', lang: '"><script>alert(5)</script>' }),
    newer: version(2, {
      headline: HEADLINE,
      url: 'https://evil.example/a?x="><script>alert(6)</script>',
      body: [...version(1).body, { kind: 'p', text: BODY }],
      lang: 'en" onload="alert(7)',
      chain: { prev: HASH1, hash: '<svg onload=alert(8)>' },
    }),
    labels: { disclosure: 'disclosed', kinds: ['numbers', 'quotes'] },
  });
  const html = buildReport(hostile);
  const doc = parse(html);

  test('a headline that closes the title and opens a script is the title and the h1, as text', () => {
    expect(doc.title).toBe(`Change report: ${HEADLINE}`);
    expect(doc.querySelector('h1')!.textContent).toBe(HEADLINE);
    expect(doc.querySelectorAll('script, img, svg, b, i')).toHaveLength(0);
  });

  test('body text with an <img onerror> is an inserted paragraph of text', () => {
    expect(text(doc, '.diff ins')).toContain(BODY);
    expect(html).not.toMatch(/<(img|svg|script)/i);
    const handlers = [...doc.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((name) => name.startsWith('on')));
    expect(handlers).toEqual([]);
  });

  test('only http(s) addresses become links; a language that is not a tag is left out', () => {
    const hrefs = [...doc.querySelectorAll('[href]')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://evil.example/a?x="><script>alert(6)</script>', 'https://evil.example/a?x="><script>alert(6)</script>']);
    expect(doc.querySelector('.urls')!.textContent).toContain('javascript:alert(3)');
    expect(doc.querySelector('.diff')!.hasAttribute('lang')).toBe(false);
    expect(text(doc, '.labels li')).toEqual(['Disclosed', 'Numbers', 'Quotes']);
    expect(doc.querySelector('.facts')!.textContent).toContain('<b>Evil</b>');
  });

  test('escapeHtml escapes the five characters that matter', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('other cases', () => {
  test('one version: shown as it is, no summary or labels; no key: says an export is not signed', () => {
    const only = version(1);
    const doc = parse(buildReport(input({ older: only, newer: only, key: null })));
    expect(columns(doc)).toHaveLength(1);
    expect(doc.querySelectorAll('.diff ins, .diff del, .labels')).toHaveLength(0);
    expect(doc.querySelector('.diff')!.textContent).toContain('Work is due to start next spring.');
    expect(doc.body.textContent).toContain('Only one version of this article has been recorded');
    expect(doc.body.textContent).toContain('no signing key yet');
  });

  test('a version chained after its capture says so; one without a chain says it has none', () => {
    const doc = parse(
      buildReport(input({ older: version(1, { chain: undefined }), newer: version(2, { chain: { prev: null, hash: HASH2, chainedAt: T2 } }) })),
    );
    const rows = columns(doc);
    expect(rows[0]).toMatch(/None yet \(recorded before the evidence chain\)/);
    expect(rows[1]).toContain(`Chained at ${new Date(T2).toISOString()}`);
  });

  test('without labels (lib/diff/labels.ts not yet given) the report leaves them out', () => {
    const doc = parse(buildReport(input({ labels: undefined })));
    expect(doc.querySelectorAll('.labels')).toHaveLength(0);
    expect(doc.querySelectorAll('.diff ins').length).toBeGreaterThan(0);
  });

  test('the file names take the article\'s host, never its declared name', () => {
    const day = new Date(2025, 2, 3, 12);
    expect(reportFileName('https://www.news.example/a', day)).toBe('palimpsest-report-news.example-2025-03-03.html');
    expect(articleExportName('https://Sub.News.example:8080/a', day)).toBe('palimpsest-sub.news.example-2025-03-03.json');
    expect(articleExportName('http://127.0.0.1:4000/x', day)).toBe('palimpsest-127.0.0.1-2025-03-03.json');
    expect(siteSlug('https://bücher.example/')).toBe('xn--bcher-kva.example');
    expect(siteSlug('javascript:alert(1)')).toBe('article');
    expect(siteSlug('not a url/../..')).toBe('article');
    expect(siteSlug(null)).toBe('article');
    expect(groupedFingerprint('abcdef')).toBe('abcd ef');
  });
});
