import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * What the portal keeps between requests, in the browser rather than in process memory, so any
 * number of server processes serve it: AES-256-GCM seals each value (the state, nonce and PKCE
 * verifier of a sign-in; the tokens and user info after it), so the browser can neither read the
 * person's data in it nor change or swap it. The cookie's name is the additional data: the flow
 * cookie never passes for the session one. Each value carries its own expiry.
 */
export class CookieSealer {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('demo-portal cookies').digest();
  }

  seal(name: string, value: unknown, maxAgeSeconds: number, now = Date.now()): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(name));
    const body = JSON.stringify({ v: value, exp: now + maxAgeSeconds * 1000 });
    const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The value, or null when the cookie is absent, altered, sealed under another name or expired. */
  open<T>(name: string, cookie: string | undefined, now = Date.now()): T | null {
    if (!cookie) return null;
    const raw = Buffer.from(cookie, 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(name));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const body = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      const { v, exp } = JSON.parse(body.toString('utf8')) as { v: T; exp: number };
      return exp > now ? v : null;
    } catch {
      return null;
    }
  }
}
