import { and, eq, isNull } from 'drizzle-orm';
import type { AccessGroup } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import { organizationGroupMembers, organizationMembers, organizations } from '../../db/schema/index.js';
import type { OrganizationRow } from './organizations.js';

/** A person's active membership of one organization, as the actor of a request needs it. */
export interface Membership {
  organization: Pick<OrganizationRow, 'id' | 'shortName' | 'status' | 'regionCode' | 'operatorOfRegion'>;
  isHead: boolean;
  isAdministrator: boolean;
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
  const { isHead, isAdministrator, ...organization } = row;
  return { organization, isHead, isAdministrator, groups: groups.map((g) => g.group) };
}
