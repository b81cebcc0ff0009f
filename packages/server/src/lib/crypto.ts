import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  randomInt,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';

/**
 * Personal data at rest (passport, СНИЛС, postal address): AES-256-GCM with a random 96-bit nonce.
 * Layout: version(1) | nonce(12) | tag(16) | ciphertext. The version byte leaves room for key rotation.
 */
export class FieldCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  }

  encrypt(plaintext: string, associatedData: string): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    // The associated data binds a ciphertext to its row: it cannot be moved to another account.
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([1]), nonce, cipher.getAuthTag(), body]);
  }

  decrypt(blob: Buffer, associatedData: string): string {
    if (blob[0] !== 1) throw new Error('unknown ciphertext version');
    const decipher = createDecipheriv('aes-256-gcm', this.key, blob.subarray(1, 13));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(blob.subarray(13, 29));
    return Buffer.concat([decipher.update(blob.subarray(29)), decipher.final()]).toString('utf8');
  }

  encryptJson(value: unknown, associatedData: string): Buffer {
    return this.encrypt(JSON.stringify(value), associatedData);
  }

  decryptJson<T>(blob: Buffer, associatedData: string): T {
    return JSON.parse(this.decrypt(blob, associatedData)) as T;
  }
}

/** Keyed hash for equality search over encrypted values (СНИЛС, passport series+number). */
export class LookupHasher {
  constructor(private readonly key: Buffer) {}
  hash(kind: string, value: string): string {
    return createHmac('sha256', this.key).update(`${kind}:${value}`).digest('hex');
  }
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** URL-safe random token for cookies, links and completion steps (256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function randomDigits(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String(randomInt(10));
  return s;
}

/** Letters and digits that cannot be confused when read from paper (no 0/O, 1/I/L). */
const PAPER_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function randomPaperCode(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += PAPER_ALPHABET[randomInt(PAPER_ALPHABET.length)];
  return s;
}

export function safeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export const newId = (): string => randomUUID();
