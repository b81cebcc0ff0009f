import { and, eq, gt, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { esiaRequests } from '../../db/schema/index.js';

export type EsiaRequestRow = typeof esiaRequests.$inferSelect;

export async function insertEsiaRequest(db: DbOrTx, row: EsiaRequestRow): Promise<void> {
  await db.insert(esiaRequests).values(row);
}

/** The browser's pending request (its cookie's hash must match), not expired. */
export async function findEsiaRequest(
  db: DbOrTx,
  id: string,
  browserHash: string,
  now: Date,
): Promise<EsiaRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(esiaRequests)
    .where(
      and(
        eq(esiaRequests.id, id),
        eq(esiaRequests.browserHash, browserHash),
        gt(esiaRequests.expiresAt, now),
      ),
    )
    .limit(1);
  return row;
}

/** Ends the request (answered): true when this call removed it, so two answers never both go on. */
export async function deleteEsiaRequest(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .delete(esiaRequests)
    .where(eq(esiaRequests.id, id))
    .returning({ id: esiaRequests.id });
  return rows.length > 0;
}

export async function deleteExpiredEsiaRequests(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db
    .delete(esiaRequests)
    .where(lte(esiaRequests.expiresAt, now))
    .returning({ id: esiaRequests.id });
  return rows.length;
}
