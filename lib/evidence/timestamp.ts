/**
 * RFC 3161 trusted timestamps (issue 18, docs/evidence.md): the request the extension sends (a SHA-256 digest and a
 * nonce, nothing else), the checks on the answer before its token is kept, and the offline check of a kept token.
 * All ASN.1 and CMS goes through PKI.js and asn1js; the same code runs in the extension and in Node (WebCrypto).
 */
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, ContentInfo, getCrypto, IssuerAndSerialNumber, MessageImprint, TimeStampReq, TimeStampResp } from 'pkijs';
import {
  CONTENT_TYPE_ATTR,
  digestOf,
  equalBytes,
  essCertIdProblem,
  fromDer,
  imprintIs,
  MESSAGE_DIGEST_ATTR,
  parseToken,
  SHA256_OID,
  signedAttribute,
  signerCertificate,
  subjectOf,
  timeStampingProblem,
  TimestampError,
  TST_INFO_OID,
} from './timestamp-token';
import { stampDigest } from '../model/stamp';

export { TimestampError } from './timestamp-token';

const NONCE_BYTES = 8;

/** A fresh random nonce: 8 bytes, a positive integer in its shortest DER form (first byte 0x01..0x7f). */
export function newNonce(): Uint8Array {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  nonce[0] = (nonce[0]! & 0x7f) | 0x01;
  return nonce;
}

/** The DER TimeStampReq for a SHA-256 `digest` (32 bytes): version 1, the nonce, certReq true, no policy. */
export function makeRequest(digest: Uint8Array, nonce: Uint8Array): Uint8Array {
  if (digest.length !== 32) throw new TypeError(`A SHA-256 digest has 32 bytes, not ${digest.length}`);
  if (nonce.length === 0 || nonce[0]! === 0 || nonce[0]! > 0x7f) {
    throw new TypeError('The nonce must be a positive integer in its shortest form');
  }
  const request = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithmId: SHA256_OID }),
      hashedMessage: new asn1js.OctetString({ valueHex: digest.slice() }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce.slice() }),
    // The TSA puts its certificate in the token, so the token can be checked with nothing else.
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER());
}

/** PKIFailureInfo's named bits (RFC 3161 §2.4.2), by bit number. */
const FAILURES: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

/**
 * Checks a TimeStampResp (DER) against the request it answers and returns its TimeStampToken (DER ContentInfo, the
 * bytes as the TSA sent them): the status is granted, the token stamps `digest` with SHA-256 and carries `nonce`.
 * Throws a TimestampError saying what is wrong otherwise. The token's signature is verifyToken's to check.
 */
export function readResponse(der: Uint8Array, digest: Uint8Array, nonce: Uint8Array): Uint8Array {
  const schema = fromDer(der, 'a timestamp response');
  let response: TimeStampResp;
  try {
    response = new TimeStampResp({ schema });
  } catch {
    throw new TimestampError('The answer is not a timestamp response');
  }
  const { status, statusStrings, failInfo } = response.status;
  // 0 granted, 1 granted with modifications; anything else is a refusal, whose reasons the TSA may give.
  if (status !== 0 && status !== 1) {
    const said = (statusStrings ?? []).map((s) => s.valueBlock.value).join('; ');
    const bits = failInfo?.valueBlock.valueHexView ?? new Uint8Array();
    const failures = Object.entries(FAILURES)
      .filter(([bit]) => ((bits[Number(bit) >> 3] ?? 0) >> (7 - (Number(bit) & 7))) & 1)
      .map(([, name]) => name);
    throw new TimestampError(
      `The timestamping service refused the request (status ${status}${failures.length ? `: ${failures.join(', ')}` : ''}${said ? `; "${said}"` : ''})`,
    );
  }
  if (!response.timeStampToken) throw new TimestampError('The timestamping service granted the request but sent no token');
  let tst;
  try {
    tst = parseToken(response.timeStampToken).tst;
  } catch (error) {
    throw new TimestampError(`The token is ${(error as Error).message}`);
  }
  if (!imprintIs(tst, digest)) throw new TimestampError('The token stamps another hash than the one sent (message imprint mismatch)');
  if (!tst.nonce || tst.nonce.toBigInt() !== bigintOf(nonce)) {
    throw new TimestampError('The token does not answer this request (nonce mismatch)');
  }
  // The token's bytes exactly as received: its signature covers them, and a re-encoding could differ.
  return (schema as asn1js.Sequence).valueBlock.value[1]!.valueBeforeDecodeView.slice();
}

export type TokenCheck =
  | { ok: true; genTime: Date; /** Subject of the certificate that signed the token. */ tsa: string; serial: string }
  | { ok: false; problem: string };

