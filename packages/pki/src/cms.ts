import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { cmsAlgorithms, type KeyAlgorithm } from './algorithms.js';
import { toArrayBuffer } from './bytes.js';
import { OID } from './oids.js';

/**
 * Building a detached CMS SignedData (RFC 5652 5.1-5.4) with one signer whose certificate is
 * included: the format of contracts/signature.ts, written by the server's test CA and fixtures and
 * by the browser's signer alike. The signature itself is the caller's (sync on the server, async
 * WebCrypto or node-gost-crypto in the browser), so building is two steps around it:
 * `signedAttributes` gives the bytes to sign, `detachedSignedData` assembles the result.
 */

function algorithmIdentifier(oid: string, withNull: boolean): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({
    algorithmId: oid,
    ...(withNull ? { algorithmParams: new asn1js.Null() } : {}),
  });
}

export interface SignedAttributes {
  /** the [0] IMPLICIT field of SignerInfo */
  attributes: pkijs.SignedAndUnsignedAttributes;
  /** what the signature covers: the same attributes as an explicit SET OF (RFC 5652 5.4) */
  toSign: Uint8Array;
}

/**
 * contentType (id-data), signingTime and messageDigest (RFC 5652 11.1-11.3), what CryptoPro and
 * OpenSSL write by default. DER sorts a SET OF by the encodings of its elements (X.690 11.6), and
 * verifiers such as OpenSSL re-encode the attributes before checking, so they are sorted here
 * rather than relying on an order that happens to be sorted.
 */
export function signedAttributes(input: { messageDigest: Uint8Array; signingTime: Date }): SignedAttributes {
  const attributes = [
    new pkijs.Attribute({
      type: OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: OID.data })],
    }),
    new pkijs.Attribute({
      type: OID.signingTime,
      values: [new asn1js.UTCTime({ valueDate: input.signingTime })],
    }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: toArrayBuffer(input.messageDigest) })],
    }),
  ];
  const sorted = sortedByEncoding(attributes);
  return {
    attributes: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted }),
    toSign: new Uint8Array(new asn1js.Set({ value: sorted.map((a) => a.toSchema()) }).toBER()),
  };
}

/** X.690 11.6: the elements of a SET OF in ascending order of their encodings. */
export function sortedByEncoding(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((a) => new Uint8Array(a.toSchema().toBER()));
  return encoded
    .map((_, i) => i)
    .sort((a, b) => compareBytes(encoded[a], encoded[b]))
    .map((i) => attributes[i]);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * The DER of a ContentInfo holding the detached SignedData: eContent absent (RFC 5652 5.2), the
 * signer named by issuer and serial number, its certificate in `certificates`. Without
 * `signedAttrs` the signature covers the content directly (`openssl cms -sign -noattr`, ESIA's
 * client_secret).
 */
export function detachedSignedData(input: {
  certificate: Uint8Array | pkijs.Certificate;
  algorithm: KeyAlgorithm;
  signedAttrs?: pkijs.SignedAndUnsignedAttributes;
  signature: Uint8Array;
}): Uint8Array {
  const certificate =
    input.certificate instanceof pkijs.Certificate
      ? input.certificate
      : pkijs.Certificate.fromBER(toArrayBuffer(input.certificate));
  const names = cmsAlgorithms[input.algorithm];
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
    }),
    digestAlgorithm: algorithmIdentifier(names.digestOid, names.digestParamsNull),
    ...(input.signedAttrs ? { signedAttrs: input.signedAttrs } : {}),
    signatureAlgorithm: algorithmIdentifier(names.signatureOid, names.signatureParamsNull),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(input.signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [algorithmIdentifier(names.digestOid, names.digestParamsNull)],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [certificate],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER());
}
