import { describe, expect, it } from 'vitest';
import {
  LOCKOUT_RULES,
  lockWhenSpent,
  lockedFor,
  loginKey,
  maskDestination,
  readLogin,
  takeSlot,
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
    for (let i = 1; i <= LOCKOUT_RULES.maxFailures; i++) {
      const slot = takeSlot(state, t0);
      if (slot.kind !== 'taken') throw new Error(`slot ${i} refused`);
      state = slot.next;
      const after = lockWhenSpent(state, t0);
      expect(after.lockedNow).toBe(i === LOCKOUT_RULES.maxFailures);
      state = after;
    }
    expect(lockedFor(state, t0)).toBe(15 * 60);
    expect(takeSlot(state, t0)).toEqual({ kind: 'locked', retryAfterSeconds: 15 * 60 });
    expect(lockedFor(state, new Date(t0.getTime() + LOCKOUT_RULES.lockMs))).toBe(0);
  });

  it('counts an attempt before its password is checked: with 4 failures one slot is left, then all are busy', () => {
    const four = { failures: 4, lockedUntil: null };
    const slot = takeSlot(four, t0);
    expect(slot).toEqual({ kind: 'taken', next: { failures: 5, lockedUntil: null } });
    // The fifth attempt is still being checked: the next one waits, unchecked.
    expect(takeSlot({ failures: 5, lockedUntil: null }, t0)).toEqual({ kind: 'busy' });
    // A wrong answer to an attempt taken below the limit does not lock.
    expect(lockWhenSpent({ failures: 3, lockedUntil: null }, t0).lockedNow).toBe(false);
  });

  it('starts a fresh count once a lockout has run out', () => {
    const expired = { failures: 5, lockedUntil: new Date(t0.getTime() - 1) };
    expect(takeSlot(expired, t0)).toEqual({ kind: 'taken', next: { failures: 1, lockedUntil: null } });
  });

  it('masks destinations', () => {
    expect(maskDestination('phone', '+79123456789')).toBe('+7 (912) ***-**-89');
    expect(maskDestination('email', 'ivan@example.ru')).toBe('iv***@example.ru');
  });
});
