/**
 * Reading an RFC 3161 TimeStampToken with PKI.js: the signed TSTInfo inside, the certificate that signed it (found by
 * the SignerInfo's identifier among the token's certificates), and the ESS signing-certificate attribute (RFC 2634
 * ESSCertID with SHA-1, RFC 5035 ESSCertIDv2 with any hash) that binds the signature to that certificate.
 */
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, Certificate, ContentInfo, getCrypto, IssuerAndSerialNumber, IssuerSerial, SignedData, TSTInfo, type SignerInfo } from 'pkijs';

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';
export const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';
export const CONTENT_TYPE_ATTR = '1.2.840.113549.1.9.3';
export const MESSAGE_DIGEST_ATTR = '1.2.840.113549.1.9.4';
const SIGNING_CERTIFICATE_ATTR = '1.2.840.113549.1.9.16.2.12';
const SIGNING_CERTIFICATE_V2_ATTR = '1.2.840.113549.1.9.16.2.47';
const SHA1_OID = '1.3.14.3.2.26';

/** A refusal of a response or a token, worded for the reader (options page) and the logs. */
export class TimestampError extends Error {
  override name = 'TimestampError';
}

/** A certificate carried in a token, with its bytes exactly as carried (what an ESS identifier hashes). */
export interface CarriedCertificate {
  certificate: Certificate;
  der: Uint8Array;
}

export interface ParsedToken {
  signed: SignedData;
  /** The DER of the TSTInfo, as signed. */
  content: Uint8Array;
  tst: TSTInfo;
  certificates: CarriedCertificate[];
}

/** The SignedData, TSTInfo and certificates of a token (ContentInfo); throws a TimestampError for anything else. */
export function parseToken(token: ContentInfo): ParsedToken {
  try {
    if (token.contentType !== ContentInfo.SIGNED_DATA) throw new Error('not SignedData');
    const signed = new SignedData({ schema: token.content });
    const { eContentType, eContent } = signed.encapContentInfo;
    if (eContentType !== TST_INFO_OID || !eContent) throw new Error('not a TSTInfo');
    const content = new Uint8Array(eContent.getValue());
    return { signed, content, tst: TSTInfo.fromBER(content), certificates: carried(token.content as asn1js.Sequence) };
  } catch {
    throw new TimestampError('not a signed RFC 3161 timestamp');
  }
}

/**
 * The X.509 certificates in SignedData's `certificates [0] IMPLICIT CertificateSet`, each with its original bytes:
 * re-encoding a parsed certificate could hide a change that a lenient parse absorbed.
 */
function carried(signedData: asn1js.Sequence): CarriedCertificate[] {
  const set = signedData.valueBlock.value.find((item) => item.idBlock.tagClass === 3 && item.idBlock.tagNumber === 0);
  if (!(set instanceof asn1js.Constructed)) return [];
  return set.valueBlock.value
    .filter((item) => item instanceof asn1js.Sequence)
    .map((item) => ({ certificate: new Certificate({ schema: item }), der: item.valueBeforeDecodeView.slice() }));
}

/**
 * Parses DER that must be exactly one ASN.1 value, with every constructed value exactly as long as what it contains:
 * asn1js reads leniently past a length that is too short, and a token whose lengths do not add up is not the token
 * that was signed.
 */
export function fromDer(der: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || parsed.offset !== der.length || !lengthsAddUp(parsed.result)) throw new TimestampError(`not ${what}`);
  return parsed.result;
}

function lengthsAddUp(block: asn1js.AsnType): boolean {
  if (!(block instanceof asn1js.Constructed) && !(block.idBlock.isConstructed && Array.isArray((block.valueBlock as { value?: unknown }).value))) return true;
  const children = (block.valueBlock as unknown as { value: asn1js.AsnType[] }).value;
  if (block.lenBlock.isIndefiniteForm) return children.every(lengthsAddUp);
  const inner = children.reduce((sum, child) => sum + child.valueBeforeDecodeView.length, 0);
  return inner === block.lenBlock.length && children.every(lengthsAddUp);
}

/** Whether the token's message imprint is SHA-256 of exactly `digest`. */
export function imprintIs(tst: TSTInfo, digest: Uint8Array): boolean {
  const imprint = tst.messageImprint;
  return imprint.hashAlgorithm.algorithmId === SHA256_OID && equalBytes(imprint.hashedMessage.valueBlock.valueHexView, digest);
}

