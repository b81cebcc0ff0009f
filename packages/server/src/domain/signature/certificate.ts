import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash, hash } from 'node:crypto';
import type { CertificateInfo, CertificateSubject } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';
import { readPublicKey, type PublicKey } from '../../lib/pki/algorithms.js';
import { KeyUsageFlag, OID, keyUsageFlags, nameToString, readName, toArrayBuffer } from '@openesia/pki';

/**
 * A certificate as the verification rules need it (RFC 5280 section 4), with the owner's
 * identifiers of a Russian qualified certificate (Приказ ФСБ № 795, п. 17).
 */
/** Key usage bits as flags (moved to @openesia/pki; kept here for the verification rules). */
export { KeyUsageFlag };

export interface ParsedCertificate {
  der: Buffer;
  serialNumber: string;
  /** DER of the issuer and subject names: chains are built by exact name match (RFC 5280 7.1) */
  issuerDer: Buffer;
  subjectDer: Buffer;
  issuerName: string;
  subjectName: string;
  notBefore: Date;
  notAfter: Date;
  publicKey: PublicKey;
  tbs: Uint8Array;
  signatureOid: string;
  signature: Uint8Array;
  /** KeyUsageFlag bits, or null when the extension is absent */
  keyUsage: number | null;
  isCa: boolean;
  crlUrls: string[];
  subject: CertificateSubject;
  /** hex SHA-1 of the DER, the «отпечаток» of trust lists and CryptoPro: for display and lookup only */
  thumbprint: string;
  /** hex SHA-256 of the DER: the identity of the certificate in caches (SHA-1 collides, RFC 6194) */
  fingerprint: string;
  /** the subjectKeyIdentifier extension (RFC 5280 4.2.1.2), matched by a CMS sid [0] */
  subjectKeyId: Buffer | null;
  /**
   * the keyIdentifier of authorityKeyIdentifier (RFC 5280 4.2.1.1): which of the issuer's keys
   * signed this certificate, so path building skips same-name CAs with another key unverified
   */
  authorityKeyId: Buffer | null;
  /** OIDs of extensions marked critical that these rules do not process (RFC 5280 4.2) */
  unknownCriticalExtensions: string[];
}

/**
 * Extensions we process or that carry no constraint we would have to enforce. RFC 5280 4.2: "A
 * certificate-using system MUST reject the certificate if it encounters a critical extension it
 * does not recognize or a critical extension that contains information that it cannot process."
 * Name constraints and policy constraints are absent on purpose: we do not enforce them, so a
 * certificate (or CA) that makes them critical is refused rather than half-checked.
 */
const KNOWN_EXTENSIONS = new Set<string>([
  OID.keyUsage,
  OID.basicConstraints,
  OID.crlDistributionPoints,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.extKeyUsage,
  OID.certificatePolicies,
  '2.5.29.17', // subjectAltName
  '2.5.29.18', // issuerAltName
  '2.5.29.16', // privateKeyUsagePeriod (Приказ ФСБ № 795 п. 18)
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
  OID.subjectSignTool,
  OID.issuerSignTool,
]);

const malformed = () => new AppError('signature.malformed');

/** givenName of Russian certificates holds «Имя Отчество» (Приказ ФСБ № 795, п. 17.1). */
export function splitGivenName(givenName: string | null): {
  firstName: string | null;
  middleName: string | null;
} {
  if (!givenName) return { firstName: null, middleName: null };
  const parts = givenName.trim().split(/\s+/);
  return { firstName: parts[0] ?? null, middleName: parts.length > 1 ? parts.slice(1).join(' ') : null };
}

function subjectOf(name: pkijs.RelativeDistinguishedNames): CertificateSubject {
  const v = readName(name);
  const get = (oid: string) => v.get(oid) || null;
  const { firstName, middleName } = splitGivenName(get(OID.givenName));
  return {
    commonName: get(OID.commonName),
    lastName: get(OID.surname),
    firstName,
    middleName,
    snils: get(OID.snils),
    inn: get(OID.inn),
    innLe: get(OID.innLe),
    ogrn: get(OID.ogrn),
    ogrnip: get(OID.ogrnip),
    organization: get(OID.organization),
    title: get(OID.title),
    email: get(OID.emailAddress),
  };
}

