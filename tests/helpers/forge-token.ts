/**
 * Timestamp tokens made with PKI.js rather than a timestamping service, for the checks a real TSA never lets one
 * reach: a signing certificate without the critical timeStamping key usage, an ESS attribute that names another
 * certificate or is missing. With the right certificate and defaults, the token is what a TSA would send (and
 * verifies), so each variant fails for its one reason.
 */
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Attribute,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  MessageImprint,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
  TSTInfo,
} from 'pkijs';

const SHA256 = '2.16.840.1.101.3.4.2.1';
const TST_INFO = '1.2.840.113549.1.9.16.1.4';

export interface ForgeOptions {
  /** Which certificate the ESS signingCertificateV2 attribute names: the signer's (default), another, or none. */
  ess?: 'signer' | 'other' | 'none';
  genTime?: Date;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
}

export async function forgeToken(
  signer: { certificate: Uint8Array; key: Uint8Array },
  digest: Uint8Array,
  options: ForgeOptions = {},
): Promise<Uint8Array> {
  const certificate = Certificate.fromBER(new Uint8Array(signer.certificate));
  const key = await crypto.subtle.importKey('pkcs8', new Uint8Array(signer.key), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  const tst = new TSTInfo({
    version: 1,
    policy: '1.2.3.4.1',
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithmId: SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: digest.slice() }),
    }),
    serialNumber: new asn1js.Integer({ value: 4242 }),
    genTime: options.genTime ?? new Date(Math.floor(Date.now() / 1000) * 1000),
  });
  const content = new Uint8Array(tst.toSchema().toBER());
  const attributes = [
    new Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: TST_INFO })] }),
    new Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: await sha256(content) })] }),
  ];
  const ess = options.ess ?? 'signer';
  if (ess !== 'none') {
    const named = ess === 'signer' ? signer.certificate : new Uint8Array([...signer.certificate].reverse());
    // SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 { certHash } } (hashAlgorithm defaults to SHA-256).
    const essCertId = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: await sha256(named) })] });
    const value = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
    attributes.push(new Attribute({ type: '1.2.840.113549.1.9.16.2.47', values: [value] }));
  }
  const signed = new SignedData({
    version: 3,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: TST_INFO, eContent: new asn1js.OctetString({ valueHex: content }) }),
    signerInfos: [
      new SignerInfo({
        version: 1,
        sid: new IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [certificate],
  });
  await signed.sign(key, 0, 'SHA-256');
  return new Uint8Array(new ContentInfo({ contentType: ContentInfo.SIGNED_DATA, content: signed.toSchema(true) }).toSchema().toBER());
}
