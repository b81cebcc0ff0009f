import { describe, expect, it } from 'vitest';
import { CookieSealer } from './sealed-cookie.js';

describe('the portal’s sealed cookies', () => {
  const sut = new CookieSealer('a secret of the test');
  const now = Date.UTC(2026, 0, 1);

  it('opens what it sealed under the same name, before the expiry', () => {
    const sealed = sut.seal('flow', { state: 's', nonce: 'n' }, 60, now);
    expect(sut.open('flow', sealed, now + 59_000)).toEqual({ state: 's', nonce: 'n' });
  });

  it('refuses an expired value', () => {
    const sealed = sut.seal('flow', { state: 's' }, 60, now);
    expect(sut.open('flow', sealed, now + 60_000)).toBeNull();
  });

  it('refuses a value sealed under another cookie’s name', () => {
    const sealed = sut.seal('flow', { state: 's' }, 60, now);
    expect(sut.open('session', sealed, now)).toBeNull();
  });

  it('refuses a value altered by one bit, or sealed with another secret', () => {
    const sealed = Buffer.from(sut.seal('flow', { state: 's' }, 60, now), 'base64url');
    sealed[sealed.length - 1] ^= 1;
    expect(sut.open('flow', sealed.toString('base64url'), now)).toBeNull();
    const other = new CookieSealer('another secret').seal('flow', { state: 's' }, 60, now);
    expect(sut.open('flow', other, now)).toBeNull();
  });

  it('does not show the sealed data to the browser', () => {
    const sealed = sut.seal('session', { snils: '112-233-445 95' }, 60, now);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('112-233');
  });

  it('reads a missing or malformed cookie as nothing', () => {
    expect(sut.open('flow', undefined, now)).toBeNull();
    expect(sut.open('flow', 'short', now)).toBeNull();
    expect(sut.open('flow', 'x'.repeat(80), now)).toBeNull();
  });
});
