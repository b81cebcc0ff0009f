import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import type { SignatureAlgorithm } from '@openesia/contracts';
import { gostParamSetByOid, type GostParamSet } from './gost-params.js';
import { OID } from './oids.js';

/**
 * The one vocabulary of key, digest and signature algorithms, for the server and the browser alike:
 * the names are the API's (contracts/signature.ts `signatureAlgorithms`), the OIDs those of RFC 9215
 * (GOST R 34.10-2012 in X.509), RFC 5754/5758 (SHA-2, ECDSA) and RFC 3370/4055 (RSA). The arithmetic
 * lives elsewhere (node-gost-crypto, Node's crypto, WebCrypto); this file only names things.
 */

export type KeyAlgorithm = SignatureAlgorithm;
export type DigestName = 'streebog256' | 'streebog512' | 'sha256' | 'sha1';

export const digestOid: Record<DigestName, string> = {
  streebog256: OID.streebog256,
  streebog512: OID.streebog512,
  sha256: OID.sha256,
  sha1: OID.sha1,
};

const digestNames = new Map(Object.entries(digestOid).map(([name, oid]) => [oid, name as DigestName]));
export function digestNameByOid(oid: string): DigestName | null {
  return digestNames.get(oid) ?? null;
}

/** The digest every signature of a key of this algorithm uses (the format of contracts/signature.ts). */
export const digestFor: Record<KeyAlgorithm, DigestName> = {
  gost2012_256: 'streebog256',
  gost2012_512: 'streebog512',
  ecdsa_p256: 'sha256',
  rsa2048: 'sha256',
};

/** The signatureAlgorithm OID we write into certificates and CRLs for each key algorithm. */
export const signatureOidFor: Record<KeyAlgorithm, string> = {
  gost2012_256: OID.gostSignWithDigest256,
  gost2012_512: OID.gostSignWithDigest512,
  ecdsa_p256: OID.ecdsaWithSha256,
  rsa2048: OID.sha256WithRsa,
};

/**
 * What a CMS SignerInfo names (RFC 5652 5.3): GOST by the key algorithm OID (RFC 9215 / RFC 4490),
 * RSA by rsaEncryption (RFC 3370 3.2), ECDSA by ecdsa-with-SHA256 (RFC 5753). AlgorithmIdentifier
 * parameters are written as OpenSSL (with the gost engine) writes them: NULL for the GOST digest and
 * signature and for rsaEncryption, absent for SHA-256 (RFC 5754 §2) and ECDSA (RFC 5758 §3.2).
 */
export const cmsAlgorithms: Record<
  KeyAlgorithm,
  { digestOid: string; digestParamsNull: boolean; signatureOid: string; signatureParamsNull: boolean }
> = {
  gost2012_256: {
    digestOid: OID.streebog256,
    digestParamsNull: true,
    signatureOid: OID.gost2012_256,
    signatureParamsNull: true,
  },
  gost2012_512: {
    digestOid: OID.streebog512,
    digestParamsNull: true,
    signatureOid: OID.gost2012_512,
    signatureParamsNull: true,
  },
  ecdsa_p256: {
    digestOid: OID.sha256,
    digestParamsNull: false,
    signatureOid: OID.ecdsaWithSha256,
    signatureParamsNull: false,
  },
  rsa2048: {
    digestOid: OID.sha256,
    digestParamsNull: false,
    signatureOid: OID.rsaEncryption,
    signatureParamsNull: true,
  },
};

/**
 * The signature algorithm OIDs a key of each algorithm may be named with: the signature OID proper,
 * or (in CMS, RFC 9215 section 4.1, RFC 5754) the key algorithm itself.
 */
export const signatureOidsAllowed: Record<KeyAlgorithm, readonly string[]> = {
  gost2012_256: [OID.gostSignWithDigest256, OID.gost2012_256],
  gost2012_512: [OID.gostSignWithDigest512, OID.gost2012_512],
  ecdsa_p256: [OID.ecdsaWithSha256, OID.ecPublicKey],
  rsa2048: [OID.sha256WithRsa, OID.rsaEncryption],
};

/** Key size in bits of a GOST key algorithm. */
export const gostKeySize = (algorithm: 'gost2012_256' | 'gost2012_512'): 256 | 512 =>
  algorithm === 'gost2012_256' ? 256 : 512;

/**
 * The key algorithm a SubjectPublicKeyInfo or PrivateKeyInfo names, read from its AlgorithmIdentifier
 * alone (no key material): GOST with its parameter set (RFC 9215 §3: parameters SEQUENCE { paramSet
 * OID, digest OID OPTIONAL }), ECDSA on P-256 only, RSA of any size (the caller judges the size).
 * Null: an algorithm or a curve we cannot sign or verify with.
 */
export function keyAlgorithmOf(
  identifier: pkijs.AlgorithmIdentifier,
): { algorithm: KeyAlgorithm; gostParamSet?: GostParamSet } | null {
  const algorithmOid = identifier.algorithmId;
  if (algorithmOid === OID.gost2012_256 || algorithmOid === OID.gost2012_512) {
    const algorithm = algorithmOid === OID.gost2012_256 ? 'gost2012_256' : 'gost2012_512';
    const params = identifier.algorithmParams as asn1js.Sequence | undefined;
    const first = params instanceof asn1js.Sequence ? params.valueBlock.value[0] : undefined;
    const set =
      first instanceof asn1js.ObjectIdentifier ? gostParamSetByOid(first.valueBlock.toString()) : undefined;
    if (!set || set.size !== gostKeySize(algorithm)) return null;
    return { algorithm, gostParamSet: set };
  }
  if (algorithmOid === OID.ecPublicKey) {
    const curve = identifier.algorithmParams;
    return curve instanceof asn1js.ObjectIdentifier && curve.valueBlock.toString() === OID.prime256v1
      ? { algorithm: 'ecdsa_p256' }
      : null;
  }
  if (algorithmOid === OID.rsaEncryption) return { algorithm: 'rsa2048' };
  return null;
}
