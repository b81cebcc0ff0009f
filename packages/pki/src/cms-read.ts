import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from './bytes.js';
import {
  DerError,
  bytesOf,
  checkStrictDer,
  children,
  oidOf,
  readTlv,
  timeOf,
  valueOf,
  type Tlv,
} from './der.js';
import { OID } from './oids.js';

/**
 * Reading a detached CMS SignedData (RFC 5652 5.1-5.4) with one signer, the format of
 * contracts/signature.ts and of ESIA's client_secret, into its parts: the certificates as the bytes
 * they came in, the signer's identifier, the algorithms, the signature and the signed attributes.
 * What a certificate means (its key, its place in a chain) is the caller's; nothing is verified here.
 *
 * Two readers with one result. `readSignedDataByOffsets` walks plain DER by offsets, building no
 * tree (most of a verification's parsing cost); it throws `DerError` on anything outside that
 * profile, and the caller then asks `readSignedDataTree` (asn1js and pkijs, any BER), which alone
 * decides refusals. So the fast reader can only agree with the full one, never accept more
 * (cms-read.test.ts checks this on generated mutations). Refusals are `CmsParseError`.
 */

export type CmsParseErrorCode = 'malformed' | 'too_many_certificates';

export class CmsParseError extends Error {
  constructor(
    readonly code: CmsParseErrorCode,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'CmsParseError';
  }
}

/**
 * The most certificates one signature may carry. A signer needs its own certificate and its CA's
 * chain (two or three in practice: leaf, УЦ, Минцифры's root); every further certificate whose
 * subject matches an issuer name costs path building one GOST verification, on an anonymous
 * request. Ten leaves room for cross-certificates and re-keyed CAs; more is refused before any of
 * them is parsed.
 */
export const MAX_CERTIFICATES = 10;

/** RFC 5652 5.3 SignerIdentifier: issuer and serial number, or the subject key identifier. */
export type SignerIdentifier =
  { issuer: Uint8Array; serialNumber: Uint8Array } | { subjectKeyId: Uint8Array };

export interface SignedAttributesRead {
  /** the signed attributes re-tagged as SET OF: what the signature covers (RFC 5652 5.4) */
  der: Uint8Array;
  messageDigest: Uint8Array | null;
  contentTypeIsData: boolean;
}

export interface SignedDataParts {
  /** the DER of each certificate of `certificates`, in order */
  certificates: Uint8Array[];
  signerId: SignerIdentifier;
  digestOid: string;
  signatureOid: string;
  signature: Uint8Array;
  signedAttributes: SignedAttributesRead | null;
  signingTime: Date | null;
}

const malformed = (cause?: unknown) => new CmsParseError('malformed', { cause });
const tooManyCertificates = () => new CmsParseError('too_many_certificates');

const notDer = (): never => {
  throw new DerError('not the DER profile');
};

function expectTag(tlv: Tlv | undefined, tag: number): Tlv {
  if (!tlv || tlv.tag !== tag) notDer();
  return tlv!;
}

/**
 * RFC 5652 5.1-5.3 walked by offsets. Throws `DerError` when the input is not plain DER of that
 * shape (the caller reads it again with `readSignedDataTree`), and `CmsParseError` only for the
 * certificate cap, which the full reading would refuse alike.
 */
