import {
  accessGroupInfo,
  accessGroups,
  type AccessGroup,
  type AccessGroupView,
  type MemberSuggestion,
} from '@openesia/contracts';
import type { z } from 'zod';
import type { groupMemberSchema, groupMembersSchema } from '@openesia/contracts';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Db } from '../../db/client.js';
import { assertGroupOpen, groupAvailability } from '../../domain/organization/access-groups.js';
import type { Actor } from '../../domain/policy/actor.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { addGroupMember, countGroupMembers } from '../../repositories/organization/access.js';
import {
  findOrganizationStanding,
  listGroupMembersWithNames,
  listInGroup,
  removeGroupMember,
} from '../../repositories/organization/directory.js';
import { findActiveMember, suggestMembers } from '../../repositories/organization/members.js';
import type { RequestMeta } from '../platform/sessions.js';
import { actingMember } from './members.js';

const GROUP_PAGE = 1000;
const SUGGESTIONS = 10;

type GroupMember = z.infer<typeof groupMemberSchema>;

/**
 * «Доступ к системам» (seed 000, section 5): membership of employees in the groups of the systems.
 * Every employee reads; the head and administrators add (an active employee of the same
 * organization, by picking from the suggestions as they type part of the name) and remove. A group
 * that waits for an approval is shown locked with the reason and refuses members
 * (domain/organization/access-groups.ts holds that rule).
 */
export class AccessService {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async groups(actor: Actor): Promise<AccessGroupView[]> {
    const { organizationId } = actingMember(actor, 'organization.read');
    const { db } = this.deps;
    const standing = await findOrganizationStanding(db, organizationId);
    if (!standing) throw new AppError('organization.not_found');
    return Promise.all(
      accessGroups.map(async (group) => {
        const availability = groupAvailability(group, standing);
        return {
          group,
          system: accessGroupInfo[group].system,
          open: availability.open,
          lockedReason: availability.open ? null : availability.reason,
          approval:
            !availability.open && availability.reason === 'approval_missing' ? availability.approval : null,
          memberCount: await countGroupMembers(db, organizationId, group),
        };
      }),
    );
  }

  async members(actor: Actor, group: AccessGroup): Promise<z.infer<typeof groupMembersSchema>> {
    const { organizationId } = actingMember(actor, 'organization.read');
    const { db } = this.deps;
    const [rows, total] = await Promise.all([
      listGroupMembersWithNames(db, organizationId, group, GROUP_PAGE),
      countGroupMembers(db, organizationId, group),
    ]);
    return { members: rows.map((r) => ({ ...r, addedAt: r.addedAt.toISOString() })), total };
  }

  /** «Добавить»: an active employee of this organization into an open group. */
  async add(actor: Actor, group: AccessGroup, accountId: string, meta: RequestMeta): Promise<GroupMember> {
    const member = actingMember(actor, 'organization.manage_access');
    const { db, clock } = this.deps;
    const { organizationId } = member;
    await db.transaction(async (tx) => {
      const standing = await findOrganizationStanding(tx, organizationId);
      if (!standing) throw new AppError('organization.not_found');
      assertGroupOpen(group, standing);
      // Locked: a removal at the same time either comes first (and this finds no employee) or waits.
      const employee = await findActiveMember(tx, organizationId, accountId, { forUpdate: true });
      if (!employee) throw new AppError('organization.not_member');
      const now = clock.now();
      const added = await addGroupMember(tx, {
        organizationId,
        group,
        accountId,
        addedAt: now,
        addedBy: member.personId,
      });
      if (!added) return;
      await appendAudit(
        tx,
        {
          event: 'organization.group_member_added',
          ...auditActor(actor),
          subjectId: accountId,
          ip: meta.ip,
          data: { group },
        },
        now,
      );
    });
    const [row] = (await listGroupMembersWithNames(db, organizationId, group, GROUP_PAGE)).filter(
      (r) => r.accountId === accountId,
    );
    return { ...row!, addedAt: row!.addedAt.toISOString() };
  }

  async remove(actor: Actor, group: AccessGroup, accountId: string, meta: RequestMeta): Promise<void> {
    const member = actingMember(actor, 'organization.manage_access');
    const { db, clock } = this.deps;
    await db.transaction(async (tx) => {
      if (!(await removeGroupMember(tx, member.organizationId, group, accountId)))
        throw new AppError('organization.not_member');
      const now = clock.now();
      await appendAudit(
        tx,
        {
          event: 'organization.group_member_removed',
          ...auditActor(actor),
          subjectId: accountId,
          ip: meta.ip,
          data: { group },
        },
        now,
      );
    });
  }

  /**
   * Active employees with a word of the name starting with each typed word (suggestMembers),
   * leaving out those already in `group`.
   */
  async suggestions(actor: Actor, typed: string, group?: AccessGroup): Promise<MemberSuggestion[]> {
    const { organizationId } = actingMember(actor, 'organization.manage_access');
    const { db } = this.deps;
    // More than shown, so that those already in the group can be left out and still fill the list.
    const rows = await suggestMembers(db, organizationId, typed, SUGGESTIONS * 3);
    const inGroup = group
      ? await listInGroup(
          db,
          organizationId,
          group,
          rows.map((r) => r.accountId),
        )
      : new Set<string>();
    return rows
      .filter((r) => !inGroup.has(r.accountId))
      .slice(0, SUGGESTIONS)
      .map(({ accountId, lastName, firstName, middleName }) => ({
        accountId,
        lastName,
        firstName,
        middleName,
      }));
  }
}
