import type { Me, PersonalData, PersonalDataView } from '@openesia/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { appendAudit } from '../../audit/log.js';
import type { Config } from '../../config/index.js';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  checkPersonalDataRules,
  lockedFieldChanges,
  submissionRetryAfter,
  submissionWindowStart,
} from '../../domain/citizen/personal-data.js';
import { effectiveLetterState } from '../../domain/citizen/post-letter.js';
import type { Actor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import {
  failureReasons,
  levelAfterChecks,
  levelWhileChecking,
  recordCheckResult,
  startVerification,
  type CheckFailureReason,
  type CheckName,
  type CheckResult,
  type Verification,
} from '../../domain/citizen/verification.js';
import type { Integrations } from '../../integrations/index.js';
import { RegistryUnavailableError } from '../../integrations/registry-http.js';
import { nameBirthKey, passportKey } from '../../domain/workstation/search.js';
import { checkPassportJob, checkSnilsJob } from '../../jobs/specs.js';
import type { JobPort } from '../../jobs/ports.js';
import type { Clock } from '../../lib/clock.js';
import type { FieldCipher, LookupHasher } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import {
  getAccountForUpdate,
  getAccountById,
  updateAccount,
  type AccountRow,
} from '../../repositories/citizen/accounts.js';
import { isUniqueViolation } from '../../repositories/platform/constraint-violation.js';
import {
  findOtherSnilsClaim,
  findPersonalData,
  listPersonalDataInProgress,
  findPersonalDataForUpdate,
  listSubmissionTimes,
  updatePersonalData,
  upsertPersonalData,
  type PersonalDataRow,
} from '../../repositories/citizen/personal-data.js';
import { findActivePostLetter, updatePostLetterIfState } from '../../repositories/citizen/post-letters.js';
import { revokeTestCaCertificatesOfOthers } from '../../repositories/signature/test-ca.js';
import type { NotificationService } from '../platform/notifications.js';
import type { AuthMethod, SessionService } from '../platform/sessions.js';
import { toPostLetterView } from './post-letter-view.js';

export interface PassportSealed {
  series: string;
  number: string;
  issueDate: string;
  issuedBy: string;
  issuerCode: string;
}

export interface DecryptedPersonalData {
  gender: 'M' | 'F';
  birthDate: string;
  birthPlace: string;
  citizenship: string;
  passport: PassportSealed;
  snils: string;
}

/** What the person is told when a check fails: the reason and what to do (SMS/e-mail text). */
const reasonText: Record<CheckFailureReason, string> = {
  'snils.not_found': 'СНИЛС не найден в Социальном фонде России',
  'snils.data_mismatch':
    'ФИО, пол или дата рождения не совпадают со сведениями Социального фонда по этому СНИЛС',
  'passport.not_found': 'паспорт не найден в МВД России',
  'passport.invalid': 'паспорт недействителен по данным МВД России',
  'passport.data_mismatch': 'данные паспорта не совпадают со сведениями МВД России',
  'registry.unavailable': 'сервис проверки временно недоступен, повторите отправку позже',
};

const SNILS_CONSTRAINT = 'personal_data_snils_claimed_unique';
/** RFC 5280 5.3.1 CRLReason affiliationChanged: the certificate's СНИЛС now names another account. */
const AFFILIATION_CHANGED = 3;

/**
 * Personal data of seed 000, section 1, step 2 («Личные данные»): saving sends the СНИЛС to the
 * pension fund and the passport to the migration service; the account becomes standard when both
 * checks pass. Passport and СНИЛС are stored encrypted (AES-256-GCM bound to the account id) with
 * keyed hashes for lookups (152-ФЗ, ст. 19: protection of personal data).
 */
export type ChecksCompleted = (
  tx: DbOrTx,
  result: { accountId: string; revision: number; passed: boolean; reasons: CheckFailureReason[] },
  now: Date,
) => Promise<void>;

export class PersonalDataService {
  /** told, inside the transaction that records them, when both checks of a submission are done */
  private readonly checksListeners: ChecksCompleted[] = [];

  /** The workstation listens: a registration at a center is confirmed when its checks pass. */
  onChecksCompleted(listener: ChecksCompleted): void {
    this.checksListeners.push(listener);
  }

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      queue: JobPort;
      cipher: FieldCipher;
      lookup: LookupHasher;
      notifications: NotificationService;
      sessions: SessionService;
      integrations: Integrations;
      config: Config;
      logger: FastifyBaseLogger;
    },
  ) {}

  // ---- reading ----

  decrypt(row: PersonalDataRow): DecryptedPersonalData {
    const { cipher } = this.deps;
    return {
      gender: row.gender,
      birthDate: row.birthDate,
      birthPlace: row.birthPlace,
      citizenship: row.citizenship,
      passport: cipher.decryptJson<PassportSealed>(row.passportEncrypted, row.accountId),
      snils: cipher.decrypt(row.snilsEncrypted, row.accountId),
    };
  }

  /** The signed-in person's own data, decrypted, with the state of the checks. */
  async view(actor: Actor, accountId: string, db: DbOrTx = this.deps.db): Promise<PersonalDataView> {
    assertAllowed(actor, 'citizen.read_personal_data', { accountId });
    const account = await getAccountById(db, accountId);
    const row = await findPersonalData(db, accountId);
    return this.toView(account, row);
  }

  private toView(account: AccountRow, row: PersonalDataRow | undefined): PersonalDataView {
    if (!row) {
      return {
        data: null,
        verification: {
          state: 'not_started',
          snils: 'not_started',
          passport: 'not_started',
          failureReasons: [],
          submittedAt: null,
          completedAt: null,
        },
        editable: true,
      };
    }
    const data = this.decrypt(row);
    return {
      data: {
        lastName: account.lastName,
        firstName: account.firstName,
        middleName: account.middleName,
        gender: data.gender,
        birthDate: data.birthDate,
        birthPlace: data.birthPlace,
        citizenship: data.citizenship,
        passport: data.passport,
        snils: data.snils,
      },
      verification: {
        state: row.verificationState,
        snils: row.snilsCheck,
        passport: row.passportCheck,
        failureReasons: failureReasons({
          snilsReason: row.snilsCheckReason as CheckFailureReason | null,
          passportReason: row.passportCheckReason as CheckFailureReason | null,
        }),
        submittedAt: row.submittedAt.toISOString(),
        completedAt: row.completedAt?.toISOString() ?? null,
      },
      editable: row.verificationState !== 'in_progress',
    };
  }

  /** GET /api/me: the account, the state of its checks and the next step up (seed 000, section 1). */
  async me(actor: Actor, account: AccountRow, authMethod: AuthMethod): Promise<Me> {
    assertAllowed(actor, 'citizen.read_profile', { accountId: account.id });
    const { db, clock } = this.deps;
    const summary = await this.deps.sessions.summary(db, account, authMethod);
    const row = await findPersonalData(db, account.id);
    const letter = await findActivePostLetter(db, account.id);
    const now = clock.now();
    const activeLetter =
      letter && effectiveLetterState(letter, now) !== 'expired' ? toPostLetterView(letter, now) : null;
    const state = row ? row.verificationState : 'not_started';
    let nextStep: Me['nextStep'];
    if (account.level === 'confirmed') nextStep = 'none';
    else if (!row) nextStep = 'fill_personal_data';
    else if (state === 'in_progress') nextStep = 'wait_for_checks';
    else if (state === 'failed') nextStep = 'fix_personal_data';
    else if (activeLetter && (activeLetter.state === 'sent' || activeLetter.state === 'delivered'))
      nextStep = 'enter_post_code';
    else nextStep = 'confirm_identity';
    return {
      account: summary,
      verification: {
        state,
        failureReasons: row
          ? failureReasons({
              snilsReason: row.snilsCheckReason as CheckFailureReason | null,
              passportReason: row.passportCheckReason as CheckFailureReason | null,
            })
          : [],
        completedAt: row?.completedAt?.toISOString() ?? null,
      },
      activeLetter,
      nextStep,
    };
  }

  // ---- saving ----

  /**
   * «Сохранить»: stores the data and sends it to both registries, in one transaction with the two
   * jobs and the audit record. Refused while checks run; a confirmed account cannot change the
   * fields that identify the person; one standard or confirmed account per СНИЛС.
   */
  async submit(
    actor: Actor,
    accountId: string,
    input: PersonalData,
    meta: { ip?: string | null } = {},
  ): Promise<PersonalDataView> {
    assertAllowed(actor, 'citizen.update_personal_data', { accountId });
    const { db, clock, lookup } = this.deps;
    const now = clock.now();
    const ruleErrors = checkPersonalDataRules(input, now);
    if (ruleErrors.length) throw new AppError('validation.failed', { fields: ruleErrors });

    const snilsLookup = lookup.hash('snils', input.snils);
    const middleName = input.middleName ? input.middleName : null;
    let outcome: { view: PersonalDataView } | { refused: AppError };
    try {
      // A refusal is returned, not thrown, so that its audit record and notice commit with it.
      outcome = await db.transaction(
        async (tx): Promise<{ view: PersonalDataView } | { refused: AppError }> => {
          const account = await getAccountForUpdate(tx, accountId);
          const existing = await findPersonalDataForUpdate(tx, accountId);
          if (existing?.verificationState === 'in_progress')
            throw new AppError('personal_data.checks_in_progress');
          const current = existing ? this.decrypt(existing) : null;
          if (existing && current && account.confirmedAt) {
            const locked = lockedFieldChanges(current, input);
            if (locked.length) throw new AppError('personal_data.locked_confirmed', { fields: locked });
          }
          if (
            existing &&
            current &&
            existing.verificationState === 'passed' &&
            this.unchanged(account, current, input, middleName)
          ) {
            // Saving verified data again changes nothing and must not cost the person their level.
            return { view: this.toView(account, existing) };
          }
          // Each submission asks two registries and may probe whether a СНИЛС is taken: a few an hour.
          const recent = await listSubmissionTimes(tx, accountId, submissionWindowStart(now));
          const wait = submissionRetryAfter(recent, now);
          if (wait > 0) throw new AppError('rate.limited', { retryAfterSeconds: wait });

          const holder = await findOtherSnilsClaim(tx, snilsLookup, accountId);
          if (holder) {
            await this.recordSnilsTaken(tx, accountId, holder, meta, now);
            return { refused: snilsTaken() };
          }

          // A test-CA certificate with this СНИЛС issued to another account (whose checked СНИЛС it
          // was until that account changed its data) must not sign in here, even under the same
          // name: the СНИЛС now belongs to this person (docs/SIGNATURES.md, «Test CA»).
          const revoked = await revokeTestCaCertificatesOfOthers(
            tx,
            snilsLookup,
            accountId,
            now,
            AFFILIATION_CHANGED,
          );
          if (revoked.length)
            await appendAudit(
              tx,
              {
                event: 'test_ca.certificate_revoked',
                actorType: 'system',
                subjectId: accountId,
                data: { serialNumbers: revoked, reason: 'affiliationChanged', cause: 'snils_claimed' },
              },
              now,
            );

          // A letter ordered for the data checked before must not confirm the data saved now.
          const letter = await findActivePostLetter(tx, accountId, { forUpdate: true });
          if (letter) await updatePostLetterIfState(tx, letter.id, letter.state, { state: 'cancelled' });

          const revision = await this.writeSubmission(tx, accountId, input, existing?.revision ?? 0, now);
          await appendAudit(
            tx,
            {
              event: 'citizen.personal_data_submitted',
              actorType: 'citizen',
              actorId: accountId,
              subjectId: accountId,
              ip: meta.ip ?? null,
              data: {
                revision,
                previousLevel: account.level,
                ...(letter ? { cancelledLetterId: letter.id } : {}),
              },
            },
            now,
          );
          const saved = (await findPersonalData(tx, accountId))!;
          return {
            view: this.toView(
              { ...account, lastName: input.lastName, firstName: input.firstName, middleName },
              saved,
            ),
          };
        },
      );
    } catch (err) {
      // Two people saving one СНИЛС at the same moment: the partial unique index decides.
      if (!isUniqueViolation(err, SNILS_CONSTRAINT)) throw err;
      await db.transaction(async (tx) => {
        const holder = await findOtherSnilsClaim(tx, snilsLookup, accountId);
        await this.recordSnilsTaken(tx, accountId, holder ?? null, meta, now);
      });
      throw snilsTaken();
    }
    if ('refused' in outcome) throw outcome.refused;
    return outcome.view;
  }

  /**
   * «СНИЛС уже используется» tells the person typing it that the number has an account, so every
   * such answer is recorded and the holder is told (152-ФЗ, ст. 14: the subject's right to know
   * who processes their data); the per-account submission limit keeps it from being a scanner.
   */
  private async recordSnilsTaken(
    tx: DbOrTx,
    accountId: string,
    holderId: string | null,
    meta: { ip?: string | null },
    now: Date,
  ): Promise<void> {
    await appendAudit(
      tx,
      {
        event: 'citizen.snils_taken_refused',
        actorType: 'citizen',
        actorId: accountId,
        subjectId: accountId,
        ip: meta.ip ?? null,
        data: { holderId },
      },
      now,
    );
    if (!holderId) return;
    await this.deps.notifications.notifyAccount(tx, holderId, {
      subject: 'Попытка указать ваш СНИЛС',
      text: 'Кто-то пытался указать ваш СНИЛС в другой учётной записи ЕСИА. Попытка отклонена, ваши данные не изменены. Если это были не вы и вы не знаете, откуда у другого человека ваш СНИЛС, обратитесь в центр обслуживания.',
    });
  }

  /**
   * Stores a submission of personal data (sealed, with its lookup keys), puts the account at the
   * level it has while checked and enqueues both registry checks, inside the caller's transaction:
   * the citizen's «Сохранить» and an operator's registration at a service center (the workstation)
   * write the same way. Returns the submission's revision.
   */
  async writeSubmission(
    tx: DbOrTx,
    accountId: string,
    input: PersonalData,
    previousRevision: number,
    now: Date,
  ): Promise<number> {
    const { cipher, lookup } = this.deps;
    const middleName = input.middleName ? input.middleName : null;
    const verification = startVerification(previousRevision + 1);
    const { revision } = verification;
    const passport: PassportSealed = {
      series: input.passport.series,
      number: input.passport.number,
      issueDate: input.passport.issueDate,
      issuedBy: input.passport.issuedBy,
      issuerCode: input.passport.issuerCode,
    };
    await upsertPersonalData(tx, {
      accountId,
      gender: input.gender,
      birthDate: input.birthDate,
      birthPlace: input.birthPlace,
      citizenship: input.citizenship,
      passportEncrypted: cipher.encryptJson(passport, accountId),
      passportLookup: lookup.hash('passport', passportKey(input.passport.series, input.passport.number)),
      snilsEncrypted: cipher.encrypt(input.snils, accountId),
      snilsLookup: lookup.hash('snils', input.snils),
      nameBirthLookup: lookup.hash('name_birth', nameBirthKey({ ...input, middleName })),
      verificationState: verification.state,
      snilsCheck: verification.snils,
      snilsCheckReason: verification.snilsReason,
      passportCheck: verification.passport,
      passportCheckReason: verification.passportReason,
      revision,
      submittedAt: now,
      completedAt: null,
      snilsClaimed: true,
    });
    await updateAccount(tx, accountId, {
      lastName: input.lastName,
      firstName: input.firstName,
      middleName,
      level: levelWhileChecking(),
      updatedAt: now,
    });
    await this.enqueueChecks(tx, { accountId, revision }, ['snils', 'passport']);
    return revision;
  }

  private unchanged(
    account: AccountRow,
    current: DecryptedPersonalData,
    input: PersonalData,
    middleName: string | null,
  ): boolean {
    return (
      account.lastName === input.lastName &&
      account.firstName === input.firstName &&
      (account.middleName ?? null) === middleName &&
      current.gender === input.gender &&
      current.birthDate === input.birthDate &&
      current.birthPlace === input.birthPlace &&
      current.citizenship === input.citizenship &&
      current.snils === input.snils &&
      JSON.stringify(current.passport) ===
        JSON.stringify({
          series: input.passport.series,
          number: input.passport.number,
          issueDate: input.passport.issueDate,
          issuedBy: input.passport.issuedBy,
          issuerCode: input.passport.issuerCode,
        })
    );
  }

  // ---- the checks (job handlers) ----

  /** The registry check jobs of one submission, with the retries of configuration. */
  private async enqueueChecks(
    tx: DbOrTx,
    payload: { accountId: string; revision: number },
    checks: CheckName[],
  ): Promise<void> {
    const { config, queue } = this.deps;
    const retry = {
      limit: config.registryRetry.limit,
      delaySeconds: config.registryRetry.delaySeconds,
      backoff: config.registryRetry.delaySeconds > 0,
    };
    for (const check of checks)
      await queue.enqueue(tx, check === 'snils' ? checkSnilsJob : checkPassportJob, payload, {
        singletonKey: checkKey(payload),
        retry,
      });
  }

  /**
   * Run at start. A process that ends while a check runs (a crash, a kill) leaves its job active,
   * and pg-boss hands it out again only when it expires (expireInSeconds 120, then its next
   * maintenance pass): the person saw «проверка выполняется» for about 135 s. So every check still
   * in progress whose job is not waiting to run gets a fresh one now. Should another live process
   * be running it after all, the second run is harmless: runCheck and recordCheckResult ignore an
   * answer already recorded, so the worst case is one repeated registry question, never a second
   * verdict. Returns how many checks were resumed.
   */
  async resumeChecks(): Promise<number> {
    const { db, queue, logger } = this.deps;
    let resumed = 0;
    for (const row of await listPersonalDataInProgress(db)) {
      const payload = { accountId: row.accountId, revision: row.revision };
      const checks: CheckName[] = [];
      if (row.snilsCheck === 'in_progress' && !(await queue.hasWaiting(checkSnilsJob, checkKey(payload))))
        checks.push('snils');
      if (
        row.passportCheck === 'in_progress' &&
        !(await queue.hasWaiting(checkPassportJob, checkKey(payload)))
      )
        checks.push('passport');
      if (!checks.length) continue;
      await db.transaction((tx) => this.enqueueChecks(tx, payload, checks));
      resumed += checks.length;
    }
    if (resumed) logger.info({ resumed }, 'registry checks left running by a stopped process resumed');
    return resumed;
  }

  /**
   * One registry check for one submission. Idempotent: an answer about an older revision, or a
   * repeated answer, changes nothing. The registry is called outside any transaction; a transient
   * failure is thrown for pg-boss to retry with backoff, and on the last attempt the check ends
   * with `registry.unavailable` so the person is never left waiting for ever.
   */
  async runCheck(
    check: CheckName,
    payload: { accountId: string; revision: number },
    meta: { attempt: number; retryLimit: number },
  ): Promise<void> {
    const { db, integrations, logger } = this.deps;
    const row = await findPersonalData(db, payload.accountId);
    if (!row || row.revision !== payload.revision) return;
    if ((check === 'snils' ? row.snilsCheck : row.passportCheck) !== 'in_progress') return;
    const account = await getAccountById(db, payload.accountId);
    const data = this.decrypt(row);
    const lastAttempt = meta.attempt > meta.retryLimit;

    let result: CheckResult;
    try {
      result =
        check === 'snils'
          ? await this.askPensionFund(integrations, account, data)
          : await this.askMigrationService(integrations, account, data);
    } catch (err) {
      if (!lastAttempt) throw err;
      if (!(err instanceof RegistryUnavailableError))
        logger.error({ err, check }, 'registry check failed with an unexpected error');
      result = { passed: false, reason: 'registry.unavailable' };
    }
    await this.recordResult(check, payload, result);
  }

  private async askPensionFund(
    integrations: Integrations,
    account: AccountRow,
    data: DecryptedPersonalData,
  ): Promise<CheckResult> {
    const answer = await integrations.pensionFund.checkSnils({
      snils: data.snils,
      lastName: account.lastName,
      firstName: account.firstName,
      middleName: account.middleName,
      gender: data.gender,
      birthDate: data.birthDate,
    });
    if (answer.result === 'match') return { passed: true };
    return {
      passed: false,
      reason: answer.result === 'not_found' ? 'snils.not_found' : 'snils.data_mismatch',
    };
  }

  private async askMigrationService(
    integrations: Integrations,
    account: AccountRow,
    data: DecryptedPersonalData,
  ): Promise<CheckResult> {
    const answer = await integrations.migrationService.checkPassport({
      ...data.passport,
      lastName: account.lastName,
      firstName: account.firstName,
      middleName: account.middleName,
      birthDate: data.birthDate,
    });
    if (answer.result === 'valid') return { passed: true };
    const reason: CheckFailureReason =
      answer.result === 'not_found'
        ? 'passport.not_found'
        : answer.result === 'invalid'
          ? 'passport.invalid'
          : 'passport.data_mismatch';
    return { passed: false, reason };
  }

  private async recordResult(
    check: CheckName,
    payload: { accountId: string; revision: number },
    result: CheckResult,
  ): Promise<void> {
    const { db, clock } = this.deps;
    await db.transaction(async (tx) => {
      const now = clock.now();
      const account = await getAccountForUpdate(tx, payload.accountId);
      const row = await findPersonalDataForUpdate(tx, payload.accountId);
      if (!row) return;
      const current: Verification = {
        revision: row.revision,
        state: row.verificationState,
        snils: row.snilsCheck,
        snilsReason: row.snilsCheckReason as CheckFailureReason | null,
        passport: row.passportCheck,
        passportReason: row.passportCheckReason as CheckFailureReason | null,
      };
      const outcome = recordCheckResult(current, payload.revision, check, result);
      if (outcome.kind === 'ignored') return;
      const { next } = outcome;
      const changes: Parameters<typeof updatePersonalData>[2] = {
        verificationState: next.state,
        snilsCheck: next.snils,
        snilsCheckReason: next.snilsReason,
        passportCheck: next.passport,
        passportCheckReason: next.passportReason,
      };
      if (!outcome.completed) {
        await updatePersonalData(tx, payload.accountId, changes);
        return;
      }
      const wasConfirmed = account.confirmedAt !== null;
      changes.completedAt = now;
      // A failed check frees the СНИЛС for its real owner, unless this person's identity was
      // already confirmed with it (their СНИЛС is locked, see FIELDS_LOCKED_WHEN_CONFIRMED).
      changes.snilsClaimed = outcome.passed || wasConfirmed;
      await updatePersonalData(tx, payload.accountId, changes);
      const level = levelAfterChecks(outcome.passed, wasConfirmed);
      await updateAccount(tx, payload.accountId, { level, updatedAt: now });
      await appendAudit(
        tx,
        {
          event: outcome.passed ? 'citizen.personal_data_verified' : 'citizen.personal_data_rejected',
          actorType: 'system',
          subjectId: payload.accountId,
          data: { revision: payload.revision, level, reasons: outcome.reasons },
        },
        now,
      );
      await this.notifyResult(tx, payload.accountId, outcome.passed, outcome.reasons, level);
      for (const listener of this.checksListeners)
        await listener(
          tx,
          {
            accountId: payload.accountId,
            revision: payload.revision,
            passed: outcome.passed,
            reasons: outcome.reasons,
          },
          now,
        );
    });
  }

  /** Seed 000: «на Ваш мобильный телефон или на адрес электронной почты будет выслано уведомление». */
  private async notifyResult(
    tx: DbOrTx,
    accountId: string,
    passed: boolean,
    reasons: CheckFailureReason[],
    level: string,
  ): Promise<void> {
    const text = passed
      ? level === 'confirmed'
        ? 'Проверка личных данных завершена успешно. Новые данные сохранены, учётная запись остаётся подтверждённой.'
        : 'Проверка личных данных завершена успешно. Ваша учётная запись — стандартная. Чтобы пользоваться всеми услугами, подтвердите личность.'
      : `Проверка личных данных не пройдена: ${reasons.map((r) => reasonText[r]).join('; ')}. Проверьте данные в разделе «Личные данные» и сохраните их снова.`;
    await this.deps.notifications.notifyAccount(tx, accountId, {
      subject: 'Результат проверки личных данных',
      text,
    });
  }
}

/** The key of a submission's check jobs: one account, one revision. */
function checkKey(payload: { accountId: string; revision: number }): string {
  return `${payload.accountId}:${payload.revision}`;
}

function snilsTaken(): AppError {
  return new AppError('snils.taken', { fields: [{ path: 'snils', code: 'snils.taken' }] });
}
