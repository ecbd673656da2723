/**
 * The evidence chain and signed exports (issue 18, docs/evidence.md): the canonical serialisation hashes the same
 * whatever the order of keys and differently for any change of a field; recording links each new version to the one
 * before it; a signed export verifies, and every kind of tampering (a word changed, a version removed, inserted,
 * reordered, an article dropped, a signature from another key) is named with its article and version.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import canonicalize from 'canonicalize';
import { chainDocument, chainHash, type ChainedFacts } from '../../lib/model/chain';
import { openHistoryDb } from '../../lib/store/open';
import type { PalimpsestDB } from '../../lib/store/schema';
import { recordSnapshot } from '../../lib/store/record';
import { pruneBefore } from '../../lib/store/prune';
import { getVersions } from '../../lib/store/read';
import { exportHistory, exportText, serializeExport } from '../../lib/transfer/export';
import type { ExportFile } from '../../lib/transfer/format';
import { parseImport } from '../../lib/transfer/parse';
import { importHistory } from '../../lib/transfer/merge';
import { signingFor } from '../../lib/evidence/sign';
import { verifyFile } from '../../lib/evidence/verify';
import { ensureSigningKey, readSigningKey } from '../../lib/store/keys';
import type { Snapshot } from '../../lib/model/snapshot';
import { ARTICLE_KEY, editParagraph, makeSnapshot } from './helpers/snapshots';
import { startTsa, type LocalTsa } from '../helpers/tsa';
import { leafOf, stampDigest } from '../../lib/model/stamp';
import { requestToken } from '../../lib/evidence/timestamp-request';
import { tokenToBase64 } from '../../lib/evidence/timestamp';
import { addStamp } from '../../lib/store/stamps';

const T0 = Date.UTC(2024, 4, 14, 9, 30);
const NOW = Date.UTC(2024, 5, 1, 12);
const MINUTE = 60_000;

const A = makeSnapshot();
const B = makeSnapshot({ body: editParagraph(3, (text) => text.replace('angrily', 'cautiously')) });
const C = makeSnapshot({ body: editParagraph(1, (text) => text.replace('14 of', '15 of')) });
const OTHER = makeSnapshot({ key: 'https://other.example/story', url: 'https://other.example/story', siteName: null });

let db: PalimpsestDB;
let runs = 0;
beforeEach(async () => {
  db = await openHistoryDb(`evidence-${++runs}`, new IDBFactory());
});
afterEach(() => db.close());

async function record(snapshots: readonly Snapshot[], target = db): Promise<void> {
  for (const [i, snapshot] of snapshots.entries()) {
    await recordSnapshot(target, snapshot, { now: T0 + i * MINUTE, captureId: `capture-${runs}-${i}-${Math.random()}` });
  }
}

async function signedText(target = db, keys?: string[]): Promise<string> {
  let text = '';
  for await (const piece of exportText(target, { now: NOW, version: '1.0', signing: await signingFor(target), keys })) text += piece;
  return text;
}

const facts: fc.Arbitrary<ChainedFacts> = fc.record({
  key: fc.string(),
  seq: fc.integer({ min: 1, max: 1000 }),
  firstSeen: fc.integer({ min: 0, max: 4e12 }),
  url: fc.webUrl(),
  headline: fc.string(),
  dek: fc.option(fc.string()),
  byline: fc.option(fc.string()),
  publishedTime: fc.option(fc.string()),
  modifiedTime: fc.option(fc.string()),
  lang: fc.option(fc.string()),
  body: fc.array(fc.record({ kind: fc.constantFrom('p', 'h', 'li', 'quote', 'pre'), text: fc.string() })),
  extractor: fc.record({ name: fc.string(), version: fc.string(), rules: fc.nat() }),
});

/** The same object with its keys in another order, at every level. */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item, i) => shuffled(item, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  entries.sort(([a], [b]) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7) || (seed % 2 ? a.localeCompare(b) : b.localeCompare(a)));
  return Object.fromEntries(entries.map(([k, v], i) => [k, shuffled(v, seed + i)]));
}

