import {
  organizationApprovalLabels,
  type FederalOrganization,
  type OrganizationApproval,
} from '@openesia/contracts';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Db } from '../../db/client.js';
import { approvalsRevokedWith } from '../../domain/organization/approvals.js';
import { assertMayBlock, assertMayUnblock } from '../../domain/organization/blocking.js';
import type { Actor, FederalOperatorActor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError } from '../../lib/errors.js';
import { countComplaintsByOrganization } from '../../repositories/complaint/complaints.js';
import { listApprovalsOf, revokeApprovals } from '../../repositories/organization/access.js';
import {
  blockOrganizationIf,
  findOrganization,
  listRegisteredOrganizations,
  unblockOrganizationIf,
  type NameCursor,
  type OrganizationRow,
} from '../../repositories/organization/organizations.js';
import type { NotificationService } from '../platform/notifications.js';
import type { RequestMeta } from '../platform/sessions.js';
import { notifyOrganization } from './registration.js';

type Listed = OrganizationRow & {
  blockedByName: { lastName: string; firstName: string; middleName: string | null } | null;
};

function encodeCursor(row: NameCursor): string {
  return Buffer.from(JSON.stringify([row.shortName, row.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): NameCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [shortName, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof shortName === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id))
      return { shortName, id };
  } catch {
    // not ours: refused below as any other malformed cursor
  }
  throw fieldError('cursor', 'cursor.invalid');
}

/**
 * The federal operator's organizations and their blocking as issuers of simple signatures (seed
 * 003, appendix 1; DOMAIN.md: the federal operator «blocks organizations»). A blocking is a
 * reason on the organization's row; its effects are computed wherever they matter
 * (domain/organization/access-groups.ts closes the АРМ groups, approvals.ts `allowedServices`
 * allows its centers nothing, so they leave the map), and the unblocking clears it, which gives
 * everything back at once. Both are audited and the organization is told by e-mail.
 */
export class OrganizationBlockingService {
  constructor(private readonly deps: { db: Db; clock: Clock; notifications: NotificationService }) {}

