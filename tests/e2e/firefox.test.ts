/**
 * The same product in real Firefox ESR, headless, with the built MV3 extension installed: a news page served from
 * 127.0.0.1 is captured; a noise-only revisit is no version; an inserted sentence badges the tab and shows in the
 * popup as an insertion; Export and Import carry the history into a fresh profile; "Never remember history" records
 * nothing; a profile without usable storage gets a plain answer instead of a silent failure.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseImport } from '../../lib/transfer/parse';
import { loadFixture, parseHtml } from '../helpers/fixtures';
import { FIREFOX_BUILD, launchFirefox, waitFor, type FirefoxExtension } from './firefox';
import { essence, noiseOnly, SENTENCE, storyParagraph, TRACKING_QUERY, withSentence, type DbDump } from './scenario';
import { startPageServer, type PageServer } from './server';

const PATH = '/world/2017/jan/10/whale-strandings';
const fixture = loadFixture('guardian-1');
let ff: FirefoxExtension;
let server: PageServer;

beforeAll(async () => {
  server = await startPageServer();
  ff = await launchFirefox();
});
afterAll(async () => {
  await ff?.close();
  await server?.close();
});

/** Text of the elements matching `selector` in an extension page, once one of them satisfies `ok`. */
async function textsOnceShown(page: Page, selector: string, ok: (text: string) => boolean): Promise<string[]> {
  return waitFor(async () => {
    const texts = await page.$$eval(selector, (els) => els.map((el) => el.textContent ?? '')).catch(() => []);
    return texts.some(ok) ? texts : null;
  }, `${selector} in ${page.url()}`);
}

/** Serves `html` at PATH, opens it (with `query`) in a new tab, and waits until that visit is recorded. */
async function revisit(html: string, query = ''): Promise<{ dump: DbDump; badge: string; tabId: number }> {
  const before = (await ff.dumpDb()).visits.length;
  server.set(PATH, html);
  const page = await ff.visit(server.url(PATH) + query);
  const dump = await waitFor(async () => {
    const d = await ff.dumpDb();
    return d.visits.length > before ? d : null;
  }, 'the visit to be recorded', 20_000);
  expect(dump.visits).toHaveLength(before + 1);
  // The badge is set right after the reply; allow the last step to land.
  await new Promise((r) => setTimeout(r, 200));
  const tabId = await ff.tabIdOf(page.url());
  return { dump, badge: await ff.badgeText(tabId), tabId };
}

describe('reading and revisiting an article in Firefox', () => {
  let body: { text: string }[] = [];

  test('the first visit records exactly one version with the headline, and no badge', async () => {
    const { badge } = await revisit(fixture.source);
    // A second capture of the same view (settle timer firing twice) would show up within this time.
    await new Promise((r) => setTimeout(r, 1500));
    const dump = await ff.dumpDb();
    expect(dump.visits).toHaveLength(1);
    expect(dump.versions).toHaveLength(1);
    expect(dump.versions[0]!.headline).toBe(parseHtml(fixture.source).querySelector('h1')!.textContent!.trim());
    expect(dump.articles[0]!.key).toBe(`${new URL(server.origin).host}${PATH}`);
    expect(badge).toBe('');
    body = dump.versions[0]!.body;
    expect(body.length).toBeGreaterThan(10);
  });

  test('a revisit with only boilerplate changed and tracking parameters added: no badge, no new version', async () => {
    const { dump, badge } = await revisit(noiseOnly(fixture.source, body[0]!.text), TRACKING_QUERY);
    expect(dump.versions).toHaveLength(1);
    expect(dump.articles).toHaveLength(1);
    expect(badge).toBe('');
  });

  test('a revisit with one sentence inserted: badge "1" and a second version', async () => {
    const { dump, badge, tabId } = await revisit(withSentence(fixture.source, storyParagraph(body)));
    expect(dump.versions).toHaveLength(2);
    expect(dump.versions.find((v) => v.seq === 2)!.body.some((b) => b.text.includes(SENTENCE))).toBe(true);
    expect(badge).toBe('1');
    expect(await ff.title(tabId)).toMatch(/^Palimpsest: 1 paragraph changed since your visit on /);
  });

  test('the popup shows the inserted sentence as an insertion', async () => {
    const popup = await ff.extensionPage(`popup.html?url=${encodeURIComponent(server.url(PATH))}`);
    await textsOnceShown(popup, 'ins', (text) => text.includes(SENTENCE));
    await popup.close();
  });

  test('Export all downloads a valid file; Import restores the same history in a fresh profile', async () => {
    const history = await ff.extensionPage('articles.html');
    const button = await waitFor(() => history.$('#export-all'), 'the Export button');
    await button.click();
    const name = await waitFor(async () => {
      const files = existsSync(ff.downloadDir) ? readdirSync(ff.downloadDir) : [];
      return files.find((f) => /^palimpsest-history-\d{4}-\d{2}-\d{2}\.json$/.test(f));
    }, 'the export file');
    const file = path.join(ff.downloadDir, name);
    const text = await waitFor(async () => {
      const t = readFileSync(file, 'utf8');
      return t.trimEnd().endsWith('}') ? t : null;
    }, 'the download to finish');
    const parsed = await parseImport(text);
    expect(parsed.ok, parsed.ok ? '' : parsed.error).toBe(true);
    if (parsed.ok) expect(parsed.file.articles[0]!.versions).toHaveLength(2);
    await history.close();

    const fresh = await launchFirefox();
    try {
      const page = await fresh.extensionPage('articles.html');
      const input = await waitFor(() => page.$('input[type=file]'), 'the import input');
      await input.uploadFile(file);
      await textsOnceShown(page, '[role=status]', (t) => /^(Imported|Import failed)/.test(t)).then((texts) =>
        expect(texts[0]).toMatch(/^Imported/),
      );
      expect(essence(await fresh.dumpDb())).toEqual(essence(await ff.dumpDb()));
    } finally {
      await fresh.close();
    }
  });
});

