/**
 * RFC 3161 trusted timestamps against a real timestamping service: openssl ts on 127.0.0.1 (tests/helpers/tsa.ts),
 * with RSA and EC keys and both kinds of ESS certificate identifier. What is sent is only a digest and a nonce; a
 * token verifies offline with the certificate inside it, and fails for another digest, for any altered byte, and an
 * answer that is not this request's (another nonce, another digest, a refusal) is never kept.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as asn1js from 'asn1js';
import { ContentInfo, TimeStampReq } from 'pkijs';
import { parseToken, signerCertificate } from '../../lib/evidence/timestamp-token';
import { startTsa, type LocalTsa } from '../helpers/tsa';
import { forgeToken } from '../helpers/forge-token';
import { makeRequest, newNonce, readResponse, TimestampError, verifyToken } from '../../lib/evidence/timestamp';
import { requestToken } from '../../lib/evidence/timestamp-request';
import { leafOf, stampDigest, stampDigestHex, stampDocument } from '../../lib/model/stamp';
import { sha256Hex } from '../../lib/model/chain';

let tsa: LocalTsa;
beforeAll(async () => {
  tsa = await startTsa();
});
afterAll(() => tsa.close());

const LEAVES = [leafOf('https://news.example/a', 'aa'.repeat(32)), leafOf('https://news.example/b', 'bb'.repeat(32))];
const DIGEST = stampDigest(LEAVES);
const OTHER = stampDigest([LEAVES[0]!]);

/** POSTs a request as requestToken does, and returns the raw answer, for the checks requestToken makes itself. */
async function post(body: Uint8Array, section: Parameters<LocalTsa['url']>[0] = 'rsa'): Promise<Uint8Array> {
  const response = await fetch(tsa.url(section), { method: 'POST', headers: { 'Content-Type': 'application/timestamp-query' }, body: new Uint8Array(body) });
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

describe('what a stamp covers', () => {
  test('a leaf is the SHA-256 of the canonical [key, head]; a stamp hashes its sorted, distinct leaves', () => {
    expect(leafOf('k', 'h')).toBe(sha256Hex('["k","h"]'));
    expect(stampDocument(['b', 'a', 'b'])).toBe('{"leaves":["a","b"],"stamp":1}');
    expect(stampDigestHex(['b', 'a'])).toBe(sha256Hex('{"leaves":["a","b"],"stamp":1}'));
    expect(stampDigest(['b', 'a'])).toEqual(stampDigest(['a', 'b', 'a']));
    expect(stampDigest(['a'])).not.toEqual(stampDigest(['a', 'b']));
  });
});

describe('a token from a timestamping service', () => {
  test.each([
    ['rsa', 'an RSA key and ESSCertIDv2'],
    ['ec', 'an EC P-256 key and ESSCertIDv2'],
    ['sha1', 'an RSA key and ESSCertID (SHA-1)'],
  ] as const)('verifies offline with the time it was made (%s: %s)', async (section, _what) => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const token = await requestToken(tsa.url(section), DIGEST);
    const after = Date.now();
    const check = await verifyToken(token, DIGEST);
    expect(check).toMatchObject({ ok: true, tsa: section === 'ec' ? tsa.subjects.ec : tsa.subjects.rsa });
    if (!check.ok) return;
    expect(check.genTime.getTime()).toBeGreaterThanOrEqual(before);
    expect(check.genTime.getTime()).toBeLessThanOrEqual(after);
    expect(check.serial).toMatch(/^[0-9a-f]+$/);
  });

  test('sends only a SHA-256 digest and a nonce, asking for the certificate, as application/timestamp-query', async () => {
    const sent = tsa.requests.length;
    await requestToken(tsa.url(), DIGEST);
    expect(tsa.requests.length).toBe(sent + 1);
    const { path, contentType, body } = tsa.requests.at(-1)!;
    expect([path, contentType]).toEqual(['/rsa', 'application/timestamp-query']);
    const request = TimeStampReq.fromBER(new Uint8Array(body));
    expect(request.version).toBe(1);
    expect(request.messageImprint.hashAlgorithm.algorithmId).toBe('2.16.840.1.101.3.4.2.1');
    expect(new Uint8Array(request.messageImprint.hashedMessage.valueBlock.valueHexView)).toEqual(DIGEST);
    expect(request.certReq).toBe(true);
    expect(request.nonce?.toBigInt()).toBeGreaterThan(0n);
    expect([request.reqPolicy, request.extensions]).toEqual([undefined, undefined]);
    // Nothing else: the request is exactly makeRequest's encoding of those three things.
    const nonce = request.nonce!.valueBlock.valueHexView;
    expect(new Uint8Array(body)).toEqual(makeRequest(DIGEST, new Uint8Array(nonce)));
  });

  test('does not verify against another digest', async () => {
    const token = await requestToken(tsa.url(), DIGEST);
    expect(await verifyToken(token, OTHER)).toEqual({ ok: false, problem: expect.stringMatching(/message imprint mismatch/) });
  });

  test('fails when any part of it is altered: the stamped content, the signature, the certificate, or its end', async () => {
    const token = await requestToken(tsa.url(), DIGEST);
    expect((await verifyToken(token, DIGEST)).ok).toBe(true);
    const flipped = (at: number) => {
      const copy = token.slice();
      copy[at] = copy[at]! ^ 0x01;
      return copy;
    };
    // The TSTInfo holds the digest itself: change one byte of it inside the token.
    const digestAt = indexOf(token, DIGEST);
    expect(digestAt).toBeGreaterThan(0);
    expect(await verifyToken(flipped(digestAt + 5), DIGEST)).toMatchObject({ ok: false, problem: expect.stringMatching(/altered|imprint/) });
    // The signature is the last thing in a token without unsigned attributes.
    expect(await verifyToken(flipped(token.length - 3), DIGEST)).toMatchObject({ ok: false, problem: expect.stringMatching(/signature does not verify/) });
    // The certificate's subject (inside the signed TBS; the ESS hash covers it).
    const subjectAt = indexOf(token, new TextEncoder().encode('Test TSA (RSA)'));
    expect(await verifyToken(flipped(subjectAt + 2), DIGEST)).toMatchObject({ ok: false });
    expect(await verifyToken(token.slice(0, token.length - 10), DIGEST)).toMatchObject({ ok: false, problem: expect.stringMatching(/cannot be read|not a/) });
    expect(await verifyToken(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), DIGEST)).toMatchObject({ ok: false });
    // Every single-byte change in what the signature covers is caught: the TSTInfo, the signer's certificate (bound by
    // the ESS attribute) and the signed attributes; and so is any change of the signature's value. CMS leaves the rest
    // unsigned: the list of digest algorithms, and other certificates (the CA's), which this check does not use.
    const { signed, content, certificates } = parseToken(ContentInfo.fromBER(new Uint8Array(token)));
    const signer = signed.signerInfos[0]!;
    const parts = [
      content,
      (await signerCertificate(certificates, signer))!.der,
      // As signed, the attributes are tagged SET; in the token, [0].
      new Uint8Array(signer.signedAttrs!.encodedValue).slice(1),
      signer.signature.valueBlock.valueHexView.slice(-16),
    ];
    for (const part of parts) {
      const start = indexOf(token, part);
      expect(start).toBeGreaterThan(0);
      for (let at = start; at < start + part.length; at += 5) expect((await verifyToken(flipped(at), DIGEST)).ok, `byte ${at}`).toBe(false);
    }
  });
});

