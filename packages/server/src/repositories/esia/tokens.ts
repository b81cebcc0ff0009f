import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { esiaTokens } from '../../db/schema/index.js';

export type EsiaTokenRow = typeof esiaTokens.$inferSelect;

export async function insertEsiaTokens(db: DbOrTx, rows: EsiaTokenRow[]): Promise<void> {
  if (rows.length) await db.insert(esiaTokens).values(rows);
}

export async function findEsiaToken(db: DbOrTx, tokenHash: string): Promise<EsiaTokenRow | undefined> {
  const [row] = await db.select().from(esiaTokens).where(eq(esiaTokens.tokenHash, tokenHash)).limit(1);
  return row;
}

/**
 * An access token as /rs/* accepts it: recorded, never revoked and not expired (the signature and
 * the claims are checked before by services/esia/tokens.ts).
 */
export async function findLiveAccessToken(
  db: DbOrTx,
  tokenHash: string,
  now: Date,
): Promise<EsiaTokenRow | undefined> {
  const [row] = await db
    .select()
    .from(esiaTokens)
    .where(
      and(
        eq(esiaTokens.tokenHash, tokenHash),
        eq(esiaTokens.kind, 'access'),
        isNull(esiaTokens.revokedAt),
        gt(esiaTokens.expiresAt, now),
      ),
    )
    .limit(1);
  return row;
}

/** Uses a refresh token once (rotation): true only for the one call that did it. */
export async function consumeEsiaToken(db: DbOrTx, tokenHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(esiaTokens)
    .set({ consumedAt: now })
    .where(
      and(eq(esiaTokens.tokenHash, tokenHash), isNull(esiaTokens.consumedAt), isNull(esiaTokens.revokedAt)),
    )
    .returning({ h: esiaTokens.tokenHash });
  return rows.length > 0;
}

async function revokeWhere(db: DbOrTx, where: ReturnType<typeof and>, now: Date): Promise<number> {
  const rows = await db
    .update(esiaTokens)
    .set({ revokedAt: now })
    .where(and(where, isNull(esiaTokens.revokedAt)))
    .returning({ h: esiaTokens.tokenHash });
  return rows.length;
}

/** Every token descended from one code (its reuse, a refresh token's replay). */
export function revokeEsiaTokensOfGrant(db: DbOrTx, grantHash: string, now: Date): Promise<number> {
  return revokeWhere(db, and(eq(esiaTokens.grantHash, grantHash)), now);
}

/** Every token a person's consent to a system gave (its withdrawal). */
export function revokeEsiaTokensOfConsent(
  db: DbOrTx,
  accountId: string,
  clientId: string,
  now: Date,
): Promise<number> {
  return revokeWhere(db, and(eq(esiaTokens.accountId, accountId), eq(esiaTokens.clientId, clientId)), now);
}

/** Every token of one sign-in session (`urn:esia:sid`), for any system (logout). */
export function revokeEsiaTokensOfSession(db: DbOrTx, sid: string, now: Date): Promise<number> {
  return revokeWhere(db, and(eq(esiaTokens.sid, sid)), now);
}

/** Every token of a person, for every system (the account's erasure). */
export function revokeEsiaTokensOfAccount(db: DbOrTx, accountId: string, now: Date): Promise<number> {
  return revokeWhere(db, and(eq(esiaTokens.accountId, accountId)), now);
}

export async function deleteExpiredEsiaTokens(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db
    .delete(esiaTokens)
    .where(lte(esiaTokens.expiresAt, now))
    .returning({ h: esiaTokens.tokenHash });
  return rows.length;
}
