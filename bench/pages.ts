/** Generated non-article pages, and the fixture pages served as published or with their article markers removed. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR } from './fixtures';

const LOREM =
  'The committee met on Tuesday to discuss the proposal, which has divided opinion among residents and local ' +
  'businesses for several months now';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

const nav = '<header><nav>' + Array.from({ length: 12 }, (_, i) => `<a href="/s${i}">Section ${i}</a>`).join(' ') + '</nav></header>';

export const GENERATED: { name: string; path: string; html: string }[] = [
  {
    name: 'home page, 30 headlines',
    path: '/',
    html: page(
      'Example News',
      nav +
        '<main>' +
        Array.from(
          { length: 30 },
          (_, i) =>
            `<article class="card"><h3><a href="/story/${i}">Headline number ${i} about the council vote</a></h3>` +
            `<p>${LOREM.slice(0, 60 + (i % 5) * 10)}.</p><span>${i} min ago</span></article>`,
        ).join('') +
        '</main>',
    ),
  },
  {
    name: 'search results',
    path: '/search?q=council',
    html: page(
      'Search: council',
      nav +
        '<form><input name="q" value="council"></form><ol>' +
        Array.from(
          { length: 20 },
          (_, i) => `<li><a href="/r/${i}">Result ${i}: council news</a><p>${LOREM}. Result ${i} snippet.</p></li>`,
        ).join('') +
        '</ol>',
    ),
  },
  {
    name: 'web-app shell',
    path: '/app/inbox',
    html: page(
      'Inbox',
      '<div id="app"><aside>' +
        Array.from({ length: 40 }, (_, i) => `<button>Folder ${i}</button>`).join('') +
        '</aside><div role="grid">' +
        Array.from(
          { length: 200 },
          (_, i) => `<div role="row"><div>Sender ${i}</div><div>Subject line ${i}</div><div>12:${i % 60}</div></div>`,
        ).join('') +
        '</div></div>',
    ),
  },
  {
    name: 'long forum thread (300 posts)',
    path: '/forum/thread/12345-long-discussion',
    html: page(
      'Long discussion - Forum',
      nav +
        Array.from(
          { length: 300 },
          (_, i) =>
            `<div class="post"><div class="author">user${i}</div><div class="content"><p>${LOREM}, post ${i}.</p>` +
            `<p>Second thought: ${LOREM.toLowerCase()}.</p></div></div>`,
        ).join(''),
    ),
  },
];

/** Fixtures with a source page. */
export function sourceFixtures(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => existsSync(path.join(FIXTURES_DIR, name, 'source.html')))
    .sort();
}

/** A fixture as published, minus scripts other than JSON-LD (nothing is loaded from the network anyway). */
export function fixtureSource(name: string): string {
  const html = readFileSync(path.join(FIXTURES_DIR, name, 'source.html'), 'utf8');
  return html.replace(/<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script>/gi, '');
}

/** The fixture with every declared article marker removed: JSON-LD, og:type, article:* metas, itemtype. */
export function withoutMarkers(html: string): string {
  return html
    .replace(/<script\b[^>]*application\/ld\+json[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<meta\b[^>]*(?:og:type|article:)[^>]*>/gi, '')
    .replace(/\sitemtype\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
}
