/**
 * Article recognition: real news pages are articles; pages that list, search or log in are not, whatever their
 * size. These pages are written here, the way sites build them, not taken from any one site.
 */
import { describe, expect, test } from 'vitest';
import { recognizeArticle } from '../../lib/capture/recognize';
import { FIXTURE_NAMES, loadFixture, parseHtml, serialize } from '../helpers/fixtures';
import { VARIANT_PAGES, cutStory, loadPage, pageUrl } from '../helpers/variants';

const LOREM =
  'The council voted on Tuesday to approve the plan after months of debate, with residents divided over the cost and the timetable for the works along the river.';

/** Eight paragraphs of a couple of sentences each: a short news story. */
const story = () => Array.from({ length: 8 }, (_, i) => `<p>${LOREM} Paragraph ${i + 1} adds a detail or two.</p>`).join('');

function homePage(): string {
  const cards = Array.from(
    { length: 30 },
    (_, i) => `<article class="card"><h2><a href="/news/story-${i}">Headline number ${i} about a matter of public interest</a></h2>
      <p>${LOREM.slice(0, 90 + (i % 5) * 10)}</p><span class="time">${i + 1} hours ago</span></article>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><title>The Daily Example - News, sport and opinion</title>
    <meta property="og:type" content="website"><script type="application/ld+json">{"@context":"https://schema.org","@type":"WebSite","name":"The Daily Example"}</script></head>
    <body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
    <main><h1>Today's news</h1>${cards}</main><footer><p>© The Daily Example</p></footer></body></html>`;
}

function searchResults(): string {
  const results = Array.from(
    { length: 20 },
    (_, i) => `<li><h3><a href="/news/result-${i}">Result ${i}: council plan coverage</a></h3>
      <p>${LOREM} Snippet ${i}.</p></li>`,
  ).join('\n');
  return `<!doctype html><html><head><title>Search results for "council"</title></head><body>
    <form action="/search"><input name="q" value="council"><button>Search</button></form>
    <h1>Results for "council"</h1><ol class="results">${results}</ol></body></html>`;
}

function loginPage(): string {
  return `<!doctype html><html><head><title>Sign in</title></head><body><main><h1>Sign in to your account</h1>
    <p>${LOREM}</p><p>${LOREM}</p><p>${LOREM}</p>
    <form method="post" action="/login"><label>Email <input type="email" name="email"></label>
    <label>Password <input type="password" name="password"></label><button>Sign in</button></form></main></body></html>`;
}

describe('pages that are not articles', () => {
  test('a home page with 30 headlines', () => {
    const r = recognizeArticle(parseHtml(homePage(), 'https://daily.example/'), 'https://daily.example/');
    expect(r.article).toBe(false);
    // Same page at an inner URL: the structure alone still says "list".
    const inner = 'https://daily.example/world';
    expect(recognizeArticle(parseHtml(homePage(), inner), inner).article).toBe(false);
  });

  test('a search results page', () => {
    const url = 'https://daily.example/search?q=council';
    expect(recognizeArticle(parseHtml(searchResults(), url), url).article).toBe(false);
    const plain = 'https://daily.example/results';
    expect(recognizeArticle(parseHtml(searchResults(), plain), plain).article).toBe(false);
  });

  test('a login form', () => {
    const url = 'https://daily.example/account/login';
    expect(recognizeArticle(parseHtml(loginPage(), url), url).article).toBe(false);
  });

  test('an empty web app shell', () => {
    const url = 'https://app.example/inbox';
    const html = '<!doctype html><html><head><title>Inbox</title></head><body><div id="root"></div></body></html>';
    expect(recognizeArticle(parseHtml(html, url), url).article).toBe(false);
  });
});

describe('undeclared articles are still recognised', () => {
  test('a plain story page with no metadata at all', () => {
    const url = 'https://blog.example/2024/05/council-plan';
    const html = `<!doctype html><html><head><title>Council approves plan</title></head><body>
      <h1>Council approves river plan</h1><div class="story">${story()}</div></body></html>`;
    expect(recognizeArticle(parseHtml(html, url), url)).toMatchObject({ article: true, declared: false });
  });

  test('a story written as text with <br> line breaks, no <p> at all', () => {
    const url = 'https://blog.example/2024/05/council-plan';
    const lines = Array.from({ length: 6 }, (_, i) => `${LOREM} Line ${i + 1}.`).join('<br><br>\n');
    const html = `<!doctype html><html><head><title>Council approves plan</title></head><body>
      <h1>Council approves river plan</h1><div class="text">${lines}</div></body></html>`;
    expect(recognizeArticle(parseHtml(html, url), url)).toMatchObject({ article: true, declared: false });
  });

  test('a declared one-paragraph brief is an article; the same paragraph only inside <noscript> is not', () => {
    const url = 'https://daily.example/2024/05/brief';
    const page = (body: string) => `<!doctype html><html><head><meta property="og:type" content="article">
      <title>Council approves plan</title></head><body><h1>Council approves river plan</h1>${body}</body></html>`;
    expect(recognizeArticle(parseHtml(page(`<p>${LOREM}</p>`), url), url)).toMatchObject({ article: true, declared: true });
    // A browser that runs scripts reads <noscript> as text, jsdom as elements: neither may count it.
    expect(recognizeArticle(parseHtml(page(`<noscript><p>${LOREM}</p></noscript>`), url), url).article).toBe(false);
  });

  test('live blogs are flagged', () => {
    const url = 'https://daily.example/live/election';
    const ld = '{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"LiveBlogPosting","headline":"Election live"}]}';
    const html = `<!doctype html><html><head><script type="application/ld+json">${ld}</script></head><body><h1>Election live</h1>
      <div>${story()}</div></body></html>`;
    expect(recognizeArticle(parseHtml(html, url), url)).toMatchObject({ article: true, liveBlog: true });
  });
});

test.each(FIXTURE_NAMES)('%s is recognised as an article', (name) => {
  const url = `https://news.example/2024/05/01/${name}.html`;
  const r = recognizeArticle(parseHtml(loadFixture(name).source, url), url);
  expect(r.article, r.reason).toBe(true);
});

/** The page with everything it declares about itself removed: no JSON-LD, microdata types, og:type, article:*. */
function undeclared(html: string, url: string): string {
  const doc = parseHtml(html, url);
  const declarations = 'script[type="application/ld+json"], meta[property="og:type"], meta[property^="article:"], meta[name^="article:"]';
  for (const el of doc.querySelectorAll(declarations)) el.remove();
  for (const el of doc.querySelectorAll('[itemtype]')) el.removeAttribute('itemtype');
  return serialize(doc);
}

/**
 * Real pages (English, German, French, Spanish, Portuguese, Czech) cut to two or three story paragraphs, with every
 * declaration removed: a breaking-news stub on a site that declares nothing. Pages where a cut this short is still
 * refused are listed, so the list only shrinks: their sidebars or footers hold nearly as much prose as the stub.
 */
const SHORT_UNDECLARED_MISSES = new Set([
  'ars-1/2', 'bbc-1/2', 'folha/2', 'guardian-1/2', 'medicalnewstoday/2', 'nytimes-2/2',
]);
describe('short undeclared stubs of real pages are articles', () => {
  test.each(VARIANT_PAGES.flatMap((name) => [2, 3].map((n) => [name, n] as const)))('%s cut to %i paragraphs', (name, n) => {
    const url = pageUrl(name);
    const cut = cutStory(loadPage(name).source, url, n);
    expect(cut, 'the page has that many story paragraphs').not.toBeNull();
    const r = recognizeArticle(parseHtml(undeclared(cut!, url), url), url);
    expect(r.declared).toBe(false);
    if (SHORT_UNDECLARED_MISSES.has(`${name}/${n}`)) {
      expect(r.article, `${name} cut to ${n} is a known miss that now passes: take it off the list`).toBe(false);
      return;
    }
    expect(r.article, r.reason).toBe(true);
  }, 60_000);
});

describe('short pages that are not stories stay refused', () => {
  const url = 'https://daily.example/2024/05/01/page.html';
  const shell = (body: string) => `<!doctype html><html lang="de"><head><title>Page</title></head><body>${body}</body></html>`;
  const lines = [
    'Der Stadtrat hat am Dienstag nach monatelanger Debatte den Plan für die Arbeiten am Fluss gebilligt, die Anwohner bleiben gespalten.',
    'Die Kosten sollen bei zwölf Millionen Euro liegen; die Bauarbeiten beginnen nach Angaben der Verwaltung im kommenden Frühjahr.',
    'Kritiker bemängeln, dass die Bürgerbeteiligung zu spät begonnen habe und wichtige Fragen zum Hochwasserschutz offen geblieben seien.',
  ];

  test('a German stub of two and of three paragraphs after its headline is an article (control)', () => {
    for (const n of [2, 3]) {
      const html = shell(`<header><nav><a href="/">Start</a></nav></header><main><h1>Stadtrat billigt Plan für den Fluss</h1>
        <div class="text">${lines.slice(0, n).map((l) => `<p>${l}</p>`).join('')}</div></main><footer><p>© Tageblatt</p></footer>`);
      expect(recognizeArticle(parseHtml(html, url), url)).toMatchObject({ article: true, declared: false });
    }
  });

  test('a page that shows only a cookie wall', () => {
    const notice = `<p>${lines[0]} Wir und unsere Partner verwenden Cookies, um Inhalte zu personalisieren und Werbung zu messen.</p>
      <p>${lines[1]} Sie können Ihre Einwilligung jederzeit in den Einstellungen widerrufen.</p>`;
    for (const box of [
      `<div id="cookie-banner"><h2>Ihre Privatsphäre</h2>${notice}<button>Alle akzeptieren</button></div>`,
      `<div role="dialog" aria-modal="true"><h2>Ihre Privatsphäre</h2>${notice}<button>Alle akzeptieren</button></div>`,
      `<dialog open><h2>Ihre Privatsphäre</h2>${notice}<button>Alle akzeptieren</button></dialog>`,
    ]) {
      const r = recognizeArticle(parseHtml(shell(`<h1>Tageblatt</h1>${box}`), url), url);
      expect(r.article, r.reason).toBe(false);
    }
  });

  test('a page of comments only', () => {
    const comments = Array.from(
      { length: 8 },
      (_, i) => `<li class="comment"><div class="meta"><b>Leser ${i}</b> <time>vor ${i + 1} Stunden</time></div>
        <div class="comment-text"><p>${lines[i % 3]} Kommentar ${i}.</p></div></li>`,
    ).join('');
    const r = recognizeArticle(parseHtml(shell(`<h1>Kommentare</h1><ol class="comments">${comments}</ol>`), url), url);
    expect(r.article, r.reason).toBe(false);
  });

  test('a section page: an introduction above a list of teasers', () => {
    const teasers = Array.from(
      { length: 10 },
      (_, i) => `<article><h2><a href="/politik/story-${i}">Überschrift Nummer ${i} zu einer Frage der Stadtpolitik</a></h2>
        <p>${lines[i % 3]}</p></article>`,
    ).join('');
    const html = shell(`<main><h1>Politik</h1><p class="intro">${lines[0]} ${lines[1]}</p>${teasers}</main>`);
    const section = 'https://daily.example/politik/';
    const r = recognizeArticle(parseHtml(html, section), section);
    expect(r.article, r.reason).toBe(false);
  });

  test('a search results list at a plain URL', () => {
    const results = Array.from(
      { length: 12 },
      (_, i) => `<li><h3><a href="/artikel/${i}">Treffer ${i}: Stadtrat und Fluss in der Berichterstattung</a></h3><p>${lines[i % 3]}</p></li>`,
    ).join('');
    const plain = 'https://daily.example/treffer';
    const r = recognizeArticle(parseHtml(shell(`<h1>Treffer für „Fluss“</h1><ol>${results}</ol>`), plain), plain);
    expect(r.article, r.reason).toBe(false);
  });

  test('a sign-in page that explains itself in two paragraphs', () => {
    const html = shell(`<main><h1>Anmelden</h1><p>${lines[0]}</p><p>${lines[1]}</p>
      <form><input type="email"><input type="password"><button>Anmelden</button></form></main>`);
    expect(recognizeArticle(parseHtml(html, url), url).article).toBe(false);
  });
});
