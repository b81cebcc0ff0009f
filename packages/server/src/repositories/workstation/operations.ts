import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { accountChildren, workstationOperationsTable } from '../../db/schema/index.js';

export type OperationRow = typeof workstationOperationsTable.$inferSelect;
export type ChildRow = typeof accountChildren.$inferSelect;

export async function insertOperation(
  db: DbOrTx,
  row: typeof workstationOperationsTable.$inferInsert,
): Promise<void> {
  await db.insert(workstationOperationsTable).values(row);
}

/** The operation, if it was done at this center (another center's operation is not found). */
export async function findOperation(
  db: DbOrTx,
  operationId: string,
  centerId: string,
): Promise<OperationRow | undefined> {
  const [row] = await db
    .select()
    .from(workstationOperationsTable)
    .where(
      and(eq(workstationOperationsTable.id, operationId), eq(workstationOperationsTable.centerId, centerId)),
    )
    .limit(1);
  return row;
}

export async function updateOperation(
  db: DbOrTx,
  operationId: string,
  changes: Partial<Pick<OperationRow, 'state' | 'completedAt' | 'receipt' | 'receiptExpiresAt' | 'papers'>>,
): Promise<void> {
  await db
    .update(workstationOperationsTable)
    .set(changes)
    .where(eq(workstationOperationsTable.id, operationId));
}

/** The operation waiting for the registry checks of this revision of the account's personal data. */
export async function findAwaitingOperation(
  db: DbOrTx,
  accountId: string,
  revision: number,
): Promise<OperationRow | undefined> {
  const [row] = await db
    .select()
    .from(workstationOperationsTable)
    .where(
      and(
        eq(workstationOperationsTable.targetAccountId, accountId),
        eq(workstationOperationsTable.personalDataRevision, revision),
        eq(workstationOperationsTable.state, 'awaiting_checks'),
      ),
    )
    .limit(1)
    .for('update');
  return row;
}

/** 152-ФЗ ст. 21: the printed papers and receipts of a deleted account's operations go too. */
export async function erasePapersOf(db: DbOrTx, accountId: string): Promise<void> {
  await db
    .update(workstationOperationsTable)
    .set({ papers: null, receipt: null, receiptExpiresAt: null })
    .where(eq(workstationOperationsTable.targetAccountId, accountId));
}

/** The temporary password is no longer needed once the citizen set their own. */
export async function dropReceiptsOf(db: DbOrTx, accountId: string): Promise<void> {
  await db
    .update(workstationOperationsTable)
    .set({ receipt: null, receiptExpiresAt: null })
    .where(and(eq(workstationOperationsTable.targetAccountId, accountId), sql`receipt is not null`));
}

// ---- children ----

export async function insertChild(db: DbOrTx, row: typeof accountChildren.$inferInsert): Promise<void> {
  await db.insert(accountChildren).values(row);
}

export async function findChildByCertificate(
  db: DbOrTx,
  parentAccountId: string,
  birthCertificateLookup: string,
): Promise<ChildRow | undefined> {
  const [row] = await db
    .select()
    .from(accountChildren)
    .where(
      and(
        eq(accountChildren.parentAccountId, parentAccountId),
        eq(accountChildren.birthCertificateLookup, birthCertificateLookup),
      ),
    )
    .limit(1);
  return row;
}

export async function listChildren(db: DbOrTx, parentAccountId: string): Promise<ChildRow[]> {
  return db
    .select()
    .from(accountChildren)
    .where(eq(accountChildren.parentAccountId, parentAccountId))
    .orderBy(accountChildren.createdAt);
}
