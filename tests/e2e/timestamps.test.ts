/**
 * Trusted timestamps in real Chromium, as a reader turns them on: on the options page they name a timestamping
 * service (the local openssl TSA on 127.0.0.1) and save it; then they read an article, and the service receives one
 * request holding only the SHA-256 of that article's chain-head leaf, and a token that verifies against it is kept;
 * the options page shows it. Turning it off sends nothing more. The local TSA's origin is granted in a copy of the
 * build's manifest (buildGranting), as a headless browser cannot answer the permission prompt.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ExportFile } from '../../lib/transfer/format';
import { TimeStampReq } from 'pkijs';
import { loadFixture } from '../helpers/fixtures';
import { buildGranting, startTsa, type LocalTsa } from '../helpers/tsa';
import { CHROME_BUILD, launchWithExtension, visit, waitFor, type ExtensionBrowser } from './chromium';
import { startPageServer, type PageServer } from './server';
import { leafOf, stampDigest } from '../../lib/model/stamp';
import { verifyStamp } from '../../lib/evidence/timestamp';
import type { StampRecord } from '../../lib/store/schema';

let browser: ExtensionBrowser;
let server: PageServer;
let tsa: LocalTsa;
const granted = buildGranting(CHROME_BUILD, 'http://127.0.0.1/*');

beforeAll(async () => {
  [server, tsa] = await Promise.all([startPageServer(), startTsa()]);
  browser = await launchWithExtension({ build: granted.dir });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.close(), tsa?.close()]);
  granted.remove();
});

/** The stamps store and each article's chain head, read in the extension's own origin. */
async function readStamps(): Promise<{ stamps: StampRecord[]; heads: [string, string | null][] }> {
  const worker = await browser.worker();
  return worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('palimpsest');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
      });
    const stamps = await all<StampRecord>('stamps');
    const versions = await all<{ key: string; seq: number; chain?: { hash: string } }>('versions');
    db.close();
    const heads = new Map<string, { seq: number; hash: string | null }>();
    for (const v of versions) if ((heads.get(v.key)?.seq ?? 0) < v.seq) heads.set(v.key, { seq: v.seq, hash: v.chain?.hash ?? null });
    return { stamps, heads: [...heads].map(([key, h]) => [key, h.hash] as [string, string | null]) };
  });
}

test('a reader turns timestamps on, reads an article, and a verifying token for its chain head is kept', async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByRole('heading', { name: 'Trusted timestamps (optional)' }).waitFor();
  await expect(options.getByText('Off: nothing is sent.').count()).resolves.toBe(1);

  // Not https, and not this computer: refused, nothing saved.
  await options.getByLabel('Timestamping service address (https://)').fill('http://tsa.example/');
  await options.getByRole('button', { name: 'Use this service' }).click();
  await options.getByRole('alert').waitFor();
  expect(await options.getByRole('alert').textContent()).toContain('https://');

  await options.getByLabel('Timestamping service address (https://)').fill(tsa.url());
  await options.getByRole('button', { name: 'Use this service' }).click();
  await options.locator('.tsa-state').getByText(`On: hashes are sent to ${tsa.url()}`).waitFor();
  expect(tsa.requests).toHaveLength(0);

  const fixture = loadFixture('bbc-1');
  server.set('/news/story', fixture.source);
  await visit(browser.context, server.url('/news/story'));
  const { stamps, heads } = await waitFor(async () => {
    const read = await readStamps();
    return read.stamps.length > 0 ? read : null;
  }, 'a timestamp to be kept');

  expect(heads).toHaveLength(1);
  const [key, head] = heads[0]!;
  expect(head).toMatch(/^[0-9a-f]{64}$/);
  const leaves = [leafOf(key, head!)];
  expect(stamps).toHaveLength(1);
  expect(stamps[0]).toMatchObject({ tsaUrl: tsa.url(), leaves });
  expect(await verifyStamp(stamps[0]!)).toMatchObject({ ok: true, tsa: tsa.subjects.rsa });
  // What the service received: one request, the digest of that leaf and a nonce, nothing else.
  expect(tsa.requests).toHaveLength(1);
  const sent = TimeStampReq.fromBER(new Uint8Array(tsa.requests[0]!.body));
  expect(new Uint8Array(sent.messageImprint.hashedMessage.valueBlock.valueHexView)).toEqual(stampDigest(leaves));

  await options.reload();
  const shown = options.getByTestId('stamps');
  await shown.waitFor();
  expect(await shown.textContent()).toContain('Timestamps kept1');

  // Export from the history page: the file statement is stamped too (one more request), the article carries its
  // stamp, and the standalone verifier checks both tokens offline.
  const history = await browser.context.newPage();
  await history.goto(`chrome-extension://${browser.extensionId}/articles.html`);
  await history.locator('#export-all').waitFor();
  const [download] = await Promise.all([history.waitForEvent('download'), history.click('#export-all')]);
  const exported = path.join(mkdtempSync(path.join(tmpdir(), 'palimpsest-stamped-')), download.suggestedFilename());
  await download.saveAs(exported);
  await history.close();
  expect(tsa.requests).toHaveLength(2);
  const file = JSON.parse(readFileSync(exported, 'utf8')) as ExportFile;
  expect(file.timestamps).toHaveLength(1);
  expect(file.articles[0]!.stamps?.[0]?.leaves).toEqual(leaves);
  const run = spawnSync(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'bin/verify.ts', exported], { encoding: 'utf8' });
  expect(run.stdout).toMatch(/^verified: 1 article, 1 version, signed by key [0-9a-f]{64}$/m);
  expect(run.stdout).toContain(`timestamp of file: `);
  expect(run.stdout).toContain(`timestamp of ${key}: `);
  expect(run.status).toBe(0);

  // Off: the permission is given back and later captures send nothing.
  await options.getByRole('button', { name: 'Turn off' }).click();
  await options.getByText('Off: nothing is sent.').waitFor();
  server.set('/news/other', loadFixture('lemonde-1').source);
  const other = await visit(browser.context, server.url('/news/other'));
  await waitFor(async () => ((await readStamps()).heads.length === 2 ? true : null), 'the second article');
  await other.waitForTimeout(1000);
  expect(tsa.requests).toHaveLength(2);
});
