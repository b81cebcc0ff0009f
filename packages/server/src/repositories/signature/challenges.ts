import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { signatureChallenges } from '../../db/schema/index.js';

/** Signature challenges: single-use nonces a signature must cover. */

export type ChallengeRow = typeof signatureChallenges.$inferSelect;

export async function insertChallenge(
  db: DbOrTx,
  row: typeof signatureChallenges.$inferInsert,
): Promise<void> {
  await db.insert(signatureChallenges).values(row);
}

export async function findChallenge(db: DbOrTx, id: string): Promise<ChallengeRow | undefined> {
  const [row] = await db.select().from(signatureChallenges).where(eq(signatureChallenges.id, id)).limit(1);
  return row;
}

/** Marks the challenge used only if nobody did before: exactly one caller wins (single use). */
export async function useChallenge(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(signatureChallenges)
    .set({ usedAt: now })
    .where(and(eq(signatureChallenges.id, id), isNull(signatureChallenges.usedAt)))
    .returning({ id: signatureChallenges.id });
  return rows.length === 1;
}
