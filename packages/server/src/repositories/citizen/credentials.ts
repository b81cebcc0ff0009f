import { and, eq, getTableColumns, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { accountContacts, accounts, loginThrottles, personalData } from '../../db/schema/index.js';
import type { AccountRow } from './accounts.js';

/** A contact as the account summary shows it. */
export interface ContactView {
  type: 'phone' | 'email';
  value: string;
  verified: boolean;
}
import type { NewSessionRow } from '../platform/sessions.js';

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
 * A password sign-in's first round trip, in one statement: the account of a verified phone or
 * e-mail with its contacts, and an attempt slot taken on it — or, when no account has that
 * contact, on the login's throttle row. Known and unknown logins take the same single statement,
 * so the answer's timing does not tell them apart (domain/citizen/login.ts, takeSlot). `slot` is
 * the count of failures with this attempt, or undefined when no slot was free (locked or busy:
 * the caller reads the state to learn which).
 */
export async function findAccountAndTakeSlot(
  db: Db,
  input: {
    type: 'phone' | 'email';
    value: string;
    throttleKey: string;
    now: Date;
    maxFailures: number;
  },
): Promise<{ account: (AccountRow & { contacts: ContactView[] }) | undefined; slot: number | undefined }> {
  const now = input.now.toISOString();
  const result = await db.execute(sql`
    with found as (
      select a.* from account_contacts c join accounts a on a.id = c.account_id
       where c.type = ${input.type} and c.value = ${input.value} and c.verified_at is not null
         and a.status = 'active'
       limit 1
    ), taken as (
      update accounts a
         set failed_logins = case when a.locked_until is null then a.failed_logins + 1 else 1 end,
             locked_until = null
        from found
       where a.id = found.id
         and ((a.locked_until is null and a.failed_logins < ${input.maxFailures}) or a.locked_until <= ${now}::timestamptz)
      returning a.failed_logins
    ), throttled as (
      insert into login_throttles (key, failures, locked_until, updated_at)
      select ${input.throttleKey}, 1, null, ${now}::timestamptz where not exists (select 1 from found)
      on conflict (key) do update
         set failures = case when login_throttles.locked_until is null then login_throttles.failures + 1 else 1 end,
             locked_until = null, updated_at = ${now}::timestamptz
       where (login_throttles.locked_until is null and login_throttles.failures < ${input.maxFailures})
          or login_throttles.locked_until <= ${now}::timestamptz
      returning failures
    )
    select (select to_jsonb(found) from found) as account,
           (select coalesce(json_agg(json_build_object('type', c.type, 'value', c.value, 'verified', c.verified_at is not null) order by c.created_at), '[]'::json)
              from account_contacts c where c.account_id = (select id from found)) as contacts,
           coalesce((select failed_logins from taken), (select failures from throttled)) as slot`);
  const [row] = (
    result as unknown as { rows: { account: unknown; contacts: unknown; slot: number | null }[] }
  ).rows;
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const account = row?.account ? accountFromJson(json(row.account) as Record<string, unknown>) : undefined;
  return {
    account: account && { ...account, contacts: json(row!.contacts) as ContactView[] },
    slot: row?.slot ?? undefined,
  };
}

/** An accounts row read as JSON (to_jsonb) turned into the row Drizzle would give. */
function accountFromJson(json: Record<string, unknown>): AccountRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(accounts))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as AccountRow;
}

/**
 * The two statements every password sign-in runs outside a transaction, prepared once (STACK.md:
 * Drizzle's query building is most of a point lookup's cost): finding the account by a verified
 * contact and taking an attempt slot (an account's or an unknown login's). Bound to the root database handle, never to a transaction.
 */
export function prepareSignInStatements(db: Db) {
  const byContact = db
    .select({
      account: accounts,
      // The account's contacts come along: the sign-in answer shows them, one round trip fewer.
      contacts: sql<
        ContactView[]
      >`(select coalesce(json_agg(json_build_object('type', c.type, 'value', c.value, 'verified', c.verified_at is not null) order by c.created_at), '[]'::json) from account_contacts c where c.account_id = ${accounts.id})`,
    })
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
    ): Promise<(AccountRow & { contacts: ContactView[] }) | undefined> {
      const [row] = await byContact.execute({ type, value });
      return row && { ...row.account, contacts: row.contacts };
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

/**
 * A password sign-in's writes in ONE statement, so atomic without BEGIN/COMMIT round trips (the
 * sign-in path is benchmarked against argon2's own cost): reset the attempt count unless a lockout
 * is in force (other guesses may have locked the account while this password was being checked),
 * replace the browser's previous session (session fixation), open the new session, and append the
 * audit entry. Nothing is written when the account is locked; returns whether the sign-in happened.
 */
export async function recordPasswordSignIn(
  db: DbOrTx,
  input: { session: NewSessionRow; now: Date; replacedSessionHash: string | null; audit: SQL },
): Promise<boolean> {
  const { session, now } = input;
  const result = await db.execute(sql`
    with reset as (
      update accounts set failed_logins = 0, locked_until = null
       where id = ${session.accountId} and (locked_until is null or locked_until <= ${now.toISOString()}::timestamptz)
      returning id
    ), replaced as (
      update sessions set revoked_at = ${now.toISOString()}::timestamptz
       where token_hash = ${input.replacedSessionHash}::text and revoked_at is null and exists (select 1 from reset)
    ), opened as (
      insert into sessions (token_hash, account_id, auth_method, created_at, last_seen_at, expires_at, ip, user_agent)
      select ${session.tokenHash}, reset.id, ${session.authMethod}, ${session.createdAt.toISOString()}::timestamptz,
             ${session.lastSeenAt.toISOString()}::timestamptz, ${session.expiresAt.toISOString()}::timestamptz,
             ${session.ip ?? null}::text, ${session.userAgent ?? null}::text
        from reset
      returning account_id
    )
    select ${input.audit} as seq from opened`);
  return (result as unknown as { rows: unknown[] }).rows.length > 0;
}
