import { and, asc, desc, eq, gt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { ApplicationStatus } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import { organizationApplicationEvents, organizationApplications } from '../../db/schema/index.js';

export type ApplicationRow = typeof organizationApplications.$inferSelect;
export type ApplicationEventRow = typeof organizationApplicationEvents.$inferSelect;

/**
 * A new draft. The partial unique index allows one live application of a form per organization:
 * a second draft raced in by a double click comes back as `undefined`, not as a unique-key 500.
 */
export async function insertApplicationIfNoneLive(
  db: DbOrTx,
  row: typeof organizationApplications.$inferInsert,
): Promise<ApplicationRow | undefined> {
  const [inserted] = await db.insert(organizationApplications).values(row).onConflictDoNothing().returning();
  return inserted;
}

/**
 * One application of `organizationId`, locked: another organization's application id is as
 * unknown as an id that never existed.
 */
export async function findApplicationOfOrganizationForUpdate(
  db: DbOrTx,
  organizationId: string,
  applicationId: string,
): Promise<ApplicationRow | undefined> {
  const [row] = await db
    .select()
    .from(organizationApplications)
    .where(
      and(
        eq(organizationApplications.id, applicationId),
        eq(organizationApplications.organizationId, organizationId),
      ),
    )
    .limit(1)
    .for('update');
  return row;
}

/** The organization's applications, newest first (its «Заявки» page). */
export async function listApplicationsOfOrganization(
  db: DbOrTx,
  organizationId: string,
): Promise<ApplicationRow[]> {
  return db
    .select()
    .from(organizationApplications)
    .where(eq(organizationApplications.organizationId, organizationId))
    .orderBy(desc(organizationApplications.createdAt), desc(organizationApplications.id));
}

/**
 * Writes `changes` (a move of the route, or an edit) only if the application is still in
 * `expected.status` at `expected.revision`, and bumps the revision. `undefined` means someone else
 * moved or edited it first.
 */
export async function updateApplicationIf(
  db: DbOrTx,
  id: string,
  expected: { status: ApplicationStatus; revision: number },
  changes: Partial<typeof organizationApplications.$inferInsert> & { updatedAt: Date },
): Promise<ApplicationRow | undefined> {
  const [row] = await db
    .update(organizationApplications)
    .set({ ...changes, revision: expected.revision + 1 })
    .where(
      and(
        eq(organizationApplications.id, id),
        eq(organizationApplications.status, expected.status),
        eq(organizationApplications.revision, expected.revision),
      ),
    )
    .returning();
  return row;
}

export async function insertApplicationEvent(
  db: DbOrTx,
  row: typeof organizationApplicationEvents.$inferInsert,
): Promise<void> {
  await db.insert(organizationApplicationEvents).values(row);
}

/** An application's history, oldest first. */
export async function listApplicationEvents(
  db: DbOrTx,
  applicationId: string,
): Promise<ApplicationEventRow[]> {
  return db
    .select()
    .from(organizationApplicationEvents)
    .where(eq(organizationApplicationEvents.applicationId, applicationId))
    .orderBy(asc(organizationApplicationEvents.at), asc(organizationApplicationEvents.id));
}

/** Where a queue page ends: the last row's time and id, so that the next page starts after it. */
export interface QueueCursor {
  at: Date;
  id: string;
}

/** The rows after `cursor` in the order (`time`, id); every row when there is no cursor. */
function afterCursor(time: PgColumn, cursor: QueueCursor | undefined): SQL | undefined {
  const id = organizationApplications.id;
  return cursor ? or(gt(time, cursor.at), and(eq(time, cursor.at), gt(id, cursor.id))) : undefined;
}

/** The regional operator's queue of one region: submitted applications, oldest first, by pages. */
export async function listRegionalQueue(
  db: DbOrTx,
  regionCode: string,
  limit: number,
  after?: QueueCursor,
): Promise<ApplicationRow[]> {
  const t = organizationApplications;
  return db
    .select()
    .from(t)
    .where(and(eq(t.status, 'submitted'), eq(t.regionCode, regionCode), afterCursor(t.submittedAt, after)))
    .orderBy(asc(t.submittedAt), asc(t.id))
    .limit(limit);
}

/** The federal operator's queue: forwarded applications of every region, oldest first, by pages. */
export async function listFederalQueue(
  db: DbOrTx,
  limit: number,
  after?: QueueCursor,
): Promise<ApplicationRow[]> {
  const t = organizationApplications;
  return db
    .select()
    .from(t)
    .where(and(eq(t.status, 'forwarded'), afterCursor(t.forwardedAt, after)))
    .orderBy(asc(t.forwardedAt), asc(t.id))
    .limit(limit);
}
