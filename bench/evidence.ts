/**
 * Issue 18's costs: what the evidence chain adds to each capture (the canonical serialisation and SHA-256 of every
 * new version, on the 22 real fixture pages), and what signing and verifying cost per article of an export. The
 * export and verification of 10,000 articles are timed in bench/scale.ts, on its generated history.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { chainHash } from '../lib/model/chain';
import { contentHash } from '../lib/model/normalize';
import { openHistoryDb } from '../lib/store/open';
import { ensureSigningKey } from '../lib/store/keys';
import { ECDSA, P256, utf8 } from '../lib/evidence/statement';
import { loadFixtures } from './edits';
import { toSnapshot } from './storage';
import { median, ms, timeAsync, timeSync, type Part, type Row } from './util';

export async function benchEvidence(): Promise<Part> {
  const fixtures = loadFixtures();
  const versions = fixtures.map((f, i) => ({ ...toSnapshot(f.name, f.article), seq: 2, firstSeen: Date.UTC(2026, 0, 1) + i }));
  const prev = 'a'.repeat(64);
  const chain = versions.map((v) => timeSync(() => chainHash(v, prev), 20, 3));
  const content = await Promise.all(versions.map((v) => timeAsync(() => contentHash(v), 20, 3)));
  const chars = versions.map((v) => v.body.reduce((n, b) => n + b.text.length, 0));

  const db = await openHistoryDb('bench-evidence', new IDBFactory());
  const key = await ensureSigningKey(db);
  const statement = utf8(JSON.stringify({ statement: 'palimpsest-article/1', key: 'https://example.com/a', head: prev }));
  let signature = new ArrayBuffer(0);
  const sign = await timeAsync(async () => {
    signature = await crypto.subtle.sign(ECDSA, key.privateKey, statement);
  }, 200, 10);
  const publicKey = await crypto.subtle.importKey('spki', Uint8Array.from(atob(key.publicKey), (c) => c.charCodeAt(0)), P256, false, ['verify']);
  const verify = await timeAsync(() => crypto.subtle.verify(ECDSA, publicKey, signature, statement), 200, 10);
  db.close();

  const chainMedian = median(chain);
  const chainMax = Math.max(...chain);
  const rows: Row[] = [
    {
      area: 'Evidence',
      name: 'chain hash of a new version (22 fixtures, median / slowest)',
      value: `${ms(chainMedian)} / ${ms(chainMax)}`,
      budget: '≤ 5 ms',
      pass: chainMax <= 5,
      note: `canonical JSON (RFC 8785) + SHA-256 (@noble/hashes), ${Math.round(median(chars)).toLocaleString('en')} characters median; the content hash beside it takes ${ms(median(content))}`,
    },
    {
      area: 'Evidence',
      name: 'sign one article statement (ECDSA P-256, WebCrypto)',
      value: ms(sign),
      budget: '≤ 2 ms',
      pass: sign <= 2,
    },
    {
      area: 'Evidence',
      name: 'verify one article signature',
      value: ms(verify),
      budget: '≤ 2 ms',
      pass: verify <= 2,
    },
  ];
  return {
    rows,
    detail:
      '### Evidence\n\nPer capture, recording adds one chain hash of the new version (no signing: exports are signed). ' +
      `Chain hash per fixture, ms: ${chain.map((t) => t.toFixed(2)).join(', ')}. Signing and verifying are medians of ` +
      '200 runs in Node (WebCrypto).',
  };
}
