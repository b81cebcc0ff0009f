import { describe, expect, it } from 'vitest';
import {
  CODE_RULES,
  checkResendInterval,
  checkSendQuota,
  codeUsable,
  completionOpen,
  enterCode,
} from '../../../src/domain/citizen/one-time-code.js';

const t0 = new Date('2026-11-23T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const fresh = { attempts: 0, expiresAt: at(CODE_RULES.ttlMs), verifiedAt: null, completedAt: null };

describe('one-time code rules', () => {
  it('accepts the right code within five minutes', () => {
    expect(enterCode(fresh, true, at(CODE_RULES.ttlMs - 1))).toEqual({ accepted: true });
  });

  it('refuses a code at its expiry with code.expired, even when it matches', () => {
    expect(enterCode(fresh, true, at(CODE_RULES.ttlMs))).toEqual({
      accepted: false,
      code: 'code.expired',
      attempts: 0,
    });
  });

  it('counts wrong tries and says so on the third', () => {
    const first = enterCode(fresh, false, t0);
    expect(first).toEqual({ accepted: false, code: 'code.invalid', attempts: 1 });
    const second = enterCode({ ...fresh, attempts: 1 }, false, t0);
    expect(second).toEqual({ accepted: false, code: 'code.invalid', attempts: 2 });
    const third = enterCode({ ...fresh, attempts: 2 }, false, t0);
    expect(third).toEqual({ accepted: false, code: 'code.attempts_exhausted', attempts: 3 });
  });

  it('refuses even the right code once the tries are exhausted', () => {
    expect(enterCode({ ...fresh, attempts: 3 }, true, t0)).toEqual({
      accepted: false,
      code: 'code.attempts_exhausted',
      attempts: 3,
    });
  });

  it('makes a code single use', () => {
    expect(codeUsable({ ...fresh, verifiedAt: t0 }, t0)).toEqual({ ok: false, code: 'code.invalid' });
  });

  it('allows a new code no sooner than 60 seconds after the last', () => {
    expect(checkResendInterval(t0, at(59_001))).toEqual({
      ok: false,
      code: 'code.resend_too_early',
      retryAfterSeconds: 1,
    });
    expect(checkResendInterval(t0, at(60_000))).toEqual({ ok: true });
  });

  it('caps sends per destination per hour and says when the next slot frees', () => {
    const sends = [0, 10, 20, 30, 40].map((m) => at(m * 60_000));
    expect(checkSendQuota(sends.slice(0, 4), [], at(45 * 60_000))).toEqual({ ok: true });
    expect(checkSendQuota(sends, [], at(45 * 60_000))).toEqual({
      ok: false,
      code: 'code.hourly_limit',
      retryAfterSeconds: 15 * 60,
    });
    expect(checkSendQuota(sends, [], at(60 * 60_000 + 1))).toEqual({ ok: true });
  });

  it('caps sends per requesting address, unless address limits are off', () => {
    const many = Array.from({ length: CODE_RULES.maxSendsPerIp }, (_, i) => at(i * 1000));
    expect(checkSendQuota([], many, at(60_000))).toMatchObject({ ok: false, code: 'code.hourly_limit' });
    expect(checkSendQuota([], null, at(60_000))).toEqual({ ok: true });
  });

  it('keeps the password step open for 30 minutes after the code was accepted', () => {
    expect(completionOpen(null, null, t0)).toBe('not_verified');
    expect(completionOpen(t0, null, at(CODE_RULES.completionTtlMs))).toBe('open');
    expect(completionOpen(t0, null, at(CODE_RULES.completionTtlMs + 1))).toBe('expired');
    expect(completionOpen(t0, at(1), at(2))).toBe('completed');
  });
});
