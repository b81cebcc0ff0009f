import { and, asc, desc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { ApplicationStatus, OrganizationApproval } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import {
  organizationApplicationEvents,
  organizationApplications,
  organizationApplicationVersions,
  organizationApprovalsTable,
  organizations,
} from '../../db/schema/index.js';

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

/**
 * One application, locked, whoever's it is: the operators' moves. The service then checks that
 * the operator may act on its region; another region's application answers as an unknown one.
 */
export async function findApplicationForUpdate(db: DbOrTx, id: string): Promise<ApplicationRow | undefined> {
  const [row] = await db
    .select()
    .from(organizationApplications)
    .where(eq(organizationApplications.id, id))
    .limit(1)
    .for('update');
  return row;
}

export async function findApplication(db: DbOrTx, id: string): Promise<ApplicationRow | undefined> {
  const [row] = await db
    .select()
    .from(organizationApplications)
    .where(eq(organizationApplications.id, id))
    .limit(1);
  return row;
}

export async function insertApplicationVersion(
  db: DbOrTx,
  row: typeof organizationApplicationVersions.$inferInsert,
): Promise<void> {
  await db.insert(organizationApplicationVersions).values(row);
}

/** The versions sent, oldest first, without the scans' bytes (a page lists them; one is downloaded). */
export async function listApplicationVersions(db: DbOrTx, applicationId: string) {
  const v = organizationApplicationVersions;
  return db
    .select({
      version: v.version,
      content: v.content,
      digest: v.digest,
      signingMethod: v.signingMethod,
      signedDocumentId: v.signedDocumentId,
      scanType: v.scanType,
      scanFileName: v.scanFileName,
      scanSize: sql<number | null>`octet_length(${v.scan})`.mapWith((n) => (n === null ? null : Number(n))),
      submittedBy: v.submittedBy,
      submittedAt: v.submittedAt,
    })
    .from(v)
    .where(eq(v.applicationId, applicationId))
    .orderBy(asc(v.version));
}

/** The scan of one version, with its type, or undefined when that version was signed electronically. */
export async function findVersionScan(
  db: DbOrTx,
  applicationId: string,
  version: number,
): Promise<{ scan: Buffer; scanType: string; scanFileName: string } | undefined> {
  const v = organizationApplicationVersions;
  const [row] = await db
    .select({ scan: v.scan, scanType: v.scanType, scanFileName: v.scanFileName })
    .from(v)
    .where(and(eq(v.applicationId, applicationId), eq(v.version, version)))
    .limit(1);
  if (!row?.scan || !row.scanType) return undefined;
  return { scan: row.scan, scanType: row.scanType, scanFileName: row.scanFileName ?? 'scan' };
}

/** The organizations of `ids` as the applications' pages name them. */
export async function listApplicantOrganizations(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return new Map<string, ApplicantOrganization>();
  const rows = await db
    .select({
      id: organizations.id,
      shortName: organizations.shortName,
      fullName: organizations.fullName,
      ogrn: organizations.ogrn,
      regionCode: organizations.regionCode,
    })
    .from(organizations)
    .where(inArray(organizations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}
export interface ApplicantOrganization {
  id: string;
  shortName: string;
  fullName: string;
  ogrn: string;
  regionCode: string;
}

/**
 * Grants `approval` to the organization (the federal operator approved the form). A grant
 * revoked earlier is granted again from `now`.
 */
export async function grantApproval(
  db: DbOrTx,
  organizationId: string,
  approval: OrganizationApproval,
  now: Date,
): Promise<void> {
  await db
    .insert(organizationApprovalsTable)
    .values({ organizationId, approval, grantedAt: now, revokedAt: null })
    .onConflictDoUpdate({
      target: [organizationApprovalsTable.organizationId, organizationApprovalsTable.approval],
      set: { grantedAt: now, revokedAt: null },
    });
}

/**
 * The responsible person («Данные об УЛ», seed 003, appendix 1) named in the organization's latest
 * approved application: who answers for its service centers and their complaints. Undefined
 * before any application is approved.
 */
export async function findResponsiblePerson(
  db: DbOrTx,
  organizationId: string,
): Promise<{ accountId: string; email: string | null } | undefined> {
  const t = organizationApplications;
  const [row] = await db
    .select({ content: t.content })
    .from(t)
    .where(and(eq(t.organizationId, organizationId), eq(t.status, 'approved')))
    .orderBy(desc(t.decidedAt), desc(t.id))
    .limit(1);
  const responsible = row?.content.responsible;
  if (!responsible?.accountId) return undefined;
  return { accountId: responsible.accountId, email: responsible.email ?? null };
}
