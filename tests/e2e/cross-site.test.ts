/**
 * Issue 15, item 3 in real Chromium with the built extension: a page may only write the history of an article on its
 * own site. Hosts are mapped to the local page server (--host-resolver-rules), so the pages are served under the
 * names a shared host gives its tenants (alice.github.io, bob.github.io, github.io itself) and under a publisher's
 * amp./www. editions.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchWithExtension, visit, waitFor, type ExtensionBrowser } from './chromium';
import { dumpHistory } from './history-dump';
import { startPageServer, type PageServer } from './server';
import { PARAGRAPHS } from '../unit/helpers/snapshots';

let browser: ExtensionBrowser;
let server: PageServer;
let port = '';

beforeAll(async () => {
  server = await startPageServer();
  port = new URL(server.origin).port;
  browser = await launchWithExtension({
    args: ['--host-resolver-rules=MAP *.github.io 127.0.0.1, MAP github.io 127.0.0.1, MAP *.example 127.0.0.1'],
  });
  // chromium.ts aborts every request not to 127.0.0.1; these names are the local server too. (Routes registered
  // later run first.)
  await browser.context.route(/^http:\/\/([a-z0-9-]+\.)*(github\.io|example)[:/]/, (route) => route.continue());
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A story page declaring `canonical` as both its rel=canonical and og:url. */
function story(canonical: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour Bridge to close</title>
<meta property="og:type" content="article"><link rel="canonical" href="${canonical}">
<meta property="og:url" content="${canonical}"></head>
<body><article><h1>Harbour Bridge to close for three weeks as cables corrode</h1>
${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('\n')}</article></body></html>`;
}

/** Visits `url` and waits until a visit is recorded under a key containing `path`; returns every article key. */
async function captureAt(url: string, path: string): Promise<string[]> {
  const page = await visit(browser.context, url);
  const dump = (await waitFor(async () => {
    const history = await dumpHistory(await browser.worker());
    return history.visits.some((v) => v.key.includes(path)) ? history : null;
  }, `a visit of ${url}`))!;
  await page.close();
  return dump.articles.map((a) => a.key);
}

describe('cross-writing', () => {
  test('bob.github.io declaring alice.github.io’s story writes only its own article', async () => {
    server.set('/bob/post', story(`http://alice.github.io:${port}/2024/story`));
    const keys = await captureAt(`http://bob.github.io:${port}/bob/post`, '/bob/post');
    expect(keys).toContain(`bob.github.io:${port}/bob/post`);
    expect(keys.filter((key) => key.includes('alice.github.io'))).toEqual([]);
  });

  test('a tenant of github.io declaring github.io’s own URL writes only its own article', async () => {
    server.set('/tenant/post', story(`http://github.io:${port}/2024/parent-story`));
    const keys = await captureAt(`http://carol.github.io:${port}/tenant/post`, '/tenant/post');
    expect(keys).toContain(`carol.github.io:${port}/tenant/post`);
    expect(keys.filter((key) => key.includes('parent-story'))).toEqual([]);
  });

  test('the amp. edition of a publisher shares the www. edition’s article', async () => {
    server.set('/2024/amp/story', story(`http://www.news.example:${port}/2024/shared-story`));
    const keys = await captureAt(`http://amp.news.example:${port}/2024/amp/story`, '/2024/shared-story');
    expect(keys).toContain(`news.example:${port}/2024/shared-story`);
  });
});

describe('one identity (item 4)', () => {
  test('the popup finds the article of a page whose key comes from og:url (its canonical is the home page)', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    server.set('/og/story', story(`http://www.news.example:${port}/`).replace(
      /<meta property="og:url" content="[^"]*">/,
      `<meta property="og:url" content="http://www.news.example:${port}/2024/og-story">`,
    ));
    const keys = await captureAt(`http://m.news.example:${port}/og/story`, '/2024/og-story');
    expect(keys).toContain(`news.example:${port}/2024/og-story`);
    // The popup tab stays open in the background; reloading it makes it ask about the tab now in front.
    const page = await visit(browser.context, `http://m.news.example:${port}/og/story`);
    await page.bringToFront();
    await popup.reload();
    await popup.locator('h1.headline').waitFor();
    await expect(popup.locator('h1.headline').textContent()).resolves.toBe('Harbour Bridge to close for three weeks as cables corrode');
    await Promise.all([page.close(), popup.close()]);
  });
});
