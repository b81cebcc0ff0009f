import { describe, expect, it } from 'vitest';
import {
  answerDueAt,
  assertAnswerable,
  assertMayHandleComplaints,
  complaintStatus,
  isOverdue,
} from '../../../src/domain/complaint/complaint.js';
import { assertMayBlock, assertMayUnblock } from '../../../src/domain/organization/blocking.js';

function codeOf(fn: () => void): string {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

const filed = new Date('2026-11-23T09:00:00Z');

describe('a complaint’s deadline', () => {
  it('is the given number of calendar days after filing, whatever the weekdays', () => {
    // 23.11.2026 is a Monday: ten calendar days, not ten working days, end on Thursday 03.12.
    expect(answerDueAt(filed, 10).toISOString()).toBe('2026-12-03T09:00:00.000Z');
    expect(answerDueAt(filed, 1).toISOString()).toBe('2026-11-24T09:00:00.000Z');
  });

  it('is overdue only while unanswered and past its due time', () => {
    const due = answerDueAt(filed, 10);
    const complaint = { answeredAt: null, answerDueAt: due };
    expect(isOverdue(complaint, due)).toBe(false);
    expect(isOverdue(complaint, new Date(due.getTime() + 1))).toBe(true);
    expect(isOverdue({ answeredAt: filed, answerDueAt: due }, new Date(due.getTime() + 1))).toBe(false);
    expect(complaintStatus(complaint)).toBe('awaiting_answer');
    expect(complaintStatus({ answeredAt: filed })).toBe('answered');
  });

  it('is answered once', () => {
    expect(codeOf(() => assertAnswerable({ answeredAt: null }))).toBe('no error');
    expect(codeOf(() => assertAnswerable({ answeredAt: filed }))).toBe('complaint.already_answered');
  });
});

describe('who answers an organization’s complaints', () => {
  const person = 'a0000000-0000-4000-8000-000000000001';
  const other = 'a0000000-0000-4000-8000-000000000002';

  it('is the head, an administrator or the responsible person of the approved application', () => {
    expect(codeOf(() => assertMayHandleComplaints({ personId: person, roles: ['head'] }, null))).toBe(
      'no error',
    );
    expect(
      codeOf(() => assertMayHandleComplaints({ personId: person, roles: ['administrator'] }, null)),
    ).toBe('no error');
    expect(codeOf(() => assertMayHandleComplaints({ personId: person, roles: ['employee'] }, person))).toBe(
      'no error',
    );
  });

  it('is not another employee', () => {
    expect(codeOf(() => assertMayHandleComplaints({ personId: person, roles: ['employee'] }, other))).toBe(
      'complaint.not_responsible',
    );
    expect(codeOf(() => assertMayHandleComplaints({ personId: person, roles: ['employee'] }, null))).toBe(
      'complaint.not_responsible',
    );
  });
});

describe('blocking an organization', () => {
  it('blocks a registered organization not blocked, and unblocks a blocked one', () => {
    expect(codeOf(() => assertMayBlock({ status: 'registered', blockedAt: null }))).toBe('no error');
    expect(codeOf(() => assertMayUnblock({ blockedAt: filed }))).toBe('no error');
  });

  it('refuses to block twice, to unblock one not blocked, and to block a registration under way', () => {
    expect(codeOf(() => assertMayBlock({ status: 'registered', blockedAt: filed }))).toBe(
      'organization.already_blocked',
    );
    expect(codeOf(() => assertMayUnblock({ blockedAt: null }))).toBe('organization.not_blocked');
    expect(codeOf(() => assertMayBlock({ status: 'awaiting_regional_operator', blockedAt: null }))).toBe(
      'organization.wrong_state',
    );
  });
});
