import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { accounts } from '../../db/schema/index.js';
import type { AccountRow } from '../citizen/accounts.js';

/** The account an OpenID Connect subject names: `sub` is the ESIA-style numeric oid. */
export async function findActiveAccountByOid(db: DbOrTx, oid: string): Promise<AccountRow | undefined> {
  if (!/^\d{1,18}$/.test(oid)) return undefined;
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.oid, BigInt(oid)), eq(accounts.status, 'active')))
    .limit(1);
  return row;
}
