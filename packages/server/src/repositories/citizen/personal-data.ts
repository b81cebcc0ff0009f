import { and, eq, gt, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, personalData } from '../../db/schema/index.js';

export type PersonalDataRow = typeof personalData.$inferSelect;
export type PersonalDataInsert = typeof personalData.$inferInsert;

export async function findPersonalData(db: DbOrTx, accountId: string): Promise<PersonalDataRow | undefined> {
  const [row] = await db.select().from(personalData).where(eq(personalData.accountId, accountId)).limit(1);
  return row;
}

/** Locks the row for the rest of the transaction (take the account's lock first: one order everywhere). */
export async function findPersonalDataForUpdate(
  db: DbOrTx,
  accountId: string,
): Promise<PersonalDataRow | undefined> {
  const [row] = await db
    .select()
    .from(personalData)
    .where(eq(personalData.accountId, accountId))
    .for('update')
    .limit(1);
  return row;
}

/** Another account holding this СНИЛС (standard, confirmed, or with checks running). */
export async function findOtherSnilsClaim(
  db: DbOrTx,
  snilsLookup: string,
  accountId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ accountId: personalData.accountId })
    .from(personalData)
    .where(
      and(
        eq(personalData.snilsLookup, snilsLookup),
        eq(personalData.snilsClaimed, true),
        ne(personalData.accountId, accountId),
      ),
    )
    .limit(1);
  return row?.accountId;
}

export async function findAccountIdBySnilsLookup(
  db: DbOrTx,
  snilsLookup: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ accountId: personalData.accountId })
    .from(personalData)
    .where(and(eq(personalData.snilsLookup, snilsLookup), eq(personalData.snilsClaimed, true)))
    .limit(1);
  return row?.accountId;
}

/** One row per account: a new submission replaces the previous one (its revision goes up). */
export async function upsertPersonalData(db: DbOrTx, row: PersonalDataInsert): Promise<void> {
  const { accountId: _key, ...changes } = row;
  await db
    .insert(personalData)
    .values(row)
    .onConflictDoUpdate({ target: personalData.accountId, set: changes });
}

export async function updatePersonalData(
  db: DbOrTx,
  accountId: string,
  changes: Partial<PersonalDataInsert>,
): Promise<void> {
  await db.update(personalData).set(changes).where(eq(personalData.accountId, accountId));
}

/**
 * When the account submitted personal data (or was refused for a taken СНИЛС) since `since`. The
 * audit log already records each of them in the same transaction, so it is the counter: no
 * second table to keep in step.
 */
export async function listSubmissionTimes(db: DbOrTx, accountId: string, since: Date): Promise<Date[]> {
  const rows = await db
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.subjectId, accountId),
        inArray(auditLog.event, ['citizen.personal_data_submitted', 'citizen.snils_taken_refused']),
        gt(auditLog.at, since),
      ),
    );
  return rows.map((r) => r.at);
}

/** Submissions whose registry checks have not all answered. */
export async function listPersonalDataInProgress(db: DbOrTx): Promise<PersonalDataRow[]> {
  return db.select().from(personalData).where(eq(personalData.verificationState, 'in_progress'));
}
