import { and, asc, count, eq, gt, inArray, isNull, like, or, type SQL } from 'drizzle-orm';
import type { AccessGroup } from '@openesia/contracts';
import type { OrganizationStanding } from '../../domain/organization/access-groups.js';
import type { DbOrTx } from '../../db/client.js';
import {
  accounts,
  organizationGroupMembers,
  organizationMembers,
  organizations,
} from '../../db/schema/index.js';
import { listApprovals } from './access.js';
import { memberNameKey } from './members.js';

/**
 * The reads of an organization's pages («Сотрудники», «Администраторы», «Доступ к системам», the
 * journal): employees with their names (from their accounts, so a corrected name shows at once),
 * a page at a time in the order of the name key.
 */
export interface PersonName {
  lastName: string;
  firstName: string;
  middleName: string | null;
}

export interface MemberListRow extends PersonName {
  accountId: string;
  nameKey: string;
  isHead: boolean;
  isAdministrator: boolean;
  joinedAt: Date;
}

/** `%part%` for LIKE, with the wildcards of what was typed taken literally. */
function containing(typed: string): string {
  return `%${memberNameKey({ lastName: typed, firstName: '' }).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function memberFilter(organizationId: string, q: string | undefined): SQL {
  return and(
    eq(organizationMembers.organizationId, organizationId),
    isNull(organizationMembers.removedAt),
    q ? like(organizationMembers.nameKey, containing(q)) : undefined,
  )!;
}

/** Active employees by name key (then account id), after the cursor's row. */
export async function listMembersPage(
  db: DbOrTx,
  organizationId: string,
  page: { q?: string; after?: { nameKey: string; accountId: string }; limit: number; accountId?: string },
): Promise<MemberListRow[]> {
  const after = page.after
    ? or(
        gt(organizationMembers.nameKey, page.after.nameKey),
        and(
          eq(organizationMembers.nameKey, page.after.nameKey),
          gt(organizationMembers.accountId, page.after.accountId),
        ),
      )
    : undefined;
  return db
    .select({
      accountId: organizationMembers.accountId,
      nameKey: organizationMembers.nameKey,
      isHead: organizationMembers.isHead,
      isAdministrator: organizationMembers.isAdministrator,
      joinedAt: organizationMembers.joinedAt,
      lastName: accounts.lastName,
      firstName: accounts.firstName,
      middleName: accounts.middleName,
    })
    .from(organizationMembers)
    .innerJoin(accounts, eq(accounts.id, organizationMembers.accountId))
    .where(
      and(
        memberFilter(organizationId, page.q),
        after,
        page.accountId ? eq(organizationMembers.accountId, page.accountId) : undefined,
      ),
    )
    .orderBy(asc(organizationMembers.nameKey), asc(organizationMembers.accountId))
    .limit(page.limit);
}

export async function countMembers(db: DbOrTx, organizationId: string, q?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(organizationMembers)
    .where(memberFilter(organizationId, q));
  return row.n;
}

/** The groups of each of `accountIds` in the organization. */
export async function listGroupsOf(
  db: DbOrTx,
  organizationId: string,
  accountIds: readonly string[],
): Promise<Map<string, AccessGroup[]>> {
  const groups = new Map<string, AccessGroup[]>();
  if (!accountIds.length) return groups;
  const rows = await db
    .select({ accountId: organizationGroupMembers.accountId, group: organizationGroupMembers.group })
    .from(organizationGroupMembers)
    .where(
      and(
        eq(organizationGroupMembers.organizationId, organizationId),
        inArray(organizationGroupMembers.accountId, [...accountIds]),
      ),
    );
  for (const { accountId, group } of rows) groups.set(accountId, [...(groups.get(accountId) ?? []), group]);
  return groups;
}

/** Which of `accountIds` are in `group` already. */
export async function listInGroup(
  db: DbOrTx,
  organizationId: string,
  group: AccessGroup,
  accountIds: readonly string[],
): Promise<Set<string>> {
  if (!accountIds.length) return new Set();
  const rows = await db
    .select({ accountId: organizationGroupMembers.accountId })
    .from(organizationGroupMembers)
    .where(
      and(
        eq(organizationGroupMembers.organizationId, organizationId),
        eq(organizationGroupMembers.group, group),
        inArray(organizationGroupMembers.accountId, [...accountIds]),
      ),
    );
  return new Set(rows.map((r) => r.accountId));
}

/** «Участники» of a group with their names and when they were added, by name. */
export async function listGroupMembersWithNames(
  db: DbOrTx,
  organizationId: string,
  group: AccessGroup,
  limit: number,
): Promise<(PersonName & { accountId: string; addedAt: Date })[]> {
  return db
    .select({
      accountId: organizationGroupMembers.accountId,
      addedAt: organizationGroupMembers.addedAt,
      lastName: accounts.lastName,
      firstName: accounts.firstName,
      middleName: accounts.middleName,
    })
    .from(organizationGroupMembers)
    .innerJoin(
      organizationMembers,
      and(
        eq(organizationMembers.organizationId, organizationGroupMembers.organizationId),
        eq(organizationMembers.accountId, organizationGroupMembers.accountId),
        isNull(organizationMembers.removedAt),
      ),
    )
    .innerJoin(accounts, eq(accounts.id, organizationGroupMembers.accountId))
    .where(
      and(
        eq(organizationGroupMembers.organizationId, organizationId),
        eq(organizationGroupMembers.group, group),
      ),
    )
    .orderBy(asc(organizationMembers.nameKey), asc(organizationGroupMembers.accountId))
    .limit(limit);
}

/** Removes one group membership; false when the person was not in the group. */
export async function removeGroupMember(
  db: DbOrTx,
  organizationId: string,
  group: AccessGroup,
  accountId: string,
): Promise<boolean> {
  const rows = await db
    .delete(organizationGroupMembers)
    .where(
      and(
        eq(organizationGroupMembers.organizationId, organizationId),
        eq(organizationGroupMembers.group, group),
        eq(organizationGroupMembers.accountId, accountId),
      ),
    )
    .returning({ accountId: organizationGroupMembers.accountId });
  return rows.length === 1;
}

/** What decides which groups are open (domain/organization/access-groups.ts), as it is now. */
export async function findOrganizationStanding(
  db: DbOrTx,
  organizationId: string,
): Promise<(OrganizationStanding & { shortName: string }) | undefined> {
  const [row] = await db
    .select({
      status: organizations.status,
      shortName: organizations.shortName,
      blockedAt: organizations.blockedAt,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  if (!row) return undefined;
  return {
    status: row.status,
    shortName: row.shortName,
    blocked: row.blockedAt !== null,
    approvals: await listApprovals(db, organizationId),
  };
}

/** The names of accounts, for pages and the journal (ids that are no account are left out). */
export async function listAccountNames(
  db: DbOrTx,
  accountIds: readonly string[],
): Promise<Map<string, PersonName & { level: 'simplified' | 'standard' | 'confirmed' }>> {
  // Audit subjects may be ids of other things (an invitation, an organization): only uuids reach SQL.
  const ids = [...new Set(accountIds)].filter((id) =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id),
  );
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: accounts.id,
      lastName: accounts.lastName,
      firstName: accounts.firstName,
      middleName: accounts.middleName,
      level: accounts.level,
    })
    .from(accounts)
    .where(inArray(accounts.id, ids));
  return new Map(rows.map(({ id, ...name }) => [id, name]));
}
