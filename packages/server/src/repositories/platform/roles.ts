import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { accountRoles } from '../../db/schema/index.js';

/** Staff roles held by an account (the federal operator today). */

export async function hasRole(db: DbOrTx, accountId: string, role: 'federal_operator'): Promise<boolean> {
  const [row] = await db
    .select({ role: accountRoles.role })
    .from(accountRoles)
    .where(and(eq(accountRoles.accountId, accountId), eq(accountRoles.role, role)))
    .limit(1);
  return !!row;
}

export type StaffRole = (typeof accountRoles.$inferSelect)['role'];

/** True when the role is new to the account; holding it already changes nothing. */
export async function grantRole(db: DbOrTx, accountId: string, role: StaffRole, now: Date): Promise<boolean> {
  const rows = await db
    .insert(accountRoles)
    .values({ accountId, role, grantedAt: now })
    .onConflictDoNothing()
    .returning({ role: accountRoles.role });
  return rows.length === 1;
}
