import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { accountContacts, accounts, personalData } from '../../db/schema/index.js';

/**
 * The search of the workstation: each kind is one indexed equality on a keyed hash or a
 * normalized contact (domain/workstation/search.ts makes the keys). The caller passes hashes, never
 * plain ФИО, document or СНИЛС.
 */
export type HashedKey =
  | { kind: 'name_birth'; hash: string }
  | { kind: 'document'; hash: string }
  | { kind: 'snils'; hash: string }
  | { kind: 'phone'; value: string }
  | { kind: 'email'; value: string };

/** Results are few by construction; a key shared by more than this is cut (a data error to look at). */
export const SEARCH_LIMIT = 20;

/** The account ids each key finds (deleted accounts are not found). */
export async function findByKey(db: DbOrTx, key: HashedKey): Promise<string[]> {
  if (key.kind === 'phone' || key.kind === 'email') {
    const rows = await db
      .select({ id: accountContacts.accountId })
      .from(accountContacts)
      .innerJoin(accounts, eq(accounts.id, accountContacts.accountId))
      .where(
        and(
          eq(accountContacts.type, key.kind),
          eq(accountContacts.value, key.value),
          isNotNull(accountContacts.verifiedAt),
          eq(accounts.status, 'active'),
        ),
      )
      .limit(SEARCH_LIMIT);
    return rows.map((r) => r.id);
  }
  const hash = key.hash;
  const column =
    key.kind === 'name_birth'
      ? personalData.nameBirthLookup
      : key.kind === 'document'
        ? personalData.passportLookup
        : personalData.snilsLookup;
  const rows = await db
    .select({ id: personalData.accountId })
    .from(personalData)
    .innerJoin(accounts, eq(accounts.id, personalData.accountId))
    .where(and(eq(column, hash), eq(accounts.status, 'active')))
    .limit(SEARCH_LIMIT);
  return rows.map((r) => r.id);
}

/** What a result row shows of a found account (decrypted and masked by the service). */
export async function loadFound(db: DbOrTx, accountIds: readonly string[]) {
  if (!accountIds.length) return [];
  const rows = await db
    .select({
      account: accounts,
      personal: personalData,
    })
    .from(accounts)
    .leftJoin(personalData, eq(personalData.accountId, accounts.id))
    .where(inArray(accounts.id, [...accountIds]));
  const contacts = await db
    .select()
    .from(accountContacts)
    .where(and(inArray(accountContacts.accountId, [...accountIds]), isNotNull(accountContacts.verifiedAt)));
  return rows.map((r) => ({
    ...r,
    contacts: contacts.filter((c) => c.accountId === r.account.id),
  }));
}

/** Personal data saved before the name-and-birth key existed: filled at start, a batch at a time. */
export async function listWithoutNameBirthLookup(db: DbOrTx, limit: number) {
  return db
    .select({
      accountId: personalData.accountId,
      birthDate: personalData.birthDate,
      lastName: accounts.lastName,
      firstName: accounts.firstName,
      middleName: accounts.middleName,
    })
    .from(personalData)
    .innerJoin(accounts, eq(accounts.id, personalData.accountId))
    .where(sql`${personalData.nameBirthLookup} is null`)
    .limit(limit);
}

export async function setNameBirthLookup(db: DbOrTx, accountId: string, lookup: string): Promise<void> {
  await db.update(personalData).set({ nameBirthLookup: lookup }).where(eq(personalData.accountId, accountId));
}