/**
 * Parsed certificates by the SHA-256 of their DER: a certificate is immutable, and the same signers
 * and roots come back again and again, so parsing once saves most of a verification's ASN.1 work.
 * Bounded, so a flood of fresh certificates cannot grow memory.
 */
const parsedCache = new Map<string, ParsedCertificate>();

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  // One-shot hash: createHash's object and stream set-up cost more than hashing a certificate.
  const key = hash('sha256', der, 'hex');
  const cached = parsedCache.get(key);
  if (cached) return cached;
  const parsed = parseCertificateUncached(der, key);
  if (parsedCache.size >= 5000) parsedCache.delete(parsedCache.keys().next().value!);
  parsedCache.set(key, parsed);
  return parsed;
}

function parseCertificateUncached(der: Uint8Array, fingerprint: string): ParsedCertificate {
  let cert: pkijs.Certificate;
  try {
    cert = pkijs.Certificate.fromBER(toArrayBuffer(der));
  } catch {
    throw malformed();
  }
  const publicKey = readPublicKey(new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER()));
  let keyUsage: number | null = null;
  let isCa = false;
  const crlUrls: string[] = [];
  let subjectKeyId: Buffer | null = null;
  let authorityKeyId: Buffer | null = null;
  const unknownCriticalExtensions: string[] = [];
  try {
    for (const ext of cert.extensions ?? []) {
      if (ext.critical && !KNOWN_EXTENSIONS.has(ext.extnID)) unknownCriticalExtensions.push(ext.extnID);
      const value = ext.parsedValue;
      if (ext.extnID === OID.subjectKeyIdentifier) {
        const inner = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView.slice().buffer);
        if (inner.result instanceof asn1js.OctetString)
          subjectKeyId = Buffer.from(inner.result.valueBlock.valueHexView);
      }
      if (ext.extnID === OID.authorityKeyIdentifier) {
        const keyId = (value as pkijs.AuthorityKeyIdentifier).keyIdentifier;
        if (keyId) authorityKeyId = Buffer.from(keyId.valueBlock.valueHexView);
      }
      if (ext.extnID === OID.keyUsage) keyUsage = keyUsageFlags(value as asn1js.BitString);
      else if (ext.extnID === OID.basicConstraints) isCa = !!(value as pkijs.BasicConstraints).cA;
      else if (ext.extnID === OID.crlDistributionPoints) {
        for (const dp of (value as pkijs.CRLDistributionPoints).distributionPoints) {
          const names = Array.isArray(dp.distributionPoint) ? dp.distributionPoint : [];
          for (const gn of names) if (gn.type === 6 && typeof gn.value === 'string') crlUrls.push(gn.value);
        }
      }
    }
  } catch {
    throw malformed();
  }
  const serial = Buffer.from(cert.serialNumber.valueBlock.valueHexView);
  return {
    der: Buffer.from(der),
    serialNumber: serialHex(serial),
    issuerDer: Buffer.from(cert.issuer.toSchema().toBER()),
    subjectDer: Buffer.from(cert.subject.toSchema().toBER()),
    issuerName: nameToString(cert.issuer),
    subjectName: nameToString(cert.subject),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    publicKey,
    tbs: new Uint8Array(cert.tbsView),
    signatureOid: cert.signatureAlgorithm.algorithmId,
    signature: new Uint8Array(cert.signatureValue.valueBlock.valueHexView),
    keyUsage,
    isCa,
    crlUrls,
    subject: subjectOf(cert.subject),
    thumbprint: createHash('sha1').update(der).digest('hex'),
    fingerprint,
    subjectKeyId,
    authorityKeyId,
    unknownCriticalExtensions,
  };
}

/** Serial numbers as upper-case hex without leading zero octets: how CAs and CRLs print them. */
export function serialHex(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return Buffer.from(bytes.subarray(i)).toString('hex').toUpperCase();
}

export function certificateInfo(cert: ParsedCertificate): CertificateInfo {
  return {
    serialNumber: cert.serialNumber,
    algorithm: cert.publicKey.algorithm,
    subject: cert.subject,
    issuerName: cert.issuerName,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    thumbprint: cert.thumbprint,
  };
}

/** The raw integer of a serial from our hex form (for CRL entries). */
export function serialBytes(hex: string): Buffer {
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}
