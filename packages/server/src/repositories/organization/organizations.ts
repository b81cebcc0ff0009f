import { and, asc, eq, ilike, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { OrganizationStatus } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import { accounts, organizationMembers, organizations } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import { isUniqueViolation } from '../platform/constraint-violation.js';

export type OrganizationRow = typeof organizations.$inferSelect;

/** Refuses a second live registration of one ОГРН (organizations_ogrn_live) as `organization.duplicate`. */
/** Inserts the organization; the row as written (its oid from the sequence). */
export async function insertOrganization(
  db: DbOrTx,
  row: typeof organizations.$inferInsert,
): Promise<OrganizationRow> {
  try {
    const [inserted] = await db.insert(organizations).values(row).returning();
    return inserted!;
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

/** The head and administrators now: who manages the organization (and answers its complaints). */
export async function listManagerAccountIds(db: DbOrTx, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ accountId: organizationMembers.accountId })
    .from(organizationMembers)
    .where(
      and(
        eq(organizationMembers.organizationId, organizationId),
        isNull(organizationMembers.removedAt),
        or(eq(organizationMembers.isHead, true), eq(organizationMembers.isAdministrator, true)),
      ),
    );
  return rows.map((r) => r.accountId);
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

/**
 * Blocks the organization as an issuer of simple signatures, only if it is registered and not
 * blocked already: of two blockings at once the second changes nothing (undefined).
 */
export async function blockOrganizationIf(
  db: DbOrTx,
  id: string,
  blocking: { blockedAt: Date; blockedReason: string; blockedBy: string },
): Promise<OrganizationRow | undefined> {
  const [row] = await db
    .update(organizations)
    .set({ ...blocking, updatedAt: blocking.blockedAt })
    .where(
      and(eq(organizations.id, id), eq(organizations.status, 'registered'), isNull(organizations.blockedAt)),
    )
    .returning();
  return row;
}

/** Ends the organization's blocking, only if it is blocked (undefined when it is not). */
export async function unblockOrganizationIf(
  db: DbOrTx,
  id: string,
  now: Date,
): Promise<OrganizationRow | undefined> {
  const [row] = await db
    .update(organizations)
    .set({ blockedAt: null, blockedReason: null, blockedBy: null, updatedAt: now })
    .where(and(eq(organizations.id, id), isNotNull(organizations.blockedAt)))
    .returning();
  return row;
}

/** Where a page of the federal operator's organizations ends: the last one's short name and id. */
export interface NameCursor {
  shortName: string;
  id: string;
}

/**
 * The federal operator's list: registered organizations whose short or full name contains `q`,
 * or whose ОГРН or ИНН is `q`, by short name (keyset paging on (short_name, id)); `blocked`: only
 * the blocked; `id`: that one organization.
 */
export async function listRegisteredOrganizations(
  db: DbOrTx,
  query: { q?: string; id?: string; blocked: boolean; limit: number; after?: NameCursor },
): Promise<
  (OrganizationRow & {
    blockedByName: { lastName: string; firstName: string; middleName: string | null } | null;
  })[]
> {
  const q = query.q?.trim();
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select({
      organization: organizations,
      blockedBy: {
        lastName: accounts.lastName,
        firstName: accounts.firstName,
        middleName: accounts.middleName,
      },
    })
    .from(organizations)
    .leftJoin(accounts, eq(accounts.id, organizations.blockedBy))
    .where(
      and(
        eq(organizations.status, 'registered'),
        query.id ? eq(organizations.id, query.id) : undefined,
        query.blocked ? isNotNull(organizations.blockedAt) : undefined,
        like
          ? or(
              ilike(organizations.shortName, like),
              ilike(organizations.fullName, like),
              eq(organizations.ogrn, q!),
              eq(organizations.inn, q!),
            )
          : undefined,
        query.after
          ? sql`(${organizations.shortName}, ${organizations.id}) > (${query.after.shortName}::text, ${query.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(organizations.shortName), asc(organizations.id))
    .limit(query.limit);
  return rows.map((r) => ({ ...r.organization, blockedByName: r.blockedBy }));
}
