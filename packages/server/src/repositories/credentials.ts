import { and, eq, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
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

/**
 * After a right password: clears the count under the row lock the UPDATE takes, unless a lockout
 * is in force (other attempts' wrong passwords locked the account while this one was checked).
 * False means it was: the sign-in is refused.
 */
export async function resetLockoutUnlessLocked(db: DbOrTx, accountId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(accounts)
    .set({ failedLogins: 0, lockedUntil: null })
    .where(and(eq(accounts.id, accountId), or(isNull(accounts.lockedUntil), lte(accounts.lockedUntil, now))))
    .returning({ id: accounts.id });
  return rows.length > 0;
}

/**
 * The two statements every password sign-in runs outside a transaction, prepared once (STACK.md:
 * Drizzle's query building is most of a point lookup's cost): finding the account by a verified
 * contact and taking an attempt slot (an account's or an unknown login's). Bound to the root database handle, never to a transaction.
 */
export function prepareSignInStatements(db: Db) {
  const byContact = db
    .select({ account: accounts })
    .from(accountContacts)
    .innerJoin(accounts, eq(accounts.id, accountContacts.accountId))
    .where(
      and(
        eq(accountContacts.type, sql.placeholder('type')),
        eq(accountContacts.value, sql.placeholder('value')),
        isNotNull(accountContacts.verifiedAt),
        eq(accounts.status, 'active'),
      ),
    )
    .limit(1)
    .prepare('sign_in_account_by_contact');
  const takeSlot = db
    .update(accounts)
    .set({
      failedLogins: sql`case when ${accounts.lockedUntil} is null then ${accounts.failedLogins} + 1 else 1 end`,
      lockedUntil: null,
    })
    .where(
      and(
        eq(accounts.id, sql.placeholder('id')),
        or(
          and(isNull(accounts.lockedUntil), lt(accounts.failedLogins, sql.placeholder('max'))),
          lte(accounts.lockedUntil, sql`${sql.placeholder('now')}::timestamptz`),
        ),
      ),
    )
    .returning({ failures: accounts.failedLogins })
    .prepare('sign_in_take_account_slot');
  const takeThrottle = db
    .insert(loginThrottles)
    .values({
      key: sql.placeholder('key'),
      failures: 1,
      lockedUntil: null,
      updatedAt: sql`${sql.placeholder('now')}::timestamptz`,
    })
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: {
        failures: sql`case when ${loginThrottles.lockedUntil} is null then ${loginThrottles.failures} + 1 else 1 end`,
        lockedUntil: null,
        updatedAt: sql`${sql.placeholder('now')}::timestamptz`,
      },
      setWhere: or(
        and(isNull(loginThrottles.lockedUntil), lt(loginThrottles.failures, sql.placeholder('max'))),
        lte(loginThrottles.lockedUntil, sql`${sql.placeholder('now')}::timestamptz`),
      ),
    })
    .returning({ failures: loginThrottles.failures })
    .prepare('sign_in_take_throttle_slot');
  return {
    async findAccountByVerifiedContact(
      type: 'phone' | 'email',
      value: string,
    ): Promise<AccountRow | undefined> {
      const [row] = await byContact.execute({ type, value });
      return row?.account;
    },
    /**
     * Takes one attempt slot on the account in one statement (domain/citizen/login.ts, takeSlot):
     * applied only when the account is not locked and a slot is left, or its lockout has run out
     * (then the count starts afresh). Atomic, so parallel attempts never share a slot and never retry
     * on each other. Undefined when not applied: the caller reads the state to learn why.
     */
    async takeAccountSlot(accountId: string, now: Date, maxFailures: number): Promise<number | undefined> {
      const [row] = await takeSlot.execute({ id: accountId, now: now.toISOString(), max: maxFailures });
      return row?.failures;
    },
    /** The same for a login that matches no account: its throttle row, created on first use. */
    async takeThrottleSlot(key: string, now: Date, maxFailures: number): Promise<number | undefined> {
      const [row] = await takeThrottle.execute({ key, now: now.toISOString(), max: maxFailures });
      return row?.failures;
    },
  };
}
export type SignInStatements = ReturnType<typeof prepareSignInStatements>;
