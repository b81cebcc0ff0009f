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

import { SignatureError } from './errors';
import { gostParamSets, type GostCurve } from '@openesia/pki';

export type GostKeySize = 256 | 512;

/**
 * The curve of each parameter set the key's OID names, by our curve id ('CryptoPro-A', 'TC26-256-A'...):
 * the table is contracts/gost-params.ts (the server's too), and the engine always gets the curve's
 * numbers, never its own names, which shift the ТК 26 sets by one and lack 256-A and 512-C.
 */
export const gostCurveByOid: Record<string, string> = Object.fromEntries(
  gostParamSets.map((set) => [set.oid, set.curve.id]),
);

const curveById = new Map<string, GostCurve>(gostParamSets.map((set) => [set.curve.id, set.curve]));

function curveParams(curve: string): { curve: GostCurve } {
  const numbers = curveById.get(curve);
  if (!numbers) throw new SignatureError('signature.algorithm_unsupported');
  return { curve: numbers };
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
