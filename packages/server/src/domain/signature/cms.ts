import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../lib/errors.js';
import { digest, digestNameByOid, signatureDigest, verifySignature } from '../../lib/pki/algorithms.js';
import {
  toArrayBuffer,
  bytesOf,
  children,
  oidOf,
  readTlv,
  timeOf,
  valueOf,
  type Tlv,
  OID,
} from '@openesia/pki';
import { parseCertificate, serialHex, type ParsedCertificate } from './certificate.js';

/**
 * A detached CMS SignedData (RFC 5652 5.1-5.4) with one signer whose certificate is included —
 * the format of contracts/signature.ts and of ESIA's client_secret.
 */
export interface ParsedSignature {
  der: Buffer;
  signer: ParsedCertificate;
  /** other certificates the signer sent (intermediate CAs) */
  certificates: ParsedCertificate[];
  digestOid: string;
  signatureOid: string;
  signature: Uint8Array;
  /** the signed attributes re-tagged as SET OF (RFC 5652 5.4), and their messageDigest */
  signedAttributes: { der: Uint8Array; messageDigest: Uint8Array | null; contentTypeIsData: boolean } | null;
  signingTime: Date | null;
}

const malformed = () => new AppError('signature.malformed');

/**
 * The most certificates one signature may carry. A signer needs its own certificate and its CA's
 * chain (two or three in practice: leaf, УЦ, Минцифры's root); every further certificate whose
 * subject matches an issuer name costs path building one GOST verification, on an anonymous
 * request. Ten leaves room for cross-certificates and re-keyed CAs; more is refused before any of
 * them is parsed (`signature.too_many_certificates`).
 */
export const MAX_CERTIFICATES = 10;

const tooManyCertificates = () => new AppError('signature.too_many_certificates');

/**
 * Reads SignedData from asn1js's tree (RFC 5652 5.1) and lets pkijs read only the SignerInfo:
 * pkijs's schema check of a whole SignedData costs more than the GOST verification itself, and the
 * certificates are parsed (once, memoised) from their original bytes.
 */
function signedDataParts(der: Uint8Array): {
  encapsulated: asn1js.Sequence;
  certificates: Uint8Array[];
  signerInfos: asn1js.Set;
} {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw malformed();
  const [type, explicit] = parsed.result.valueBlock.value;
  if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== OID.signedData)
    throw malformed();
  if (
    !(explicit instanceof asn1js.Constructed) ||
    explicit.idBlock.tagClass !== 3 ||
    explicit.idBlock.tagNumber !== 0
  )
    throw malformed();
  const signedData = explicit.valueBlock.value[0];
  if (!(signedData instanceof asn1js.Sequence)) throw malformed();
  const fields = signedData.valueBlock.value;
  // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
  const encapsulated = fields[2];
  const signerInfos = fields[fields.length - 1];
  if (!(encapsulated instanceof asn1js.Sequence) || !(signerInfos instanceof asn1js.Set)) throw malformed();
  const certificates: Uint8Array[] = [];
  for (const field of fields.slice(3, -1)) {
    if (
      field.idBlock.tagClass === 3 &&
      field.idBlock.tagNumber === 0 &&
      field instanceof asn1js.Constructed
    ) {
      for (const choice of field.valueBlock.value)
        if (choice instanceof asn1js.Sequence)
          certificates.push(new Uint8Array(choice.valueBeforeDecodeView));
    }
  }
  return { encapsulated, certificates, signerInfos };
}

/**
 * Reads the signature. The common case — DER, as the contract asks — is read by offsets
 * (`readByOffsets`): no tree is built for the certificates, which are then found in the parse cache
 * by their SHA-256, and the SignerInfo is read without pkijs's schema matcher (together most of the
 * cost of a verification with a fast key, see docs/SIGNATURES.md, Benchmark). Whatever that reader
 * does not accept — BER, anything unexpected — goes to the full asn1js/pkijs reading, which alone
 * decides the refusals, so the fast path can only agree with it, never accept more.
 */
export function parseSignature(der: Uint8Array): ParsedSignature {
  let fast: ParsedSignature | null = null;
  try {
    fast = readByOffsets(der);
  } catch (err) {
    // A refusal the offsets reader is sure of (the certificate cap) needs no second reading.
    if (err instanceof AppError && err.code === 'signature.too_many_certificates') throw err;
    fast = null;
  }
  return fast ?? parseSignatureTree(der);
}

const derFail = (): never => {
  throw new Error('not the DER profile');
};

function expectTag(tlv: Tlv | undefined, tag: number): Tlv {
  if (!tlv || tlv.tag !== tag) derFail();
  return tlv!;
}

