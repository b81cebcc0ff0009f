// The worker of prehashed.ts: Streebog (ГОСТ Р 34.11-2012) of large inputs, away from the event
// loop. Plain JavaScript so it runs the same under tsx, vitest and a built server.
import { parentPort } from 'node:worker_threads';
import gostCryptoPackage from 'node-gost-crypto';

const { gostEngine } = gostCryptoPackage;
const engines = {
  streebog256: gostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 256 }),
  streebog512: gostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 512 }),
};

parentPort.on('message', ({ id, name, data }) => {
  try {
    parentPort.postMessage({ id, digest: new Uint8Array(engines[name].digest(data)) });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err) });
  }
});
