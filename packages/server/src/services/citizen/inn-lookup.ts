import type { FastifyBaseLogger } from 'fastify';
import { appendAudit } from '../../audit/log.js';
import type { Config } from '../../config/index.js';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Integrations } from '../../integrations/index.js';
import { RegistryUnavailableError } from '../../integrations/registry-http.js';
import { findInnJob } from '../../jobs/specs.js';
import type { JobPort } from '../../jobs/ports.js';
import type { Clock } from '../../lib/clock.js';
import type { FieldCipher } from '../../lib/crypto.js';
import { getAccountById } from '../../repositories/citizen/accounts.js';
import {
  findPersonalData,
  findPersonalDataForUpdate,
  updatePersonalData,
} from '../../repositories/citizen/personal-data.js';
import type { PassportSealed } from './personal-data.js';
import type { PersonalDataRow } from '../../repositories/citizen/personal-data.js';

type Payload = { accountId: string; revision: number };
type Result = 'found' | 'not_found' | 'unavailable';

/** The AAD of the sealed ИНН: bound to the account and to its column (never read as the СНИЛС). */
export const innAad = (accountId: string): string => `${accountId}:inn`;

/** The ИНН the tax service gave for the submission checked now (none for an older one). */
export function checkedInn(cipher: FieldCipher, data: PersonalDataRow): string | null {
  if (data.innLookupState !== 'found' || !data.innEncrypted || data.innRevision !== data.revision)
    return null;
  return cipher.decrypt(data.innEncrypted, innAad(data.accountId));
}

/**
 * The citizen's ИНН, obtained as ESIA obtains it: not typed by the person but asked of the tax
 * service (ФНС) by the passport the migration service confirmed, right after both checks of a
 * submission pass. Kept sealed like the СНИЛС, with the revision it was found for, so a later
 * submission never carries an older answer; released to systems by the `inn` scope
 * (services/oidc/claims.ts). «Не найден» leaves the account as it is: the ИНН is simply absent.
 */
export class InnLookupService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      queue: JobPort;
      cipher: FieldCipher;
      integrations: Integrations;
      config: Config;
      logger: FastifyBaseLogger;
    },
  ) {}

  /** PersonalDataService.onChecksCompleted: in the transaction that records the checks' verdict. */
  async checksCompleted(tx: DbOrTx, result: Payload & { passed: boolean }): Promise<void> {
    if (!result.passed) return;
    const { config, queue } = this.deps;
    await updatePersonalData(tx, result.accountId, {
      innLookupState: 'in_progress',
      innRevision: result.revision,
      innEncrypted: null,
    });
    await queue.enqueue(
      tx,
      findInnJob,
      { accountId: result.accountId, revision: result.revision },
      {
        singletonKey: `${result.accountId}:${result.revision}`,
        retry: {
          limit: config.registryRetry.limit,
          delaySeconds: config.registryRetry.delaySeconds,
          backoff: config.registryRetry.delaySeconds > 0,
        },
      },
    );
  }

  /**
   * The job: asks the tax service outside any transaction; a transient failure is thrown for
   * pg-boss to retry, and after the last attempt the lookup ends `unavailable`. Idempotent: a
   * newer submission, or an answer already recorded, makes it do nothing.
   */
  async run(payload: Payload, meta: { attempt: number; retryLimit: number }): Promise<void> {
    const { db, cipher, integrations, logger } = this.deps;
    const row = await findPersonalData(db, payload.accountId);
    if (!current(row, payload)) return;
    const account = await getAccountById(db, payload.accountId);
    const passport = cipher.decryptJson<PassportSealed>(row.passportEncrypted, row.accountId);
    let result: Result;
    let inn: string | null = null;
    try {
      const answer = await integrations.taxRegister.findPersonInn({
        lastName: account.lastName,
        firstName: account.firstName,
        middleName: account.middleName,
        birthDate: row.birthDate,
        passport: {
          series: passport.series,
          number: passport.number,
          issueDate: passport.issueDate,
          issuerCode: passport.issuerCode,
        },
      });
      result = answer.found ? 'found' : 'not_found';
      if (answer.found) inn = answer.inn;
    } catch (err) {
      if (meta.attempt <= meta.retryLimit) throw err;
      if (!(err instanceof RegistryUnavailableError))
        logger.error({ err }, 'ИНН lookup failed with an unexpected error');
      result = 'unavailable';
    }
    await this.record(payload, result, inn);
  }

  private async record(payload: Payload, result: Result, inn: string | null): Promise<void> {
    const { db, clock, cipher } = this.deps;
    await db.transaction(async (tx) => {
      const row = await findPersonalDataForUpdate(tx, payload.accountId);
      if (!current(row, payload)) return;
      const now = clock.now();
      await updatePersonalData(tx, payload.accountId, {
        innLookupState: result,
        innEncrypted: inn ? cipher.encrypt(inn, innAad(payload.accountId)) : null,
      });
      await appendAudit(
        tx,
        {
          event: 'citizen.inn_lookup_completed',
          actorType: 'system',
          subjectId: payload.accountId,
          data: { revision: payload.revision, result },
        },
        now,
      );
    });
  }
}

/** The row still holds the checked submission whose ИНН is being asked for. */
function current(
  row: Awaited<ReturnType<typeof findPersonalData>>,
  payload: Payload,
): row is NonNullable<typeof row> {
  return (
    !!row &&
    row.revision === payload.revision &&
    row.verificationState === 'passed' &&
    row.innRevision === payload.revision &&
    row.innLookupState === 'in_progress'
  );
}
