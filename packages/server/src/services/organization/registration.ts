import {
  organizationStatusLabels,
  organizationTypeLabels,
  regionNames,
  taxRegisterRefusalLabels,
  type LegalEntityFromCertificate as LegalEntityView,
  type MyOrganization,
  type OrganizationDetails,
  type RegionCode,
  type SignatureChallenge,
  type SignedPurpose,
} from '@openesia/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Config } from '../../config/index.js';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  readLegalEntity,
  type LegalEntityFromCertificate,
} from '../../domain/organization/legal-entity-certificate.js';
import {
  judgeTaxRegisterRecord,
  nextRegistrationStatus,
  type TaxRegisterRecord,
} from '../../domain/organization/registration.js';
import type { Actor, CitizenActor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import { moscowDateTime } from '../../domain/shared/moscow-time.js';
import { parseCertificate } from '../../domain/signature/certificate.js';
import { isBoundTo } from '../../domain/signature/purpose.js';
import type { Integrations } from '../../integrations/index.js';
import { RegistryUnavailableError } from '../../integrations/registry-http.js';
import type { JobPort } from '../../jobs/ports.js';
import { checkOrganizationJob } from '../../jobs/specs.js';
import type { Clock } from '../../lib/clock.js';
import { newId, type FieldCipher, type LookupHasher } from '../../lib/crypto.js';
import { toMyOrganization } from './views.js';
import { AppError } from '../../lib/errors.js';
import { digest, digestFor } from '../../lib/pki/algorithms.js';
import { getAccountById, listContacts } from '../../repositories/citizen/accounts.js';
import { findPersonalData } from '../../repositories/citizen/personal-data.js';
import { findActiveMember, insertMember, memberNameKey } from '../../repositories/organization/members.js';
import {
  findHeadAccountId,
  findLiveOrganizationByOgrn,
  findOrganization,
  insertOrganization,
  updateOrganizationIfStatus,
  type OrganizationRow,
} from '../../repositories/organization/organizations.js';
import { useChallenge } from '../../repositories/signature/challenges.js';
import { insertSignedDocument } from '../../repositories/signature/signed-documents.js';
import type { NotificationService } from '../platform/notifications.js';
import type { RequestMeta } from '../platform/sessions.js';
import { sealedSigner, type SignatureService } from '../signature/signatures.js';

/**
 * The details as they are signed: what the certificate says and what the person entered, keys
 * sorted, empty КПП as ''. The purpose's dataDigest is its SHA-256, so a signature over one set of
 * details never registers another.
 */
export function registrationDigest(entity: LegalEntityFromCertificate, details: OrganizationDetails): string {
  const data: Record<string, string> = {
    ogrn: entity.ogrn,
    inn: entity.inn,
    fullName: entity.fullName,
    headLastName: entity.head.lastName,
    headFirstName: entity.head.firstName,
    headMiddleName: entity.head.middleName ?? '',
    headPosition: entity.head.position ?? '',
    shortName: details.shortName,
    type: details.type,
    regionCode: details.regionCode,
    legalAddress: details.legalAddress,
    postalAddress: details.postalAddress,
    phone: details.phone,
    email: details.email,
    kpp: details.kpp ?? '',
  };
  const canonical = JSON.stringify(
    Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1))),
  );
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export function fio(p: { lastName: string; firstName: string; middleName?: string | null }): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

export function decodeCertificate(base64: string): ReturnType<typeof parseCertificate> {
  const der = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
  try {
    return parseCertificate(der);
  } catch {
    throw new AppError('signature.malformed');
  }
}

/**
 * The signed-in person's checked ФИО and СНИЛС, which a legal entity's certificate they sign with
 * must carry (readLegalEntity): only a confirmed account has them.
 */
export async function checkedPerson(deps: { db: DbOrTx; cipher: FieldCipher }, accountId: string) {
  const { db, cipher } = deps;
  const account = await getAccountById(db, accountId);
  const personal = await findPersonalData(db, accountId);
  if (account.level !== 'confirmed' || !personal) throw new AppError('account.level_too_low');
  return {
    lastName: account.lastName,
    firstName: account.firstName,
    middleName: account.middleName,
    snils: cipher.decrypt(personal.snilsEncrypted, accountId),
  };
}

/**
 * Tells the organization (its e-mail) and its head (the head's verified e-mail, else the notice
 * channel of the account) inside the caller's transaction (seed 000, section 2: «результат … на
 * адрес электронной почты»).
 */
