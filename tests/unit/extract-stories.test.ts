/**
 * Generated short stories (tests/helpers/story-pages.ts) with furniture around and inside them: capture keeps exactly
 * the true paragraphs, in every layout and language, and nothing else.
 */
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../lib/capture/keyed';
import { readBlocks } from '../../lib/capture/blocks';
import { LANGS, SHAPES, generateStoryPage, generateStoryPages } from '../helpers/story-pages';
import { parseHtml } from '../helpers/fixtures';

const pages = generateStoryPages(SHAPES.length * LANGS.length * 2, 7);

describe('generated stories', () => {
  test.each(pages.map((p, i) => [p.label, i] as const))('%s #%i: body is exactly the story', (_label, i) => {
    const page = pages[i]!;
    const snapshot = extractArticle(parseHtml(page.html, page.url), page.url);
    expect(snapshot).not.toBeNull();
    expect(snapshot!.headline).toBe(page.truth.headline);
    expect(snapshot!.body.map((b) => b.text)).toEqual(page.truth.paragraphs);
  });

  test('every shape and language is covered, with one to six paragraphs', () => {
    expect(new Set(pages.map((p) => p.label)).size).toBe(SHAPES.length * LANGS.length);
    const counts = new Set(pages.map((p) => p.truth.paragraphs.length));
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBe(6);
  });

  test('the generator is deterministic', () => {
    expect(generateStoryPage(5, 3).html).toBe(generateStoryPage(5, 3).html);
    expect(generateStoryPage(5, 3).html).not.toBe(generateStoryPage(5, 4).html);
  });
});

describe('text written with <br> between paragraphs', () => {
  const first = 'The council said on Tuesday that the old bridge would stay closed until the end of the month.';
  const second = 'Repairs could take several weeks, the city engineer told reporters after the inspection.';
  const blocks = (html: string) => readBlocks(parseHtml(`<div id="r">${html}</div>`).getElementById('r')!).blocks.map((b) => b.text);

  test('a double <br> ends a paragraph', () => {
    expect(blocks(`${first}<br><br>${second}`)).toEqual([first, second]);
    expect(blocks(`<p>${first}<br>\n <br>${second}</p>`)).toEqual([first, second]);
  });

  test('a single <br> after a whole sentence of paragraph length ends one too', () => {
    const long = `${first} ${second}`;
    expect(blocks(`${long}<br>${first}`)).toEqual([long, first]);
  });

  test('a single <br> inside a short line does not', () => {
    expect(blocks('Jane Moss<br>Harbour Street 4<br>Springfield')).toEqual(['Jane Moss Harbour Street 4 Springfield']);
  });
});

describe('furniture inside <article>', () => {
  const story = [
    'Emergency crews told reporters that the vote was postponed as the storm moved east, according to officials.',
    'The water utility estimated that about 40 households were without power after a night of heavy rain.',
    'Residents of the northern district said the harbour reopened to small boats despite earlier assurances.',
  ];
  const html = `<html><head><title>Storm closes bridge</title></head><body><nav><a href="/">Home</a> <a href="/w">World</a></nav>
    <article><h1>Storm closes bridge</h1><div class="by">By <a href="/a/1">Jane Moss</a></div><p>Updated 7 December 2026, 12:42</p>
    <div><a href="#c">12 comments</a></div><ul><li><a href="/s/fb">Facebook</a></li><li><a href="/s/tw">Twitter</a></li></ul>
    <figure><img src="/a.jpg"><figcaption>The bridge on Monday. Photo: Reuters</figcaption></figure>
    <p>${story[0]}</p><aside><h3>Read also</h3><a href="/x">Council approves budget</a></aside>
    <p>${story[1]}</p><div><p>Get the morning briefing in your inbox.</p><form><input type="email"><button>Sign up</button></form></div>
    <div hidden><p>A hidden teaser paragraph that no reader sees on this page at all.</p></div>
    <p><strong>Lesen Sie auch:</strong> <a href="/y">Hafen wieder offen</a></p>
    <p>${story[2]}</p><div class="tags">Topics: <a href="/t/1">Weather</a> <a href="/t/2">Transport</a></div>
    <noscript><p>Please enable JavaScript to read the comments.</p></noscript>
    </article><footer>© 2026 The Harbour Ledger</footer></body></html>`;

  test('is dropped and the story kept', () => {
    const snapshot = extractArticle(parseHtml(html), 'https://news.example/2026/12/07/storm.html');
    expect(snapshot!.body.map((b) => b.text)).toEqual(story);
  });
});