describe('canonical serialisation', () => {
  test('any reordering of object keys gives the same canonical text and hash', () => {
    fc.assert(
      fc.property(facts, fc.nat(), (f, seed) => {
        const document = JSON.parse(chainDocument(f, null)) as unknown;
        expect(canonicalize(shuffled(document, seed))).toBe(chainDocument(f, null));
        expect(chainHash(shuffled(f, seed) as ChainedFacts, null)).toBe(chainHash(f, null));
      }),
    );
  });

  test('any change of a field, or of the previous hash, gives another hash', () => {
    const fields = ['key', 'seq', 'firstSeen', 'url', 'headline', 'dek', 'byline', 'publishedTime', 'modifiedTime', 'lang', 'body', 'extractor'] as const;
    fc.assert(
      fc.property(facts, fc.constantFrom(...fields), (f, field) => {
        const changed: ChainedFacts = { ...f };
        const value = f[field];
        if (field === 'seq') changed.seq = f.seq + 1;
        else if (field === 'firstSeen') changed.firstSeen = f.firstSeen + 1;
        else if (field === 'body') changed.body = [...f.body, { kind: 'p', text: 'x' }];
        else if (field === 'extractor') changed.extractor = { ...f.extractor, rules: f.extractor.rules + 1 };
        else if (field === 'url') changed.url = `${f.url}x`;
        else (changed as unknown as Record<string, unknown>)[field] = value === null ? '' : `${value as string}x`;
        expect(chainHash(changed, null)).not.toBe(chainHash(f, null));
      }),
    );
    const f = fc.sample(facts, 1)[0]!;
    expect(chainHash(f, 'a'.repeat(64))).not.toBe(chainHash(f, null));
  });

  test('a lone surrogate in page text is hashed as UTF-8 encodes it, not refused', () => {
    const f = fc.sample(facts, 1)[0]!;
    expect(chainHash({ ...f, headline: 'a\ud800b' }, null)).toBe(chainHash({ ...f, headline: 'a\ufffdb' }, null));
  });
});

describe('recording links versions', () => {
  test('each new version links to the one before it, and repeats add no link', async () => {
    await record([A, B, A, C]);
    const versions = await getVersions(db, ARTICLE_KEY);
    expect(versions.map((v) => v.seq)).toEqual([1, 2, 3]);
    expect(versions[0]!.chain.prev).toBeNull();
    expect(versions[1]!.chain.prev).toBe(versions[0]!.chain.hash);
    expect(versions[2]!.chain.prev).toBe(versions[1]!.chain.hash);
    for (const [i, version] of versions.entries()) {
      expect(version.chain.hash).toBe(chainHash(version, i === 0 ? null : versions[i - 1]!.chain.hash));
      expect(version.chain.chainedAt).toBeUndefined();
    }
  });
});

