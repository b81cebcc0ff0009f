import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { accounts, sessions } from '../../db/schema/index.js';

export type SessionRow = typeof sessions.$inferSelect;
export type NewSessionRow = typeof sessions.$inferInsert & {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
};

export async function insertSession(db: DbOrTx, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

/**
 * The session lookup behind every signed-in request (and the provider's check of the OpenESIA
 * session), and its touch, prepared once: Drizzle's query building is most of a point lookup's
 * cost (STACK.md). Bound to the root database handle, never to a transaction; times go as ISO
 * strings cast in SQL (a placeholder skips the column's mapping of a Date).
 */
export function prepareSessionStatements(db: Db) {
  const at = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;
  const findLive = db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, at('now')),
        eq(accounts.status, 'active'),
      ),
    )
    .limit(1)
    .prepare('session_find_live');
  const touch = db
    .update(sessions)
    .set({ lastSeenAt: at('now'), expiresAt: at('expiresAt') })
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('session_touch');
  return {
    async findLiveSession(tokenHash: string, now: Date) {
      const [row] = await findLive.execute({ tokenHash, now: now.toISOString() });
      return row;
    },
    async touchSession(tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
      await touch.execute({ tokenHash, now: now.toISOString(), expiresAt: expiresAt.toISOString() });
    },
  };
}

export async function revokeSession(db: DbOrTx, tokenHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, tokenHash));
}

export async function revokeAccountSessions(db: DbOrTx, accountId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)));
}

/** The session's «Частное лицо» (null) or the organization chosen to act for. */
export async function setSessionActingFor(
  db: DbOrTx,
  tokenHash: string,
  organizationId: string | null,
): Promise<void> {
  await db
    .update(sessions)
    .set({ actingForOrganizationId: organizationId })
    .where(eq(sessions.tokenHash, tokenHash));
}
