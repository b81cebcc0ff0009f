import { describe, expect, it } from 'vitest';
import { FieldCipher, LookupHasher, randomPaperCode } from '../../src/lib/crypto.js';

describe('personal data encryption', () => {
  const sut = new FieldCipher(Buffer.alloc(32, 7));

  it('round-trips a value bound to its row', () => {
    const blob = sut.encrypt('11223344595', 'account-1');
    expect(blob.includes(Buffer.from('11223344595'))).toBe(false);
    expect(sut.decrypt(blob, 'account-1')).toBe('11223344595');
  });

  it('refuses a ciphertext moved to another row', () => {
    const blob = sut.encrypt('11223344595', 'account-1');
    expect(() => sut.decrypt(blob, 'account-2')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const blob = sut.encrypt('11223344595', 'account-1');
    blob[blob.length - 1] ^= 1;
    expect(() => sut.decrypt(blob, 'account-1')).toThrow();
  });

  it('gives a different ciphertext each time for the same value', () => {
    expect(sut.encrypt('x', 'a').equals(sut.encrypt('x', 'a'))).toBe(false);
  });
});

describe('lookup hashes', () => {
  it('are equal for equal values and keyed', () => {
    const a = new LookupHasher(Buffer.alloc(32, 1));
    const b = new LookupHasher(Buffer.alloc(32, 2));
    expect(a.hash('snils', '11223344595')).toBe(a.hash('snils', '11223344595'));
    expect(a.hash('snils', '11223344595')).not.toBe(b.hash('snils', '11223344595'));
    expect(a.hash('snils', '1')).not.toBe(a.hash('passport', '1'));
  });
});

describe('codes printed on paper', () => {
  it('avoid characters that are confused when read', () => {
    for (let i = 0; i < 200; i++) expect(randomPaperCode(8)).toMatch(/^[A-HJ-KMNP-Z2-9]{8}$/);
  });
});