test('"Never remember history" (all windows private): Firefox keeps Palimpsest out, nothing is recorded', async () => {
  const manifest = JSON.parse(readFileSync(path.join(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as { incognito: string };
  // Temporary add-ons stay out of private windows by default anyway; the manifest makes it so for every install.
  expect(manifest.incognito).toBe('not_allowed');
  server.set('/private/story', fixture.source);
  // Temporary add-ons are uninstalled when Firefox quits, which would also wipe their data unless kept.
  const keep = { 'extensions.webextensions.keepStorageOnUninstall': true };
  const prefs = { ...keep, 'browser.privatebrowsing.autostart': true };
  const pbm = await launchFirefox({ prefs });
  try {
    await pbm.visit(server.url('/private/story'));
    // Private windows get no content script, and extension pages opened there get no extension APIs.
    const popup = await pbm.extensionPage('popup.html');
    expect(await popup.evaluate(() => typeof (globalThis as { browser?: unknown }).browser)).toBe('undefined');
    await new Promise((r) => setTimeout(r, 3000));
  } finally {
    await pbm.close({ keepProfile: true });
  }
  const normal = await launchFirefox({
    prefs: { ...keep, 'browser.privatebrowsing.autostart': false },
    reuse: { profileDir: pbm.profileDir, uuid: pbm.uuid },
  });
  try {
    expect((await normal.dumpDb()).visits).toHaveLength(0);
    // The same page in the same profile, now in a normal window, is recorded: the silence was the private mode's.
    await normal.visit(server.url('/private/story'));
    await waitFor(async () => (await normal.dumpDb()).visits.length === 1, 'the normal visit');
  } finally {
    await normal.close();
  }
});

test('a profile whose storage the browser refuses: the visit is answered plainly and the popup says so', async () => {
  const broken = await launchFirefox({
    // A file where the extension's IndexedDB folder belongs: Firefox then fails every open with UnknownError, as
    // with a damaged or read-only profile. Extension settings live in another origin and keep working.
    prepareProfile: (dir, uuid) => {
      const origin = path.join(dir, 'storage', 'default', `moz-extension+++${uuid}`);
      mkdirSync(path.dirname(origin), { recursive: true });
      writeFileSync(origin, '');
    },
  });
  try {
    server.set('/broken/story', fixture.source);
    const story = await broken.visit(server.url('/broken/story'));
    const popup = await broken.extensionPage('popup.html');
    // The toolbar popup asks the active tab: reloaded behind the story, it asks about the story.
    await story.bringToFront();
    await popup.evaluate(() => location.reload());
    const texts = await textsOnceShown(popup, 'main', (t) => /could not be recorded/.test(t));
    expect(texts[0]).toContain('Palimpsest cannot store history in this browser profile');
    const withUrl = await broken.extensionPage(`popup.html?url=${encodeURIComponent(server.url('/broken/story'))}`);
    await textsOnceShown(withUrl, 'main', (t) => /History is unavailable/.test(t));
  } finally {
    await broken.close();
  }
});
