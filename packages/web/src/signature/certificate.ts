import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  KeyUsageFlag,
  OID,
  keyAlgorithmOf as keyAlgorithmOfIdentifier,
  keyUsageFlags,
  readName as readNameValues,
  toArrayBuffer,
  toHex,
  type KeyAlgorithm,
} from '@openesia/pki';
import { SignatureError } from './errors';

/** The names of key algorithms are @openesia/pki's, the API's too: `gost2012_256`, `ecdsa_p256`… */
export type { KeyAlgorithm };

/** What a person needs to tell one certificate from another (seed 000: «выбрать сертификат»). */
export interface CertificateInfo {
  /** SHA-256 of the DER, hex: stable id of the certificate in the browser */
  id: string;
  der: Uint8Array;
  serialNumber: string;
  subject: {
    commonName?: string;
    /** фамилия, имя, отчество as written in the certificate (SN + GN, or CN) */
    fullName?: string;
    lastName?: string;
    /** имя и отчество (GN holds both in Russian qualified certificates) */
    givenName?: string;
    snils?: string;
    inn?: string;
    innOrganization?: string;
    ogrn?: string;
    ogrnip?: string;
    organization?: string;
    unit?: string;
    title?: string;
    email?: string;
    locality?: string;
  };
  issuer: { commonName?: string; organization?: string };
  notBefore: Date;
  notAfter: Date;
  /** undefined: a key type this browser module cannot sign with */
  algorithm?: KeyAlgorithm;
  /** GOST named curve (engine name), when algorithm is GOST */
  gostCurve?: string;
  /** false when keyUsage lacks digitalSignature (RFC 5280 §4.2.1.3) */
  canSign: boolean;
}

/** The first non-empty text of each attribute type (pki's readName, which keeps empty values too). */
function readName(name: pkijs.RelativeDistinguishedNames): Map<string, string> {
  return new Map([...readNameValues(name)].filter(([, text]) => text !== ''));
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(toArrayBuffer(der));
  } catch (cause) {
    throw new SignatureError('signature.container_unreadable', { cause });
  }
}

export function keyAlgorithmOf(certificate: pkijs.Certificate): {
  algorithm?: KeyAlgorithm;
  gostCurve?: string;
} {
  // One reading of the key's algorithm and GOST parameter set for browser and server (@openesia/pki).
  const named = keyAlgorithmOfIdentifier(certificate.subjectPublicKeyInfo.algorithm);
  if (!named) return {};
  return named.gostParamSet
    ? { algorithm: named.algorithm, gostCurve: named.gostParamSet.curve.id }
    : { algorithm: named.algorithm };
}

function canSign(certificate: pkijs.Certificate): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === OID.keyUsage);
  if (!extension) return true;
  const bits = extension.parsedValue as asn1js.BitString | undefined;
  return bits !== undefined && (keyUsageFlags(bits) & KeyUsageFlag.digitalSignature) !== 0;
}

export async function describeCertificate(der: Uint8Array): Promise<CertificateInfo> {
  const certificate = parseCertificate(der);
  const subject = readName(certificate.subject);
  const issuer = readName(certificate.issuer);
  const lastName = subject.get(OID.surname);
  const givenName = subject.get(OID.givenName);
  const commonName = subject.get(OID.commonName);
  const fingerprint = new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(der)));
  return {
    id: toHex(fingerprint),
    der,
    serialNumber: toHex(certificate.serialNumber.valueBlock.valueHexView).toUpperCase(),
    subject: {
      commonName,
      fullName: lastName && givenName ? `${lastName} ${givenName}` : commonName,
      lastName,
      givenName,
      snils: subject.get(OID.snils),
      inn: subject.get(OID.inn),
      innOrganization: subject.get(OID.innLe),
      ogrn: subject.get(OID.ogrn),
      ogrnip: subject.get(OID.ogrnip),
      organization: subject.get(OID.organization),
      unit: subject.get(OID.organizationalUnit),
      title: subject.get(OID.title),
      email: subject.get(OID.emailAddress),
      locality: subject.get(OID.locality),
    },
    issuer: { commonName: issuer.get(OID.commonName), organization: issuer.get(OID.organization) },
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    ...keyAlgorithmOf(certificate),
    canSign: canSign(certificate),
  };
}

/** The raw public key bits from the certificate, as the signer matches keys against it. */
export function publicKeyBits(certificate: pkijs.Certificate): Uint8Array {
  return certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
}

export type ValidityState = 'valid' | 'expired' | 'not_yet_valid';

export function validityAt(info: Pick<CertificateInfo, 'notBefore' | 'notAfter'>, now: Date): ValidityState {
  if (now < info.notBefore) return 'not_yet_valid';
  if (now > info.notAfter) return 'expired';
  return 'valid';
}
