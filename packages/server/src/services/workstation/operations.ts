import {
  ageOn,
  formatSnils,
  type ChildView,
  type PersonalData,
  type WorkstationChild,
  type WorkstationConfirmation,
  type WorkstationDeletion,
  type WorkstationOperation,
  type WorkstationOperationResult,
  type WorkstationRecovery,
  type WorkstationRegistration,
  type WorkstationSearch,
  type WorkstationSearchAnswer,
  type WorkstationUpgrade,
} from '@openesia/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { checkPersonalDataRules } from '../../domain/citizen/personal-data.js';
import { moscowToday } from '../../domain/shared/moscow-time.js';
import type { Actor, WorkstationOperatorActor } from '../../domain/policy/actor.js';
import { assertAllowed, type Action } from '../../domain/policy/policy.js';
import {
  fitsAccount,
  offersFor,
  registrationOffer,
  type FoundAccount,
} from '../../domain/workstation/operations.js';
import {
  maskedBirthDate,
  maskedEmail,
  maskedName,
  maskedPassport,
  maskedPhone,
  maskedSnilsOf,
  nameBirthKey,
  passportKey,
  searchKeyKindsOf,
  searchKeys,
} from '../../domain/workstation/search.js';
import type { Clock } from '../../lib/clock.js';
import { newId, randomPaperCode, type FieldCipher, type LookupHasher } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import {
  deleteContactsOf,
  getAccountById,
  getAccountForUpdate,
  insertAccount,
  insertContact,
  listContacts,
  updateAccount,
  type AccountRow,
} from '../../repositories/citizen/accounts.js';
import {
  findAccountIdBySnilsLookup,
  findOtherSnilsClaim,
  findPersonalData,
  findPersonalDataForUpdate,
  type PersonalDataRow,
} from '../../repositories/citizen/personal-data.js';
import { isUniqueViolation } from '../../repositories/platform/constraint-violation.js';
import { revokeAccountSessions } from '../../repositories/platform/sessions.js';
import { eraseAccount, isActiveEmployee } from '../../repositories/workstation/erasure.js';
import {
  dropReceiptsOf,
  erasePapersOf,
  findAwaitingOperation,
  findChildByCertificate,
  findOperation,
  insertChild,
  insertOperation,
  listChildren,
  updateOperation,
  type OperationRow,
} from '../../repositories/workstation/operations.js';
import {
  findByKey,
  listWithoutNameBirthLookup,
  loadFound,
  setNameBirthLookup,
  type HashedKey,
} from '../../repositories/workstation/search.js';
import { rememberFound, wasFound } from '../../repositories/workstation/sessions.js';
import { findCenter } from '../../repositories/center/centers.js';
import { findOrganization } from '../../repositories/organization/organizations.js';
import { consentPdf, operationApplicationPdf, receiptPdf, type OperationDocumentInput } from './documents.js';
import type { ConfirmationService } from '../citizen/confirmation.js';
import type { DecryptedPersonalData, PassportSealed, PersonalDataService } from '../citizen/personal-data.js';
import type { NotificationService } from '../platform/notifications.js';
import type { RequestMeta } from '../platform/sessions.js';
import { fullName } from './access.js';
import type { WorkstationJournalService } from './journal.js';

/** The receipt with a temporary password can be printed for half an hour after the operation. */
export const RECEIPT_TTL_MS = 30 * 60_000;
/** 12 characters of the paper alphabet: about 59 bits, read from paper without confusion. */
const TEMPORARY_PASSWORD_LENGTH = 12;

const actionOf: Record<WorkstationOperation, Action> = {
  registration: 'workstation.register',
  upgrade: 'workstation.upgrade',
  confirmation: 'workstation.confirm',
  reconfirmation: 'workstation.reconfirm',
  recovery: 'workstation.recover',
  deletion: 'workstation.delete',
  add_child: 'workstation.add_child',
};

/** The operation a route's action performs, if it performs one. */
export function operationOfAction(action: Action): WorkstationOperation | null {
  const found = Object.entries(actionOf).find(([, a]) => a === action);
  return found ? (found[0] as WorkstationOperation) : null;
}

/** What the application and the consent are printed from: sealed in the operation's row. */
export interface OperationPapers {
  citizen: {
    lastName: string;
    firstName: string;
    middleName: string | null;
    gender: 'M' | 'F' | null;
    birthDate: string | null;
    birthPlace: string | null;
    citizenship: string | null;
    passport: PassportSealed | null;
    snils: string | null;
    phone: string | null;
    email: string | null;
    oid: string | null;
  };
  child?: WorkstationChild['child'];
  reason?: string | null;
}

