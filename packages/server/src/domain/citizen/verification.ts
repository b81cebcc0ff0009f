import type { AccountLevel } from '@openesia/contracts';

/**
 * The state machine of the automatic checks of seed 000, section 1, step 2: saving personal data
 * sends the СНИЛС to the pension fund (СФР) and the passport to the migration service (МВД) at
 * once; the outcome is known when both have answered, so the person hears every reason together.
 *
 *   submit ──> in_progress(snils: in_progress, passport: in_progress)
 *   each answer ──> that check passed | failed(reason)
 *   both answered ──> passed (both passed) | failed (any failed)
 *
 * A submission has a revision; an answer about an older revision is ignored (the person changed
 * the data meanwhile and a fresh pair of checks is running).
 */
export type CheckState = 'in_progress' | 'passed' | 'failed';
export type CheckName = 'snils' | 'passport';
export type CheckFailureReason =
  | 'snils.not_found'
  | 'snils.data_mismatch'
  | 'passport.not_found'
  | 'passport.invalid'
  | 'passport.data_mismatch'
  | 'registry.unavailable';

export type CheckResult = { passed: true } | { passed: false; reason: CheckFailureReason };

export interface Verification {
  revision: number;
  state: CheckState;
  snils: CheckState;
  snilsReason: CheckFailureReason | null;
  passport: CheckState;
  passportReason: CheckFailureReason | null;
}

export type RecordOutcome =
  | { kind: 'ignored'; why: 'stale_revision' | 'already_answered' }
  | { kind: 'recorded'; next: Verification; completed: false }
  | { kind: 'recorded'; next: Verification; completed: true; passed: boolean; reasons: CheckFailureReason[] };

export function startVerification(revision: number): Verification {
  return {
    revision,
    state: 'in_progress',
    snils: 'in_progress',
    snilsReason: null,
    passport: 'in_progress',
    passportReason: null,
  };
}

/** Applies one registry's answer; idempotent (a repeated answer is ignored). */
export function recordCheckResult(
  current: Verification,
  revision: number,
  check: CheckName,
  result: CheckResult,
): RecordOutcome {
  if (revision !== current.revision) return { kind: 'ignored', why: 'stale_revision' };
  if (current[check] !== 'in_progress') return { kind: 'ignored', why: 'already_answered' };
  const next: Verification = { ...current };
  next[check] = result.passed ? 'passed' : 'failed';
  if (check === 'snils') next.snilsReason = result.passed ? null : result.reason;
  else next.passportReason = result.passed ? null : result.reason;
  if (next.snils === 'in_progress' || next.passport === 'in_progress')
    return { kind: 'recorded', next, completed: false };
  const reasons = failureReasons(next);
  next.state = reasons.length ? 'failed' : 'passed';
  return { kind: 'recorded', next, completed: true, passed: reasons.length === 0, reasons };
}

export function failureReasons(
  v: Pick<Verification, 'snilsReason' | 'passportReason'>,
): CheckFailureReason[] {
  return [v.snilsReason, v.passportReason].filter((r): r is CheckFailureReason => r !== null);
}

/**
 * The level while the checks run and after them. Decision (docs/PERSONAL-DATA.md): unverified
 * data cannot back a standard level, so any submission puts the account at 'simplified' until
 * the checks pass (DOMAIN.md: a level drops only by deletion or "a data change that must be
 * checked again"). A confirmed account cannot change the fields that identify the person
 * (FIELDS_LOCKED_WHEN_CONFIRMED), so when its new data passes it returns to 'confirmed'.
 */
export function levelWhileChecking(): AccountLevel {
  return 'simplified';
}

export function levelAfterChecks(passed: boolean, wasConfirmed: boolean): AccountLevel {
  if (!passed) return 'simplified';
  return wasConfirmed ? 'confirmed' : 'standard';
}
