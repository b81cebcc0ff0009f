import * as asn1js from 'asn1js';
import gostCryptoPackage from 'node-gost-crypto';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import type { SignatureAlgorithm } from '@openesia/contracts';
import { AppError } from '../errors.js';
import { OID, gostCurveName } from './oids.js';
import { toArrayBuffer } from './bytes.js';

/**
 * The cryptographic primitives behind certificates and CMS: digests, signing and verification for
 * GOST R 34.10-2012 (node-gost-crypto; Node's own OpenSSL cannot load GOST, STACK.md) and for
 * ECDSA P-256 / RSA (Node's crypto). Keys travel as DER: SubjectPublicKeyInfo (RFC 5280) and
 * PrivateKeyInfo (RFC 5208), GOST ones in the form the OpenSSL gost engine writes (RFC 9215).
 */

const { gostEngine } = gostCryptoPackage as unknown as { gostEngine: GostEngine };

interface GostSigner {
  sign(privateKey: Uint8Array, data: Uint8Array): ArrayBuffer;
  verify(publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): boolean;
  generateKey(): { privateKey: ArrayBuffer; publicKey: ArrayBuffer };
}
interface GostEngine {
  getGostSign(algorithm: Record<string, unknown>): GostSigner;
  getGostDigest(algorithm: Record<string, unknown>): { digest(data: Uint8Array): ArrayBuffer };
}

export type KeyAlgorithm = SignatureAlgorithm;
export type DigestName = 'streebog256' | 'streebog512' | 'sha256' | 'sha1';

export const digestOid: Record<DigestName, string> = {
  streebog256: OID.streebog256,
  streebog512: OID.streebog512,
  sha256: OID.sha256,
  sha1: OID.sha1,
};

const streebog = {
  256: gostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 256 }),
  512: gostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 512 }),
};

export function digest(name: DigestName, data: Uint8Array): Buffer {
  switch (name) {
    case 'streebog256':
      return Buffer.from(streebog[256].digest(data));
    case 'streebog512':
      return Buffer.from(streebog[512].digest(data));
    case 'sha256':
      return createHash('sha256').update(data).digest();
    case 'sha1':
      return createHash('sha1').update(data).digest();
  }
}

export function digestNameByOid(oid: string): DigestName | null {
  for (const [name, value] of Object.entries(digestOid)) if (value === oid) return name as DigestName;
  return null;
}

/** The digest every signature of a key of this algorithm uses (contracts/signature.ts). */
export const digestFor: Record<KeyAlgorithm, DigestName> = {
  gost2012_256: 'streebog256',
  gost2012_512: 'streebog512',
  ecdsa_p256: 'sha256',
  rsa2048: 'sha256',
};

/** The signatureAlgorithm OID we write into certificates, CRLs and CMS for each key algorithm. */
export const signatureOidFor: Record<KeyAlgorithm, string> = {
  gost2012_256: OID.gostSignWithDigest256,
  gost2012_512: OID.gostSignWithDigest512,
  ecdsa_p256: OID.ecdsaWithSha256,
  rsa2048: OID.sha256WithRsa,
};

// ---------------------------------------------------------------------------------------------
// Public keys

export interface PublicKey {
  algorithm: KeyAlgorithm;
  /** DER SubjectPublicKeyInfo */
  spki: Buffer;
  /** GOST: the curve name for node-gost-crypto and the raw key (x || y, little-endian) */
  gost?: { curve: string; raw: Uint8Array };
  /** ECDSA / RSA: Node's key object */
  keyObject?: KeyObject;
}

const unsupported = () => new AppError('signature.unsupported_algorithm');

