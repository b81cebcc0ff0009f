import * as asn1js from 'asn1js';
import gostCryptoPackage from 'node-gost-crypto';
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hash,
  randomBytes,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import {
  OID,
  defaultGostParamSet,
  digestFor,
  digestOid,
  gostParamSetByOid,
  gostPublicPoint,
  keyAlgorithmOf,
  signatureOidsAllowed,
  toArrayBuffer,
  type DigestName,
  type GostCurve,
  type GostParamSet,
  type KeyAlgorithm,
} from '@openesia/pki';
import * as pkijs from 'pkijs';
import { AppError } from '../errors.js';

/**
 * The cryptographic primitives behind certificates and CMS on the server: digests, signing and
 * verification for GOST R 34.10-2012 (node-gost-crypto; Node's own OpenSSL cannot load GOST,
 * STACK.md) and for ECDSA P-256 / RSA (Node's crypto). The names of algorithms, digests and OIDs
 * are @openesia/pki's (algorithms.ts), shared with the browser. Keys travel as DER:
 * SubjectPublicKeyInfo (RFC 5280) and PrivateKeyInfo (RFC 5208), GOST ones in the form the OpenSSL
 * gost engine writes (RFC 9215).
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

export { digestFor, digestNameByOid, type DigestName, type KeyAlgorithm } from '@openesia/pki';

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
    // One-shot hashes: createHash's object costs more than hashing a signed message.
    case 'sha256':
      return hash('sha256', data, 'buffer');
    case 'sha1':
      return hash('sha1', data, 'buffer');
  }
}

// ---------------------------------------------------------------------------------------------
// Public keys

export interface PublicKey {
  algorithm: KeyAlgorithm;
  /** DER SubjectPublicKeyInfo */
  spki: Buffer;
  /** GOST: the key's parameter set and the raw key (x || y, little-endian) */
  gost?: { paramSet: GostParamSet; raw: Uint8Array };
  /** ECDSA / RSA: Node's key object */
  keyObject?: KeyObject;
}

const unsupported = () => new AppError('signature.unsupported_algorithm');

/** Reads a SubjectPublicKeyInfo; refuses algorithms and curves we cannot verify. */
export function readPublicKey(spkiDer: Uint8Array): PublicKey {
  let info: pkijs.PublicKeyInfo;
  try {
    info = pkijs.PublicKeyInfo.fromBER(toArrayBuffer(spkiDer));
  } catch {
    throw unsupported();
  }
  const spki = Buffer.from(spkiDer);
  const algorithmOid = info.algorithm.algorithmId;
  if (algorithmOid === OID.gost2012_256 || algorithmOid === OID.gost2012_512) {
    // The algorithm, its parameter set and the key's size are read as the browser reads them.
    const paramSet = keyAlgorithmOf(info.algorithm)?.gostParamSet;
    const raw = paramSet && gostPublicPoint(info.subjectPublicKey, paramSet.size);
    if (!paramSet || !raw) throw unsupported();
    return {
      algorithm: paramSet.size === 256 ? 'gost2012_256' : 'gost2012_512',
      spki,
      gost: { paramSet, raw },
    };
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

/**
 * The engine's algorithm for a parameter set: the curve by its numbers (@openesia/pki gost-params.ts), Streebog of
 * the key's size, and procreator 'CP' for the signature layout of RFC 9215 / OpenSSL's gost engine
 * (s || r).
 */
function gostAlgorithm(set: GostParamSet, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'GOST R 34.10',
    version: 2012,
    length: set.size,
    curve: set.curve,
    mode: 'SIGN',
    procreator: 'CP',
    hash: { name: 'GOST R 34.11', version: 2012, length: set.size },
    ...extra,
  };
}

const gostVerifiers = new Map<string, GostSigner>();
function gostVerifier(set: GostParamSet): GostSigner {
  let verifier = gostVerifiers.get(set.oid);
  if (!verifier) {
    verifier = gostEngine.getGostSign(gostAlgorithm(set));
    gostVerifiers.set(set.oid, verifier);
  }
  return verifier;
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
  if (!signatureOidsAllowed[key.algorithm].includes(signatureOid)) throw unsupported();
  if (digestAlgorithmOid !== undefined && digestOid[expected] !== digestAlgorithmOid) throw unsupported();
  return expected;
}

const bigIntOf = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

/**
 * ГОСТ Р 34.10-2012 §6.2, step 1: a signature whose r or s is not in 0 < r, s < q is rejected
 * before anything else. node-gost-crypto checks only the upper bound; r = 0 or s = 0 makes its
 * modular inverse throw. The value is s || r, big-endian halves (RFC 9215 / the gost engine).
 */
export function isGostSignatureInRange(curve: GostCurve, signature: Uint8Array): boolean {
  const q = BigInt(`0x${curve.q}`);
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
    if (!isGostSignatureInRange(key.gost.paramSet.curve, signature)) return false;
    try {
      return gostVerifier(key.gost.paramSet).verify(key.gost.raw, signature, data) === true;
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
  gost?: { paramSet: GostParamSet; raw: Uint8Array };
  keyObject?: KeyObject;
}

/** RFC 9215 §3: the key algorithm with SEQUENCE { parameter set, digest if the set names one }. */
function gostAlgorithmIdentifier(set: GostParamSet): asn1js.Sequence {
  const params = [new asn1js.ObjectIdentifier({ value: set.oid })];
  if (set.digestInKeyParams)
    params.push(new asn1js.ObjectIdentifier({ value: set.size === 256 ? OID.streebog256 : OID.streebog512 }));
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: set.size === 256 ? OID.gost2012_256 : OID.gost2012_512 }),
      new asn1js.Sequence({ value: params }),
    ],
  });
}

