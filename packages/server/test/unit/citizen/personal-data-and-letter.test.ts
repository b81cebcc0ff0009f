import { describe, expect, it } from 'vitest';
import {
  addYears,
  ageOn,
  checkPersonalDataRules,
  lockedFieldChanges,
  SUBMISSION_RULES,
  submissionRetryAfter,
} from '../../../src/domain/citizen/personal-data.js';
import { moscowDate, moscowDateTime, moscowToday } from '../../../src/domain/shared/moscow-time.js';
import {
  decideCodeEntry,
  effectiveLetterState,
  letterExpiresAt,
  POST_CODE_MAX_ATTEMPTS,
} from '../../../src/domain/citizen/post-letter.js';
import {
  levelAfterChecks,
  recordCheckResult,
  startVerification,
} from '../../../src/domain/citizen/verification.js';

const now = new Date('2026-11-23T09:00:00Z');
const data = (birthDate: string, issueDate: string) => ({
  birthDate,
  passport: { series: '1905', number: '123456', issueDate, issuedBy: 'x', issuerCode: '350-001' },
});

describe('personal data cross-field rules', () => {
  it('accepts an adult with a passport issued after the 14th birthday', () => {
    expect(checkPersonalDataRules(data('1985-03-12', '2010-04-20'), now)).toEqual([]);
  });

  it('refuses a birth date in the future with date.in_future', () => {
    expect(checkPersonalDataRules(data('2026-11-24', '2010-04-20'), now)).toContainEqual({
      path: 'birthDate',
      code: 'date.in_future',
    });
  });

  it('allows 5 personal-data submissions an hour, then says when the oldest leaves the window', () => {
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    const four = [50, 40, 30, 20].map(minutesAgo);
    expect(submissionRetryAfter(four, now)).toBe(0);
    expect(submissionRetryAfter([minutesAgo(50), ...four], now)).toBe(10 * 60);
    // Older than the window: not counted.
    expect(submissionRetryAfter([minutesAgo(61), ...four], now)).toBe(0);
    expect(SUBMISSION_RULES.maxPerWindow).toBe(5);
  });

  it('prints dates and times in Moscow time, a day ahead after 21:00 UTC', () => {
    expect(moscowDate(new Date('2026-12-31T21:30:00Z'))).toBe('01.01.2027');
    expect(moscowDateTime(new Date('2026-11-23T21:30:05Z'))).toBe('24.11.2026 00:30:05 (МСК)');
  });

  it('counts today in Moscow: 23:30 UTC is already the next day', () => {
    expect(moscowToday(new Date('2026-11-23T21:30:00Z'))).toBe('2026-11-24');
    expect(
      checkPersonalDataRules(data('1985-03-12', '2026-11-24'), new Date('2026-11-23T21:30:00Z')),
    ).toEqual([]);
  });

  it('refuses a birth date before 1900 with birth_date.too_old', () => {
    expect(checkPersonalDataRules(data('1899-12-31', '2010-04-20'), now)).toContainEqual({
      path: 'birthDate',
      code: 'birth_date.too_old',
    });
  });

  it('refuses a person who turns 14 tomorrow and accepts them on their birthday', () => {
    expect(checkPersonalDataRules(data('2012-11-24', '2026-11-23'), now)).toContainEqual({
      path: 'birthDate',
      code: 'birth_date.too_young',
    });
    expect(checkPersonalDataRules(data('2012-11-23', '2026-11-23'), now)).toEqual([]);
  });

  it('refuses a passport issued before the 14th birthday or in the future', () => {
    expect(checkPersonalDataRules(data('1985-03-12', '1999-03-11'), now)).toEqual([
      { path: 'passport.issueDate', code: 'passport.issue_before_14' },
    ]);
    expect(checkPersonalDataRules(data('1985-03-12', '2027-01-01'), now)).toEqual([
      { path: 'passport.issueDate', code: 'date.in_future' },
    ]);
  });

  it('refuses a passport not replaced at 20 or 45 after the 90 days allowed, and accepts it within them', () => {
    expect(checkPersonalDataRules(data('1980-01-10', '2010-01-01'), now)).toEqual([
      { path: 'passport.issueDate', code: 'passport.expired_by_age' },
    ]);
    expect(checkPersonalDataRules(data('2006-10-01', '2020-10-05'), now)).toEqual([]);
    expect(checkPersonalDataRules(data('2006-06-01', '2020-10-05'), now)).toEqual([
      { path: 'passport.issueDate', code: 'passport.expired_by_age' },
    ]);
  });

  it('computes ages and anniversaries across leap days', () => {
    expect(ageOn('2000-02-29', '2014-02-28')).toBe(13);
    expect(ageOn('2000-02-29', '2014-03-01')).toBe(14);
    expect(addYears('2000-02-29', 14)).toBe('2014-03-01');
  });

  it('names the identifying fields a confirmed account tries to change', () => {
    const current = { snils: '11223344595', birthDate: '1985-03-12', gender: 'M' };
    expect(lockedFieldChanges(current, { ...current })).toEqual([]);
    expect(
      lockedFieldChanges(current, { ...current, snils: '12345678964', gender: 'F' }).map((e) => e.path),
    ).toEqual(['snils', 'gender']);
  });
});

