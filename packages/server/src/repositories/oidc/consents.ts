import { and, asc, eq, sql } from 'drizzle-orm';
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
  row: { accountId: string; clientId: string; scopes: string[]; grantIds: string[]; now: Date },
): Promise<void> {
  await db
    .insert(oidcConsents)
    .values({
      accountId: row.accountId,
      clientId: row.clientId,
      scopes: row.scopes,
      grantIds: row.grantIds,
      grantedAt: row.now,
      updatedAt: row.now,
    })
    .onConflictDoUpdate({
      target: [oidcConsents.accountId, oidcConsents.clientId],
      set: { scopes: row.scopes, grantIds: row.grantIds, updatedAt: row.now },
    });
}

/** Adds a provider grant made from the consent (a new browser session's). */
export async function addOidcConsentGrant(
  db: DbOrTx,
  accountId: string,
  clientId: string,
  grantId: string,
): Promise<void> {
  await db
    .update(oidcConsents)
    .set({ grantIds: sql`${oidcConsents.grantIds} || ${JSON.stringify([grantId])}::jsonb` })
    .where(and(eq(oidcConsents.accountId, accountId), eq(oidcConsents.clientId, clientId)));
}

/** Deletes the consent; returns its grants (to revoke), or undefined when there was none. */
export async function deleteOidcConsent(
  db: DbOrTx,
  accountId: string,
  clientId: string,
): Promise<string[] | undefined> {
  const [row] = await db
    .delete(oidcConsents)
    .where(and(eq(oidcConsents.accountId, accountId), eq(oidcConsents.clientId, clientId)))
    .returning({ grantIds: oidcConsents.grantIds });
  return row?.grantIds;
}