describe('an answer that is not for this request is refused', () => {
  test('another nonce', async () => {
    const nonce = newNonce();
    const der = await post(makeRequest(DIGEST, nonce));
    expect(readResponse(der, DIGEST, nonce).length).toBeGreaterThan(500);
    let other = newNonce();
    while (other.every((byte, i) => byte === nonce[i])) other = newNonce();
    expect(() => readResponse(der, DIGEST, other)).toThrow(/nonce mismatch/);
  });

  test('another digest', async () => {
    const nonce = newNonce();
    const der = await post(makeRequest(DIGEST, nonce));
    expect(() => readResponse(der, OTHER, nonce)).toThrow(/message imprint mismatch/);
  });

  test('a refusal, with the reason the service gives', async () => {
    const nonce = newNonce();
    const der = await post(makeRequest(DIGEST, nonce), 'refuse');
    expect(() => readResponse(der, DIGEST, nonce)).toThrow(TimestampError);
    expect(() => readResponse(der, DIGEST, nonce)).toThrow(/refused the request \(status 2: badAlg/);
    await expect(requestToken(tsa.url('refuse'), DIGEST)).rejects.toThrow(/badAlg/);
  });

  test('not a timestamp response at all', () => {
    expect(() => readResponse(new Uint8Array([1, 2, 3]), DIGEST, newNonce())).toThrow(/not a timestamp response/);
    const notResp = new asn1js.Sequence({ value: [new asn1js.Integer({ value: 7 })] }).toBER();
    expect(() => readResponse(new Uint8Array(notResp), DIGEST, newNonce())).toThrow(TimestampError);
  });
});

describe('requestToken', () => {
  test('refuses an answer larger than the cap, and a service that does not answer in time', async () => {
    await expect(requestToken(tsa.url('huge'), DIGEST)).rejects.toThrow(/larger than/);
    await expect(requestToken(tsa.url('slow'), DIGEST, undefined, { timeoutMs: 300 })).rejects.toThrow(/did not answer in time/);
  });

  test('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const pending = requestToken(tsa.url('slow'), DIGEST, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow(/abort/i);
  });

  test('sends nothing to a plain-http service elsewhere than this computer', async () => {
    const sent = tsa.requests.length;
    await expect(requestToken('http://tsa.example/', DIGEST)).rejects.toThrow(/https/);
    expect(tsa.requests.length).toBe(sent);
  });

  test('takes only a 32-byte digest', () => {
    expect(() => makeRequest(new Uint8Array(20), newNonce())).toThrow(/32 bytes/);
  });
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('a token whose signer is not a timestamping authority, or not the one it names, is refused', () => {
  test('a token made as a TSA makes it verifies (so each variant below fails for its one reason)', async () => {
    const token = await forgeToken(tsa.keyPair('tsa-rsa'), DIGEST);
    expect(await verifyToken(token, DIGEST)).toMatchObject({ ok: true, tsa: tsa.subjects.rsa, serial: (4242).toString(16) });
  });

  test('the timeStamping key usage must be there and critical', async () => {
    expect(await verifyToken(await forgeToken(tsa.keyPair('tsa-noncritical'), DIGEST), DIGEST)).toEqual({
      ok: false,
      problem: "the signing certificate's timeStamping key usage is not marked critical",
    });
    expect(await verifyToken(await forgeToken(tsa.keyPair('tsa-noeku'), DIGEST), DIGEST)).toEqual({
      ok: false,
      problem: 'the signing certificate is not a timestamping certificate (no extended key usage)',
    });
  });

  test('the ESS attribute must name the signing certificate', async () => {
    expect(await verifyToken(await forgeToken(tsa.keyPair('tsa-rsa'), DIGEST, { ess: 'other' }), DIGEST)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/ESS certificate hash mismatch/),
    });
    expect(await verifyToken(await forgeToken(tsa.keyPair('tsa-rsa'), DIGEST, { ess: 'none' }), DIGEST)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/no ESS signing-certificate attribute/),
    });
  });

  test('the stamped time must lie within the certificate\'s validity', async () => {
    const token = await forgeToken(tsa.keyPair('tsa-rsa'), DIGEST, { genTime: new Date('2001-01-01T00:00:00Z') });
    expect(await verifyToken(token, DIGEST)).toMatchObject({ ok: false, problem: expect.stringMatching(/outside its certificate's validity/) });
  });
});
