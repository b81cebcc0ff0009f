import {
  WORKSTATION_IDLE_MINUTES,
  WORKSTATION_TERMS_VERSION,
  type CenterService,
  type SignatureChallenge,
  type WorkstationCenterOption,
  type WorkstationSession,
  type WorkstationLogin,
} from '@openesia/contracts';
import { createHash } from 'node:crypto';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { allowedServices } from '../../domain/organization/approvals.js';
import type { Actor, WorkstationOperatorActor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import { moscowDateTime } from '../../domain/shared/moscow-time.js';
import { assertSamePerson, certificateSnils } from '../../domain/signature/person.js';
import { isBoundTo } from '../../domain/signature/purpose.js';
import { operationsOffered } from '../../domain/workstation/operations.js';
import { assertMayOperate, certificateOrganization } from '../../domain/workstation/operator.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, sha256Hex, type LookupHasher } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { findAccountById, getAccountById } from '../../repositories/citizen/accounts.js';
import { findAccountIdBySnilsLookup } from '../../repositories/citizen/personal-data.js';
import { findMembership } from '../../repositories/organization/memberships.js';
import {
  findLiveOrganizationByOgrn,
  findOrganization,
} from '../../repositories/organization/organizations.js';
import { useChallenge } from '../../repositories/signature/challenges.js';
import {
  findLiveWorkstationSession,
  hasAcceptedTerms,
  insertTermsAcceptance,
  insertWorkstationSession,
  listOperatorCenters,
  updateWorkstationSession,
  type OperatorCenterRow,
} from '../../repositories/workstation/sessions.js';
import type { RequestMeta } from '../platform/sessions.js';
import type { SignatureService } from '../signature/signatures.js';
import type { WorkstationJournalService } from './journal.js';

export const WORKSTATION_IDLE_MS = WORKSTATION_IDLE_MINUTES * 60_000;
/** A shift, at most: the operator signs in again with the certificate after it. */
export const WORKSTATION_MAX_MS = 12 * 60 * 60_000;
const TOUCH_EVERY_MS = 30_000;

/** What the router's hook knows of a request to the workstation. */
export interface WorkstationResolution {
  actor: WorkstationOperatorActor;
  /** the center the session was bound to is no longer active, or he was detached from it */
  centerLost: boolean;
}

/** SHA-1 of the DER certificate in upper-case hex: the thumbprint CryptoPro and the operators' lists show. */
export function certificateThumbprint(der: Uint8Array): string {
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

/**
 * Entering АРМ «Центр обслуживания» (seed 000; seed 002, steps 2 and 9): only with a qualified
 * signature whose certificate names the organization; the person an employee in an АРМ group
 * there, the organization approved and not blocked; then a center among the active ones he is
 * attached to, and the terms of use accepted once. Each request resolves the operator again from
 * the organization and center as they are, so a blocking or a detachment stops him at once.
 */
export class WorkstationAccessService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      lookup: LookupHasher;
      signatures: SignatureService;
      journal: WorkstationJournalService;
    },
  ) {}

  async challenge(actor: Actor): Promise<SignatureChallenge> {
    assertAllowed(actor, 'workstation.sign_in');
    const now = this.deps.clock.now();
    return this.deps.signatures.createBoundChallenge(
      null,
      { kind: 'workstation.login' },
      `Вход в АРМ «Центр обслуживания» с помощью квалифицированной электронной подписи сотрудника организации. Дата: ${moscowDateTime(now)}.`,
    );
  }

  /**
   * The signature verified, the organization and the person read from the certificate, the
   * employee's standing checked; then the session, its journal entry and audit entry in one
   * transaction. A refusal after the certificate verified is journaled and audited with its reason.
   */
  async login(
    actor: Actor,
    input: WorkstationLogin,
    meta: RequestMeta,
  ): Promise<{ token: string; session: WorkstationSession }> {
    assertAllowed(actor, 'workstation.sign_in');
    const { db, clock, lookup, signatures, journal } = this.deps;
    const { challenge, verified } = await signatures.verifyBoundChallenge(null, 'workstation.login', input);
    if (!isBoundTo(challenge.data, { kind: 'workstation.login' }))
      throw new AppError('signature.challenge_expired');
    const signer = verified.signer;
    const thumbprint = certificateThumbprint(signer.der);
    let known: { accountId: string; organizationId: string; regionCode: string; name: string } | null = null;
    try {
      const named = certificateOrganization(signer.subject);
      const organization = await findLiveOrganizationByOgrn(db, named.ogrn);
      if (!organization || organization.inn !== named.inn)
        throw new AppError('workstation.organization_unknown');
      const snils = certificateSnils(signer.subject);
      const accountId = await findAccountIdBySnilsLookup(db, lookup.hash('snils', snils));
      const account = accountId ? await findAccountById(db, accountId) : undefined;
      if (!account || account.status !== 'active') throw new AppError('workstation.not_operator');
      try {
        assertSamePerson(signer.subject, { ...account, snils });
      } catch {
        throw new AppError('workstation.certificate_mismatch');
      }
      if (account.level !== 'confirmed') throw new AppError('workstation.not_operator');
      known = {
        accountId: account.id,
        organizationId: organization.id,
        regionCode: organization.regionCode,
        name: fullName(account),
      };
      const membership = await findMembership(db, account.id, organization.id);
      if (!membership) throw new AppError('workstation.not_operator');
      assertMayOperate(
        {
          status: membership.organization.status,
          blocked: membership.organization.blockedAt !== null,
          approvals: membership.organization.approvals,
        },
        membership.groups,
      );
      const token = randomToken();
      const tokenHash = sha256Hex(token);
      await db.transaction(async (tx) => {
        const now = clock.now();
        if (!(await useChallenge(tx, challenge.id, now))) throw new AppError('signature.challenge_used');
        await insertWorkstationSession(tx, {
          tokenHash,
          accountId: account.id,
          organizationId: organization.id,
          centerId: null,
          certificateThumbprint: thumbprint,
          certificateSerial: signer.serialNumber,
          certificateValidTo: signer.notAfter,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + WORKSTATION_IDLE_MS),
          ip: meta.ip ?? null,
          userAgent: meta.userAgent?.slice(0, 300) ?? null,
        });
        await journal.record(
          tx,
          {
            operator: { accountId: account.id, name: known!.name },
            thumbprint,
            organizationId: organization.id,
            regionCode: organization.regionCode,
            centerId: null,
            action: 'sign_in',
            outcome: 'done',
          },
          now,
        );
        await appendAudit(
          tx,
          {
            event: 'workstation.signed_in',
            actorType: 'workstation_operator',
            actorId: account.id,
            subjectId: account.id,
            ip: meta.ip ?? null,
            actingFor: { organizationId: organization.id },
            data: { certificate: thumbprint, serialNumber: signer.serialNumber },
          },
          now,
        );
      });
      const resolved = await this.resolve(token);
      if (!resolved) throw new AppError('auth.required');
      return { token, session: await this.view(resolved.actor) };
    } catch (err) {
      if (
        err instanceof AppError &&
        (err.code.startsWith('workstation.') || err.code.startsWith('signature.'))
      )
        await this.recordRefusal(err.code, thumbprint, known, meta);
      throw err;
    }
  }

  private async recordRefusal(
    reason: string,
    thumbprint: string,
    known: { accountId: string; organizationId: string; regionCode: string; name: string } | null,
    meta: RequestMeta,
  ): Promise<void> {
    const { db, clock, journal } = this.deps;
    await db.transaction(async (tx) => {
      const now = clock.now();
      if (known)
        await journal.record(
          tx,
          {
            operator: { accountId: known.accountId, name: known.name },
            thumbprint,
            organizationId: known.organizationId,
            regionCode: known.regionCode,
            centerId: null,
            action: 'sign_in_refused',
            outcome: 'refused',
            refusal: reason,
          },
          now,
        );
      await appendAudit(
        tx,
        {
          event: 'workstation.sign_in_refused',
          actorType: 'anonymous',
          subjectId: known?.accountId ?? null,
          ip: meta.ip ?? null,
          data: {
            reason,
            certificate: thumbprint,
            ...(known ? { organizationId: known.organizationId } : {}),
          },
        },
        now,
      );
    });
  }

  /**
   * The operator of a workstation cookie as things are now, or null (no session, expired, signed
   * out). Throws the standing's refusal (blocked, no longer in a group) so the operator reads why.
   */
  async resolve(token: string | undefined): Promise<WorkstationResolution | null> {
    if (!token || token.length > 100) return null;
    return this.resolveHash(sha256Hex(token));
  }

  /**
   * Who a live session's operator is, his standing not judged: what a refusal at the door is
   * journaled with (a blocked organization's operator is refused by `resolve` itself).
   */
  async sessionOperator(token: string | undefined): Promise<WorkstationOperatorActor | null> {
    if (!token || token.length > 100) return null;
    const { db, clock } = this.deps;
    const tokenHash = sha256Hex(token);
    const session = await findLiveWorkstationSession(db, tokenHash, clock.now());
    const organization = session ? await findOrganization(db, session.organizationId) : undefined;
    if (!session || !organization) return null;
    return {
      kind: 'workstation_operator',
      accountId: session.accountId,
      organizationId: session.organizationId,
      regionCode: organization.regionCode,
      groups: [],
      centerId: session.centerId,
      services: [],
      termsAccepted: false,
      sessionTokenHash: tokenHash,
      certificateThumbprint: session.certificateThumbprint,
    };
  }

  private async resolveHash(tokenHash: string): Promise<WorkstationResolution | null> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const session = await findLiveWorkstationSession(db, tokenHash, now);
    if (!session || now.getTime() - session.createdAt.getTime() > WORKSTATION_MAX_MS) return null;
    if (session.certificateValidTo.getTime() < now.getTime()) return null;
    const membership = await findMembership(db, session.accountId, session.organizationId);
    if (!membership) throw new AppError('workstation.not_operator');
    const standing = {
      status: membership.organization.status,
      blocked: membership.organization.blockedAt !== null,
      approvals: membership.organization.approvals,
    };
    const groups = assertMayOperate(standing, membership.groups);
    let center: OperatorCenterRow | undefined;
    if (session.centerId)
      [center] = await listOperatorCenters(db, session.organizationId, session.accountId, session.centerId);
    const allowed = allowedServices(standing);
    const services: CenterService[] = center ? center.services.filter((s) => allowed.has(s)) : [];
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
      await updateWorkstationSession(db, tokenHash, {
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + WORKSTATION_IDLE_MS),
      });
    return {
      actor: {
        kind: 'workstation_operator',
        accountId: session.accountId,
        organizationId: session.organizationId,
        regionCode: membership.organization.regionCode,
        groups,
        centerId: center?.id ?? null,
        services,
        termsAccepted: await hasAcceptedTerms(db, session.accountId, WORKSTATION_TERMS_VERSION),
        sessionTokenHash: tokenHash,
        certificateThumbprint: session.certificateThumbprint,
      },
      centerLost: session.centerId !== null && !center,
    };
  }

  /** GET /api/ra/session: who, for which organization, at which center, allowed what. */
  async view(actor: WorkstationOperatorActor): Promise<WorkstationSession> {
    const { db, clock } = this.deps;
    const session = await findLiveWorkstationSession(db, actor.sessionTokenHash, clock.now());
    if (!session) throw new AppError('auth.required');
    const account = await getAccountById(db, actor.accountId);
    const organization = (await findOrganization(db, actor.organizationId))!;
    const [center] = actor.centerId
      ? await listOperatorCenters(db, actor.organizationId, actor.accountId, actor.centerId)
      : [];
    return {
      operator: {
        accountId: account.id,
        fullName: fullName(account),
        certificateThumbprint: session.certificateThumbprint,
        certificateValidTo: session.certificateValidTo.toISOString(),
      },
      organization: { id: organization.id, shortName: organization.shortName, ogrn: organization.ogrn },
      groups: [...actor.groups],
      center: center ? { ...centerOption(center), services: [...actor.services] } : null,
      operations: actor.centerId
        ? operationsOffered({ groups: actor.groups, services: new Set(actor.services) })
        : [],
      termsAccepted: actor.termsAccepted,
      termsVersion: WORKSTATION_TERMS_VERSION,
      idleMinutes: WORKSTATION_IDLE_MINUTES,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  /** «Выберите центр обслуживания»: the active centers he is attached to, with the services allowed now. */
  async centers(actor: Actor): Promise<WorkstationCenterOption[]> {
    assertAllowed(actor, 'workstation.choose_center');
    const operator = actor as WorkstationOperatorActor;
    const organization = await findMembership(this.deps.db, operator.accountId, operator.organizationId);
    const allowed = organization
      ? allowedServices({
          approvals: organization.organization.approvals,
          blocked: organization.organization.blockedAt !== null,
        })
      : new Set<CenterService>();
    const rows = await listOperatorCenters(this.deps.db, operator.organizationId, operator.accountId);
    return rows.map((row) => ({
      ...centerOption(row),
      services: row.services.filter((s) => allowed.has(s)),
    }));
  }

  async chooseCenter(actor: Actor, centerId: string, meta: RequestMeta): Promise<WorkstationSession> {
    assertAllowed(actor, 'workstation.choose_center');
    const operator = actor as WorkstationOperatorActor;
    const { db, clock } = this.deps;
    const [center] = await listOperatorCenters(db, operator.organizationId, operator.accountId, centerId);
    if (!center) throw new AppError('workstation.center_unavailable');
    await db.transaction(async (tx) => {
      const now = clock.now();
      await updateWorkstationSession(tx, operator.sessionTokenHash, { centerId: center.id });
      await this.journalAndAudit(tx, operator, center, 'choose_center', meta, now);
    });
    const resolved = await this.resolveHash(operator.sessionTokenHash);
    if (!resolved) throw new AppError('auth.required');
    return this.view(resolved.actor);
  }

  /** «Условия использования ЕСИА» (seed 002, step 2), recorded once per version. */
  async acceptTerms(actor: Actor, meta: RequestMeta): Promise<WorkstationSession> {
    assertAllowed(actor, 'workstation.accept_terms');
    const operator = actor as WorkstationOperatorActor;
    const { db, clock } = this.deps;
    await db.transaction(async (tx) => {
      const now = clock.now();
      const inserted = await insertTermsAcceptance(tx, {
        accountId: operator.accountId,
        version: WORKSTATION_TERMS_VERSION,
        acceptedAt: now,
        certificateThumbprint: operator.certificateThumbprint,
      });
      if (inserted) await this.journalAndAudit(tx, operator, null, 'accept_terms', meta, now);
    });
    return this.view({ ...operator, termsAccepted: true });
  }

  async logout(actor: Actor, meta: RequestMeta): Promise<void> {
    if (actor.kind !== 'workstation_operator') return;
    const { db, clock } = this.deps;
    await db.transaction(async (tx) => {
      const now = clock.now();
      await updateWorkstationSession(tx, actor.sessionTokenHash, { revokedAt: now });
      await appendAudit(
        tx,
        {
          event: 'workstation.signed_out',
          ...auditActor(actor),
          subjectId: actor.accountId,
          ip: meta.ip ?? null,
          data: {},
        },
        now,
      );
    });
  }

  private async journalAndAudit(
    tx: DbOrTx,
    operator: WorkstationOperatorActor,
    center: OperatorCenterRow | null,
    action: 'choose_center' | 'accept_terms',
    meta: RequestMeta,
    now: Date,
  ): Promise<void> {
    const account = await getAccountById(tx, operator.accountId);
    await this.deps.journal.record(
      tx,
      {
        operator: { accountId: operator.accountId, name: fullName(account) },
        thumbprint: operator.certificateThumbprint,
        organizationId: operator.organizationId,
        regionCode: operator.regionCode,
        centerId: center?.id ?? operator.centerId,
        action,
        outcome: 'done',
      },
      now,
    );
    await appendAudit(
      tx,
      action === 'choose_center'
        ? {
            event: 'workstation.center_chosen',
            ...auditActor(operator),
            subjectId: operator.accountId,
            ip: meta.ip ?? null,
            data: { centerId: center!.id, certificate: operator.certificateThumbprint },
          }
        : {
            event: 'workstation.terms_accepted',
            ...auditActor(operator),
            subjectId: operator.accountId,
            ip: meta.ip ?? null,
            data: { version: WORKSTATION_TERMS_VERSION, certificate: operator.certificateThumbprint },
          },
      now,
    );
  }
}

function centerOption(row: OperatorCenterRow): WorkstationCenterOption {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    regionCode: row.regionCode,
    services: row.services,
  };
}

export function fullName(p: { lastName: string; firstName: string; middleName: string | null }): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}
