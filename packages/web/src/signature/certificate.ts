import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer, toHex } from './bytes';
import { SignatureError } from './errors';
import { gostCurveByOid } from './gost';
import { oid } from './oids';

export type KeyAlgorithm = 'gost2012-256' | 'gost2012-512' | 'ecdsa-p256' | 'rsa';

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

function stringValue(value: unknown): string | undefined {
  const block = (value as { valueBlock?: { value?: unknown } })?.valueBlock;
  return typeof block?.value === 'string' ? block.value.trim() : undefined;
}

function readName(name: pkijs.RelativeDistinguishedNames): Map<string, string> {
  const out = new Map<string, string>();
  for (const attribute of name.typesAndValues) {
    const text = stringValue(attribute.value);
    if (text && !out.has(attribute.type)) out.set(attribute.type, text);
  }
  return out;
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
  const spki = certificate.subjectPublicKeyInfo;
  const algorithmOid = spki.algorithm.algorithmId;
  if (algorithmOid === oid.gost2012_256 || algorithmOid === oid.gost2012_512) {
    // GostR3410-2012-PublicKeyParameters ::= SEQUENCE { publicKeyParamSet OID, digestParamSet OID OPTIONAL }
    const params = spki.algorithm.algorithmParams as asn1js.Sequence | undefined;
    const paramSet = (
      params?.valueBlock?.value?.[0] as asn1js.ObjectIdentifier | undefined
    )?.valueBlock?.toString();
    const curve = paramSet ? gostCurveByOid[paramSet] : undefined;
    if (!curve) return {};
    return {
      algorithm: algorithmOid === oid.gost2012_256 ? 'gost2012-256' : 'gost2012-512',
      gostCurve: curve,
    };
  }
  if (algorithmOid === oid.ecPublicKey) {
    const curveOid = (
      spki.algorithm.algorithmParams as asn1js.ObjectIdentifier | undefined
    )?.valueBlock?.toString();
    return curveOid === oid.p256 ? { algorithm: 'ecdsa-p256' } : {};
  }
  if (algorithmOid === oid.rsaEncryption) return { algorithm: 'rsa' };
  return {};
}

function canSign(certificate: pkijs.Certificate): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === oid.keyUsage);
  if (!extension) return true;
  const bits = new Uint8Array(
    (extension.parsedValue as asn1js.BitString | undefined)?.valueBlock.valueHexView ?? [],
  );
  // digitalSignature is bit 0 (the most significant bit of the first byte)
  return bits.length > 0 && (bits[0] & 0x80) !== 0;
}

export async function describeCertificate(der: Uint8Array): Promise<CertificateInfo> {
  const certificate = parseCertificate(der);
  const subject = readName(certificate.subject);
  const issuer = readName(certificate.issuer);
  const lastName = subject.get(oid.surname);
  const givenName = subject.get(oid.givenName);
  const commonName = subject.get(oid.commonName);
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
      snils: subject.get(oid.snils),
      inn: subject.get(oid.innPerson),
      innOrganization: subject.get(oid.innOrganization),
      ogrn: subject.get(oid.ogrn),
      ogrnip: subject.get(oid.ogrnip),
      organization: subject.get(oid.organization),
      unit: subject.get(oid.organizationalUnit),
      title: subject.get(oid.title),
      email: subject.get(oid.email),
      locality: subject.get(oid.locality),
    },
    issuer: { commonName: issuer.get(oid.commonName), organization: issuer.get(oid.organization) },
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
