import { describe, expect, it } from 'vitest';
import { personalDataCalendarErrors as sut } from './personal-data-rules.js';

const now = new Date('2026-06-15T12:00:00Z');
const check = (birthDate: string, issueDate: string) => sut({ birthDate, passport: { issueDate } }, now);

describe('personal data calendar rules', () => {
  it('accept a birth date and a passport issued at 20', () => {
    expect(check('1990-05-01', '2010-05-20')).toEqual([]);
  });

  it('refuse a birth date and an issue date in the future, both at once', () => {
    expect(check('2027-01-01', '2027-01-02')).toEqual([
      { path: 'birthDate', code: 'date.in_future' },
      { path: 'passport.issueDate', code: 'date.in_future' },
    ]);
  });

  it('refuse a passport issued before the 14th birthday', () => {
    expect(check('2000-03-10', '2014-03-09')).toEqual([
      { path: 'passport.issueDate', code: 'passport.issue_before_14' },
    ]);
  });

  it('refuse a person younger than 14 and a birth date before 1900', () => {
    expect(check('2015-01-01', '2020-01-01')).toEqual([{ path: 'birthDate', code: 'birth_date.too_young' }]);
    expect(check('1899-12-31', '2020-01-01')).toEqual([{ path: 'birthDate', code: 'birth_date.too_old' }]);
  });

  it('refuse a passport not replaced 90 days after the 20th birthday', () => {
    expect(check('2000-01-01', '2015-01-01')).toEqual([
      { path: 'passport.issueDate', code: 'passport.expired_by_age' },
    ]);
  });

  it('count the day in Moscow: 23:30 UTC is already the next day', () => {
    const late = new Date('2026-06-14T22:30:00Z');
    expect(sut({ birthDate: '1990-01-01', passport: { issueDate: '2026-06-15' } }, late)).toEqual([]);
  });
});
