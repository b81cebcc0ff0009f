import type { OrganizationStatus } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';

/**
 * The federal operator blocks an organization as an issuer of simple signatures and unblocks it
 * (seed 003, appendix 1: «Минкомсвязь России оставляет за собой право блокировать данного
 * Оператора выдачи ключа ПЭП»; DOMAIN.md). Nothing is copied or deleted by a blocking: every
 * check of what the organization may do (access-groups.ts, approvals.ts) asks whether it is
 * blocked now, so unblocking gives everything back at once.
 */
export function assertMayBlock(organization: { status: OrganizationStatus; blockedAt: Date | null }): void {
  // Only a registered organization acts as an issuer; a registration under way has nothing to block.
  if (organization.status !== 'registered') throw new AppError('organization.wrong_state');
  if (organization.blockedAt) throw new AppError('organization.already_blocked');
}

export function assertMayUnblock(organization: { blockedAt: Date | null }): void {
  if (!organization.blockedAt) throw new AppError('organization.not_blocked');
}
