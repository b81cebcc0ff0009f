import { and, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organizations, serviceCenters, workstationJournal } from '../../db/schema/index.js';

export type JournalInsert = typeof workstationJournal.$inferInsert;

export async function insertJournalEntry(db: DbOrTx, row: JournalInsert): Promise<void> {
  await db.insert(workstationJournal).values(row);
}

/** «Удаление»: the record stays, the masked data of the person go (152-ФЗ ст. 21). */
export async function eraseJournalTarget(db: DbOrTx, accountId: string): Promise<void> {
  await db
    .update(workstationJournal)
    .set({ targetMasked: null })
    .where(eq(workstationJournal.targetAccountId, accountId));
}

export interface JournalFilter {
  organizationId?: string;
  regionCode?: string;
  centerId?: string;
  operatorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

function where(f: JournalFilter) {
  return and(
    f.organizationId ? eq(workstationJournal.organizationId, f.organizationId) : undefined,
    f.regionCode ? eq(workstationJournal.regionCode, f.regionCode) : undefined,
    f.centerId ? eq(workstationJournal.centerId, f.centerId) : undefined,
    f.operatorId ? eq(workstationJournal.operatorAccountId, f.operatorId) : undefined,
    f.action ? eq(workstationJournal.action, f.action as never) : undefined,
    f.from ? gte(workstationJournal.at, f.from) : undefined,
    f.to ? lt(workstationJournal.at, f.to) : undefined,
  );
}

/** A page of the journal, newest first, with the names of organizations and centers. */
export async function listJournal(db: DbOrTx, filter: JournalFilter, offset: number, limit: number) {
  const rows = await db
    .select({
      entry: workstationJournal,
      organizationName: organizations.shortName,
      centerName: serviceCenters.name,
    })
    .from(workstationJournal)
    .innerJoin(organizations, eq(organizations.id, workstationJournal.organizationId))
    .leftJoin(serviceCenters, eq(serviceCenters.id, workstationJournal.centerId))
    .where(where(filter))
    .orderBy(desc(workstationJournal.at), desc(workstationJournal.seq))
    .offset(offset)
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(workstationJournal).where(where(filter));
  return { rows, total: Number(total?.n ?? 0) };
}

/** Operations done per center and per operator since `since`: the technological portal's report. */
export async function countOperationsByCenter(
  db: DbOrTx,
  centerIds: readonly string[],
  since: Date,
): Promise<Map<string, { operations: number; byOperator: Map<string, number> }>> {
  const result = new Map<string, { operations: number; byOperator: Map<string, number> }>();
  if (!centerIds.length) return result;
  const rows = await db
    .select({
      centerId: workstationJournal.centerId,
      operatorId: workstationJournal.operatorAccountId,
      n: count(),
    })
    .from(workstationJournal)
    .where(
      and(
        sql`${workstationJournal.centerId} in ${centerIds}`,
        gte(workstationJournal.at, since),
        sql`${workstationJournal.action} not in ('sign_in', 'sign_in_refused', 'choose_center', 'accept_terms', 'search')`,
        sql`${workstationJournal.outcome} <> 'refused'`,
      ),
    )
    .groupBy(workstationJournal.centerId, workstationJournal.operatorAccountId);
  for (const r of rows) {
    const entry = result.get(r.centerId!) ?? { operations: 0, byOperator: new Map<string, number>() };
    entry.operations += Number(r.n);
    entry.byOperator.set(r.operatorId, Number(r.n));
    result.set(r.centerId!, entry);
  }
  return result;
}
