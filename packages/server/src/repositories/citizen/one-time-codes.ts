import { and, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { codeSends, oneTimeCodes } from '../../db/schema/index.js';
import { newId } from '../../lib/crypto.js';

export type OneTimeCodeRow = typeof oneTimeCodes.$inferSelect;
export type CodePurpose = OneTimeCodeRow['purpose'];

export async function insertOneTimeCode(db: DbOrTx, row: typeof oneTimeCodes.$inferInsert): Promise<void> {
  await db.insert(oneTimeCodes).values(row);
}

/** Locks the row: two entries of the same code never both succeed. */
export async function findOneTimeCodeForUpdate(
  db: DbOrTx,
  id: string,
  purpose: CodePurpose,
): Promise<OneTimeCodeRow | undefined> {
  const [row] = await db
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.id, id), eq(oneTimeCodes.purpose, purpose)))
    .for('update')
    .limit(1);
  return row;
}

export async function findOneTimeCodeByLinkToken(
  db: DbOrTx,
  linkTokenHash: string,
): Promise<OneTimeCodeRow | undefined> {
  const [row] = await db
    .select()
    .from(oneTimeCodes)
    .where(eq(oneTimeCodes.linkTokenHash, linkTokenHash))
    .for('update')
    .limit(1);
  return row;
}

export async function findOneTimeCodeByCompletionToken(
  db: DbOrTx,
  completionTokenHash: string,
  forUpdate = false,
): Promise<OneTimeCodeRow | undefined> {
  const query = db
    .select()
    .from(oneTimeCodes)
    .where(eq(oneTimeCodes.completionTokenHash, completionTokenHash));
  const [row] = forUpdate ? await query.for('update').limit(1) : await query.limit(1);
  return row;
}

export async function updateOneTimeCode(
  db: DbOrTx,
  id: string,
  changes: Partial<typeof oneTimeCodes.$inferInsert>,
): Promise<void> {
  await db.update(oneTimeCodes).set(changes).where(eq(oneTimeCodes.id, id));
}

export async function recordCodeSend(
  db: DbOrTx,
  row: { purpose: CodePurpose; destination: string; ip: string | null; sentAt: Date },
): Promise<void> {
  await db.insert(codeSends).values({ id: newId(), ...row });
}

/** Times of the sends to a destination (or from an address) since `since`, for the hourly caps. */
export async function listCodeSendTimes(
  db: DbOrTx,
  by: { destination: string } | { ip: string },
  since: Date,
): Promise<Date[]> {
  const rows = await db
    .select({ sentAt: codeSends.sentAt })
    .from(codeSends)
    .where(
      and(
        'destination' in by ? eq(codeSends.destination, by.destination) : eq(codeSends.ip, by.ip),
        gt(codeSends.sentAt, since),
      ),
    );
  return rows.map((r) => r.sentAt);
}