interface Performed {
  accountId: string;
  state: 'done' | 'awaiting_checks';
  papers: OperationPapers;
  revision?: number;
  temporaryPassword?: { password: string; login: string; delivery: 'sms' | 'print' };
}

/**
 * The operations of АРМ «Центр обслуживания» (seed 000; seed 003 with its appendix 2): search
 * first, then what fits the account found. Each operation is one transaction with its journal
 * entry and audit entry; a refusal is journaled and audited in a transaction of its own. The
 * center's services and the operator's groups were decided by the router's hook (policy.ts
 * atCenter) and are decided again here with the account.
 */
export class WorkstationService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      cipher: FieldCipher;
      lookup: LookupHasher;
      personalData: PersonalDataService;
      confirmation: ConfirmationService;
      notifications: NotificationService;
      journal: WorkstationJournalService;
      logger: FastifyBaseLogger;
    },
  ) {}

  // ---- search ----

  async search(actor: Actor, input: WorkstationSearch, meta: RequestMeta): Promise<WorkstationSearchAnswer> {
    assertAllowed(actor, 'workstation.search');
    const operator = actor as WorkstationOperatorActor;
    const { db, clock, lookup, journal } = this.deps;
    const { keys, errors } = searchKeys(input);
    if (errors.length) throw new AppError('validation.failed', { fields: errors });
    if (!keys.length) throw new AppError('workstation.search_too_few_criteria');

    const hashed: HashedKey[] = keys.map((key) =>
      key.kind === 'phone' || key.kind === 'email'
        ? { kind: key.kind, value: key.value }
        : { kind: key.kind, hash: lookup.hash(key.kind === 'document' ? 'passport' : key.kind, key.value) },
    );
    const matched = new Map<string, Set<HashedKey['kind']>>();
    for (const key of hashed)
      for (const id of await findByKey(db, key))
        matched.set(id, (matched.get(id) ?? new Set()).add(key.kind));

    const standing = { groups: operator.groups, services: new Set(operator.services) };
    const rows = await loadFound(db, [...matched.keys()]);
    const results = rows.map(({ account, personal, contacts }) => {
      const found = foundAccount(account, personal ?? null);
      const data = personal ? this.deps.personalData.decrypt(personal) : null;
      const phone = contacts.find((c) => c.type === 'phone')?.value ?? null;
      const email = contacts.find((c) => c.type === 'email')?.value ?? null;
      return {
        accountId: account.id,
        oid: String(account.oid),
        level: account.level,
        confirmationMethod: account.confirmationMethod,
        name: maskedName(account),
        birthDate: data ? maskedBirthDate(data.birthDate) : null,
        snils: data ? maskedSnilsOf(data.snils) : null,
        phone: phone ? maskedPhone(phone) : null,
        email: email ? maskedEmail(email) : null,
        document: data ? maskedPassport(data.passport.number) : null,
        checks: found.checks,
        matchedBy: [...matched.get(account.id)!],
        operations: offersFor(standing, found),
      };
    });
    await db.transaction(async (tx) => {
      const now = clock.now();
      await rememberFound(
        tx,
        operator.sessionTokenHash,
        results.map((r) => r.accountId),
        now,
      );
      await journal.record(
        tx,
        {
          ...(await this.who(tx, operator)),
          action: 'search',
          outcome: 'done',
        },
        now,
      );
      await appendAudit(
        tx,
        {
          event: 'workstation.searched',
          ...auditActor(operator),
          ip: meta.ip ?? null,
          data: {
            centerId: operator.centerId!,
            certificate: operator.certificateThumbprint,
            by: searchKeyKindsOf(keys),
            found: results.length,
          },
        },
        now,
      );
    });
    return {
      searchedBy: searchKeyKindsOf(keys),
      results,
      registration: registrationOffer(standing, results.length),
    };
  }

  // ---- operations ----

  /**
   * «Регистрация» (seed 003, appendix 2: when the search found nobody, or with a written reason when
   * it found someone similar): an account with the personal data seen in the documents, sent to the
   * registry checks; it becomes confirmed when they pass (checksCompleted), the temporary password
   * goes by SMS or on the receipt and must be changed at the first sign-in.
   */
  async register(
    actor: Actor,
    input: WorkstationRegistration,
    meta: RequestMeta,
  ): Promise<WorkstationOperationResult> {
    return this.perform(actor, 'registration', null, meta, async (tx, _operator, now) => {
      const { lookup } = this.deps;
      this.assertPersonalDataRules(input, now);
      const contacts = assertContacts(input.contacts, input.passwordDelivery);
      const snilsLookup = lookup.hash('snils', input.snils);
      const passportLookup = lookup.hash(
        'passport',
        passportKey(input.passport.series, input.passport.number),
      );
      // A СНИЛС or passport another account holds is that person: restore access there instead.
      if (
        (await findAccountIdBySnilsLookup(tx, snilsLookup)) ||
        (await findByKey(tx, { kind: 'document', hash: passportLookup })).length
      )
        throw new AppError('workstation.duplicate_person');
      const similar = await findByKey(tx, {
        kind: 'name_birth',
        hash: lookup.hash('name_birth', nameBirthKey(input)),
      });
      const contactHolders = [
        ...(contacts.phone ? await findByKey(tx, { kind: 'phone', value: contacts.phone }) : []),
        ...(contacts.email ? await findByKey(tx, { kind: 'email', value: contacts.email }) : []),
      ];
      if (contactHolders.length) throw new AppError('contact.taken');
      if (similar.length && !input.similarReason) throw new AppError('workstation.similar_reason_required');

      const accountId = newId();
      const temporary = randomPaperCode(TEMPORARY_PASSWORD_LENGTH);
      await insertAccount(tx, {
        id: accountId,
        level: 'simplified',
        lastName: input.lastName,
        firstName: input.firstName,
        middleName: input.middleName || null,
        passwordHash: await hashPassword(temporary),
        passwordMustChange: true,
        createdAt: now,
        updatedAt: now,
      });
      for (const [type, value] of [
        ['phone', contacts.phone],
        ['email', contacts.email],
      ] as const)
        if (value)
          // given in person in the signed application: the operator saw the person who states it
          await insertContact(tx, { id: newId(), accountId, type, value, verifiedAt: now, createdAt: now });
      const revision = await this.deps.personalData.writeSubmission(tx, accountId, input, 0, now);
      return {
        accountId,
        state: 'awaiting_checks',
        revision,
        papers: papersOf(input, contacts, null, input.similarReason ?? null),
        temporaryPassword: {
          password: temporary,
          login: contacts.phone ?? contacts.email ?? formatSnils(input.snils),
          delivery: input.passwordDelivery,
        },
      };
    });
  }

  /** «Регистрация подтверждённой учётной записи на основе упрощённой»: the same, on the found account. */
  async upgrade(
    actor: Actor,
    accountId: string,
    input: WorkstationUpgrade,
    meta: RequestMeta,
  ): Promise<WorkstationOperationResult> {
    return this.perform(actor, 'upgrade', accountId, meta, async (tx, _operator, now, account, personal) => {
      this.assertPersonalDataRules(input, now);
      if (await findOtherSnilsClaim(tx, this.deps.lookup.hash('snils', input.snils), accountId))
        throw new AppError('workstation.duplicate_person');
      const revision = await this.deps.personalData.writeSubmission(
        tx,
        accountId,
        input,
        personal?.revision ?? 0,
        now,
      );
      const contacts = await this.contactsOf(tx, accountId);
      return {
        accountId: account.id,
        state: 'awaiting_checks',
        revision,
        papers: papersOf(input, contacts, String(account.oid), null),
      };
    });
  }

  /** «Подтверждение»: a standard account whose checks passed, with the passport seen in person. */
  async confirm(
    actor: Actor,
    accountId: string,
    input: WorkstationConfirmation,
    meta: RequestMeta,
  ): Promise<WorkstationOperationResult> {
    return this.perform(
      actor,
      'confirmation',
      accountId,
      meta,
      async (tx, operator, now, account, personal, operationId) => {
        const data = this.assertDocumentSeen(personal, input);
        await this.deps.confirmation.confirmIdentity(
          tx,
          account,
          'service_center',
          {
            actorType: 'workstation_operator',
            actorId: operator.accountId,
            ip: meta.ip ?? null,
            data: { operationId, centerId: operator.centerId!, certificate: operator.certificateThumbprint },
          },
          now,
        );
        return {
          accountId,
          state: 'done',
          papers: await this.papersOfAccount(tx, account, data),
        };
      },
    );
  }

  /** «Переподтверждение»: an account confirmed by post is confirmed again in person. */
  async reconfirm(
    actor: Actor,
    accountId: string,
    input: WorkstationConfirmation,
    meta: RequestMeta,
  ): Promise<WorkstationOperationResult> {
    return this.perform(
      actor,
      'reconfirmation',
      accountId,
      meta,
      async (tx, operator, now, account, personal, operationId) => {
        const data = this.assertDocumentSeen(personal, input);
        await updateAccount(tx, accountId, {
          confirmationMethod: 'service_center',
          confirmedAt: now,
          updatedAt: now,
        });
        await appendAudit(
          tx,
          {
            event: 'citizen.reconfirmed',
            ...auditActor(operator),
            subjectId: accountId,
            ip: meta.ip ?? null,
            data: {
              operationId,
              centerId: operator.centerId!,
              previousMethod: account.confirmationMethod ?? '',
            },
          },
          now,
        );
        await this.deps.notifications.notifyAccount(tx, accountId, {
          subject: 'Личность подтверждена повторно',
          text: 'Ваша учётная запись подтверждена повторно в центре обслуживания.',
        });
        return { accountId, state: 'done', papers: await this.papersOfAccount(tx, account, data) };
      },
    );
  }

  /**
   * «Восстановление доступа»: identity seen in person, the contacts replaced by those the citizen
   * gives now, a new temporary password, every session ended and the lockout lifted.
   */
  async recover(
    actor: Actor,
    accountId: string,
    input: WorkstationRecovery,
    meta: RequestMeta,
  ): Promise<WorkstationOperationResult> {
    return this.perform(
      actor,
      'recovery',
      accountId,
      meta,
      async (tx, operator, now, account, personal, operationId) => {
        const data = this.assertDocumentSeen(personal, input);
        const contacts = assertContacts(input.contacts, input.passwordDelivery);
        for (const [kind, value] of [
          ['phone', contacts.phone],
          ['email', contacts.email],
        ] as const)
          if (value && (await findByKey(tx, { kind, value })).some((id) => id !== accountId))
            throw new AppError('contact.taken');
        const temporary = randomPaperCode(TEMPORARY_PASSWORD_LENGTH);
        await replaceContacts(tx, accountId, contacts, now);
        await updateAccount(tx, accountId, {
          passwordHash: await hashPassword(temporary),
          passwordMustChange: true,
          failedLogins: 0,
          lockedUntil: null,
          updatedAt: now,
        });
        await revokeAccountSessions(tx, accountId, now);
        await appendAudit(
          tx,
          {
            event: 'citizen.access_restored',
            ...auditActor(operator),
            subjectId: accountId,
            ip: meta.ip ?? null,
            data: { operationId, centerId: operator.centerId! },
          },
          now,
        );
        const papers = await this.papersOfAccount(tx, account, data);
        return {
          accountId,
          state: 'done',
          papers,
          temporaryPassword: {
            password: temporary,
            login: contacts.phone ?? contacts.email ?? formatSnils(data.snils),
            delivery: input.passwordDelivery,
          },
        };
      },
    );
  }

  /**
   * «Удаление» on the citizen's written request: the personal data erased (152-ФЗ ст. 21), the
   * journal's entries about the person kept without them.
   */
  async delete(
    actor: Actor,
    accountId: string,
    input: WorkstationDeletion,
    meta: RequestMeta,
  ): Promise<WorkstationOperationResult> {
    return this.perform(
      actor,
      'deletion',
      accountId,
      meta,
      async (tx, operator, now, account, personal, operationId) => {
        const data = this.assertDocumentSeen(personal, input);
        if (await isActiveEmployee(tx, accountId)) throw new AppError('workstation.wrong_account_state');
        const papers = await this.papersOfAccount(tx, account, data, input.reason);
        await eraseAccount(tx, accountId, now);
        await erasePapersOf(tx, accountId);
        await this.deps.journal.eraseTarget(tx, accountId);
        await appendAudit(
          tx,
          {
            event: 'citizen.deleted',
            ...auditActor(operator),
            subjectId: accountId,
            ip: meta.ip ?? null,
            data: { operationId, centerId: operator.centerId! },
          },
          now,
        );
        // The application for deletion is printed now and kept on paper by the center, not here.
        return { accountId, state: 'done', papers, erased: true };
      },
    );
  }

  /** «Добавление ребёнка»: a minor on a confirmed parent's account, shown in the parent's profile. */
  async addChild(
    actor: Actor,
    accountId: string,
    input: WorkstationChild,
    meta: RequestMeta,
  ): Promise<WorkstationOperationResult> {
    return this.perform(
      actor,
      'add_child',
      accountId,
      meta,
      async (tx, operator, now, account, personal, operationId) => {
        const data = this.assertDocumentSeen(personal, input);
        const { child } = input;
        const today = moscowToday(now);
        if (child.birthDate > today) throw fieldsError('child.birthDate', 'date.in_future');
        if (ageOn(child.birthDate, today) >= 18) throw new AppError('workstation.child_not_minor');
        if (child.birthCertificate.issueDate < child.birthDate || child.birthCertificate.issueDate > today)
          throw fieldsError('child.birthCertificate.issueDate', 'date.invalid');
        const certificateLookup = this.deps.lookup.hash(
          'birth_certificate',
          `${child.birthCertificate.series.toUpperCase().replace(/\s|-/g, '')}${child.birthCertificate.number}`,
        );
        if (await findChildByCertificate(tx, accountId, certificateLookup))
          throw new AppError('workstation.child_duplicate');
        const childId = newId();
        await insertChild(tx, {
          id: childId,
          parentAccountId: accountId,
          sealed: this.deps.cipher.encryptJson(child, childId),
          birthCertificateLookup: certificateLookup,
          snilsLookup: child.snils ? this.deps.lookup.hash('snils', child.snils) : null,
          centerId: operator.centerId,
          operationId,
          createdAt: now,
        });
        await appendAudit(
          tx,
          {
            event: 'citizen.child_added',
            ...auditActor(operator),
            subjectId: accountId,
            ip: meta.ip ?? null,
            data: { operationId, centerId: operator.centerId!, childId },
          },
          now,
        );
        return {
          accountId,
          state: 'done',
          papers: { ...(await this.papersOfAccount(tx, account, data)), child },
        };
      },
    );
  }

  /**
   * The frame of every operation: the policy (center, group), the account found by this session's
   * search and in a state the operation fits, then the work, the operation's row, the journal and
   * the audit in one transaction; a refusal is journaled and audited on its own.
   */
  private async perform(
    actor: Actor,
    operation: WorkstationOperation,
    accountId: string | null,
    meta: RequestMeta,
    work: (
      tx: DbOrTx,
      operator: WorkstationOperatorActor,
      now: Date,
      account: AccountRow,
      personal: PersonalDataRow | null,
      operationId: string,
    ) => Promise<Performed & { erased?: boolean }>,
  ): Promise<WorkstationOperationResult> {
    assertAllowed(actor, actionOf[operation]);
    const operator = actor as WorkstationOperatorActor;
    const { db, clock, cipher, journal } = this.deps;
    const operationId = newId();
    try {
      if (accountId && !(await wasFound(db, operator.sessionTokenHash, accountId)))
        throw new AppError('workstation.account_not_searched');
      const row = await db.transaction(async (tx) => {
        const now = clock.now();
        let account: AccountRow | null = null;
        let personal: PersonalDataRow | null = null;
        if (accountId) {
          account = await getAccountForUpdate(tx, accountId);
          personal = (await findPersonalDataForUpdate(tx, accountId)) ?? null;
          if (!fitsAccount(operation, foundAccount(account, personal)))
            throw new AppError('workstation.wrong_account_state');
        }
        const done = await work(tx, operator, now, account!, personal, operationId);
        const target = await getAccountById(tx, done.accountId);
        const masked = done.erased
          ? null
          : `${maskedName(target)}${done.papers.citizen.birthDate ? `, ${maskedBirthDate(done.papers.citizen.birthDate)}` : ''}`;
        const temporary = done.temporaryPassword;
        const printReceipt = temporary?.delivery === 'print';
        const row: OperationRow = {
          id: operationId,
          operation,
          state: done.state,
          operatorAccountId: operator.accountId,
          organizationId: operator.organizationId,
          centerId: operator.centerId!,
          certificateThumbprint: operator.certificateThumbprint,
          targetAccountId: done.accountId,
          personalDataRevision: done.revision ?? null,
          passwordDelivery: temporary?.delivery ?? null,
          papers: done.erased ? null : cipher.encryptJson(done.papers, operationId),
          receipt: printReceipt ? cipher.encryptJson(temporary, `${operationId}:receipt`) : null,
          receiptExpiresAt: printReceipt ? new Date(now.getTime() + RECEIPT_TTL_MS) : null,
          createdAt: now,
          completedAt: done.state === 'done' ? now : null,
        };
        await insertOperation(tx, row);
        if (temporary?.delivery === 'sms')
          await this.deps.notifications.enqueue(tx, {
            channel: 'sms',
            to: temporary.login,
            text: `Госуслуги: временный пароль ${temporary.password}. Смените его при первом входе. Никому не сообщайте пароль.`,
          });
        await journal.record(
          tx,
          {
            ...(await this.who(tx, operator)),
            action: operation,
            outcome: done.state,
            target: { accountId: done.accountId, oid: target.oid, masked },
            operationId,
          },
          now,
        );
        await appendAudit(
          tx,
          {
            event: 'workstation.operation_performed',
            ...auditActor(operator),
            subjectId: done.accountId,
            ip: meta.ip ?? null,
            data: {
              operationId,
              operation,
              centerId: operator.centerId!,
              certificate: operator.certificateThumbprint,
              state: done.state,
            },
          },
          now,
        );
        return row;
      });
      return this.resultOf(row);
    } catch (err) {
      if (err instanceof AppError && err.code !== 'validation.failed')
        await this.recordRefusal(operator, operation, accountId, err.code, meta);
      else if (isUniqueViolation(err, 'personal_data_snils_claimed_unique')) {
        // two desks registering one person at once: the unique index decides
        await this.recordRefusal(operator, operation, accountId, 'workstation.duplicate_person', meta);
        throw new AppError('workstation.duplicate_person');
      } else if (isUniqueViolation(err, 'account_contacts_verified_unique')) {
        await this.recordRefusal(operator, operation, accountId, 'contact.taken', meta);
        throw new AppError('contact.taken');
      }
      throw err;
    }
  }

  /**
   * An operation the router's hook refused before the work (the service not offered, the group,
   * the center gone, the organization blocked): journaled and audited like the service's own.
   */
  async refusedAtDoor(
    operator: WorkstationOperatorActor,
    operation: WorkstationOperation,
    accountId: string | null,
    reason: string,
    meta: RequestMeta,
  ): Promise<void> {
    await this.recordRefusal(operator, operation, accountId, reason, meta);
  }

  private async recordRefusal(
    operator: WorkstationOperatorActor,
    operation: WorkstationOperation,
    accountId: string | null,
    reason: string,
    meta: RequestMeta,
  ): Promise<void> {
    const { db, clock, journal } = this.deps;
    await db.transaction(async (tx) => {
      const now = clock.now();
      const target = accountId ? await getAccountById(tx, accountId).catch(() => null) : null;
      await journal.record(
        tx,
        {
          ...(await this.who(tx, operator)),
          action: operation,
          outcome: 'refused',
          refusal: reason,
          target: target
            ? {
                accountId: target.id,
                oid: target.oid,
                masked: target.status === 'active' ? maskedName(target) : null,
              }
            : undefined,
        },
        now,
      );
      await appendAudit(
        tx,
        {
          event: 'workstation.operation_refused',
          ...auditActor(operator),
          subjectId: accountId,
          ip: meta.ip ?? null,
          data: {
            operation,
            centerId: operator.centerId,
            certificate: operator.certificateThumbprint,
            reason,
          },
        },
        now,
      );
    });
  }

  // ---- after the registry checks ----

  /**
   * The checks of a registration (or an upgrade) made at a center have ended: passed, the account
   * is confirmed by the center (the operator saw the documents); failed, the operation says so and
   * the citizen was told why by PersonalDataService. In the transaction that records the checks.
   */
  async checksCompleted(
    tx: DbOrTx,
    result: { accountId: string; revision: number; passed: boolean },
    now: Date,
  ): Promise<void> {
    const operation = await findAwaitingOperation(tx, result.accountId, result.revision);
    if (!operation) return;
    const account = await getAccountForUpdate(tx, result.accountId);
    if (result.passed && account.level === 'standard')
      await this.deps.confirmation.confirmIdentity(
        tx,
        account,
        'service_center',
        {
          actorType: 'system',
          data: {
            operationId: operation.id,
            centerId: operation.centerId,
            certificate: operation.certificateThumbprint,
          },
        },
        now,
      );
    await updateOperation(tx, operation.id, {
      state: result.passed ? 'done' : 'checks_failed',
      completedAt: now,
    });
  }

  // ---- reading ----

  async operation(actor: Actor, operationId: string): Promise<WorkstationOperationResult> {
    assertAllowed(actor, 'workstation.read_operation');
    const operator = actor as WorkstationOperatorActor;
    const row = await findOperation(this.deps.db, operationId, operator.centerId!);
    if (!row) throw new AppError('workstation.operation_not_found');
    return this.resultOf(row);
  }

  /** The sealed papers of an operation of this center, and the receipt while it may be printed. */
  async papers(
    actor: Actor,
    operationId: string,
    kind: 'application' | 'consent' | 'receipt',
  ): Promise<{
    row: OperationRow;
    papers: OperationPapers;
    receipt: { password: string; login: string } | null;
  }> {
    assertAllowed(actor, 'workstation.read_operation');
    const operator = actor as WorkstationOperatorActor;
    const { db, cipher, clock } = this.deps;
    const row = await findOperation(db, operationId, operator.centerId!);
    if (!row || !row.papers) throw new AppError('workstation.operation_not_found');
    let receipt: { password: string; login: string } | null = null;
    if (kind === 'receipt') {
      // the temporary password: for the operator who issued it, at his desk, for half an hour
      if (
        !row.receipt ||
        !row.receiptExpiresAt ||
        row.receiptExpiresAt.getTime() < clock.now().getTime() ||
        row.operatorAccountId !== operator.accountId
      )
        throw new AppError('workstation.receipt_unavailable');
      receipt = cipher.decryptJson(row.receipt, `${operationId}:receipt`);
    }
    return { row, papers: cipher.decryptJson<OperationPapers>(row.papers, operationId), receipt };
  }

  /** One of the operation's papers as a PDF file: the application, the consent, the receipt. */
  async document(
    actor: Actor,
    operationId: string,
    kind: 'application' | 'consent' | 'receipt',
  ): Promise<{ bytes: Uint8Array; type: string; name: string }> {
    const { row, papers, receipt } = await this.papers(actor, operationId, kind);
    const { db } = this.deps;
    // The center the operation was performed at, read by its id: the papers are the same whether
    // or not whoever prints them again is still attached there.
    const center = (await findCenter(db, row.organizationId, row.centerId))!;
    const organization = (await findOrganization(db, row.organizationId))!;
    const operatorAccount = await getAccountById(db, row.operatorAccountId);
    const input: OperationDocumentInput = {
      operation: row.operation,
      operationId: row.id,
      performedAt: row.createdAt,
      center: { name: center.name, address: center.address },
      organization: { shortName: organization.shortName, ogrn: organization.ogrn },
      operator: { fullName: fullName(operatorAccount) },
      citizen: papers.citizen,
      child: papers.child
        ? {
            ...papers.child,
            middleName: papers.child.middleName || null,
            snils: papers.child.snils ?? null,
          }
        : undefined,
      reason: papers.reason ?? null,
    };
    const names = { application: 'Заявление', consent: 'Согласие', receipt: 'Расписка' } as const;
    const bytes =
      kind === 'receipt'
        ? await receiptPdf({ ...input, temporaryPassword: receipt!.password, login: receipt!.login })
        : kind === 'consent'
          ? await consentPdf(input)
          : await operationApplicationPdf(input);
    return { bytes, type: 'application/pdf', name: `${names[kind]} ${row.id.slice(0, 8)}.pdf` };
  }

  /** «Дети» in the citizen's profile. */
  async children(actor: Actor, accountId: string): Promise<ChildView[]> {
    assertAllowed(actor, 'citizen.read_children', { accountId });
    const { db, cipher } = this.deps;
    const rows = await listChildren(db, accountId);
    return rows.map((row) => {
      const child = cipher.decryptJson<WorkstationChild['child']>(row.sealed, row.id);
      return {
        id: row.id,
        lastName: child.lastName,
        firstName: child.firstName,
        middleName: child.middleName || null,
        gender: child.gender,
        birthDate: child.birthDate,
        birthCertificate: `${child.birthCertificate.series} № ${child.birthCertificate.number}`,
        snils: child.snils ? formatSnils(child.snils) : null,
        addedAt: row.createdAt.toISOString(),
        center: null,
      };
    });
  }

  /** The temporary password served its purpose: its receipts are dropped. */
  async forgetReceipts(tx: DbOrTx, accountId: string): Promise<void> {
    await dropReceiptsOf(tx, accountId);
  }

  /**
   * At start: personal data saved before the name-and-birth key existed get it, in batches, so the
   * workstation finds them by ФИО and birth date too. Returns how many were filled.
   */
  async backfillLookups(): Promise<number> {
    const { db, lookup } = this.deps;
    let filled = 0;
    for (;;) {
      const rows = await listWithoutNameBirthLookup(db, 500);
      if (!rows.length) return filled;
      await db.transaction(async (tx) => {
        for (const row of rows)
          await setNameBirthLookup(tx, row.accountId, lookup.hash('name_birth', nameBirthKey(row)));
      });
      filled += rows.length;
    }
  }

  // ---- helpers ----

  private async resultOf(row: OperationRow): Promise<WorkstationOperationResult> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const documents: WorkstationOperationResult['documents'] = row.papers ? ['application', 'consent'] : [];
    if (row.receipt && row.receiptExpiresAt && row.receiptExpiresAt.getTime() > now.getTime())
      documents.push('receipt');
    const deleted = row.operation === 'deletion';
    const account = deleted ? null : await getAccountById(db, row.targetAccountId);
    const personal =
      deleted || row.state !== 'checks_failed' ? null : await findPersonalData(db, row.targetAccountId);
    return {
      operationId: row.id,
      operation: row.operation,
      accountId: deleted ? null : row.targetAccountId,
      oid: account ? String(account.oid) : null,
      state: row.state,
      level: account?.level ?? null,
      failureReasons: personal
        ? [personal.snilsCheckReason, personal.passportCheckReason].filter((r): r is string => !!r)
        : [],
      passwordDelivery: row.passwordDelivery,
      documents,
      performedAt: row.createdAt.toISOString(),
    };
  }

  private async who(tx: DbOrTx, operator: WorkstationOperatorActor) {
    const account = await getAccountById(tx, operator.accountId);
    return {
      operator: { accountId: operator.accountId, name: fullName(account) },
      thumbprint: operator.certificateThumbprint,
      organizationId: operator.organizationId,
      regionCode: operator.regionCode,
      centerId: operator.centerId,
    };
  }

  private assertPersonalDataRules(input: PersonalData, now: Date): void {
    const errors = checkPersonalDataRules(input, now);
    if (errors.length) throw new AppError('validation.failed', { fields: errors });
  }

  /** The passport in the operator's hands is the one the account's checked data name. */
  private assertDocumentSeen(
    personal: PersonalDataRow | null,
    seen: { documentSeries: string; documentNumber: string },
  ): DecryptedPersonalData {
    if (!personal) throw new AppError('workstation.wrong_account_state');
    const lookup = this.deps.lookup.hash('passport', passportKey(seen.documentSeries, seen.documentNumber));
    if (lookup !== personal.passportLookup) throw new AppError('workstation.document_mismatch');
    return this.deps.personalData.decrypt(personal);
  }

  private async contactsOf(tx: DbOrTx, accountId: string) {
    const contacts = (await listContacts(tx, accountId)).filter((c) => c.verifiedAt !== null);
    return {
      phone: contacts.find((c) => c.type === 'phone')?.value,
      email: contacts.find((c) => c.type === 'email')?.value,
    };
  }

  private async papersOfAccount(
    tx: DbOrTx,
    account: AccountRow,
    data: DecryptedPersonalData,
    reason: string | null = null,
  ): Promise<OperationPapers> {
    return papersOf(
      { ...account, ...data, middleName: account.middleName ?? undefined },
      await this.contactsOf(tx, account.id),
      String(account.oid),
      reason,
    );
  }
}

