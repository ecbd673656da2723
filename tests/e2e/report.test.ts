/**
 * The evidence actions in real Chromium and real Firefox, as a reader uses them: a local article is visited, edited
 * (its headline sharpened, a sentence added) and visited again; in the popup, "Change report" downloads
 * palimpsest-report-<site>-<date>.html, which, opened in the browser, names both versions with their hashes as the
 * history holds them and shows the edit in <ins> and <del>; "Export this article" downloads a file holding exactly
 * that article; the verify page (the real verifier) passes that file and names where a tampered copy breaks.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseImport } from '../../lib/transfer/parse';
import { loadFixture, parseHtml, replaceEverywhere, serialize } from '../helpers/fixtures';
import { dumpDb, launchWithExtension, visit, waitFor, type ExtensionBrowser } from './chromium';
import { launchFirefox, type FirefoxExtension } from './firefox';
import { SENTENCE, storyParagraph, withSentence, type DbDump } from './scenario';
import { startPageServer, type PageServer } from './server';

const STORY = '/world/2019/jan/03/whale-strandings';
const OTHER = '/2016/jun/21/other-story';
const OLD_WORDS = 'fearful over whale strandings';
const NEW_WORDS = 'alarmed by rising number of whale strandings';
const REPORT_NAME = /^palimpsest-report-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.html$/;
const EXPORT_NAME = /^palimpsest-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.json$/;
const VERIFIED = /^Verified: 1 article, 2 versions, signed by key [0-9a-f]{4}( [0-9a-f]{4}){15}$/;
const fixture = loadFixture('guardian-1');

let server: PageServer;
beforeAll(async () => {
  server = await startPageServer();
  server.set(STORY, fixture.source);
  server.set(OTHER, loadFixture('seattletimes-1').source);
});
afterAll(async () => {
  await server?.close();
});

/** The story again with its headline sharpened and a sentence added to a paragraph well into it. */
function edited(first: DbDump): string {
  const body = first.versions.find((v) => v.key.endsWith(STORY))!.body;
  const doc = parseHtml(withSentence(fixture.source, storyParagraph(body)), server.url(STORY));
  expect(replaceEverywhere(doc, OLD_WORDS, NEW_WORDS)).toBeGreaterThan(0);
  return serialize(doc);
}

/** What the report shows, read in the browser that opened it. */
interface ReportView {
  title: string;
  scripts: number;
  rows: string[];
  ins: string;
  del: string;
  verify: string;
  /** The signing key's fingerprint as the report gives it, or '' when it names none. */
  fingerprint: string;
}

function readReport(): ReportView {
  const texts = (selector: string) => [...document.querySelectorAll(selector)].map((el) => el.textContent ?? '');
  return {
    title: document.title,
    scripts: document.querySelectorAll('script, img, iframe, link').length,
    // Each version's column of the versions table: its heading and its cells.
    rows: [...document.querySelectorAll('table.versions thead th')].map((th, i) =>
      [th, ...[...document.querySelectorAll('table.versions tbody tr')].map((tr) => tr.children[i + 1]!)].map((el) => el.textContent).join('\n'),
    ),
    ins: texts('.diff ins').join('\n'),
    del: texts('.diff del').join('\n'),
    verify: document.querySelector('section[aria-labelledby=verify]')?.textContent ?? '',
    fingerprint: document.querySelector('.fingerprint')?.textContent ?? '',
  };
}

