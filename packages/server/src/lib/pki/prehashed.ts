import gostCryptoPackage from 'node-gost-crypto';
import { Worker } from 'node:worker_threads';
import { digest, isGostSignatureInRange, type DigestName, type PublicKey } from './algorithms.js';

/**
 * Digests of large inputs without holding the event loop, and GOST verification over such a
 * digest. node-gost-crypto hashes Streebog in pure JavaScript at about 8 MB/s here, so the
 * signature check of a 5 MB GOST CRL would block every other request for most of a second; the
 * digest is computed in a worker thread instead. SHA-256 (Node's OpenSSL) is fast enough in place.
 */

const { gostEngine } = gostCryptoPackage as unknown as {
  gostEngine: {
    getGostSign(algorithm: Record<string, unknown>): {
      verify(publicKey: Uint8Array, signature: Uint8Array, digest: Uint8Array): boolean;
    };
  };
};

/** Below this size a Streebog digest takes under about 10 ms and is computed in place. */
const WORKER_THRESHOLD_BYTES = 64 * 1024;

type Pending = { resolve: (digest: Buffer) => void; reject: (err: Error) => void };
let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function streebogWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./streebog-worker.mjs', import.meta.url));
  // Idle between CRLs: it must not keep the process alive.
  started.unref();
  started.on('message', (message: { id: number; digest?: Uint8Array; error?: string }) => {
    const request = pending.get(message.id);
    pending.delete(message.id);
    if (message.digest) request?.resolve(Buffer.from(message.digest));
    else request?.reject(new Error(message.error ?? 'digest failed'));
  });
  const fail = (err: Error) => {
    worker = null;
    for (const request of pending.values()) request.reject(err);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', () => fail(new Error('digest worker stopped')));
  worker = started;
  return started;
}

/** The digest of `data`; Streebog of a large input runs in a worker thread. */
export function digestOffLoop(name: DigestName, data: Uint8Array): Promise<Buffer> {
  if ((name !== 'streebog256' && name !== 'streebog512') || data.length < WORKER_THRESHOLD_BYTES)
    return Promise.resolve(digest(name, data));
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    // A copy goes to the worker: the caller keeps its bytes.
    streebogWorker().postMessage({ id, name, data: new Uint8Array(data) });
  });
}

/**
 * ГОСТ Р 34.10-2012 verification over a Streebog digest computed beforehand (the library's signer
 * without its own hash takes the digest as given). Never throws, like verifySignature.
 */
export function verifyGostDigest(key: PublicKey, digestValue: Uint8Array, signature: Uint8Array): boolean {
  if (!key.gost) return false;
  const size = key.algorithm === 'gost2012_256' ? 256 : 512;
  if (signature.length !== size / 4 || digestValue.length !== size / 8) return false;
  if (!isGostSignatureInRange(key.gost.paramSet.curve, signature)) return false;
  try {
    // The curve by its numbers, as algorithms.ts gives it, and no hash: the digest is given.
    const verifier = gostEngine.getGostSign({
      name: 'GOST R 34.10',
      version: 2012,
      length: size,
      curve: key.gost.paramSet.curve,
      mode: 'SIGN',
      procreator: 'CP',
    });
    return verifier.verify(key.gost.raw, signature, digestValue) === true;
  } catch {
    return false;
  }
}
