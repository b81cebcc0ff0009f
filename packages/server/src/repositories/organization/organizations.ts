import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { OrganizationStatus } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import { organizationMembers, organizations } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import { isUniqueViolation } from '../platform/constraint-violation.js';

export type OrganizationRow = typeof organizations.$inferSelect;

/** Refuses a second live registration of one ОГРН (organizations_ogrn_live) as `organization.duplicate`. */
export async function insertOrganization(db: DbOrTx, row: typeof organizations.$inferInsert): Promise<void> {
  try {
    await db.insert(organizations).values(row);
  } catch (err) {
    if (isUniqueViolation(err, 'organizations_ogrn_live')) throw new AppError('organization.duplicate');
    throw err;
  }
}

/**
 * Changes an organization only if it still has the expected status: a late check result cannot
 * undo a newer step (the regional operator's decision, a resubmission).
 */
export async function updateOrganizationIfStatus(
  db: DbOrTx,
  id: string,
  expected: OrganizationStatus,
  changes: Partial<typeof organizations.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(organizations)
    .set(changes)
    .where(and(eq(organizations.id, id), eq(organizations.status, expected)))
    .returning({ id: organizations.id });
  return rows.length > 0;
}

/** The organizations a person is an employee of now, for «Войти как сотрудник организации». */
export async function listOrganizationsOfAccount(
  db: DbOrTx,
  accountId: string,
): Promise<{ organization: OrganizationRow; isHead: boolean; isAdministrator: boolean }[]> {
  return db
    .select({
      organization: organizations,
      isHead: organizationMembers.isHead,
      isAdministrator: organizationMembers.isAdministrator,
    })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(and(eq(organizationMembers.accountId, accountId), isNull(organizationMembers.removedAt)))
    .orderBy(asc(organizations.shortName));
}

/** The regional operator's queue: registrations of its region waiting for it, oldest first. */
export async function listAwaitingRegionalOperator(
  db: DbOrTx,
  regionCode: string,
  page: { limit: number; after?: { createdAt: Date; id: string } },
): Promise<OrganizationRow[]> {
  const where = and(
    eq(organizations.regionCode, regionCode),
    eq(organizations.status, 'awaiting_regional_operator'),
    page.after ? gt(organizations.createdAt, page.after.createdAt) : undefined,
  );
  return db
    .select()
    .from(organizations)
    .where(where)
    .orderBy(asc(organizations.createdAt), asc(organizations.id))
    .limit(page.limit);
}