/** Reads a SubjectPublicKeyInfo; refuses algorithms and curves we cannot verify. */
export function readPublicKey(spkiDer: Uint8Array): PublicKey {
  const parsed = asn1js.fromBER(toArrayBuffer(spkiDer));
  if (parsed.offset === -1) throw unsupported();
  const seq = parsed.result as asn1js.Sequence;
  const algId = seq.valueBlock?.value?.[0] as asn1js.Sequence | undefined;
  const keyBits = seq.valueBlock?.value?.[1] as asn1js.BitString | undefined;
  const algOid = (
    algId?.valueBlock?.value?.[0] as asn1js.ObjectIdentifier | undefined
  )?.valueBlock?.toString();
  if (!algOid || !keyBits) throw unsupported();
  const spki = Buffer.from(spkiDer);
  if (algOid === OID.gost2012_256 || algOid === OID.gost2012_512) {
    const size = algOid === OID.gost2012_256 ? 256 : 512;
    const params = algId!.valueBlock.value[1] as asn1js.Sequence | undefined;
    const paramSet = (
      params?.valueBlock?.value?.[0] as asn1js.ObjectIdentifier | undefined
    )?.valueBlock?.toString();
    const curve = paramSet ? gostCurveName[paramSet] : undefined;
    if (!curve || (size === 512) !== curve.startsWith('T-512')) throw unsupported();
    // RFC 9215 section 4.3: the BIT STRING holds an OCTET STRING with x || y, little-endian.
    const inner = asn1js.fromBER(keyBits.valueBlock.valueHexView.slice().buffer);
    if (inner.offset === -1 || !(inner.result instanceof asn1js.OctetString)) throw unsupported();
    const raw = new Uint8Array(inner.result.valueBlock.valueHexView);
    if (raw.length !== size / 4) throw unsupported();
    return { algorithm: size === 256 ? 'gost2012_256' : 'gost2012_512', spki, gost: { curve, raw } };
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch {
    throw unsupported();
  }
  const details = keyObject.asymmetricKeyDetails ?? {};
  if (keyObject.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1')
    return { algorithm: 'ecdsa_p256', spki, keyObject };
  // RSA below 2048 bits is not a qualified key (Приказ ФСБ № 796 requires GOST for УКЭП; RSA is
  // accepted here only for foreign and test certificates, and then with a sane size).
  if (keyObject.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) >= 2048)
    return { algorithm: 'rsa2048', spki, keyObject };
  throw unsupported();
}

const gostSigners = new Map<string, GostSigner>();
function gostSigner(size: 256 | 512, curve: string): GostSigner {
  const key = `${size}:${curve}`;
  let signer = gostSigners.get(key);
  if (!signer) {
    // procreator 'CP' gives the signature layout of RFC 9215 / OpenSSL's gost engine (s || r).
    signer = gostEngine.getGostSign({
      name: 'GOST R 34.10',
      version: 2012,
      length: size,
      namedCurve: curve,
      mode: 'SIGN',
      procreator: 'CP',
      hash: { name: 'GOST R 34.11', version: 2012, length: size },
    });
    gostSigners.set(key, signer);
  }
  return signer;
}

/**
 * Checks which digest a signature algorithm OID implies for this key, so a certificate cannot
 * claim, say, SHA-1 with a GOST key. CMS signerInfo may name the key algorithm itself as the
 * signature algorithm (RFC 9215 section 4.1, RFC 5754), together with a digestAlgorithm.
 */
export function signatureDigest(
  key: PublicKey,
  signatureOid: string,
  digestAlgorithmOid?: string,
): DigestName {
  const expected = digestFor[key.algorithm];
  const allowed: Record<KeyAlgorithm, string[]> = {
    gost2012_256: [OID.gostSignWithDigest256, OID.gost2012_256],
    gost2012_512: [OID.gostSignWithDigest512, OID.gost2012_512],
    ecdsa_p256: [OID.ecdsaWithSha256, OID.ecPublicKey],
    rsa2048: [OID.sha256WithRsa, OID.rsaEncryption],
  };
  if (!allowed[key.algorithm].includes(signatureOid)) throw unsupported();
  if (digestAlgorithmOid !== undefined && digestOid[expected] !== digestAlgorithmOid) throw unsupported();
  return expected;
}

/** The order q of the base point of each curve node-gost-crypto implements (ГОСТ Р 34.10-2012, Р 1323565.1.024-2019). */
const GOST_CURVE_ORDER: Record<string, bigint> = {
  'S-256-A': 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n,
  'S-256-B': 0x800000000000000000000000000000015f700cfff1a624e5e497161bcc8a198fn,
  'S-256-C': 0x9b9f605f5a858107ab1ec85e6b41c8aa582ca3511eddfb74f02f3a6598980bb9n,
  'T-512-A':
    0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n,
  'T-512-B':
    0x800000000000000000000000000000000000000000000000000000000000000149a1ec142565a545acfdb77bd9d40cfa8b996712101bea0ec6346c54374f25bdn,
};

const bigIntOf = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

/**
 * ГОСТ Р 34.10-2012 §6.2, step 1: a signature whose r or s is not in 0 < r, s < q is rejected
 * before anything else. node-gost-crypto checks only the upper bound; r = 0 or s = 0 makes its
 * modular inverse throw. The value is s || r, big-endian halves (RFC 9215 / the gost engine).
 */
export function isGostSignatureInRange(curve: string, signature: Uint8Array): boolean {
  const q = GOST_CURVE_ORDER[curve];
  if (q === undefined) return false;
  const half = signature.length / 2;
  const s = bigIntOf(signature.subarray(0, half));
  const r = bigIntOf(signature.subarray(half));
  return r > 0n && r < q && s > 0n && s < q;
}

/**
 * Verifies `signature` over `data` (the hash is computed inside, as every scheme here defines).
 * Never throws: whatever a library says about hostile input, an unverifiable signature is `false`.
 * This is the one check behind CMS signatures, certificate links and CRL signatures alike.
 */
export function verifySignature(key: PublicKey, data: Uint8Array, signature: Uint8Array): boolean {
  if (key.gost) {
    const size = key.algorithm === 'gost2012_256' ? 256 : 512;
    if (signature.length !== size / 4) return false;
    if (!isGostSignatureInRange(key.gost.curve, signature)) return false;
    try {
      return gostSigner(size, key.gost.curve).verify(key.gost.raw, signature, data) === true;
    } catch {
      return false;
    }
  }
  try {
    return nodeVerify('sha256', data, key.keyObject!, signature);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Private keys and key pairs

export interface PrivateKey {
  algorithm: KeyAlgorithm;
  /** DER PrivateKeyInfo */
  pkcs8: Buffer;
  gost?: { curve: string; raw: Uint8Array };
  keyObject?: KeyObject;
}

const GOST_KEY_PARAMS = {
  gost2012_256: {
    keyOid: OID.gost2012_256,
    paramSet: OID.cryptoProA,
    digest: OID.streebog256,
    curve: 'S-256-A',
    size: 256,
  },
  gost2012_512: {
    keyOid: OID.gost2012_512,
    paramSet: OID.tc26_512A,
    digest: OID.streebog512,
    curve: 'T-512-A',
    size: 512,
  },
} as const;

function gostAlgorithmIdentifier(algorithm: 'gost2012_256' | 'gost2012_512'): asn1js.Sequence {
  const p = GOST_KEY_PARAMS[algorithm];
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: p.keyOid }),
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: p.paramSet }),
          new asn1js.ObjectIdentifier({ value: p.digest }),
        ],
      }),
    ],
  });
}

