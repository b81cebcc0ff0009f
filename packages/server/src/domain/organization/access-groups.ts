import type { AccessGroup, OrganizationApproval, OrganizationStatus } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';
import { approvalOpening } from './approvals.js';

export type GroupAvailability =
  | { open: true }
  | { open: false; reason: 'organization_not_registered' }
  | { open: false; reason: 'approval_missing'; approval: OrganizationApproval };

/**
 * Whether a group of «Доступ к системам» is open: «Технологический портал» for any registered
 * organization, the АРМ groups with the approval that opens them (approvals.ts, the one table of
 * effects). The pages show a locked group with the approval it waits for, the services refuse a
 * member added to it, and the applications context only grants approvals.
 */
export function groupAvailability(
  group: AccessGroup,
  organization: { status: OrganizationStatus; approvals: ReadonlySet<OrganizationApproval> },
): GroupAvailability {
  if (organization.status !== 'registered') return { open: false, reason: 'organization_not_registered' };
  const approval = approvalOpening(group);
  if (approval && !organization.approvals.has(approval))
    return { open: false, reason: 'approval_missing', approval };
  return { open: true };
}

export function assertGroupOpen(
  group: AccessGroup,
  organization: { status: OrganizationStatus; approvals: ReadonlySet<OrganizationApproval> },
): void {
  if (!groupAvailability(group, organization).open) throw new AppError('group.locked');
}
