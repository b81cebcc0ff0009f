import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { oidcConsents } from '../../db/schema/index.js';

export type OidcConsentRow = typeof oidcConsents.$inferSelect;

export async function findOidcConsent(
  db: DbOrTx,
  accountId: string,
  clientId: string,
): Promise<OidcConsentRow | undefined> {
  const [row] = await db
    .select()
    .from(oidcConsents)
    .where(and(eq(oidcConsents.accountId, accountId), eq(oidcConsents.clientId, clientId)))
    .limit(1);
  return row;
}

export async function listOidcConsents(db: DbOrTx, accountId: string): Promise<OidcConsentRow[]> {
  return db
    .select()
    .from(oidcConsents)
    .where(eq(oidcConsents.accountId, accountId))
    .orderBy(asc(oidcConsents.grantedAt));
}

/** The scopes given to the system; a later consent replaces the list (it includes the earlier). */
export async function upsertOidcConsent(
  db: DbOrTx,
  row: { accountId: string; clientId: string; scopes: string[]; now: Date },
): Promise<void> {
  await db
    .insert(oidcConsents)
    .values({
      accountId: row.accountId,
      clientId: row.clientId,
      scopes: row.scopes,
      grantedAt: row.now,
      updatedAt: row.now,
    })
    .onConflictDoUpdate({
      target: [oidcConsents.accountId, oidcConsents.clientId],
      set: { scopes: row.scopes, updatedAt: row.now },
    });
}

export async function deleteOidcConsent(db: DbOrTx, accountId: string, clientId: string): Promise<boolean> {
  const rows = await db
    .delete(oidcConsents)
    .where(and(eq(oidcConsents.accountId, accountId), eq(oidcConsents.clientId, clientId)))
    .returning({ clientId: oidcConsents.clientId });
  return rows.length > 0;
}