export async function notifyOrganization(
  tx: DbOrTx,
  notifications: NotificationService,
  organization: Pick<OrganizationRow, 'id' | 'email'>,
  message: { subject: string; text: string },
): Promise<void> {
  await notifications.enqueue(tx, {
    channel: 'email',
    to: organization.email,
    subject: message.subject,
    text: message.text,
  });
  const headId = await findHeadAccountId(tx, organization.id);
  if (!headId) return;
  const email = (await listContacts(tx, headId)).find((c) => c.type === 'email' && c.verifiedAt !== null);
  if (!email) return notifications.notifyAccount(tx, headId, message);
  if (email.value.toLowerCase() === organization.email.toLowerCase()) return;
  await notifications.enqueue(tx, {
    channel: 'email',
    to: email.value,
    subject: message.subject,
    text: message.text,
  });
}

/**
 * «+ Добавить организацию» (seed 000, section 2; seed 004, step 1.3): a confirmed person signs the
 * registration with the qualified certificate of the organization's head; the ЕГРЮЛ check runs as
 * a job and its result comes to the personal page and by e-mail. The head retries a check the
 * register did not answer and resubmits a registration the regional operator returned.
 */
export class OrganizationRegistrationService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      config: Config;
      queue: JobPort;
      cipher: FieldCipher;
      lookup: LookupHasher;
      integrations: Integrations;
      notifications: NotificationService;
      signatures: Pick<SignatureService, 'createBoundChallenge' | 'verifyBoundChallenge'>;
      logger: FastifyBaseLogger;
    },
  ) {}

  private async legalEntity(actor: Actor, certificate: string) {
    assertAllowed(actor, 'organization.register');
    const { accountId } = actor as CitizenActor;
    const cert = decodeCertificate(certificate);
    return { accountId, entity: readLegalEntity(cert.subject, await checkedPerson(this.deps, accountId)) };
  }

  /** POST /me/organizations/certificate: what the chosen certificate says, shown read-only. */
  async readCertificate(actor: Actor, certificate: string): Promise<LegalEntityView> {
    const { entity } = await this.legalEntity(actor, certificate);
    return {
      ogrn: entity.ogrn,
      inn: entity.inn,
      kpp: null,
      fullName: entity.fullName,
      head: {
        lastName: entity.head.lastName,
        firstName: entity.head.firstName,
        middleName: entity.head.middleName,
        position: entity.head.position,
      },
    };
  }

  /**
   * POST /me/organizations/challenge: the statement the head signs — the organization, its ОГРН
   * and ИНН, and every detail entered — bound to organization.register with those identifiers and
   * the details' digest. A duplicate ОГРН is refused here already, before anyone signs.
   */
  async challenge(
    actor: Actor,
    input: { certificate: string; details: OrganizationDetails },
  ): Promise<SignatureChallenge> {
    const { accountId, entity } = await this.legalEntity(actor, input.certificate);
    if (await findLiveOrganizationByOgrn(this.deps.db, entity.ogrn))
      throw new AppError('organization.duplicate');
    const d = input.details;
    const purpose: SignedPurpose = {
      kind: 'organization.register',
      ogrn: entity.ogrn,
      inn: entity.inn,
      dataDigest: registrationDigest(entity, d),
    };
    const nonce = randomBytes(12).toString('hex').toUpperCase();
    const position = entity.head.position ? `, ${entity.head.position}` : '';
    const text = [
      `Я, ${fio(entity.head)}${position}, прошу зарегистрировать в ЕСИА организацию «${entity.fullName}» (ОГРН ${entity.ogrn}, ИНН ${entity.inn}) со следующими сведениями:`,
      `Краткое наименование: ${d.shortName}`,
      `Тип организации: ${organizationTypeLabels[d.type]}`,
      `Регион: ${d.regionCode} ${regionNames[d.regionCode as RegionCode]}`,
      ...(d.kpp ? [`КПП: ${d.kpp}`] : []),
      `Юридический адрес: ${d.legalAddress}`,
      `Почтовый адрес: ${d.postalAddress}`,
      `Телефон: ${d.phone}`,
      `Электронная почта: ${d.email}`,
      `Дата: ${moscowDateTime(this.deps.clock.now())}. Код запроса: ${nonce}.`,
    ].join('\n');
    return this.deps.signatures.createBoundChallenge(accountId, purpose, text);
  }

  /**
   * POST /me/organizations («Продолжить»): the signature verified, the signer's certificate read
   * again (a legal entity's, the head being the signed-in person), the signed bytes bound to its
   * ОГРН, ИНН and the details sent now; then, in one transaction, the organization (checking), the
   * head as its employee, head and administrator, the signed statement kept, the audit entry and
   * the ЕГРЮЛ check job.
   */
  async register(
    actor: Actor,
    input: { challengeId: string; signature: string; details: OrganizationDetails },
    meta: RequestMeta,
  ): Promise<MyOrganization> {
    assertAllowed(actor, 'organization.register');
    const { accountId } = actor as CitizenActor;
    const { db, clock, cipher, lookup } = this.deps;
    const person = await checkedPerson(this.deps, accountId);
    const { challenge, signature, verified } = await this.deps.signatures.verifyBoundChallenge(
      accountId,
      'organization.register',
      input,
    );
    const entity = readLegalEntity(verified.signer.subject, person);
    const purpose: SignedPurpose = {
      kind: 'organization.register',
      ogrn: entity.ogrn,
      inn: entity.inn,
      dataDigest: registrationDigest(entity, input.details),
    };
    if (!isBoundTo(challenge.data, purpose)) throw new AppError('organization.signed_data_mismatch');
    const d = input.details;
    const id = newId();
    const row = await db.transaction(async (tx) => {
      const now = clock.now();
      if (await findLiveOrganizationByOgrn(tx, entity.ogrn)) throw new AppError('organization.duplicate');
      if (!(await useChallenge(tx, challenge.id, now))) throw new AppError('signature.challenge_used');
      const organization = await insertOrganization(tx, {
        id,
        ogrn: entity.ogrn,
        inn: entity.inn,
        kpp: d.kpp || null,
        fullName: entity.fullName,
        shortName: d.shortName,
        type: d.type,
        regionCode: d.regionCode,
        legalAddress: d.legalAddress,
        postalAddress: d.postalAddress,
        phone: d.phone,
        email: d.email,
        headLastName: entity.head.lastName,
        headFirstName: entity.head.firstName,
        headMiddleName: entity.head.middleName,
        headPosition: entity.head.position,
        status: 'checking',
        refusal: null,
        returnReason: null,
        operatorOfRegion: null,
        certificateFingerprint: verified.signer.fingerprint,
        registeredBy: accountId,
        createdAt: now,
        updatedAt: now,
        checkedAt: null,
        registeredAt: null,
        revision: 1,
        blockedAt: null,
        blockedReason: null,
        blockedBy: null,
      });
      await insertMember(tx, {
        id: newId(),
        organizationId: id,
        accountId,
        isHead: true,
        isAdministrator: true,
        nameKey: memberNameKey(person),
        joinedAt: now,
      });
      const algorithm = digestFor[verified.signer.publicKey.algorithm];
      const documentId = newId();
      await insertSignedDocument(tx, {
        id: documentId,
        accountId,
        documentType: 'organization_registration',
        documentHash: digest(algorithm, challenge.data).toString('hex'),
        hashAlgorithm: algorithm,
        signature,
        certificate: verified.signer.der,
        ...sealedSigner(cipher, lookup, documentId, verified.signer),
        result: 'valid',
        verifiedAt: now,
      });
      await appendAudit(
        tx,
        {
          event: 'organization.registration_submitted',
          ...auditActor(actor),
          subjectId: accountId,
          ip: meta.ip,
          data: {
            organizationId: id,
            ogrn: entity.ogrn,
            certificate: verified.signer.serialNumber,
            issuer: verified.signer.issuerName,
          },
        },
        now,
      );
      await this.enqueueCheck(tx, id, 1);
      return organization;
    });
    return toMyOrganization(row, { isHead: true, isAdministrator: true });
  }

  private async enqueueCheck(tx: DbOrTx, organizationId: string, round: number): Promise<void> {
    const { config, queue } = this.deps;
    await queue.enqueue(
      tx,
      checkOrganizationJob,
      { organizationId, round },
      {
        singletonKey: `${organizationId}:${round}`,
        retry: {
          limit: config.registryRetry.limit,
          delaySeconds: config.registryRetry.delaySeconds,
          backoff: config.registryRetry.delaySeconds > 0,
        },
      },
    );
  }

  /** The head of that registration (an active employee marked head), or `organization.not_found`. */
  private async requireHead(tx: DbOrTx, accountId: string, organizationId: string): Promise<OrganizationRow> {
    const member = await findActiveMember(tx, organizationId, accountId);
    const organization = member?.isHead
      ? await findOrganization(tx, organizationId, { forUpdate: true })
      : undefined;
    if (!organization) throw new AppError('organization.not_found');
    return organization;
  }

  /**
   * The head starts the check again: after the register did not answer (check_failed), or with
   * corrected details after the regional operator returned the registration (returned). The
   * register's data (ОГРН, ИНН, full name, the head) are not the person's to change.
   */
  async restartCheck(
    actor: Actor,
    organizationId: string,
    details: OrganizationDetails | null,
    meta: RequestMeta,
  ): Promise<MyOrganization> {
    assertAllowed(actor, 'organization.resubmit');
    const { accountId } = actor as CitizenActor;
    const { db, clock } = this.deps;
    return db.transaction(async (tx) => {
      const now = clock.now();
      const organization = await this.requireHead(tx, accountId, organizationId);
      const status = nextRegistrationStatus(
        organization.status,
        details ? { kind: 'resubmitted' } : { kind: 'check_retried' },
      );
      const revision = organization.revision + 1;
      const changes: Partial<OrganizationRow> = {
        status,
        refusal: null,
        returnReason: null,
        updatedAt: now,
        revision,
        ...(details
          ? {
              shortName: details.shortName,
              type: details.type,
              regionCode: details.regionCode,
              legalAddress: details.legalAddress,
              postalAddress: details.postalAddress,
              phone: details.phone,
              email: details.email,
              kpp: details.kpp || organization.kpp,
            }
          : {}),
      };
      if (!(await updateOrganizationIfStatus(tx, organizationId, organization.status, changes)))
        throw new AppError('organization.wrong_state');
      await appendAudit(
        tx,
        {
          event: 'organization.check_restarted',
          ...auditActor(actor),
          subjectId: accountId,
          ip: meta.ip,
          data: { organizationId, reason: details ? 'resubmitted' : 'retry' },
        },
        now,
      );
      await this.enqueueCheck(tx, organizationId, revision);
      return toMyOrganization({ ...organization, ...changes }, { isHead: true, isAdministrator: true });
    });
  }

  // ---- the job ----

  /**
   * One ЕГРЮЛ check of an organization in status checking. Idempotent: an organization no longer
   * checking (a result recorded, a decision since) is left alone. The register is asked outside any
   * transaction; a transient failure is thrown for the queue to retry with backoff, and after the
   * last retry the registration is check_failed, which its head may start again.
   */
  async runCheck(
    payload: { organizationId: string; round: number },
    meta: { attempt: number; retryLimit: number },
  ): Promise<void> {
    const { db, integrations, logger } = this.deps;
    const organization = await findOrganization(db, payload.organizationId);
    if (!organization || organization.status !== 'checking') return;
    let record: TaxRegisterRecord | null = null;
    try {
      record = await integrations.taxRegister.findLegalEntity({
        ogrn: organization.ogrn,
        inn: organization.inn,
      });
    } catch (err) {
      if (meta.attempt <= meta.retryLimit) throw err;
      if (!(err instanceof RegistryUnavailableError))
        logger.error({ err }, 'tax register check failed with an unexpected error');
    }
    await this.recordCheck(organization, record);
  }

  private async recordCheck(organization: OrganizationRow, record: TaxRegisterRecord | null): Promise<void> {
    const { db, clock, notifications } = this.deps;
    const verdict = record
      ? judgeTaxRegisterRecord(
          {
            ogrn: organization.ogrn,
            inn: organization.inn,
            fullName: organization.fullName,
            head: {
              lastName: organization.headLastName,
              firstName: organization.headFirstName,
              middleName: organization.headMiddleName,
              position: organization.headPosition,
              snils: '',
              personalInn: null,
            },
          },
          record,
        )
      : null;
    const status = nextRegistrationStatus(
      'checking',
      !verdict
        ? { kind: 'register_unavailable' }
        : verdict.ok
          ? { kind: 'register_confirmed', type: organization.type }
          : { kind: 'register_refused' },
    );
    await db.transaction(async (tx) => {
      const now = clock.now();
      const refusal = verdict && !verdict.ok ? verdict.refusal : null;
      const changed = await updateOrganizationIfStatus(tx, organization.id, 'checking', {
        status,
        refusal,
        checkedAt: verdict ? now : organization.checkedAt,
        updatedAt: now,
        ...(verdict?.ok ? { kpp: verdict.kpp ?? organization.kpp, headPosition: verdict.headPosition } : {}),
        ...(status === 'registered' ? { registeredAt: now } : {}),
      });
      if (!changed) return;
      await appendAudit(
        tx,
        {
          event: 'organization.checked',
          actorType: 'system',
          actorId: null,
          subjectId: organization.registeredBy,
          data: { organizationId: organization.id, status, ...(refusal ? { refusal } : {}) },
          actingFor: { organizationId: organization.id },
        },
        now,
      );
      const name = `«${organization.shortName}» (ОГРН ${organization.ogrn})`;
      const text = {
        registered: `Организация ${name} зарегистрирована в ЕСИА: сведения подтверждены ЕГРЮЛ.`,
        awaiting_regional_operator: `Сведения организации ${name} подтверждены ЕГРЮЛ. Заявка передана региональному оператору (${regionNames[organization.regionCode as RegionCode] ?? organization.regionCode}) для подтверждения.`,
        rejected: `В регистрации организации ${name} отказано: ${refusal ? taxRegisterRefusalLabels[refusal] : ''}.`,
        check_failed: `Не удалось проверить организацию ${name}: ЕГРЮЛ не ответил. Повторите проверку в личном кабинете.`,
      }[status as 'registered' | 'awaiting_regional_operator' | 'rejected' | 'check_failed'];
      await notifyOrganization(tx, notifications, organization, {
        subject: `Регистрация организации: ${organizationStatusLabels[status]}`,
        text,
      });
    });
  }
}