/** WebCrypto's digest of `bytes` (copied, so a view of a larger or shared buffer is fine). */
export async function digestOf(algorithm: string, bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(algorithm, new Uint8Array(bytes)));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** The certificate among the token's that the signer names, by issuer and serial or by subject key identifier. */
export async function signerCertificate(certificates: CarriedCertificate[], signer: SignerInfo): Promise<CarriedCertificate | null> {
  if (signer.sid instanceof IssuerAndSerialNumber) {
    const id = signer.sid;
    return certificates.find(({ certificate: c }) => c.issuer.isEqual(id.issuer) && c.serialNumber.isEqual(id.serialNumber)) ?? null;
  }
  // [0] SubjectKeyIdentifier: the SHA-1 of the public key, as RFC 5280's method 1 (and OpenSSL) computes it.
  type Hex = { valueBlock: { valueHexView: Uint8Array } };
  const keyId = signer.sid as asn1js.Constructed | Hex;
  const wanted = keyId instanceof asn1js.Constructed ? (keyId.valueBlock.value[0] as unknown as Hex).valueBlock.valueHexView : keyId.valueBlock.valueHexView;
  for (const carried of certificates) {
    const key = carried.certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
    if (equalBytes(await digestOf('SHA-1', key), wanted)) return carried;
  }
  return null;
}

/** The one value of a signed attribute, or undefined when absent; throws if it is there twice or with other values. */
export function signedAttribute(signer: SignerInfo, type: string): asn1js.AsnType | undefined {
  const found = (signer.signedAttrs?.attributes ?? []).filter((attribute) => attribute.type === type);
  if (found.length === 0) return undefined;
  if (found.length > 1 || found[0]!.values.length !== 1) throw new TimestampError(`the signed attribute ${type} is repeated`);
  return found[0]!.values[0] as asn1js.AsnType;
}

/**
 * Whether the ESS signing-certificate attribute names `certificate`: its first ESSCertID (the signer's, RFC 5035 §5.4)
 * has the certificate's hash and, when it says so, its issuer serial. A missing attribute is a problem: RFC 3161 §2.4.2
 * requires it, and without it another certificate with the same key could be substituted.
 */
export async function essCertIdProblem(signer: SignerInfo, { certificate, der }: CarriedCertificate): Promise<string | null> {
  const v2 = signedAttribute(signer, SIGNING_CERTIFICATE_V2_ATTR);
  const v1 = v2 ? undefined : signedAttribute(signer, SIGNING_CERTIFICATE_ATTR);
  const attribute = v2 ?? v1;
  if (!attribute) return 'the signature does not name its certificate (no ESS signing-certificate attribute)';
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies ... OPTIONAL }
  const certs = attribute instanceof asn1js.Sequence ? attribute.valueBlock.value[0] : undefined;
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return 'the ESS signing-certificate attribute is malformed';
  const fields = [...first.valueBlock.value];
  // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash, issuerSerial OPTIONAL }; ESSCertID has no
  // algorithm and always SHA-1.
  let hashOid = v2 ? SHA256_OID : SHA1_OID;
  if (v2 && fields[0] instanceof asn1js.Sequence) hashOid = new AlgorithmIdentifier({ schema: fields.shift() }).algorithmId;
  const certHash = fields[0];
  if (!(certHash instanceof asn1js.OctetString)) return 'the ESS signing-certificate attribute is malformed';
  const hash = getCrypto(true).getAlgorithmByOID<Algorithm>(hashOid, false, 'hashAlgorithm');
  if (!('name' in hash)) return `the ESS signing-certificate attribute uses an unknown hash (${hashOid})`;
  const actual = await digestOf(hash.name, der);
  if (!equalBytes(actual, certHash.valueBlock.valueHexView)) return 'the signing certificate is not the one the signature names (ESS certificate hash mismatch)';
  if (fields[1] instanceof asn1js.Sequence) {
    const issuerSerial = new IssuerSerial({ schema: fields[1] });
    if (!issuerSerial.serialNumber.isEqual(certificate.serialNumber)) return 'the signing certificate is not the one the signature names (ESS serial mismatch)';
  }
  return null;
}

const EXT_KEY_USAGE = '2.5.29.37';
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

/** RFC 3161 §2.3: a TSA certificate has the extended key usage timeStamping, marked critical. */
export function timeStampingProblem(certificate: Certificate): string | null {
  const usages = (certificate.extensions ?? []).filter((extension) => extension.extnID === EXT_KEY_USAGE);
  if (usages.length !== 1) return 'the signing certificate is not a timestamping certificate (no extended key usage)';
  const [usage] = usages as [NonNullable<Certificate['extensions']>[number]];
  const purposes = (usage.parsedValue as { keyPurposes?: string[] } | undefined)?.keyPurposes ?? [];
  if (!purposes.includes(TIME_STAMPING)) return 'the signing certificate is not a timestamping certificate (no timeStamping key usage)';
  if (!usage.critical) return 'the signing certificate\'s timeStamping key usage is not marked critical';
  return null;
}

const NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** A certificate's subject as one line, most general first, as OpenSSL prints it: "C = DE, O = Example, CN = TSA". */
export function subjectOf(certificate: Certificate): string {
  return certificate.subject.typesAndValues
    .map(({ type, value }) => {
      const text = (value as { valueBlock?: { value?: unknown } }).valueBlock?.value;
      return `${NAMES[type] ?? type} = ${typeof text === 'string' ? text : '?'}`;
    })
    .join(', ');
}
