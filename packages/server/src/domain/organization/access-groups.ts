import type { AccessGroup, OrganizationApproval, OrganizationStatus } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';
import { approvalOpening } from './approvals.js';

export type GroupAvailability =
  | { open: true }
  | { open: false; reason: 'organization_not_registered' }
  | { open: false; reason: 'organization_blocked' }
  | { open: false; reason: 'approval_missing'; approval: OrganizationApproval };

/** What decides a group's availability: asked of the organization as it is now, never copied. */
export interface OrganizationStanding {
  status: OrganizationStatus;
  approvals: ReadonlySet<OrganizationApproval>;
  /** blocked by the federal operator as an issuer of simple signatures (blocking.ts) */
  blocked: boolean;
}

/**
 * Whether a group of «Доступ к системам» is open: «Технологический портал» for any registered
 * organization, the АРМ groups with the approval that opens them (approvals.ts, the one table of
 * effects) and only while the organization is not blocked: a blocked issuer's operators lose
 * every operation at once, and get them back at once when it is unblocked. The pages show a
 * locked group with the reason, the services refuse a member added to it, and the applications
 * context only grants approvals.
 */
export function groupAvailability(group: AccessGroup, organization: OrganizationStanding): GroupAvailability {
  if (organization.status !== 'registered') return { open: false, reason: 'organization_not_registered' };
  const approval = approvalOpening(group);
  // The groups an approval opens are those of the АРМ, the issuer's work: the blocking closes them.
  if (approval && organization.blocked) return { open: false, reason: 'organization_blocked' };
  if (approval && !organization.approvals.has(approval))
    return { open: false, reason: 'approval_missing', approval };
  return { open: true };
}

export function assertGroupOpen(group: AccessGroup, organization: OrganizationStanding): void {
  if (!groupAvailability(group, organization).open) throw new AppError('group.locked');
}

/** The groups of an employee that are in effect now: those of `groups` still open. */
export function groupsInEffect(
  groups: readonly AccessGroup[],
  organization: OrganizationStanding,
): AccessGroup[] {
  return groups.filter((group) => groupAvailability(group, organization).open);
}
