/**
 * Trusted timestamps in real Firefox, as in Chromium (timestamps.test.ts): the reader names the local openssl TSA on
 * the options page, reads an article, and the event page's request brings back a token for that article's chain-head
 * leaf, which verifies offline. The TSA's origin is granted in a copy of the build's manifest (buildGranting).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadFixture } from '../helpers/fixtures';
import { buildGranting, startTsa, type LocalTsa } from '../helpers/tsa';
import { FIREFOX_BUILD, launchFirefox, waitFor, type FirefoxExtension } from './firefox';
import { startPageServer, type PageServer } from './server';
import { leafOf } from '../../lib/model/stamp';
import { verifyStamp } from '../../lib/evidence/timestamp';
import type { StampRecord } from '../../lib/store/schema';

let firefox: FirefoxExtension;
let server: PageServer;
let tsa: LocalTsa;
const granted = buildGranting(FIREFOX_BUILD, 'http://127.0.0.1/*');

beforeAll(async () => {
  [server, tsa] = await Promise.all([startPageServer(), startTsa()]);
  firefox = await launchFirefox({ build: granted.dir });
});
afterAll(async () => {
  await firefox?.close();
  await Promise.all([server?.close(), tsa?.close()]);
  granted.remove();
});

test('a reader turns timestamps on in Firefox, reads an article, and a verifying token for its chain head is kept', async () => {
  const options = await firefox.extensionPage('options.html');
  await options.waitForSelector('#tsa-input');
  await options.type('#tsa-input', tsa.url());
  await options.click('form:has(#tsa-input) button[type="submit"]');
  await waitFor(
    () => options.evaluate(() => document.querySelector('.tsa-state')?.textContent ?? '').then((text) => text.includes('127.0.0.1')),
    'timestamps to be on',
  );

  server.set('/world/2017/jan/10/whale-strandings', loadFixture('guardian-1').source);
  await firefox.visit(server.url('/world/2017/jan/10/whale-strandings'));
  const read = () =>
    options.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('palimpsest');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const all = (store: string) =>
        new Promise<unknown[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
        });
      const [stamps, versions] = await Promise.all([all('stamps'), all('versions')]);
      db.close();
      return { stamps, versions } as { stamps: StampRecord[]; versions: { key: string; seq: number; chain?: { hash: string } }[] };
    });
  const { stamps, versions } = await waitFor(async () => {
    const state = await read();
    return state.stamps.length > 0 ? state : null;
  }, 'a timestamp to be kept');

  expect(versions).toHaveLength(1);
  const { key, chain } = versions[0]!;
  expect(stamps).toHaveLength(1);
  expect(stamps[0]).toMatchObject({ tsaUrl: tsa.url(), leaves: [leafOf(key, chain!.hash)] });
  expect(await verifyStamp(stamps[0]!)).toMatchObject({ ok: true, tsa: tsa.subjects.rsa });
  expect(tsa.requests).toHaveLength(1);
  expect(tsa.requests[0]!.contentType).toBe('application/timestamp-query');
});