/** RFC 5652 5.1-5.3 walked by offsets; throws (any error) when the input is not plain DER of that shape. */
export function readByOffsets(input: Uint8Array): ParsedSignature {
  const buf = input instanceof Buffer ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const contentInfo = expectTag(readTlv(buf, 0), 0x30);
  const [type, explicit, ...rest] = children(buf, contentInfo);
  if (rest.length || oidOf(buf, expectTag(type, 0x06)) !== OID.signedData) derFail();
  const [signedDataTlv, ...extra] = children(buf, expectTag(explicit, 0xa0));
  if (extra.length) derFail();
  const fields = children(buf, expectTag(signedDataTlv, 0x30));
  if (fields.length < 4) derFail();
  expectTag(fields[0], 0x02);
  expectTag(fields[1], 0x31);
  const encapsulated = children(buf, expectTag(fields[2], 0x30));
  // Detached only (see parseSignatureTree): eContentType and nothing else.
  if (encapsulated.length !== 1) derFail();
  expectTag(encapsulated[0], 0x06);
  const signerInfos = children(buf, expectTag(fields[fields.length - 1], 0x31));
  if (signerInfos.length !== 1) derFail();
  const certificateTlvs: Tlv[] = [];
  for (const field of fields.slice(3, -1)) {
    if (field.tag === 0xa0)
      for (const choice of children(buf, field)) if (choice.tag === 0x30) certificateTlvs.push(choice);
  }
  if (certificateTlvs.length > MAX_CERTIFICATES) throw tooManyCertificates();
  const certificates = certificateTlvs.map((choice) => parseCertificate(bytesOf(buf, choice)));

  const si = children(buf, expectTag(signerInfos[0], 0x30));
  let i = 0;
  expectTag(si[i++], 0x02);
  const sid = si[i++];
  let signer: ParsedCertificate | undefined;
  if (sid?.tag === 0x30) {
    const [issuer, serial, ...more] = children(buf, sid);
    if (more.length) derFail();
    const issuerDer = bytesOf(buf, expectTag(issuer, 0x30));
    const serialNumber = serialHex(valueOf(buf, expectTag(serial, 0x02)));
    signer = certificates.find((c) => c.serialNumber === serialNumber && c.issuerDer.equals(issuerDer));
  } else if (sid?.tag === 0x80) {
    const keyId = valueOf(buf, sid);
    signer = certificates.find((c) => c.subjectKeyId?.equals(keyId));
  } else derFail();
  if (!signer) derFail();
  const digestOid = oidOf(buf, children(buf, expectTag(si[i++], 0x30))[0]);
  let signedAttributes: ParsedSignature['signedAttributes'] = null;
  let signingTime: Date | null = null;
  if (si[i]?.tag === 0xa0) {
    const attrs = si[i++];
    const der = new Uint8Array(bytesOf(buf, attrs));
    // [0] IMPLICIT in the structure, but the signature covers the explicit SET OF tag (RFC 5652 5.4).
    der[0] = 0x31;
    let messageDigest: Uint8Array | null = null;
    let contentTypeIsData = false;
    for (const attr of children(buf, attrs)) {
      const [attrType, values, ...more] = children(buf, expectTag(attr, 0x30));
      if (more.length) derFail();
      const attrOid = oidOf(buf, expectTag(attrType, 0x06));
      const value = children(buf, expectTag(values, 0x31))[0];
      if (!value) derFail();
      // An unexpected encoding of the three attributes read here: let the full reader judge it.
      if (attrOid === OID.messageDigest && value.tag !== 0x04) derFail();
      if (attrOid === OID.contentType && value.tag !== 0x06) derFail();
      if (attrOid === OID.signingTime && value.tag !== 0x17 && value.tag !== 0x18) derFail();
      if (attrOid === OID.messageDigest) messageDigest = new Uint8Array(valueOf(buf, value));
      if (attrOid === OID.contentType) contentTypeIsData = oidOf(buf, value) === OID.data;
      // Read in place (asn1js's fromBER here was half of this reader's cost); any form DER does not
      // allow throws, and the full reader decides.
      if (attrOid === OID.signingTime) signingTime = timeOf(buf, value);
    }
    signedAttributes = { der, messageDigest, contentTypeIsData };
  }
  const signatureOid = oidOf(buf, children(buf, expectTag(si[i++], 0x30))[0]);
  const signature = new Uint8Array(valueOf(buf, expectTag(si[i++], 0x04)));
  if (si[i]?.tag === 0xa1) i++;
  if (i !== si.length) derFail();
  return {
    der: Buffer.from(input),
    signer: signer!,
    certificates: certificates.filter((c) => c !== signer),
    digestOid,
    signatureOid,
    signature,
    signedAttributes,
    signingTime,
  };
}