/**
 * Checks a kept token offline: it is a SignedData over a TSTInfo with one signer; the signer's certificate is in the
 * token, is the one the ESS signing-certificate attribute names, has the critical extended key usage timeStamping
 * and was valid at the stamped time; the signature verifies with its key; the TSTInfo stamps SHA-256 of `digest`.
 *
 * This trusts the certificate in the token: it does not build a chain to a trusted root (out of scope here). What it
 * proves is that whoever holds that TSA certificate's key said the digest existed at genTime; `tsa` names that
 * certificate's subject, so a reader can decide whether they trust it (and check its chain with other tools).
 */
export async function verifyToken(tokenDer: Uint8Array, digest: Uint8Array): Promise<TokenCheck> {
  try {
    const token = new ContentInfo({ schema: fromDer(tokenDer, 'a timestamp token') });
    const { signed, content, tst, certificates } = parseToken(token);
    if (signed.signerInfos.length !== 1) return fail('the token has more or fewer than one signature');
    const signer = signed.signerInfos[0]!;
    const carried = await signerCertificate(certificates, signer);
    if (!carried) return fail('the token does not contain the certificate that signed it');
    const { certificate } = carried;
    // RFC 5652 §5.1, §5.3: version 3 for content other than id-data; a signer is version 1 when named by issuer and
    // serial, 3 by key identifier; the signer's digest algorithm is among those listed.
    const byIssuer = signer.sid instanceof IssuerAndSerialNumber;
    if (signed.version !== 3 || signer.version !== (byIssuer ? 1 : 3)) return fail('the token is malformed (CMS version)');
    if (!signed.digestAlgorithms.some((a) => a.algorithmId === signer.digestAlgorithm.algorithmId)) {
      return fail('the token is malformed (its digest algorithms do not include the signer\'s)');
    }
    // Signed attributes are required when the content is not id-data (RFC 5652 §5.3); they carry the content's
    // type and digest, and the signature covers them, not the content itself.
    const contentType = signedAttribute(signer, CONTENT_TYPE_ATTR);
    const messageDigest = signedAttribute(signer, MESSAGE_DIGEST_ATTR);
    if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== TST_INFO_OID) {
      return fail('the signature does not say it covers a timestamp (content-type attribute)');
    }
    if (!(messageDigest instanceof asn1js.OctetString)) return fail('the signature has no message-digest attribute');
    const engine = getCrypto(true);
    const hash = engine.getAlgorithmByOID<Algorithm>(signer.digestAlgorithm.algorithmId, false, 'hashAlgorithm');
    if (!('name' in hash)) return fail(`the signature uses an unknown hash (${signer.digestAlgorithm.algorithmId})`);
    const contentDigest = await digestOf(hash.name, content);
    if (!equalBytes(contentDigest, messageDigest.valueBlock.valueHexView)) return fail('the timestamp was altered after it was signed (message digest mismatch)');
    // As PKI.js's SignedData.verify does: plain rsaEncryption names no hash, so the digest algorithm is passed.
    const rsa = signer.signatureAlgorithm.algorithmId === '1.2.840.113549.1.1.1';
    const verified = await engine.verifyWithPublicKey(
      signer.signedAttrs!.encodedValue,
      signer.signature,
      certificate.subjectPublicKeyInfo,
      signer.signatureAlgorithm,
      rsa ? hash.name : undefined,
    );
    if (!verified) return fail('the signature does not verify with the certificate in the token');
    const ess = await essCertIdProblem(signer, carried);
    if (ess) return fail(ess);
    const usage = timeStampingProblem(certificate);
    if (usage) return fail(usage);
    if (tst.genTime < certificate.notBefore.value || tst.genTime > certificate.notAfter.value) {
      return fail('the timestamp\'s time is outside its certificate\'s validity');
    }
    if (!imprintIs(tst, digest)) return fail('the token stamps another hash (message imprint mismatch)');
    return { ok: true, genTime: tst.genTime, tsa: subjectOf(certificate), serial: tst.serialNumber.toBigInt().toString(16) };
  } catch (error) {
    return fail(error instanceof TimestampError ? `the token is ${error.message}` : `the token cannot be read (${String(error)})`);
  }
}

function fail(problem: string): TokenCheck {
  return { ok: false, problem };
}

function bigintOf(bytes: Uint8Array): bigint {
  return bytes.reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
}

/** A token as records and the export keep it: base64 of its DER. */
export function tokenToBase64(token: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < token.length; i += 0x8000) binary += String.fromCharCode(...token.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The DER of a base64 token; throws a TimestampError when it is not base64. */
export function tokenFromBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new TimestampError('The token is not base64');
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * Checks a kept stamp: its token, verified offline, stamps the digest of exactly its leaves (lib/model/stamp.ts). A
 * leaf proves that the article's chain up to that head existed at genTime; the verifier recomputes the leaves from
 * the file and accepts a leaf whose head is any version's chain hash in that article.
 */
export async function verifyStamp(stamp: { leaves: readonly string[]; token: string }): Promise<TokenCheck> {
  let der: Uint8Array;
  try {
    der = tokenFromBase64(stamp.token);
  } catch (error) {
    return fail((error as Error).message);
  }
  return verifyToken(der, stampDigest(stamp.leaves));
}
