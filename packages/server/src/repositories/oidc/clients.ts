import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { oidcClients } from '../../db/schema/index.js';

export type OidcClientRow = typeof oidcClients.$inferSelect;
export type OidcClientStatus = OidcClientRow['status'];

export async function findOidcClient(db: DbOrTx, clientId: string): Promise<OidcClientRow | undefined> {
  const [row] = await db.select().from(oidcClients).where(eq(oidcClients.clientId, clientId)).limit(1);
  return row;
}

export async function findOidcClientForUpdate(
  db: DbOrTx,
  clientId: string,
): Promise<OidcClientRow | undefined> {
  const [row] = await db
    .select()
    .from(oidcClients)
    .where(eq(oidcClients.clientId, clientId))
    .for('update')
    .limit(1);
  return row;
}

export async function listOidcClients(db: DbOrTx): Promise<OidcClientRow[]> {
  return db.select().from(oidcClients).orderBy(asc(oidcClients.clientId));
}

/** Inserts the client; false when its client_id is taken. */
export async function insertOidcClient(db: DbOrTx, row: typeof oidcClients.$inferInsert): Promise<boolean> {
  const inserted = await db
    .insert(oidcClients)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: oidcClients.id });
  return inserted.length > 0;
}

export async function updateOidcClient(
  db: DbOrTx,
  clientId: string,
  changes: Partial<typeof oidcClients.$inferInsert>,
): Promise<void> {
  await db.update(oidcClients).set(changes).where(eq(oidcClients.clientId, clientId));
}
