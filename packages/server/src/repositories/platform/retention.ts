import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { codeSends, loginThrottles, oneTimeCodes, signatureChallenges } from '../../db/schema/index.js';

/**
 * Deletes of rows whose purpose has passed (152-ФЗ, ст. 5 ч. 7: personal data are kept no longer
 * than the purpose of processing requires). Each returns how many rows went.
 */
export async function deleteFinishedOneTimeCodes(
  db: DbOrTx,
  now: Date,
  createdBefore: Date,
): Promise<number> {
  const rows = await db
    .delete(oneTimeCodes)
    .where(
      and(
        lt(oneTimeCodes.createdAt, createdBefore),
        or(isNotNull(oneTimeCodes.completedAt), lt(oneTimeCodes.expiresAt, now)),
      ),
    )
    .returning({ id: oneTimeCodes.id });
  return rows.length;
}

export async function deleteCodeSendsBefore(db: DbOrTx, sentBefore: Date): Promise<number> {
  const rows = await db
    .delete(codeSends)
    .where(lt(codeSends.sentAt, sentBefore))
    .returning({ id: codeSends.id });
  return rows.length;
}

/** Only throttles whose lock has run out: their next failure starts a fresh count anyway. */
export async function deletePassedLoginThrottles(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db
    .delete(loginThrottles)
    .where(lt(loginThrottles.lockedUntil, now))
    .returning({ key: loginThrottles.key });
  return rows.length;
}

export async function deleteFinishedSignatureChallenges(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db
    .delete(signatureChallenges)
    .where(or(isNotNull(signatureChallenges.usedAt), lt(signatureChallenges.expiresAt, now)))
    .returning({ id: signatureChallenges.id });
  return rows.length;
}
