import type { OrganizationRole } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';

/**
 * Employees of an organization (seed 000, section 3): the head (from the tax register), the
 * administrators of the organization's profile, and the other employees. Only the head and the
 * administrators manage the organization; only the head makes employees administrators and takes
 * that back. The organization always keeps at least one administrator, so that someone can still
 * manage it when its head changes.
 */
export interface Member {
  accountId: string;
  isHead: boolean;
  isAdministrator: boolean;
}

export function canManage(member: Member | undefined): boolean {
  return !!member && (member.isHead || member.isAdministrator);
}

function administratorsLeft(members: readonly Member[], without: string): number {
  return members.filter((m) => m.isAdministrator && m.accountId !== without).length;
}

function find(members: readonly Member[], accountId: string): Member {
  const member = members.find((m) => m.accountId === accountId);
  if (!member) throw new AppError('organization.not_member');
  return member;
}

/** Removing an employee (or leaving): never the head, never the last administrator. */
export function assertCanRemove(members: readonly Member[], accountId: string): void {
  const member = find(members, accountId);
  if (member.isHead) throw new AppError('organization.cannot_remove_head');
  if (member.isAdministrator && administratorsLeft(members, accountId) === 0)
    throw new AppError('organization.last_administrator');
}

/** Making an employee an administrator or taking it back: the head alone; the head stays one. */
export function assertCanSetAdministrator(
  members: readonly Member[],
  actorAccountId: string,
  targetAccountId: string,
  administrator: boolean,
): void {
  const actor = members.find((m) => m.accountId === actorAccountId);
  if (!actor?.isHead) throw new AppError('organization.head_only');
  const target = find(members, targetAccountId);
  if (administrator) return;
  if (target.isHead) throw new AppError('organization.cannot_remove_head');
  if (target.isAdministrator && administratorsLeft(members, targetAccountId) === 0)
    throw new AppError('organization.last_administrator');
}

/**
 * The register names a new head (found at «Обновить из ЕГРЮЛ» or a later check): the previous head
 * stays an employee and an administrator (the new head takes that back if need be); the new head,
 * when already an employee, becomes head and administrator. A new head who is not yet an employee
 * joins by registering with the head's certificate again, as the first one did.
 */
export function withNewHead(members: readonly Member[], newHeadAccountId: string | null): Member[] {
  return members.map((m) => {
    if (m.accountId === newHeadAccountId) return { ...m, isHead: true, isAdministrator: true };
    if (m.isHead) return { ...m, isHead: false, isAdministrator: true };
    return m;
  });
}

/** The roles a member holds: «Руководитель», «Администратор профиля организации», and every one is «Сотрудник». */
export function rolesOf(member: { isHead: boolean; isAdministrator: boolean }): OrganizationRole[] {
  return [
    ...(member.isHead ? (['head'] as const) : []),
    ...(member.isAdministrator ? (['administrator'] as const) : []),
    'employee',
  ];
}
