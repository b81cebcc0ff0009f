import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  accountContacts,
  accountChildren,
  accounts,
  esiaCodes,
  oidcConsents,
  organizationMembers,
  personalData,
  postLetters,
  sessions,
  signedDocuments,
  testCaCertificates,
} from '../../db/schema/index.js';
import { revokeEsiaTokensOfAccount } from '../esia/tokens.js';

/** An employee of an organization is not deleted at a desk: the organization's profile depends on him. */
export async function isActiveEmployee(db: DbOrTx, accountId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organizationMembers.id })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.accountId, accountId), isNull(organizationMembers.removedAt)))
    .limit(1);
  return row !== undefined;
}

/**
 * «Удаление» (152-ФЗ ст. 21 ч. 3: the personal data destroyed on the subject's request): the
 * account stays as a number (relying parties and the journal know it by oid), everything that
 * names or identifies the person goes, and every token a system holds for it is revoked. In the
 * caller's transaction.
 */
export async function eraseAccount(db: DbOrTx, accountId: string, now: Date): Promise<void> {
  await db.delete(personalData).where(eq(personalData.accountId, accountId));
  await db.delete(accountContacts).where(eq(accountContacts.accountId, accountId));
  await db.delete(accountChildren).where(eq(accountChildren.parentAccountId, accountId));
  await db.delete(postLetters).where(eq(postLetters.accountId, accountId));
  await db.delete(oidcConsents).where(eq(oidcConsents.accountId, accountId));
  // Systems signed in through the ESIA-compatible interface read nothing more: their tokens die
  // with the account, and a code not yet exchanged gives none.
  await revokeEsiaTokensOfAccount(db, accountId, now);
  await db.delete(esiaCodes).where(eq(esiaCodes.accountId, accountId));
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)));
  await db
    .update(signedDocuments)
    .set({ signerSnilsEncrypted: null, signerSnilsLookup: null, signerName: null, certificate: null })
    .where(eq(signedDocuments.accountId, accountId));
  await db
    .update(testCaCertificates)
    .set({ certificateEncrypted: null, snilsLookup: null, revokedAt: now, revocationReason: 5 })
    .where(and(eq(testCaCertificates.issuedBy, accountId), isNull(testCaCertificates.revokedAt)));
  await db
    .update(accounts)
    .set({
      status: 'deleted',
      lastName: '',
      firstName: '',
      middleName: null,
      passwordHash: null,
      passwordMustChange: false,
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: now,
    })
    .where(eq(accounts.id, accountId));
}
