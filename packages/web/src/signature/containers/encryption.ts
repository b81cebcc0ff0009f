import * as pkijs from 'pkijs';
import { OID, toArrayBuffer } from '@openesia/pki';

/**
 * What a key container's structure says before any secret is tried, so that a failure afterwards
 * can be named by what failed, never by the text of a library's error: a scheme this browser cannot
 * run is an unsupported container whatever the PIN; with a scheme it can run, a MAC that does not
 * verify or a decryption that fails means a wrong PIN.
 */

/** HMAC hashes of the PKCS#12 MAC (RFC 7292 appendix B) that pkijs computes with WebCrypto. */
const MAC_DIGESTS = new Set<string>([OID.sha1, OID.sha256, OID.sha384, OID.sha512]);

/** PBKDF2 pseudo-random functions (RFC 8018 appendix B.1) WebCrypto has; absent means HMAC-SHA-1. */
const PBKDF2_PRFS = new Set<string>([
  OID.hmacWithSha1,
  OID.hmacWithSha256,
  OID.hmacWithSha384,
  OID.hmacWithSha512,
]);

/** Ciphers of PBES2 (RFC 8018 appendix B.2) that every browser's WebCrypto has: AES-CBC, 128 and 256 bits. */
const PBES2_CIPHERS = new Set<string>([OID.aes128Cbc, OID.aes256Cbc]);

export function isSupportedMacDigest(macData: pkijs.MacData): boolean {
  return MAC_DIGESTS.has(macData.mac.digestAlgorithm.algorithmId);
}

/**
 * Whether a password-based encryption can be opened here: PBES2 (RFC 8018 §6.2) with PBKDF2 and
 * AES-CBC. The PKCS#12 PBEs (RFC 7292 appendix C: 3DES, RC2), GOST 28147-89 and other PBES2 ciphers
 * are not.
 */
export function isSupportedPasswordEncryption(algorithm: pkijs.AlgorithmIdentifier): boolean {
  if (algorithm.algorithmId !== OID.pbes2 || !algorithm.algorithmParams) return false;
  try {
    const params = new pkijs.PBES2Params({ schema: algorithm.algorithmParams });
    if (params.keyDerivationFunc.algorithmId !== OID.pbkdf2) return false;
    const kdf = new pkijs.PBKDF2Params({ schema: params.keyDerivationFunc.algorithmParams });
    if (kdf.prf && !PBKDF2_PRFS.has(kdf.prf.algorithmId)) return false;
    return PBES2_CIPHERS.has(params.encryptionScheme.algorithmId);
  } catch {
    return false;
  }
}

/**
 * The PKCS#12 MAC (RFC 7292 §5.1 step 4, appendix B) checked with the PIN: true when it verifies.
 * Only for a MAC whose digest `isSupportedMacDigest` accepts; then false can only mean another PIN.
 */
export async function verifiesMac(pfx: pkijs.PFX, password: ArrayBuffer): Promise<boolean> {
  const macData = pfx.macData!;
  const hash = pkijs
    .getCrypto(true)
    .getAlgorithmByOID(macData.mac.digestAlgorithm.algorithmId, true, 'digestAlgorithm');
  return pkijs.getCrypto(true).verifyDataStampedWithPassword({
    password,
    hashAlgorithm: (hash as { name: string }).name,
    salt: toArrayBuffer(macData.macSalt.valueBlock.valueHexView),
    iterationCount: macData.iterations || 1,
    contentToVerify: toArrayBuffer((pfx.authSafe.content as { getValue(): ArrayBuffer }).getValue()),
    signatureToVerify: toArrayBuffer(macData.mac.digest.valueBlock.valueHexView),
  });
}
