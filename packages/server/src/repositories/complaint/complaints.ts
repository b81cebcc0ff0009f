import { and, asc, count, desc, eq, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ComplaintCounts, ComplaintFilter } from '@openesia/contracts';
import type { DbOrTx } from '../../db/client.js';
import {
  accounts,
  complaints,
  organizationApprovalsTable,
  organizations,
  serviceCenters,
} from '../../db/schema/index.js';

export type ComplaintRow = typeof complaints.$inferSelect;

/** Whose complaints a list shows: one organization's, one region's, or every one (the federal operator). */
export type ComplaintScope = { organizationId: string } | { regionCode: string } | { all: true };

/** Where a page ends: the last row's time (filed, or due) and id. */
export interface ComplaintCursor {
  at: Date;
  id: string;
}

/** An organization a complaint may name, as the form and the lists show it. */
export interface ComplaintOrganizationRow {
  id: string;
  shortName: string;
  fullName: string;
  regionCode: string;
}

/**
 * The organizations whose service centers can be complained about: registered, holding an
 * approval (an authorized organization: its centers serve citizens). A blocked one stays in the
 * list: the person may complain about what happened before.
 */
function isAuthorized(): SQL {
  return and(
    eq(organizations.status, 'registered'),
    sql`exists (select 1 from ${organizationApprovalsTable} where ${organizationApprovalsTable.organizationId} = ${organizations.id} and ${organizationApprovalsTable.revokedAt} is null)`,
  )!;
}

const organizationColumns = {
  id: organizations.id,
  shortName: organizations.shortName,
  fullName: organizations.fullName,
  regionCode: organizations.regionCode,
};