describe('the check state machine', () => {
  it('stays in progress until both registries answered, then passes', () => {
    const sut = startVerification(1);
    const first = recordCheckResult(sut, 1, 'snils', { passed: true });
    expect(first).toMatchObject({
      kind: 'recorded',
      completed: false,
      next: { state: 'in_progress', snils: 'passed' },
    });
    if (first.kind !== 'recorded') throw new Error();
    const second = recordCheckResult(first.next, 1, 'passport', { passed: true });
    expect(second).toMatchObject({
      kind: 'recorded',
      completed: true,
      passed: true,
      reasons: [],
      next: { state: 'passed' },
    });
  });

  it('fails with every reason once both answered', () => {
    const a = recordCheckResult(startVerification(3), 3, 'passport', {
      passed: false,
      reason: 'passport.invalid',
    });
    if (a.kind !== 'recorded') throw new Error();
    expect(a.completed).toBe(false);
    const b = recordCheckResult(a.next, 3, 'snils', { passed: false, reason: 'snils.not_found' });
    expect(b).toMatchObject({
      completed: true,
      passed: false,
      reasons: ['snils.not_found', 'passport.invalid'],
      next: { state: 'failed' },
    });
  });

  it('ignores an answer about an older submission and a repeated answer', () => {
    const sut = startVerification(2);
    expect(recordCheckResult(sut, 1, 'snils', { passed: true })).toEqual({
      kind: 'ignored',
      why: 'stale_revision',
    });
    const a = recordCheckResult(sut, 2, 'snils', { passed: true });
    if (a.kind !== 'recorded') throw new Error();
    expect(recordCheckResult(a.next, 2, 'snils', { passed: false, reason: 'snils.not_found' })).toEqual({
      kind: 'ignored',
      why: 'already_answered',
    });
  });

  it('returns a confirmed person to confirmed and everyone else to standard when checks pass', () => {
    expect(levelAfterChecks(true, true)).toBe('confirmed');
    expect(levelAfterChecks(true, false)).toBe('standard');
    expect(levelAfterChecks(false, true)).toBe('simplified');
  });
});

describe('the letter with a code', () => {
  const ordered = new Date('2026-11-01T10:00:00Z');
  const letter = (state: any, attempts = 0) => ({ state, attempts, expiresAt: letterExpiresAt(ordered) });

  it('expires 30 days after ordering', () => {
    expect(effectiveLetterState(letter('delivered'), new Date('2026-12-01T09:59:59Z'))).toBe('delivered');
    expect(effectiveLetterState(letter('delivered'), new Date('2026-12-01T10:00:00Z'))).toBe('expired');
  });

  it('confirms with the right code of a sent or delivered letter', () => {
    expect(decideCodeEntry(letter('sent'), true, now)).toEqual({ kind: 'confirm' });
    expect(decideCodeEntry(letter('delivered'), true, now)).toEqual({ kind: 'confirm' });
  });

  it('refuses a letter not yet with the post without counting an attempt', () => {
    expect(decideCodeEntry(letter('created'), true, now)).toEqual({
      kind: 'refuse',
      code: 'post_letter.not_delivered',
    });
  });

  it('voids the letter on the fifth wrong code', () => {
    expect(decideCodeEntry(letter('delivered', 0), false, now)).toEqual({
      kind: 'wrong',
      attempts: 1,
      code: 'code.invalid',
    });
    expect(decideCodeEntry(letter('delivered', POST_CODE_MAX_ATTEMPTS - 1), false, now)).toEqual({
      kind: 'wrong',
      attempts: POST_CODE_MAX_ATTEMPTS,
      code: 'code.attempts_exhausted',
      markState: 'cancelled',
    });
  });

  it('refuses even the right code after expiry and marks the letter expired', () => {
    expect(decideCodeEntry(letter('delivered'), true, new Date('2026-12-02T00:00:00Z'))).toEqual({
      kind: 'refuse',
      code: 'code.expired',
      markState: 'expired',
    });
  });
});
