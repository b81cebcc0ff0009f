import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { AccessGroup, OrganizationApproval } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import {
  organizationApprovalsTable,
  organizationGroupMembers,
  organizationMembers,
} from '../../db/schema/index.js';

/** True when the membership is new; being in the group already changes nothing. */
export async function addGroupMember(
  db: DbOrTx,
  row: typeof organizationGroupMembers.$inferInsert,
): Promise<boolean> {
  const rows = await db
    .insert(organizationGroupMembers)
    .values(row)
    .onConflictDoNothing()
    .returning({ accountId: organizationGroupMembers.accountId });
  return rows.length === 1;
}

/** «Участники (N)» of a group: the members with their names, by name. */
export async function listGroupMembers(
  db: DbOrTx,
  organizationId: string,
  group: AccessGroup,
  limit: number,
): Promise<{ accountId: string; nameKey: string }[]> {
  return db
    .select({ accountId: organizationGroupMembers.accountId, nameKey: organizationMembers.nameKey })
    .from(organizationGroupMembers)
    .innerJoin(
      organizationMembers,
      and(
        eq(organizationMembers.organizationId, organizationGroupMembers.organizationId),
        eq(organizationMembers.accountId, organizationGroupMembers.accountId),
        isNull(organizationMembers.removedAt),
      ),
    )
    .where(
      and(
        eq(organizationGroupMembers.organizationId, organizationId),
        eq(organizationGroupMembers.group, group),
      ),
    )
    .orderBy(asc(organizationMembers.nameKey))
    .limit(limit);
}

export async function countGroupMembers(
  db: DbOrTx,
  organizationId: string,
  group: AccessGroup,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(organizationGroupMembers)
    .where(
      and(
        eq(organizationGroupMembers.organizationId, organizationId),
        eq(organizationGroupMembers.group, group),
      ),
    );
  return row.n;
}

/** The approvals the organization holds now (granted and not revoked by the federal operator). */
export async function listApprovals(db: DbOrTx, organizationId: string): Promise<Set<OrganizationApproval>> {
  const rows = await db
    .select({ approval: organizationApprovalsTable.approval })
    .from(organizationApprovalsTable)
    .where(
      and(
        eq(organizationApprovalsTable.organizationId, organizationId),
        isNull(organizationApprovalsTable.revokedAt),
      ),
    );
  return new Set(rows.map((r) => r.approval));
}

/** Marks `approvals` of the organization revoked at `now`; the ones actually revoked come back. */
export async function revokeApprovals(
  db: DbOrTx,
  organizationId: string,
  approvals: readonly OrganizationApproval[],
  now: Date,
): Promise<OrganizationApproval[]> {
  const rows = await db
    .update(organizationApprovalsTable)
    .set({ revokedAt: now })
    .where(
      and(
        eq(organizationApprovalsTable.organizationId, organizationId),
        inArray(organizationApprovalsTable.approval, [...approvals]),
        isNull(organizationApprovalsTable.revokedAt),
      ),
    )
    .returning({ approval: organizationApprovalsTable.approval });
  return rows.map((r) => r.approval);
}

/** The approvals each of `organizationIds` holds now (a list of organizations shows them). */
export async function listApprovalsOf(
  db: DbOrTx,
  organizationIds: readonly string[],
): Promise<Map<string, OrganizationApproval[]>> {
  const approvals = new Map<string, OrganizationApproval[]>();
  if (!organizationIds.length) return approvals;
  const rows = await db
    .select({
      organizationId: organizationApprovalsTable.organizationId,
      approval: organizationApprovalsTable.approval,
    })
    .from(organizationApprovalsTable)
    .where(
      and(
        inArray(organizationApprovalsTable.organizationId, [...organizationIds]),
        isNull(organizationApprovalsTable.revokedAt),
      ),
    )
    .orderBy(asc(organizationApprovalsTable.approval));
  for (const { organizationId, approval } of rows)
    approvals.set(organizationId, [...(approvals.get(organizationId) ?? []), approval]);
  return approvals;
}
