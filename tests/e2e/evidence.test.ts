/**
 * Evidence in real browsers (issue 18): in Chromium and in Firefox, a reader visits a local article twice with an edit
 * between, exports the history from the history page as they would, and the standalone verifier (`npm run verify`,
 * Node, no browser) accepts the downloaded file (exit 0); one word changed in a version's text, or a version removed,
 * makes it exit 1 naming the article and version. The options page shows the fingerprint of the key that signed it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExportFile } from '../../lib/transfer/format';
import { loadFixture } from '../helpers/fixtures';
import { dumpDb, launchWithExtension, visit, waitFor as waitInChromium, type ExtensionBrowser } from './chromium';
import { launchFirefox, waitFor as waitInFirefox, type FirefoxExtension } from './firefox';
import { storyParagraph, withSentence, type DbDump } from './scenario';
import { startPageServer, type PageServer } from './server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const fixture = loadFixture('guardian-1');
const EDIT = 'The coastguard later revised the number of animals involved.';
let server: PageServer;

beforeAll(async () => {
  server = await startPageServer();
});
afterAll(async () => {
  await server?.close();
});

/** Runs the standalone verifier on `file` as a third party would: its exit code and what it printed. */
function verify(file: string): { code: number; out: string } {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'bin/verify.ts', file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status ?? -1, out: `${run.stdout}${run.stderr}` };
}

/** What a reader's browser must let the test do. */
interface Reader {
  /** Serves `html` at `urlPath`, opens it, and resolves once the visit is recorded. */
  read(urlPath: string, html: string): Promise<DbDump>;
  /** Clicks Export all on the history page; resolves to the downloaded file's path once complete. */
  exportAll(): Promise<string>;
  /** The fingerprint the options page shows. */
  fingerprint(): Promise<string>;
}

/** The reader's part, the same in both browsers. */
function evidenceFlow(name: string, reader: () => Reader) {
  const urlPath = `/${name}/2017/jan/10/whale-strandings`;
  let exported = '';
  let file: ExportFile;

  test('visit, edit, visit again, export: the verifier accepts the downloaded file', async () => {
    const first = await reader().read(urlPath, fixture.source);
    const body = first.versions[0]!.body;
    const second = await reader().read(urlPath, withSentence(fixture.source, storyParagraph(body), EDIT));
    expect(second.versions).toHaveLength(2);
    exported = await reader().exportAll();
    file = JSON.parse(readFileSync(exported, 'utf8')) as ExportFile;
    expect(file.formatVersion).toBe(2);
    const { code, out } = verify(exported);
    expect(out).toMatch(/^verified: 1 article, 2 versions, signed by key [0-9a-f]{64}$/m);
    expect(code).toBe(0);
    expect(out).toContain(file.signer!.fingerprint);
  });

  test('the options page shows the fingerprint of the key that signed the file', async () => {
    expect(await reader().fingerprint()).toBe(file.signer!.fingerprint);
  });

  test('one word of a version text changed: exit 1, naming the article and version', () => {
    const altered = structuredClone(file);
    const version = altered.articles[0]!.versions[1]!;
    const block = version.body.find((b) => b.text.includes(EDIT))!;
    block.text = block.text.replace('revised', 'confirmed');
    const target = path.join(path.dirname(exported), `${name}-one-word.json`);
    writeFileSync(target, JSON.stringify(altered, null, 2));
    const { code, out } = verify(target);
    expect(code).toBe(1);
    expect(out).toContain(`NOT VERIFIED: article ${JSON.stringify(file.articles[0]!.key)}, version 2:`);
    expect(out).toMatch(/altered/);
  });

  test('a version removed (with its visits): exit 1, naming where the chain breaks', () => {
    const cut = structuredClone(file);
    const article = cut.articles[0]!;
    article.versions = article.versions.filter((v) => v.seq !== 2);
    article.visits = article.visits.filter((v) => v.seq !== 2);
    const target = path.join(path.dirname(exported), `${name}-removed.json`);
    writeFileSync(target, JSON.stringify(cut, null, 2));
    const { code, out } = verify(target);
    expect(code).toBe(1);
    expect(out).toContain(`NOT VERIFIED: article ${JSON.stringify(article.key)}`);
    expect(out).toMatch(/head/);
  });
}

describe('in Chromium', () => {
  let browser: ExtensionBrowser;
  const dir = mkdtempSync(path.join(tmpdir(), 'palimpsest-evidence-'));
  beforeAll(async () => {
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  evidenceFlow('chromium', () => ({
    async read(urlPath, html) {
      const before = (await dumpDb(await browser.worker())).visits.length;
      server.set(urlPath, html);
      const page = await visit(browser.context, server.url(urlPath));
      let dump: DbDump | null = null;
      await waitInChromium(async () => {
        dump = await dumpDb(await browser.worker());
        return dump.visits.length > before;
      }, 'the visit to be recorded');
      await page.close();
      return dump!;
    },
    async exportAll() {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/articles.html`);
      await page.locator('#export-all').waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-all')]);
      const target = path.join(dir, download.suggestedFilename());
      await download.saveAs(target);
      await page.close();
      return target;
    },
    async fingerprint() {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
      const shown = await page.locator('code.fingerprint').getAttribute('data-fingerprint', { timeout: 20_000 });
      const grouped = await page.locator('code.fingerprint').textContent();
      await page.close();
      expect(grouped?.replace(/\s/g, '')).toBe(shown);
      return shown ?? '';
    },
  }));
});

describe('in Firefox', () => {
  let ff: FirefoxExtension;
  beforeAll(async () => {
    ff = await launchFirefox();
  });
  afterAll(async () => {
    await ff?.close();
  });

  evidenceFlow('firefox', () => ({
    async read(urlPath, html) {
      const before = (await ff.dumpDb()).visits.length;
      server.set(urlPath, html);
      const page = await ff.visit(server.url(urlPath));
      const dump = await waitInFirefox(async () => {
        const d = await ff.dumpDb();
        return d.visits.length > before ? d : null;
      }, 'the visit to be recorded', 20_000);
      await page.close();
      return dump;
    },
    async exportAll() {
      const history = await ff.extensionPage('articles.html');
      const button = await waitInFirefox(() => history.$('#export-all'), 'the Export button');
      await button.click();
      const name = await waitInFirefox(async () => {
        const files = existsSync(ff.downloadDir) ? readdirSync(ff.downloadDir) : [];
        return files.find((f) => /^palimpsest-history-\d{4}-\d{2}-\d{2}\.json$/.test(f));
      }, 'the export file');
      const file = path.join(ff.downloadDir, name);
      await waitInFirefox(async () => {
        const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
        return text.trimEnd().endsWith('}') ? text : null;
      }, 'the download to finish');
      await history.close();
      return file;
    },
    async fingerprint() {
      const options = await ff.extensionPage('options.html');
      const shown = await waitInFirefox(
        () => options.$eval('code.fingerprint', (el) => el.getAttribute('data-fingerprint')).catch(() => null),
        'the fingerprint',
      );
      await options.close();
      return shown;
    },
  }));
});
