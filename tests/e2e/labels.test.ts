/**
 * Labelled edits in real Chromium and real Firefox ESR, with the built extension: two real news pages served from
 * 127.0.0.1 are each read twice. The Guardian story comes back with a figure corrected and a correction note under
 * it: the popup's summary and the history list call that change "Disclosed". The Seattle Times story comes back with
 * a sentence slipped in and no note: "Silent edit", "Added text". "Silent edits only" on the history page then lists
 * the second story alone. One browser at a time: Chromium's block runs first, then Firefox's.
 */
import type { Page as ChromiumPage } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { changeNumber, findElementWithText, HAS_NUMBER, loadFixture, parseHtml, serialize } from '../helpers/fixtures';
import { dumpDb, launchWithExtension, visit, waitFor, type ExtensionBrowser } from './chromium';
import { launchFirefox, type FirefoxExtension } from './firefox';
import { SENTENCE, storyParagraph, withSentence, type DbDump } from './scenario';
import { startPageServer, type PageServer } from './server';

const DISCLOSED = { name: 'guardian-1', path: '/labels/world/whale-strandings' };
const SILENT = { name: 'seattletimes-1', path: '/labels/business/silent-edit' };
const NOTE = 'Correction: An earlier version of this article misstated a figure. It has been corrected.';

type Body = { text: string }[];

/** The Guardian story with one figure changed and a correction note after its last paragraph. */
function corrected(source: string, body: Body, url: string): string {
  const doc = parseHtml(source, url);
  const paragraphs = body.map((b) => b.text).filter((text) => text.length > 80);
  const withNumber = paragraphs.find((text) => /^\d+$/.test(HAS_NUMBER.exec(text)?.[0] ?? ''));
  if (!withNumber) throw new Error('no paragraph with a figure');
  changeNumber(doc, withNumber);
  const last = findElementWithText(doc, paragraphs.at(-1)!);
  if (!last) throw new Error('last paragraph not found');
  const note = doc.createElement('p');
  note.textContent = NOTE;
  last.after(note);
  return serialize(doc);
}

/** What a browser's harness gives the shared steps below. */
interface Harness {
  server: PageServer;
  /** Opens `url` and resolves once the history holds `versions` versions of the article at `path`. */
  read(url: string, path: string, versions: number): Promise<DbDump>;
  /** The text of the labels in the popup's change summary for `url`. */
  popupLabels(url: string): Promise<string>;
  /** Opens the history page: the labels of the row with `headline`, and after ticking "Silent edits only", the rows. */
  history(headlines: string[]): Promise<{ labels: string[]; silentOnly: string[] }>;
}

/** Both stories read, edited and read again; returns their headlines (disclosed first). */
async function readTwice(h: Harness): Promise<[string, string]> {
  const headlines: string[] = [];
  for (const story of [DISCLOSED, SILENT]) {
    const source = loadFixture(story.name).source;
    const url = h.server.url(story.path);
    h.server.set(story.path, source);
    const first = await h.read(url, story.path, 1);
    const body = first.versions.find((v) => v.key.endsWith(story.path))!.body;
    h.server.set(story.path, story === DISCLOSED ? corrected(source, body, url) : withSentence(source, storyParagraph(body)));
    const second = await h.read(url, story.path, 2);
    const newer = second.versions.find((v) => v.key.endsWith(story.path) && v.seq === 2)!;
    expect(newer.body.some((b) => b.text.includes(story === DISCLOSED ? NOTE : SENTENCE))).toBe(true);
    headlines.push(second.articles.find((a) => a.key.endsWith(story.path))!.headline);
  }
  return headlines as [string, string];
}

async function labelsShown(h: Harness): Promise<void> {
  const [disclosed, silent] = await readTwice(h);
  const popupDisclosed = await h.popupLabels(h.server.url(DISCLOSED.path));
  expect(popupDisclosed).toContain('Disclosed');
  expect(popupDisclosed).toContain('Numbers');
  expect(popupDisclosed).not.toContain('Silent edit');
  const popupSilent = await h.popupLabels(h.server.url(SILENT.path));
  expect(popupSilent).toContain('Silent edit');
  expect(popupSilent).toContain('Added text');
  expect(popupSilent).not.toContain('Disclosed');

  const { labels, silentOnly } = await h.history([disclosed, silent]);
  expect(labels[0]).toContain('Disclosed');
  expect(labels[0]).not.toContain('Silent edit');
  expect(labels[1]).toContain('Silent edit');
  expect(silentOnly).toHaveLength(1);
  expect(silentOnly[0]).toContain(silent);
}

