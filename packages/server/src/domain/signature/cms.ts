import { AppError } from '../../lib/errors.js';
import { digest, digestNameByOid, signatureDigest, verifySignature } from '../../lib/pki/algorithms.js';
import {
  CmsParseError,
  DerError,
  MAX_CERTIFICATES,
  readSignedDataByOffsets,
  readSignedDataTree,
  type SignedDataParts,
  type SignerIdentifier,
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
const tooManyCertificates = () => new AppError('signature.too_many_certificates');

/** The certificate cap of @openesia/pki's reader (cms-read.ts), refused as `signature.too_many_certificates`. */
export { MAX_CERTIFICATES };

/**
 * Reads the signature. The common case — DER, as the contract asks — is read by offsets
 * (`readByOffsets`): no tree is built for the certificates, which are then found in the parse cache
 * by their SHA-256, and the SignerInfo is read without pkijs's schema matcher (together most of the
 * cost of a verification with a fast key, see docs/SIGNATURES.md, Benchmark). Whatever that reader
 * does not accept — BER, anything unexpected — goes to the full asn1js/pkijs reading, which alone
 * decides the refusals, so the fast path can only agree with it, never accept more. The reading of
 * the SignedData itself is @openesia/pki's (cms-read.ts); the certificates are parsed here.
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

/**
 * RFC 5652 5.1-5.3 walked by offsets (@openesia/pki readSignedDataByOffsets), the certificates parsed
 * here: DerError when the input is not plain DER of that shape, else AppError like the full reading.
 */
export function readByOffsets(input: Uint8Array): ParsedSignature {
  let parts: SignedDataParts;
  try {
    parts = readSignedDataByOffsets(input);
  } catch (err) {
    if (err instanceof CmsParseError && err.code === 'too_many_certificates') throw tooManyCertificates();
    throw err;
  }
  const certificates = parts.certificates.map((c) => parseCertificate(c));
  const signer = findSigner(parts.signerId, certificates);
  if (!signer) throw new DerError('no signer certificate');
  return parsedSignature(input, parts, signer, certificates);
}

/** The full reading with asn1js and pkijs: any BER, and the one that decides every refusal. */
export function parseSignatureTree(der: Uint8Array): ParsedSignature {
  let parts: SignedDataParts;
  let certificates: ParsedCertificate[];
  try {
    parts = readSignedDataTree(der);
    certificates = parts.certificates.map((c) => parseCertificate(c));
  } catch (err) {
    if (err instanceof CmsParseError && err.code === 'too_many_certificates') throw tooManyCertificates();
    if (
      err instanceof AppError &&
      (err.code === 'signature.unsupported_algorithm' || err.code === 'signature.too_many_certificates')
    )
      throw err;
    throw malformed();
  }
  const signer = findSigner(parts.signerId, certificates);
  if (!signer) throw malformed();
  return parsedSignature(der, parts, signer, certificates);
}

function parsedSignature(
  der: Uint8Array,
  parts: SignedDataParts,
  signer: ParsedCertificate,
  certificates: ParsedCertificate[],
): ParsedSignature {
  return {
    der: Buffer.from(der),
    signer,
    certificates: certificates.filter((c) => c !== signer),
    digestOid: parts.digestOid,
    signatureOid: parts.signatureOid,
    signature: parts.signature,
    signedAttributes: parts.signedAttributes,
    signingTime: parts.signingTime,
  };
}

function findSigner(sid: SignerIdentifier, certificates: ParsedCertificate[]): ParsedCertificate | undefined {
  if ('issuer' in sid) {
    const serial = serialHex(sid.serialNumber);
    return certificates.find((c) => c.serialNumber === serial && c.issuerDer.equals(sid.issuer));
  }
  // subjectKeyIdentifier [0] (RFC 5652 5.3) — matched against the certificate's key identifier.
  return certificates.find((c) => c.subjectKeyId?.equals(sid.subjectKeyId));
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
