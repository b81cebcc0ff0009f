import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organizationMembers } from '../../db/schema/index.js';

/** «Администратор профиля организации» given or taken back (the head decides, membership.ts). */
export async function setAdministrator(db: DbOrTx, memberId: string, administrator: boolean): Promise<void> {
  await db
    .update(organizationMembers)
    .set({ isAdministrator: administrator })
    .where(eq(organizationMembers.id, memberId));
}
