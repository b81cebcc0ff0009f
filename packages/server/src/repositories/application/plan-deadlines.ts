import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { regionPlanDeadlines } from '../../db/schema/index.js';

export type PlanDeadlineRow = typeof regionPlanDeadlines.$inferSelect;

/** The opening plan's deadlines the regions' operators set (a region without one has none here). */
export async function listPlanDeadlines(db: DbOrTx): Promise<Map<string, PlanDeadlineRow>> {
  const rows = await db.select().from(regionPlanDeadlines);
  return new Map(rows.map((r) => [r.regionCode, r]));
}

export async function findPlanDeadline(
  db: DbOrTx,
  regionCode: string,
  options: { forUpdate?: boolean } = {},
): Promise<PlanDeadlineRow | undefined> {
  const query = db.select().from(regionPlanDeadlines).where(eq(regionPlanDeadlines.regionCode, regionCode));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function upsertPlanDeadline(db: DbOrTx, row: PlanDeadlineRow): Promise<void> {
  await db
    .insert(regionPlanDeadlines)
    .values(row)
    .onConflictDoUpdate({
      target: regionPlanDeadlines.regionCode,
      set: { deadline: row.deadline, setBy: row.setBy, setAt: row.setAt },
    });
}

/** Back to the configured default: the row goes, the audit log keeps what it said. */
export async function deletePlanDeadline(db: DbOrTx, regionCode: string): Promise<void> {
  await db.delete(regionPlanDeadlines).where(eq(regionPlanDeadlines.regionCode, regionCode));
}