function foundAccount(account: AccountRow, personal: PersonalDataRow | null): FoundAccount {
  return {
    status: account.status,
    level: account.level,
    confirmationMethod: account.confirmationMethod,
    checks: personal ? personal.verificationState : 'none',
  };
}

function papersOf(
  person: Pick<PersonalData, 'lastName' | 'firstName' | 'gender' | 'birthDate' | 'birthPlace' | 'snils'> & {
    citizenship: string;
    middleName?: string | null;
    passport: PassportSealed;
  },
  contacts: { phone?: string; email?: string },
  oid: string | null,
  reason: string | null,
): OperationPapers {
  return {
    citizen: {
      lastName: person.lastName,
      firstName: person.firstName,
      middleName: person.middleName || null,
      gender: person.gender,
      birthDate: person.birthDate,
      birthPlace: person.birthPlace,
      citizenship: person.citizenship,
      passport: person.passport,
      snils: person.snils,
      phone: contacts.phone ?? null,
      email: contacts.email ?? null,
      oid,
    },
    reason,
  };
}

/** SMS needs a mobile phone; any delivery needs one contact at least. */
function assertContacts(
  contacts: { phone?: string; email?: string },
  delivery: 'sms' | 'print',
): { phone?: string; email?: string } {
  if (!contacts.phone && !contacts.email) throw new AppError('workstation.contact_required');
  if (delivery === 'sms' && !contacts.phone)
    throw new AppError('validation.failed', {
      fields: [{ path: 'contacts.phone', code: 'workstation.contact_required' }],
    });
  return contacts;
}

async function replaceContacts(
  tx: DbOrTx,
  accountId: string,
  contacts: { phone?: string; email?: string },
  now: Date,
): Promise<void> {
  await deleteContactsOf(tx, accountId);
  for (const [type, value] of [
    ['phone', contacts.phone],
    ['email', contacts.email],
  ] as const)
    if (value)
      await insertContact(tx, { id: newId(), accountId, type, value, verifiedAt: now, createdAt: now });
}

function fieldsError(path: string, code: string): AppError {
  return new AppError('validation.failed', { fields: [{ path, code }] });
}