describe('signing key', () => {
  test('made once, private half not extractable, fingerprint of the public key', async () => {
    const first = await ensureSigningKey(db);
    const again = await ensureSigningKey(db);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect((await readSigningKey(db))!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(first.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', first.privateKey)).rejects.toThrow();
  });
});

describe('signed export and the verifier', () => {
  test('an intact export verifies, streamed or whole, and imports back', async () => {
    await record([A, B, C]);
    await record([OTHER]);
    const text = await signedText();
    const result = await verifyFile(text, { now: NOW });
    expect(result).toMatchObject({ ok: true, articles: 2, versions: 4 });
    const whole = serializeExport(await exportHistory(db, { now: NOW, version: '1.0', signing: await signingFor(db) }));
    expect(await verifyFile(whole, { now: NOW })).toMatchObject({ ok: true, articles: 2, versions: 4 });
    const parsed = await parseImport(text, { now: NOW });
    expect(parsed.ok).toBe(true);
    const other = await openHistoryDb(`evidence-copy-${runs}`, new IDBFactory());
    await importHistory(other, (parsed as { ok: true; file: Parameters<typeof importHistory>[1] }).file);
    const copied = await getVersions(other, ARTICLE_KEY);
    const original = await getVersions(db, ARTICLE_KEY);
    expect(copied.map((v) => v.chain)).toEqual(original.map((v) => v.chain));
    other.close();
  });

  test('versions removed by retention stay in the chain as links: the file verifies and says so', async () => {
    const D = makeSnapshot({ body: editParagraph(5, (text) => `${text} A later addition.`) });
    await record([A, B, C, D]);
    // Versions 1 and 2 were last seen before the cutoff; 4 is the latest and the baseline, and 3 is after the cutoff.
    const removed = await pruneBefore(db, T0 + 2 * MINUTE);
    expect(removed.versions).toBe(2);
    const text = await signedText();
    const file = JSON.parse(text) as ExportFile;
    expect(file.articles[0]!.removed?.map((link) => [link.seq, link.reason])).toEqual([
      [1, 'retention'],
      [2, 'retention'],
    ]);
    expect(await verifyFile(text, { now: NOW })).toMatchObject({ ok: true, versions: 2, removed: 2 });
    // A removed link passed off as another reason, or dropped, breaks the signature or the chain.
    const relabelled = structuredClone(file);
    relabelled.articles[0]!.removed![0]!.reason = 'damaged';
    expect((await verifyFile(JSON.stringify(relabelled), { now: NOW })).ok).toBe(false);
    const dropped = structuredClone(file);
    dropped.articles[0]!.removed!.shift();
    expect(await verifyFile(JSON.stringify(dropped), { now: NOW })).toMatchObject({ ok: false, seq: 2 });
    // A capture after pruning links to the chain as it was.
    await recordSnapshot(db, makeSnapshot({ headline: 'A new headline' }), { now: T0 + 10 * MINUTE, captureId: 'after-prune' });
    const after = await verifyFile(await signedText(), { now: NOW });
    expect(after, JSON.stringify(after)).toMatchObject({ ok: true, versions: 3, removed: 2 });
  });

  test('a version recorded as a change carries its labels into the file; they are a reading aid, not signed', async () => {
    await record([A, C]);
    const file = JSON.parse(await signedText()) as ExportFile;
    const [first, second] = file.articles[0]!.versions;
    expect(first!.labels).toBeUndefined();
    expect(second!.labels).toEqual({ disclosure: 'silent', kinds: ['numbers'] });
    const relabelled = structuredClone(file);
    relabelled.articles[0]!.versions[1]!.labels = { disclosure: 'disclosed', kinds: ['rewrite'] };
    expect((await verifyFile(JSON.stringify(relabelled), { now: NOW })).ok).toBe(true);
  });

  test('one article exported alone verifies by itself', async () => {
    await record([A, B]);
    await record([OTHER]);
    const result = await verifyFile(await signedText(db, [ARTICLE_KEY]), { now: NOW });
    expect(result).toMatchObject({ ok: true, articles: 1, versions: 2 });
  });

  describe('tampering is found and named', () => {
    let file: ExportFile;
    beforeEach(async () => {
      await record([A, B, C]);
      await record([OTHER]);
      file = JSON.parse(await signedText()) as ExportFile;
    });
    const check = (edit: (f: ExportFile) => void) => {
      const copy = structuredClone(file);
      edit(copy);
      return verifyFile(JSON.stringify(copy), { now: NOW });
    };
    const article = (f: ExportFile) => f.articles.find((a) => a.key === ARTICLE_KEY)!;

    test('one word of a version text changed', async () => {
      const result = await check((f) => {
        const block = article(f).versions[1]!.body[3]!;
        block.text = block.text.replace('cautiously', 'carefully');
      });
      expect(result).toMatchObject({ ok: false, article: ARTICLE_KEY, seq: 2 });
      expect(!result.ok && result.problem).toMatch(/altered/);
    });

    const withoutVisitsOf = (f: ExportFile, seq: number) => {
      article(f).visits = article(f).visits.filter((visit) => visit.seq !== seq);
    };

    test('a version removed: named by the visits that saw it, or by the broken link', async () => {
      const result = await check((f) => article(f).versions.splice(1, 1));
      expect(result).toMatchObject({ ok: false, article: ARTICLE_KEY, seq: 2 });
      const thorough = await check((f) => {
        article(f).versions.splice(1, 1);
        withoutVisitsOf(f, 2);
      });
      expect(thorough).toMatchObject({ ok: false, article: ARTICLE_KEY, seq: 3 });
      expect(!thorough.ok && thorough.problem).toMatch(/chain is broken at version 3/);
    });

    test('the last version removed, with its visits', async () => {
      const result = await check((f) => {
        article(f).versions.pop();
        withoutVisitsOf(f, 3);
      });
      expect(result).toMatchObject({ ok: false, article: ARTICLE_KEY });
      expect(!result.ok && result.problem).toMatch(/head/);
    });

    test('a version inserted', async () => {
      const result = await check((f) => {
        const copy = structuredClone(article(f).versions[0]!);
        copy.seq = 4;
        copy.sha256 = 'f'.repeat(64);
        article(f).versions.push(copy);
      });
      expect(result.ok).toBe(false);
    });

    test('two versions swapped (seqs exchanged)', async () => {
      const result = await check((f) => {
        const [, b, c] = article(f).versions;
        [b!.seq, c!.seq] = [c!.seq, b!.seq];
        article(f).versions.sort((x, y) => x.seq - y.seq);
        for (const visit of article(f).visits) visit.seq = visit.seq === 2 ? 3 : visit.seq === 3 ? 2 : visit.seq;
      });
      expect(result).toMatchObject({ ok: false, article: ARTICLE_KEY, seq: 2 });
    });

    test('a whole chain recomputed after an edit fails the article signature', async () => {
      const { chainHash: hash } = await import('../../lib/model/chain');
      const { factsOf } = await import('../../lib/transfer/chain-check');
      const { contentHash } = await import('../../lib/model/normalize');
      const copy = structuredClone(file);
      const target = article(copy);
      target.versions[2]!.headline = 'A quieter headline';
      target.versions[2]!.sha256 = await contentHash(target.versions[2]!);
      let prev: string | null = null;
      for (const version of target.versions) {
        version.chain = { prev, hash: hash(factsOf(target.key, version), prev) };
        prev = version.chain.hash;
      }
      target.head = prev!;
      const result = await verifyFile(JSON.stringify(copy), { now: NOW });
      expect(result).toMatchObject({ ok: false, article: ARTICLE_KEY });
      expect(!result.ok && result.problem).toMatch(/signature/);
    });

    test('an article dropped from the file fails the file signature', async () => {
      const result = await check((f) => f.articles.splice(1, 1));
      expect(result).toMatchObject({ ok: false });
      expect(!result.ok && result.problem).toMatch(/file's signature/);
    });

    test('another key swapped in', async () => {
      const stranger = await openHistoryDb(`evidence-stranger-${runs}`, new IDBFactory());
      const key = await ensureSigningKey(stranger);
      const result = await check((f) => {
        f.signer = { ...f.signer!, publicKey: key.publicKey, fingerprint: key.fingerprint };
      });
      expect(result).toMatchObject({ ok: false });
      expect(!result.ok && result.problem).toMatch(/signature/);
      stranger.close();
    });

    test('an unsigned or format 1 file is not verified', async () => {
      expect((await check((f) => delete f.signature)).ok).toBe(false);
      const v1 = await check((f) => {
        f.formatVersion = 1;
      });
      expect(v1.ok).toBe(false);
    });
  });
});

describe('trusted timestamps in a signed export (a local openssl TSA)', () => {
  let tsa: LocalTsa;
  beforeAll(async () => {
    tsa = await startTsa();
  }, 60_000);
  afterAll(() => tsa?.close());

  test("the stamps kept while capturing travel with their article, the export's own stamp with the file, and all verify", async () => {
    await record([A, B]);
    await record([OTHER]);
    const key = ARTICLE_KEY;
    const head = (await getVersions(db, key)).at(-1)!.chain.hash;
    const otherHead = (await getVersions(db, OTHER.key))[0]!.chain.hash;
    // A stamp made while capturing: this article's head and the other article's, as opaque leaves.
    const leaves = [leafOf(key, head), leafOf(OTHER.key, otherHead)].sort();
    const token = await requestToken(tsa.url(), stampDigest(leaves));
    await addStamp(db, { time: T0, tsaUrl: tsa.url(), leaves, token: tokenToBase64(token) });
    const signing = await signingFor(db, ensureSigningKey, { tsaUrl: tsa.url() });
    let text = '';
    for await (const piece of exportText(db, { now: NOW, version: '1.0', signing, keys: [key] })) text += piece;
    const file = JSON.parse(text) as ExportFile;
    expect(file.timestamps).toHaveLength(1);
    expect(file.articles[0]!.stamps).toEqual([{ leaves, token: tokenToBase64(token) }]);
    const result = await verifyFile(text, { now: NOW });
    expect(result).toMatchObject({ ok: true, articles: 1 });
    expect(result.ok && result.timestamps.map((s) => [s.covers, s.ok, s.tsa])).toEqual([
      ['file', true, tsa.subjects.rsa],
      [key, true, tsa.subjects.rsa],
    ]);
    // What the service received for the export: only the hash of the file statement.
    expect(tsa.requests).toHaveLength(2);

    // A stamp moved to an article it does not cover, or a token of another digest, is refused.
    const moved = structuredClone(file);
    moved.articles[0]!.stamps![0]!.leaves = [leafOf('https://elsewhere.example/', head)];
    expect(await verifyFile(JSON.stringify(moved), { now: NOW })).toMatchObject({ ok: false, article: key });
    const swapped = structuredClone(file);
    swapped.timestamps = [{ token: file.articles[0]!.stamps![0]!.token }];
    const refused = await verifyFile(JSON.stringify(swapped), { now: NOW });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problem).toMatch(/timestamp 1 does not verify/);
  });

  test('a service that does not answer leaves the file signed but unstamped', async () => {
    await record([A]);
    const failures: unknown[] = [];
    const signing = await signingFor(db, ensureSigningKey, {
      tsaUrl: 'http://127.0.0.1:9/',
      requestToken: () => Promise.reject(new Error('connection refused')),
      onStampFailed: (error) => failures.push(error),
    });
    let text = '';
    for await (const piece of exportText(db, { now: NOW, signing })) text += piece;
    expect(failures).toHaveLength(1);
    expect(JSON.parse(text)).not.toHaveProperty('timestamps');
    expect(await verifyFile(text, { now: NOW })).toMatchObject({ ok: true, timestamps: [] });
  });
});