/** `%typed%` for ILIKE, with the wildcards of what was typed taken literally. */
function containing(typed: string): string {
  return `%${typed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The authorized organizations whose short or full name contains `q`, by short name. */
export async function searchComplaintOrganizations(
  db: DbOrTx,
  query: { q?: string; regionCode?: string; limit: number },
): Promise<ComplaintOrganizationRow[]> {
  const q = query.q?.trim();
  return db
    .select(organizationColumns)
    .from(organizations)
    .where(
      and(
        isAuthorized(),
        query.regionCode ? eq(organizations.regionCode, query.regionCode) : undefined,
        q
          ? or(ilike(organizations.shortName, containing(q)), ilike(organizations.fullName, containing(q)))
          : undefined,
      ),
    )
    .orderBy(asc(organizations.shortName), asc(organizations.id))
    .limit(query.limit);
}

/** One authorized organization, with its e-mail for the notice; undefined for any other id. */
export async function findComplaintOrganization(
  db: DbOrTx,
  id: string,
): Promise<(ComplaintOrganizationRow & { email: string }) | undefined> {
  const [row] = await db
    .select({ ...organizationColumns, email: organizations.email })
    .from(organizations)
    .where(and(eq(organizations.id, id), isAuthorized()))
    .limit(1);
  return row;
}

/** An active service center of the organization, named in a complaint; undefined for any other. */
export async function findComplaintCenter(
  db: DbOrTx,
  organizationId: string,
  centerId: string,
): Promise<{ id: string; name: string; address: string } | undefined> {
  const [row] = await db
    .select({ id: serviceCenters.id, name: serviceCenters.name, address: serviceCenters.address })
    .from(serviceCenters)
    .where(
      and(
        eq(serviceCenters.id, centerId),
        eq(serviceCenters.organizationId, organizationId),
        eq(serviceCenters.status, 'active'),
      ),
    )
    .limit(1);
  return row;
}

/** A new complaint; its number comes from the table's identity column. */
export async function insertComplaint(
  db: DbOrTx,
  row: Omit<typeof complaints.$inferInsert, 'number'>,
): Promise<ComplaintRow> {
  const [inserted] = await db.insert(complaints).values(row).returning();
  return inserted!;
}

export async function findComplaint(
  db: DbOrTx,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ComplaintRow | undefined> {
  const query = db.select().from(complaints).where(eq(complaints.id, id)).limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/**
 * Writes the answer only if the complaint has none yet: of two answers sent at once the second
 * finds it answered (undefined).
 */
export async function answerComplaintIfUnanswered(
  db: DbOrTx,
  id: string,
  answer: { answer: string; answeredAt: Date; answeredBy: string },
): Promise<ComplaintRow | undefined> {
  const [row] = await db
    .update(complaints)
    .set(answer)
    .where(and(eq(complaints.id, id), isNull(complaints.answeredAt)))
    .returning();
  return row;
}

function scopeWhere(scope: ComplaintScope): SQL | undefined {
  if ('organizationId' in scope) return eq(complaints.organizationId, scope.organizationId);
  if ('regionCode' in scope) return eq(complaints.regionCode, scope.regionCode);
  return undefined;
}

/** A complaint as the lists show it: with its organization and the name of whoever answered. */
export interface ComplaintListRow {
  complaint: ComplaintRow;
  organization: ComplaintOrganizationRow;
  answeredBy: { lastName: string; firstName: string; middleName: string | null } | null;
}

/**
 * A page of complaints of `scope`: `all` newest first by (created_at, id); those awaiting an
 * answer (`overdue`: and past due at `now`) by (answer_due_at, id), the most urgent first. Each
 * order has its index (schema/complaints.ts).
 */
export async function listComplaints(
  db: DbOrTx,
  scope: ComplaintScope,
  filter: ComplaintFilter,
  page: { limit: number; after?: ComplaintCursor; now: Date },
): Promise<ComplaintListRow[]> {
  const t = complaints;
  const { after } = page;
  const where =
    filter === 'all'
      ? and(
          scopeWhere(scope),
          after
            ? sql`(${t.createdAt}, ${t.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
            : undefined,
        )
      : and(
          scopeWhere(scope),
          isNull(t.answeredAt),
          filter === 'overdue' ? lt(t.answerDueAt, page.now) : undefined,
          after
            ? sql`(${t.answerDueAt}, ${t.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
            : undefined,
        );
  const order = filter === 'all' ? [desc(t.createdAt), desc(t.id)] : [asc(t.answerDueAt), asc(t.id)];
  const rows = await db
    .select({
      complaint: t,
      organization: organizationColumns,
      answeredBy: {
        lastName: accounts.lastName,
        firstName: accounts.firstName,
        middleName: accounts.middleName,
      },
    })
    .from(t)
    .innerJoin(organizations, eq(organizations.id, t.organizationId))
    .leftJoin(accounts, eq(accounts.id, t.answeredBy))
    .where(where)
    .orderBy(...order)
    .limit(page.limit);
  return rows;
}

/** One complaint as the lists show it. */
export async function findComplaintView(db: DbOrTx, id: string): Promise<ComplaintListRow | undefined> {
  const [row] = await db
    .select({
      complaint: complaints,
      organization: organizationColumns,
      answeredBy: {
        lastName: accounts.lastName,
        firstName: accounts.firstName,
        middleName: accounts.middleName,
      },
    })
    .from(complaints)
    .innerJoin(organizations, eq(organizations.id, complaints.organizationId))
    .leftJoin(accounts, eq(accounts.id, complaints.answeredBy))
    .where(eq(complaints.id, id))
    .limit(1);
  return row;
}

/** How many of `scope`'s complaints await an answer, and how many of those are past due at `now`. */
export async function countComplaints(
  db: DbOrTx,
  scope: ComplaintScope,
  now: Date,
): Promise<ComplaintCounts> {
  const [row] = await db
    .select({
      awaitingAnswer: count(),
      overdue:
        sql<number>`count(*) filter (where ${complaints.answerDueAt} < ${now.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
    })
    .from(complaints)
    .where(and(scopeWhere(scope), isNull(complaints.answeredAt)));
  return { awaitingAnswer: row?.awaitingAnswer ?? 0, overdue: row?.overdue ?? 0 };
}

/** The same counts for each of `organizationIds` (the federal operator's list of organizations). */
export async function countComplaintsByOrganization(
  db: DbOrTx,
  organizationIds: readonly string[],
  now: Date,
): Promise<Map<string, ComplaintCounts>> {
  if (!organizationIds.length) return new Map();
  const rows = await db
    .select({
      organizationId: complaints.organizationId,
      awaitingAnswer: count(),
      overdue:
        sql<number>`count(*) filter (where ${complaints.answerDueAt} < ${now.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
    })
    .from(complaints)
    .where(and(inArray(complaints.organizationId, [...organizationIds]), isNull(complaints.answeredAt)))
    .groupBy(complaints.organizationId);
  return new Map(rows.map(({ organizationId, ...counts }) => [organizationId, counts]));
}

/** Whether the organization has any complaint yet (the demo seed adds its examples once). */
export async function hasComplaints(db: DbOrTx, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: complaints.id })
    .from(complaints)
    .where(eq(complaints.organizationId, organizationId))
    .limit(1);
  return !!row;
}
