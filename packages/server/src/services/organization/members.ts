import type { OrganizationMember, OrganizationMembersPage } from '@openesia/contracts';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  assertCanRemove,
  assertCanSetAdministrator,
  rolesOf,
  type Member,
} from '../../domain/organization/membership.js';
import type { Actor, OrganizationMemberActor } from '../../domain/policy/actor.js';
import { assertAllowed, type Action } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError } from '../../lib/errors.js';
import {
  countMembers,
  listGroupsOf,
  listMembersPage,
  type MemberListRow,
} from '../../repositories/organization/directory.js';
import {
  findActiveMember,
  listManagersForUpdate,
  removeMember,
  type MemberRow,
} from '../../repositories/organization/members.js';
import { setAdministrator } from '../../repositories/organization/member-roles.js';
import type { RequestMeta } from '../platform/sessions.js';

/** The decision for `action` on the actor's own organization; returns the actor narrowed. */
export function actingMember(actor: Actor, action: Action): OrganizationMemberActor {
  // The organization is always the actor's own (no organization id in the path): deciding with it
  // still proves the rule holds for the resource the use-case touches.
  assertAllowed(actor, action, {
    organizationId: actor.kind === 'organization_member' ? actor.organizationId : undefined,
  });
  return actor as OrganizationMemberActor;
}

/** A page cursor: the last row's name key and account id, opaque to the client. */
function encodeCursor(row: Pick<MemberListRow, 'nameKey' | 'accountId'>): string {
  return Buffer.from(JSON.stringify([row.nameKey, row.accountId])).toString('base64url');
}

function decodeCursor(cursor: string): { nameKey: string; accountId: string } {
  try {
    const [nameKey, accountId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    // What the client sends back goes into the query: a uuid, and a name key the database can hold.
    if (
      typeof nameKey === 'string' &&
      nameKey.length <= 200 &&
      /^[^\u0000\uD800-\uDFFF]*$/u.test(nameKey) &&
      typeof accountId === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(accountId)
    )
      return { nameKey, accountId };
  } catch {
    /* refused below */
  }
  throw fieldError('cursor', 'id.invalid');
}

const asMember = (row: MemberRow): Member => ({
  accountId: row.accountId,
  isHead: row.isHead,
  isAdministrator: row.isAdministrator,
});

/**
 * «Сотрудники» and «Администраторы» (seed 000, section 3): the list of employees, removing one (the
 * head and administrators; never the head, never the last administrator), leaving, and the head
 * making an employee an administrator or taking it back. A removed employee loses their group
 * memberships in the same transaction, and acts for the organization no more from the next request
 * (the actor is resolved from the membership each time, services/organization/acting-for.ts).
 */
export class MemberService {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async list(
    actor: Actor,
    query: { q?: string; cursor?: string; limit: number },
  ): Promise<OrganizationMembersPage> {
    const { organizationId } = actingMember(actor, 'organization.read');
    const { db } = this.deps;
    const q = query.q?.trim() || undefined;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await listMembersPage(db, organizationId, { q, after, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const [total, groups] = await Promise.all([
      countMembers(db, organizationId, q),
      listGroupsOf(
        db,
        organizationId,
        page.map((r) => r.accountId),
      ),
    ]);
    return {
      members: page.map((r) => view(r, groups.get(r.accountId) ?? [])),
      total,
      nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
    };
  }

  /** Removes an employee (the head and administrators). */
  async remove(actor: Actor, accountId: string, meta: RequestMeta): Promise<void> {
    const member = actingMember(actor, 'organization.manage_members');
    await this.removeOne(actor, member.organizationId, accountId, 'organization.member_removed', meta);
  }

  /** The person leaves the organization themself, unless they are its head or last administrator. */
  async leave(actor: Actor, meta: RequestMeta): Promise<void> {
    const member = actingMember(actor, 'organization.leave');
    await this.removeOne(actor, member.organizationId, member.personId, 'organization.member_left', meta);
  }

  private async removeOne(
    actor: Actor,
    organizationId: string,
    accountId: string,
    event: 'organization.member_removed' | 'organization.member_left',
    meta: RequestMeta,
  ): Promise<void> {
    const { db, clock } = this.deps;
    await db.transaction(async (tx) => {
      // The managers first, then the target, always in this order: two removals at once cannot
      // both leave the organization without an administrator, nor deadlock.
      const managers = await listManagersForUpdate(tx, organizationId);
      const target = await this.lockedMember(tx, organizationId, accountId);
      const members = [...managers.filter((m) => m.accountId !== accountId), target].map(asMember);
      assertCanRemove(members, accountId);
      const now = clock.now();
      await removeMember(tx, target, (actor as OrganizationMemberActor).personId, now);
      await appendAudit(tx, { event, ...auditActor(actor), subjectId: accountId, ip: meta.ip }, now);
    });
  }

  /** «Назначить администратором» or take it back: the head alone; the head stays one. */
  async setAdministrator(
    actor: Actor,
    accountId: string,
    administrator: boolean,
    meta: RequestMeta,
  ): Promise<OrganizationMember> {
    const member = actingMember(actor, 'organization.set_administrator');
    const { db, clock } = this.deps;
    const { organizationId } = member;
    const updated = await db.transaction(async (tx) => {
      const managers = await listManagersForUpdate(tx, organizationId);
      const target = await this.lockedMember(tx, organizationId, accountId);
      const members = [...managers.filter((m) => m.accountId !== accountId), target].map(asMember);
      assertCanSetAdministrator(members, member.personId, accountId, administrator);
      if (target.isAdministrator === administrator) return target;
      const now = clock.now();
      await setAdministrator(tx, target.id, administrator);
      await appendAudit(
        tx,
        {
          event: 'organization.administrator_set',
          ...auditActor(actor),
          subjectId: accountId,
          ip: meta.ip,
          data: { administrator },
        },
        now,
      );
      return { ...target, isAdministrator: administrator };
    });
    const [row] = await listMembersPage(db, organizationId, { limit: 1, accountId: updated.accountId });
    const groups = await listGroupsOf(db, organizationId, [accountId]);
    return view(row!, groups.get(accountId) ?? []);
  }

  private async lockedMember(tx: DbOrTx, organizationId: string, accountId: string): Promise<MemberRow> {
    const target = await findActiveMember(tx, organizationId, accountId, { forUpdate: true });
    if (!target) throw new AppError('organization.not_member');
    return target;
  }
}

function view(row: MemberListRow, groups: OrganizationMember['groups']): OrganizationMember {
  return {
    accountId: row.accountId,
    lastName: row.lastName,
    firstName: row.firstName,
    middleName: row.middleName,
    roles: rolesOf(row),
    groups,
    joinedAt: row.joinedAt.toISOString(),
  };
}
