import type { FieldError } from '@openesia/contracts';

/**
 * The cross-field and calendar rules of the personal data (seed 000, section 1, step 2: a passport
 * from 14, replaced at 20 and 45, no date in the future) live once, in the contracts, so that the
 * form gives every verdict the server will give, before any request; the server applies them again
 * as the authority (services/citizen/personal-data.ts).
 */
export { addYears, ageOn, personalDataCalendarErrors as checkPersonalDataRules } from '@openesia/contracts';

/**
 * Fields a confirmed account cannot change on the site: they identify the person whose identity
 * was confirmed (СНИЛС, birth date, gender). A mistake there is corrected at a service center,
 * where an operator sees the documents (seed 002: «переподтверждение»).
 */
export const FIELDS_LOCKED_WHEN_CONFIRMED = ['snils', 'birthDate', 'gender'] as const;

export function lockedFieldChanges(
  current: { snils: string; birthDate: string; gender: string },
  next: { snils: string; birthDate: string; gender: string },
): FieldError[] {
  return FIELDS_LOCKED_WHEN_CONFIRMED.filter((f) => current[f] !== next[f]).map((f) => ({
    path: f,
    code: 'personal_data.locked_confirmed',
  }));
}

/**
 * Submissions per account: each one asks two state registries, and a refusal says whether a
 * СНИЛС already has an account, so a person gets a few tries an hour (enough to fix typos), not
 * a way to test numbers one after another.
 */
export const SUBMISSION_RULES = Object.freeze({ maxPerWindow: 5, windowMs: 60 * 60_000 });

export function submissionWindowStart(now: Date): Date {
  return new Date(now.getTime() - SUBMISSION_RULES.windowMs);
}

/** Seconds until another submission is allowed, 0 when it is allowed now. */
export function submissionRetryAfter(recent: Date[], now: Date): number {
  const inWindow = recent
    .filter((t) => t.getTime() > now.getTime() - SUBMISSION_RULES.windowMs)
    .sort((a, b) => a.getTime() - b.getTime());
  if (inWindow.length < SUBMISSION_RULES.maxPerWindow) return 0;
  const freedAt =
    inWindow[inWindow.length - SUBMISSION_RULES.maxPerWindow].getTime() + SUBMISSION_RULES.windowMs;
  return Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000));
}