/** The full reading with asn1js and pkijs: any BER, and the one that decides every refusal. */
export function parseSignatureTree(der: Uint8Array): ParsedSignature {
  let signerInfo: pkijs.SignerInfo;
  let certificates: ParsedCertificate[];
  try {
    const parts = signedDataParts(der);
    // Detached only: the server compares the signature with the bytes it issued, never with bytes
    // the signer chose to embed (eContent is the optional [0] after eContentType).
    if (parts.encapsulated.valueBlock.value.length > 1) throw malformed();
    if (parts.signerInfos.valueBlock.value.length !== 1) throw malformed();
    if (parts.certificates.length > MAX_CERTIFICATES) throw tooManyCertificates();
    signerInfo = new pkijs.SignerInfo({ schema: parts.signerInfos.valueBlock.value[0] });
    certificates = parts.certificates.map((c) => parseCertificate(c));
  } catch (err) {
    if (
      err instanceof AppError &&
      (err.code === 'signature.unsupported_algorithm' || err.code === 'signature.too_many_certificates')
    )
      throw err;
    throw malformed();
  }
  const signer = findSigner(signerInfo, certificates);
  if (!signer) throw malformed();

  let signedAttributes: ParsedSignature['signedAttributes'] = null;
  let signingTime: Date | null = null;
  if (signerInfo.signedAttrs) {
    const encoded = new Uint8Array(signerInfo.signedAttrs.encodedValue);
    // [0] IMPLICIT in the structure, but the signature covers the explicit SET OF tag (RFC 5652 5.4).
    const der = encoded.slice();
    der[0] = 0x31;
    let messageDigest: Uint8Array | null = null;
    let contentTypeIsData = false;
    for (const attr of signerInfo.signedAttrs.attributes) {
      const value = attr.values[0];
      if (attr.type === OID.messageDigest && value instanceof asn1js.OctetString)
        messageDigest = new Uint8Array(value.valueBlock.valueHexView);
      if (attr.type === OID.contentType && value instanceof asn1js.ObjectIdentifier)
        contentTypeIsData = value.valueBlock.toString() === OID.data;
      if (
        attr.type === OID.signingTime &&
        (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime)
      )
        signingTime = value.toDate();
    }
    signedAttributes = { der, messageDigest, contentTypeIsData };
  }
  return {
    der: Buffer.from(der),
    signer,
    certificates: certificates.filter((c) => c !== signer),
    digestOid: signerInfo.digestAlgorithm.algorithmId,
    signatureOid: signerInfo.signatureAlgorithm.algorithmId,
    signature: new Uint8Array(signerInfo.signature.valueBlock.valueHexView),
    signedAttributes,
    signingTime,
  };
}

function findSigner(
  signerInfo: pkijs.SignerInfo,
  certificates: ParsedCertificate[],
): ParsedCertificate | undefined {
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const issuer = Buffer.from(sid.issuer.toSchema().toBER());
    const serial = serialHex(new Uint8Array(sid.serialNumber.valueBlock.valueHexView));
    return certificates.find((c) => c.serialNumber === serial && c.issuerDer.equals(issuer));
  }
  // subjectKeyIdentifier [0] (RFC 5652 5.3) — matched against the certificate's key identifier.
  const keyId = Buffer.from((sid as asn1js.Primitive).valueBlock.valueHexView ?? []);
  return certificates.find((c) => c.subjectKeyId?.equals(keyId));
}

/**
 * The cryptographic check of RFC 5652 5.6: with signed attributes, the messageDigest must equal the
 * digest of the content and the signature must cover the attributes; without them, the signature
 * covers the content itself. The algorithm must be the one of the signer's key (no downgrade).
 */
export function isSignatureValid(sig: ParsedSignature, content: Uint8Array): boolean {
  const digestName = signatureDigest(sig.signer.publicKey, sig.signatureOid, sig.digestOid);
  if (digestNameByOid(sig.digestOid) !== digestName) return false;
  if (sig.signedAttributes) {
    const { messageDigest, der, contentTypeIsData } = sig.signedAttributes;
    if (!messageDigest || !contentTypeIsData) return false;
    if (!Buffer.from(messageDigest).equals(digest(digestName, content))) return false;
    return verifySignature(sig.signer.publicKey, der, sig.signature);
  }
  return verifySignature(sig.signer.publicKey, content, sig.signature);
}