  /** Registered organizations by name, each with its approvals, blocking and unanswered complaints. */
  async list(
    actor: Actor,
    query: { q?: string; filter: 'all' | 'blocked'; cursor?: string; limit: number },
  ): Promise<{ organizations: FederalOrganization[]; nextCursor: string | null }> {
    assertAllowed(actor, 'organization.list_federal');
    const { db } = this.deps;
    const rows = await listRegisteredOrganizations(db, {
      q: query.q,
      blocked: query.filter === 'blocked',
      limit: query.limit + 1,
      after: decodeCursor(query.cursor),
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      organizations: await this.views(page),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  }

  async block(
    actor: Actor,
    organizationId: string,
    input: { reason: string },
    meta: RequestMeta,
  ): Promise<FederalOrganization> {
    assertAllowed(actor, 'organization.block');
    const { accountId } = actor as FederalOperatorActor;
    const { db, clock, notifications } = this.deps;
    await db.transaction(async (tx) => {
      const organization = await findOrganization(tx, organizationId, { forUpdate: true });
      if (!organization) throw new AppError('organization.not_found');
      assertMayBlock(organization);
      const now = clock.now();
      const blocked = await blockOrganizationIf(tx, organization.id, {
        blockedAt: now,
        blockedReason: input.reason,
        blockedBy: accountId,
      });
      if (!blocked) throw new AppError('organization.already_blocked');
      await appendAudit(
        tx,
        {
          event: 'organization.blocked',
          ...auditActor(actor),
          subjectId: organization.id,
          ip: meta.ip,
          data: { organizationId: organization.id, reason: input.reason },
        },
        now,
      );
      await notifyOrganization(tx, notifications, organization, {
        subject: 'Организация заблокирована как оператор выдачи ключа ПЭП',
        text: [
          `Оператор ЕСИА заблокировал организацию «${organization.shortName}» (ОГРН ${organization.ogrn}) как оператора выдачи ключа простой электронной подписи.`,
          `Причина: ${input.reason}`,
          'Пока блокировка действует, сотрудники групп «Специалисты по подтверждению личности» и «Специалисты по регистрации и подтверждению» не могут выполнять операции, а центры обслуживания организации не показываются на карте.',
        ].join('\n'),
      });
    });
    return this.one(organizationId);
  }

  /**
   * «Отозвать согласование»: the status an approval gave is taken back at once, with those that
   * follow from it (approvalsRevokedWith); its groups lock and its services stop, computed as a
   * blocking's are. The organization may apply again. Audited and told by e-mail.
   */
  async revokeApproval(
    actor: Actor,
    organizationId: string,
    approval: OrganizationApproval,
    input: { reason: string },
    meta: RequestMeta,
  ): Promise<FederalOrganization> {
    assertAllowed(actor, 'organization.revoke_approval');
    const { db, clock, notifications } = this.deps;
    await db.transaction(async (tx) => {
      const organization = await findOrganization(tx, organizationId, { forUpdate: true });
      if (!organization) throw new AppError('organization.not_found');
      const now = clock.now();
      const wanted = approvalsRevokedWith(approval);
      const taken = await revokeApprovals(tx, organization.id, wanted, now);
      // in the order of the rule (the approval, then those that follow it), not the update's
      const revoked = wanted.filter((a) => taken.includes(a));
      if (!revoked.includes(approval)) throw new AppError('organization.approval_not_held');
      await appendAudit(
        tx,
        {
          event: 'organization.approval_revoked',
          ...auditActor(actor),
          subjectId: organization.id,
          ip: meta.ip,
          data: { organizationId: organization.id, approvals: revoked, reason: input.reason },
        },
        now,
      );
      await notifyOrganization(tx, notifications, organization, {
        subject: 'Согласование отозвано оператором ЕСИА',
        text: [
          `Оператор ЕСИА отозвал у организации «${organization.shortName}» (ОГРН ${organization.ogrn}): ${revoked
            .map((a) => organizationApprovalLabels[a])
            .join('; ')}.`,
          `Причина: ${input.reason}`,
          'Группы АРМ «Центр обслуживания», которые открывало согласование, закрыты. Организация может подать заявку заново.',
        ].join('\n'),
      });
    });
    return this.one(organizationId);
  }

  async unblock(actor: Actor, organizationId: string, meta: RequestMeta): Promise<FederalOrganization> {
    assertAllowed(actor, 'organization.block');
    const { db, clock, notifications } = this.deps;
    await db.transaction(async (tx) => {
      const organization = await findOrganization(tx, organizationId, { forUpdate: true });
      if (!organization) throw new AppError('organization.not_found');
      assertMayUnblock(organization);
      const now = clock.now();
      if (!(await unblockOrganizationIf(tx, organization.id, now)))
        throw new AppError('organization.not_blocked');
      await appendAudit(
        tx,
        {
          event: 'organization.unblocked',
          ...auditActor(actor),
          subjectId: organization.id,
          ip: meta.ip,
          data: {
            organizationId: organization.id,
            blockedAt: organization.blockedAt!.toISOString(),
            reason: organization.blockedReason ?? '',
          },
        },
        now,
      );
      await notifyOrganization(tx, notifications, organization, {
        subject: 'Блокировка организации снята',
        text: `Оператор ЕСИА снял блокировку организации «${organization.shortName}» (ОГРН ${organization.ogrn}) как оператора выдачи ключа простой электронной подписи. Сотрудники групп АРМ «Центр обслуживания» снова могут выполнять операции.`,
      });
    });
    return this.one(organizationId);
  }

  private async one(organizationId: string): Promise<FederalOrganization> {
    const [listed] = await listRegisteredOrganizations(this.deps.db, {
      id: organizationId,
      blocked: false,
      limit: 1,
    });
    return (await this.views([listed!]))[0]!;
  }

  private async views(rows: Listed[]): Promise<FederalOrganization[]> {
    const { db, clock } = this.deps;
    const ids = rows.map((r) => r.id);
    const [approvals, complaints] = await Promise.all([
      listApprovalsOf(db, ids),
      countComplaintsByOrganization(db, ids, clock.now()),
    ]);
    return rows.map((o) => ({
      id: o.id,
      shortName: o.shortName,
      fullName: o.fullName,
      ogrn: o.ogrn,
      inn: o.inn,
      type: o.type,
      regionCode: o.regionCode,
      status: o.status,
      approvals: approvals.get(o.id) ?? [],
      blocking: o.blockedAt
        ? { blockedAt: o.blockedAt.toISOString(), reason: o.blockedReason ?? '', blockedBy: o.blockedByName }
        : null,
      complaints: complaints.get(o.id) ?? { awaitingAnswer: 0, overdue: 0 },
    }));
  }
}
