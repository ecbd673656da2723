/**
 * Article recognition: real news pages are articles; pages that list, search or log in are not, whatever their
 * size. These pages are written here, the way sites build them, not taken from any one site.
 */
import { describe, expect, test } from 'vitest';
import { recognizeArticle } from '../../lib/capture/recognize';
import { FIXTURE_NAMES, loadFixture, parseHtml } from '../helpers/fixtures';

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
