import { and, asc, gt, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { oidcSigningKeys } from '../../db/schema/index.js';

export type SigningKeyRow = typeof oidcSigningKeys.$inferSelect;

/** Keys still published at `now` (not past their expiry), oldest activation first. */
export async function listPublishedSigningKeys(db: DbOrTx, now: Date): Promise<SigningKeyRow[]> {
  return db
    .select()
    .from(oidcSigningKeys)
    .where(or(isNull(oidcSigningKeys.expiresAt), gt(oidcSigningKeys.expiresAt, now)))
    .orderBy(asc(oidcSigningKeys.activatesAt), asc(oidcSigningKeys.createdAt));
}

/** Inserts a key unless one with its kid exists (two processes starting at once). */
export async function insertSigningKey(db: DbOrTx, row: typeof oidcSigningKeys.$inferInsert): Promise<void> {
  await db.insert(oidcSigningKeys).values(row).onConflictDoNothing();
}

/**
 * Ends the signing life of every key still signing at `at` (a successor activates then); each
 * stays published until `expiresAt` so tokens it signed still verify.
 */
export async function retireSigningKeys(
  db: DbOrTx,
  at: Date,
  expiresAt: Date,
  exceptKid: string,
): Promise<void> {
  await db
    .update(oidcSigningKeys)
    .set({ retiresAt: at, expiresAt })
    .where(
      and(
        isNull(oidcSigningKeys.retiresAt),
        lte(oidcSigningKeys.activatesAt, at),
        ne(oidcSigningKeys.kid, exceptKid),
      ),
    );
}

/** Takes a transaction-wide lock so two processes never create or rotate keys at once. */
export async function lockSigningKeys(db: DbOrTx): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('oidc_signing_keys'))`);
}

/** Keys past their expiry (retention). */
export async function deleteExpiredSigningKeys(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db
    .delete(oidcSigningKeys)
    .where(lte(oidcSigningKeys.expiresAt, now))
    .returning({ kid: oidcSigningKeys.kid });
  return rows.length;
}
