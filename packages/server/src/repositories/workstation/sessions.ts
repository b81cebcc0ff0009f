import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { CenterService } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import {
  serviceCenterOperators,
  serviceCenters,
  workstationFound,
  workstationSessions,
  workstationTermsAcceptances,
} from '../../db/schema/index.js';

export type WorkstationSessionRow = typeof workstationSessions.$inferSelect;

export async function insertWorkstationSession(
  db: DbOrTx,
  row: typeof workstationSessions.$inferInsert,
): Promise<void> {
  await db.insert(workstationSessions).values(row);
}

/** The session of the token hash, live (not revoked, not past its idle expiry) at `now`. */
export async function findLiveWorkstationSession(
  db: DbOrTx,
  tokenHash: string,
  now: Date,
): Promise<WorkstationSessionRow | undefined> {
  const [row] = await db
    .select()
    .from(workstationSessions)
    .where(
      and(
        eq(workstationSessions.tokenHash, tokenHash),
        isNull(workstationSessions.revokedAt),
        gt(workstationSessions.expiresAt, now),
      ),
    )
    .limit(1);
  return row;
}

export async function updateWorkstationSession(
  db: DbOrTx,
  tokenHash: string,
  changes: Partial<Pick<WorkstationSessionRow, 'centerId' | 'lastSeenAt' | 'expiresAt' | 'revokedAt'>>,
): Promise<void> {
  await db.update(workstationSessions).set(changes).where(eq(workstationSessions.tokenHash, tokenHash));
}

/** A center the operator may choose: active, of the organization, and he is attached to it. */
export interface OperatorCenterRow {
  id: string;
  name: string;
  address: string;
  regionCode: string;
  services: CenterService[];
}

/**
 * The active centers of the organization the operator is attached to (seed 000: «выбрать центр
 * обслуживания» among them), or the one `centerId` when given.
 */
export async function listOperatorCenters(
  db: DbOrTx,
  organizationId: string,
  accountId: string,
  centerId?: string,
): Promise<OperatorCenterRow[]> {
  return db
    .select({
      id: serviceCenters.id,
      name: serviceCenters.name,
      address: serviceCenters.address,
      regionCode: serviceCenters.regionCode,
      services: serviceCenters.services,
    })
    .from(serviceCenterOperators)
    .innerJoin(serviceCenters, eq(serviceCenters.id, serviceCenterOperators.centerId))
    .where(
      and(
        eq(serviceCenterOperators.accountId, accountId),
        eq(serviceCenters.organizationId, organizationId),
        eq(serviceCenters.status, 'active'),
        centerId ? eq(serviceCenters.id, centerId) : undefined,
      ),
    )
    .orderBy(asc(serviceCenters.name), asc(serviceCenters.id));
}

export async function hasAcceptedTerms(db: DbOrTx, accountId: string, version: string): Promise<boolean> {
  const [row] = await db
    .select({ accountId: workstationTermsAcceptances.accountId })
    .from(workstationTermsAcceptances)
    .where(
      and(
        eq(workstationTermsAcceptances.accountId, accountId),
        eq(workstationTermsAcceptances.version, version),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Recorded once: a second acceptance of the same version changes nothing (false). */
export async function insertTermsAcceptance(
  db: DbOrTx,
  row: typeof workstationTermsAcceptances.$inferInsert,
): Promise<boolean> {
  const rows = await db
    .insert(workstationTermsAcceptances)
    .values(row)
    .onConflictDoNothing()
    .returning({ accountId: workstationTermsAcceptances.accountId });
  return rows.length === 1;
}

export async function rememberFound(
  db: DbOrTx,
  sessionTokenHash: string,
  accountIds: readonly string[],
  now: Date,
): Promise<void> {
  if (!accountIds.length) return;
  await db
    .insert(workstationFound)
    .values(accountIds.map((accountId) => ({ sessionTokenHash, accountId, foundAt: now })))
    .onConflictDoUpdate({
      target: [workstationFound.sessionTokenHash, workstationFound.accountId],
      set: { foundAt: sql`excluded.found_at` },
    });
}

export async function wasFound(db: DbOrTx, sessionTokenHash: string, accountId: string): Promise<boolean> {
  const [row] = await db
    .select({ accountId: workstationFound.accountId })
    .from(workstationFound)
    .where(
      and(eq(workstationFound.sessionTokenHash, sessionTokenHash), eq(workstationFound.accountId, accountId)),
    )
    .limit(1);
  return row !== undefined;
}
