import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AccessGroup, OrganizationApproval } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import {
  organizationApprovalsTable,
  organizationGroupMembers,
  organizationMembers,
  organizations,
} from '../../db/schema/index.js';
import type { OrganizationRow } from './organizations.js';

/** A person's active membership of one organization, as the actor of a request needs it. */
export interface Membership {
  organization: Pick<
    OrganizationRow,
    'id' | 'shortName' | 'status' | 'regionCode' | 'operatorOfRegion' | 'blockedAt'
  > & {
    /** the approvals it holds now: with blockedAt, what decides which groups are in effect */
    approvals: Set<OrganizationApproval>;
  };
  isHead: boolean;
  isAdministrator: boolean;
  /** the groups the person is in, open or not (access-groups.ts groupsInEffect tells which count) */
  groups: AccessGroup[];
}

/**
 * The membership of `accountId` in `organizationId`, or undefined when the person is not (or no
 * longer) an employee there. Two indexed reads: asked on each request of the organization's and
 * the regional operator's audiences, so a removed employee loses access with the next request.
 */
export async function findMembership(
  db: DbOrTx,
  accountId: string,
  organizationId: string,
): Promise<Membership | undefined> {
  const [row] = await db
    .select({
      id: organizations.id,
      shortName: organizations.shortName,
      status: organizations.status,
      regionCode: organizations.regionCode,
      operatorOfRegion: organizations.operatorOfRegion,
      blockedAt: organizations.blockedAt,
      // in the same statement: asked on every request of the organization's audience
      approvals: sql<
        OrganizationApproval[]
      >`array(select ${organizationApprovalsTable.approval} from ${organizationApprovalsTable} where ${organizationApprovalsTable.organizationId} = ${organizations.id} and ${organizationApprovalsTable.revokedAt} is null)`,
      isHead: organizationMembers.isHead,
      isAdministrator: organizationMembers.isAdministrator,
    })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(
      and(
        eq(organizationMembers.organizationId, organizationId),
        eq(organizationMembers.accountId, accountId),
        isNull(organizationMembers.removedAt),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  const groups = await db
    .select({ group: organizationGroupMembers.group })
    .from(organizationGroupMembers)
    .where(
      and(
        eq(organizationGroupMembers.organizationId, organizationId),
        eq(organizationGroupMembers.accountId, accountId),
      ),
    );
  const { isHead, isAdministrator, approvals, ...organization } = row;
  return {
    organization: { ...organization, approvals: new Set(approvals) },
    isHead,
    isAdministrator,
    groups: groups.map((g) => g.group),
  };
}
