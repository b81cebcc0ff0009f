import { and, eq, isNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { esiaCodes } from '../../db/schema/index.js';

export type EsiaCodeRow = typeof esiaCodes.$inferSelect;

export async function insertEsiaCode(db: DbOrTx, row: EsiaCodeRow): Promise<void> {
  await db.insert(esiaCodes).values(row);
}

export async function findEsiaCode(db: DbOrTx, codeHash: string): Promise<EsiaCodeRow | undefined> {
  const [row] = await db.select().from(esiaCodes).where(eq(esiaCodes.codeHash, codeHash)).limit(1);
  return row;
}

/** Marks the code used: true only for the one call that did it (a race gives the second false). */
export async function consumeEsiaCode(db: DbOrTx, codeHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(esiaCodes)
    .set({ consumedAt: now })
    .where(and(eq(esiaCodes.codeHash, codeHash), isNull(esiaCodes.consumedAt)))
    .returning({ codeHash: esiaCodes.codeHash });
  return rows.length > 0;
}

/** Codes past their expiry; a used one is kept as long, so its reuse is still recognised. */
export async function deleteExpiredEsiaCodes(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db
    .delete(esiaCodes)
    .where(lte(esiaCodes.expiresAt, now))
    .returning({ h: esiaCodes.codeHash });
  return rows.length;
}