describe('in Chromium', () => {
  let browser: ExtensionBrowser;
  let server: PageServer;
  beforeAll(async () => {
    server = await startPageServer();
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const extensionPage = async (file: string): Promise<ChromiumPage> => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
    return page;
  };

  test('a correction note makes a change disclosed, its absence silent; "Silent edits only" keeps the silent one', async () => {
    await labelsShown({
      server,
      read: async (url, path, versions) => {
        const page = await visit(browser.context, url);
        const dump = await waitFor(async () => {
          const d = await dumpDb(await browser.worker());
          return d.versions.filter((v) => v.key.endsWith(path)).length >= versions ? d : null;
        }, `${versions} version(s) of ${path}`);
        await page.close();
        return dump;
      },
      popupLabels: async (url) => {
        const popup = await extensionPage(`popup.html?url=${encodeURIComponent(url)}`);
        const text = await popup.locator('.summary-labels').textContent();
        await popup.close();
        return text ?? '';
      },
      history: async (headlines) => {
        const page = await extensionPage('articles.html');
        const rows = page.locator('table.articles tbody tr');
        const labels: string[] = [];
        for (const headline of headlines) {
          labels.push((await rows.filter({ hasText: headline }).locator('.row-labels').textContent()) ?? '');
        }
        await page.getByLabel('Silent edits only').check();
        await waitFor(async () => (await rows.count()) === 1, 'the filtered list');
        const silentOnly = await rows.locator('.headline').allTextContents();
        await page.close();
        return { labels, silentOnly };
      },
    });
  });
});

describe('in Firefox', () => {
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

  /** The text of the first element matching `selector` once `ok` accepts it. */
  const textOnceShown = (page: FirefoxPage, selector: string, ok: (text: string) => boolean = (t) => t !== '') =>
    waitFor(async () => {
      const text = await page.$eval(selector, (el) => el.textContent ?? '').catch(() => '');
      return ok(text) ? text : null;
    }, `${selector} in ${page.url()}`);

  test('a correction note makes a change disclosed, its absence silent; "Silent edits only" keeps the silent one', async () => {
    await labelsShown({
      server,
      read: async (url, path, versions) => {
        const page = await ff.visit(url);
        const dump = await waitFor(async () => {
          const d = await ff.dumpDb();
          return d.versions.filter((v) => v.key.endsWith(path)).length >= versions ? d : null;
        }, `${versions} version(s) of ${path}`, 20_000);
        await page.close();
        return dump;
      },
      popupLabels: async (url) => {
        const popup = await ff.extensionPage(`popup.html?url=${encodeURIComponent(url)}`);
        const text = await textOnceShown(popup, '.summary-labels');
        await popup.close();
        return text;
      },
      history: async (headlines) => {
        const page = await ff.extensionPage('articles.html');
        const rowTexts = () =>
          page.$$eval('table.articles tbody tr', (rows) =>
            rows.map((row) => ({
              headline: row.querySelector('.headline')?.textContent ?? '',
              labels: row.querySelector('.row-labels')?.textContent ?? '',
            })),
          );
        const all = await waitFor(async () => {
          const rows = await rowTexts().catch(() => []);
          return headlines.every((h) => rows.some((r) => r.headline.includes(h))) ? rows : null;
        }, 'both articles in the list');
        const labels = headlines.map((h) => all.find((r) => r.headline.includes(h))!.labels);
        await page.click('#silent-only');
        const filtered = await waitFor(async () => {
          const rows = await rowTexts().catch(() => []);
          return rows.length === 1 ? rows : null;
        }, 'the filtered list');
        await page.close();
        return { labels, silentOnly: filtered.map((r) => r.headline) };
      },
    });
  });
});
