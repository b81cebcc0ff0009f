import type { RegionalDecision, RegionalQueueItem } from '@openesia/contracts';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Db } from '../../db/client.js';
import { nextRegistrationStatus } from '../../domain/organization/registration.js';
import type { Actor, RegionalOperatorActor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import {
  findOrganization,
  listAwaitingRegionalOperator,
  updateOrganizationIfStatus,
  type OrganizationRow,
} from '../../repositories/organization/organizations.js';
import type { NotificationService } from '../platform/notifications.js';
import type { RequestMeta } from '../platform/sessions.js';
import { notifyOrganization } from './registration.js';

export function toQueueItem(o: OrganizationRow): RegionalQueueItem {
  return {
    id: o.id,
    ogrn: o.ogrn,
    inn: o.inn,
    kpp: o.kpp,
    fullName: o.fullName,
    shortName: o.shortName,
    type: o.type,
    regionCode: o.regionCode,
    legalAddress: o.legalAddress,
    postalAddress: o.postalAddress,
    phone: o.phone,
    email: o.email,
    head: {
      lastName: o.headLastName,
      firstName: o.headFirstName,
      middleName: o.headMiddleName,
      position: o.headPosition,
    },
    status: o.status,
    refusal: o.refusal,
    returnReason: o.returnReason,
    createdAt: o.createdAt.toISOString(),
    checkedAt: o.checkedAt?.toISOString() ?? null,
    registeredAt: o.registeredAt?.toISOString() ?? null,
  };
}

function encodeCursor(o: OrganizationRow): string {
  return Buffer.from(`${o.createdAt.toISOString()}|${o.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id ?? ''))
    throw new AppError('validation.failed', { fields: [{ path: 'cursor', code: 'cursor.invalid' }] });
  return { createdAt, id: id! };
}

/**
 * The regional operator's part of registration (seed 004, step 1.4: «Агентство по информатизации
 * и связи Камчатского края получает заявку на регистрацию органа (организации) в регистре …,
 * подтверждает заявку»): the queue of its region's state and municipal bodies the register
 * confirmed, oldest first; confirm, or return with a reason. Another region's organization is
 * not found, as an unknown one is.
 */
export class RegionalRegistrationService {
  constructor(private readonly deps: { db: Db; clock: Clock; notifications: NotificationService }) {}

  async queue(
    actor: Actor,
    query: { cursor?: string; limit: number },
  ): Promise<{ organizations: RegionalQueueItem[]; nextCursor: string | null }> {
    assertAllowed(actor, 'organization.list_regional');
    const { regionCode } = actor as RegionalOperatorActor;
    const rows = await listAwaitingRegionalOperator(this.deps.db, regionCode, {
      limit: query.limit + 1,
      after: decodeCursor(query.cursor),
    });
    const page = rows.slice(0, query.limit);
    return {
      organizations: page.map(toQueueItem),
      nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
    };
  }

  async decide(
    actor: Actor,
    organizationId: string,
    decision: RegionalDecision,
    meta: RequestMeta,
  ): Promise<RegionalQueueItem> {
    assertAllowed(actor, 'organization.decide_regional');
    const { regionCode } = actor as RegionalOperatorActor;
    const { db, clock, notifications } = this.deps;
    return db.transaction(async (tx) => {
      const now = clock.now();
      const organization = await findOrganization(tx, organizationId, { forUpdate: true });
      if (!organization || organization.regionCode !== regionCode)
        throw new AppError('organization.not_found');
      assertAllowed(actor, 'organization.decide_regional', { regionCode: organization.regionCode });
      const status = nextRegistrationStatus(
        organization.status,
        decision.decision === 'confirm' ? { kind: 'regional_confirmed' } : { kind: 'regional_returned' },
      );
      const changes: Partial<OrganizationRow> =
        decision.decision === 'confirm'
          ? { status, registeredAt: now, updatedAt: now }
          : { status, returnReason: decision.reason, updatedAt: now };
      if (!(await updateOrganizationIfStatus(tx, organizationId, organization.status, changes)))
        throw new AppError('organization.wrong_state');
      await appendAudit(
        tx,
        {
          event: 'organization.regional_decision',
          ...auditActor(actor),
          subjectId: organization.registeredBy,
          ip: meta.ip,
          data: {
            organizationId,
            decision: decision.decision,
            ...(decision.decision === 'return' ? { reason: decision.reason } : {}),
          },
        },
        now,
      );
      const name = `«${organization.shortName}» (ОГРН ${organization.ogrn})`;
      await notifyOrganization(
        tx,
        notifications,
        organization,
        decision.decision === 'confirm'
          ? {
              subject: 'Регистрация организации: Зарегистрирована',
              text: `Региональный оператор подтвердил регистрацию организации ${name}. Организация зарегистрирована в ЕСИА.`,
            }
          : {
              subject: 'Регистрация организации: Возвращена региональным оператором',
              text: `Региональный оператор вернул заявку на регистрацию организации ${name}. Причина: ${decision.reason}\nИсправьте сведения и отправьте заявку повторно в личном кабинете.`,
            },
      );
      return toQueueItem({ ...organization, ...changes });
    });
  }
}
