import type { AccessGroup, OrganizationApproval, OrganizationStatus } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';

/**
 * Which approval opens which group («Доступ к системам», DOMAIN.md "Applications and approvals"):
 * Форма З opens «Специалисты по подтверждению личности», Форма И opens «Специалисты по регистрации
 * и подтверждению»; «Технологический портал» needs only a registered organization. The one place
 * this rule lives: the pages show a locked group with the approval it waits for, the services refuse
 * a member added to it, and the applications context only grants approvals.
 */
const OPENED_BY: Record<AccessGroup, OrganizationApproval | null> = {
  tech_portal: null,
  identity_specialists: 'form_z',
  registration_specialists: 'form_i',
};

export type GroupAvailability =
  | { open: true }
  | { open: false; reason: 'organization_not_registered' }
  | { open: false; reason: 'approval_missing'; approval: OrganizationApproval };

export function groupAvailability(
  group: AccessGroup,
  organization: { status: OrganizationStatus; approvals: ReadonlySet<OrganizationApproval> },
): GroupAvailability {
  if (organization.status !== 'registered') return { open: false, reason: 'organization_not_registered' };
  const approval = OPENED_BY[group];
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
