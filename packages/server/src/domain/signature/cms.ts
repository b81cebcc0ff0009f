import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../lib/errors.js';
import { digest, digestNameByOid, signatureDigest, verifySignature } from '../../lib/pki/algorithms.js';
import { toArrayBuffer } from '../../lib/pki/bytes.js';
import { OID } from '../../lib/pki/oids.js';
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

export function parseSignature(der: Uint8Array): ParsedSignature {
  let signerInfo: pkijs.SignerInfo;
  let certificates: ParsedCertificate[];
  try {
    const parts = signedDataParts(der);
    // Detached only: the server compares the signature with the bytes it issued, never with bytes
    // the signer chose to embed (eContent is the optional [0] after eContentType).
    if (parts.encapsulated.valueBlock.value.length > 1) throw malformed();
    if (parts.signerInfos.valueBlock.value.length !== 1) throw malformed();
    signerInfo = new pkijs.SignerInfo({ schema: parts.signerInfos.valueBlock.value[0] });
    certificates = parts.certificates.map((c) => parseCertificate(c));
  } catch (err) {
    if (err instanceof AppError && err.code === 'signature.unsupported_algorithm') throw err;
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
  return certificates.find((c) => subjectKeyId(c)?.equals(keyId));
}

function subjectKeyId(cert: ParsedCertificate): Buffer | null {
  const parsed = pkijs.Certificate.fromBER(toArrayBuffer(cert.der));
  const ext = parsed.extensions?.find((e) => e.extnID === '2.5.29.14');
  if (!ext) return null;
  const inner = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView.slice().buffer);
  return inner.result instanceof asn1js.OctetString
    ? Buffer.from(inner.result.valueBlock.valueHexView)
    : null;
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
