import { digitsOnly, isValidSnils, normalizeEmail, normalizeMobilePhone } from '@openesia/contracts';

/**
 * «Войти»: one field takes a mobile phone, an e-mail or a СНИЛС, as ESIA's sign-in form does.
 * An 11-digit number starting with 7 or 8 may be both a phone and a valid СНИЛС, so a login can
 * have two readings; they are tried in the order given.
 */
export type LoginReading =
  { kind: 'phone'; value: string } | { kind: 'email'; value: string } | { kind: 'snils'; value: string };

export function readLogin(login: string): LoginReading[] {
  const trimmed = login.trim();
  if (trimmed.includes('@')) {
    const email = normalizeEmail(trimmed);
    return email ? [{ kind: 'email', value: email }] : [];
  }
  const readings: LoginReading[] = [];
  const phone = normalizeMobilePhone(trimmed);
  if (phone) readings.push({ kind: 'phone', value: phone });
  if (/^[\d\s-]+$/.test(trimmed) && digitsOnly(trimmed).length === 11 && isValidSnils(trimmed)) {
    readings.push({ kind: 'snils', value: digitsOnly(trimmed) });
  }
  return readings;
}

/** The same login however typed, for throttling unknown logins: "+7 912…" and "8912…" are one. */
export function loginKey(login: string): string {
  const [first] = readLogin(login);
  return first ? `${first.kind}:${first.value}` : `raw:${login.trim().toLowerCase()}`;
}

/**
 * Temporary lockout after repeated wrong passwords (OWASP ASVS 2.2.1): 5 wrong in a row lock
 * sign-in for 15 minutes; a success resets the count. The same rule applies to logins that match
 * no account, so a lockout reveals nothing about which logins exist.
 *
 * Parallel guesses: an attempt takes one of the slots the count has left BEFORE its password is
 * checked, and is counted as a failure until it proves right. So a burst of guesses against an
 * account with 4 failures gets one password check, not one per request. While every slot is
 * held by attempts still being checked, a new attempt waits (up to `slotWaitMs`) instead of
 * being checked; slots held longer than that (a process died mid-check) count as failures.
 */
export const LOCKOUT_RULES = Object.freeze({
  maxFailures: 5,
  lockMs: 15 * 60_000,
  slotWaitMs: 5_000,
  slotPollMs: 100,
});

export interface LockoutState {
  failures: number;
  lockedUntil: Date | null;
}

export function lockedFor(state: LockoutState, now: Date): number {
  if (!state.lockedUntil) return 0;
  const ms = state.lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

export type SlotDecision =
  { kind: 'taken'; next: LockoutState } | { kind: 'locked'; retryAfterSeconds: number } | { kind: 'busy' };

/** Whether an attempt may have its password checked now, and the count once it is taken. */
export function takeSlot(state: LockoutState, now: Date): SlotDecision {
  const wait = lockedFor(state, now);
  if (wait > 0) return { kind: 'locked', retryAfterSeconds: wait };
  // A lockout that has run out starts a fresh count.
  const failures = state.lockedUntil ? 0 : state.failures;
  if (failures >= LOCKOUT_RULES.maxFailures) return { kind: 'busy' };
  return { kind: 'taken', next: { failures: failures + 1, lockedUntil: null } };
}

/** After a wrong password: the lockout starts once the count has used every slot. */
export function lockWhenSpent(state: LockoutState, now: Date): LockoutState & { lockedNow: boolean } {
  if (lockedFor(state, now) > 0 || state.failures < LOCKOUT_RULES.maxFailures)
    return { ...state, lockedNow: false };
  return {
    failures: state.failures,
    lockedUntil: new Date(now.getTime() + LOCKOUT_RULES.lockMs),
    lockedNow: true,
  };
}

/** "+79123456789" -> "+7 (912) ***-**-89", "ivan@example.ru" -> "iv***@example.ru". */
export function maskDestination(channel: 'phone' | 'email', value: string): string {
  if (channel === 'phone') {
    const d = value.replace(/^\+7/, '');
    return `+7 (${d.slice(0, 3)}) ***-**-${d.slice(8)}`;
  }
  const [local, domain] = value.split('@');
  return `${local.slice(0, Math.min(2, local.length))}***@${domain}`;
}
