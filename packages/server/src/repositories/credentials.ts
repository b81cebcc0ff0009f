import { and, eq, isNotNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { accountContacts, accounts, loginThrottles, personalData } from '../db/schema/index.js';
import type { AccountRow } from './accounts.js';

/**
 * Sign-in by СНИЛС works once the personal data exist and the checks passed, or the account is
 * confirmed (seed 000: СНИЛС is one of the logins of a standard or confirmed account).
 */
export async function findAccountBySnilsLookup(
  db: DbOrTx,
  snilsLookup: string,
): Promise<AccountRow | undefined> {
  const [row] = await db
    .select({ account: accounts })
    .from(personalData)
    .innerJoin(accounts, eq(accounts.id, personalData.accountId))
    .where(
      and(
        eq(personalData.snilsLookup, snilsLookup),
        eq(personalData.snilsClaimed, true),
        eq(accounts.status, 'active'),
        or(eq(personalData.verificationState, 'passed'), eq(accounts.level, 'confirmed')),
      ),
    )
    .limit(1);
  return row?.account;
}

/** The verified phones and e-mails of an account: where a recovery code may go, what a password must not equal. */
export async function listVerifiedContacts(db: DbOrTx, accountId: string) {
  return db
    .select({ type: accountContacts.type, value: accountContacts.value })
    .from(accountContacts)
    .where(and(eq(accountContacts.accountId, accountId), isNotNull(accountContacts.verifiedAt)));
}

export type LoginThrottleRow = typeof loginThrottles.$inferSelect;

/** The throttle row of an unknown login, created on first use and locked for the transaction. */
export async function getLoginThrottleForUpdate(
  db: DbOrTx,
  key: string,
  now: Date,
): Promise<LoginThrottleRow> {
  await db
    .insert(loginThrottles)
    .values({ key, failures: 0, lockedUntil: null, updatedAt: now })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(loginThrottles)
    .where(eq(loginThrottles.key, key))
    .for('update')
    .limit(1);
  return row;
}

export async function findLoginThrottle(db: DbOrTx, key: string): Promise<LoginThrottleRow | undefined> {
  const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.key, key)).limit(1);
  return row;
}

export async function updateLoginThrottle(
  db: DbOrTx,
  key: string,
  changes: { failures: number; lockedUntil: Date | null; updatedAt: Date },
): Promise<void> {
  await db.update(loginThrottles).set(changes).where(eq(loginThrottles.key, key));
}
