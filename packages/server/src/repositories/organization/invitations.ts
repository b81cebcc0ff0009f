import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organizationInvitations, organizations } from '../../db/schema/index.js';

export type InvitationRow = typeof organizationInvitations.$inferSelect;

export async function insertInvitation(
  db: DbOrTx,
  row: typeof organizationInvitations.$inferInsert,
): Promise<InvitationRow> {
  const [inserted] = await db.insert(organizationInvitations).values(row).returning();
  return inserted;
}

/** The organization's invitations, newest first (a page of «Приглашения»). */
export async function listInvitations(
  db: DbOrTx,
  organizationId: string,
  limit: number,
): Promise<InvitationRow[]> {
  return db
    .select()
    .from(organizationInvitations)
    .where(eq(organizationInvitations.organizationId, organizationId))
    .orderBy(desc(organizationInvitations.sentAt), desc(organizationInvitations.id))
    .limit(limit);
}

/**
 * One invitation of `organizationId`, locked: another organization's invitation id is as unknown
 * as an id that never existed.
 */
export async function findInvitationForUpdate(
  db: DbOrTx,
  organizationId: string,
  invitationId: string,
): Promise<InvitationRow | undefined> {
  const [row] = await db
    .select()
    .from(organizationInvitations)
    .where(
      and(
        eq(organizationInvitations.id, invitationId),
        eq(organizationInvitations.organizationId, organizationId),
      ),
    )
    .limit(1)
    .for('update');
  return row;
}

/**
 * The invitation a link's token (by its HMAC) opens, with its organization's names; `forUpdate`
 * locks the invitation's row so that two acceptances of one link are decided one after the other.
 */
export async function findInvitationByTokenHash(
  db: DbOrTx,
  tokenHash: string,
  options: { forUpdate?: boolean } = {},
): Promise<
  | {
      invitation: InvitationRow;
      organization: Pick<
        typeof organizations.$inferSelect,
        'id' | 'shortName' | 'fullName' | 'ogrn' | 'regionCode' | 'status' | 'refusal' | 'returnReason'
      >;
    }
  | undefined
> {
  const query = db
    .select({
      invitation: organizationInvitations,
      organization: {
        id: organizations.id,
        shortName: organizations.shortName,
        fullName: organizations.fullName,
        ogrn: organizations.ogrn,
        regionCode: organizations.regionCode,
        status: organizations.status,
        refusal: organizations.refusal,
        returnReason: organizations.returnReason,
      },
    })
    .from(organizationInvitations)
    .innerJoin(organizations, eq(organizations.id, organizationInvitations.organizationId))
    .where(eq(organizationInvitations.tokenHash, tokenHash))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update', { of: organizationInvitations }) : await query;
  return row;
}

/** Marks a pending invitation revoked; false when it was not pending any more. */
export async function revokeInvitation(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(organizationInvitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(organizationInvitations.id, id),
        isNull(organizationInvitations.acceptedAt),
        isNull(organizationInvitations.revokedAt),
      ),
    )
    .returning({ id: organizationInvitations.id });
  return rows.length === 1;
}

/** A new link for the invitation: the old token's hash is replaced, so the old link stops working. */
export async function reissueInvitation(
  db: DbOrTx,
  id: string,
  changes: { tokenHash: string; sentAt: Date; expiresAt: Date },
): Promise<InvitationRow | undefined> {
  const [row] = await db
    .update(organizationInvitations)
    .set(changes)
    .where(
      and(
        eq(organizationInvitations.id, id),
        isNull(organizationInvitations.acceptedAt),
        isNull(organizationInvitations.revokedAt),
      ),
    )
    .returning();
  return row;
}

/**
 * Single use: marks the invitation accepted only if it still is not (nor revoked); false when
 * another acceptance came first.
 */
export async function markInvitationAccepted(
  db: DbOrTx,
  id: string,
  acceptedBy: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(organizationInvitations)
    .set({ acceptedAt: now, acceptedBy })
    .where(
      and(
        eq(organizationInvitations.id, id),
        isNull(organizationInvitations.acceptedAt),
        isNull(organizationInvitations.revokedAt),
      ),
    )
    .returning({ id: organizationInvitations.id });
  return rows.length === 1;
}