export interface KeyPair {
  privateKey: PrivateKey;
  publicKey: PublicKey;
}

/**
 * A fresh key pair. GOST keys are made on `gostParamSet` (an OID of @openesia/pki gost-params.ts), by default
 * CryptoPro A (256) and ТК 26 A (512), what CAs issue most.
 */
export function generateKeyPair(algorithm: KeyAlgorithm, gostParamSet?: string): KeyPair {
  if (algorithm === 'gost2012_256' || algorithm === 'gost2012_512') {
    const size = algorithm === 'gost2012_256' ? 256 : 512;
    const set = gostParamSetByOid(gostParamSet ?? defaultGostParamSet[size]);
    if (!set || set.size !== size) throw unsupported();
    // The private key comes from Node's CSPRNG, not from the library's own generator (which
    // would fall back to Math.random where no WebCrypto is present).
    const engine = gostEngine.getGostSign(gostAlgorithm(set, { ukm: new Uint8Array(randomBytes(size / 8)) }));
    const pair = engine.generateKey();
    const raw = new Uint8Array(pair.privateKey);
    const pub = new Uint8Array(pair.publicKey);
    const spki = Buffer.from(
      new asn1js.Sequence({
        value: [
          gostAlgorithmIdentifier(set),
          new asn1js.BitString({ valueHex: new asn1js.OctetString({ valueHex: pub }).toBER() }),
        ],
      }).toBER(),
    );
    // PrivateKeyInfo with the raw little-endian key in the OCTET STRING: OpenSSL gost engine 3.0 form.
    const pkcs8 = Buffer.from(
      new asn1js.Sequence({
        value: [
          new asn1js.Integer({ value: 0 }),
          gostAlgorithmIdentifier(set),
          new asn1js.OctetString({ valueHex: raw }),
        ],
      }).toBER(),
    );
    return {
      privateKey: { algorithm, pkcs8, gost: { paramSet: set, raw } },
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
    const set = paramSet ? gostParamSetByOid(paramSet) : undefined;
    if (!set || set.size !== size * 8) throw unsupported();
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
    return { algorithm, pkcs8, gost: { paramSet: set, raw } };
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
    const size = key.gost.paramSet.size;
    // The per-signature secret k from Node's CSPRNG (see generateKeyPair).
    const engine = gostEngine.getGostSign(
      gostAlgorithm(key.gost.paramSet, { ukm: new Uint8Array(randomBytes(size / 8)) }),
    );
    return Buffer.from(engine.sign(key.gost.raw, data));
  }
  return nodeSign('sha256', data, key.keyObject!);
}
