import gostCryptoPackage from 'node-gost-crypto';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultGostParamSet, gostParamSetByOid } from '@openesia/pki';

/**
 * node-gost-crypto 1.0.2's modular inverse calls a function that does not exist when its result
 * needs one final subtraction; scripts/patch-dependencies.mjs corrects it at install. The secret k
 * below was found by search to reach that branch: without the correction signing throws
 * "subtract is not defined" (and, for other k, a valid signature fails to verify, the flaky
 * `signature.invalid` seen in CI).
 */
const { gostEngine } = gostCryptoPackage as unknown as {
  gostEngine: {
    getGostSign(algorithm: Record<string, unknown>): {
      generateKey(): { privateKey: ArrayBuffer; publicKey: ArrayBuffer };
      sign(privateKey: Uint8Array, data: Uint8Array): ArrayBuffer;
      verify(publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): boolean;
    };
  };
};

const cases = [
  { size: 256, hash: 'sha256', kIndex: 834 },
  { size: 512, hash: 'sha512', kIndex: 14887 },
] as const;

describe('node-gost-crypto as installed', () => {
  for (const { size, hash, kIndex } of cases) {
    it(`signs and verifies with a secret k that needs the inverse's last subtraction (${size} bits)`, () => {
      const set = gostParamSetByOid(defaultGostParamSet[size])!;
      const algorithm = (ukm: Uint8Array) => ({
        name: 'GOST R 34.10',
        version: 2012,
        length: size,
        curve: set.curve,
        mode: 'SIGN',
        procreator: 'CP',
        hash: { name: 'GOST R 34.11', version: 2012, length: size },
        ukm,
      });
      const secret = (text: string) => new Uint8Array(createHash(hash).update(text).digest());
      const privateKey = secret('openesia key');
      // With ukm given, generateKey takes it as the private key and computes the public one.
      const pair = gostEngine.getGostSign(algorithm(privateKey)).generateKey();
      expect(Buffer.from(pair.privateKey)).toEqual(Buffer.from(privateKey));
      const data = Buffer.from('OpenESIA');
      const signature = new Uint8Array(
        gostEngine.getGostSign(algorithm(secret(`k${kIndex}`))).sign(privateKey, data),
      );
      expect(signature.length).toBe(size / 4);
      const verifier = gostEngine.getGostSign(algorithm(secret('unused')));
      expect(verifier.verify(new Uint8Array(pair.publicKey), signature, data)).toBe(true);
    });
  }
});