export function readSignedDataByOffsets(buf: Uint8Array): SignedDataParts {
  const contentInfo = expectTag(readTlv(buf, 0), 0x30);
  // Certificates, names and attributes not read here are handed on or skipped as bytes: they must
  // be as well-formed as the full reader, which parses everything, would find them.
  checkStrictDer(buf, contentInfo);
  const [type, explicit, ...rest] = children(buf, contentInfo);
  if (rest.length || oidOf(buf, expectTag(type, 0x06)) !== OID.signedData) notDer();
  const [signedDataTlv, ...extra] = children(buf, expectTag(explicit, 0xa0));
  if (extra.length) notDer();
  const fields = children(buf, expectTag(signedDataTlv, 0x30));
  if (fields.length < 4) notDer();
  expectTag(fields[0], 0x02);
  expectTag(fields[1], 0x31);
  const encapsulated = children(buf, expectTag(fields[2], 0x30));
  // Detached only (see readSignedDataTree): eContentType and nothing else.
  if (encapsulated.length !== 1) notDer();
  expectTag(encapsulated[0], 0x06);
  const signerInfos = children(buf, expectTag(fields[fields.length - 1], 0x31));
  if (signerInfos.length !== 1) notDer();
  const certificateTlvs: Tlv[] = [];
  for (const field of fields.slice(3, -1)) {
    if (field.tag === 0xa0)
      for (const choice of children(buf, field)) if (choice.tag === 0x30) certificateTlvs.push(choice);
  }
  if (certificateTlvs.length > MAX_CERTIFICATES) throw tooManyCertificates();
  const certificates = certificateTlvs.map((choice) => Uint8Array.from(bytesOf(buf, choice)));

  const si = children(buf, expectTag(signerInfos[0], 0x30));
  let i = 0;
  expectTag(si[i++], 0x02);
  const sid = si[i++];
  let signerId: SignerIdentifier;
  if (sid?.tag === 0x30) {
    const [issuer, serial, ...more] = children(buf, sid);
    if (more.length) notDer();
    signerId = {
      issuer: Uint8Array.from(bytesOf(buf, expectTag(issuer, 0x30))),
      serialNumber: Uint8Array.from(valueOf(buf, expectTag(serial, 0x02))),
    };
  } else if (sid?.tag === 0x80) {
    signerId = { subjectKeyId: Uint8Array.from(valueOf(buf, sid)) };
  } else return notDer();
  const digestOid = oidOf(buf, expectTag(children(buf, expectTag(si[i++], 0x30))[0], 0x06));
  let signedAttributes: SignedAttributesRead | null = null;
  let signingTime: Date | null = null;
  if (si[i]?.tag === 0xa0) {
    const attrs = si[i++];
    const der = Uint8Array.from(bytesOf(buf, attrs));
    // [0] IMPLICIT in the structure, but the signature covers the explicit SET OF tag (RFC 5652 5.4).
    der[0] = 0x31;
    let messageDigest: Uint8Array | null = null;
    let contentTypeIsData = false;
    for (const attr of children(buf, attrs)) {
      const [attrType, values, ...more] = children(buf, expectTag(attr, 0x30));
      if (more.length) notDer();
      const attrOid = oidOf(buf, expectTag(attrType, 0x06));
      const value = children(buf, expectTag(values, 0x31))[0];
      if (!value) notDer();
      // An unexpected encoding of the three attributes read here: let the full reader judge it.
      if (attrOid === OID.messageDigest && value.tag !== 0x04) notDer();
      if (attrOid === OID.contentType && value.tag !== 0x06) notDer();
      if (attrOid === OID.signingTime && value.tag !== 0x17 && value.tag !== 0x18) notDer();
      if (attrOid === OID.messageDigest) messageDigest = Uint8Array.from(valueOf(buf, value));
      if (attrOid === OID.contentType) contentTypeIsData = oidOf(buf, value) === OID.data;
      // Read in place (asn1js's fromBER here was half of this reader's cost); any form DER does not
      // allow throws, and the full reader decides.
      if (attrOid === OID.signingTime) signingTime = timeOf(buf, value);
    }
    signedAttributes = { der, messageDigest, contentTypeIsData };
  }
  const signatureOid = oidOf(buf, expectTag(children(buf, expectTag(si[i++], 0x30))[0], 0x06));
  const signature = Uint8Array.from(valueOf(buf, expectTag(si[i++], 0x04)));
  if (si[i]?.tag === 0xa1) i++;
  if (i !== si.length) notDer();
  return { certificates, signerId, digestOid, signatureOid, signature, signedAttributes, signingTime };
}

/**
 * Reads SignedData from asn1js's tree (RFC 5652 5.1) and lets pkijs read only the SignerInfo:
 * pkijs's schema check of a whole SignedData costs more than a GOST verification, and the
 * certificates are handed on as their original bytes.
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

/** The full reading with asn1js and pkijs: any BER, and the one that decides every refusal. */
export function readSignedDataTree(der: Uint8Array): SignedDataParts {
  let signerInfo: pkijs.SignerInfo;
  let certificates: Uint8Array[];
  try {
    const parts = signedDataParts(der);
    // Detached only: the server compares the signature with the bytes it issued, never with bytes
    // the signer chose to embed (eContent is the optional [0] after eContentType).
    if (parts.encapsulated.valueBlock.value.length > 1) throw malformed();
    if (parts.signerInfos.valueBlock.value.length !== 1) throw malformed();
    if (parts.certificates.length > MAX_CERTIFICATES) throw tooManyCertificates();
    signerInfo = new pkijs.SignerInfo({ schema: parts.signerInfos.valueBlock.value[0] });
    certificates = parts.certificates;
  } catch (err) {
    if (err instanceof CmsParseError) throw err;
    throw malformed(err);
  }

  let signerId: SignerIdentifier;
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    signerId = {
      // The bytes as sent, as the offsets reader gives them: re-encoding would normalise what
      // asn1js tolerates (a NULL with contents) into other bytes than the signer named.
      issuer: new Uint8Array(sid.issuer.valueBeforeDecode.slice(0)),
      serialNumber: new Uint8Array(sid.serialNumber.valueBlock.valueHexView),
    };
  } else {
    // subjectKeyIdentifier [0] (RFC 5652 5.3)
    signerId = { subjectKeyId: new Uint8Array((sid as asn1js.Primitive).valueBlock?.valueHexView ?? []) };
  }

  let signedAttributes: SignedAttributesRead | null = null;
  let signingTime: Date | null = null;
  if (signerInfo.signedAttrs) {
    const encoded = new Uint8Array(signerInfo.signedAttrs.encodedValue);
    // [0] IMPLICIT in the structure, but the signature covers the explicit SET OF tag (RFC 5652 5.4).
    const attributesDer = encoded.slice();
    attributesDer[0] = 0x31;
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
    signedAttributes = { der: attributesDer, messageDigest, contentTypeIsData };
  }
  return {
    certificates,
    signerId,
    digestOid: signerInfo.digestAlgorithm.algorithmId,
    signatureOid: signerInfo.signatureAlgorithm.algorithmId,
    signature: new Uint8Array(signerInfo.signature.valueBlock.valueHexView),
    signedAttributes,
    signingTime,
  };
}

/** The fast reading where it applies, else the full one: what callers use. */
export function readSignedData(der: Uint8Array): SignedDataParts {
  try {
    return readSignedDataByOffsets(der);
  } catch (err) {
    // A refusal the offsets reader is sure of (the certificate cap) needs no second reading.
    if (err instanceof CmsParseError) throw err;
  }
  return readSignedDataTree(der);
}
