import type { OrganizationContacts, OrganizationProfile } from '@openesia/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Db } from '../../db/client.js';
import { rolesOf, withNewHead } from '../../domain/organization/membership.js';
import type { TaxRegisterRecord } from '../../domain/organization/registration.js';
import type { Actor, OrganizationMemberActor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { Integrations } from '../../integrations/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { listApprovals } from '../../repositories/organization/access.js';
import { findActiveMember, memberNameKey } from '../../repositories/organization/members.js';
import {
  findOrganization,
  listActiveMembersForUpdate,
  setMemberRoles,
  updateOrganization,
  type OrganizationRow,
} from '../../repositories/organization/organizations.js';
import type { RequestMeta } from '../platform/sessions.js';
import { toQueueItem } from './regional.js';

/** How long «Обновить из ЕГРЮЛ» waits for the register while the person waits for the page. */
export const REFRESH_TIMEOUT_MS = 10_000;

/**
 * The organization's own data for a person acting for it: read by every employee; its contacts
 * changed, and its register data refreshed from ЕГРЮЛ («Обновить из ЕГРЮЛ»), by the head and the
 * administrators. What the register says (ОГРН, ИНН, КПП, full name, the head) changes only by a
 * refresh; a new head there moves the members' roles (withNewHead), audited.
 */
export class OrganizationProfileService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      integrations: Integrations;
      logger: FastifyBaseLogger;
      refreshTimeoutMs?: number;
    },
  ) {}

  private async view(actor: OrganizationMemberActor, o: OrganizationRow): Promise<OrganizationProfile> {
    return {
      ...toQueueItem(o),
      approvals: [...(await listApprovals(this.deps.db, o.id))],
      blocking: o.blockedAt ? { blockedAt: o.blockedAt.toISOString(), reason: o.blockedReason ?? '' } : null,
      yourRoles: [...actor.roles],
      revision: o.revision,
    };
  }

  private async load(
    actor: Actor,
    action: 'organization.read' | 'organization.update' | 'organization.refresh',
  ) {
    assertAllowed(actor, action);
    const member = actor as OrganizationMemberActor;
    assertAllowed(actor, action, { organizationId: member.organizationId });
    const organization = await findOrganization(this.deps.db, member.organizationId);
    if (!organization) throw new AppError('organization.not_found');
    return { member, organization };
  }

  async get(actor: Actor): Promise<OrganizationProfile> {
    const { member, organization } = await this.load(actor, 'organization.read');
    return this.view(member, organization);
  }

  /** PATCH /organization: the short name, addresses, phone and e-mail, against the revision shown. */
  async updateContacts(
    actor: Actor,
    input: OrganizationContacts,
    meta: RequestMeta,
  ): Promise<OrganizationProfile> {
    const { member } = await this.load(actor, 'organization.update');
    const { db, clock } = this.deps;
    const updated = await db.transaction(async (tx) => {
      const now = clock.now();
      const o = await findOrganization(tx, member.organizationId, { forUpdate: true });
      if (!o) throw new AppError('organization.not_found');
      if (o.revision !== input.revision) throw new AppError('conflict.stale');
      const changes = {
        shortName: input.shortName,
        legalAddress: input.legalAddress,
        postalAddress: input.postalAddress,
        phone: input.phone,
        email: input.email,
      };
      const fields = Object.entries(changes)
        .filter(([key, value]) => o[key as keyof typeof changes] !== value)
        .map(([key]) => key);
      const next = { ...o, ...changes, revision: o.revision + 1, updatedAt: now };
      await updateOrganization(tx, o.id, { ...changes, revision: next.revision, updatedAt: now });
      await appendAudit(
        tx,
        {
          event: 'organization.contacts_updated',
          ...auditActor(actor),
          ip: meta.ip,
          data: { organizationId: o.id, fields },
        },
        now,
      );
      return next;
    });
    return this.view(member, updated);
  }

  /** The register asked now, or `tax_register.unavailable` when it does not answer in time. */
  private async lookup(o: OrganizationRow): Promise<Extract<TaxRegisterRecord, { found: true }> | null> {
    const timeoutMs = this.deps.refreshTimeoutMs ?? REFRESH_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    try {
      const record = await Promise.race([
        this.deps.integrations.taxRegister.findLegalEntity({ ogrn: o.ogrn, inn: o.inn }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
        }),
      ]);
      return record.found ? record : null;
    } catch (err) {
      this.deps.logger.warn({ err }, 'tax register did not answer a refresh');
      throw new AppError('tax_register.unavailable');
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * «Обновить из ЕГРЮЛ»: the register's full name, КПП and head written over ours; its status kept
   * in `refusal` (liquidated, in liquidation) so the profile shows it, cleared when active again.
   * A head the register names differently becomes the head among the employees whose name is that
   * one (none: the organization has no head employee until that person joins), the previous head
   * staying an administrator.
   */
  async refresh(actor: Actor, meta: RequestMeta): Promise<OrganizationProfile> {
    const { member, organization } = await this.load(actor, 'organization.refresh');
    const record = await this.lookup(organization);
    const { db, clock } = this.deps;
    const updated = await db.transaction(async (tx) => {
      const now = clock.now();
      const o = await findOrganization(tx, member.organizationId, { forUpdate: true });
      if (!o) throw new AppError('organization.not_found');
      const registerStatus = record ? record.status : 'not_found';
      const changes: Partial<OrganizationRow> = record
        ? {
            fullName: record.fullName,
            kpp: record.kpp ?? o.kpp,
            headLastName: record.head.lastName,
            headFirstName: record.head.firstName,
            headMiddleName: record.head.middleName,
            headPosition: record.head.position ?? o.headPosition,
            refusal: record.status === 'active' ? null : record.status,
          }
        : { refusal: 'not_found' };
      const changed = Object.entries(changes)
        .filter(([key, value]) => o[key as keyof OrganizationRow] !== value)
        .map(([key]) => key);
      const next = { ...o, ...changes, checkedAt: now, updatedAt: now, revision: o.revision + 1 };
      await updateOrganization(tx, o.id, {
        ...changes,
        checkedAt: now,
        updatedAt: now,
        revision: next.revision,
      });
      const headKey = (p: { lastName: string; firstName: string; middleName: string | null }) =>
        memberNameKey(p);
      if (
        record &&
        headKey(record.head) !==
          headKey({ lastName: o.headLastName, firstName: o.headFirstName, middleName: o.headMiddleName })
      ) {
        const members = await listActiveMembersForUpdate(tx, o.id);
        const wanted = headKey(record.head);
        const newHead = members.find((m) => m.nameKey === wanted) ?? null;
        const previous = members.find((m) => m.isHead) ?? null;
        const roles = withNewHead(members, newHead?.accountId ?? null);
        for (const [i, m] of members.entries()) {
          const r = roles[i]!;
          if (r.isHead !== m.isHead || r.isAdministrator !== m.isAdministrator)
            await setMemberRoles(tx, m.id, { isHead: r.isHead, isAdministrator: r.isAdministrator });
        }
        await appendAudit(
          tx,
          {
            event: 'organization.head_changed',
            ...auditActor(actor),
            subjectId: newHead?.accountId ?? null,
            ip: meta.ip,
            data: {
              organizationId: o.id,
              previousHeadAccountId: previous?.accountId ?? null,
              newHeadAccountId: newHead?.accountId ?? null,
            },
          },
          now,
        );
      }
      await appendAudit(
        tx,
        {
          event: 'organization.refreshed',
          ...auditActor(actor),
          ip: meta.ip,
          data: { organizationId: o.id, registerStatus, changed },
        },
        now,
      );
      return next;
    });
    // The looking person's roles may have changed with the head.
    const self = await findActiveMember(db, updated.id, member.personId);
    const yourRoles = self ? rolesOf(self) : member.roles;
    return this.view({ ...member, roles: [...yourRoles] }, updated);
  }
}
