import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
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

/** The regional operator's queue: registrations of its region waiting for it, oldest first (keyset paging). */
export async function listAwaitingRegionalOperator(
  db: DbOrTx,
  regionCode: string,
  page: { limit: number; after?: { createdAt: Date; id: string } },
): Promise<OrganizationRow[]> {
  const where = and(
    eq(organizations.regionCode, regionCode),
    eq(organizations.status, 'awaiting_regional_operator'),
    page.after
      ? sql`(${organizations.createdAt}, ${organizations.id}) > (${page.after.createdAt.toISOString()}::timestamptz, ${page.after.id}::uuid)`
      : undefined,
  );
  return db
    .select()
    .from(organizations)
    .where(where)
    .orderBy(asc(organizations.createdAt), asc(organizations.id))
    .limit(page.limit);
}

export async function findOrganization(
  db: DbOrTx,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<OrganizationRow | undefined> {
  const query = db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** The live (not rejected) organization of an ОГРН, if any: a second registration is a duplicate. */
export async function findLiveOrganizationByOgrn(
  db: DbOrTx,
  ogrn: string,
): Promise<OrganizationRow | undefined> {
  const [row] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.ogrn, ogrn), ne(organizations.status, 'rejected')))
    .limit(1);
  return row;
}

export async function updateOrganization(
  db: DbOrTx,
  id: string,
  changes: Partial<typeof organizations.$inferInsert>,
): Promise<void> {
  await db.update(organizations).set(changes).where(eq(organizations.id, id));
}

/** The account of the organization's head (the employee marked head), if it has one now. */
export async function findHeadAccountId(db: DbOrTx, organizationId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ accountId: organizationMembers.accountId })
    .from(organizationMembers)
    .where(
      and(
        eq(organizationMembers.organizationId, organizationId),
        eq(organizationMembers.isHead, true),
        isNull(organizationMembers.removedAt),
      ),
    )
    .limit(1);
  return row?.accountId;
}

/** Every active employee, locked: a change of head rewrites their roles (withNewHead). */
export async function listActiveMembersForUpdate(
  db: DbOrTx,
  organizationId: string,
): Promise<(typeof organizationMembers.$inferSelect)[]> {
  return db
    .select()
    .from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, organizationId), isNull(organizationMembers.removedAt)))
    .orderBy(asc(organizationMembers.joinedAt))
    .for('update');
}

export async function setMemberRoles(
  db: DbOrTx,
  memberId: string,
  roles: { isHead: boolean; isAdministrator: boolean },
): Promise<void> {
  await db.update(organizationMembers).set(roles).where(eq(organizationMembers.id, memberId));
}
