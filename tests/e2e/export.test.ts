/**
 * Export and import in real Chromium: the history page's Export button downloads a file that validates against the
 * export schema; importing it into a fresh profile restores the same history; a corrupt file is refused with a
 * clear message and changes nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CAPS } from '../../lib/model/limits';
import { parseImport } from '../../lib/transfer/parse';
import type { ExportFile } from '../../lib/transfer/format';
import { insertSentence, loadFixture, parseHtml, serialize } from '../helpers/fixtures';
import { dumpDb, launchWithExtension, visit, waitFor, type DbDump, type ExtensionBrowser } from './chromium';
import { startPageServer, type PageServer } from './server';

const PATH = '/2016/jun/21/story';
const dir = mkdtempSync(path.join(tmpdir(), 'palimpsest-export-'));
let server: PageServer;
let source: ExtensionBrowser;
let exportedPath = '';

beforeAll(async () => {
  server = await startPageServer();
  source = await launchWithExtension();
});
afterAll(async () => {
  await source?.close();
  await server?.close();
});

async function historyPage(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/articles.html`);
  return page;
}

/** The file as format 1 wrote it: without the evidence chain, signatures, timestamps and labels. */
function asFormat1(file: ExportFile): ExportFile {
  const { signer: _signer, signature: _signature, timestamps: _timestamps, ...rest } = file;
  return {
    ...rest,
    formatVersion: 1,
    articles: file.articles.map(({ head: _h, signature: _s, stamps: _st, removed: _r, ...article }) => ({
      ...article,
      versions: article.versions.map(({ chain: _c, labels: _l, ...version }) => version),
    })),
  };
}

/** What must survive a round trip: every article, version (by hash) and visit. */
function essence(d: DbDump) {
  return {
    articles: d.articles.map((a) => a.key).sort(),
    versions: d.versions.map((v) => `${v.key}#${v.seq}:${v.headline}:${v.body.map((b) => b.text).join('\n')}`).sort(),
    visits: d.visits.length,
  };
}

test('Export downloads a file that validates against the export schema', async () => {
  const fixture = loadFixture('seattletimes-1');
  server.set(PATH, fixture.source);
  const first = await visit(source.context, server.url(PATH));
  await waitFor(async () => (await dumpDb(await source.worker())).versions.length === 1, 'the first version');
  const text = (await dumpDb(await source.worker())).versions[0]!.body.find((b) => b.text.length > 150)!.text;
  const doc = parseHtml(fixture.source);
  insertSentence(doc, text, 'The port later corrected this figure.');
  server.set(PATH, serialize(doc));
  await first.reload();
  await waitFor(async () => (await dumpDb(await source.worker())).versions.length === 2, 'the second version');

  const page = await historyPage(source);
  await page.locator('#export-all').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-all')]);
  expect(download.suggestedFilename()).toMatch(/^palimpsest-history-\d{4}-\d{2}-\d{2}\.json$/);
  exportedPath = path.join(dir, download.suggestedFilename());
  await download.saveAs(exportedPath);
  const parsed = await parseImport(readFileSync(exportedPath, 'utf8'));
  expect(parsed.ok, parsed.ok ? '' : parsed.error).toBe(true);
  if (parsed.ok) {
    expect(parsed.file.articles).toHaveLength(1);
    expect(parsed.file.articles[0]!.versions).toHaveLength(2);
  }
});

test('importing it into a fresh profile restores the same history; a corrupt file changes nothing', async () => {
  expect(exportedPath).not.toBe('');
  const fresh = await launchWithExtension();
  try {
    const page = await historyPage(fresh);
    await page.setInputFiles('input[type=file]', exportedPath);
    await expect.poll(() => page.locator('p.page-status').textContent(), { timeout: 20_000 }).toMatch(/^Imported/);
    const restored = await dumpDb(await fresh.worker());
    expect(essence(restored)).toEqual(essence(await dumpDb(await source.worker())));

    const corrupt = path.join(dir, 'corrupt.json');
    writeFileSync(corrupt, readFileSync(exportedPath, 'utf8').replace('"formatVersion": 2', '"formatVersion": "one"'));
    await page.setInputFiles('input[type=file]', corrupt);
    await expect.poll(() => page.locator('p.page-status').textContent(), { timeout: 20_000 }).toMatch(/^Import failed: Unsupported format version/);
    writeFileSync(corrupt, '{"format": "palimpsest-history", "formatVersion": 1, "articles": [');
    await page.setInputFiles('input[type=file]', corrupt);
    await expect.poll(() => page.locator('p.page-status').textContent(), { timeout: 20_000 }).toMatch(/^Import failed: Not a JSON file/);
    expect(essence(await dumpDb(await fresh.worker()))).toEqual(essence(restored));

    // A file larger than one message chunk (CAPS.importChunk characters) arrives in pieces and imports whole: the
    // article copied under other addresses (a version's hash covers its text, not its URL, so each copy is valid).
    // Copies under other keys and URLs would break format 2's evidence chain (it covers both), so the copies are
    // written as a format 1 file, which Palimpsest still reads.
    const file = asFormat1(JSON.parse(readFileSync(exportedPath, 'utf8')) as ExportFile);
    const original = file.articles[0]!;
    const copies = Math.ceil((2.5 * CAPS.importChunk) / JSON.stringify(original).length);
    file.articles = Array.from({ length: copies }, (_, i) => {
      const url = `https://copies.example/story-${i}`;
      return { ...original, key: `copies.example/story-${i}`, urls: [url], versions: original.versions.map((v) => ({ ...v, url })) };
    });
    const big = path.join(dir, 'big.json');
    writeFileSync(big, JSON.stringify(file, null, 2));
    expect(readFileSync(big, 'utf8').length).toBeGreaterThan(2 * CAPS.importChunk);
    await page.setInputFiles('input[type=file]', big);
    await expect.poll(() => page.locator('p.page-status').textContent(), { timeout: 60_000 }).toMatch(/^Imported/);
    const after = await dumpDb(await fresh.worker());
    expect(after.articles.filter((a) => a.key.startsWith('copies.example/'))).toHaveLength(copies);

    // A large import shows its progress and can be cancelled while the file is on its way: nothing changes.
    const many = Math.ceil((60 * CAPS.importChunk) / JSON.stringify(original).length);
    file.articles = Array.from({ length: many }, (_, i) => {
      const url = `https://cancelled.example/story-${i}`;
      return { ...original, key: `cancelled.example/story-${i}`, urls: [url], versions: original.versions.map((v) => ({ ...v, url })) };
    });
    const huge = path.join(dir, 'huge.json');
    writeFileSync(huge, JSON.stringify(file));
    await page.setInputFiles('input[type=file]', huge);
    await page.locator('.transfer progress').waitFor();
    await page.click('#cancel-transfer');
    await expect.poll(() => page.locator('p.page-status').textContent(), { timeout: 60_000 }).toBe('Import cancelled: the history is unchanged.');
    await expect(page.locator('.transfer').count()).resolves.toBe(0);
    expect(essence(await dumpDb(await fresh.worker()))).toEqual(essence(after));
  } finally {
    await fresh.close();
  }
});
