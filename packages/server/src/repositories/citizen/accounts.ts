import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { accountContacts, accounts } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';

export type AccountRow = typeof accounts.$inferSelect;
export type ContactRow = typeof accountContacts.$inferSelect;

export async function findAccountById(db: DbOrTx, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row;
}

export async function getAccountById(db: DbOrTx, id: string): Promise<AccountRow> {
  const row = await findAccountById(db, id);
  if (!row) throw new AppError('not_found');
  return row;
}

/** Locks the row for the rest of the transaction: level changes never race each other. */
export async function getAccountForUpdate(db: DbOrTx, id: string): Promise<AccountRow> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id)).for('update').limit(1);
  if (!row) throw new AppError('not_found');
  return row;
}

export async function listContacts(db: DbOrTx, accountId: string): Promise<ContactRow[]> {
  return db.select().from(accountContacts).where(eq(accountContacts.accountId, accountId));
}

/** The verified contacts of several accounts (forms prefilled from employees' accounts). */
export async function listVerifiedContacts(
  db: DbOrTx,
  accountIds: readonly string[],
): Promise<Pick<ContactRow, 'accountId' | 'type' | 'value'>[]> {
  if (!accountIds.length) return [];
  return db
    .select({
      accountId: accountContacts.accountId,
      type: accountContacts.type,
      value: accountContacts.value,
    })
    .from(accountContacts)
    .where(and(inArray(accountContacts.accountId, [...accountIds]), isNotNull(accountContacts.verifiedAt)));
}

export async function findAccountByVerifiedContact(
  db: DbOrTx,
  type: 'phone' | 'email',
  value: string,
): Promise<AccountRow | undefined> {
  const [row] = await db
    .select({ account: accounts })
    .from(accountContacts)
    .innerJoin(accounts, eq(accounts.id, accountContacts.accountId))
    .where(
      and(
        eq(accountContacts.type, type),
        eq(accountContacts.value, value),
        isNotNull(accountContacts.verifiedAt),
        eq(accounts.status, 'active'),
      ),
    )
    .limit(1);
  return row?.account;
}

export async function insertAccount(db: DbOrTx, row: typeof accounts.$inferInsert): Promise<AccountRow> {
  const [created] = await db.insert(accounts).values(row).returning();
  return created;
}

export async function updateAccount(
  db: DbOrTx,
  id: string,
  changes: Partial<typeof accounts.$inferInsert>,
): Promise<void> {
  await db.update(accounts).set(changes).where(eq(accounts.id, id));
}

export async function insertContact(db: DbOrTx, row: typeof accountContacts.$inferInsert): Promise<void> {
  await db.insert(accountContacts).values(row);
}

/** «Восстановление доступа»: the contacts given in person replace the old ones. */
export async function deleteContactsOf(db: DbOrTx, accountId: string): Promise<void> {
  await db.delete(accountContacts).where(eq(accountContacts.accountId, accountId));
}
