import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { accountRoles } from '../../db/schema/index.js';

/** Staff roles held by an account (the federal operator today). */

export type StaffRole = (typeof accountRoles.$inferSelect)['role'];

export async function listRoles(db: DbOrTx, accountId: string): Promise<StaffRole[]> {
  const rows = await db
    .select({ role: accountRoles.role })
    .from(accountRoles)
    .where(eq(accountRoles.accountId, accountId));
  return rows.map((r) => r.role);
}

/** True when the role is new to the account; holding it already changes nothing. */
export async function grantRole(db: DbOrTx, accountId: string, role: StaffRole, now: Date): Promise<boolean> {
  const rows = await db
    .insert(accountRoles)
    .values({ accountId, role, grantedAt: now })
    .onConflictDoNothing()
    .returning({ role: accountRoles.role });
  return rows.length === 1;
}

/** True when the account held the role and no longer does. */
export async function revokeRole(db: DbOrTx, accountId: string, role: StaffRole): Promise<boolean> {
  const rows = await db
    .delete(accountRoles)
    .where(and(eq(accountRoles.accountId, accountId), eq(accountRoles.role, role)))
    .returning({ role: accountRoles.role });
  return rows.length === 1;
}
