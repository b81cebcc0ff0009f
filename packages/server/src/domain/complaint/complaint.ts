import type { ComplaintStatus, OrganizationRole } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';

const DAY_MS = 86_400_000;

/**
 * Complaints about an organization's service centers (issue 10, item 5; seed 003, appendix 1: the
 * responsible person «несет ответственность за осуществление операций, выполняемых в Центрах
 * обслуживания», and the federal operator may block the organization «при наличии жалоб … и в
 * отсутствие реагирования Ответственного»). Pure: the time is passed in.
 */

/**
 * When the answer is due: `days` calendar days after the complaint was filed
 * (COMPLAINT_ANSWER_DAYS). Calendar days, not working days: no production calendar of the
 * Russian holidays is kept here, and a deadline that a holiday moves would differ between regions.
 * Stored with the complaint, so a changed setting does not move the deadlines already given.
 */
export function answerDueAt(filedAt: Date, days: number): Date {
  return new Date(filedAt.getTime() + days * DAY_MS);
}

export function complaintStatus(complaint: { answeredAt: Date | null }): ComplaintStatus {
  return complaint.answeredAt ? 'answered' : 'awaiting_answer';
}

/** Awaiting an answer after its due time. */
export function isOverdue(complaint: { answeredAt: Date | null; answerDueAt: Date }, now: Date): boolean {
  return !complaint.answeredAt && complaint.answerDueAt.getTime() < now.getTime();
}

/**
 * Who reads and answers an organization's complaints: the responsible person named in its latest
 * approved application (seed 003, appendix 1, «Данные об УЛ»), and its head and administrators —
 * the technological officer of seed 004, step 2.1 («получение жалоб»), is to be made an
 * administrator, and before any application is approved nobody else is named.
 */
export function mayHandleComplaints(
  member: { personId: string; roles: readonly OrganizationRole[] },
  responsibleAccountId: string | null,
): boolean {
  return (
    member.roles.includes('head') ||
    member.roles.includes('administrator') ||
    member.personId === responsibleAccountId
  );
}

export function assertMayHandleComplaints(
  member: { personId: string; roles: readonly OrganizationRole[] },
  responsibleAccountId: string | null,
): void {
  if (!mayHandleComplaints(member, responsibleAccountId)) throw new AppError('complaint.not_responsible');
}

/** A complaint is answered once: the answer sent to the complainant is not taken back. */
export function assertAnswerable(complaint: { answeredAt: Date | null }): void {
  if (complaint.answeredAt) throw new AppError('complaint.already_answered');
}
