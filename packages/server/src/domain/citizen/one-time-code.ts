import { ONE_TIME_CODE_MAX_ATTEMPTS } from '@openesia/contracts';
/**
 * Rules of the one-time codes sent by SMS or e-mail for registration (seed 000, section 1, step 1)
 * and password recovery. Pure: every function takes the current time.
 *
 * - a code is 6 digits, single use, valid 5 minutes, and allows 3 wrong tries;
 * - a new code may be requested no sooner than 60 s after the previous one;
 * - at most 5 messages per destination per hour (an SMS bomb costs money and annoys the owner),
 *   and at most 20 per requesting IP address per hour;
 * - an e-mail link carries a 256-bit token instead of a code: it cannot be guessed, so it lives
 *   24 hours (mail is slow and read later) and has no try limit.
 */
export const CODE_RULES = Object.freeze({
  length: 6,
  ttlMs: 5 * 60_000,
  linkTtlMs: 24 * 60 * 60_000,
  // shared with the form, which counts the tries left (contracts/citizen.ts)
  maxAttempts: ONE_TIME_CODE_MAX_ATTEMPTS,
  resendAfterMs: 60_000,
  windowMs: 60 * 60_000,
  maxSendsPerDestination: 5,
  maxSendsPerIp: 20,
  /** after the code is accepted, the password must be set within this time */
  completionTtlMs: 30 * 60_000,
});

export interface CodeState {
  attempts: number;
  expiresAt: Date;
  /** set once the code was accepted: it is single use */
  verifiedAt: Date | null;
  completedAt: Date | null;
}

export type CodeRefusal = 'code.invalid' | 'code.expired' | 'code.attempts_exhausted';

/** Whether a code may still be tried at all (before comparing it). */
export function codeUsable(state: CodeState, now: Date): { ok: true } | { ok: false; code: CodeRefusal } {
  if (state.verifiedAt || state.completedAt) return { ok: false, code: 'code.invalid' };
  if (state.attempts >= CODE_RULES.maxAttempts) return { ok: false, code: 'code.attempts_exhausted' };
  if (now.getTime() >= state.expiresAt.getTime()) return { ok: false, code: 'code.expired' };
  return { ok: true };
}

/**
 * The outcome of one entry of a code. A wrong entry uses a try; the last wrong try already says
 * that the tries are exhausted, so the person knows to ask for a new code.
 */
export function enterCode(
  state: CodeState,
  matches: boolean,
  now: Date,
): { accepted: true } | { accepted: false; code: CodeRefusal; attempts: number } {
  const usable = codeUsable(state, now);
  if (!usable.ok) return { accepted: false, code: usable.code, attempts: state.attempts };
  if (matches) return { accepted: true };
  const attempts = state.attempts + 1;
  return {
    accepted: false,
    code: attempts >= CODE_RULES.maxAttempts ? 'code.attempts_exhausted' : 'code.invalid',
    attempts,
  };
}

export type SendRefusal = {
  ok: false;
  code: 'code.resend_too_early' | 'code.hourly_limit';
  retryAfterSeconds: number;
};

/** A new code for the same registration or recovery: not sooner than 60 s after the last one. */
export function checkResendInterval(lastSentAt: Date, now: Date): { ok: true } | SendRefusal {
  const wait = lastSentAt.getTime() + CODE_RULES.resendAfterMs - now.getTime();
  if (wait > 0)
    return { ok: false, code: 'code.resend_too_early', retryAfterSeconds: Math.ceil(wait / 1000) };
  return { ok: true };
}

export function resendAvailableAt(lastSentAt: Date): Date {
  return new Date(lastSentAt.getTime() + CODE_RULES.resendAfterMs);
}

/**
 * Hourly caps over a sliding window. `byDestination` and `byIp` are the times of earlier sends
 * (any order); `byIp` is null when per-address limits are switched off (config.rateLimits).
 */
export function checkSendQuota(
  byDestination: readonly Date[],
  byIp: readonly Date[] | null,
  now: Date,
): { ok: true } | SendRefusal {
  const from = now.getTime() - CODE_RULES.windowMs;
  const retryAfter = (times: readonly Date[], max: number) => {
    const recent = times
      .map((t) => t.getTime())
      .filter((t) => t > from)
      .sort((a, b) => a - b);
    if (recent.length < max) return 0;
    // The window frees a slot when the oldest of the last `max` sends leaves it.
    return Math.max(1, Math.ceil((recent[recent.length - max] + CODE_RULES.windowMs - now.getTime()) / 1000));
  };
  const wait = Math.max(
    retryAfter(byDestination, CODE_RULES.maxSendsPerDestination),
    byIp ? retryAfter(byIp, CODE_RULES.maxSendsPerIp) : 0,
  );
  if (wait > 0) return { ok: false, code: 'code.hourly_limit', retryAfterSeconds: wait };
  return { ok: true };
}

/** Whether the person may still set the password after the code or link was accepted. */
export function completionOpen(
  verifiedAt: Date | null,
  completedAt: Date | null,
  now: Date,
): 'open' | 'not_verified' | 'completed' | 'expired' {
  if (completedAt) return 'completed';
  if (!verifiedAt) return 'not_verified';
  if (now.getTime() - verifiedAt.getTime() > CODE_RULES.completionTtlMs) return 'expired';
  return 'open';
}
