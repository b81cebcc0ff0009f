import { AppError } from '../../lib/errors.js';
import { normalizePersonName } from '../signature/person.js';

/**
 * «Пригласить сотрудника» (seed 000, section 3; DOMAIN.md): a link sent by e-mail, single use,
 * valid 60 days, revocable and resendable; only a person with a confirmed account whose surname and
 * first name are the invitation's can accept it. A resend issues a new link (the old one stops
 * working) valid 60 days from the resend.
 */
export const INVITATION_RULES = {
  validDays: 60,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export function invitationExpiry(sentAt: Date): Date {
  return new Date(sentAt.getTime() + INVITATION_RULES.validDays * DAY_MS);
}

export interface InvitationFacts {
  lastName: string;
  firstName: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationState(invitation: InvitationFacts, now: Date): InvitationState {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return now.getTime() >= invitation.expiresAt.getTime() ? 'expired' : 'pending';
}

/** The refusal for an invitation that can no longer be used, checked before anything else. */
export function assertUsable(invitation: InvitationFacts, now: Date): void {
  const state = invitationState(invitation, now);
  if (state === 'accepted') throw new AppError('invitation.used');
  if (state === 'revoked') throw new AppError('invitation.revoked');
  if (state === 'expired') throw new AppError('invitation.expired');
}

export interface AcceptingPerson {
  level: 'simplified' | 'standard' | 'confirmed';
  lastName: string;
  firstName: string;
  /** already an active member of the inviting organization */
  alreadyMember: boolean;
}

/** Whether `person` may accept: usable, confirmed account, the invited name, not a member yet. */
export function assertAcceptable(invitation: InvitationFacts, person: AcceptingPerson, now: Date): void {
  assertUsable(invitation, now);
  if (person.level !== 'confirmed') throw new AppError('invitation.account_not_confirmed');
  const same = (a: string, b: string) => normalizePersonName(a) === normalizePersonName(b);
  if (!same(invitation.lastName, person.lastName) || !same(invitation.firstName, person.firstName))
    throw new AppError('invitation.name_mismatch');
  if (person.alreadyMember) throw new AppError('invitation.already_member');
}

/** Revoking or resending concerns a pending invitation only (an expired one may be resent). */
export function assertCanRevoke(invitation: InvitationFacts, now: Date): void {
  assertUsable(invitation, now);
}

export function assertCanResend(invitation: InvitationFacts, now: Date): void {
  const state = invitationState(invitation, now);
  if (state === 'accepted') throw new AppError('invitation.used');
  if (state === 'revoked') throw new AppError('invitation.revoked');
}