/** The report names both versions as the history holds them and shows the edit as insertions and deletions. */
function expectReport(view: ReportView, dump: DbDump): void {
  const versions = dump.versions.filter((v) => v.key.endsWith(STORY)).sort((a, b) => a.seq - b.seq);
  expect(versions).toHaveLength(2);
  expect(view.scripts).toBe(0);
  expect(view.title).toContain(NEW_WORDS);
  expect(view.rows).toHaveLength(2);
  versions.forEach((version, i) => {
    expect(view.rows[i]).toContain(`Version ${version.seq}`);
    expect(view.rows[i]).toContain(version.hash);
    // The version hash: the version's link in the evidence chain, as recorded.
    const chain = (version as { chain?: { hash: string } }).chain;
    expect(chain?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(view.rows[i]).toContain(chain!.hash);
  });
  expect(view.ins).toContain(SENTENCE);
  expect(view.ins).toMatch(/alarmed by rising number of/);
  expect(view.del).toMatch(/fearful over/);
  expect(view.verify).toMatch(/npm run verify -- palimpsest-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.json/);
  expect(view.verify).toContain('docs/evidence.md');
}

/** The exported file holds exactly the story, both its versions, signed by the key the report names. */
async function expectArticleExport(text: string, dump: DbDump, report: ReportView): Promise<void> {
  const signer = (JSON.parse(text) as { signer?: { fingerprint: string } }).signer;
  expect(signer?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  expect(report.fingerprint).toBe(signer!.fingerprint.match(/.{4}/g)!.join(' '));
  expect(dump.articles.length).toBeGreaterThan(1);
  const parsed = await parseImport(text);
  expect(parsed.ok, parsed.ok ? '' : parsed.error).toBe(true);
  if (!parsed.ok) return;
  const key = dump.articles.find((a) => a.key.endsWith(STORY))!.key;
  expect(parsed.file.articles.map((a) => a.key)).toEqual([key]);
  expect(parsed.file.articles[0]!.versions.map((v) => v.sha256)).toEqual(
    dump.versions.filter((v) => v.key === key).sort((a, b) => a.seq - b.seq).map((v) => v.hash),
  );
}

/** A copy of an exported file with one word of the newest version's text changed. */
function tampered(text: string): string {
  const file = JSON.parse(text) as { articles: { versions: { body: { text: string }[] }[] }[] };
  const version = file.articles[0]!.versions.at(-1)!;
  const block = version.body.find((b) => b.text.includes(SENTENCE))!;
  block.text = block.text.replace('disputed', 'confirmed');
  return JSON.stringify(file, null, 2);
}

describe('in Chromium', () => {
  let browser: ExtensionBrowser;
  const dir = mkdtempSync(path.join(tmpdir(), 'palimpsest-report-'));
  let exported = '';
  beforeAll(async () => {
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const dump = async () => dumpDb(await browser.worker());
  const storyVersions = async (n: number, suffix = STORY) =>
    waitFor(async () => {
      const d = await dump();
      return d.versions.filter((v) => v.key.endsWith(suffix)).length === n ? d : null;
    }, `${n} version(s) of ${suffix}`);

  test('the popup\'s Change report downloads a report naming both versions\' hashes, with the edit in <ins> and <del>', async () => {
    const other = await visit(browser.context, server.url(OTHER));
    await storyVersions(1, OTHER);
    await other.close();
    const page = await visit(browser.context, server.url(STORY));
    const first = await storyVersions(1);
    server.set(STORY, edited(first));
    await page.reload();
    const history = await storyVersions(2);
    await page.close();

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?url=${encodeURIComponent(server.url(STORY))}`);
    const evidence = popup.getByRole('group', { name: 'Evidence' });
    await evidence.getByRole('button', { name: 'Change report' }).waitFor();
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      evidence.getByRole('button', { name: 'Change report' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(REPORT_NAME);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);

    const report = await browser.context.newPage();
    await report.goto(pathToFileURL(file).href);
    const view = await report.evaluate(readReport);
    expectReport(view, history);
    await report.close();

    const [exportDownload] = await Promise.all([
      popup.waitForEvent('download'),
      evidence.getByRole('button', { name: 'Export this article' }).click(),
    ]);
    expect(exportDownload.suggestedFilename()).toMatch(EXPORT_NAME);
    exported = path.join(dir, exportDownload.suggestedFilename());
    await exportDownload.saveAs(exported);
    await expectArticleExport(readFileSync(exported, 'utf8'), history, view);
    await popup.close();
  });

  test('the history page\'s article has the same Evidence row', async () => {
    const key = (await dump()).articles.find((a) => a.key.endsWith(STORY))!.key;
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/articles.html#${encodeURIComponent(key)}`);
    const evidence = page.getByRole('group', { name: 'Evidence' });
    await evidence.getByRole('button', { name: 'Change report' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), evidence.getByRole('button', { name: 'Change report' }).click()]);
    expect(download.suggestedFilename()).toMatch(REPORT_NAME);
    const file = path.join(dir, `history-${download.suggestedFilename()}`);
    await download.saveAs(file);
    const report = await browser.context.newPage();
    await report.goto(pathToFileURL(file).href);
    expectReport(await report.evaluate(readReport), await dump());
    await report.close();
    // The verify page is one link away.
    await page.getByRole('link', { name: 'Check a file' }).click();
    await page.waitForURL(/\/verify\.html$/);
    await page.close();
  });

  test('the verify page reads a file locally and gives its verdict', async () => {
    expect(exported).not.toBe('');
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/verify.html`);
    await expect(page.getByText('nothing is sent anywhere').count()).resolves.toBe(1);
    const verdict = page.locator('#verdict');
    await page.getByLabel('Choose a file to check').setInputFiles(exported);
    await expect.poll(() => verdict.textContent(), { timeout: 30_000 }).toMatch(VERIFIED);
    await expect(page.locator('table.file-articles tbody tr').count()).resolves.toBe(1);
    await expect(page.getByText('The file carries no trusted timestamp.').count()).resolves.toBe(1);
    const broken = path.join(dir, 'tampered.json');
    writeFileSync(broken, tampered(readFileSync(exported, 'utf8')));
    await page.getByLabel('Choose a file to check').setInputFiles(broken);
    await expect.poll(() => verdict.textContent(), { timeout: 30_000 }).toMatch(/^Not verified/);
    await expect(page.locator('.broken').textContent()).resolves.toMatch(/article 127\.0\.0\.1.*whale-strandings, version 2:/);
    await page.close();
  });
});

describe('in Firefox', () => {
  let ff: FirefoxExtension;
  beforeAll(async () => {
    server.set(STORY, fixture.source);
    ff = await launchFirefox();
  });
  afterAll(async () => {
    await ff?.close();
  });
  const storyVersions = async (n: number, suffix = STORY) =>
    waitFor(async () => {
      const d = await ff.dumpDb();
      return d.versions.filter((v) => v.key.endsWith(suffix)).length === n ? d : null;
    }, `${n} version(s) of ${suffix}`, 30_000);
  const downloaded = (pattern: RegExp) =>
    waitFor(async () => {
      const name = (existsSync(ff.downloadDir) ? readdirSync(ff.downloadDir) : []).find((f) => pattern.test(f));
      if (!name) return null;
      const text = readFileSync(path.join(ff.downloadDir, name), 'utf8');
      // Wait until the whole file is written.
      return /<\/html>\s*$|\}\s*$/.test(text) ? { name, text } : null;
    }, `a download named like ${pattern}`);
  const click = async (page: Awaited<ReturnType<FirefoxExtension['extensionPage']>>, selector: string) => {
    const button = await waitFor(() => page.$(selector), selector);
    await button.click();
  };

  test('Change report and Export this article from the popup, the report opened in Firefox', async () => {
    const other = await ff.visit(server.url(OTHER));
    await storyVersions(1, OTHER);
    await other.close();
    const page = await ff.visit(server.url(STORY));
    const first = await storyVersions(1);
    await page.close();
    server.set(STORY, edited(first));
    const again = await ff.visit(server.url(STORY));
    const history = await storyVersions(2);
    await again.close();

    const popup = await ff.extensionPage(`popup.html?url=${encodeURIComponent(server.url(STORY))}`);
    await click(popup, '[role=group] #report-article');
    const report = await downloaded(REPORT_NAME);
    const reader = await ff.browser.newPage();
    await reader.goto(pathToFileURL(path.join(ff.downloadDir, report.name)).href, { waitUntil: 'load' });
    const view = await reader.evaluate(readReport);
    expectReport(view, history);
    await reader.close();

    await click(popup, '[role=group] #export-article');
    const file = await downloaded(EXPORT_NAME);
    await expectArticleExport(file.text, history, view);
    await popup.close();

    // The verify page checks the exported file and a copy with one word changed.
    const verify = await ff.extensionPage('verify.html');
    const verdict = async (not: string) =>
      waitFor(async () => {
        const text = await verify.$eval('#verdict', (el) => el.textContent ?? '').catch(() => '');
        return text !== '' && text !== not && !text.startsWith('Checking') ? text : null;
      }, 'the verdict');
    const input = await waitFor(() => verify.$('input#verify-file'), 'the file picker');
    await input.uploadFile(path.join(ff.downloadDir, file.name));
    const intact = await verdict('');
    expect(intact).toMatch(VERIFIED);
    const broken = path.join(ff.profileDir, 'tampered.json');
    writeFileSync(broken, tampered(file.text));
    await input.uploadFile(broken);
    expect(await verdict(intact)).toMatch(/^Not verified/);
    await verify.close();
  });
});
