import { describe, expect, it } from 'vitest';
import {
  LOCKOUT_RULES,
  afterFailedLogin,
  lockedFor,
  loginKey,
  maskDestination,
  readLogin,
} from '../../../src/domain/citizen/login.js';

const t0 = new Date('2026-11-23T09:00:00Z');

describe('sign-in rules', () => {
  it('reads a login as a phone, an e-mail or a СНИЛС', () => {
    expect(readLogin('8 (912) 345-67-89')).toEqual([{ kind: 'phone', value: '+79123456789' }]);
    expect(readLogin(' Ivan@Example.RU ')).toEqual([{ kind: 'email', value: 'ivan@example.ru' }]);
    expect(readLogin('112-233-445 95')).toEqual([{ kind: 'snils', value: '11223344595' }]);
    expect(readLogin('не логин')).toEqual([]);
  });

  it('keys one login the same however it is typed', () => {
    expect(loginKey('+7 912 345-67-89')).toBe(loginKey('89123456789'));
  });

  it('locks sign-in for 15 minutes after the fifth wrong password in a row', () => {
    let state = { failures: 0, lockedUntil: null as Date | null };
    for (let i = 1; i < LOCKOUT_RULES.maxFailures; i++) {
      const next = afterFailedLogin(state, t0);
      expect(next.lockedNow).toBe(false);
      state = next;
    }
    const locked = afterFailedLogin(state, t0);
    expect(locked.lockedNow).toBe(true);
    expect(lockedFor(locked, t0)).toBe(15 * 60);
    expect(lockedFor(locked, new Date(t0.getTime() + LOCKOUT_RULES.lockMs))).toBe(0);
  });

  it('starts a fresh count once a lockout has run out', () => {
    const expired = { failures: 5, lockedUntil: new Date(t0.getTime() - 1) };
    expect(afterFailedLogin(expired, t0)).toEqual({ failures: 1, lockedUntil: null, lockedNow: false });
  });

  it('masks destinations', () => {
    expect(maskDestination('phone', '+79123456789')).toBe('+7 (912) ***-**-89');
    expect(maskDestination('email', 'ivan@example.ru')).toBe('iv***@example.ru');
  });
});
