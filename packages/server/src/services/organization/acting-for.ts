import type { ActingForSummary, MyOrganization } from '@openesia/contracts';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Db } from '../../db/client.js';
import { groupsInEffect } from '../../domain/organization/access-groups.js';
import { rolesOf } from '../../domain/organization/membership.js';
import type { Actor, CitizenActor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { findMembership } from '../../repositories/organization/memberships.js';
import { listOrganizationsOfAccount } from '../../repositories/organization/organizations.js';
import { toMyOrganization } from './views.js';
import { setSessionActingFor } from '../../repositories/platform/sessions.js';
import type { Authenticated, RequestMeta } from '../platform/sessions.js';

/**
 * «Войти как сотрудник организации» (seed 000, section 3): after sign-in, or from the header, a
 * person who belongs to organizations chooses «Частное лицо» or one of them. The choice is kept in
 * the session (sessions.acting_for_organization_id) so every server process sees it, and each
 * request of the organization's (or the regional operator's) audience turns it into the actor
 * again from the membership as it is now: a removed employee acts for nobody from the next request.
 */
export class ActingForService {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  /** The person's organizations with their status and the person's roles there (the personal page). */
  async listMine(actor: Actor): Promise<MyOrganization[]> {
    assertAllowed(actor, 'organization.list_own');
    const { accountId } = actor as CitizenActor;
    const rows = await listOrganizationsOfAccount(this.deps.db, accountId);
    return rows.map(({ organization, isHead, isAdministrator }) =>
      toMyOrganization(organization, { isHead, isAdministrator }),
    );
  }

  /**
   * Sets whom the session acts for. An organization the person is not an active employee of is
   * `organization.not_member` (the same answer whether it exists or not); one whose registration
   * the register refused cannot be acted for.
   */
  async choose(
    actor: Actor,
    auth: Authenticated,
    organizationId: string | null,
    meta: RequestMeta,
  ): Promise<ActingForSummary | null> {
    assertAllowed(actor, 'session.act_for_organization', { accountId: auth.account.id });
    const { db, clock } = this.deps;
    return db.transaction(async (tx) => {
      let summary: ActingForSummary | null = null;
      if (organizationId !== null) {
        const membership = await findMembership(tx, auth.account.id, organizationId);
        if (!membership || membership.organization.status === 'rejected')
          throw new AppError('organization.not_member');
        summary = {
          organizationId,
          shortName: membership.organization.shortName,
          roles: rolesOf(membership),
          groups: groupsNow(membership),
        };
      }
      const now = clock.now();
      await setSessionActingFor(tx, auth.tokenHash, organizationId);
      await appendAudit(
        tx,
        {
          event: 'session.acting_for_chosen',
          ...auditActor(actor),
          subjectId: auth.account.id,
          ip: meta.ip,
          data: { organizationId },
          ...(organizationId ? { actingFor: { organizationId } } : {}),
        },
        now,
      );
      return summary;
    });
  }

  /** What the header shows for a session: null when acting for oneself or no longer a member. */
  async summary(auth: Authenticated): Promise<ActingForSummary | null> {
    const organizationId = auth.session.actingForOrganizationId;
    if (!organizationId) return null;
    const membership = await findMembership(this.deps.db, auth.account.id, organizationId);
    if (!membership) return null;
    return {
      organizationId,
      shortName: membership.organization.shortName,
      roles: rolesOf(membership),
      groups: groupsNow(membership),
    };
  }

  /**
   * The actor of a request to the organization's or the regional operator's audience. The person
   * acts for the organization chosen in the session while still its employee; the employees of
   * the organization that is a region's operator («Электронный регион») act as that region's
   * operator. Anyone else stays the citizen the session gives, whom those audiences refuse.
   */
  async resolve(
    audience: 'organization' | 'regional_operator',
    session: CitizenActor,
    auth: Authenticated,
  ): Promise<Actor> {
    const organizationId = auth.session.actingForOrganizationId;
    if (!organizationId) return session;
    const membership = await findMembership(this.deps.db, session.accountId, organizationId);
    if (!membership) return session;
    if (audience === 'regional_operator') {
      const region = membership.organization.operatorOfRegion;
      return region && membership.organization.status === 'registered'
        ? { kind: 'regional_operator', accountId: session.accountId, regionCode: region }
        : session;
    }
    return {
      kind: 'organization_member',
      personId: session.accountId,
      organizationId,
      roles: rolesOf(membership),
      groups: groupsNow(membership),
    };
  }
}

/**
 * Only the groups open now: a blocked issuer's operators lose their АРМ groups with the next
 * request, and get them back with the first one after the unblocking.
 */
function groupsNow(membership: NonNullable<Awaited<ReturnType<typeof findMembership>>>) {
  const { organization } = membership;
  return groupsInEffect(membership.groups, {
    status: organization.status,
    approvals: organization.approvals,
    blocked: organization.blockedAt !== null,
  });
}