export interface KeyPair {
  privateKey: PrivateKey;
  publicKey: PublicKey;
}

/** A fresh key pair. GOST keys use CryptoPro A (256) and ТК 26 A (512), what CAs issue most. */
export function generateKeyPair(algorithm: KeyAlgorithm): KeyPair {
  if (algorithm === 'gost2012_256' || algorithm === 'gost2012_512') {
    const p = GOST_KEY_PARAMS[algorithm];
    const engine = gostEngine.getGostSign({
      name: 'GOST R 34.10',
      version: 2012,
      length: p.size,
      namedCurve: p.curve,
      mode: 'SIGN',
      // The private key comes from Node's CSPRNG, not from the library's own generator (which
      // would fall back to Math.random where no WebCrypto is present).
      ukm: new Uint8Array(randomBytes(p.size / 8)),
    });
    const pair = engine.generateKey();
    const raw = new Uint8Array(pair.privateKey);
    const pub = new Uint8Array(pair.publicKey);
    const spki = Buffer.from(
      new asn1js.Sequence({
        value: [
          gostAlgorithmIdentifier(algorithm),
          new asn1js.BitString({ valueHex: new asn1js.OctetString({ valueHex: pub }).toBER() }),
        ],
      }).toBER(),
    );
    // PrivateKeyInfo with the raw little-endian key in the OCTET STRING: OpenSSL gost engine 3.0 form.
    const pkcs8 = Buffer.from(
      new asn1js.Sequence({
        value: [
          new asn1js.Integer({ value: 0 }),
          gostAlgorithmIdentifier(algorithm),
          new asn1js.OctetString({ valueHex: raw }),
        ],
      }).toBER(),
    );
    return {
      privateKey: { algorithm, pkcs8, gost: { curve: p.curve, raw } },
      publicKey: readPublicKey(spki),
    };
  }
  const pair =
    algorithm === 'ecdsa_p256'
      ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      : generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
  const spki = pair.publicKey.export({ format: 'der', type: 'spki' });
  return { privateKey: { algorithm, pkcs8, keyObject: pair.privateKey }, publicKey: readPublicKey(spki) };
}

