import type { FieldError, PersonalData } from '@openesia/contracts';
// The registries and the people filling the form count dates in Moscow, so a birthday is not "in the future" at 01:00 MSK.
import { moscowToday } from '../shared/moscow-time.js';

/**
 * Cross-field rules of the personal data of seed 000, section 1, step 2, that a single field's
 * schema cannot see. Pure: `now` is passed in. Field formats (СНИЛС checksum, series of 4 digits,
 * code 000-000) are the contracts' schemas; these are the rules between fields and the calendar.
 *
 * Sources: Положение о паспорте гражданина РФ (Указ Президента № 232 от 13.03.1997, ПП РФ № 828
 * от 08.07.1997, п. 1 and п. 7): a passport is issued from 14 years of age and must be replaced at
 * 20 and at 45; a passport is invalid after those birthdays plus the 90 days allowed to replace it
 * (п. 7, as amended by ПП РФ № 1298 от 23.12.2006).
 */

/** Oldest birth date accepted: nobody alive was born earlier, so it is a typing mistake. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';
export const PASSPORT_MIN_AGE = 14;
export const PASSPORT_REPLACEMENT_AGES = [20, 45] as const;
export const PASSPORT_REPLACEMENT_GRACE_DAYS = 90;

/** The date `years` after an ISO date; 29 February becomes 1 March in a non-leap year. */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(y + years, m - 1, d));
  return date.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Age in full years on `today` (ISO dates compare as strings). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age--;
  return age;
}

/**
 * Every violated rule, as field errors with stable codes (texts in web/src/i18n/ru.ts).
 * An empty list means the data may be saved and sent to the registries.
 */
export function checkPersonalDataRules(
  data: Pick<PersonalData, 'birthDate' | 'passport'>,
  now: Date,
): FieldError[] {
  const today = moscowToday(now);
  const errors: FieldError[] = [];
  const { birthDate } = data;
  const issueDate = data.passport.issueDate;

  let birthOk = false;
  if (birthDate > today) errors.push({ path: 'birthDate', code: 'date.in_future' });
  else if (birthDate < EARLIEST_BIRTH_DATE) errors.push({ path: 'birthDate', code: 'birth_date.too_old' });
  else if (ageOn(birthDate, today) < PASSPORT_MIN_AGE)
    errors.push({ path: 'birthDate', code: 'birth_date.too_young' });
  else birthOk = true;

  if (issueDate > today) {
    errors.push({ path: 'passport.issueDate', code: 'date.in_future' });
  } else if (birthOk) {
    if (issueDate < addYears(birthDate, PASSPORT_MIN_AGE)) {
      errors.push({ path: 'passport.issueDate', code: 'passport.issue_before_14' });
    } else if (passportExpiredByAge(birthDate, issueDate, today)) {
      errors.push({ path: 'passport.issueDate', code: 'passport.expired_by_age' });
    }
  }
  return errors;
}

/**
 * A passport issued before the 20th (45th) birthday stops being valid 90 days after that birthday
 * (ПП РФ № 828, п. 7): the person must enter the new passport.
 */
export function passportExpiredByAge(birthDate: string, issueDate: string, today: string): boolean {
  for (const age of PASSPORT_REPLACEMENT_AGES) {
    const birthday = addYears(birthDate, age);
    if (issueDate < birthday && today > addDays(birthday, PASSPORT_REPLACEMENT_GRACE_DAYS)) return true;
  }
  return false;
}

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
