import type {
  AccessGroup,
  Invitation,
  InvitationPreview,
  InvitationRequest,
  MyOrganization,
} from '@openesia/contracts';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Config } from '../../config/index.js';
import type { Db } from '../../db/client.js';
import { assertGroupOpen, groupAvailability } from '../../domain/organization/access-groups.js';
import {
  assertAcceptable,
  assertCanResend,
  assertCanRevoke,
  invitationExpiry,
  invitationState,
} from '../../domain/organization/invitation.js';
import type { Actor, CitizenActor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import { newId, randomToken, type LookupHasher } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { getAccountById } from '../../repositories/citizen/accounts.js';
import { addGroupMember } from '../../repositories/organization/access.js';
import { findOrganizationStanding } from '../../repositories/organization/directory.js';
import {
  findInvitationByTokenHash,
  findInvitationForUpdate,
  insertInvitation,
  listInvitations,
  markInvitationAccepted,
  reissueInvitation,
  revokeInvitation,
  type InvitationRow,
} from '../../repositories/organization/invitations.js';
import { findActiveMember, insertMember, memberNameKey } from '../../repositories/organization/members.js';
import type { NotificationService } from '../platform/notifications.js';
import type { RequestMeta } from '../platform/sessions.js';
import { toMyOrganization } from './views.js';
import { actingMember } from './members.js';

const LIST_LIMIT = 500;

/**
 * «Пригласить сотрудника» (seed 000, section 3): the head or an administrator invites by e-mail,
 * surname and first name, optionally into groups at once (open groups only). The link carries a
 * token of 32 random bytes, kept only as its HMAC; it is single use and valid 60 days
 * (domain/organization/invitation.ts), revocable, and a resend replaces it by a new one. Only a
 * person with a confirmed account whose surname and first name are the invitation's can accept.
 */
export class InvitationService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      config: Pick<Config, 'publicUrl'>;
      lookup: LookupHasher;
      notifications: Pick<NotificationService, 'enqueue'>;
    },
  ) {}

  async invite(actor: Actor, input: InvitationRequest, meta: RequestMeta): Promise<Invitation> {
    const member = actingMember(actor, 'organization.invite_employee');
    const { db, clock } = this.deps;
    const groups = [...new Set(input.groups)];
    return db.transaction(async (tx) => {
      const standing = await findOrganizationStanding(tx, member.organizationId);
      if (!standing) throw new AppError('organization.not_found');
      for (const group of groups) assertGroupOpen(group, standing);
      const now = clock.now();
      const token = randomToken(32);
      const row = await insertInvitation(tx, {
        id: newId(),
        organizationId: member.organizationId,
        email: input.email,
        lastName: input.lastName,
        firstName: input.firstName,
        groups,
        tokenHash: this.tokenHash(token),
        invitedBy: member.personId,
        sentAt: now,
        expiresAt: invitationExpiry(now),
      });
      await this.sendLink(tx, row, standing.shortName, token);
      await appendAudit(
        tx,
        {
          event: 'organization.invitation_sent',
          ...auditActor(actor),
          subjectId: row.id,
          ip: meta.ip,
          data: { lastName: row.lastName, firstName: row.firstName, groups },
        },
        now,
      );
      return this.view(row, now);
    });
  }

  async list(actor: Actor): Promise<Invitation[]> {
    const member = actingMember(actor, 'organization.invite_employee');
    const now = this.deps.clock.now();
    const rows = await listInvitations(this.deps.db, member.organizationId, LIST_LIMIT);
    return rows.map((row) => this.view(row, now));
  }

  /** Revokes a pending invitation; another organization's invitation is not found. */
  async revoke(actor: Actor, invitationId: string, meta: RequestMeta): Promise<Invitation> {
    const member = actingMember(actor, 'organization.invite_employee');
    const { db, clock } = this.deps;
    return db.transaction(async (tx) => {
      const row = await findInvitationForUpdate(tx, member.organizationId, invitationId);
      if (!row) throw new AppError('invitation.not_found');
      const now = clock.now();
      assertCanRevoke(row, now);
      if (!(await revokeInvitation(tx, row.id, now))) throw new AppError('invitation.used');
      await appendAudit(
        tx,
        {
          event: 'organization.invitation_revoked',
          ...auditActor(actor),
          subjectId: row.id,
          ip: meta.ip,
          data: { lastName: row.lastName, firstName: row.firstName },
        },
        now,
      );
      return this.view({ ...row, revokedAt: now }, now);
    });
  }

  /** A new link, valid 60 days from now; the previous link stops working. */
  async resend(actor: Actor, invitationId: string, meta: RequestMeta): Promise<Invitation> {
    const member = actingMember(actor, 'organization.invite_employee');
    const { db, clock } = this.deps;
    return db.transaction(async (tx) => {
      const row = await findInvitationForUpdate(tx, member.organizationId, invitationId);
      if (!row) throw new AppError('invitation.not_found');
      const now = clock.now();
      assertCanResend(row, now);
      const token = randomToken(32);
      const updated = await reissueInvitation(tx, row.id, {
        tokenHash: this.tokenHash(token),
        sentAt: now,
        expiresAt: invitationExpiry(now),
      });
      if (!updated) throw new AppError('invitation.used');
      const standing = await findOrganizationStanding(tx, member.organizationId);
      await this.sendLink(tx, updated, standing?.shortName ?? '', token);
      await appendAudit(
        tx,
        {
          event: 'organization.invitation_resent',
          ...auditActor(actor),
          subjectId: row.id,
          ip: meta.ip,
          data: { lastName: row.lastName, firstName: row.firstName },
        },
        now,
      );
      return this.view(updated, now);
    });
  }

  /** What the person holding the link sees before accepting (any signed-in person). */
  async preview(actor: Actor, token: string): Promise<InvitationPreview> {
    assertAllowed(actor, 'organization.accept_invitation');
    const found = await findInvitationByTokenHash(this.deps.db, this.tokenHash(token));
    if (!found) throw new AppError('invitation.not_found');
    const { invitation, organization } = found;
    return {
      organization: { shortName: organization.shortName, fullName: organization.fullName },
      lastName: invitation.lastName,
      firstName: invitation.firstName,
      expiresAt: invitation.expiresAt.toISOString(),
      state: invitationState(invitation, this.deps.clock.now()),
    };
  }

  /**
   * Joins the organization as an employee, and the invitation's groups that are still open. The
   * invitation's row is locked and its acceptance conditional, so of two acceptances of one link
   * at once the second finds it used.
   */
  async accept(actor: Actor, token: string, meta: RequestMeta): Promise<MyOrganization> {
    const citizen = actor as CitizenActor;
    assertAllowed(actor, 'organization.accept_invitation', { accountId: citizen.accountId });
    const { db, clock } = this.deps;
    return db.transaction(async (tx) => {
      const found = await findInvitationByTokenHash(tx, this.tokenHash(token), { forUpdate: true });
      if (!found) throw new AppError('invitation.not_found');
      const { invitation, organization } = found;
      const account = await getAccountById(tx, citizen.accountId);
      const now = clock.now();
      const alreadyMember = !!(await findActiveMember(tx, organization.id, account.id));
      assertAcceptable(invitation, { ...account, alreadyMember }, now);
      if (!(await markInvitationAccepted(tx, invitation.id, account.id, now)))
        throw new AppError('invitation.used');
      await insertMember(tx, {
        id: newId(),
        organizationId: organization.id,
        accountId: account.id,
        nameKey: memberNameKey(account),
        joinedAt: now,
      });
      // A group closed since the invitation (an approval withdrawn) is left out, not refused.
      const standing = (await findOrganizationStanding(tx, organization.id))!;
      const groups = (invitation.groups as AccessGroup[]).filter((g) => groupAvailability(g, standing).open);
      for (const group of groups)
        await addGroupMember(tx, {
          organizationId: organization.id,
          group,
          accountId: account.id,
          addedAt: now,
          addedBy: invitation.invitedBy,
        });
      await appendAudit(
        tx,
        {
          event: 'organization.invitation_accepted',
          ...auditActor(actor),
          subjectId: organization.id,
          ip: meta.ip,
          data: { invitationId: invitation.id, groups },
        },
        now,
      );
      return toMyOrganization(organization, { isHead: false, isAdministrator: false });
    });
  }

  private tokenHash(token: string): string {
    return this.deps.lookup.hash('organization_invitation', token);
  }

  /** The e-mail with the link; the web app reads the token from the fragment, which no log keeps. */
  private async sendLink(
    tx: Parameters<NotificationService['enqueue']>[0],
    row: InvitationRow,
    organizationName: string,
    token: string,
  ) {
    const link = `${this.deps.config.publicUrl}/organizations/invitation#token=${token}`;
    const until = row.expiresAt.toLocaleDateString('ru-RU', { timeZone: 'Europe/Moscow' });
    await this.deps.notifications.enqueue(tx, {
      channel: 'email',
      to: row.email,
      subject: 'Приглашение присоединиться к организации в ЕСИА',
      text:
        `Здравствуйте, ${row.firstName}!\n\n` +
        `Вас пригласили присоединиться к организации ${organizationName} в ЕСИА как сотрудника. ` +
        `Чтобы принять приглашение, войдите с подтверждённой учётной записью и перейдите по ссылке:\n${link}\n\n` +
        `Приглашение действует до ${until} и только один раз. Если вы не ждали этого письма, просто удалите его.`,
    });
  }

  private view(row: InvitationRow, now: Date): Invitation {
    return {
      id: row.id,
      email: row.email,
      lastName: row.lastName,
      firstName: row.firstName,
      groups: row.groups as AccessGroup[],
      state: invitationState(row, now),
      sentAt: row.sentAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    };
  }
}
