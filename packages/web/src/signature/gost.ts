/**
 * GOST R 34.11-2012 (Streebog) and GOST R 34.10-2012 signing through node-gost-crypto's engine
 * (pure JS, MIT; the arithmetic is theirs, never ours). Only its low-level engine is used: its CMS and
 * certificate layers are not needed (pkijs builds the CMS) and carry porting bugs.
 *
 * Encodings follow RFC 4491 §2.2.2 / RFC 9215: a digest is read as a little-endian integer, the private
 * key is little-endian, the public key is x||y little-endian, and the signature value is s||r
 * big-endian. The engine does exactly this with procreator 'CP' (CryptoPro), which is also what
 * OpenSSL's gost engine produces and accepts.
 */

export type GostKeySize = 256 | 512;

/** Named curves by OID (RFC 4357 §11.4, RFC 7836 appendix A.1, TC26 registry). */
export const gostCurveByOid: Record<string, string> = {
  '1.2.643.2.2.35.1': 'S-256-A', // id-GostR3410-2001-CryptoPro-A-ParamSet
  '1.2.643.2.2.35.2': 'S-256-B', // CryptoPro-B
  '1.2.643.2.2.35.3': 'S-256-C', // CryptoPro-C
  '1.2.643.2.2.36.0': 'S-256-A', // CryptoPro-XchA = CryptoPro-A
  '1.2.643.2.2.36.1': 'S-256-C', // CryptoPro-XchB = CryptoPro-C
  '1.2.643.7.1.2.1.1.2': 'S-256-A', // id-tc26-gost-3410-12-256-paramSetB = CryptoPro-A
  '1.2.643.7.1.2.1.1.3': 'S-256-B', // paramSetC = CryptoPro-B
  '1.2.643.7.1.2.1.1.4': 'S-256-C', // paramSetD = CryptoPro-C
  '1.2.643.7.1.2.1.2.1': 'T-512-A', // id-tc26-gost-3410-12-512-paramSetA
  '1.2.643.7.1.2.1.2.2': 'T-512-B', // paramSetB
  '1.2.643.7.1.2.1.1.1': 'TC26-256-A', // id-tc26-gost-3410-12-256-paramSetA (twisted Edwards curve)
  '1.2.643.7.1.2.1.2.3': 'TC26-512-C', // id-tc26-gost-3410-12-512-paramSetC (twisted Edwards curve)
};

/**
 * The two TC26 curves the engine has no name for, given in their Weierstrass form (R 1323565.1.024-2019;
 * the same numbers as OpenSSL's gost engine, gost_params.c). Signing on the Weierstrass form is the
 * same signature as on the Edwards one: the standard defines both as one group.
 */
const explicitCurves: Record<string, { p: string; a: string; b: string; q: string; x: string; y: string }> = {
  'TC26-256-A': {
    p: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97',
    a: 'C2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335',
    b: '295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513',
    q: '400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67',
    x: '91E38443A5E82C0D880923425712B2BB658B9196932E02C78B2582FE742DAA28',
    y: '32879423AB1A0375895786C4BB46E9565FDE0B5344766740AF268ADB32322E5C',
  },
  'TC26-512-C': {
    p: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7',
    a: 'DC9203E514A721875485A529D2C722FB187BC8980EB866644DE41C68E143064546E861C0E2C9EDD92ADE71F46FCF50FF2AD97F951FDA9F2A2EB6546F39689BD3',
    b: 'B4C4EE28CEBC6C2C8AC12952CF37F16AC7EFB6A9F69F4B57FFDA2E4F0DE5ADE038CBC2FFF719D2C18DE0284B8BFEF3B52B8CC7A5F5BF0A3C8D2319A5312557E1',
    q: '3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC98CDBA46506AB004C33A9FF5147502CC8EDA9E7A769A12694623CEF47F023ED',
    x: 'E2E31EDFC23DE7BDEBE241CE593EF5DE2295B7A9CBAEF021D385F7074CEA043AA27272A7AE602BF2A7B9033DB9ED3610C6FB85487EAE97AAC5BC7928C1950148',
    y: 'F5CE40D95B5EB899ABBCCFF5911CB8577939804D6527378B8C108C3D2090FF9BE18E2D33E3021ED2EF32D85822423B6304F726AA854BAE07D0396E9A9ADDC40F',
  },
};

function curveParams(curve: string): { namedCurve: string } | { curve: (typeof explicitCurves)[string] } {
  return explicitCurves[curve] ? { curve: explicitCurves[curve] } : { namedCurve: curve };
}

type Engine = {
  getGostDigest(algorithm: object): { digest(data: ArrayBuffer): ArrayBuffer };
  getGostSign(algorithm: object): {
    sign(privateKey: ArrayBuffer, data: ArrayBuffer): ArrayBuffer;
    verify(publicKey: ArrayBuffer, signature: ArrayBuffer, data: ArrayBuffer): boolean;
    generateKey(): { privateKey: ArrayBuffer; publicKey: ArrayBuffer };
  };
};

let enginePromise: Promise<Engine> | undefined;

/** Loaded on first use: the library is large and only signing pages need it. */
export function gostEngine(): Promise<Engine> {
  enginePromise ??= (async () => {
    // The library is CommonJS written for Node and reads `global`; in the browser that is globalThis.
    const g = globalThis as { global?: unknown };
    g.global ??= globalThis;
    const mod = (await import('node-gost-crypto/lib/gostEngine.js')) as { default?: Engine } & Engine;
    return mod.default ?? mod;
  })();
  return enginePromise;
}

function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export async function streebog(size: GostKeySize, data: Uint8Array): Promise<Uint8Array> {
  const engine = await gostEngine();
  return new Uint8Array(
    engine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: size }).digest(buffer(data)),
  );
}

/** The signature algorithm: the key's curve, Streebog of the key's size, CryptoPro encodings (see above). */
function signatureAlgorithm(size: GostKeySize, curve: string): object {
  return {
    name: 'GOST R 34.10',
    version: 2012,
    length: size,
    ...curveParams(curve),
    hash: 'GOST R 34.11',
    procreator: 'CP',
  };
}

/** Signs a digest-to-be (the engine hashes `data` with Streebog of the key's size). */
export async function gostSign(
  size: GostKeySize,
  curve: string,
  privateKeyLE: Uint8Array,
  data: Uint8Array,
): Promise<Uint8Array> {
  const engine = await gostEngine();
  const signer = engine.getGostSign(signatureAlgorithm(size, curve));
  return new Uint8Array(signer.sign(buffer(privateKeyLE), buffer(data)));
}

export async function gostVerify(
  size: GostKeySize,
  curve: string,
  publicKeyLE: Uint8Array,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  const engine = await gostEngine();
  const verifier = engine.getGostSign(signatureAlgorithm(size, curve));
  return verifier.verify(buffer(publicKeyLE), buffer(signature), buffer(data));
}

/** The public key x||y (little-endian) of a private key, to match a key with its certificate. */
export async function gostPublicKey(
  size: GostKeySize,
  curve: string,
  privateKeyLE: Uint8Array,
): Promise<Uint8Array> {
  const engine = await gostEngine();
  const generator = engine.getGostSign({
    name: 'GOST R 34.10',
    version: 2012,
    length: size,
    ...curveParams(curve),
    ukm: buffer(privateKeyLE),
  });
  return new Uint8Array(generator.generateKey().publicKey);
}