/** Reads a PrivateKeyInfo of any of our algorithms (GOST in every form the gost engine accepts). */
export function readPrivateKey(pkcs8Der: Uint8Array): PrivateKey {
  const parsed = asn1js.fromBER(toArrayBuffer(pkcs8Der));
  if (parsed.offset === -1) throw unsupported();
  const seq = parsed.result as asn1js.Sequence;
  const algId = seq.valueBlock?.value?.[1] as asn1js.Sequence | undefined;
  const algOid = (
    algId?.valueBlock?.value?.[0] as asn1js.ObjectIdentifier | undefined
  )?.valueBlock?.toString();
  const pkcs8 = Buffer.from(pkcs8Der);
  if (algOid === OID.gost2012_256 || algOid === OID.gost2012_512) {
    const algorithm = algOid === OID.gost2012_256 ? 'gost2012_256' : 'gost2012_512';
    const size = algorithm === 'gost2012_256' ? 32 : 64;
    const params = algId!.valueBlock.value[1] as asn1js.Sequence | undefined;
    const paramSet = (
      params?.valueBlock?.value?.[0] as asn1js.ObjectIdentifier | undefined
    )?.valueBlock?.toString();
    const curve = paramSet ? gostCurveName[paramSet] : undefined;
    if (!curve) throw unsupported();
    const octets = seq.valueBlock.value[2] as asn1js.OctetString;
    let raw = new Uint8Array(octets.valueBlock.valueHexView);
    if (raw.length !== size) {
      // Older engines wrap the key: OCTET STRING { OCTET STRING } or INTEGER (big-endian).
      const inner = asn1js.fromBER(raw.slice().buffer);
      if (inner.offset === -1) throw unsupported();
      if (inner.result instanceof asn1js.OctetString)
        raw = new Uint8Array(inner.result.valueBlock.valueHexView);
      else if (inner.result instanceof asn1js.Integer) {
        const be = new Uint8Array(inner.result.valueBlock.valueHexView);
        const trimmed = be[0] === 0 ? be.subarray(1) : be;
        raw = new Uint8Array(size);
        raw.set(Uint8Array.from(trimmed).reverse());
      }
      if (raw.length !== size) throw unsupported();
    }
    return { algorithm, pkcs8, gost: { curve, raw } };
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  } catch {
    throw unsupported();
  }
  if (keyObject.asymmetricKeyType === 'ec' && keyObject.asymmetricKeyDetails?.namedCurve === 'prime256v1')
    return { algorithm: 'ecdsa_p256', pkcs8, keyObject };
  if (keyObject.asymmetricKeyType === 'rsa') return { algorithm: 'rsa2048', pkcs8, keyObject };
  throw unsupported();
}

/** Signs `data` (hashing inside) with the digest of the key's algorithm. */
export function signData(key: PrivateKey, data: Uint8Array): Buffer {
  if (key.gost) {
    const size = key.algorithm === 'gost2012_256' ? 256 : 512;
    // The per-signature secret k from Node's CSPRNG (see generateKeyPair).
    const engine = gostEngine.getGostSign({
      name: 'GOST R 34.10',
      version: 2012,
      length: size,
      namedCurve: key.gost.curve,
      mode: 'SIGN',
      procreator: 'CP',
      hash: { name: 'GOST R 34.11', version: 2012, length: size },
      ukm: new Uint8Array(randomBytes(size / 8)),
    });
    return Buffer.from(engine.sign(key.gost.raw, data));
  }
  return nodeSign('sha256', data, key.keyObject!);
}
