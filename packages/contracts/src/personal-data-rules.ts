import type { FieldError } from './errors.js';

/**
 * The calendar rules of personal data (seed 000, section 1, step 2) that a single field's schema
 * cannot see, shared so the form gives every verdict at once, before any request, and the server
 * the same one. Pure: `now` is passed in. The server applies the same function
 * again (domain/citizen/personal-data.ts) as the authority.
 *
 * Sources: Положение о паспорте гражданина РФ (Указ Президента № 232 от 13.03.1997, ПП РФ № 828
 * от 08.07.1997, п. 1 and п. 7): a passport is issued from 14 years of age and must be replaced at
 * 20 and at 45; a passport is invalid after those birthdays plus the 90 days allowed to replace it.
 */
const EARLIEST_BIRTH_DATE = '1900-01-01';
const PASSPORT_MIN_AGE = 14;
const PASSPORT_REPLACEMENT_AGES = [20, 45] as const;
const PASSPORT_REPLACEMENT_GRACE_DAYS = 90;
// Registries and people count dates in Moscow (UTC+3, no daylight saving since 2014, 248-ФЗ).
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;

function moscowToday(now: Date): string {
  return new Date(now.getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 10);
}

/** The date `years` after an ISO date; 29 February becomes 1 March in a non-leap year. */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Age in full years on `today` (ISO dates compare as strings). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Every violated rule, as field errors with stable codes; dates are ISO (`YYYY-MM-DD`), already well-formed. */
export function personalDataCalendarErrors(
  data: { birthDate: string; passport: { issueDate: string } },
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

  if (issueDate > today) errors.push({ path: 'passport.issueDate', code: 'date.in_future' });
  else if (birthOk) {
    if (issueDate < addYears(birthDate, PASSPORT_MIN_AGE))
      errors.push({ path: 'passport.issueDate', code: 'passport.issue_before_14' });
    else if (passportExpiredByAge(birthDate, issueDate, today))
      errors.push({ path: 'passport.issueDate', code: 'passport.expired_by_age' });
  }
  return errors;
}

function passportExpiredByAge(birthDate: string, issueDate: string, today: string): boolean {
  return PASSPORT_REPLACEMENT_AGES.some((age) => {
    const birthday = addYears(birthDate, age);
    return issueDate < birthday && today > addDays(birthday, PASSPORT_REPLACEMENT_GRACE_DAYS);
  });
}
